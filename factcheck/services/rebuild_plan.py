"""A rebuild's plan: which events changed, split into batches, sent step by step.

The plan reads the events' input digests (rebuild_inputs): an event whose inputs
did not change since its last rebuild gets no batch, and its stored groups count
as done from the start (a rebuild of unchanged data is the digest queries and
nothing more). The changed events are split into batches, each keeping its
events' digests to store once its work is done.

Planned in one transaction, a 50,000-event plan (digests 2.15 s, groups per event
1.99 s) held every other worker idle while it ran. When its batches go out to
workers (`send`), the plan goes in steps of a few thousand events instead: each
step's batches are committed and sent before the next step is read, so the
other workers start within a fraction of a second. The job's total grows with
each step; `planned_at` marks the plan complete, and only after it can the last
batch mark the job done (rebuild_batch.finish_if_complete). A planner that dies
resumes after the last event a committed step covered (`planned_through`).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa
from flask import current_app

from factcheck.domain.vocabulary import figure_groups
from factcheck.extensions import db
from factcheck.models import Claim, Event, Job, RebuildBatch, Reconciliation
from factcheck.models.types import utcnow
from factcheck.services import dispatch, places, rebuild_inputs
from factcheck.services.id_lists import among
from factcheck.services.rebuild_batch import finish_if_complete
from factcheck.services.unit_of_work import transaction

jobs = Job.__table__

# A sent plan's first step is one batch, so that a second worker has work at once; each
# step after it is twice the one before (1, 2, 4 … batches). A step's digest query hashes
# the whole articles, actors and relations tables whatever its events (0.3 s at 50,000
# events), so few steps cost least; doubling keeps the queue ahead of the workers, as a
# step of k batches is planned in less time than k batches take to run.
FIRST_STEP_BATCHES = 1

_WHOLE_TABLE = 5000  # ids beyond which a whole plan reads every claim instead of matching a list


def plan_batches(job_id: int, today: date | None = None, send: bool = False) -> list[int]:
    """Plan the job (once) and start it; the ids of its batches left to do.

    `send`: each step's batches go to the workers as soon as the step is committed
    (a fanned-out rebuild); else the job is planned in one step, for the caller to run
    (`reconcile --inline`, scripts). Asked again for the same job (a redelivered
    message, a restarted failed job), it plans what was not planned yet and returns
    the batches not yet done: what was done stays done.
    """
    day = today or date.today()
    with transaction() as uow:
        job = db.session.get(Job, job_id)
        if job is None:
            raise LookupError(f"no job {job_id}")
        # Written as SQL on the row as it is now, not from values read before: a second
        # planner of the same job (a redelivered message while the first still runs) neither
        # resets the totals the first one's committed steps added, nor overwrites its counts.
        # The UPDATE waits for a step of the other's that has written the row already, so
        # what is read after it (the batches left, how far the plan went) includes that
        # step; a step still inserting its batches sends them itself once committed.
        fresh = sa.and_(jobs.c.planned_through.is_(None), jobs.c.planned_at.is_(None))
        started = db.session.execute(
            sa.update(jobs)
            .where(jobs.c.id == job_id, jobs.c.status != "done")
            .values(
                attempts=jobs.c.attempts + 1,
                status="running",
                error=None,
                # Counts start again only for a plan not begun: what steps added stays.
                # Typed as the column, so that it is written as every other time (UTC, no
                # zone: UTCDateTime), not as whatever a bare value in a CASE is taken for.
                started_at=sa.case(
                    (fresh, sa.literal(utcnow(), jobs.c.started_at.type)),
                    else_=jobs.c.started_at,
                ),
                done=sa.case((fresh, 0), else_=jobs.c.done),
                total=sa.case((fresh, 0), else_=jobs.c.total),
                written=sa.case((fresh, 0), else_=jobs.c.written),
            )
        )
        if started.rowcount != 1:
            return []  # done, maybe by its last batch a moment ago
        db.session.expire(job)
        left = list(
            db.session.scalars(
                sa.select(RebuildBatch.id)
                .where(RebuildBatch.job_id == job_id, RebuildBatch.done.is_(False))
                .order_by(RebuildBatch.number)
            )
        )
        scope = None if job.event_id is None else [job.event_id]
        planned, after = job.planned_at is not None, job.planned_through
        if planned:  # what was left is done (a job marked failed after its last batch)
            finish_if_complete(job_id)
        for batch_id in left if send else ():
            uow.send(dispatch.REBUILD_BATCH, batch_id)
    if planned:
        return left
    try:
        if scope is not None or (not send and after is None):
            return left + _plan_step(job_id, scope, day, send, after, complete=True)
        # Sent in steps; or, in this process, the rest of a plan a worker began in steps.
        size = current_app.config["RECONCILE_BATCH_EVENTS"]
        step: int | None = size * FIRST_STEP_BATCHES if send else None  # None: all the rest
        most = _most_events_a_step(size)
        while ids := _events_after(after, _smaller(step, most)):
            left += _plan_step(job_id, ids, day, send, after)
            after, step = ids[-1], step * 2 if step is not None else None
    except PlannedElsewhere:
        return left  # another planner of this job is ahead of this one: its steps stand
    with transaction():
        db.session.execute(sa.update(jobs).where(jobs.c.id == job_id).values(planned_at=utcnow()))
        finish_if_complete(job_id)
    return left


class PlannedElsewhere(Exception):
    """Another planner of the same job committed this step first (or is committing it)."""


def _most_events_a_step(batch_size: int) -> int | None:
    """The most events one step may read: None (any) but on SQLite.

    SQLite binds a list of ids one variable each (no arrays), and a step's digest query
    names its ids seven times: past its limit (32,766 variables by default) the step
    fails. One id in eight is left for the query's other values (4,095 at the default),
    and a step is kept to whole batches (4,000 events in batches of 500).
    """
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return None
    variables = connection.connection.dbapi_connection.getlimit(
        sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER
    )
    fits = variables // (rebuild_inputs.IDS_BOUND_PER_EVENT + 1)
    return max(batch_size, fits - fits % batch_size)


def _smaller(a: int | None, b: int | None) -> int | None:
    """The smaller of two bounds, None being no bound."""
    return b if a is None else a if b is None else min(a, b)


def _events_after(after: int | None, count: int | None) -> list[int]:
    """The next `count` event ids (None: all) after `after` (None: from the first)."""
    query = sa.select(Event.id).order_by(Event.id).limit(count)
    if after is not None:
        query = query.where(Event.id > after)
    return list(db.session.scalars(query))


def _plan_step(
    job_id: int,
    ids: list[int] | None,
    day: date,
    send: bool,
    after: int | None,
    complete: bool = False,
) -> list[int]:
    """Plan these events (None: every event) in one transaction: their batches, sent after it.

    `after`: the last event the plan covered before this step (None: none). `complete`:
    the plan's only step, which marks the plan complete in the same commit (a job with
    nothing to do is then done). PlannedElsewhere: another planner took this step.
    """
    try:
        return _planned_step(job_id, ids, day, send, after, complete)
    except sa.exc.IntegrityError as err:
        # The other planner's batches hold these numbers, if its step was committed first:
        # then the plan has moved on. Any other broken rule is this step's own error.
        with transaction():
            moved = db.session.execute(
                sa.select(jobs.c.id).where(jobs.c.id == job_id, sa.not_(_plan_still_at(after)))
            ).first()
        if moved is None:
            raise
        raise PlannedElsewhere(job_id) from err


def _planned_step(
    job_id: int, ids: list[int] | None, day: date, send: bool, after: int | None, complete: bool
) -> list[int]:
    with transaction() as uow:
        changed = rebuild_inputs.changed(ids, day)
        per_event = _groups_per_event(sorted(changed), every=ids is None) if changed else {}
        event_ids = list(per_event)
        stored = _stored_groups(ids, changed)  # unchanged events: their stored groups are done
        number = db.session.scalar(
            sa.select(sa.func.coalesce(sa.func.max(RebuildBatch.number) + 1, 0)).where(
                RebuildBatch.job_id == job_id
            )
        )
        size = current_app.config["RECONCILE_BATCH_EVENTS"]
        batches = []
        for start in range(0, len(event_ids), size):
            part = event_ids[start : start + size]
            batches.append(
                RebuildBatch(
                    job_id=job_id,
                    number=number + len(batches),
                    event_ids=part,
                    groups=sum(per_event[e] for e in part),
                    inputs=[changed[e] for e in part],
                )
            )
        db.session.add_all(batches)
        db.session.flush()
        planned: dict = {"planned_through": ids[-1]} if ids else {}
        if complete:
            planned["planned_at"] = utcnow()
        _add_step_to_job(job_id, after, stored, stored + sum(per_event.values()), planned)
        if complete:
            finish_if_complete(job_id)
        for batch in batches if send else ():
            uow.send(dispatch.REBUILD_BATCH, batch.id)
        return [b.id for b in batches]


def _add_step_to_job(job_id: int, after: int | None, done: int, total: int, planned: dict) -> None:
    """Add a step to its job's counts, last in the step and as one UPDATE of sums.

    The job's row stays locked until the step commits, and batches of earlier steps add to
    it meanwhile. Only if the plan is still where this step began: else a second planner
    of the job got there first (this UPDATE waited for its commit and read the row again),
    and PlannedElsewhere undoes this step.
    """
    moved = db.session.execute(
        sa.update(jobs)
        .where(jobs.c.id == job_id, _plan_still_at(after))
        .values(done=jobs.c.done + done, total=jobs.c.total + total, **planned)
    )
    if moved.rowcount != 1:
        raise PlannedElsewhere(job_id)


def _plan_still_at(after: int | None) -> sa.ColumnElement[bool]:
    """The job's plan is not complete and has gone no further than `after`."""
    return sa.and_(jobs.c.planned_at.is_(None), jobs.c.planned_through.is_not_distinct_from(after))


def _groups_per_event(event_ids: list[int], every: bool = False) -> dict[int, int]:
    """How many groups each of these events has, counted before any work (the progress total).

    Read through Core (plain tuples, no ORM rows) and walked with the groups of each
    (metric, category) and each place's chain worked out once: a no-op rebuild of
    50,000 events spends as long here as on all its digest queries otherwise.
    """
    query = (
        sa.select(Claim.event_id, Claim.metric, Claim.category, Claim.place_id)
        .distinct()
        .where(Claim.kind == "quantity")
    )
    wanted = set(event_ids)
    if not every or len(wanted) < _WHOLE_TABLE:
        query = query.where(among(Claim.event_id, event_ids))
    # A plan of every event at once, past a few thousand ids: one pass over every claim beats
    # sending and matching the list (50,000 ids: 2.1 s against 1.4 s); the events not asked
    # for are left out here. A step's few thousand are matched (a pass over every claim per
    # step of 5,000 events: 1.2 s against 0.25 s).
    rows = [r for r in db.session.connection().execute(query) if r[0] in wanted]
    trees = places.parents({r[0] for r in rows if r[3] is not None})
    above = functools.cache(figure_groups)
    groups: dict[int, set[tuple]] = {}
    for eid, metric, category, place_id in rows:
        bucket = groups.setdefault(eid, set())
        if place_id is None:
            bucket.update((m, c, None) for m, c in above(metric, category))
            continue
        tree = trees.get(eid, {})
        chain, seen = [place_id], {place_id}
        while chain[-1] is not None:  # the place, the places holding it, the whole area
            up = tree.get(chain[-1])
            chain.append(None if up in seen else up)
            seen.add(up)
        bucket.update((m, c, p) for m, c in above(metric, category) for p in chain)
    return {eid: len(g) for eid, g in sorted(groups.items())}


def _stored_groups(event_ids: list[int] | None, leaving_out: Iterable[int]) -> int:
    """The groups stored for these events (None: every event) but some: an unchanged event has one row a group."""
    count = sa.select(Reconciliation.event_id, sa.func.count()).group_by(Reconciliation.event_id)
    if event_ids is not None:
        count = count.where(among(Reconciliation.event_id, event_ids))
    # Counted per event and summed here: a count "not among these 50,000 ids" sent the list.
    skip = set(leaving_out)
    return sum(n for eid, n in db.session.execute(count) if eid not in skip)
