"""Search by index: trigram indexes for the claim search's words, b-tree indexes for its numbers.

A word of a search is looked for in a claim's quote, proposition and label (ILIKE '%word%') and,
read as a number, in its value and bounds. On PostgreSQL the text columns get GIN trigram
indexes (pg_trgm, a trusted extension since PostgreSQL 13: the database owner may create it),
so each arm of the search is an index scan instead of a scan of every claim; SQLite gets plain
indexes of the same names, so the schema stays one schema.

Revision ID: 0019
Revises: 0018
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TEXT_COLUMNS = ("exact", "proposition", "category_label")
NUMBER_COLUMNS = ("value", "lower", "upper")


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in TEXT_COLUMNS:
        op.create_index(
            f"ix_claims_{column}_trgm",
            "claims",
            [column],
            postgresql_using="gin",
            postgresql_ops={column: "gin_trgm_ops"},
        )
    for column in (*NUMBER_COLUMNS, "cites_id"):
        op.create_index(f"ix_claims_{column}", "claims", [column])


def downgrade():
    for column in (*NUMBER_COLUMNS, "cites_id"):
        op.drop_index(f"ix_claims_{column}", "claims")
    for column in TEXT_COLUMNS:
        op.drop_index(f"ix_claims_{column}_trgm", "claims")
