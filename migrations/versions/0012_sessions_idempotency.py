"""Sessions that end on the server, passwords that can be changed, and submits that count once.

`users.session_version` is carried in every session cookie; logging out or a
new password raises it, so an old cookie no longer loads the account.
`users.must_change_password` sends an account whose password an admin set to
the change-password page first.

Revision ID: 0012
Revises: 0009
"""

from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0009"
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


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("session_version")
