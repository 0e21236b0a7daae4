"""Fault tests: real services made to fail — our own Redis server restarted, PostgreSQL backends
terminated, a full or read-only filesystem. Never the shared Redis on 6379: others' queues live there."""

from __future__ import annotations

import os

import pytest

from tests.support.databases import empty_postgres, make_app
from tests.support.processes import RedisServer, Worker


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.terminate()


@pytest.fixture
def pg_app(postgres_migrated, own_redis, monkeypatch):
    """The app on the real PostgreSQL, sending its jobs to our own Redis."""
    empty_postgres(postgres_migrated)
    monkeypatch.setenv("CELERY_BROKER_URL", own_redis.url)
    app = make_app(postgres_migrated)
    with app.app_context():
        yield app
        from factcheck.extensions import db

        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def worker(pg_app, postgres_migrated, own_redis, tmp_path):
    """A Celery worker whose connections carry its name (application_name), so that a test
    terminates its backends and no one else's."""
    name = "worker"  # its Celery hostname, and its connections' application_name
    separator = "&" if "?" in postgres_migrated else "?"
    env = {
        **os.environ,
        "DATABASE_URL": f"{postgres_migrated}{separator}application_name={name}",
        "CELERY_BROKER_URL": own_redis.url,
        "FACTCHECK_BATCH_EVENTS": "10",
        "FACTCHECK_INSTANCE": str(tmp_path),
    }
    w = Worker(env, tmp_path / "worker.log", name=name)
    yield w
    w.stop()
