"""What every background job does when it fails: the row says so, with the error, and it can be run again."""

from __future__ import annotations

import traceback

from factcheck.extensions import db
from factcheck.models import Job
from factcheck.services.unit_of_work import rollback, transaction


def mark_failed(job_id: int, err: BaseException) -> None:
    """Roll back the job's half-done work, then record `failed` and the error on its row."""
    rollback()
    with transaction():
        job = db.session.get(Job, job_id)
        job.status, job.error = "failed", "".join(traceback.format_exception_only(err)).strip()
