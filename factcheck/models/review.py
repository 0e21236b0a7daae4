"""Review: a reviewer's verdict on one claim (DOMAIN.md §7); editors publish."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.domain.vocabulary import RATINGS
from factcheck.extensions import db
from factcheck.models.claim import Claim
from factcheck.models.types import UTCDateTime, utcnow
from factcheck.models.user import User


class Review(db.Model):
    __tablename__ = "reviews"
    __table_args__ = (
        sa.CheckConstraint(sa.column("rating").in_(tuple(RATINGS)), name="rating_known"),
        sa.CheckConstraint("NOT published OR published_at IS NOT NULL", name="published_has_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id"), index=True)
    rating: Mapped[str] = mapped_column(sa.String(32))
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    evidence_links: Mapped[list] = mapped_column(sa.JSON, default=list)
    reviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    published: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    claim: Mapped[Claim] = relationship()
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def rating_value(self) -> int | None:
        """schema.org ratingValue (1..5), None for unverifiable / retracted by source."""
        return RATINGS[self.rating]
