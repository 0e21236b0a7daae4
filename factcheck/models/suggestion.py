"""A claim the extraction assistant proposes for an article, waiting for a reviewer's decision."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.extensions import db
from factcheck.models.types import UTCDateTime, utcnow

SUGGESTION_STATUSES = ("pending", "accepted", "rejected")


class SuggestedClaim(db.Model):
    __tablename__ = "suggestions"
    __table_args__ = (
        # One row per proposal: running the assistant again never revives a rejected one.
        sa.UniqueConstraint(
            "article_id", "kind", "anchor_start", "anchor_end", name="uq_suggestions_anchor"
        ),
        sa.CheckConstraint(sa.column("status").in_(SUGGESTION_STATUSES), name="status_known"),
        sa.CheckConstraint(
            "status <> 'accepted' OR claim_id IS NOT NULL", name="accepted_has_claim"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    anchor_start: Mapped[int]
    anchor_end: Mapped[int]
    exact: Mapped[str] = mapped_column(sa.Text)
    data: Mapped[dict] = mapped_column(
        sa.JSON, default=dict
    )  # the extractor's fields, as `factcheck suggest` prints them
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    claim_id: Mapped[int | None] = mapped_column(sa.ForeignKey("claims.id"))
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


SUGGESTION_RUN_STATUSES = ("queued", "done", "failed")


class SuggestionRun(db.Model):
    """Whether the extraction assistant has read an article yet: what its open page waits for.

    One row per article stored since suggestions became a background job; an
    article without one was read before that (nothing to wait for). `read_chars`
    below the text's length: only the first part was read (SUGGEST_MAX_CHARS).
    """

    __tablename__ = "suggestion_runs"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(SUGGESTION_RUN_STATUSES), name="status_known"),
    )

    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(sa.String(16), default="queued")
    error: Mapped[str | None] = mapped_column(sa.Text)
    read_chars: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
