"""Report versions: a published one stays byte for byte, the database refuses to change it, only an
editor publishes, and a report job shows its progress and runs once however often it is delivered."""

from __future__ import annotations

import hashlib
import json

import pytest
import sqlalchemy as sa

from factcheck.models import Claim, Event, Job, Report
from factcheck.models.outcome import ReportFile
from factcheck.services import claims as claim_service
from factcheck.services import reports
from tests.support import factories

SLUG = "2022-kazakhstan-unrest"
pytestmark = pytest.mark.usefixtures("no_broker")


def _event_id(db) -> int:
    return db.session.scalar(sa.select(Event.id).where(Event.slug == SLUG))


def _claim(db, key: str) -> Claim:
    return db.session.scalar(sa.select(Claim).where(Claim.source_key == key))


def test_a_published_report_stays_byte_identical_and_goes_out_of_date(db, reference_imported):
    editor = factories.user(db, "ed@example.org", "editor", password=None)
    event_id = _event_id(db)
    first = reports.generate_report(event_id, user_id=editor.id)
    with pytest.raises(reports.ReportNotFound):  # a draft needs a login
        reports.report_file(SLUG, 1, "pdf")
    reports.publish_report(first.id, editor.id)
    published = {fmt: reports.report_file(SLUG, 1, fmt) for fmt in reports.FORMATS}
    assert not reports.is_out_of_date(first)

    detained = _claim(db, "detained-8000")
    claim_service.update_claim(
        detained, {"value": 9000}, expected_version=detained.version, user_id=editor.id
    )

    db.session.expire_all()
    first = db.session.get(Report, first.id)
    assert reports.is_out_of_date(first)
    for fmt, (content, media_type) in published.items():
        assert reports.report_file(SLUG, 1, fmt) == (content, media_type), fmt
        stored = db.session.scalar(
            sa.select(ReportFile.sha256).filter_by(report_id=first.id, format=fmt)
        )
        assert stored == hashlib.sha256(content).hexdigest()
    assert "7,200" in published["html"][0].decode()

    second = reports.generate_report(event_id, user_id=editor.id, formats=["html"])
    assert (second.version, second.status) == (2, "draft") and not reports.is_out_of_date(second)
    assert (
        "8,100" in reports.report_file(SLUG, 2, "html", include_drafts=True)[0].decode()
    )  # nearly 9000 → 8100
    assert reports.report_file(SLUG, 1, "html") == published["html"]
    assert [r.version for r in reports.list_reports(event_id)] == [2, 1]
    assert reports.latest_report(event_id).version == 1  # the newest *published* one


def test_the_database_refuses_to_change_a_published_report(db, reference_imported):
    editor = factories.user(db, "ed@example.org", "editor", password=None)
    report = reports.generate_report(_event_id(db), formats=["csv"])
    reports.publish_report(report.id, editor.id)
    for statement in (
        sa.update(ReportFile).values(content=b"tampered"),
        sa.delete(ReportFile),
        sa.update(Report).values(snapshot={"claims": []}),
        sa.update(Report).values(status="draft"),
        sa.delete(Report),
    ):
        with pytest.raises(sa.exc.DBAPIError):
            db.session.execute(statement)
        db.session.rollback()
    content, _ = reports.file_of(
        db.session.get(Report, report.id), "json"
    )  # a later format is added, once
    assert json.loads(content)["provenance"]["version"] == 1
    assert db.session.get(Report, report.id).formats == ["csv", "json"]


def test_only_an_editor_publishes(db, reference_imported):
    reviewer = factories.user(db, "rev@example.org", "reviewer", password=None)
    report = reports.generate_report(_event_id(db), formats=["csv"])
    with pytest.raises(reports.NotAllowed):
        reports.publish_report(report.id, reviewer.id)
    assert db.session.get(Report, report.id).status == "draft"


def test_a_report_job_shows_progress_and_runs_once(app, db, reference_imported, monkeypatch):
    import tasks.reports  # (registers the task, as the worker does)

    task = tasks.reports.generate_report_task
    assert task.name in app.extensions["celery"].tasks and task.acks_late
    sent = []
    from factcheck.services import dispatch

    assert dispatch.GENERATE_REPORT == task.name
    monkeypatch.setattr(dispatch, "send", lambda name, *args: sent.append(args))
    job = reports.queue_report(_event_id(db), formats=["csv", "html"])
    assert sent == [(job.id, None, ["html", "csv"])] and (job.kind, job.status) == (
        "report",
        "queued",
    )

    seen = []
    monkeypatch.setattr(
        "factcheck.services.reports.generate.reconcile_events",
        _spy(seen, "factcheck.services.reports.generate.reconcile_events"),
    )
    task.run(*sent[0])  # what the worker runs
    report = reports.report_for_job(job.id)
    job = db.session.get(Job, job.id)
    assert (job.status, job.done, job.total, job.written) == ("done", 4, 4, 1)
    assert report.formats == ["html", "csv"] and seen == [[_event_id(db)]]
    task.run(*sent[0])  # a redelivered message: no second version
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 1


def _spy(seen: list, target: str):
    import importlib

    module, name = target.rsplit(".", 1)
    real = getattr(importlib.import_module(module), name)

    def spy(event_ids, *args, **kwargs):
        seen.append(list(event_ids))
        return real(event_ids, *args, **kwargs)

    return spy
