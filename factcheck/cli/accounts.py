"""`flask factcheck create-user EMAIL --role ROLE`: an account from a shell (set-up scripts)."""

from __future__ import annotations

import sys

import click

from factcheck.domain.vocabulary import ROLES
from factcheck.services import accounts


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True)
@click.option("--password", help="Ask for it when omitted; --generate prints a new one instead.")
@click.option("--generate", is_flag=True, help="Generate a password and print it.")
@click.option(
    "--if-missing", is_flag=True, help="Do nothing when the account exists (for set-up scripts)."
)
def create_user_command(
    email: str, role: str, password: str | None, generate: bool, if_missing: bool
) -> None:
    """Create an account with a role (reviewer, editor, admin)."""
    _one_password(password, generate)
    email = email.strip().lower()
    if accounts.find_account(email) is not None:
        if if_missing:
            return
        click.echo(f"Refused: an account {email} exists already.", err=True)
        sys.exit(1)
    if generate:
        password = accounts.generate_password()
    elif password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        accounts.create_account(email, role, password)
    except accounts.AccountRefused as err:
        click.echo(f"Refused: {err}.", err=True)
        sys.exit(1)
    click.echo(f"Created {role} {email}" + (f" with password: {password}" if generate else ""))


@click.command("set-password")
@click.argument("email")
@click.option("--password", help="Ask for it when omitted; --generate prints a new one instead.")
@click.option(
    "--generate",
    is_flag=True,
    help="Generate a password and print it; the account changes it at first log-in.",
)
def set_password_command(email: str, password: str | None, generate: bool) -> None:
    """Set an account's password (an admin's reset, or making accounts usable after `restore`).

    Every session of the account ends. A restore brings accounts back without
    passwords (backups never hold them): run this for each account that logs in.
    """
    _one_password(password, generate)
    user = accounts.find_account(email)
    if user is None:
        click.echo(f"Refused: no account {email.strip().lower()}.", err=True)
        sys.exit(1)
    if generate:
        password = accounts.generate_password()
    elif password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        accounts.set_password(user, password, must_change=generate)
    except accounts.AccountRefused as err:
        click.echo(f"Refused: {err}.", err=True)
        sys.exit(1)
    click.echo(f"Set the password of {user.email}" + (f": {password}" if generate else ""))


def _one_password(password: str | None, generate: bool) -> None:
    """--password and --generate both given: which one was meant is not ours to guess (the
    typed one was dropped, and the account got a password nobody chose)."""
    if password is not None and generate:
        raise click.UsageError("give --password or --generate, not both")
