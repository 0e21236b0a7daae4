"""One batch of a rebuild: its events reconciled, then counted into the job, once.

Any worker may take any batch; a batch delivered twice (a worker killed before
it acknowledged) runs again and finds itself done, or redoes its events with
the same answer. The batch that finds no other left finishes the job.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Job, PendingGroup, RebuildBatch
from factcheck.models.types import utcnow
from factcheck.services import rebuild_inputs
from factcheck.services.id_lists import among
from factcheck.services.job_status import mark_failed
from factcheck.services.reconciling import Outcome, reconcile_events
from factcheck.services.unit_of_work import transaction

jobs, batches = Job.__table__, RebuildBatch.__table__


def run_batch(batch_id: int, today: date | None = None) -> Outcome:
    """Reconcile the batch's events (changed when planned) and add the batch to its job's progress."""
    day = today or date.today()
    with transaction():  # the attempt is on record even if this process dies mid-batch
        batch = db.session.get(RebuildBatch, batch_id)
        if batch is None or batch.done:
            return Outcome()
        batch.attempts += 1
        job_id, event_ids, groups = batch.job_id, list(batch.event_ids), batch.groups
        planned = batch.inputs
    try:
        with transaction(), _collector_paused():
            rebuild_inputs.batch_settings()
            # The plan's digests are stored, not read again: the claims read here are as they
            # were at the plan or later, so a figure edited in between is in this batch's
            # results, and its event's digest then differs from the stored one: the next
            # rebuild does it again. (A batch planned before they were kept reads them.)
            changed = (
                dict(zip(event_ids, planned, strict=True))
                if planned is not None
                else rebuild_inputs.changed(event_ids, day)
            )
            step = Outcome()
            if changed:
                # Only what is redone here leaves the queue: an event a batch planned before
                # migration 0021 finds unchanged keeps its pending group (an edit already in
                # its digest) for its own task or the sweep.
                db.session.execute(
                    sa.delete(PendingGroup).where(among(PendingGroup.event_id, changed))
                )
                step = reconcile_events(list(changed), today=day)
                rebuild_inputs.remember(changed)
            _count_into_job(batch_id, job_id, groups, len(step.written))
    except Exception as err:
        mark_failed(job_id, err)
        raise
    finally:
        db.session.expunge_all()  # keep memory flat across the batches of a process
    return step


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch runs.

    A batch keeps its rows, inputs and the engine's objects alive until it ends, so each
    collection found nothing to free; yet they pass into the oldest generation, whose
    full collections came every few thousand events and took a tenth of a rebuild. The
    engine breaks its own cycles (Engine.close), so what a batch leaves goes by reference
    counting; the collector, back on after the batch, finds any rest.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _count_into_job(batch_id: int, job_id: int, groups: int, written: int) -> None:
    """Mark the batch done and add it to the job; the last batch of a complete plan marks the job done.

    The job row's update locks it, so two batches finishing at once are counted one
    after the other, and the second sees the first done (READ COMMITTED re-reads).
    """
    marked = db.session.execute(
        sa.update(batches)
        .where(batches.c.id == batch_id, batches.c.done.is_(False))
        .values(done=True, finished_at=utcnow())
        .returning(batches.c.id)
    ).first()
    if marked is None:
        return  # another delivery of this batch counted it already
    db.session.execute(
        sa.update(jobs)
        .where(jobs.c.id == job_id)
        .values(done=jobs.c.done + groups, written=jobs.c.written + written)
    )
    finish_if_complete(job_id)


def finish_if_complete(job_id: int) -> None:
    """Mark the job done when its plan is complete and no batch of it is left.

    The last batch and the plan's last step may end at once: whichever writes the job's
    row second waits for the other's commit, and its next statement (READ COMMITTED)
    sees the other's work, so one of them marks the job done.
    """
    left = sa.select(batches.c.id).where(batches.c.job_id == job_id, batches.c.done.is_(False))
    db.session.execute(
        sa.update(jobs)
        .where(
            jobs.c.id == job_id,
            jobs.c.status != "done",
            jobs.c.planned_at.is_not(None),
            ~left.exists(),
        )
        .values(status="done", finished_at=utcnow(), done=jobs.c.total, error=None)
    )
