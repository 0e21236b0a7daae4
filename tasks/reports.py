"""Report generation in the background: ids in, the report service, retries declared."""

from __future__ import annotations

from celery import shared_task

from factcheck.services.reports import FORMATS, run_report_job
from tasks.reconcile import RETRY  # the same policy: database errors retried with backoff, 8 times


@shared_task(acks_late=True, **RETRY)
def generate_report_task(
    job_id: int, claim_id: int | None = None, formats: list[str] | None = None
) -> None:
    """Generate the job's report (every format unless told); a redelivered message finds it already made."""
    run_report_job(job_id, claim_id, formats or list(FORMATS))
