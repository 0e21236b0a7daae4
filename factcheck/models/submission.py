"""Idempotency keys: a submit (a form's token, an API `Idempotency-Key`) that counts once."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.extensions import db
from factcheck.models.types import UTCDateTime, utcnow


class Submission(db.Model):
    """One key one account sent with a create: reserved first, then the answer it got.

    A second submit with the same key gets the first one's answer instead of a
    second record; the unique key makes two racing submits meet in the database.
    """

    __tablename__ = "submissions"
    __table_args__ = (sa.UniqueConstraint("user_id", "key"),)  # uq_submissions_user_id

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    key: Mapped[str] = mapped_column(sa.String(120))
    # What was sent (method, path, body digest): the same key with another request is refused.
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    status: Mapped[int | None] = mapped_column()  # None while the first submit runs
    location: Mapped[str | None] = mapped_column(sa.String(2000))
    body: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
