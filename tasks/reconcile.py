"""Reconciliation jobs: thin wrappers that take ids and call the services."""

from __future__ import annotations

from celery import shared_task
from sqlalchemy.exc import DBAPIError, OperationalError

from factcheck.services import rebuild, sweep

RETRY = dict(
    autoretry_for=(OperationalError, DBAPIError),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=8,
)


@shared_task(acks_late=True, **RETRY)
def reconcile_group(event_id: int, metric: str, category: str) -> None:
    """Reconcile one group after an edit; a burst of edits queued it once."""
    rebuild.reconcile_pending_group(event_id, metric, category)


@shared_task(acks_late=True, **RETRY)
def rebuild_all(job_id: int) -> None:
    """A full rebuild with progress on the job row; rerunnable after a crash."""
    rebuild.run_rebuild(job_id)


@shared_task(acks_late=True, **RETRY)
def nightly_rebuild() -> None:
    """Beat's nightly rebuild of every event (it also runs the `stale` check)."""
    job = rebuild.start_job()
    rebuild.run_rebuild(job.id)


@shared_task(acks_late=True, **RETRY)
def check_stale() -> None:
    """Beat's `stale` check: refresh the conflicts of every open event."""
    rebuild.check_stale()


@shared_task(acks_late=True, **RETRY)
def requeue_pending() -> None:
    """Beat's sweep: send again the groups whose message was lost (a broker restart, a failed send)."""
    sweep.requeue_stale()
