"""Sessions that end on the server, passwords that can be changed, and submits that count once.

`users.session_version` is carried in every session cookie; logging out or a
new password raises it, so an old cookie no longer loads the account.
`users.must_change_password` sends an account whose password an admin set to
the change-password page first. `submissions` keeps the idempotency key of each
create (a form's token, an API `Idempotency-Key`), so a double submit makes one record.

Revision ID: 0012
Revises: 0010
"""

from alembic import op
import sqlalchemy as sa

import factcheck.models.types

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=2000), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("created_at", factcheck.models.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_submissions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submissions")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_submissions_user_id")),
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submissions_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submissions_user_id"))
    op.drop_table("submissions")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("session_version")
