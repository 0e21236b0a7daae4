"""Fixtures of the worker tests: the app on the real PostgreSQL, its jobs on the real Redis."""

from __future__ import annotations

import os

import pytest

from tests.support.databases import empty_postgres, make_app
from tests.support.processes import flushed_redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# A killed worker's message is delivered again after 3 s, checked every second.
TRANSPORT_OPTIONS = (
    '{"visibility_timeout": 3, "unacked_restore_interval": 1, "unacked_restore_throttle": 1}'
)


@pytest.fixture
def redis_broker():
    client = flushed_redis(REDIS_URL)
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def pg_app(postgres_migrated, redis_broker, monkeypatch):
    """The app on the real PostgreSQL, sending its jobs through the real Redis."""
    empty_postgres(postgres_migrated)
    monkeypatch.setenv("CELERY_BROKER_URL", redis_broker)
    monkeypatch.setenv("CELERY_BROKER_TRANSPORT_OPTIONS", TRANSPORT_OPTIONS)
    app = make_app(postgres_migrated)
    with app.app_context():
        yield app
        from factcheck.extensions import db

        db.session.remove()
        db.engine.dispose()
