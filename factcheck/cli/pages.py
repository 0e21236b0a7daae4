"""`flask factcheck fact-check-pages`: give every published verdict its public page (after an upgrade)."""

from __future__ import annotations

import click

from factcheck.services.published_verdicts import open_missing_pages


@click.command("fact-check-pages")
def fact_check_pages_command() -> None:
    """Open the /fact-checks/ page of every verdict published before pages existed (or restored
    from a backup without them). Safe to run again: it opens only what is missing."""
    opened = open_missing_pages()
    click.echo(f"Opened {opened} fact-check page(s).")
