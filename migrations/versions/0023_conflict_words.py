"""A conflict keeps its detail structured too, so that a page writes it in its reader's language.

`detail` stays the English text the engine wrote (the API, exports and reports read it);
`detail_words` is the same sentence as its id and arguments (domain/reconciliation/
conflict_words.py). Conflicts found before this revision have none and are shown as
stored; a reconciliation of their event that finds one again with the same text keeps
its structured form (a rebuild skips unchanged events, so many keep none).

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("conflicts", sa.Column("detail_words", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("conflicts") as batch:
        batch.drop_column("detail_words")
