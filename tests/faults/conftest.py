"""Fault tests: real services made to fail — our own Redis server restarted, PostgreSQL backends
terminated, a full or read-only filesystem. Never the shared Redis on 6379: others' queues live there."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.conftest import _make_app, _truncate_postgres
from tests.integration.processes import Worker, free_port


class RedisServer:
    """A redis-server of our own, persisting to an append-only file as a production Redis with AOF does."""

    def __init__(self, directory: Path):
        self.directory, self.port, self.proc = directory, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = directory / "redis.log"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail(
                "redis-server is not installed (apt-get install redis-server); the fault tests need their own.",
                pytrace=False,
            )
        self.proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                # Loaded: the AOF is read back before the server answers anything but LOADING.
                if client.info("persistence").get("loading") == 0:
                    return
            except (redis.ConnectionError, redis.BusyLoadingError):
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"redis-server did not start:\n{self.log.read_text() if self.log.exists() else ''}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """SHUTDOWN, as a service manager's stop does: the AOF is flushed, the process exits."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            redis.Redis.from_url(self.url).shutdown()
        except redis.ConnectionError:
            pass  # the server closes the connection as it goes
        self.proc.wait(timeout=20)

    def restart(self) -> None:
        self.stop()
        self.start()

    def queued(self, queue: str = "celery") -> int:
        return redis.Redis.from_url(self.url).llen(queue)


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.proc is not None and server.proc.poll() is None:
        server.proc.terminate()
        server.proc.wait(timeout=20)


@pytest.fixture
def pg_app(postgres_migrated, own_redis, monkeypatch):
    """The app on the real PostgreSQL, sending its jobs to our own Redis."""
    _truncate_postgres(postgres_migrated)
    monkeypatch.setenv("CELERY_BROKER_URL", own_redis.url)
    app = _make_app(postgres_migrated)
    with app.app_context():
        yield app
        from factcheck.extensions import db

        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def worker(pg_app, postgres_migrated, own_redis, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": postgres_migrated,
        "CELERY_BROKER_URL": own_redis.url,
        "FACTCHECK_BATCH_EVENTS": "10",
        "FACTCHECK_INSTANCE": str(tmp_path),
    }
    w = Worker(env, tmp_path / "worker.log")
    yield w
    w.stop()


def wait_for(predicate, timeout: float, what: str):
    """Poll `predicate` (reading the database afresh) until it returns something true."""
    from factcheck.extensions import db

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.expire_all()
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
