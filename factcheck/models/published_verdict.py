"""PublishedVerdict: the one public page of a claim's published verdict (`/fact-checks/<slug>`).

A claim has at most one page, at an address that never changes. Its ClaimReview
is stored as published (`claim_review`), so the page and its `.jsonld` carry the
same document; a correction replaces it in place (with `dateModified`) and adds
a note to `corrections`; a withdrawal removes it and says why. Every state is
kept in the change history (entity "published_verdict").
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import db
from factcheck.models.claim import Claim
from factcheck.models.review import Review
from factcheck.models.types import UTCDateTime, utcnow

VERDICT_STATUSES = ("published", "withdrawn")


class PublishedVerdict(db.Model):
    __tablename__ = "published_verdicts"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(VERDICT_STATUSES), name="status_known"),
        sa.CheckConstraint(
            "status <> 'withdrawn' OR withdrawn_at IS NOT NULL", name="withdrawn_has_date"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(200), unique=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id"), unique=True)
    review_id: Mapped[int] = mapped_column(sa.ForeignKey("reviews.id"))  # the verdict shown now
    status: Mapped[str] = mapped_column(sa.String(16), default="published")
    claim_review: Mapped[dict | None] = mapped_column(sa.JSON)  # None once withdrawn
    # [{"at": ISO time, "note": …, "rating_before": …, "rating_after": …}], oldest first.
    corrections: Mapped[list] = mapped_column(sa.JSON, default=list)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_note: Mapped[str | None] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)

    claim: Mapped[Claim] = relationship()
    review: Mapped[Review] = relationship()

    __mapper_args__ = {"version_id_col": version}
