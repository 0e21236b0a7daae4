"""Relation: a typed link between two claims, "source <type> target" (DOMAIN.md §3)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.domain.vocabulary import RELATION_TYPES
from factcheck.extensions import db
from factcheck.models.claim import Claim
from factcheck.models.types import UTCDateTime, utcnow


class Relation(db.Model):
    __tablename__ = "relations"
    __table_args__ = (
        sa.CheckConstraint(sa.column("type").in_(RELATION_TYPES), name="type_known"),
        sa.CheckConstraint("source_id <> target_id", name="not_to_itself"),
        sa.UniqueConstraint(
            "type", "source_id", "target_id", name="uq_relations_type_source_target"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(16))
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id"), index=True)
    target_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id"), index=True)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    source: Mapped[Claim] = relationship(foreign_keys=[source_id])
    target: Mapped[Claim] = relationship(foreign_keys=[target_id])

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Relation {self.source_id} {self.type} {self.target_id}>"
