"""The web app as a visitor meets it: the CSRF token of a page, logging in through the real form."""

from __future__ import annotations

import re

from tests.support import factories
from tests.support.factories import PASSWORD

__all__ = ["PASSWORD", "csrf_token", "log_in", "login"]


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert match, "the page carries no CSRF token"
    return match.group(1)


def log_in(client, email: str, password: str = PASSWORD) -> str:
    """Log `client` in as `email` through the login form; the CSRF token of its session."""
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    response = client.post(
        "/auth/login", data={"email": email, "password": password, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return token


def login(client, db, role: str = "reviewer") -> str:
    """A new account `<role>@example.org`, logged in on `client`; the CSRF token of its session."""
    factories.user(db, role=role)
    return log_in(client, f"{role}@example.org")
