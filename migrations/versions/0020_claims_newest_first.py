"""Search without scanning: claims newest first, and names found by trigram.

A search reads the newest claims first and stops at the end of its page (services/search.py):
the index on (stated_on, id) lets PostgreSQL walk the claims in that order instead of sorting
every match. A word of a search, and the lookup fields, look for it in the names and other names
of actors and outlets (ILIKE '%word%'): trigram indexes answer that from 150,000 actors without
reading them all (PostgreSQL; SQLite gets plain indexes of the same names, one schema).

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

NAMED = ("actors", "outlets", "aliases")


def upgrade():
    op.create_index("ix_claims_stated_on_id", "claims", ["stated_on", "id"])
    for table in NAMED:
        op.create_index(
            f"ix_{table}_name_trgm",
            table,
            ["name"],
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
        )


def downgrade():
    for table in NAMED:
        op.drop_index(f"ix_{table}_name_trgm", table)
    op.drop_index("ix_claims_stated_on_id", "claims")
