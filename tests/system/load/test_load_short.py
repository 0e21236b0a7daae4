"""The load test in a short form: 20 reviewers log and edit claims over HTTP while a full rebuild runs;
no request fails, and every acknowledged save is in the database exactly once
(python -m bench.load runs it long)."""

from __future__ import annotations

import os
import time

import redis
import sqlalchemy as sa

from bench import load
from tests.support.databases import empty_postgres, make_app
from tests.support.processes import Server, Worker

REDIS_URL = os.environ.get("TEST_REDIS_URL_LOAD", "redis://127.0.0.1:6379/11")
REVIEWERS = 20


def test_twenty_reviewers_during_a_rebuild_lose_nothing_and_duplicate_nothing(
    postgres_migrated, tmp_path, monkeypatch
):
    empty_postgres(postgres_migrated)
    broker = redis.Redis.from_url(REDIS_URL)
    broker.flushdb()
    monkeypatch.setenv("CELERY_BROKER_URL", REDIS_URL)
    app = make_app(postgres_migrated)
    env = {
        **os.environ,
        "DATABASE_URL": postgres_migrated,
        "CELERY_BROKER_URL": REDIS_URL,
        "FACTCHECK_INSTANCE": str(tmp_path),
        "SECRET_KEY": "load-test-" + "0123456789abcdef" * 2,
    }
    server, worker = (
        Server(env, tmp_path / "server.log", workers=4),
        Worker(env, tmp_path / "worker.log"),
    )
    with app.app_context():
        from factcheck.extensions import db
        from factcheck.models import PendingGroup

        # A small pool for twenty reviewers: two of them often open the same claim, and one must see a 409.
        pool, articles = load.prepare(app, events=300, reviewers=REVIEWERS, pool_size=12)
        db.session.remove()
        server.start()
        worker.start()
        try:
            rebuilds = load.RebuildLoop(
                app
            )  # full rebuilds back to back for as long as the reviewers work
            rebuilds.start()
            assert rebuilds.wait_running(), "the first rebuild never started"
            stats, outcome, elapsed = load.run_load(
                server.port,
                REVIEWERS,
                pool,
                articles,
                seconds=45,
                max_actions=6,
                create_share=0.25,
                seed=3,
            )
            result = load.summary(stats, outcome, elapsed)
            jobs = rebuilds.finish()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:  # the edits' reconciliations finish too
                db.session.expire_all()
                pending = db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup))
                if pending == 0:
                    break
                time.sleep(0.5)
            checked = load.verify(outcome)
        finally:
            worker.stop()
            server.stop()
            db.session.remove()
            db.engine.dispose()
            broker.flushdb()
    print(result)
    assert result["errors"] == 0, result["error_samples"]
    assert (
        result["saves_acknowledged"] == outcome.attempted >= REVIEWERS * 3
    )  # every action saved (a 409 saved again)
    assert outcome.created and outcome.edited
    assert checked["problems"] == [], checked["problems"][:10]
    # The reviewers began once a rebuild was under way and it ran on until they stopped or past it:
    # how many whole rebuilds fit in their work depends on the machine's speed, so it is not asserted.
    assert len(jobs) >= 1, jobs
    assert all(
        (status, attempts, done) == ("done", 1, total) for status, attempts, done, total, _ in jobs
    ), jobs
    assert pending == 0
    assert "Traceback" not in (tmp_path / "server.log").read_text()
