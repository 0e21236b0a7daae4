"""Record every change to reviewers' data: who, when, before, after (append-only)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Change
from factcheck.services.json_values import row_dict


def record(
    entity: Any,
    action: str,
    before: dict | None,
    user_id: int | None = None,
    via: str = "web",
    omit: tuple[str, ...] = (),
) -> Change:
    """Add a Change row for `entity`; `before` is row_dict() taken before the edit (None on create).

    `omit` leaves out columns that cannot change and are large (an article's text).
    The entity must be flushed so it has an id. The caller commits.
    """
    after = {k: v for k, v in row_dict(entity).items() if k not in omit}
    if before is not None and omit:
        before = {k: v for k, v in before.items() if k not in omit}
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


def changes_since(
    entity_type: str, entity_id: int, version: int
) -> list[tuple[Change, str | None]]:
    """(change, who) for the changes that took a versioned row past `version`, oldest first."""
    from factcheck.models import User

    rows = db.session.execute(
        sa.select(Change, User.email)
        .outerjoin(User, User.id == Change.user_id)
        .where(Change.entity_type == entity_type, Change.entity_id == entity_id)
        .order_by(Change.id)
    ).all()
    return [(c, email) for c, email in rows if (c.after or {}).get("version", 0) > version]


def changed_fields(change: Change) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for each field a change altered; bookkeeping columns left out."""
    before, after = change.before or {}, change.after or {}
    return [
        (k, before.get(k), v)
        for k, v in after.items()
        if before.get(k) != v and k not in ("updated_at", "version")
    ]
