"""Reconciliation jobs: thin wrappers that take ids and call the services."""

from __future__ import annotations

from celery import shared_task
from celery.utils.log import get_task_logger
from sqlalchemy.exc import DBAPIError, OperationalError

from factcheck.services import rebuild, sweep
from factcheck.services import rebuild_batch as rebuild_batch_service

logger = get_task_logger(__name__)

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
    """Split a rebuild into batches and send a task per batch; rerunnable after a crash."""
    rebuild.fan_out(job_id)


@shared_task(acks_late=True, **RETRY)
def rebuild_batch(batch_id: int) -> None:
    """One batch of a rebuild, on whichever worker takes it; done once, counted into its job."""
    logger.info("batch %d", batch_id)  # which batch a worker held, when it dies mid-rebuild
    rebuild_batch_service.run_batch(batch_id)


@shared_task(acks_late=True, **RETRY)
def nightly_rebuild() -> None:
    """Beat's nightly rebuild of every event (it also runs the `stale` check).

    It records the job and sends it as a reviewer's rebuild is sent: a retry of the job's
    own task then resumes the same job, where planning it here would start another.
    """
    rebuild.queue_rebuild()


@shared_task(acks_late=True, **RETRY)
def check_stale() -> None:
    """Beat's `stale` check: refresh the conflicts of every open event."""
    rebuild.check_stale()


@shared_task(acks_late=True, **RETRY)
def requeue_pending() -> None:
    """Beat's sweep: send again the groups whose message was lost (a broker restart, a failed send)."""
    sweep.requeue_stale()
