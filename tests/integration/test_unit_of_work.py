"""One write path: services commit through one unit of work, and jobs leave only after the commit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sent(monkeypatch):
    from factcheck.services import dispatch

    jobs: list[tuple] = []
    monkeypatch.setattr(dispatch, "send", lambda task, *args: jobs.append((task, *args)))
    return jobs


def _events(db) -> list[str]:
    from factcheck.models import Event

    return list(db.session.scalars(sa.select(Event.slug).order_by(Event.slug)))


def test_jobs_leave_after_the_commit_and_never_after_a_rollback(app, db, sent):
    from factcheck.models import Event
    from factcheck.services.unit_of_work import transaction

    with transaction() as uow:
        db.session.add(Event(slug="first", title="First"))
        uow.send("tasks.intake.analyse_article", 1)
        assert sent == []  # not before the commit: a worker would not find the row
    assert sent == [("tasks.intake.analyse_article", 1)] and _events(db) == ["first"]

    with pytest.raises(RuntimeError), transaction() as uow:
        db.session.add(Event(slug="second", title="Second"))
        uow.send("tasks.intake.analyse_article", 2)
        raise RuntimeError("refused half-way")
    assert sent == [("tasks.intake.analyse_article", 1)] and _events(db) == ["first"]


def test_a_service_inside_another_commits_once_with_it(app, db, sent):
    from factcheck.services.events import EventDraft, create_event
    from factcheck.services.unit_of_work import transaction

    with pytest.raises(RuntimeError), transaction():
        create_event(EventDraft(title="Inner", slug="inner"))  # joins: no commit of its own
        raise RuntimeError("the outer step failed")
    assert _events(db) == []


def test_a_change_to_claims_marks_its_groups_and_sends_them_after_commit(
    app, db, sent, reference_imported
):
    from factcheck.models import Claim, PendingGroup
    from factcheck.services import claims as claim_service
    from factcheck.services import dispatch

    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    claim_service.withdraw_claim(claim, user_id=None)
    pending = set(db.session.execute(sa.select(PendingGroup.metric, PendingGroup.category)))
    assert ("detained", "total") in pending
    assert (dispatch.RECONCILE_GROUP, claim.event_id, "detained", "total") in sent


def test_every_job_name_is_a_task_the_worker_runs(app):
    import tasks.intake  # noqa: F401  (registers the tasks, as tasks.worker does)
    import tasks.reconcile  # noqa: F401
    import tasks.reports  # noqa: F401
    from factcheck.services import dispatch

    registered = app.extensions["celery"].tasks
    assert all(name in registered for name in dispatch.TASKS)


def _python_files(*folders: str):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


def test_only_the_unit_of_work_commits_and_only_tasks_import_tasks():
    commits = [
        str(p.relative_to(ROOT))
        for p in _python_files("factcheck", "tasks")
        if "session.commit(" in p.read_text(encoding="utf-8")
    ]
    assert commits == ["factcheck/services/unit_of_work.py"]
    importing_tasks = re.compile(r"^\s*(from tasks[\s.]|import tasks\b)", re.MULTILINE)
    offenders = [
        str(p.relative_to(ROOT))
        for p in _python_files("factcheck")
        if importing_tasks.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
