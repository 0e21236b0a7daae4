"""Who publishes (Outlet) and who speaks (Actor), and what they are about (Event)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import db

if TYPE_CHECKING:
    from factcheck.models.place import Alias, Place


def _aliases(entity_type: str, model: str):
    """The record's aliases (read only; services/names.py writes them), oldest first."""
    return relationship(
        "Alias",
        primaryjoin=f"and_(Alias.entity_type == '{entity_type}', foreign(Alias.entity_id) == {model}.id)",
        viewonly=True,
        order_by="Alias.id",
    )


# Which events an actor is a side in: an origin party_to the event is partisan (§4).
actor_party_to = sa.Table(
    "actor_party_to",
    db.metadata,
    sa.Column("actor_id", sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)


class Outlet(db.Model):
    __tablename__ = "outlets"
    __table_args__ = (
        # Names found by trigram for the search and the lookup fields (migration 0020).
        sa.Index(
            "ix_outlets_name_trgm",
            "name",
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(40), default="other")
    country: Mapped[str | None] = mapped_column(sa.String(100))
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # Merged into another outlet (a duplicate): kept so that the merge can be undone.
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outlets.id"))

    alias_rows: Mapped[list[Alias]] = _aliases("outlet", "Outlet")

    @property
    def aliases(self) -> list[str]:
        return [a.name for a in self.alias_rows]

    def __repr__(self) -> str:
        return f"<Outlet {self.name}>"


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR start_date <= end_date", name="dates_ordered"
        ),
        sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    place: Mapped[str | None] = mapped_column(sa.String(200))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"))

    parent: Mapped[Event | None] = relationship(remote_side="Event.id")
    places: Mapped[list[Place]] = relationship(secondary="event_places", order_by="Place.name")

    @property
    def is_open(self) -> bool:
        """An event with no end date is still unfolding (the `stale` check watches it)."""
        return self.end_date is None

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class Actor(db.Model):
    __tablename__ = "actors"
    __table_args__ = (
        # Names found by trigram for the search and the lookup fields (migration 0020).
        sa.Index(
            "ix_actors_name_trgm",
            "name",
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(40), default="other")
    role: Mapped[str | None] = mapped_column(sa.String(200))
    affiliation: Mapped[str | None] = mapped_column(sa.String(200))
    country: Mapped[str | None] = mapped_column(sa.String(100))
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # Merged into another actor (a duplicate): kept so that the merge can be undone.
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("actors.id"))

    party_to: Mapped[list[Event]] = relationship(secondary=actor_party_to, order_by=Event.slug)
    alias_rows: Mapped[list[Alias]] = _aliases("actor", "Actor")

    @property
    def aliases(self) -> list[str]:
        return [a.name for a in self.alias_rows]

    def __repr__(self) -> str:
        return f"<Actor {self.name}>"
