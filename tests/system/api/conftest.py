"""Live servers for the API: gunicorn on loopback (and a Celery worker) on the test database, jobs
through our own Redis database."""

from __future__ import annotations

import os

import pytest

from tests.support.processes import Server, flushed_redis

REDIS_URL = os.environ.get("TEST_API_REDIS_URL", "redis://127.0.0.1:6379/12")


@pytest.fixture
def api_redis():
    """Redis database 12, emptied before and after (the worker tests use 15)."""
    client = flushed_redis(REDIS_URL)
    yield REDIS_URL
    client.flushdb()


def live_env(database_url: str, tmp_path, **extra: str) -> dict[str, str]:
    """The environment of a server or worker process on the test database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": REDIS_URL,
        "SECRET_KEY": "api-tests-" + "k" * 32,
        "FACTCHECK_INSTANCE": str(tmp_path),
        **extra,
    }


@pytest.fixture
def live_server(database_url, api_redis, tmp_path):
    """gunicorn with 2 workers serving the app on the test database (SQLite and PostgreSQL)."""
    # gunicorn answers an over-long request line or header itself, in HTML, before the app sees it: lift
    # those front-door limits so that every generated request reaches the app under test.
    env = live_env(
        database_url,
        tmp_path,
        API_RATE_LIMIT="100000 per minute",
        GUNICORN_CMD_ARGS="--limit-request-line 0 --limit-request-field_size 0",
    )
    server = Server(env, tmp_path / "server.log")
    server.start()
    yield server
    server.stop()
