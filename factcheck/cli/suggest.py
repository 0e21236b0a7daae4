"""`flask factcheck suggest FILE`: print the extractor's suggestions for a text file; stores nothing."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from factcheck.domain.annotation import AnnotationInvalid, read_text
from factcheck.domain.extraction import findings, suggest
from factcheck.domain.vocabulary import LANGUAGES
from factcheck.services.settings import qualifier_widths


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not an ISO 8601 date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise click.BadParameter(f"give a time zone offset, e.g. {moment.isoformat()}+07:00")
    return moment


def _line(item: dict) -> str:
    if item["kind"] == "quantity":
        figure = (
            item["value"] if item["value"] is not None else f"[{item['lower']}, {item['upper']}]"
        )
        what = (
            f"{item['metric']}/{item['category']} {item['qualifier']} {figure} ({item['modality']})"
        )
    elif item["kind"] == "retraction":
        what = f"retracts {item['retracts_quote']!r}"
    else:
        what = item["kind"]
    return f"{item['start']:>6}  {what}  by {item['attributed_to'] or '(outlet)'} on {item['stated_on']}: {item['quote']!r}"


@click.command("suggest")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    help="The article's language (default: detected).",
)
@click.option(
    "--published-at",
    help="ISO 8601 with offset; relative days count from its date (default: the dateline).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)
@click.option(
    "--findings", "show_findings", is_flag=True, help="Print the metadata findings instead."
)
def suggest_command(
    file: Path, language: str | None, published_at: str | None, fmt: str, show_findings: bool
) -> None:
    """Print claim suggestions (or metadata findings) for an article text file, storing nothing."""
    try:
        text = read_text(file)
    except AnnotationInvalid as err:
        click.echo(f"Refused: {err}", err=True)
        sys.exit(1)
    moment = _moment(published_at)
    if show_findings:
        items = [f.to_dict() for f in findings(text, language=language, published_at=moment)]
        lines = [f"{i['kind']}: {i['detail']}" for i in items]
    else:
        widths = qualifier_widths()
        items = [
            s.to_dict()
            for s in suggest(text, language=language, published_at=moment, widths=widths)
        ]
        lines = [_line(i) for i in items]
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(lines) if lines else "No suggestions.")
