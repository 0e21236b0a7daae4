"""Conflicts that decide: a reviewer closes a conflict by preferring a figure, setting one
aside, or saying the figures count different things.

- claims.set_aside_reason: the note of an editor who set the claim aside; such a claim is
  deprecated with the reason "set_aside" (the CHECK on deprecated_reason grows).
- relations of type "different_scope": a reviewer's link between two figures that count
  different things, so the engine never holds them in conflict (the CHECK on type grows).
- conflicts.outcome and conflicts.outcome_claim_id: what closing the conflict decided.

Only CHECKs that list values grow, so every stored row still satisfies them. PostgreSQL
swaps the constraint; SQLite cannot alter a CHECK, and rebuilding `claims` would drop its
triggers and foreign keys from other tables, so its stored DDL is edited in place: SQLite
documents this (writable_schema) as safe for a change that every row already satisfies.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

CLAIM_REASONS_OLD = "'retracted', 'corrected', 'disowned', 'withdrawn'"
CLAIM_REASONS_NEW = CLAIM_REASONS_OLD + ", 'set_aside'"
RELATION_TYPES_OLD = (
    "'retracts', 'corrects', 'supersedes', 'disowns', 'denies', 'corroborates', "
    "'contradicts', 'component_of', 'republishes'"
)
RELATION_TYPES_NEW = RELATION_TYPES_OLD + ", 'different_scope'"
CHECKS = {
    # table: (constraint, column expression prefix, old list, new list)
    "claims": (
        "ck_claims_deprecated_reason_known",
        "deprecated_reason IS NULL OR deprecated_reason IN",
        CLAIM_REASONS_OLD,
        CLAIM_REASONS_NEW,
    ),
    "relations": ("ck_relations_type_known", "type IN", RELATION_TYPES_OLD, RELATION_TYPES_NEW),
}


def _sqlite_check(table: str, old: str, new: str) -> None:
    conn = op.get_bind()
    ddl = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    if f"({old})" not in ddl:
        raise RuntimeError(f"{table}'s CHECK is not the one this migration expects")
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    conn.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
        (ddl.replace(f"({old})", f"({new})", 1), table),
    )
    conn.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    conn.exec_driver_sql("PRAGMA writable_schema = OFF")


def _checks(which: int) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, (name, prefix, *lists) in CHECKS.items():
        old, new = lists[1 - which], lists[which]
        if sqlite:
            _sqlite_check(table, old, new)
        else:
            op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
            op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({prefix} ({new}))")


def upgrade():
    _checks(1)
    op.add_column("claims", sa.Column("set_aside_reason", sa.Text(), nullable=True))
    op.add_column("conflicts", sa.Column("outcome", sa.String(length=16), nullable=True))
    with op.batch_alter_table("conflicts") as batch_op:
        batch_op.add_column(sa.Column("outcome_claim_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_conflicts_outcome_claim_id_claims", "claims", ["outcome_claim_id"], ["id"]
        )


def downgrade():
    conn = op.get_bind()
    used = conn.exec_driver_sql(
        "SELECT (SELECT count(*) FROM claims WHERE deprecated_reason = 'set_aside')"
        " + (SELECT count(*) FROM relations WHERE type = 'different_scope')"
    ).scalar_one()
    if used:
        raise RuntimeError(f"{used} rows record conflict decisions; set them back first")
    with op.batch_alter_table("conflicts") as batch_op:
        batch_op.drop_constraint("fk_conflicts_outcome_claim_id_claims", type_="foreignkey")
        batch_op.drop_column("outcome_claim_id")
        batch_op.drop_column("outcome")
    op.drop_column("claims", "set_aside_reason")
    _checks(0)
