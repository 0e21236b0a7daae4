"""Accounts: added by an admin or from the command line, their role and state changed by an admin."""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import User
from factcheck.services.unit_of_work import transaction

MIN_PASSWORD = 8


class AccountRefused(ValueError):
    """The account cannot be added or changed as asked; nothing was written."""


def find_account(email: str) -> User | None:
    """The account of this e-mail address (compared lower-case, without surrounding spaces)."""
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def create_account(email: str, role: str, password: str) -> User:
    """Add an account; refuse a taken e-mail address or a password shorter than MIN_PASSWORD."""
    email = email.strip().lower()
    if len(password) < MIN_PASSWORD:
        raise AccountRefused(f"the password needs at least {MIN_PASSWORD} characters")
    with transaction():
        if find_account(email) is not None:
            raise AccountRefused(f"an account {email} exists already")
        user = User(email=email, role=role)
        user.set_password(password)
        db.session.add(user)
    return user


def change_account(user: User, role: str, active: bool, by: User) -> User:
    """Set an account's role and state; an admin cannot demote or disable their own account."""
    if user.id == by.id and (role != "admin" or not active):
        raise AccountRefused("You cannot demote or disable your own account; ask another admin.")
    with transaction():
        user.role, user.active = role, active
    return user
