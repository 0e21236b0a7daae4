"""`flask --app wsgi factcheck ...`: thin commands that call the services, one module per group."""

from __future__ import annotations

from flask.cli import AppGroup

from factcheck.cli import accounts, data, pages, reconcile, report, suggest, tokens

factcheck_cli = AppGroup(
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
