"""A real Celery worker process on the real Redis broker and PostgreSQL database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from tests.support import synthetic
from tests.support.paths import REFERENCE_TEXT, ROOT
from tests.support.polling import wait_for_rows
from tests.support.processes import Worker
from tests.support.reconciliations import results
from tests.system.worker.conftest import REDIS_URL, TRANSPORT_OPTIONS


@pytest.fixture
def worker(pg_app, postgres_migrated, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": postgres_migrated,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_BROKER_TRANSPORT_OPTIONS": TRANSPORT_OPTIONS,
        "FACTCHECK_BATCH_EVENTS": "10",
    }
    w = Worker(env, tmp_path / "worker.log")
    yield w
    w.stop()


def test_an_edit_changes_only_its_groups_result(pg_app, worker):
    from factcheck.extensions import db
    from factcheck.models import Claim, Reconciliation
    from factcheck.services import claims as claim_service

    runner = pg_app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code == 0
    assert runner.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    before = {
        (r.metric, r.category): (r.computed_at, r.best)
        for r in db.session.scalars(sa.select(Reconciliation))
    }
    worker.start()

    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    claim_service.update_claim(claim, {"value": 9000}, expected_version=claim.version, user_id=None)

    def detained_updated():
        row = db.session.scalar(
            sa.select(Reconciliation).filter_by(metric="detained", category="total")
        )
        return row if row.best == 9000 else None

    detained = wait_for_rows(detained_updated, 60, "the worker to reconcile detained/total")
    assert (detained.low, detained.best, detained.high) == (8100, 9000, 9000)
    after = {
        (r.metric, r.category): (r.computed_at, r.best)
        for r in db.session.scalars(sa.select(Reconciliation))
    }
    for group, value in before.items():
        if group != ("detained", "total"):
            assert after[group] == value, f"{group} changed though its claims did not"


def test_a_killed_worker_resumes_the_rebuild_and_gets_the_same_results(pg_app, worker):
    from factcheck.extensions import db
    from factcheck.models import Conflict, Job, RebuildBatch, Reconciliation
    from factcheck.services.rebuild import run_rebuild, start_job

    with db.engine.begin() as conn:
        synthetic.generate(conn, events=300, claims_per_event=12, seed=11)
    run_rebuild(start_job().id)
    uninterrupted = results(db)
    assert len(uninterrupted) > 500
    db.session.execute(sa.delete(Reconciliation))
    db.session.execute(sa.delete(Conflict))
    db.session.commit()

    worker.start()
    result = pg_app.test_cli_runner().invoke(args=["factcheck", "reconcile"])
    assert result.exit_code == 0, result.output
    job_id = db.session.scalar(sa.select(sa.func.max(Job.id)))
    started_not_done = (
        sa.select(RebuildBatch.id)
        .where(RebuildBatch.job_id == job_id)
        .where(RebuildBatch.attempts > 0, RebuildBatch.done.is_(False))
    )
    wait_for_rows(
        lambda: (
            (lambda j: j.status == "running" and 0 < j.done < j.total * 0.8)(
                db.session.get(Job, job_id)
            )
            and db.session.scalars(started_not_done).first()
        ),
        60,
        "the rebuild to be under way, a batch in hand",
    )
    worker.kill()
    db.session.expire_all()
    interrupted = db.session.get(Job, job_id)
    assert interrupted.status == "running" and interrupted.done < interrupted.total
    done_before = set(
        db.session.scalars(sa.select(RebuildBatch.id).where(RebuildBatch.done.is_(True)))
    )
    # What the killed worker held: begun and not finished. Usually one batch; none when the
    # kill fell between two batches (the batch seen in hand above finished just before it).
    killed_in_hand = set(db.session.scalars(started_not_done))

    worker.start()  # the unacknowledged job comes back once its visibility timeout passes
    job = wait_for_rows(
        lambda: (lambda j: j if j.status == "done" else None)(db.session.get(Job, job_id)),
        120,
        "the redelivered rebuild to finish",
    )
    assert job.done == job.total
    assert results(db) == uninterrupted
    batches = db.session.scalars(sa.select(RebuildBatch).where(RebuildBatch.job_id == job_id)).all()
    assert len(batches) == 30 and all(b.done for b in batches)
    # Only the batch the killed worker held ran twice; the batches done before stayed done.
    assert {b.id for b in batches if b.attempts == 2} == killed_in_hand
    assert all(b.attempts == 1 for b in batches if b.id not in killed_in_hand)
    assert all(b.attempts == 1 for b in batches if b.id in done_before)


def test_wait_says_plainly_when_no_worker_answers(pg_app):
    runner = pg_app.test_cli_runner()
    result = runner.invoke(args=["factcheck", "reconcile", "--wait", "--no-worker-after", "2"])
    assert result.exit_code == 2
    assert "No worker answered within 2 s" in result.output


def test_embedded_defaults_run_jobs_on_sqlite_without_any_server(tmp_path):
    """What the README's run command does: SQLite database, SQLite-backed queue, a worker process."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env["FACTCHECK_INSTANCE"] = str(tmp_path)
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    for args in (["db", "upgrade"], ["factcheck", "import", str(REFERENCE_TEXT)]):
        run = subprocess.run(
            flask + args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
    worker = Worker(env, tmp_path / "worker.log")
    worker.start()
    try:
        run = subprocess.run(
            flask + ["factcheck", "reconcile", "--wait"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        worker.stop()
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "broker.sqlite").exists()
    killed = next(
        line.split()
        for line in run.stdout.splitlines()
        if " killed " in line and line.split()[2] == "total"
    )
    assert killed[3:8] == ["(whole)", "42", "42", "99", "weak"]
    assert "succeeded" in (tmp_path / "worker.log").read_text()
