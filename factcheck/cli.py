"""`flask --app wsgi factcheck ...`: thin commands that call the services."""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from factcheck import cli_reconcile, cli_report, cli_suggest, cli_token
from factcheck.domain.annotation import AnnotationInvalid
from factcheck.domain.vocabulary import ROLES
from factcheck.extensions import db
from factcheck.models import User
from factcheck.services.backup import RestoreRefused, dumps, export_document, restore_document
from factcheck.services.importer import import_paths
from factcheck.services.output import write_whole

factcheck_cli = AppGroup(
    "factcheck", help="factcheck commands: import, export, restore, reconcile, create-user."
)
cli_reconcile.register(factcheck_cli)
cli_suggest.register(factcheck_cli)
cli_report.register(factcheck_cli)
cli_token.register(factcheck_cli)


@factcheck_cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def import_command(paths: tuple[Path, ...]) -> None:
    """Import article text files with their *.claims.yaml sidecars (files or folders)."""
    try:
        summary = import_paths(list(paths))
    except AnnotationInvalid as err:
        click.echo(f"Refused: nothing was imported. {len(err.problems)} problem(s):", err=True)
        for problem in err.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    for notice in summary.notices:
        click.echo(f"notice: {notice}", err=True)
    click.echo(f"Imported {len(summary.article_ids)} article(s). {summary.line()}")


@factcheck_cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
def export_command(path: str) -> None:
    """Write every row as one canonical JSON document to PATH ('-' for stdout)."""
    text = dumps(export_document())
    if path == "-":
        click.echo(text, nl=False)
        return
    try:
        write_whole(
            path, text.encode("utf-8")
        )  # a full disk never leaves half a backup, nor spoils the last one
    except OSError as err:
        click.echo(
            f"Could not write {path}: {err.strerror or err}. Nothing was written there.", err=True
        )
        sys.exit(1)
    click.echo(f"Exported to {path}", err=True)


@factcheck_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
def restore_command(path: str) -> None:
    """Load an export into an empty, migrated database, keeping every id."""
    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        counts = restore_document(json.loads(raw))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        click.echo(f"Refused: {path} is not a JSON document: {err}", err=True)
        sys.exit(1)
    except RestoreRefused as err:
        click.echo(f"Refused: nothing was restored. {err}", err=True)
        sys.exit(1)
    click.echo("Restored " + ", ".join(f"{n} {k}" for k, n in counts.items() if n))


@factcheck_cli.command("create-user")
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
    email = email.strip().lower()
    if db.session.scalar(sa.select(User).where(User.email == email)) is not None:
        if if_missing:
            return
        click.echo(f"Refused: an account {email} exists already.", err=True)
        sys.exit(1)
    if generate:
        password = secrets.token_urlsafe(12)
    elif password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        click.echo("Refused: the password needs at least 8 characters.", err=True)
        sys.exit(1)
    user = User(email=email, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {role} {email}" + (f" with password: {password}" if generate else ""))
