"""Rebuilds skip what did not change and fan out: input digests per event, batches per job.

`rebuild_inputs` keeps, per event, the digest of the rows its results were last
built from; `rebuild_batches` the batches a rebuild job was split into, each a
task of its own. Both start empty: the first rebuild after the upgrade
recomputes every event, as before.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from factcheck.models.types import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rebuild_inputs",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_rebuild_inputs_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_rebuild_inputs")),
    )
    op.create_table(
        "rebuild_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("event_ids", sa.JSON(), nullable=False),
        sa.Column("groups", sa.Integer(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_rebuild_batches_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rebuild_batches")),
        sa.UniqueConstraint("job_id", "number", name="uq_rebuild_batches_job"),
    )


def downgrade():
    op.drop_table("rebuild_batches")
    op.drop_table("rebuild_inputs")
