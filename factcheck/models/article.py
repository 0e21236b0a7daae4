"""Article: one document exactly as received; claims anchor into its text."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import db
from factcheck.models.source import Event, Outlet
from factcheck.models.types import UTCDateTime, utcnow


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Article(db.Model):
    __tablename__ = "articles"
    __table_args__ = (
        sa.CheckConstraint("length(text) > 0", name="text_not_empty"),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        sa.CheckConstraint(
            "republished_from_article_id IS NULL OR republished_from_article_id <> id",
            name="not_own_copy",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(sa.ForeignKey("outlets.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"), index=True)
    url: Mapped[str | None] = mapped_column(sa.String(2000))
    title: Mapped[str] = mapped_column(sa.String(1000))
    language: Mapped[str] = mapped_column(sa.String(16))
    # Stored in UTC; the offset the outlet published in is kept so the local
    # time ("22:25 wib") can be shown and exported as it was.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_utc_offset: Mapped[int | None]  # minutes east of UTC
    retrieved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(sa.Text)
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    republished_from_outlet_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outlets.id"))
    republished_from_article_id: Mapped[int | None] = mapped_column(sa.ForeignKey("articles.id"))
    # The sidecar it was imported from, without `.claims.yaml`: what FILE in FILE#ID names.
    source_name: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    findings: Mapped[list] = mapped_column(
        sa.JSON, default=list
    )  # metadata findings, e.g. calendar_mismatch
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    outlet: Mapped[Outlet] = relationship(foreign_keys=[outlet_id])
    event: Mapped[Event | None] = relationship()
    republished_from: Mapped[Outlet | None] = relationship(
        foreign_keys=[republished_from_outlet_id]
    )
    republished_from_article: Mapped[Article | None] = relationship(remote_side="Article.id")

    def set_text(self, text: str) -> None:
        """Store the text and its hash together; they never disagree."""
        self.text = text
        self.sha256 = text_sha256(text)

    @property
    def published_local(self) -> datetime | None:
        """published_at in the time zone the outlet gave."""
        if self.published_at is None:
            return None
        tz = timezone(timedelta(minutes=self.published_utc_offset or 0))
        return self.published_at.astimezone(tz)

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.title[:40]!r}>"
