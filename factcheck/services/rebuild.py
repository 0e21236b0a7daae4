"""A full rebuild: every group of every event (or of one), with progress a reviewer can watch."""

from __future__ import annotations

import logging
from datetime import date

import sqlalchemy as sa
from flask import current_app

from factcheck.extensions import db
from factcheck.models import Conflict, Event, Job
from factcheck.services import dispatch, queue
from factcheck.services.job_status import mark_failed
from factcheck.services.rebuild_batch import run_batch
from factcheck.services.rebuild_plan import plan_batches
from factcheck.services.reconciling import Outcome, reconcile_events
from factcheck.services.unit_of_work import transaction

log = logging.getLogger(__name__)


def start_job(event: Event | None = None, user_id: int | None = None) -> Job:
    with transaction():
        job = Job(kind="rebuild", event_id=event.id if event else None, requested_by_id=user_id)
        db.session.add(job)
    return job


def queue_rebuild(event: Event | None = None, user_id: int | None = None) -> Job:
    """Record a rebuild job (of one event, or of all) and send it to the workers after commit."""
    from kombu.exceptions import OperationalError as QueueUnreachable

    try:
        with transaction() as uow:
            job = start_job(event, user_id)
            db.session.flush()
            uow.send(dispatch.REBUILD, job.id)
    except QueueUnreachable as err:
        # The job is committed, but no worker will ever hear of it: its row says so (failed,
        # with why) rather than `queued` for good. The queue's error is the one raised, even
        # when the database is gone too.
        try:
            mark_failed(job.id, err)
        except sa.exc.SQLAlchemyError:
            log.warning("job %s could not be marked failed", job.id, exc_info=True)
        raise
    return job


def fan_out(job_id: int, today: date | None = None) -> int:
    """Plan the job, sending one task per batch as each step of the plan is committed; how many went out."""
    try:
        batch_ids = plan_batches(job_id, today, send=True)
    except Exception as err:
        mark_failed(job_id, err)
        raise
    return len(batch_ids)


def run_rebuild(job_id: int, today: date | None = None) -> Outcome:
    """The whole job in this process, batch after batch (`reconcile --inline`, scripts, benchmarks).

    Safe to run again after a crash: batches done stay done, unchanged events are skipped.
    """
    outcome = Outcome()
    for batch_id in plan_batches(job_id, today):
        outcome.add(run_batch(batch_id, today=today))
    return outcome


def reconcile_pending_group(event_id: int, metric: str, category: str) -> Outcome:
    """One group after an edit: off the pending list first (an edit meanwhile queues it again)."""
    with transaction():
        queue.claim_pending((event_id, metric, category))
    with transaction():
        return reconcile_events([event_id], only={event_id: [(metric, category)]})


def check_stale(today: date | None = None) -> Outcome:
    """Refresh the conflicts of every open event (and of events still flagged stale), without recomputing figures."""
    outcome = Outcome()
    still_flagged = sa.select(Conflict.event_id).where(
        Conflict.kind == "stale", Conflict.status == "open"
    )
    open_events = db.session.scalars(
        sa.select(Event.id)
        .where(sa.or_(Event.end_date.is_(None), Event.id.in_(still_flagged)))
        .order_by(Event.id)
    ).all()
    size = current_app.config["RECONCILE_BATCH_EVENTS"]
    for start in range(0, len(open_events), size):
        batch = open_events[start : start + size]
        with transaction():
            outcome.add(reconcile_events(batch, only={e: [] for e in batch}, today=today))
    return outcome
