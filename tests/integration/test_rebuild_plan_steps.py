"""A fanned-out rebuild is planned in steps: batches leave while the rest is still being planned."""

from __future__ import annotations

import sqlite3
import threading
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


def test_a_step_on_sqlite_holds_no_more_ids_than_sqlite_takes(db, app, generated, monkeypatch):
    """SQLite binds each id as a variable, seven times in a step's digest query: with steps
    doubling without a bound, a plan of ~12,000 events failed ("too many SQL variables")."""
    from factcheck.services import rebuild_inputs
    from factcheck.services.rebuild import start_job
    from factcheck.services.rebuild_plan import plan_batches

    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's limit on variables")
    total, _ = _planned_in_one_step(db)
    limit = 8 * 6  # six ids a step: the 30 events take steps of 2, 4, 6, 6, 6, 6
    read, steps = rebuild_inputs.changed, []

    def recording(ids, today):
        steps.append(len(ids))
        return read(ids, today)

    def limited(dbapi_connection, record, proxy):
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)

    monkeypatch.setattr(rebuild_inputs, "changed", recording)
    on_job(monkeypatch, dispatch.REBUILD_BATCH, lambda batch_id: None)
    sa.event.listen(db.engine, "checkout", limited)
    try:
        job_id = start_job().id
        plan_batches(job_id, TODAY, send=True)
    finally:
        sa.event.remove(db.engine, "checkout", limited)
        db.engine.dispose()  # no connection keeps the low limit for the next test
    assert steps == [2, 4, 6, 6, 6, 6]
    assert _events_of(db, job_id) == list(range(1, EVENTS + 1))
    job = _job(db, job_id)
    assert job.total == total and job.planned_at is not None


def _plan_in_a_thread(app, job_id: int, errors: list) -> threading.Thread:
    """Another worker's `rebuild_all` of the same job (a duplicate delivery of its message)."""
    from factcheck.services.rebuild import fan_out

    def plan() -> None:
        with app.app_context():
            try:
                fan_out(job_id, TODAY)
            except Exception as err:  # the worker's task would fail (and mark the job failed)
                errors.append(err)

    thread = threading.Thread(target=plan, name="second planner")
    thread.start()
    return thread


def test_a_second_planner_of_the_job_leaves_the_steps_the_first_committed(
    db, app, generated, monkeypatch
):
    """A duplicate `rebuild_all` plans the rest while the first planner reads a step: the
    first then finds its step taken and undoes it; no event is planned twice, no group
    counted twice, and the job ends done."""
    from factcheck.services import rebuild_inputs
    from factcheck.services.rebuild import run_rebuild, start_job
    from factcheck.services.rebuild_plan import plan_batches

    total, _ = _planned_in_one_step(db)
    job_id = start_job().id
    on_job(monkeypatch, dispatch.REBUILD_BATCH, lambda batch_id: None)
    read, steps, errors = rebuild_inputs.changed, [], []

    def second_planner_runs_meanwhile(ids, today):
        steps.append(ids)
        if len(steps) == 2:  # the first planner's second step: the other plans all the rest
            _plan_in_a_thread(app, job_id, errors).join()
        return read(ids, today)

    monkeypatch.setattr(rebuild_inputs, "changed", second_planner_runs_meanwhile)
    plan_batches(job_id, TODAY, send=True)
    assert steps[1] == [3, 4, 5, 6] and len(steps) == 2 + 4  # the other's 4 steps; no third
    assert errors == []
    assert _events_of(db, job_id) == list(range(1, EVENTS + 1))  # each event once
    job = _job(db, job_id)
    assert (job.total, job.status, job.attempts) == (total, "running", 2)
    assert job.planned_at is not None

    run_rebuild(job_id, TODAY)
    job = _job(db, job_id)
    assert (job.status, job.done, job.total) == ("done", total, total)


def test_two_planners_inserting_one_step_at_once_keep_one_of_it(db, app, generated, monkeypatch):
    """The second planner's batches wait on the first's numbers, then find them taken: its
    step is undone, it does not fail the job, and the first planner goes on."""
    from factcheck.services import rebuild_plan
    from factcheck.services.rebuild import start_job
    from factcheck.services.rebuild_plan import plan_batches

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: the second waits at its first write")
    total, _ = _planned_in_one_step(db)
    job_id = start_job().id
    on_job(monkeypatch, dispatch.REBUILD_BATCH, lambda batch_id: None)
    add, other, errors = rebuild_plan._add_step_to_job, [], []

    def second_planner_inserts_meanwhile(*args):
        if not other:  # the first step's batches are inserted, not yet committed
            other.append(_plan_in_a_thread(app, job_id, errors))
            _wait_for_a_lock_wait(db, other[0], errors)
        add(*args)

    monkeypatch.setattr(rebuild_plan, "_add_step_to_job", second_planner_inserts_meanwhile)
    try:
        plan_batches(job_id, TODAY, send=True)
    finally:
        for thread in other:  # never left holding locks for the tests after this one
            thread.join(timeout=60)
    assert not other[0].is_alive() and errors == []
    assert _events_of(db, job_id) == list(range(1, EVENTS + 1))
    job = _job(db, job_id)
    assert (job.total, job.status, job.error) == (total, "running", None)


def _wait_for_a_lock_wait(db, planner: threading.Thread, errors: list, seconds: float = 60) -> None:
    """Until another connection waits for a lock this test's open step holds; the other
    planner's own error, should it end without ever waiting."""
    import time

    mine = db.session.connection().connection.dbapi_connection.info.backend_pid
    watch = db.engine.connect()
    try:
        waiting = sa.text(
            "SELECT count(*) FROM pg_stat_activity WHERE :mine = ANY(pg_blocking_pids(pid))"
        )
        deadline = time.monotonic() + seconds
        while not watch.execute(waiting, {"mine": mine}).scalar_one():
            assert planner.is_alive(), f"the second planner ended without waiting: {errors!r}"
            assert time.monotonic() < deadline, "the second planner never waited"
            time.sleep(0.02)
    finally:
        watch.close()


def test_a_job_run_again_after_its_last_batch_is_marked_done(db, generated, monkeypatch):
    """A job marked failed once every batch was done (a late failure of a duplicate delivery)
    is done when it is run again, not `running` with nothing left to send."""
    from factcheck.services.job_status import mark_failed
    from factcheck.services.rebuild import run_rebuild, start_job
    from factcheck.services.rebuild_plan import plan_batches

    job_id = start_job().id
    run_rebuild(job_id, TODAY)
    mark_failed(job_id, ConnectionError("a duplicate batch lost its database"))
    assert _job(db, job_id).status == "done"  # a done job stays done

    db.session.execute(sa.update(Job).where(Job.id == job_id).values(status="failed"))
    db.session.commit()
    assert plan_batches(job_id, TODAY, send=True) == []
    job = _job(db, job_id)
    assert (job.status, job.error, job.done) == ("done", None, job.total)


def test_a_step_that_breaks_a_rule_of_its_own_fails_the_job(db, generated, monkeypatch):
    """Only batch numbers another planner took mean "planned elsewhere": any other broken
    rule fails the job with its error (and the task retries), never a job left running."""
    from factcheck.services import rebuild_plan
    from factcheck.services.rebuild import fan_out, start_job

    on_job(monkeypatch, dispatch.REBUILD_BATCH, lambda batch_id: None)
    add = rebuild_plan._add_step_to_job

    def below_zero(job_id, after, done, total, planned):  # breaks progress_in_range
        add(job_id, after, -1, total, planned)

    monkeypatch.setattr(rebuild_plan, "_add_step_to_job", below_zero)
    job_id = start_job().id
    with pytest.raises(sa.exc.IntegrityError):
        fan_out(job_id, TODAY)
    job = _job(db, job_id)
    assert job.status == "failed" and "progress_in_range" in job.error
    assert (job.planned_through, job.planned_at, _events_of(db, job_id)) == (None, None, [])


def test_a_planner_that_finds_the_job_done_leaves_it_as_its_last_batch_left_it(
    db, generated, monkeypatch
):
    """A redelivered `rebuild_all` of a job its last batch has just marked done: the job's
    finish time, attempts and counts stay as they were."""
    from factcheck.services.rebuild import run_rebuild, start_job
    from factcheck.services.rebuild_plan import plan_batches

    job_id = start_job().id
    run_rebuild(job_id, TODAY)
    job = _job(db, job_id)
    before = (job.status, job.finished_at, job.attempts, job.done, job.total)
    sent: list[int] = []
    on_job(monkeypatch, dispatch.REBUILD_BATCH, sent.append)
    assert plan_batches(job_id, TODAY, send=True) == [] and sent == []
    job = _job(db, job_id)
    assert (job.status, job.finished_at, job.attempts, job.done, job.total) == before


def test_a_one_event_job_planned_twice_at_once_keeps_one_plan(db, app, generated, monkeypatch):
    """A one-event job is planned in one step that also completes the plan: a duplicate
    `rebuild_all` that plans it while this planner reads its step leaves this one's step
    undone, with neither an error nor the event planned or counted twice."""
    from factcheck.models import Event
    from factcheck.services import rebuild_inputs
    from factcheck.services.rebuild import run_rebuild, start_job
    from factcheck.services.rebuild_plan import plan_batches

    event = db.session.get(Event, 7)
    alone = start_job(event).id
    plan_batches(alone, TODAY)
    groups = _job(db, alone).total
    assert groups > 0
    job_id = start_job(db.session.get(Event, 7)).id
    on_job(monkeypatch, dispatch.REBUILD_BATCH, lambda batch_id: None)
    read, steps, errors = rebuild_inputs.changed, [], []

    def second_planner_runs_meanwhile(ids, today):
        steps.append(ids)
        if len(steps) == 1:  # this planner's only step: the other plans the whole job
            _plan_in_a_thread(app, job_id, errors).join()
        return read(ids, today)

    monkeypatch.setattr(rebuild_inputs, "changed", second_planner_runs_meanwhile)
    assert plan_batches(job_id, TODAY, send=True) == []  # the other's batch stands
    assert steps == [[7], [7]] and errors == []
    assert _events_of(db, job_id) == [7]
    job = _job(db, job_id)
    assert (job.total, job.status, job.attempts, job.error) == (groups, "running", 2, None)
    assert job.planned_at is not None

    run_rebuild(job_id, TODAY)
    job = _job(db, job_id)
    assert (job.status, job.done, job.total) == ("done", groups, groups)


def test_a_planner_that_waits_on_a_step_being_committed_sends_that_steps_batches_too(
    db, app, generated, monkeypatch
):
    """A duplicate `rebuild_all` that arrives while a step is being committed waits for it
    at its first write, then reads the batches left with that step's among them and sends
    them again (a batch sent twice finds itself done): none is left unsent should the
    first planner's process die before its own send."""
    from factcheck.services import rebuild_plan
    from factcheck.services.rebuild import run_rebuild, start_job
    from factcheck.services.rebuild_plan import plan_batches

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: the second waits at its first write")
    total, _ = _planned_in_one_step(db)
    job_id = start_job().id
    sent: list[tuple[str, int]] = []
    on_job(
        monkeypatch,
        dispatch.REBUILD_BATCH,
        lambda batch_id: sent.append((threading.current_thread().name, batch_id)),
    )
    add, other, errors = rebuild_plan._add_step_to_job, [], []

    def second_planner_arrives_meanwhile(*args):
        add(*args)  # the job's row is this step's until it commits
        if not other and threading.current_thread() is threading.main_thread():
            other.append(_plan_in_a_thread(app, job_id, errors))
            _wait_for_a_lock_wait(db, other[0], errors)

    monkeypatch.setattr(rebuild_plan, "_add_step_to_job", second_planner_arrives_meanwhile)
    try:
        plan_batches(job_id, TODAY, send=True)
    finally:
        for thread in other:
            thread.join(timeout=60)
    assert not other[0].is_alive() and errors == []
    first = db.session.scalar(
        sa.select(RebuildBatch.id).where(RebuildBatch.job_id == job_id, RebuildBatch.number == 0)
    )
    assert ("MainThread", first) in sent and ("second planner", first) in sent
    assert _events_of(db, job_id) == list(range(1, EVENTS + 1))  # each event once
    every = set(db.session.scalars(sa.select(RebuildBatch.id).where(RebuildBatch.job_id == job_id)))
    assert {batch_id for _, batch_id in sent} == every  # every batch went out

    run_rebuild(job_id, TODAY)
    job = _job(db, job_id)
    assert (job.status, job.done, job.total) == ("done", total, total)
