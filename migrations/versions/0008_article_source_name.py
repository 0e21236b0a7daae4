"""Articles remember the sidecar they were imported from, so a later file can target FILE#ID.

A correction in one article's sidecar names a claim of another as
`tr-2023-02-07-anadolu#killed-hatay`; when that article was imported earlier,
its claim is found by this name and the claim's source_key. Existing rows keep
NULL (they were imported before the name was kept, or entered on the web).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 10:00:00

"""

from alembic import op
import sqlalchemy as sa


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_name", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_articles_source_name"), ["source_name"], unique=False)


def downgrade():
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_source_name"))
        batch_op.drop_column("source_name")
