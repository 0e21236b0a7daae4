"""A rebuild batch carries its events' input digests from the plan.

The plan reads every event's input digest to leave unchanged events out; each
batch then read its own events' digests again, a query of several joins per
batch (about a tenth of a full rebuild at 50,000 events) whose answer, in a
full rebuild, was the plan's. The batch now keeps the plan's digests and stores
them after its work; NULL (batches planned before this revision) reads them again.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("rebuild_batches", sa.Column("inputs", sa.JSON(), nullable=True))


def downgrade():
    op.drop_column("rebuild_batches", "inputs")
