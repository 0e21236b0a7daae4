"""What every background job does when it fails: the row says so, with the error, and it can be run again."""

from __future__ import annotations

import traceback

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Job
from factcheck.services.unit_of_work import rollback, transaction


def mark_failed(job_id: int, err: BaseException) -> None:
    """Roll back the job's half-done work, then record `failed` and the error on its row."""
    rollback()
    with transaction():
        # Not a job already done: a late second delivery of one of its parts that fails
        # (the database gone for a moment) leaves the job as its work left it.
        db.session.execute(
            sa.update(Job)
            .where(Job.id == job_id, Job.status != "done")
            .values(status="failed", error="".join(traceback.format_exception_only(err)).strip())
        )
