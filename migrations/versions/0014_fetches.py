"""Intake by URL: the fetches table keeps what was asked, what the server answered and its bytes.

A new table only; no existing row changes.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "fetches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("typed", sa.JSON(), nullable=False),
        sa.Column("final_url", sa.String(length=2000), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("content_type", sa.String(length=200), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("page_date", sa.String(length=40), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'fetched', 'failed')", name=op.f("ck_fetches_fetch_status_known")
        ),
        sa.CheckConstraint(
            "sha256 IS NULL OR length(sha256) = 64", name=op.f("ck_fetches_fetch_sha256_hex")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_fetches_article_id_articles")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["users.id"], name=op.f("fk_fetches_requested_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fetches")),
    )
    op.create_index(op.f("ix_fetches_article_id"), "fetches", ["article_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_fetches_article_id"), table_name="fetches")
    op.drop_table("fetches")
