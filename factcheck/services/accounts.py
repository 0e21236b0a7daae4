"""Accounts: added by an admin or from the command line, their role and state changed by an admin."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from werkzeug.security import check_password_hash, generate_password_hash

from factcheck.domain.said import Said
from factcheck.domain.vocabulary import LOCALES
from factcheck.extensions import db
from factcheck.models import User
from factcheck.services.duplicates import refused_as_duplicate
from factcheck.services.unit_of_work import transaction

MIN_PASSWORD = 8
# Checked against when the e-mail is unknown, so that a log-in takes as long either way.
_DUMMY_HASH: list[str] = []


class AccountRefused(ValueError):
    """The account cannot be added or changed as asked; nothing was written."""


def find_account(email: str) -> User | None:
    """The account of this e-mail address (compared lower-case, without surrounding spaces)."""
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def create_account(email: str, role: str, password: str, must_change: bool = False) -> User:
    """Add an account; refuse a taken e-mail address or a password shorter than MIN_PASSWORD.

    `must_change`: the password was chosen for the person (an admin's), who
    changes it at first log-in.
    """
    email = email.strip().lower()
    _check_email(email)
    _check_password(password)
    taken = {"email": lambda: AccountRefused(_exists(email))}
    with refused_as_duplicate(taken), transaction():
        if find_account(email) is not None:
            raise AccountRefused(_exists(email))
        user = User(email=email, role=role, must_change_password=must_change)
        user.set_password(password)
        db.session.add(user)
    return user


def _check_email(email: str) -> None:
    """The web form's rule (WTForms' Email, by email_validator) for every other path too."""
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as err:
        raise AccountRefused(
            Said("%(email)s is not an e-mail address (%(why)s)", email=email, why=str(err))
        ) from err


def _exists(email: str) -> Said:
    return Said("an account %(email)s exists already", email=email)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountRefused(
            Said("the password needs at least %(count)d characters", count=MIN_PASSWORD)
        )
    if len(password) > 1000:
        raise AccountRefused(Said("the password is longer than 1,000 characters"))


def authenticate(email: str, password: str) -> User | None:
    """The active account with this e-mail and password, else None, in about the same time.

    An unknown e-mail is checked against a dummy hash, so that timing does not
    tell which e-mail addresses have accounts.
    """
    user = find_account(email)
    if user is None or not user.password_hash:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(generate_password_hash(secrets.token_hex(16)))
        check_password_hash(_DUMMY_HASH[0], password)
        return None
    if user.check_password(password) and user.active:
        return user
    return None


def set_password(user: User, password: str, must_change: bool = False) -> User:
    """A new password for the account; every session opened with the old one ends."""
    _check_password(password)
    with transaction():
        user.set_password(password)
        user.must_change_password = must_change
        user.session_version = (user.session_version or 1) + 1
    return user


def change_own_password(user: User, current: str, new: str) -> User:
    """The account's own change: the current password proves it is its owner."""
    if not user.check_password(current):
        raise AccountRefused(Said("the current password is not right"))
    if new == current:
        raise AccountRefused(Said("choose a password other than the current one"))
    return set_password(user, new)


def end_sessions(user: User) -> None:
    """Log the account out everywhere: the session version in every cookie is now stale."""
    with transaction():
        user.session_version = (user.session_version or 1) + 1


def load_session(session_id: str) -> User | None:
    """The account a session cookie names (`id:version`), if that session has not ended."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit() and len(user_id) < 11 and len(version) < 11):
        return None  # a cookie from before session versions, or forged: log in again
    user = db.session.get(User, int(user_id))
    if user is None or (user.session_version or 1) != int(version):
        return None
    return user


def change_account(
    user: User,
    role: str,
    active: bool,
    by: User,
    display_name: str | None = None,
    locale: str | None = None,
) -> User:
    """Set an account's role, state and (when given) the name public pages show and the
    interface's language ("" for the browser's); an admin cannot demote or disable their own account."""
    if user.id == by.id and (role != "admin" or not active):
        raise AccountRefused(
            Said("You cannot demote or disable your own account; ask another admin.")
        )
    with transaction():
        user.role, user.active = role, active
        if display_name is not None:
            user.display_name = " ".join(display_name.split()) or None
        if locale is not None:
            user.locale = _known_locale(locale)
    return user


def set_locale(user: User, locale: str) -> User:
    """The interface's language of an account: en, id, or "" for the browser's."""
    with transaction():
        user.locale = _known_locale(locale)
    return user


def _known_locale(locale: str) -> str | None:
    if locale and locale not in LOCALES:
        raise AccountRefused(Said("unknown language %(locale)r", locale=locale))
    return locale or None
