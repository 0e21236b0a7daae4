"""Admins add accounts, change roles and disable them; nobody else may."""

from __future__ import annotations

import re

import sqlalchemy as sa

from factcheck.models import User
from tests.support.web import csrf_token, login


def test_admin_adds_changes_and_disables_accounts(app, client, db):
    token = login(client, db, "admin")
    response = client.post(
        "/admin/users", data={"csrf_token": token, "email": "New@Example.org", "role": "reviewer"}
    )
    # The first password is shown in this answer only (never flashed through the session cookie).
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    password = re.search(r"<code>([^<\s]+)</code>", page).group(1)
    assert password not in client.get("/admin/users").get_data(as_text=True)
    user = db.session.scalar(sa.select(User).where(User.email == "new@example.org"))
    assert user.role == "reviewer" and user.check_password(password)

    client.post(
        f"/admin/users/{user.id}",
        data={"csrf_token": token, f"u{user.id}-role": "editor", f"u{user.id}-active": "0"},
    )
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.role, user.active) == ("editor", False)

    other = app.test_client()
    login_page = other.get("/auth/login").get_data(as_text=True)
    other.post(
        "/auth/login",
        data={
            "email": "new@example.org",
            "password": password,
            "csrf_token": csrf_token(login_page),
        },
    )
    assert other.get("/articles/").status_code == 302, "a disabled account must not get in"


def test_duplicate_email_is_refused_and_typed_values_kept(client, db):
    token = login(client, db, "admin")
    response = client.post(
        "/admin/users", data={"csrf_token": token, "email": "admin@example.org", "role": "editor"}
    )
    html = response.get_data(as_text=True)
    assert (
        response.status_code == 400
        and "exists already" in html
        and 'value="admin@example.org"' in html
    )


def test_an_admin_cannot_lock_themselves_out(client, db):
    token = login(client, db, "admin")
    me = db.session.scalar(sa.select(User).where(User.email == "admin@example.org"))
    client.post(
        f"/admin/users/{me.id}",
        data={"csrf_token": token, f"u{me.id}-role": "reviewer", f"u{me.id}-active": "1"},
    )
    db.session.expire_all()
    assert db.session.get(User, me.id).role == "admin"


def test_only_admins_manage_users(client, db):
    token = login(client, db, "editor")
    assert client.get("/admin/users").status_code == 403
    response = client.post(
        "/admin/users", data={"csrf_token": token, "email": "x@example.org", "role": "admin"}
    )
    assert response.status_code == 403
    assert db.session.scalar(sa.select(User).where(User.email == "x@example.org")) is None
