"""Places (DOMAIN.md §10), names under other spellings (aliases, §11), and merges of duplicates."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import db
from factcheck.models.types import UTCDateTime, utcnow

ALIASED = ("actor", "outlet", "place")

# The places an event covers (Turkey and Syria); a claim's place lies inside one of them.
event_places = sa.Table(
    "event_places",
    db.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("place_id", sa.ForeignKey("places.id", ondelete="CASCADE"), primary_key=True),
)


class Place(db.Model):
    """A named area; `within` makes the tree (Hatay within Turkey)."""

    __tablename__ = "places"
    __table_args__ = (
        sa.CheckConstraint("within_id IS NULL OR within_id <> id", name="not_within_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    within_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id"), index=True)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id"))

    within: Mapped[Place | None] = relationship(remote_side="Place.id", foreign_keys=[within_id])
    alias_rows: Mapped[list[Alias]] = relationship(
        "Alias",
        primaryjoin="and_(Alias.entity_type == 'place', foreign(Alias.entity_id) == Place.id)",
        viewonly=True,
        order_by="Alias.id",
    )

    @property
    def aliases(self) -> list[str]:
        return [a.name for a in self.alias_rows]

    def __repr__(self) -> str:
        return f"<Place {self.name}>"


class Alias(db.Model):
    """Another name of an actor, outlet or place; `key` is the name as names are compared."""

    __tablename__ = "aliases"
    __table_args__ = (
        sa.UniqueConstraint("entity_type", "key", name="uq_aliases_entity_type_key"),
        sa.CheckConstraint(sa.column("entity_type").in_(ALIASED), name="entity_type_known"),
        sa.Index("ix_aliases_entity", "entity_type", "entity_id"),
        # Names found by trigram for the search and the lookup fields (migration 0020).
        sa.Index(
            "ix_aliases_name_trgm",
            "name",
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(sa.String(16))
    entity_id: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(200))
    key: Mapped[str] = mapped_column(sa.String(200))


class Merge(db.Model):
    """One record merged into another: what moved, so that an undo puts it back."""

    __tablename__ = "merges"
    __table_args__ = (
        sa.CheckConstraint(sa.column("entity_type").in_(ALIASED), name="entity_type_known"),
        sa.CheckConstraint("from_id <> into_id", name="not_into_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(sa.String(16))
    from_id: Mapped[int]
    into_id: Mapped[int]
    moved: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    merged_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
