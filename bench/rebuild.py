"""Benchmark (b): a full rebuild on PostgreSQL against the floor of streaming the same rows.

    .venv/bin/python -m bench.rebuild --events 50000 --claims-per-event 20   # 1,000,000 claims

The floor reads the same claim rows (with their article columns) through the
same driver with one plain SELECT, streamed, and does nothing with them. Each
side runs in a fresh process so that peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import sqlalchemy as sa

from bench.common import ROOT, fresh_postgres, make_app, peak_rss_mb
from tests.support import synthetic

FLOOR_SQL = """
SELECT c.id, c.event_id, c.kind, c.metric, c.category, c.category_label, c.qualifier, c.modality, c.value,
       c.lower, c.upper, c.point, c.stated_on, c.article_id, c.attributed_to_id, c.cites_id, c.rank,
       c.deprecated_reason, c.preferred_reason, c.withdrawn_at, a.outlet_id, a.republished_from_outlet_id,
       a.withdrawn_at
FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.event_id, c.id
"""


def run_floor(url: str) -> dict:
    engine = sa.create_engine(url)
    start = time.perf_counter()
    rows = 0
    with engine.connect() as conn:
        for _ in conn.execution_options(stream_results=True, yield_per=10000).execute(
            sa.text(FLOOR_SQL)
        ):
            rows += 1
    return {"seconds": time.perf_counter() - start, "rows": rows, "peak_mb": peak_rss_mb()}


def run_rebuild(url: str) -> dict:
    app = make_app(url)
    with app.app_context():
        from factcheck.services.rebuild import run_rebuild as rebuild
        from factcheck.services.rebuild import start_job

        job_id = start_job().id
        start = time.perf_counter()
        outcome = rebuild(job_id)
        seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "groups": outcome.groups,
        "written": len(outcome.written),
        "peak_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--claims-per-event", type=int, default=20)
    parser.add_argument("--database", default="factcheck_bench")
    parser.add_argument("--side", choices=["floor", "rebuild"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(run_floor(args.url) if args.side == "floor" else run_rebuild(args.url)))
        return
    url = fresh_postgres(args.database)
    engine = sa.create_engine(url)
    start = time.perf_counter()
    with engine.begin() as conn:
        claims = synthetic.generate(conn, args.events, args.claims_per_event)
    with engine.connect() as conn:
        conn.execute(sa.text("ANALYZE"))
    print(
        f"generated {claims} claims in {args.events} events in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    sides = {}
    for side in ("floor", "rebuild", "floor"):
        out = subprocess.run(
            [sys.executable, "-m", "bench.rebuild", "--side", side, "--url", url],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        sides[side] = json.loads(
            out.stdout
        )  # the second floor run, with a warm cache, is the one kept
    report = {
        "claims": claims,
        "events": args.events,
        "groups": sides["rebuild"]["groups"],
        "floor_s": round(sides["floor"]["seconds"], 2),
        "rebuild_s": round(sides["rebuild"]["seconds"], 2),
        "ratio_to_floor": round(sides["rebuild"]["seconds"] / sides["floor"]["seconds"], 1),
        "rebuild_claims_per_s": round(claims / sides["rebuild"]["seconds"]),
        "rebuild_peak_mb": round(sides["rebuild"]["peak_mb"]),
        "floor_peak_mb": round(sides["floor"]["peak_mb"]),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
