"""Submits that count once: a create carries a key (a form's hidden token, an API `Idempotency-Key`).

The key is reserved in its own committed row before the create runs; a second
submit with the same key then finds the first one's answer (a redirect to the
record it made, or the API's stored response) instead of making a second
record. Two racing submits meet on the row's unique key: one reserves, the
other is told the first is still running. A submit that fails gives its key
back, so the person may correct and send it again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Submission
from factcheck.models.types import utcnow
from factcheck.services.unit_of_work import transaction

MAX_KEY = 120
# A reservation nobody completed or gave back (the process died mid-request) expires.
ABANDONED_AFTER = timedelta(minutes=5)


class KeyRefused(ValueError):
    """The key is malformed, in use by a submit still running, or was used for another request."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Outcome:
    """The answer the first submit with this key got."""

    status: int
    location: str | None
    body: str | None


def fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "replace"))
        digest.update(b"\0")
    return digest.hexdigest()


def check_key(key: str, longest: int = MAX_KEY) -> None:
    """`longest`: what a client may send, where its key is stored behind a prefix ("api:")."""
    if not key or len(key) > longest or not key.isascii() or not key.isprintable():
        raise KeyRefused(f"An idempotency key is 1 to {longest} printable ASCII characters.", 400)


def reserve(user_id: int, key: str, sent: str) -> Outcome | None:
    """Reserve `key` for this submit (None: go ahead), or the first submit's Outcome to repeat.

    Raises KeyRefused when the first submit is still running (409) or the key
    was used with another request (`sent` differs: 422).
    """
    check_key(key)
    found = _find(user_id, key)
    if found is not None and found.status is None and found.created_at < utcnow() - ABANDONED_AFTER:
        release(user_id, key)
        found = None
    if found is None:
        try:
            with transaction():
                db.session.add(Submission(user_id=user_id, key=key, fingerprint=sent))
            return None
        except sa.exc.IntegrityError:  # another submit with this key reserved it just now
            found = _find(user_id, key)
            if found is None:
                raise KeyRefused("This submit is being saved already; reload in a moment.", 409)
    if found.fingerprint != sent:
        raise KeyRefused("This idempotency key was used for another request.", 422)
    if found.status is None:
        raise KeyRefused("This submit is being saved already; reload in a moment.", 409)
    return Outcome(found.status, found.location, found.body)


def complete(
    user_id: int, key: str, status: int, location: str | None, body: str | None = None
) -> None:
    """Keep the answer of the submit that reserved `key`, for any repeat of it."""
    with transaction():
        found = _find(user_id, key)
        if found is not None:
            found.status, found.location, found.body = status, location, body


def release(user_id: int, key: str) -> None:
    """Give the key back: the submit made nothing, so the same key may be sent again."""
    with transaction():
        db.session.execute(
            sa.delete(Submission).where(Submission.user_id == user_id, Submission.key == key)
        )


def _find(user_id: int, key: str) -> Submission | None:
    return db.session.scalar(
        sa.select(Submission).where(Submission.user_id == user_id, Submission.key == key)
    )
