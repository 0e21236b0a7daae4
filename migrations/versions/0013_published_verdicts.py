"""Published verdicts (one stable public page per claim's verdict, correctable and withdrawable) and
quotes' translations.

- `published_verdicts` holds, per claim, the page's slug (`/fact-checks/<slug>`), the
  verdict shown now, its ClaimReview as published (null once withdrawn), the
  corrections with their notes and dates, and the withdrawal's date and note.
  Every state is also kept in `changes` (entity "published_verdict").
- `claims.translation`: a reviewer's translation of the quote, shown beside the
  article's words (which stay verbatim in `exact`) and in the ClaimReview.
- Verdicts published before this revision get their page when next published or
  corrected; nothing is backfilled here (a page needs the publisher's identity,
  which the running app knows and a migration does not).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

import factcheck.models.types

revision = "0013"
down_revision = "0012"  # the lead re-chains this onto main's head when merging
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translation", sa.Text(), nullable=True))
    op.create_table(
        "published_verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claim_review", sa.JSON(), nullable=True),
        sa.Column("corrections", sa.JSON(), nullable=False),
        sa.Column("published_at", factcheck.models.types.UTCDateTime(), nullable=False),
        sa.Column("modified_at", factcheck.models.types.UTCDateTime(), nullable=True),
        sa.Column("withdrawn_at", factcheck.models.types.UTCDateTime(), nullable=True),
        sa.Column("withdrawn_note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('published', 'withdrawn')", name=op.f("ck_published_verdicts_status_known")
        ),
        sa.CheckConstraint(
            "status <> 'withdrawn' OR withdrawn_at IS NOT NULL",
            name=op.f("ck_published_verdicts_withdrawn_has_date"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_published_verdicts_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_published_verdicts_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_verdicts")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_published_verdicts_claim_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_published_verdicts_slug")),
    )


def downgrade():
    op.drop_table("published_verdicts")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("translation")
