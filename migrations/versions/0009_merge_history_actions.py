"""History rows for merges: the change history accepts the actions "merge" and "undo merge".

Merging two actors, outlets or places (DOMAIN.md §11) writes a history row on
both records, and so does undoing it. Only the CHECK on `changes.action` grows;
no row changes. SQLite cannot alter a CHECK, so the table is rebuilt with its
rows, index and append-only triggers as they were.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OLD = "'create', 'update', 'withdraw', 'restore', 'publish', 'resolve', 'dismiss'"
NEW = OLD + ", 'merge', 'undo merge'"
APPEND_ONLY_MESSAGE = "the change history is append-only"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END""",
    f"""CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END""",
]


def _sqlite_rebuild(old: str, new: str) -> None:
    """Copy `changes` into a table whose CHECK lists `new`, then put it in the old one's place."""
    conn = op.get_bind()
    ddl = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'changes'"
    ).scalar_one()
    if old not in ddl:
        raise RuntimeError("changes.action's CHECK is not the one this migration expects")
    rebuilt = ddl.replace(old, new, 1).replace("changes", "changes_rebuilt", 1)
    op.execute("DROP TRIGGER IF EXISTS changes_no_update")
    op.execute("DROP TRIGGER IF EXISTS changes_no_delete")
    op.execute(rebuilt)
    op.execute("INSERT INTO changes_rebuilt SELECT * FROM changes")
    op.execute("DROP TABLE changes")
    op.execute("ALTER TABLE changes_rebuilt RENAME TO changes")
    op.execute("CREATE INDEX ix_changes_entity ON changes (entity_type, entity_id)")
    for statement in SQLITE_TRIGGERS:
        op.execute(statement)


def _postgresql(values: str) -> None:
    op.execute("ALTER TABLE changes DROP CONSTRAINT ck_changes_action_known")
    op.execute(f"ALTER TABLE changes ADD CONSTRAINT ck_changes_action_known CHECK (action IN ({values}))")


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild(OLD, NEW)
    else:
        _postgresql(NEW)


def downgrade():
    merges = op.get_bind().exec_driver_sql(
        "SELECT count(*) FROM changes WHERE action IN ('merge', 'undo merge')"
    ).scalar_one()
    if merges:  # the history is append-only: its merge rows cannot be dropped to fit the old CHECK
        raise RuntimeError(f"{merges} history rows record merges; they cannot be downgraded away")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_rebuild(NEW, OLD)
    else:
        _postgresql(OLD)
