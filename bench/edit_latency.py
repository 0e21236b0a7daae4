"""Benchmark (c): an edit to a claim → the updated result visible, with a live worker on Redis.

    .venv/bin/python -m bench.edit_latency --edits 200
    .venv/bin/python -m bench.edit_latency --edits 200 --during-rebuild   # p95 during a rebuild

Starts a real Celery worker process on the real Redis broker and PostgreSQL,
then, edit after edit, changes a figure through the same service the web app
and API use and polls the stored result (every 2 ms) until its fingerprint
changes. Reports p50 / p95 / max in milliseconds. `--during-rebuild` then edits
again while a full rebuild of every event (their digests cleared, so each is
worked) runs on the same workers, and reports both. The workers are the Procfile's:
one serving edits then batches (`worker`), one serving only edits (`edits`);
`--worker-queues edits,celery` runs the first alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import sqlalchemy as sa

from bench.common import ROOT, fresh_postgres, make_app
from bench.workers import Workers
from tests.support import synthetic

REFERENCE = ROOT.parent / "shared" / "corpus" / "voa-islam-2022-01-11-kazakhstan.id.txt"


def _edits(db, claim_id: int, count: int, first_value: int, keep_going=lambda: True) -> list[float]:
    """Edit the claim `count` times (while `keep_going()`); ms from each edit to its new result."""
    from factcheck.models import Claim, Reconciliation
    from factcheck.services import claims as claim_service

    latencies = []
    for i in range(count):
        if not keep_going():
            break
        db.session.expire_all()
        claim = db.session.get(Claim, claim_id)
        group = dict(metric="detained", category="total", event_id=claim.event_id, place_key="")
        fingerprint = sa.select(Reconciliation.fingerprint).filter_by(**group)
        before = db.session.scalar(fingerprint)
        start = time.perf_counter()
        claim_service.update_claim(
            claim, {"value": first_value + i}, expected_version=claim.version, user_id=None
        )
        while True:
            db.session.rollback()  # a fresh snapshot each poll
            if db.session.scalar(fingerprint) != before:
                break
            if time.perf_counter() - start > 60:
                raise SystemExit("no result after 60 s")
            time.sleep(0.002)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def _figures(latencies: list[float]) -> dict:
    latencies = sorted(latencies)
    return {
        "edits": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "max_ms": round(latencies[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument(
        "--background-events", type=int, default=2000, help="synthetic events beside the edited one"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument(
        "--during-rebuild",
        action="store_true",
        help="then edit again while a full rebuild of every event runs on the same workers",
    )
    parser.add_argument(
        "--worker-queues",
        nargs="+",
        default=["edits,celery", "edits"],
        help="one worker per item, with these --queues (default: the Procfile's worker and edits)",
    )
    args = parser.parse_args()
    url = fresh_postgres("factcheck_bench_edit")
    import redis

    redis.Redis.from_url(args.redis).flushdb()
    os.environ["CELERY_BROKER_URL"] = args.redis
    app = make_app(url)
    with app.app_context():
        from factcheck.extensions import db
        from factcheck.models import Claim, Job, RebuildInput
        from factcheck.services.rebuild import queue_rebuild, run_rebuild, start_job

        with db.engine.begin() as conn:
            synthetic.generate(conn, args.background_events, 20)
        runner = app.test_cli_runner()
        assert runner.invoke(args=["factcheck", "import", str(REFERENCE)]).exit_code == 0
        run_rebuild(start_job().id)
        claim_id = db.session.scalar(sa.select(Claim.id).where(Claim.source_key == "detained-8000"))
        queues = args.worker_queues
        with Workers(url, args.redis, len(queues), queues):
            time.sleep(2)  # let the workers connect
            report = {"idle": _figures(_edits(db, claim_id, args.edits, 8001))}
            if args.during_rebuild:
                db.session.execute(sa.delete(RebuildInput))  # every event is worked again
                db.session.commit()
                started = time.perf_counter()
                job_id = queue_rebuild().id

                def running() -> bool:
                    db.session.rollback()
                    return db.session.get(Job, job_id).status != "done"

                during = _edits(db, claim_id, args.edits, 20001, running)
                while running():
                    time.sleep(0.1)
                report["during_rebuild"] = _figures(during) | {
                    "rebuild_s": round(time.perf_counter() - started, 1)
                }
    report |= {"worker_queues": queues, "target_p95_ms": 50 if args.during_rebuild else 250}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
