"""Redis restarted while jobs are queued, under a running worker, and away while a reviewer saves:
every job runs once, nothing saved is lost, and the sweep sends what could not be sent."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import sqlalchemy as sa

from tests.support import synthetic
from tests.support.paths import REFERENCE_TEXT
from tests.support.polling import wait_for_rows
from tests.support.web import login


def _succeeded(worker) -> dict[str, int]:
    """Tasks the worker finished, by name, read from its log (what an operator would grep)."""
    counts: dict[str, int] = {}
    for name in re.findall(
        r"Task (tasks\.\w+\.\w+)\[[0-9a-f-]+\] succeeded", worker.log.read_text()
    ):
        counts[name] = counts.get(name, 0) + 1
    return counts


def _detained_best(db):
    from factcheck.models import Reconciliation

    row = db.session.scalar(
        sa.select(Reconciliation).filter_by(metric="detained", category="total")
    )
    return None if row is None else row.best


def test_jobs_queued_before_a_redis_restart_each_run_once_after_it(pg_app, own_redis, worker):
    from factcheck.extensions import db
    from factcheck.models import Claim, Event, Job, PendingGroup, Reconciliation
    from factcheck.services import claims as claim_service
    from factcheck.services.rebuild import start_job
    from tasks.reconcile import rebuild_all

    with db.engine.begin() as conn:
        synthetic.generate(conn, events=4, claims_per_event=12, seed=3)
    job_ids = []
    for event in db.session.scalars(sa.select(Event).order_by(Event.id)).all():
        job_ids.append(start_job(event).id)
        rebuild_all.delay(job_ids[-1])
    claim = db.session.scalar(
        sa.select(Claim)
        .where(Claim.kind == "quantity", Claim.category != "total")
        .order_by(Claim.id)
    )
    claim_service.update_claim(
        claim, {"place": "Somewhere"}, expected_version=claim.version, user_id=None
    )
    group_tasks = db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup))
    assert group_tasks == 2  # the claim's group and the total above it
    queued = own_redis.queued() + own_redis.queued("edits")
    assert queued == len(job_ids) + group_tasks

    own_redis.restart()
    # the append-only file kept every queued message
    assert own_redis.queued() + own_redis.queued("edits") == queued

    worker.start()
    expected = {
        "tasks.reconcile.rebuild_all": len(job_ids),
        "tasks.reconcile.rebuild_batch": len(job_ids),  # one event: one batch
        "tasks.reconcile.reconcile_group": group_tasks,
    }
    wait_for_rows(lambda: _succeeded(worker) == expected, 90, f"the worker to run {expected}")
    time.sleep(2)  # a duplicate delivery would show up here
    assert _succeeded(worker) == expected and own_redis.queued() + own_redis.queued("edits") == 0
    jobs = db.session.scalars(sa.select(Job).where(Job.id.in_(job_ids))).all()
    assert [(j.status, j.attempts, j.done == j.total) for j in jobs] == [("done", 1, True)] * len(
        job_ids
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Reconciliation)) == sum(
        j.total for j in jobs
    )


def test_the_worker_and_the_app_reconnect_when_redis_restarts_under_them(pg_app, own_redis, worker):
    from factcheck.extensions import db
    from factcheck.models import Claim
    from factcheck.services import claims as claim_service

    runner = pg_app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code == 0
    assert runner.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    worker.start()

    def edit(value: int) -> None:
        claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
        claim_service.update_claim(
            claim, {"value": value}, expected_version=claim.version, user_id=None
        )

    edit(9000)
    wait_for_rows(lambda: _detained_best(db) == 9000, 60, "the first edit to be reconciled")
    own_redis.restart()
    edit(9500)  # sent on a new connection; the worker has reconnected to take it
    wait_for_rows(
        lambda: _detained_best(db) == 9500, 90, "the edit made after the restart to be reconciled"
    )
    assert (
        "Connection to broker lost" in worker.log.read_text()
        or "Cannot connect" in worker.log.read_text()
    )


def test_a_save_while_redis_is_down_is_kept_and_reconciled_by_the_sweep(
    pg_app, own_redis, worker, monkeypatch
):
    from factcheck.extensions import db
    from factcheck.models import Change, Claim, PendingGroup
    from factcheck.services import queue, sweep

    runner = pg_app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code == 0
    assert runner.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    client = pg_app.test_client()
    token = login(client, db)
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    own_redis.stop()
    response = client.post(
        f"/claims/{claim.id}/edit",
        data={
            "csrf_token": token,
            "version": "1",
            "kind": "quantity",
            "event_id": str(claim.event_id),
            "attributed_to_id": str(claim.attributed_to_id),
            "stated_on": "2022-01-10",
            "metric": "detained",
            "category": "total",
            "qualifier": "nearly",
            "modality": "count",
            "value": "9100",
        },
    )
    assert response.status_code == 302  # saved: the reviewer is not told to do it again
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).value == 9100
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Change)
            .filter_by(entity_type="claim", action="update", entity_id=claim.id)
        )
        == 1
    )
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup)) == 1
    )  # waiting, durably

    own_redis.start()
    worker.start()
    monkeypatch.setattr(
        queue, "REQUEUE_AFTER", timedelta(0)
    )  # Beat's sweep, without waiting five minutes
    assert sweep.requeue_stale() == [(claim.event_id, "detained", "total")]
    wait_for_rows(lambda: _detained_best(db) == 9100, 60, "the swept group to be reconciled")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup)) == 0


def test_asking_for_a_rebuild_while_redis_is_down_says_so_plainly(pg_app, own_redis):
    from factcheck.extensions import db

    assert (
        pg_app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code
        == 0
    )
    client = pg_app.test_client()
    token = login(client, db)
    own_redis.stop()
    response = client.post("/events/2022-kazakhstan-unrest/rebuild", data={"csrf_token": token})
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert "The job queue did not answer" in response.get_data(as_text=True)
    own_redis.start()
    again = client.post("/events/2022-kazakhstan-unrest/rebuild", data={"csrf_token": token})
    assert again.status_code == 302 and own_redis.queued() == 1  # back: the same button works
