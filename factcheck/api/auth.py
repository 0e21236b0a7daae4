"""Who is calling: the bearer token of every API request, and what its owner's role allows."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import request

from factcheck.api.problems import abort
from factcheck.models import ApiToken, User
from factcheck.services import tokens

TOKEN_KEY, USER_KEY = "factcheck.api_token", "factcheck.api_user"


def presented_token() -> str | None:
    """The token in `Authorization: Bearer <token>`, if the header has that form."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return (value.strip() or None) if scheme.lower() == "bearer" else None


def current_token() -> ApiToken | None:
    """The request's valid token, looked up once per request (the rate limiter asks first).

    Kept in the request's environ, not in `g`: an app context can outlive one request.
    """
    if TOKEN_KEY not in request.environ:
        request.environ[TOKEN_KEY] = tokens.find_active(presented_token())
    return request.environ[TOKEN_KEY]


def rate_limit_key() -> str:
    """The rate limit counts per token; requests without a valid one share a count per address."""
    token = current_token()
    return f"token:{token.id}" if token is not None else f"anonymous:{request.remote_addr}"


def require_token() -> None:
    """Before every API view: a valid token of an active account, or 401."""
    token = current_token()
    if token is None:
        if "Authorization" not in request.headers:
            abort(
                401,
                "Send an API token: Authorization: Bearer <token>. Create one under 'API tokens' in the web app.",
            )
        abort(401, "The API token is malformed, unknown or revoked.")
    if not token.user.active:
        abort(401, f"The account {token.user.email} is disabled; its tokens no longer work.")
    tokens.touch(token)
    request.environ[USER_KEY] = token.user


def current_user() -> User:
    """The account whose token authenticated this request."""
    return request.environ[USER_KEY]


def allowed(act: str) -> Callable:
    """Refuse with 403 unless the token's owner may `act` (User.can: reviewers draft, editors publish)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user()
            if not user.can(act):
                abort(
                    403, f"Your role ({user.role}) may not {act.replace('_', ' ')}; ask an editor."
                )
            return view(*args, **kwargs)

        wrapped.required_act = act
        return wrapped

    return decorate
