"""Helpers for the web tests: accounts, logging in with the real CSRF token."""

from __future__ import annotations

import re

PASSWORD = "correct horse battery"


def make_user(db, email: str, role: str = "reviewer"):
    from factcheck.models import User

    user = User(email=email, role=role)
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    return user


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert match, "the page carries no CSRF token"
    return match.group(1)


def login(client, db, role: str = "reviewer"):
    email = f"{role}@example.org"
    make_user(db, email, role)
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return token
