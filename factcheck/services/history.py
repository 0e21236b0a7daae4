"""Record every change to reviewers' data: who, when, before, after (append-only)."""

from __future__ import annotations

from typing import Any

from factcheck.extensions import db
from factcheck.models import Change
from factcheck.services.plain import row_dict


def record(entity: Any, action: str, before: dict | None, user_id: int | None = None, via: str = "web") -> Change:
    """Add a Change row for `entity`; `before` is row_dict() taken before the edit (None on create).

    The entity must be flushed so it has an id. The caller commits.
    """
    after = row_dict(entity)
    change = Change(
        entity_type=entity.__tablename__.rstrip("s"),
        entity_id=entity.id,
        action=action,
        user_id=user_id,
        via=via,
        before=before,
        after=after,
    )
    db.session.add(change)
    return change
