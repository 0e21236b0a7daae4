"""Claims newest first: an index on (stated_on, id), the claim search's order.

A search reads the newest claims first and stops at the end of its page (services/search.py):
with this index PostgreSQL walks the claims in that order instead of sorting every match.

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_claims_stated_on_id", "claims", ["stated_on", "id"])


def downgrade():
    op.drop_index("ix_claims_stated_on_id", "claims")
