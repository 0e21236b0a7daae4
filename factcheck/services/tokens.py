"""API tokens: issue one (its secret shown once), find the one a request carries, revoke it.

A token reads `fct_<prefix>_<secret>`. Only the prefix (to find the row) and
the SHA-256 of the whole token are stored, so a database leak yields no usable
token; the web pages, the CLI and the API's authentication all come here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from factcheck.domain.input_rules import check_text
from factcheck.domain.said import Said
from factcheck.extensions import db
from factcheck.models import ApiToken, User
from factcheck.models.types import utcnow
from factcheck.services.unit_of_work import transaction

TOKEN_RE = re.compile(r"fct_([0-9a-f]{12})_[A-Za-z0-9_-]{43}")
# last_used_at is written at most this often, so that reading the API stays read-only in the database.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def issue_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the row, and the token itself, which is never stored or shown again."""
    name = name.strip()
    if not name:
        raise ValueError(Said("give the token a name, e.g. the script that will use it"))
    if len(name) > 100:
        raise ValueError(Said("a token's name has at most 100 characters"))
    if (problem := check_text(name, multiline=False)) is not None:  # the web form's rule, too
        raise ValueError(problem)
    if not user.active:
        raise ValueError(Said("the account %(email)s is disabled", email=user.email))
    while True:
        prefix = secrets.token_hex(6)
        if db.session.scalar(sa.select(ApiToken.id).where(ApiToken.prefix == prefix)) is None:
            break
    secret = f"fct_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction():
        token = ApiToken(user_id=user.id, name=name, prefix=prefix, token_hash=_digest(secret))
        db.session.add(token)
    return token, secret


def revoke_token(token: ApiToken) -> ApiToken:
    """The token stops working at once; the row stays, as a record."""
    if token.revoked_at is None:
        with transaction():
            token.revoked_at = utcnow()
    return token


def find_active(presented: str | None) -> ApiToken | None:
    """The unrevoked token `presented` is, or None (malformed, unknown, revoked or wrong secret)."""
    match = TOKEN_RE.fullmatch(presented or "")
    if match is None:
        return None
    # The owner comes along: every request checks that the account is active and reads its role.
    token = db.session.scalar(
        sa.select(ApiToken)
        .options(joinedload(ApiToken.user))
        .where(ApiToken.prefix == match.group(1))
    )
    if token is None or token.revoked_at is not None:
        return None
    if not hmac.compare_digest(token.token_hash, _digest(presented)):
        return None
    return token


def touch(token: ApiToken) -> None:
    """Record that the token was used (to the minute). Commits when it writes."""
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        with transaction():
            token.last_used_at = now


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, active ones first, newest first."""
    return list(
        db.session.scalars(
            sa.select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(
                ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc()
            )
        )
    )
