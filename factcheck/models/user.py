"""Accounts: who logs in and which role they hold (reviewer, editor, admin)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from factcheck.domain.vocabulary import ROLES
from factcheck.extensions import db
from factcheck.models.types import UTCDateTime, utcnow


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (sa.CheckConstraint(sa.column("role").in_(ROLES), name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(16), default="reviewer")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Carried in the session cookie; raised on log-out and on a new password, which ends old sessions.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Set when an admin chose the password: the account changes it before anything else.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # How public pages name the person ("Dewi Lestari"); never the e-mail address.
    display_name: Mapped[str | None] = mapped_column(sa.String(200))
    # The interface's language for this account (en, id); none: the browser's (factcheck/i18n.py).
    locale: Mapped[str | None] = mapped_column(sa.String(8))

    def public_name(self, publisher: str) -> str:
        """The display name, else the role at the publisher ("a factcheck editor")."""
        return self.display_name or f"a {publisher} {self.role}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts through this
        return self.active

    def get_id(self) -> str:
        """What the session cookie names: the account and its session version (see load_session)."""
        return f"{self.id}:{self.session_version or 1}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def can(self, act: str) -> bool:
        """Whether this role may `act`: reviewers draft, editors publish and merge, admins manage users."""
        allowed = {
            "reviewer": {"log", "draft"},
            "editor": {"log", "draft", "publish", "resolve", "merge"},
            "admin": {"log", "draft", "publish", "resolve", "merge", "manage_users"},
        }
        return act in allowed.get(self.role, set())

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
