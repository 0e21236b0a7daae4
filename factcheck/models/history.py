"""Change history: who changed what, when, and the record before and after.

Rows are only ever added: database triggers (see the initial migration) refuse
UPDATE and DELETE on this table.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.extensions import db
from factcheck.models.types import UTCDateTime, utcnow


class Change(db.Model):
    __tablename__ = "changes"
    __table_args__ = (
        sa.Index("ix_changes_entity", "entity_type", "entity_id"),
        sa.CheckConstraint(
            sa.column("action").in_(
                (
                    "create",
                    "update",
                    "withdraw",
                    "restore",
                    "publish",
                    "resolve",
                    "dismiss",
                    "merge",
                    "undo merge",
                )
            ),
            name="action_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(
        sa.String(32)
    )  # claim, relation, review, conflict, report, article
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(sa.String(16))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    via: Mapped[str] = mapped_column(
        sa.String(40), default="web"
    )  # web, api, import, restore, engine
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    before: Mapped[dict | None] = mapped_column(sa.JSON)
    after: Mapped[dict | None] = mapped_column(sa.JSON)
