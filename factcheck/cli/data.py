"""`flask factcheck import|export|restore|repoint-merged`: articles in, every row out, every
row back, and rows that name a merged-away record moved to its survivor."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from factcheck.domain.annotation import AnnotationInvalid
from factcheck.services.atomic_file import write_whole
from factcheck.services.backup import RestoreRefused, dumps, export_document, restore_document
from factcheck.services.importer import import_paths
from factcheck.services.merged_references import repoint_stored


@click.command("import")
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


@click.command("export")
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


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
def restore_command(path: str) -> None:
    """Load an export into an empty, migrated database, keeping every id."""
    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        counts = restore_document(json.loads(raw))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as err:
        # RecursionError: arrays or objects nested deeper than any export is
        click.echo(f"Refused: {path} is not a JSON document: {err}", err=True)
        sys.exit(1)
    except RestoreRefused as err:
        click.echo(f"Refused: nothing was restored. {err}", err=True)
        sys.exit(1)
    click.echo("Restored " + ", ".join(f"{n} {k}" for k, n in counts.items() if n))


@click.command("repoint-merged")
def repoint_merged_command() -> None:
    """Move claims and articles that still name a merged-away record to its survivor.

    Such rows were stored before names were moved on save (an API client or a form that
    kept the old id). Each move is noted by its merge, so undoing the merge puts it back.
    """
    moved = repoint_stored(via="cli")
    click.echo(f"Moved {moved} row(s) to the records they were merged into.")
