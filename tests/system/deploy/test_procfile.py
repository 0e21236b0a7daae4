"""The Procfile starts web, worker, edits and beat on the real services, in production mode, and stops cleanly."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.support.databases import empty_postgres, make_app
from tests.support.factories import PASSWORD, user
from tests.support.paths import REFERENCE_TEXT
from tests.support.processes import ROOT, RedisServer, free_port

SECRET = "procfile-test-" + "0123456789abcdef" * 2  # a test's key, 46 characters


def _request(port: int, method: str, path: str, cookie: str = "", body: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, data, headers)
    response = conn.getresponse()
    return response, response.read().decode()


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _wait(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-4000:]}")


def test_honcho_starts_web_worker_and_beat_from_the_procfile(postgres_migrated, tmp_path):
    empty_postgres(postgres_migrated)
    redis_server = RedisServer(tmp_path)
    redis_server.start()
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "FACTCHECK_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": postgres_migrated,
        "CELERY_BROKER_URL": redis_server.url,
        "FACTCHECK_INSTANCE": str(tmp_path),
        "WEB_CONCURRENCY": "2",
        "WORKER_CONCURRENCY": "1",
        "FACTCHECK_SWEEP_SECONDS": "2",
        "PYTHONUNBUFFERED": "1",
    }
    app = make_app(postgres_migrated)
    with app.app_context():
        from factcheck.extensions import db
        from factcheck.models import Job

        assert (
            app.test_cli_runner()
            .invoke(args=["factcheck", "import", str(REFERENCE_TEXT)])
            .exit_code
            == 0
        )
        user(db, "reviewer@example.org", "reviewer")
        db.session.remove()

        log = tmp_path / "honcho.log"
        honcho = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "honcho",
                "-f",
                str(ROOT / "Procfile"),
                "-d",
                str(ROOT),
                "start",
                "-p",
                str(port),
            ],
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:

            def web_answers():
                try:
                    return _request(port, "GET", "/auth/login")
                except OSError:
                    return None

            response, html = _wait(web_answers, 60, "the web process", log)
            assert response.status == 200 and "default-src 'self'" in response.getheader(
                "Content-Security-Policy"
            )
            assert response.getheader(
                "Strict-Transport-Security"
            )  # production settings are in force
            cookie = response.getheader("Set-Cookie").split(";")[0]
            assert "Secure" in response.getheader(
                "Set-Cookie"
            ) and "HttpOnly" in response.getheader("Set-Cookie")
            response, _ = _request(
                port,
                "POST",
                "/auth/login",
                cookie,
                {"email": "reviewer@example.org", "password": PASSWORD, "csrf_token": _token(html)},
            )
            assert response.status == 302
            cookie = response.getheader("Set-Cookie").split(";")[0]

            _, page = _request(port, "GET", "/events/2022-kazakhstan-unrest", cookie)
            response, _ = _request(
                port,
                "POST",
                "/events/2022-kazakhstan-unrest/rebuild",
                cookie,
                {"csrf_token": _token(page)},
            )
            assert response.status == 302

            def rebuilt():
                db.session.expire_all()
                job = db.session.scalar(sa.select(Job).order_by(Job.id.desc()))
                return job if job is not None and job.status == "done" else None

            job = _wait(rebuilt, 60, "the worker to run the rebuild the web page queued", log)
            assert job.done == job.total == 4
            _wait(lambda: "beat: Starting" in log.read_text(), 30, "beat to start", log)
            _wait(
                lambda: re.search(
                    r"worker\.1 .*Task tasks\.reconcile\.requeue_pending\[.*\] succeeded",
                    log.read_text(),
                ),
                30,
                "a task Beat sent to be run by the worker",
                log,
            )
        finally:
            honcho.send_signal(signal.SIGTERM)
            try:
                honcho.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(honcho.pid, signal.SIGKILL)  # our own process group, started above
                honcho.wait(timeout=10)
            db.session.remove()
            db.engine.dispose()
            redis_server.stop()
    text = log.read_text()
    for process in ("web.1", "worker.1", "edits.1", "beat.1"):
        assert re.search(rf"{process}\s+\| ", text), process
    assert "Traceback" not in text
    assert not _port_open(port)  # everything it started has stopped


def _port_open(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0
