"""Load: reviewers log in, log and edit claims through the web forms while a full rebuild runs.

    .venv/bin/python -m bench.load --reviewers 20 --seconds 60 --events 2000

A fresh PostgreSQL database gets `--events` synthetic events; gunicorn serves the
app on loopback, a Celery worker on Redis runs the rebuild and the reconciliations
the edits ask for. Each reviewer is a thread with its own session: it logs in
with the page's CSRF token, then opens the edit form of a claim from a shared
pool (so two reviewers sometimes edit the same claim), changes the place and
saves, or logs a new claim from a selection; a 409 ("someone else saved this
claim first") is answered as a person would, by saving again over the newer
version. Afterwards every acknowledged save (a 302 to the claim page) is looked
up: exactly once in the database and in the history, and every refused one
not at all. Prints JSON. tests/system/load/test_load_short.py runs a short form.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from bench.load_reviewers import PASSWORD, Outcome, Stats, run_load
from tests.support import factories, synthetic


class RebuildLoop(threading.Thread):
    """Queue a full rebuild, wait for the worker to finish it, queue the next: a rebuild runs all along."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.stop, self.job_ids = app, threading.Event(), []

    def run(self) -> None:
        from factcheck.extensions import db
        from factcheck.models import Job
        from factcheck.services.rebuild import start_job
        from tasks.reconcile import rebuild_all

        with self.app.app_context():
            while not self.stop.is_set():
                self.job_ids.append(start_job().id)
                rebuild_all.delay(self.job_ids[-1])
                while not self.stop.is_set():
                    db.session.expire_all()
                    if db.session.get(Job, self.job_ids[-1]).status in ("done", "failed"):
                        break
                    time.sleep(0.2)
            db.session.remove()

    def wait_running(self, timeout: float = 60) -> bool:
        """Wait until the first rebuild has begun, so that what follows happens during a rebuild."""
        from factcheck.extensions import db
        from factcheck.models import Job

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.job_ids:
                db.session.expire_all()
                if db.session.get(Job, self.job_ids[0]).status != "queued":
                    return True
            time.sleep(0.1)
        return False

    def finish(self, timeout: float = 120) -> list:
        """Stop queueing, wait for the last rebuild; the jobs as (status, attempts, done, total, seconds)."""
        from factcheck.extensions import db
        from factcheck.models import Job

        self.stop.set()
        self.join()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            db.session.expire_all()
            jobs = [db.session.get(Job, i) for i in self.job_ids]
            if all(j.status in ("done", "failed") for j in jobs):
                break
            time.sleep(0.2)
        return [
            (
                j.status,
                j.attempts,
                j.done,
                j.total,
                round((j.finished_at - j.started_at).total_seconds(), 1)
                if j.finished_at
                else j.error,  # a failed job says why
            )
            for j in jobs
        ]


def verify(outcome: Outcome) -> dict:
    """Every acknowledged save exactly once, in the claims and in the history; every refused one nowhere."""
    import sqlalchemy as sa

    from factcheck.extensions import db
    from factcheck.models import Change, Claim, Place

    problems = []
    created = db.session.execute(
        sa.select(Claim.proposition, Claim.id).where(Claim.proposition.in_(list(outcome.created)))
    ).all()
    by_marker = defaultdict(list)
    for marker, claim_id in created:
        by_marker[marker].append(claim_id)
    for marker, claim_id in outcome.created.items():
        if by_marker.get(marker) != [claim_id]:
            problems.append(
                f"created {marker}: acknowledged as claim {claim_id}, stored as {by_marker.get(marker)}"
            )
    changes = db.session.execute(
        sa.select(Change.entity_id, Change.action, Change.after).where(
            Change.entity_type == "claim"
        )
    ).all()
    creates = defaultdict(int)
    places = defaultdict(list)
    latest: dict[int, tuple[int, str | None]] = {}
    for claim_id, action, after in changes:
        if action == "create":
            creates[claim_id] += 1
        elif action == "update" and after.get("place"):
            places[after["place"]].append(claim_id)
            if after["version"] > latest.get(claim_id, (0, None))[0]:
                latest[claim_id] = (after["version"], after["place"])
    for marker, claim_id in outcome.created.items():
        if creates[claim_id] != 1:
            problems.append(f"created {marker}: {creates[claim_id]} create rows in the history")
    for marker, claim_id in outcome.edited.items():
        if places.get(marker) != [claim_id]:
            problems.append(
                f"edit {marker} of claim {claim_id}: in the history as {places.get(marker)}"
            )
    for marker in outcome.refused:
        if marker in places:
            problems.append(f"refused edit {marker} was stored")
    stored = dict(
        db.session.execute(
            sa.select(Claim.id, Place.name)
            .outerjoin(Place, Place.id == Claim.place_id)
            .where(Claim.id.in_(list(latest)))
        ).all()
    )
    for claim_id, (_, place) in latest.items():
        if stored[claim_id] != place:
            problems.append(
                f"claim {claim_id} holds {stored[claim_id]!r}, its last recorded edit says {place!r}"
            )
    return {
        "created_checked": len(outcome.created),
        "edits_checked": len(outcome.edited),
        "refused_checked": len(outcome.refused),
        "problems": problems,
    }


def summary(stats: Stats, outcome: Outcome, elapsed: float) -> dict:
    all_ms = [ms for values in stats.latencies.values() for ms in values]

    def pct(values: list[float], q: float) -> float:
        return (
            round(statistics.quantiles(values, n=100)[q - 1], 1)
            if len(values) >= 2
            else round(values[0], 1)
        )

    actions = {
        name: {
            "n": len(v),
            "p50_ms": pct(v, 50),
            "p95_ms": pct(v, 95),
            "max_ms": round(max(v), 1),
            "statuses": dict(stats.statuses[name]),
        }
        for name, v in sorted(stats.latencies.items())
        if v and name != "reviewer"
    }
    saves = len(outcome.created) + len(outcome.edited)
    return {
        "elapsed_s": round(elapsed, 1),
        "requests": len(all_ms),
        "requests_per_s": round(len(all_ms) / elapsed, 1),
        "actions": outcome.attempted,
        "saves_acknowledged": saves,
        "saves_per_s": round(saves / elapsed, 1),
        "conflicts_409": len(outcome.refused),
        "p50_ms": pct(all_ms, 50),
        "p95_ms": pct(all_ms, 95),
        "p99_ms": pct(all_ms, 99),
        "errors": len(stats.errors),
        "error_samples": stats.errors[:5],
        "by_action": actions,
    }


def prepare(
    app, events: int, reviewers: int, pool_size: int, seed: int = 7
) -> tuple[list[int], list[tuple[int, int]]]:
    """Synthetic events, one account per reviewer; (the claims they edit, (article id, text length) to log from)."""
    import sqlalchemy as sa

    from factcheck.extensions import db
    from factcheck.models import Article, Claim

    with db.engine.begin() as conn:
        synthetic.generate(conn, events=events, claims_per_event=12, seed=seed)
    for n in range(reviewers):
        factories.user(db, f"reviewer{n}@load.example", "reviewer", password=PASSWORD)
    rng = random.Random(seed)
    quantity = db.session.scalars(
        sa.select(Claim.id).where(Claim.kind == "quantity", Claim.withdrawn_at.is_(None))
    ).all()
    pool = rng.sample(list(quantity), min(pool_size, len(quantity)))
    articles = db.session.execute(
        sa.select(Article.id, sa.func.length(Article.text))
        .where(Article.event_id.is_not(None))
        .order_by(Article.id)
        .limit(200)
    ).all()
    return pool, [tuple(a) for a in articles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument(
        "--pool", type=int, default=60, help="claims the reviewers edit (fewer: more conflicts)"
    )
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_LOAD_DB", "factcheck_bench_load"),
        help="PostgreSQL database to drop, create and fill (one of your own if others bench too)",
    )
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
    )
    args = parser.parse_args()

    import redis
    import sqlalchemy as sa

    from bench.common import fresh_postgres, make_app
    from tests.support.processes import Server, Worker

    url = fresh_postgres(args.database)
    redis.Redis.from_url(args.redis).flushdb()
    os.environ["CELERY_BROKER_URL"] = args.redis
    app = make_app(url)
    with tempfile.TemporaryDirectory() as tmp, app.app_context():
        from factcheck.extensions import db

        pool, articles = prepare(app, args.events, args.reviewers, args.pool)
        db.session.remove()
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "CELERY_BROKER_URL": args.redis,
            "FACTCHECK_INSTANCE": tmp,
            "SECRET_KEY": "bench-load-" + "0123456789abcdef" * 2,
        }
        server = Server(env, Path(tmp) / "server.log", workers=args.web_workers)
        worker = Worker(env, Path(tmp) / "worker.log")
        server.start()
        worker.start()
        try:
            rebuilds = RebuildLoop(
                app
            )  # full rebuilds, one after another, while the reviewers work
            rebuilds.start()
            cpu = time.process_time()
            stats, outcome, elapsed = run_load(
                server.port, args.reviewers, pool, articles, args.seconds
            )
            client_cpu = (
                time.process_time() - cpu
            )  # the load generator's own share of the two cores
            jobs = rebuilds.finish()
            rebuild = {
                "rebuilds": len(jobs),
                "all_done_once": all(j[:2] == ("done", 1) and j[2] == j[3] for j in jobs),
                "groups": jobs[0][3],
                "seconds": [j[4] for j in jobs],
            }
            db.session.remove()
            checked = verify(outcome)
        finally:
            worker.stop()
            server.stop()
            redis.Redis.from_url(args.redis).flushdb()
    result = {
        "reviewers": args.reviewers,
        "events": args.events,
        "web_workers": args.web_workers,
        **summary(stats, outcome, elapsed),
        "client_cpu_s": round(client_cpu, 1),
        "rebuild": rebuild,
        "verified": checked,
    }
    print(json.dumps(result, indent=1))
    sa.create_engine(url).dispose()


if __name__ == "__main__":
    main()
