"""Sessions that end on the server and passwords that can be changed, reset and recovered (issue #15)."""

from __future__ import annotations

import time

import sqlalchemy as sa

from factcheck.config import production_settings
from factcheck.models import User
from tests.integration.test_backup import _empty_database, _export
from tests.support import factories
from tests.support.web import PASSWORD, csrf_token, log_in, login


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_logout_ends_the_session_on_the_server(app, client, db):
    token = login(client, db)
    stolen = _session_cookie(client)
    assert client.get("/articles/").status_code == 200
    assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    client.set_cookie("session", stolen)  # a copy of the cookie taken before the log-out
    response = client.get("/articles/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_change_own_password_ends_other_sessions_and_keeps_this_one(app, client, db):
    token = login(client, db)
    other = app.test_client()
    log_in(other, "reviewer@example.org")
    page = client.get("/auth/password").get_data(as_text=True)
    wrong = client.post(
        "/auth/password",
        data={
            "csrf_token": csrf_token(page),
            "current": "nope",
            "new": "n" * 12,
            "confirm": "n" * 12,
        },
    )
    assert wrong.status_code == 400 and "current password is not right" in wrong.get_data(True)
    done = client.post(
        "/auth/password",
        data={
            "csrf_token": token,
            "current": PASSWORD,
            "new": "new password 1",
            "confirm": "new password 1",
        },
    )
    assert done.status_code == 302
    assert client.get("/articles/").status_code == 200  # this session goes on
    assert other.get("/articles/").status_code == 302  # the other one ended
    fresh = app.test_client()
    log_in(fresh, "reviewer@example.org", "new password 1")


def test_admin_adds_and_resets_and_the_password_is_changed_at_first_login(app, client, db):
    token = login(client, db, role="admin")
    page = client.post(
        "/admin/users", data={"csrf_token": token, "email": "new@example.org", "role": "reviewer"}
    )
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    password = html.split("<code>", 1)[1].split("</code>", 1)[0]
    with client.session_transaction() as session:  # never in the (signed, readable) cookie
        assert password not in str(dict(session))
    newcomer = app.test_client()
    log_in(newcomer, "new@example.org", password)
    forced = newcomer.get("/articles/")
    assert forced.status_code == 302 and forced.headers["Location"].endswith("/auth/password")
    change_page = newcomer.get("/auth/password").get_data(as_text=True)
    assert "Choose your own" in change_page
    newcomer.post(
        "/auth/password",
        data={
            "csrf_token": csrf_token(change_page),
            "current": password,
            "new": "my own pass",
            "confirm": "my own pass",
        },
    )
    assert newcomer.get("/articles/").status_code == 200
    # An admin's reset: a new password shown once, the account's sessions end.
    user_id = db.session.scalar(sa.select(User.id).where(User.email == "new@example.org"))
    reset = client.post(f"/admin/users/{user_id}/password", data={"csrf_token": token})
    assert reset.status_code == 200
    again = reset.get_data(as_text=True).split("<code>", 1)[1].split("</code>", 1)[0]
    assert newcomer.get("/articles/").status_code == 302
    log_in(app.test_client(), "new@example.org", again)


def test_cli_sets_a_password(app, cli, db):
    factories.user(db)
    result = cli.invoke(
        args=["factcheck", "set-password", "reviewer@example.org", "--password", "cli password"]
    )
    assert result.exit_code == 0, result.output
    log_in(app.test_client(), "reviewer@example.org", "cli password")
    unknown = cli.invoke(
        args=["factcheck", "set-password", "nobody@example.org", "--password", "x" * 9]
    )
    assert unknown.exit_code == 1 and "no account" in unknown.output
    for command in ("set-password", "create-user"):  # which one was meant is not guessed
        both = cli.invoke(
            args=["factcheck", command, "reviewer@example.org", "--password", "x" * 9, "--generate"]
        )
        assert both.exit_code == 2 and "give --password or --generate, not both" in both.output
    log_in(app.test_client(), "reviewer@example.org", "cli password")  # unchanged


def test_after_restore_set_password_then_log_in(app, db, cli, reference_imported, tmp_path):
    factories.user(db, role="admin")
    _export(cli, tmp_path, "backup.json")
    _empty_database(app, db, tmp_path)
    assert cli.invoke(args=["factcheck", "restore", str(tmp_path / "backup.json")]).exit_code == 0
    client = app.test_client()
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    refused = client.post(
        "/auth/login",
        data={"email": "admin@example.org", "password": PASSWORD, "csrf_token": token},
    )
    assert refused.status_code == 200  # restored without a password: cannot log in yet
    result = cli.invoke(args=["factcheck", "set-password", "admin@example.org", "--generate"])
    assert result.exit_code == 0, result.output
    log_in(app.test_client(), "admin@example.org", result.output.strip().rsplit(": ", 1)[1])


def test_unknown_email_takes_as_long_as_a_wrong_password(app, client, db):
    from factcheck.services import accounts

    factories.user(db)
    accounts.authenticate("nobody@example.org", "x")  # the dummy hash is made once

    def took(email: str) -> float:
        began = time.perf_counter()
        assert accounts.authenticate(email, "wrong password") is None
        return time.perf_counter() - began

    known = min(took("reviewer@example.org") for _ in range(3))
    unknown = min(took("nobody@example.org") for _ in range(3))
    assert unknown > known * 0.5, (known, unknown)


def test_login_throttle_storage_follows_the_broker():
    assert (
        production_settings(True, "redis://q:6379/0")["RATELIMIT_STORAGE_URI"] == "redis://q:6379/0"
    )
    assert production_settings(True, "amqp://rabbit//")["RATELIMIT_STORAGE_URI"] == "memory://"
