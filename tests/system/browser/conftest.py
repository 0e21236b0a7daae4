"""A real stack for browser tests: gunicorn, a Celery worker on Redis, PostgreSQL, Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import redis

from tests.support.databases import empty_postgres, make_app
from tests.support.processes import Server, Worker
from tests.system.browser.pages import ARTIFACTS

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
REDIS_URL = os.environ.get("TEST_REDIS_URL_BROWSER", "redis://127.0.0.1:6379/13")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: scripts/test installs Debian's chromium.",
            pytrace=False,
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def stack(stack_with_worker):
    """The app on gunicorn and a worker, on a clean PostgreSQL database and Redis: (url, app)."""
    base, app, _ = stack_with_worker
    return base, app


@pytest.fixture
def stack_with_worker(postgres_migrated, tmp_path):
    """`stack`, and its Celery worker for a test that pauses it: (url, app, worker).

    Intake by URL may fetch from 127.0.0.1 (FACTCHECK_FETCH_ALLOW_PRIVATE): the tests'
    saved pages are served there."""
    empty_postgres(postgres_migrated)
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": postgres_migrated,
        "CELERY_BROKER_URL": REDIS_URL,
        "SECRET_KEY": "browser-test-secret",
        "FACTCHECK_INSTANCE": str(tmp_path),
        "FACTCHECK_FETCH_ALLOW_PRIVATE": "1",
    }
    worker, server = Worker(env, tmp_path / "worker.log"), Server(env, tmp_path / "server.log")
    worker.start()
    server.start()
    os.environ["CELERY_BROKER_URL"] = REDIS_URL  # the test's own app queues on the same broker
    app = make_app(postgres_migrated)
    try:
        with app.app_context():
            yield server.url, app, worker
            from factcheck.extensions import db

            db.session.remove()
            db.engine.dispose()
    finally:
        os.environ.pop("CELERY_BROKER_URL", None)
        server.stop()
        worker.stop()
        client.flushdb()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-last.png"), full_page=True)
    context.close()
