"""Fixtures for the API tests: accounts with tokens, and a test client that sends one."""

from __future__ import annotations

import os

import pytest

PROBLEM = "application/problem+json"


def make_account(db, role: str = "reviewer", email: str | None = None):
    """An account of `role` and a fresh token for it: (user, token)."""
    from factcheck.models import User
    from factcheck.services.tokens import issue_token

    user = User(email=email or f"api-{role}@example.org", role=role)
    user.set_password("correct horse battery")
    db.session.add(user)
    db.session.commit()
    _, secret = issue_token(user, f"{role} tests")
    return user, secret


class ApiClient:
    """The Flask test client with `Authorization: Bearer <token>` on every request."""

    def __init__(self, client, token: str | None):
        self.client, self.token = client, token

    def open(self, method: str, path: str, headers: dict | None = None, **kwargs):
        sent = dict(headers or {})
        if self.token is not None:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        return self.client.open("/api/v1" + path, method=method, headers=sent, **kwargs)

    def get(self, path, **kw):
        return self.open("GET", path, **kw)

    def post(self, path, **kw):
        return self.open("POST", path, **kw)

    def patch(self, path, **kw):
        return self.open("PATCH", path, **kw)


@pytest.fixture
def api_as(app, db, client):
    """api_as("editor") -> a client acting with a new editor's token."""
    made = {}

    def make(role: str = "reviewer") -> ApiClient:
        if role not in made:
            made[role] = make_account(db, role)[1]
        return ApiClient(app.test_client(), made[role])

    return make


@pytest.fixture
def api(api_as):
    return api_as("reviewer")


def assert_problem(response, status: int, *words: str) -> dict:
    """The response is a problem document of `status` whose detail names `words`."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    assert response.mimetype == PROBLEM, response.mimetype
    body = response.get_json(force=True)
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    assert body["detail"], "every 4xx says what went wrong"
    for word in words:
        assert word in body["detail"], (word, body["detail"])
    return body


# Live servers: gunicorn on loopback (and a Celery worker) on the test database, jobs through our own Redis db.

REDIS_URL = os.environ.get("TEST_API_REDIS_URL", "redis://127.0.0.1:6379/12")


@pytest.fixture
def api_redis():
    """Redis database 12, emptied before and after (the worker tests use 15)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.ConnectionError as err:
        pytest.fail(
            f"Redis is not reachable at {REDIS_URL}: {err}; the suite does not skip it.",
            pytrace=False,
        )
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
    from tests.integration.processes import Server

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
