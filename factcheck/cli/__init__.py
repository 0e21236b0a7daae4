"""`flask --app wsgi factcheck ...`: thin commands that call the services, one module per group."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from factcheck.cli import accounts, data, pages, reconcile, report, suggest, tokens


class _TextArguments(AppGroup):
    """Refuses an argument that is not UTF-8 text (on Linux, bytes Python could not decode
    arrive as lone surrogates), with a usage error rather than a traceback deep in a command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for arg in args:
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                raise click.UsageError(
                    f"the argument '{_as_typed(arg)}' is not UTF-8 text", ctx
                ) from None
        return super().parse_args(ctx, args)


def _as_typed(arg: str) -> str:
    """The argument with the bytes that were not UTF-8 shown as \\xFF, as a shell shows them."""
    try:
        raw = arg.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte makes: passed in as text
        raw = arg.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


factcheck_cli = _TextArguments(
    "factcheck",
    help=(
        "factcheck commands: import, export, restore, repoint-merged, reconcile, suggest, "
        "report, fact-check-pages, create-user, set-password, token."
    ),
)
for command in (
    data.import_command,
    data.export_command,
    data.restore_command,
    data.repoint_merged_command,
    reconcile.reconcile_command,
    suggest.suggest_command,
    report.report_command,
    pages.fact_check_pages_command,
    accounts.create_user_command,
    accounts.set_password_command,
    tokens.token_group,
):
    factcheck_cli.add_command(command)
