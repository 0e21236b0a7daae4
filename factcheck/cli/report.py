"""`flask factcheck report SLUG --format F -o PATH`: generate a report version here and write one format."""

from __future__ import annotations

import sys

import click
import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.input_guard import MAX_ID
from factcheck.models import Claim, Event, User
from factcheck.models.outcome import REPORT_FORMATS


def _stdout(content: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()


@click.command("report")
@click.argument("slug")
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="html", show_default=True
)
@click.option(
    "-o",
    "--output",
    "path",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Where to write the file; '-' for stdout.",
)
@click.option(
    "--claim", "claim_id", type=int, help="A shorter report on this one claim of the event."
)
@click.option(
    "--as",
    "email",
    help="The account recorded as having generated it (default: none, the CLI).",
)
def report_command(slug: str, fmt: str, path: str, claim_id: int | None, email: str | None) -> None:
    """Reconcile the event and store a new report version (a draft), writing it in one format."""
    from factcheck.services.atomic_file import AtomicOutput
    from factcheck.services.reports import generate_report_into

    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    if event is None:
        click.echo(f"No event with slug {slug!r}.", err=True)
        sys.exit(1)
    if claim_id is not None and not 0 < claim_id <= MAX_ID:
        click.echo(f"No claim {claim_id} in event {slug!r}.", err=True)
        sys.exit(1)
    if (
        claim_id is not None
        and db.session.scalar(
            sa.select(Claim.id).where(Claim.id == claim_id, Claim.event_id == event.id)
        )
        is None
    ):
        click.echo(f"No claim {claim_id} in event {slug!r}.", err=True)
        sys.exit(1)
    user_id = None
    if email:
        user_id = db.session.scalar(sa.select(User.id).where(User.email == email.strip().lower()))
        if user_id is None:
            click.echo(f"No account {email!r}.", err=True)
            sys.exit(1)
    out = None
    try:
        # The file first, the version after: a folder we cannot write to, or a disk that fills up,
        # ends with a plain message, no partial file and no stored version (retrying makes one, not two).
        out = None if path == "-" else AtomicOutput(path).open()
        report = generate_report_into(
            _stdout if out is None else out.write, event.id, fmt, claim_id, user_id, via="cli"
        )
        if out is not None:
            out.commit()
    except OSError as err:
        if out is not None:
            out.discard()
        click.echo(
            f"Could not write {path}: {err.strerror or err}. Nothing was written and no report "
            "version was stored; free some space or pick another place, then run it again.",
            err=True,
        )
        sys.exit(1)
    except BaseException:
        db.session.rollback()
        if out is not None:
            out.discard()
        raise
    click.echo(
        f"Report {slug} version {report.version} (draft, {fmt}, {len(report.files[0].content)} bytes)"
        + ("" if path == "-" else f" written to {path}"),
        err=True,
    )
