"""A full rebuild shared by two real Celery workers on Redis and PostgreSQL."""

from __future__ import annotations

import os
import re

import pytest
import sqlalchemy as sa

from tests.support import synthetic
from tests.support.polling import wait_for_rows, wait_until
from tests.support.processes import Worker
from tests.support.reconciliations import results
from tests.system.worker.conftest import REDIS_URL, TRANSPORT_OPTIONS

EVENTS, BATCH = 400, 10


@pytest.fixture
def workers(pg_app, postgres_migrated, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": postgres_migrated,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_BROKER_TRANSPORT_OPTIONS": TRANSPORT_OPTIONS,
        "FACTCHECK_BATCH_EVENTS": str(BATCH),
    }
    pair = [
        Worker(
            # Each worker's connections are named, so a test can see them gone once it is killed.
            {**env, "DATABASE_URL": _named(postgres_migrated, f"w{i}")},
            tmp_path / f"worker{i}.log",
            name=f"w{i}",
        )
        for i in (1, 2)
    ]
    yield pair
    for w in pair:
        w.stop()


def _named(url: str, name: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}application_name={name}"


def _generated(db) -> None:
    with db.engine.begin() as conn:
        synthetic.generate(conn, events=EVENTS, claims_per_event=12, seed=13)


def _queue_rebuild(pg_app) -> int:
    from factcheck.extensions import db
    from factcheck.models import Job

    result = pg_app.test_cli_runner().invoke(args=["factcheck", "reconcile"])
    assert result.exit_code == 0, result.output
    return db.session.scalar(sa.select(sa.func.max(Job.id)))


def _under_way(job_id: int):
    from factcheck.extensions import db
    from factcheck.models import Job

    return wait_for_rows(
        lambda: (lambda j: j.status == "running" and 0 < j.done < j.total * 0.5)(
            db.session.get(Job, job_id)
        ),
        60,
        "the rebuild to be under way",
    )


def _finished(job_id: int):
    from factcheck.extensions import db
    from factcheck.models import Job

    return wait_for_rows(
        lambda: (lambda j: j if j.status == "done" else None)(db.session.get(Job, job_id)),
        180,
        "the rebuild to finish",
    )


def _conflicts(db) -> dict:
    from factcheck.models import Conflict

    return {
        (c.event_id, c.key): (c.status, c.claim_ids, c.detail)
        for c in db.session.scalars(sa.select(Conflict))
    }


def test_two_workers_share_the_batches_and_an_edit_does_not_wait(pg_app, workers):
    from factcheck.extensions import db
    from factcheck.models import Claim, Reconciliation
    from factcheck.services import claims as claim_service

    _generated(db)
    for w in workers:
        w.start()
    job_id = _queue_rebuild(pg_app)
    _under_way(job_id)

    # An edit to the last event, whose batch comes last: reconciled from the edits queue.
    claim = db.session.scalar(
        sa.select(Claim)
        .where(Claim.kind == "quantity", Claim.qualifier == "exact")
        .order_by(Claim.event_id.desc(), Claim.id)
        .limit(1)
    )
    event_id, metric, category = claim.event_id, claim.metric, claim.category
    left = EVENTS // BATCH - _batches_finished(job_id)
    assert left > 2 * len(workers), f"only {left} batches left: the rebuild went too fast to tell"
    since = db.session.scalar(sa.select(sa.func.now()))
    claim_service.update_claim(
        claim, {"value": 123457}, expected_version=claim.version, user_id=None
    )
    sent = db.session.scalar(
        sa.select(sa.func.clock_timestamp())
    )  # committed, and on the edits queue

    def edited_group_seen():
        at = db.session.scalar(
            sa.select(Reconciliation.computed_at).filter_by(
                event_id=event_id, metric=metric, category=category, place_key=""
            )
        )
        return at if at is not None and at >= since else None

    seen = wait_for_rows(edited_group_seen, 60, "the edit to be reconciled")
    # Counted in batches, not seconds, so a loaded machine does not decide it: from the moment
    # it was queued, each worker may finish the batch in hand (and one more while the other
    # reconciles it); behind the queue's batches in order, it would wait for all that were left.
    waited_for = _batches_finished(job_id, between=(sent, seen))
    assert waited_for <= 2 * len(workers), (
        f"the edit waited for {waited_for} of the {left} batches left"
    )

    job = _finished(job_id)
    assert job.done == job.total
    # A worker logs a batch's success just after the batch's last commit, which may be the
    # job's: its log is read once it has caught up (or the wait gives up and the count shows).
    wait_until(
        lambda: sum(_batches_done(w) for w in workers) >= EVENTS // BATCH, 10, "the workers' logs"
    )
    taken = [_batches_done(w) for w in workers]
    assert all(n > 0 for n in taken), f"batches done per worker: {taken}"
    assert sum(taken) == EVENTS // BATCH


def _batches_finished(job_id: int, between=None) -> int:
    """How many of the job's batches are done (finished within `between`, if given)."""
    from factcheck.extensions import db
    from factcheck.models import RebuildBatch

    done = sa.select(sa.func.count()).where(RebuildBatch.job_id == job_id, RebuildBatch.done)
    if between:
        done = done.where(RebuildBatch.finished_at.between(*between))
    return db.session.scalar(done)


def _batches_in_hand(worker: Worker) -> set[str]:
    """The batch tasks the worker received and did not finish, by task id, read from its log."""
    log = worker.log.read_text()
    received = set(re.findall(r"rebuild_batch\[([0-9a-f-]+)\] received", log))
    return received - set(re.findall(r"rebuild_batch\[([0-9a-f-]+)\] succeeded", log))


def _batch_ids(worker: Worker, tasks: set[str]) -> list[int]:
    """The batches those tasks had started, by the line each logs first ("batch 17")."""
    started = re.findall(r"rebuild_batch\[([0-9a-f-]+)\]: batch (\d+)", worker.log.read_text())
    return [int(batch) for task, batch in started if task in tasks]


def _connections_gone(name: str) -> bool:
    """No backend of the named worker is left: what its transactions did is final."""
    from factcheck.extensions import db

    with db.engine.connect() as conn:
        return not conn.scalar(
            sa.text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE application_name = :name AND datname = current_database()"
            ),
            {"name": name},
        )


def _batches_done(worker: Worker) -> int:
    return sum(
        1
        for line in worker.log.read_text().splitlines()
        if "tasks.reconcile.rebuild_batch[" in line and " succeeded " in line
    )


def test_a_worker_killed_mid_rebuild_costs_only_its_batch(pg_app, workers):
    from factcheck.extensions import db
    from factcheck.models import Conflict, RebuildBatch, RebuildInput, Reconciliation
    from factcheck.services.rebuild import run_rebuild, start_job

    _generated(db)
    run_rebuild(start_job().id)
    uninterrupted, uninterrupted_conflicts = results(db), _conflicts(db)
    for table in (Reconciliation, Conflict, RebuildInput):
        db.session.execute(sa.delete(table))
    db.session.commit()

    for w in workers:
        w.start()
    job_id = _queue_rebuild(pg_app)
    _under_way(job_id)
    wait_until(lambda: _batches_in_hand(workers[0]), 60, "the first worker to hold a batch")
    assert not _connections_gone(workers[0].name), "a worker's connections carry its name"
    # Whether the batch it held was mid-way is read from the database, once its connections
    # are gone (a batch committed just before the kill is done, whatever its log had yet to
    # say), and while the other worker is paused, so that no redelivery has touched it yet.
    workers[1].pause()
    try:
        workers[0].kill()  # mid-batch: the batch it held comes back to the other worker
        wait_until(
            lambda: _connections_gone(workers[0].name), 30, "the killed worker's connections"
        )
        held = _batch_ids(workers[0], _batches_in_hand(workers[0]))
        db.session.expire_all()
        # Its attempt was counted and its work was not.
        killed_mid_batch = {
            b.id
            for b in db.session.scalars(sa.select(RebuildBatch).where(RebuildBatch.id.in_(held)))
            if b.attempts == 1 and not b.done
        }
        db.session.rollback()
    finally:
        workers[1].resume()

    job = _finished(job_id)
    assert job.done == job.total
    assert results(db) == uninterrupted
    assert _conflicts(db) == uninterrupted_conflicts
    batches = db.session.scalars(sa.select(RebuildBatch).where(RebuildBatch.job_id == job_id)).all()
    assert len(batches) == EVENTS // BATCH and all(b.done for b in batches)
    assert max(b.attempts for b in batches) <= 2
    # Only the batch the killed worker held ran twice (none, if it finished just before the kill).
    assert {b.id for b in batches if b.attempts == 2} == killed_mid_batch
