"""A form that creates something carries its own key, so a double submit creates one record.

The key is a hidden field filled when the form is shown; services/submissions
keeps it. The second submit of the same form is sent to what the first one
made ("saved already"), a submit racing the first is told to wait.
"""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import HiddenField
from wtforms.validators import Optional, Regexp

from factcheck.services import submissions


def SubmitKeyField() -> HiddenField:  # noqa: N802  (reads like a field class)
    """The form's own idempotency key: new each time the form is shown."""
    return HiddenField(
        default=lambda: secrets.token_hex(16),
        validators=[
            Optional(),
            Regexp(r"^[0-9a-f]{32}$", message=_l("The page sent a malformed key; reload it.")),
        ],
    )


class Once:
    """One submit of one form: `repeat` is where the first submit went, if this is a repeat."""

    def __init__(self, key: str | None, scope: str):
        self.key = f"form:{key}" if key else None
        self.repeat: str | None = None
        if self.key is not None:
            outcome = submissions.reserve(current_user.id, self.key, scope)
            self.repeat = outcome.location if outcome is not None else None

    def done(self, location: str) -> None:
        if self.key is not None:
            submissions.complete(current_user.id, self.key, 302, location)

    def failed(self) -> None:
        if self.key is not None:
            submissions.release(current_user.id, self.key)


KeyRefused = submissions.KeyRefused
