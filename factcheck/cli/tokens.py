"""`flask --app wsgi factcheck token create|list|revoke`: API tokens from a shell (set-up scripts, CI)."""

from __future__ import annotations

import sys

import click

from factcheck.extensions import db
from factcheck.input_guard import MAX_ID
from factcheck.models import ApiToken, User
from factcheck.services import tokens
from factcheck.services.accounts import find_account


def _user(email: str) -> User:
    user = find_account(email)
    if user is None:
        click.echo(f"Refused: there is no account {email}.", err=True)
        sys.exit(1)
    return user


@click.group("token")
def token_group() -> None:
    """API tokens: create one for an account (printed once), list them, revoke one."""


@token_group.command("create")
@click.argument("email")
@click.option("--name", default="command line", show_default=True, help="What will use the token.")
def create_command(email: str, name: str) -> None:
    """Create a token for EMAIL's account and print it: it is never shown again."""
    try:
        token, secret = tokens.issue_token(_user(email), name)
    except ValueError as err:
        click.echo(f"Refused: {err}.", err=True)
        sys.exit(1)
    click.echo(
        f"Created token {token.id} ({token.name!r}) for {email}; it is shown once:", err=True
    )
    click.echo(secret)


@token_group.command("list")
@click.argument("email")
def list_command(email: str) -> None:
    """The account's tokens: id, prefix, name, created, last used, revoked."""
    for t in tokens.tokens_of(_user(email)):
        state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "active"
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        click.echo(
            f"{t.id}\tfct_{t.prefix}_…\t{t.name}\tcreated {t.created_at:%Y-%m-%d %H:%M}\tused {used}\t{state}"
        )


@token_group.command("revoke")
@click.argument("token_id", type=int)
def revoke_command(token_id: int) -> None:
    """Revoke token TOKEN_ID: requests carrying it get 401 from now on."""
    # An id past an INTEGER column is no token's (the database would refuse the number).
    token = db.session.get(ApiToken, token_id) if 0 < token_id <= MAX_ID else None
    if token is None:
        click.echo(f"Refused: there is no token {token_id}.", err=True)
        sys.exit(1)
    if token.revoked_at is not None:  # nothing to do, and not a second revocation either
        click.echo(
            f"Token {token.id} (fct_{token.prefix}_…) was revoked already, {token.revoked_at:%Y-%m-%d %H:%M} UTC."
        )
        return
    tokens.revoke_token(token)
    click.echo(f"Revoked token {token.id} (fct_{token.prefix}_…).")
