"""Benchmark (b): a full rebuild on PostgreSQL against the floor of streaming the same rows.

    .venv/bin/python -m bench.rebuild --events 50000 --claims-per-event 20   # 1,000,000 claims
    .venv/bin/python -m bench.rebuild --events 10000 --noop --workers 2
    .venv/bin/python -m bench.rebuild --events 10000 --without-engine

The floor reads the same claim rows (with their article columns) through the
same driver with one plain SELECT, streamed, and does nothing with them. Each
side runs in a fresh process so that peak memory is its own. `--noop` times a
second rebuild on the unchanged data; `--workers N` then runs the job end to end
(queued, fanned out, finished) with one and with N Celery workers on Redis,
each from empty results, against the same database. `--without-engine` times the
rebuild once more with the engine's answers looked up (worked out beforehand in the
same process, not timed): what reading, storing and planning cost on their own.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
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


def run_rebuild(url: str, noop: bool) -> dict:
    app = make_app(url)
    gc.freeze()  # as the worker does once the app is imported (tasks/worker.py)
    with app.app_context():
        from factcheck.services.rebuild import run_rebuild as rebuild
        from factcheck.services.rebuild import start_job

        job_id = start_job().id
        start = time.perf_counter()
        outcome = rebuild(job_id)
        seconds = time.perf_counter() - start
        report = {
            "seconds": seconds,
            "groups": outcome.groups,
            "written": len(outcome.written),
            "peak_mb": peak_rss_mb(),
        }
        if noop:
            # As autovacuum does within a minute of a first build: the planner then knows
            # the results and conflicts tables are no longer empty.
            from factcheck.extensions import db

            db.session.execute(sa.text("ANALYZE reconciliations, conflicts, rebuild_inputs"))
            db.session.commit()
            job_id = start_job().id
            start = time.perf_counter()
            again = rebuild(job_id)
            report |= {"noop_seconds": time.perf_counter() - start, "noop_groups": again.groups}
    return report


def run_without_engine(url: str) -> dict:
    """A rebuild from empty results whose engine answers from a table made beforehand: the
    time of everything but the engine (reading claims, storing results and conflicts, the
    plan, the digests, commits)."""
    from datetime import date

    app = make_app(url)
    with app.app_context():
        from factcheck.extensions import db
        from factcheck.services import reconciling
        from factcheck.services.engine_facts import event_inputs
        from factcheck.services.rebuild import run_rebuild as rebuild
        from factcheck.services.rebuild import start_job

        ids = list(db.session.scalars(sa.text("SELECT id FROM events ORDER BY id")))
        today, worked_out, answers = date.today(), reconciling.reconcile_event, {}
        for start in range(0, len(ids), 500):
            for ev in event_inputs(ids[start : start + 500]):
                answers[ev.slug] = worked_out(
                    ev.slug, ev.claims, ev.relations, today, ev.is_open, places=ev.places
                )
        db.session.rollback()
        reconciling.reconcile_event = lambda slug, *args, **kwargs: answers[slug]
        gc.collect()
        gc.freeze()  # the answers, as the app's imports: not the collector's to walk
        db.session.execute(
            sa.text("TRUNCATE reconciliations, conflicts, rebuild_inputs, pending_groups")
        )
        db.session.commit()
        job_id = start_job().id
        start = time.perf_counter()
        outcome = rebuild(job_id, today)
        return {"seconds": time.perf_counter() - start, "groups": outcome.groups}


def run_workers(url: str, count: int, broker: str) -> dict:
    """The job queued as the web app queues it, run by `count` workers from empty results."""
    import redis

    from bench.workers import Workers

    redis.Redis.from_url(broker).flushdb()
    os.environ["CELERY_BROKER_URL"] = broker
    app = make_app(url)
    with app.app_context():
        from factcheck.extensions import db
        from factcheck.models import Job, RebuildBatch
        from factcheck.services.rebuild import queue_rebuild

        db.session.execute(
            sa.text("TRUNCATE reconciliations, conflicts, rebuild_inputs, pending_groups")
        )
        db.session.commit()
        with Workers(url, broker, count) as workers:
            start = time.perf_counter()
            job_id = queue_rebuild().id
            while True:
                db.session.rollback()
                job = db.session.get(Job, job_id)
                if job.status in ("done", "failed"):
                    break
                time.sleep(0.05)
            seconds = time.perf_counter() - start
            if job.status != "done":
                raise SystemExit(f"the rebuild failed: {job.error}")
            # A worker logs a batch's success just after the batch's last commit (maybe the
            # job's): its log is read once it has caught up, or after 10 s as it stands.
            batches = db.session.scalar(
                sa.select(sa.func.count()).where(RebuildBatch.job_id == job_id)
            )
            deadline = time.monotonic() + 10
            while sum(workers.batches_done()) < batches and time.monotonic() < deadline:
                time.sleep(0.05)
            return {
                "seconds": seconds,
                "peak_mb_per_worker": [round(p) for p in workers.peak_mb()],
                "batches_per_worker": workers.batches_done(),
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--claims-per-event", type=int, default=20)
    parser.add_argument("--database", default="factcheck_bench")
    parser.add_argument("--noop", action="store_true", help="time a second rebuild, unchanged")
    parser.add_argument("--workers", type=int, default=0, help="also run the job on N workers")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument(
        "--without-engine", action="store_true", help="also time it with the engine's answers known"
    )
    parser.add_argument(
        "--side", choices=["floor", "rebuild", "workers", "io"], help=argparse.SUPPRESS
    )
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        side = {
            "floor": lambda: run_floor(args.url),
            "rebuild": lambda: run_rebuild(args.url, args.noop),
            "workers": lambda: run_workers(args.url, args.count, args.redis),
            "io": lambda: run_without_engine(args.url),
        }[args.side]
        print(json.dumps(side()))
        return
    url = fresh_postgres(args.database)
    engine = sa.create_engine(url)
    start = time.perf_counter()
    with engine.begin() as conn:
        claims = synthetic.generate(conn, args.events, args.claims_per_event)
    # ANALYZE outside a transaction: run in one that is never committed, as a plain
    # `engine.connect()` leaves it, its statistics are rolled back (only the row counts
    # stay), and the planner read the generated tables with none: a batch's relations query
    # scanned all 139,903 relations at 50,000 events (318 ms a batch, 13 ms with them).
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("ANALYZE"))
    print(
        f"generated {claims} claims in {args.events} events in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    sides = {}
    runs = [("floor", []), ("rebuild", ["--noop"] if args.noop else []), ("floor", [])]
    if args.workers:
        runs += [("workers", ["--count", "1"]), ("workers", ["--count", str(args.workers)])]
    if args.without_engine:
        runs += [("io", [])]
    for side, extra in runs:
        out = subprocess.run(
            [sys.executable, "-m", "bench.rebuild", "--side", side, "--url", url]
            + ["--redis", args.redis, *extra],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        # the second floor run, with a warm cache, is the one kept
        sides[side if side != "workers" else f"workers{extra[1]}"] = json.loads(out.stdout)
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
    floor = sides["floor"]["seconds"]
    if args.noop:
        report["noop_s"] = round(sides["rebuild"]["noop_seconds"], 2)
        report["noop_ratio_to_floor"] = round(sides["rebuild"]["noop_seconds"] / floor, 2)
        report["noop_groups_reconciled"] = sides["rebuild"]["noop_groups"]
    if args.without_engine:
        io = sides["io"]["seconds"]
        assert sides["io"]["groups"] == sides["rebuild"]["groups"]
        report["without_engine_s"] = round(io, 2)
        report["without_engine_ratio_to_floor"] = round(io / floor, 1)
        report["engine_share"] = round(1 - io / sides["rebuild"]["seconds"], 2)
    if args.workers:
        one, many = sides["workers1"], sides[f"workers{args.workers}"]
        report |= {
            "one_worker_s": round(one["seconds"], 2),
            "one_worker_ratio_to_floor": round(one["seconds"] / floor, 1),
            f"{args.workers}_workers_s": round(many["seconds"], 2),
            "worker_peak_mb": max(one["peak_mb_per_worker"] + many["peak_mb_per_worker"]),
            "batches_per_worker": many["batches_per_worker"],
        }
        speedup = round(one["seconds"] / many["seconds"], 2)
        report["two_worker_speedup" if args.workers == 2 else "worker_speedup"] = speedup
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
