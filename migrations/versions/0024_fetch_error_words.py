"""A failed fetch keeps its reason structured too, so that a page writes it in its reader's language.

`error` stays the English text (the API and backups read it); `error_words` is the same
reason as its template and values (domain/said.words_of). Fetches failed before this
revision have none and are shown as stored.

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("fetches", sa.Column("error_words", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("fetches") as batch:
        batch.drop_column("error_words")
