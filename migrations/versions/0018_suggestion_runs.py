"""Suggestion runs: whether the extraction assistant has read an article, for its open page.

The article page waits for `done` (or says `failed`, with the error) instead of
asking for a reload. Articles stored before have no row: nothing to wait for.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "suggestion_runs",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("read_chars", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('queued', 'done', 'failed')",
            name=op.f("ck_suggestion_runs_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_suggestion_runs_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_suggestion_runs")),
    )


def downgrade():
    op.drop_table("suggestion_runs")
