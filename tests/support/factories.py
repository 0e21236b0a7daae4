"""The one way the tests (and the benchmarks) make an account, and an API token for it.

user(db)                                   # reviewer@example.org, role reviewer, PASSWORD
user(db, "ed@example.org", role="editor")
user(db, "x@example.org", password=None)   # an account that never logs in
account(db, "editor")                      # (user, API token)
"""

from __future__ import annotations

from functools import cache

PASSWORD = "correct horse battery"


@cache
def password_hash(password: str) -> str:
    """The app's own hash of `password`, made once: hashing is slow on purpose, and the same each time."""
    from factcheck.models import User

    probe = User()
    probe.set_password(password)
    return probe.password_hash


def user(db, email: str | None = None, role: str = "reviewer", password: str | None = PASSWORD):
    """A saved account of `role` (committed); `email` defaults to `<role>@example.org`."""
    from factcheck.models import User

    made = User(email=email or f"{role}@example.org", role=role)
    if password is not None:
        made.password_hash = password_hash(password)
    db.session.add(made)
    db.session.commit()
    return made


def api_token(account, name: str = "tests") -> str:
    """A new API token for `account`: the secret a client sends as `Authorization: Bearer ...`."""
    from factcheck.services.tokens import issue_token

    return issue_token(account, name)[1]


def account(db, role: str = "reviewer", email: str | None = None):
    """An account of `role` with a fresh API token: (user, token)."""
    made = user(db, email or f"api-{role}@example.org", role)
    return made, api_token(made, f"{role} tests")
