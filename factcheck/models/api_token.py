"""API tokens: a user's bearer credentials for /api/v1, stored only as a SHA-256 hash."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.extensions import db
from factcheck.models.types import UTCDateTime, utcnow
from factcheck.models.user import User


class ApiToken(db.Model):
    """One token of one user: the prefix finds the row, the hash proves the secret; revoked, never deleted."""

    __tablename__ = "api_tokens"
    __table_args__ = (sa.CheckConstraint("length(token_hash) = 64", name="token_hash_hex"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))  # what the owner calls it: "newsroom script"
    prefix: Mapped[str] = mapped_column(
        sa.String(16), unique=True
    )  # shown in lists; the token starts with it
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<ApiToken {self.prefix} of user {self.user_id}>"
