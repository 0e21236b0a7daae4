"""Benchmark: HTML and PDF report generation for one event of about 1,000 claims, on PostgreSQL.

    .venv/bin/python -m bench.reports                      # one event of 1,003 claims
    .venv/bin/python -m bench.reports --claims-per-event 2000 --repeat 1

The event comes from tests/support/synthetic.py (mixed qualifiers, totals and parts,
retractions, corrections, a republished copy) in a fresh database. Timed: the
whole generate_report() per format (reconcile, snapshot, render, store, commit)
and, apart, the snapshot and each renderer alone (median of --repeat runs).
Prints JSON; docs/benchmarks.md keeps the figures.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time

import sqlalchemy as sa
from pypdf import PdfReader

from bench.common import fresh_postgres, make_app, peak_rss_mb
from tests.support import synthetic


def _median_seconds(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--claims-per-event",
        type=int,
        default=936,
        help="base claims; retractions, corrections and copies come on top (936: 1,003 claims)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", default="factcheck_bench_reports")
    args = parser.parse_args()
    url = fresh_postgres(args.database)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        claims = synthetic.generate(conn, 1, args.claims_per_event)
    engine.dispose()

    app = make_app(url)
    with app.app_context():
        from factcheck.extensions import db
        from factcheck.models import Event
        from factcheck.services.reports import build_snapshot, file_of, generate_report
        from factcheck.services.reports.generate import render_file

        event_id = db.session.scalar(sa.select(Event.id))
        out: dict = {"claims": claims, "events": 1}
        for fmt in (
            "html",
            "pdf",
        ):  # the first run also reconciles the event: the figures are current
            seconds, report = _median_seconds(
                lambda fmt=fmt: generate_report(event_id, formats=[fmt]), 1
            )
            out[f"generate_{fmt}_s"] = round(seconds, 2)
            content = file_of(report, fmt)[0]
            out[f"{fmt}_bytes"] = len(content)
        out["pdf_pages"] = len(PdfReader(io.BytesIO(content)).pages)
        out["groups"] = len(report.snapshot["groups"])
        out["snapshot_s"], _ = _median_seconds(lambda: build_snapshot(event_id), args.repeat)
        for fmt in ("html", "pdf"):
            out[f"render_{fmt}_s"], _ = _median_seconds(
                lambda fmt=fmt: render_file(report, fmt), args.repeat
            )
        out = {k: round(v, 2) if isinstance(v, float) else v for k, v in out.items()}
        out["peak_mb"] = round(peak_rss_mb())
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
