"""A fanned-out rebuild is planned in steps: batches leave while the rest is still being planned."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from factcheck.models import Job, RebuildBatch
from factcheck.services import dispatch
from tests.support import synthetic
from tests.support.jobs import on_job

TODAY = date(2024, 6, 1)
EVENTS = 30


@pytest.fixture
def generated(db, app, monkeypatch):
    """30 events in batches of 2: a sent plan's first step is 2 events, the next ones 20."""
    monkeypatch.setitem(app.config, "RECONCILE_BATCH_EVENTS", 2)
    with db.engine.begin() as conn:
        synthetic.generate(conn, events=EVENTS, claims_per_event=12, seed=29)


def _job(db, job_id: int) -> Job:
    db.session.expire_all()
    return db.session.get(Job, job_id)


def _planned_in_one_step(db) -> tuple[int, list[list[int]]]:
    """What the plan in one transaction counts, and its batches' events (the job is not run)."""
    from factcheck.services.rebuild import start_job
    from factcheck.services.rebuild_plan import plan_batches

    job_id = start_job().id
    ids = plan_batches(job_id, TODAY)
    return _job(db, job_id).total, [db.session.get(RebuildBatch, b).event_ids for b in ids]


def _events_of(db, job_id: int) -> list[int]:
    return sorted(
        e
        for ids in db.session.scalars(
            sa.select(RebuildBatch.event_ids).where(RebuildBatch.job_id == job_id)
        )
        for e in ids
    )


def _planner_dies_at_its_second_step(job_id: int, monkeypatch) -> None:
    """A sent plan whose process dies reading its second step (its first step is committed)."""
    from factcheck.services import rebuild_inputs
    from factcheck.services.rebuild_plan import plan_batches

    read, steps = rebuild_inputs.changed, []

    def dying(ids, today):
        steps.append(ids)
        if len(steps) == 2:
            raise ConnectionError("the planner's process died")
        return read(ids, today)

    with monkeypatch.context() as dies:
        dies.setattr(rebuild_inputs, "changed", dying)
        with pytest.raises(ConnectionError):
            plan_batches(job_id, TODAY, send=True)


def test_batches_leave_before_the_rest_is_planned_and_the_job_ends_only_once_planned(
    db, generated, monkeypatch
):
    from factcheck.services.rebuild import start_job
    from factcheck.services.rebuild_batch import run_batch
    from factcheck.services.rebuild_plan import plan_batches

    total, one_step = _planned_in_one_step(db)
    job_id = start_job().id
    seen = []

    def run_at_once(batch_id: int) -> None:  # a worker that takes each batch as soon as it is sent
        run_batch(batch_id, today=TODAY)
        job = _job(db, job_id)
        seen.append((job.status, job.total, job.planned_at))

    on_job(monkeypatch, dispatch.REBUILD_BATCH, run_at_once)
    plan_batches(job_id, TODAY, send=True)

    # The first batch was sent and done while the other 28 events were not planned yet;
    # it was then the job's only batch, and still the job did not end with it.
    status, first_total, planned_at = seen[0]
    assert (status, planned_at) == ("running", None)
    assert 0 < first_total < total
    assert len(seen) == EVENTS // 2
    job = _job(db, job_id)
    assert (job.status, job.done, job.total) == ("done", total, total)
    assert job.planned_at is not None and job.planned_through == EVENTS
    assert _events_of(db, job_id) == sorted(e for ids in one_step for e in ids)
    assert plan_batches(start_job().id, TODAY, send=True) == []  # nothing left to do


def test_a_planner_that_dies_resumes_after_its_last_step(db, generated, monkeypatch):
    from factcheck.services.rebuild import run_rebuild, start_job
    from factcheck.services.rebuild_plan import plan_batches

    total, _ = _planned_in_one_step(db)
    job_id = start_job().id
    sent: list[int] = []
    on_job(monkeypatch, dispatch.REBUILD_BATCH, sent.append)
    _planner_dies_at_its_second_step(job_id, monkeypatch)
    job = _job(db, job_id)
    assert (job.planned_through, job.planned_at, job.status) == (2, None, "running")
    (first,) = sent
    assert _events_of(db, job_id) == [1, 2]

    again = plan_batches(job_id, TODAY, send=True)
    assert again[0] == first and sent.count(first) == 2  # sent again: it may have been lost
    assert _events_of(db, job_id) == list(range(1, EVENTS + 1))  # every event, once
    assert _job(db, job_id).total == total

    outcome = run_rebuild(job_id, TODAY)  # the workers' part, here: every batch left
    job = _job(db, job_id)
    assert outcome.groups == total
    assert (job.status, job.done, job.total) == ("done", total, total)


def test_a_plan_begun_in_steps_is_finished_in_this_process_without_planning_twice(
    db, generated, monkeypatch
):
    """`reconcile --inline` on a job a dead planner left half planned plans only the rest."""
    from factcheck.services.rebuild import run_rebuild, start_job

    total, _ = _planned_in_one_step(db)
    job_id = start_job().id
    on_job(monkeypatch, dispatch.REBUILD_BATCH, lambda batch_id: None)
    _planner_dies_at_its_second_step(job_id, monkeypatch)

    outcome = run_rebuild(job_id, TODAY)
    assert outcome.groups == total
    assert _events_of(db, job_id) == list(range(1, EVENTS + 1))
    job = _job(db, job_id)
    assert (job.status, job.done, job.total) == ("done", total, total)
