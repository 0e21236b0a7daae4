"""Report files: each rendered format of a report, kept byte for byte; reports remember their job.

- `report_files` holds one row per (report, format): content, sha256, size, media type;
- `reports.job_key` names the background job that made it ("<id>@<created_at>", unique),
  so a redelivered task finds its report instead of making a second one; not a foreign
  key, because a backup carries reports but not jobs (and job ids start again);
- triggers keep a published report exactly as published: its files are never updated
  or deleted, and its row changes only in `formats` (a format rendered later from the
  frozen snapshot is added, never replaced).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 05:22:37.771804

"""
from alembic import op
import sqlalchemy as sa

import factcheck.models.types


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

FILE_MESSAGE = "report files are written once: a file of a published report is never updated or deleted"
REPORT_MESSAGE = "a published report is frozen: only its list of formats may change"

SQLITE_UP = [
    f"""CREATE TRIGGER report_files_no_update BEFORE UPDATE ON report_files
    BEGIN SELECT RAISE(ABORT, '{FILE_MESSAGE}'); END""",
    f"""CREATE TRIGGER report_files_published_no_delete BEFORE DELETE ON report_files
    WHEN (SELECT status FROM reports WHERE id = OLD.report_id) = 'published'
    BEGIN SELECT RAISE(ABORT, '{FILE_MESSAGE}'); END""",
    f"""CREATE TRIGGER reports_published_frozen BEFORE UPDATE ON reports
    WHEN OLD.status = 'published' AND (
      NEW.status IS NOT OLD.status OR NEW.version IS NOT OLD.version OR NEW.event_id IS NOT OLD.event_id
      OR NEW.claim_id IS NOT OLD.claim_id OR NEW.snapshot IS NOT OLD.snapshot
      OR NEW.fingerprint IS NOT OLD.fingerprint OR NEW.generated_at IS NOT OLD.generated_at
      OR NEW.generated_by_id IS NOT OLD.generated_by_id OR NEW.published_at IS NOT OLD.published_at
      OR NEW.published_by_id IS NOT OLD.published_by_id OR NEW.job_key IS NOT OLD.job_key)
    BEGIN SELECT RAISE(ABORT, '{REPORT_MESSAGE}'); END""",
    f"""CREATE TRIGGER reports_published_no_delete BEFORE DELETE ON reports
    WHEN OLD.status = 'published'
    BEGIN SELECT RAISE(ABORT, '{REPORT_MESSAGE}'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER reports_published_no_delete",
    "DROP TRIGGER reports_published_frozen",
    "DROP TRIGGER report_files_published_no_delete",
    "DROP TRIGGER report_files_no_update",
]

POSTGRESQL_UP = [
    f"""CREATE FUNCTION factcheck_report_file_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' OR (SELECT status FROM reports WHERE id = OLD.report_id) = 'published' THEN
        RAISE EXCEPTION '{FILE_MESSAGE}' USING ERRCODE = 'check_violation';
      END IF;
      RETURN OLD;
    END $$""",
    """CREATE TRIGGER report_files_frozen BEFORE UPDATE OR DELETE ON report_files
    FOR EACH ROW EXECUTE FUNCTION factcheck_report_file_frozen()""",
    f"""CREATE FUNCTION factcheck_report_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = 'published' AND (TG_OP = 'DELETE' OR
         (NEW.status, NEW.version, NEW.event_id, NEW.claim_id, NEW.snapshot::text, NEW.fingerprint,
          NEW.generated_at, NEW.generated_by_id, NEW.published_at, NEW.published_by_id, NEW.job_key)
         IS DISTINCT FROM
         (OLD.status, OLD.version, OLD.event_id, OLD.claim_id, OLD.snapshot::text, OLD.fingerprint,
          OLD.generated_at, OLD.generated_by_id, OLD.published_at, OLD.published_by_id, OLD.job_key)) THEN
        RAISE EXCEPTION '{REPORT_MESSAGE}' USING ERRCODE = 'check_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$""",
    """CREATE TRIGGER reports_frozen BEFORE UPDATE OR DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION factcheck_report_frozen()""",
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER reports_frozen ON reports",
    "DROP FUNCTION factcheck_report_frozen()",
    "DROP TRIGGER report_files_frozen ON report_files",
    "DROP FUNCTION factcheck_report_file_frozen()",
]


def _run(statements: dict[str, list[str]]) -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in statements:
        raise NotImplementedError(f"no report triggers written for {dialect}")
    for statement in statements[dialect]:
        op.execute(statement)


def upgrade():
    op.create_table('report_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', factcheck.models.types.UTCDateTime(), nullable=False),
    sa.CheckConstraint("format IN ('html', 'pdf', 'jsonld', 'csv', 'json')", name=op.f('ck_report_files_format_known')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_report_files_sha256_hex')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_files_report_id_reports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_files')),
    sa.UniqueConstraint('report_id', 'format', name='uq_report_files_report_format')
    )
    with op.batch_alter_table('report_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_files_report_id'), ['report_id'], unique=False)

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('job_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_reports_job_key'), ['job_key'])

    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRESQL_UP})


def downgrade():
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRESQL_DOWN})
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_reports_job_key'), type_='unique')
        batch_op.drop_column('job_key')

    with op.batch_alter_table('report_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_files_report_id'))

    op.drop_table('report_files')
