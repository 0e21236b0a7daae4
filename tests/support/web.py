"""The web app as a visitor meets it: the CSRF token of a page, logging in through the real form."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.support import factories
from tests.support.factories import PASSWORD

__all__ = ["PASSWORD", "csrf_token", "form_as_served", "log_in", "login"]


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


class _Served(HTMLParser):
    """The fields of a page's forms as a browser would send them unchanged."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: tuple[str, list[str], list[str]] | None = None  # name, first, selected
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "checkbox"):
            self.data.setdefault(a["name"], []).append(a.get("value") or "")
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], [], [])
        elif tag == "option" and self._select is not None:
            value = a.get("value") or ""
            self._select[1][:] = self._select[1] or [value]
            if "selected" in a:
                self._select[2].append(value)
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.data.setdefault(self._textarea, []).append("")

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            name, first, selected = self._select
            self.data.setdefault(name, []).extend(selected or first)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            values = self.data[self._textarea]  # the line break after <textarea> is no text
            values[-1] = values[-1].removeprefix("\r").removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self.data[self._textarea][-1] += data


def form_as_served(html: str) -> dict[str, list[str]]:
    """The page's form fields as a browser sends them unchanged: inputs, the selected options
    (else a select's first), text areas."""
    parser = _Served()
    parser.feed(html)
    return parser.data
