"""Claim: one assertion in one article, anchored to its exact quote (DOMAIN.md §2)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.domain.vocabulary import (
    CLAIM_KINDS,
    DEPRECATED_REASONS,
    MODALITIES,
    QUALIFIERS,
    RANKS,
)
from factcheck.extensions import db
from factcheck.models.article import Article
from factcheck.models.place import Place
from factcheck.models.source import Actor, Event
from factcheck.models.types import UTCDateTime, utcnow


def _in(column: str, values: tuple[str, ...]) -> sa.ColumnElement[bool]:
    return sa.column(column).in_(values)


class Claim(db.Model):
    __tablename__ = "claims"
    __table_args__ = (
        sa.CheckConstraint(_in("kind", CLAIM_KINDS), name="kind_known"),
        sa.CheckConstraint(
            sa.or_(sa.column("qualifier").is_(None), _in("qualifier", QUALIFIERS)),
            name="qualifier_known",
        ),
        sa.CheckConstraint(
            sa.or_(sa.column("modality").is_(None), _in("modality", MODALITIES)),
            name="modality_known",
        ),
        sa.CheckConstraint(_in("rank", RANKS), name="rank_known"),
        sa.CheckConstraint(
            sa.or_(
                sa.column("deprecated_reason").is_(None),
                _in("deprecated_reason", DEPRECATED_REASONS),
            ),
            name="deprecated_reason_known",
        ),
        sa.CheckConstraint(
            "(rank = 'deprecated') = (deprecated_reason IS NOT NULL)", name="deprecated_has_reason"
        ),
        sa.CheckConstraint(
            "rank <> 'preferred' OR preferred_reason IS NOT NULL", name="preferred_has_reason"
        ),
        sa.CheckConstraint(
            "kind <> 'quantity' OR (metric IS NOT NULL AND category IS NOT NULL"
            " AND qualifier IS NOT NULL AND modality IS NOT NULL)",
            name="quantity_complete",
        ),
        sa.CheckConstraint(
            "lower IS NULL OR upper IS NULL OR lower <= upper", name="lower_not_above_upper"
        ),
        sa.CheckConstraint("lower IS NULL OR lower >= 0", name="lower_not_negative"),
        sa.CheckConstraint("anchor_start >= 0 AND anchor_end > anchor_start", name="anchor_span"),
        sa.CheckConstraint("length(exact) = anchor_end - anchor_start", name="anchor_length"),
        sa.UniqueConstraint("article_id", "source_key", name="uq_claims_article_source_key"),
        sa.Index("ix_claims_group", "event_id", "metric", "category"),
        # The claim search (services/search.py): trigram indexes on PostgreSQL (migration 0019).
        *(
            sa.Index(
                f"ix_claims_{column}_trgm",
                column,
                postgresql_using="gin",
                postgresql_ops={column: "gin_trgm_ops"},
            )
            for column in ("exact", "proposition", "category_label")
        ),
        *(sa.Index(f"ix_claims_{column}", column) for column in ("value", "lower", "upper")),
        # The search's order, newest first, read from the index (migration 0020).
        sa.Index("ix_claims_stated_on_id", "stated_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id"), index=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"))
    # The annotation's own id ("killed-164"), so re-importing finds the claim again.
    source_key: Mapped[str | None] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(16))
    proposition: Mapped[str | None] = mapped_column(sa.Text)
    # A reviewer's translation of the quote for readers of another language; `exact` stays verbatim.
    translation: Mapped[str | None] = mapped_column(sa.Text)
    attributed_to_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id"), index=True)
    cites_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id"), index=True)
    stated_on: Mapped[date]

    # Anchor: W3C TextQuoteSelector + TextPositionSelector, offsets in code points.
    exact: Mapped[str] = mapped_column(sa.Text)
    prefix: Mapped[str] = mapped_column(sa.Text, default="")
    suffix: Mapped[str] = mapped_column(sa.Text, default="")
    anchor_start: Mapped[int]
    anchor_end: Mapped[int]

    # Quantity fields (kind == "quantity").
    metric: Mapped[str | None] = mapped_column(sa.String(40))
    category: Mapped[str | None] = mapped_column(sa.String(60))
    category_label: Mapped[str | None] = mapped_column(
        sa.String(200)
    )  # the speaker's words, verbatim
    qualifier: Mapped[str | None] = mapped_column(sa.String(16))
    modality: Mapped[str | None] = mapped_column(sa.String(16))
    value: Mapped[float | None] = mapped_column(sa.Float)
    lower: Mapped[float | None] = mapped_column(sa.Float)
    upper: Mapped[float | None] = mapped_column(sa.Float)  # NULL: unbounded above
    point: Mapped[float | None] = mapped_column(sa.Float)
    unit: Mapped[str] = mapped_column(sa.String(40), default="people")
    as_of: Mapped[date | None]
    # A part of the event's area (DOMAIN.md §10); None: the event's whole area.
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id"), index=True)

    rank: Mapped[str] = mapped_column(sa.String(16), default="normal")
    deprecated_reason: Mapped[str | None] = mapped_column(sa.String(16))
    preferred_reason: Mapped[str | None] = mapped_column(sa.Text)
    set_aside_reason: Mapped[str | None] = mapped_column(sa.Text)  # an editor's note (conflicts)

    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    article: Mapped[Article] = relationship()
    event: Mapped[Event] = relationship()
    attributed_to: Mapped[Actor | None] = relationship(foreign_keys=[attributed_to_id])
    cites: Mapped[Actor | None] = relationship(foreign_keys=[cites_id])
    place: Mapped[Place | None] = relationship()

    # Optimistic locking: an UPDATE over a stale version affects no row and fails.
    __mapper_args__ = {"version_id_col": version}

    @property
    def place_name(self) -> str | None:
        """The place's name, or None for the event's whole area."""
        return self.place.name if self.place is not None else None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def __repr__(self) -> str:
        return f"<Claim {self.id} {self.kind} {self.exact[:30]!r}>"
