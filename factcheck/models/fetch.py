"""An article asked for by its address: fetched in the background and kept as evidence."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column

from factcheck.extensions import db
from factcheck.models.types import UTCDateTime, utcnow

FETCH_STATUSES = ("queued", "fetched", "failed")


class Fetch(db.Model):
    """One request to add an article from a URL: what was typed, what the server answered, the bytes.

    The raw response is the evidence snapshot: kept byte for byte with its SHA-256,
    so a reviewer can show what the page said when it was read, whatever it says now.
    """

    __tablename__ = "fetches"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(FETCH_STATUSES), name="fetch_status_known"),
        sa.CheckConstraint("sha256 IS NULL OR length(sha256) = 64", name="fetch_sha256_hex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(sa.String(2000))
    status: Mapped[str] = mapped_column(sa.String(16), default="queued")
    error: Mapped[str | None] = mapped_column(sa.Text)
    # The same reason as its words, [template, values] (domain/said.words_of): the page writes it
    # in its reader's language. None for fetches failed before it was kept.
    error_words: Mapped[list | None] = mapped_column(sa.JSON)
    # What the reviewer typed beside the address (title, outlet, language, event ...): kept so a
    # failed fetch can show the form again as it was, and a fetched one stores the article with it.
    typed: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    final_url: Mapped[str | None] = mapped_column(sa.String(2000))
    http_status: Mapped[int | None]
    content_type: Mapped[str | None] = mapped_column(sa.String(200))
    body: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    size: Mapped[int | None]
    page_date: Mapped[str | None] = mapped_column(
        sa.String(40)
    )  # the date the page gives, as given
    article_id: Mapped[int | None] = mapped_column(sa.ForeignKey("articles.id"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
