"""A rebuild is planned in steps: jobs remember how far the plan went and when it was complete.

A rebuild's plan sends each step's batches as soon as the step is committed, so the
other workers start while the rest is planned. `planned_through` is the last event
id a committed step covered (a planner that dies resumes after it); `planned_at`
says the plan is complete, and only then may the last batch mark the job done.
Rebuild jobs planned before this revision were planned in one transaction: those
with batches, or done, are complete.

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

from factcheck.models.types import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("jobs", sa.Column("planned_through", sa.Integer(), nullable=True))
    op.add_column("jobs", sa.Column("planned_at", UTCDateTime(), nullable=True))
    op.execute(
        "UPDATE jobs SET planned_at = COALESCE(started_at, created_at) "
        "WHERE kind = 'rebuild' AND (status = 'done' "
        "OR EXISTS (SELECT 1 FROM rebuild_batches b WHERE b.job_id = jobs.id))"
    )


def downgrade():
    op.drop_column("jobs", "planned_at")
    op.drop_column("jobs", "planned_through")
