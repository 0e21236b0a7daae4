"""Reconciliation stored in the database: the reference case, no-op reruns, the edit queue, the CLI."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Claim, Conflict, Event, PendingGroup, Reconciliation
from factcheck.services import claims as claim_service
from factcheck.services import queue
from tests.support.jobs import on_job


def _result(db, metric: str, category: str = "total") -> Reconciliation:
    return db.session.scalar(sa.select(Reconciliation).filter_by(metric=metric, category=category))


def test_reference_case_through_the_cli(db, cli, reference_imported):
    result = cli.invoke(args=["factcheck", "reconcile", "--inline"])
    assert result.exit_code == 0, result.output
    lines = {
        tuple(line.split()[1:4]): line.split()
        for line in result.output.splitlines()[1:]
        if line.startswith("2022")
    }
    assert lines[("killed", "total", "(whole)")][4:8] == ["42", "42", "99", "weak"]
    assert lines[("detained", "total", "(whole)")][4:8] == ["7200", "8000", "8000", "weak"]

    killed = _result(db, "killed")
    retracted_id = db.session.scalar(sa.select(Claim.id).where(Claim.source_key == "killed-164"))
    assert [retracted_id, "retracted"] in killed.claims_set_aside
    assert retracted_id not in killed.claims_used
    assert any(
        str(retracted_id) in step["text"] and "retract" in step["text"] for step in killed.steps
    )
    detained = _result(db, "detained")
    assert (detained.low, detained.best, detained.high, detained.grade) == (
        7200,
        8000,
        8000,
        "weak",
    )


def test_rerun_on_unchanged_input_writes_nothing(db, cli, reference_imported):
    cli.invoke(args=["factcheck", "reconcile", "--inline"])
    before = {
        (r.metric, r.category): (r.computed_at, r.fingerprint)
        for r in db.session.scalars(sa.select(Reconciliation))
    }
    conflicts_before = db.session.scalar(sa.select(sa.func.count()).select_from(Conflict))
    again = cli.invoke(
        args=["factcheck", "reconcile", "--inline", "--event", "2022-kazakhstan-unrest"]
    )
    assert again.exit_code == 0 and "0 result(s) changed" in again.output
    db.session.expire_all()
    after = {
        (r.metric, r.category): (r.computed_at, r.fingerprint)
        for r in db.session.scalars(sa.select(Reconciliation))
    }
    assert after == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Conflict)) == conflicts_before


def test_unknown_event_is_a_clear_error(cli, reference_imported):
    result = cli.invoke(args=["factcheck", "reconcile", "--inline", "--event", "nope"])
    assert result.exit_code == 1 and "No event with slug 'nope'" in result.output


def test_results_and_conflicts_appear_in_the_export(cli, reference_imported):
    import json

    cli.invoke(args=["factcheck", "reconcile", "--inline"])
    doc = json.loads(cli.invoke(args=["factcheck", "export", "-"]).output)
    killed = next(
        r for r in doc["reconciliations"] if (r["metric"], r["category"]) == ("killed", "total")
    )
    for key in (
        "event",
        "metric",
        "category",
        "low",
        "best",
        "high",
        "grade",
        "flags",
        "explanation",
        "claims_used",
        "claims_set_aside",
        "computed_at",
        "fingerprint",
    ):
        assert key in killed
    assert (killed["low"], killed["best"], killed["high"], killed["event"]) == (
        42,
        42,
        99,
        "2022-kazakhstan-unrest",
    )
    assert doc["conflicts"], "the single partisan sources are conflicts a reviewer must see"
    assert {"kind", "claims", "status"} <= set(doc["conflicts"][0])


def test_a_burst_of_edits_queues_a_group_once(db, reference_imported):
    event_id = db.session.scalar(sa.select(Event.id))
    group = (event_id, "detained", "total")
    assert queue.mark_pending([group]) == [group]
    for _ in range(5):
        assert queue.mark_pending([group]) == []
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup)) == 1
    # The task takes the group off the list first, so an edit during its run queues it again.
    assert queue.claim_pending(group) is True
    assert queue.mark_pending([group]) == [group]


def test_an_edit_that_commits_while_the_worker_takes_its_group_is_not_lost(
    app, db, reference_imported
):
    """The group is pending (an earlier edit queued it) when a second edit marks it pending
    again: no new task, since the queued one will read the change. If the worker takes the
    group off the list and reads the claims before that edit commits, the edit must not be
    left out: the worker waits for the commit, and its answer includes the edit."""
    import threading

    from factcheck.services.rebuild import reconcile_pending_group
    from factcheck.services.reconciling import reconcile_events

    event_id = db.session.scalar(sa.select(Event.id))
    group = (event_id, "detained", "total")
    reconcile_events([event_id])
    db.session.execute(sa.delete(PendingGroup))
    assert queue.mark_pending([group]) == [group]  # the earlier edit's task is on its way
    db.session.commit()
    before = _result(db, "detained").fingerprint
    claim_id = db.session.scalar(sa.select(Claim.id).where(Claim.source_key == "detained-8000"))
    marked, commit_now, worker_started = threading.Event(), threading.Event(), threading.Event()
    queued = {}

    def edit():
        with app.app_context():
            claim = db.session.get(Claim, claim_id)
            claim.qualifier = "exact"
            claim.value = claim.lower = claim.upper = claim.point = 9000
            db.session.flush()
            queued["tasks"] = queue.mark_pending([group])
            marked.set()
            commit_now.wait(10)
            db.session.commit()

    def worker():
        with app.app_context():
            worker_started.set()
            reconcile_pending_group(*group)
            db.session.remove()

    editing = threading.Thread(target=edit)
    editing.start()
    assert marked.wait(10)
    working = threading.Thread(target=worker)
    working.start()
    assert worker_started.wait(10)
    working.join(0.5)
    assert working.is_alive(), "the worker must wait for the edit that marked its group"
    commit_now.set()
    editing.join(10)
    working.join(10)
    assert queued["tasks"] == []  # the queued task was the edit's only chance
    db.session.expire_all()
    assert _result(db, "detained").fingerprint != before
    rerun = reconcile_events([event_id], only={event_id: [("detained", "total")]})
    assert rerun.written == [], "the stored answer left out the edit"


def test_an_edit_queues_its_group_and_the_groups_above_it(db, reference_imported, monkeypatch):
    sent = []
    on_job(
        monkeypatch, "tasks.reconcile.reconcile_group", lambda *args: sent.append(args)
    )  # unit: no broker
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "killed-assailants-26"))
    claim_service.update_claim(claim, {"value": 27}, expected_version=claim.version, user_id=None)
    assert sorted(sent) == [
        (claim.event_id, "killed", "armed assailants"),
        (claim.event_id, "killed", "total"),
    ]
    assert (claim.lower, claim.upper, claim.point, claim.version) == (27, 27, 27, 2)


def test_a_stale_edit_writes_nothing(db, reference_imported):
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    try:
        claim_service.update_claim(claim, {"value": 9000}, expected_version=0, user_id=None)
    except claim_service.StaleVersion as err:
        assert "version 1" in str(err)
    else:
        raise AssertionError("a stale version was accepted")
    db.session.expire_all()
    assert db.session.scalar(sa.select(Claim.value).where(Claim.id == claim.id)) == 8000


def test_stale_check_opens_a_conflict_for_an_open_event_gone_quiet(app, db, reference_imported):
    from datetime import date

    from factcheck.services.rebuild import check_stale

    check_stale(today=date(2022, 1, 20))  # nine days after the last figure: not stale yet
    assert not db.session.scalars(sa.select(Conflict).filter_by(kind="stale")).all()
    check_stale(today=date(2022, 3, 1))
    stale = db.session.scalars(sa.select(Conflict).filter_by(kind="stale")).all()
    assert len(stale) == 1 and stale[0].status == "open"
    # The event ends: the next check settles the conflict, and keeps it as resolved.
    event = db.session.scalar(sa.select(Event))
    event.end_date = date(2022, 1, 20)
    db.session.commit()
    check_stale(today=date(2022, 3, 2))
    db.session.expire_all()
    settled = db.session.scalar(sa.select(Conflict).filter_by(kind="stale"))
    assert settled.status == "resolved" and settled.note.startswith("Settled")


def test_beat_runs_the_nightly_rebuild_and_the_stale_check(app):
    import tasks.reconcile  # noqa: F401  (registers the tasks, as the worker does)

    celery_app = app.extensions["celery"]
    schedule = celery_app.conf.beat_schedule
    assert {entry["task"] for entry in schedule.values()} == {
        "tasks.reconcile.nightly_rebuild",
        "tasks.reconcile.check_stale",
        "tasks.reconcile.requeue_pending",
    }
    assert all(entry["task"] in celery_app.tasks for entry in schedule.values())
    nightly = next(e for e in schedule.values() if e["task"].endswith("nightly_rebuild"))[
        "schedule"
    ]
    assert nightly.hour == {3} and nightly.minute == {0}


def test_the_nightly_rebuild_records_its_job_and_leaves_the_planning_to_its_task(
    app, db, reference_imported, monkeypatch
):
    """The nightly task sends the job as a reviewer's rebuild is sent: a retry of the job's
    task (the database gone mid-plan) resumes that job. Planned inside the nightly task, a
    retry started a second job while the first's batches ran, and the first stayed failed."""
    import tasks.reconcile
    from factcheck.models import Job, RebuildBatch
    from factcheck.services import dispatch
    from tests.support.jobs import on_job

    sent: list[int] = []
    on_job(monkeypatch, dispatch.REBUILD, sent.append)
    tasks.reconcile.nightly_rebuild.run()  # its body, here, in this test's app
    (job,) = db.session.scalars(sa.select(Job)).all()
    assert sent == [job.id]
    assert (job.kind, job.event_id, job.status) == ("rebuild", None, "queued")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RebuildBatch)) == 0


def test_a_rebuild_the_queue_never_took_says_so_on_its_job(
    app, db, reference_imported, monkeypatch
):
    """The broker is down when the job is sent: the job is committed, but no worker will hear
    of it, so its row says failed, with why, instead of `queued` for good."""
    import pytest
    from kombu.exceptions import OperationalError as QueueUnreachable

    import tasks.reconcile
    from factcheck.models import Job
    from factcheck.services import dispatch

    def unreachable(task: str, *args: object) -> None:
        raise QueueUnreachable("[Errno 111] Connection refused")

    monkeypatch.setattr(dispatch, "send", unreachable)
    with pytest.raises(QueueUnreachable):
        tasks.reconcile.nightly_rebuild.run()
    (job,) = db.session.scalars(sa.select(Job)).all()
    assert job.status == "failed" and "Connection refused" in job.error


def test_conflicts_found_before_their_detail_was_kept_structured_get_it_when_found_again(
    app, db, cli, reference_imported
):
    """Rows stored before migration 0023 have no structured detail: the next reconciliation
    of their event that finds them again keeps it, and changes nothing else of them."""
    from factcheck.services.reconciling import reconcile_events
    from factcheck.web.event_results import results_state

    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    db.session.execute(sa.update(Conflict).values(detail_words=sa.null()))  # as migrated
    # A stale conflict stored days ago said a smaller age than the one found today.
    db.session.execute(
        sa.update(Conflict).where(Conflict.kind == "stale").values(detail="Days ago, in words.")
    )
    db.session.commit()
    before = {
        c.id: (c.detail, c.version, c.status) for c in db.session.scalars(sa.select(Conflict))
    }
    event = db.session.scalar(sa.select(Event))
    shown = results_state(event)  # what the event page's cached section was made from
    reconcile_events([event.id])
    db.session.commit()
    db.session.expire_all()
    after = db.session.scalars(sa.select(Conflict)).all()
    assert results_state(event) != shown  # the section is made again, in the reader's words
    assert {c.id: (c.detail, c.version, c.status) for c in after} == before
    stale = [c.detail_words for c in after if c.kind == "stale"]
    assert stale == [None]  # its words would not say what its text says
    others = [c.detail_words for c in after if c.kind != "stale"]
    assert others and all(words and words[0] for words in others)
