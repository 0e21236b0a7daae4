"""Who may do what: reviewers log and draft, editors publish and resolve, admins manage users."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def requires(act: str) -> Callable:
    """Log in first; then refuse with 403 unless the user's role may `act` (see User.can)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.can(act):
                abort(
                    403,
                    description=f"Your role ({current_user.role}) may not {act.replace('_', ' ')}.",
                )
            return view(*args, **kwargs)

        wrapped.required_act = act
        return wrapped

    return decorate
