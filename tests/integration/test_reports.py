"""Verification reports of the reference article: every format, versions, publishing, freezing, the CLI, the job."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from factcheck.models import Claim, Event, Job, Report, Review
from factcheck.models.outcome import ReportFile
from factcheck.services import claims as claim_service
from factcheck.services import reports
from tests.support import factories

SLUG = "2022-kazakhstan-unrest"
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schemas" / "claimreview.schema.json").read_text()
)


@pytest.fixture(autouse=True)
def no_broker(db, monkeypatch):
    """Edits ask workers to reconcile; these tests have none (generation reconciles by itself)."""
    from factcheck.services import queue

    monkeypatch.setattr(
        queue, "send", lambda groups: 0
    )  # the groups stay marked pending, as with a broker away


def _event_id(db) -> int:
    return db.session.scalar(sa.select(Event.id).where(Event.slug == SLUG))


def _claim(db, key: str) -> Claim:
    return db.session.scalar(sa.select(Claim).where(Claim.source_key == key))


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_holds_the_reconciled_figures_the_retraction_and_the_calendar_finding(
    db, reference_imported
):
    report = reports.generate_report(_event_id(db), formats=["pdf", "html"])
    pdf, media_type = reports.file_of(report, "pdf")
    assert media_type == "application/pdf" and pdf.startswith(b"%PDF-")
    text = re.sub(r"\s+", " ", _pdf_text(pdf))  # lines wrap where the page says
    # Reconciled inside generation: the report holds the current figures.
    assert "killed / total: low 42, best 42, high 99 · weak" in text
    assert "detained / total: low 7 200, best 8 000, high 8 000 · weak" in text
    # The retracted 164 is shown with its reason and the retraction's own words.
    assert "lebih dari 164 orang tewas" in text and "more than 164" in text
    assert "deprecated: retracted" in text and "technical error" in text
    assert "calendar_mismatch" in text and "27 Jumadil Awwal 1446 H" in text
    # Provenance: who, when, and the fingerprint of the data.
    assert "the command line" in text and report.fingerprint[:16] in text
    html = reports.file_of(report, "html")[0].decode()
    retracted = _claim(db, "killed-164")
    assert f'<tr class="deprecated" id="claim-{retracted.id}">' in html
    assert (
        "<del>“lebih dari 164 orang tewas”</del>" in html
    )  # struck through, in every view of the group
    assert html.count('src="data:image/svg+xml;base64,') == 4  # a static timeline per figure group


def test_csv_has_one_row_per_claim(db, reference_imported):
    report = reports.generate_report(_event_id(db), formats=["csv"])
    content, media_type = reports.file_of(report, "csv")
    assert media_type.startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))
    claim_ids = db.session.scalars(sa.select(Claim.id).order_by(Claim.id)).all()
    assert [int(r["claim_id"]) for r in rows] == claim_ids == list(range(1, 12))
    by_key = {r["claim_id"]: r for r in rows}
    retracted = by_key[str(_claim(db, "killed-164").id)]
    assert (retracted["rank"], retracted["deprecated_reason"], retracted["role_in_group"]) == (
        "deprecated",
        "retracted",
        "retracted",
    )
    assert "technical error" in retracted["rank_note"]
    assert (
        retracted["group_low"],
        retracted["group_best"],
        retracted["group_high"],
        retracted["group_grade"],
    ) == ("42", "42", "99", "weak")
    dozens = by_key[str(_claim(db, "killed-dozens").id)]
    assert (
        dozens["speaker"] == ""
        and dozens["outlet"] == "voa-islam.com"
        and dozens["role_in_group"] == "used"
    )


def test_json_holds_the_claims_and_reconciliations(db, reference_imported):
    report = reports.generate_report(_event_id(db), formats=["json"])
    doc = json.loads(reports.file_of(report, "json")[0])
    assert doc["format"] == "factcheck-report" and len(doc["claims"]) == 11
    killed = next(
        g for g in doc["reconciliations"] if (g["metric"], g["category"]) == ("killed", "total")
    )
    assert (killed["low"], killed["best"], killed["high"], killed["grade"]) == (42, 42, 99, "weak")
    assert (
        doc["provenance"]["fingerprint"]
        == report.fingerprint
        == reports.fingerprint(report.snapshot)
    )
    assert doc["provenance"]["version"] == 1 and doc["provenance"]["page_url"].endswith(
        f"/reports/{SLUG}/v1"
    )


def test_jsonld_for_a_published_verdict_validates(db, reference_imported):
    editor = factories.user(db, "ed@example.org", "editor", password=None)
    detained, dozens = _claim(db, "detained-8000"), _claim(db, "killed-dozens")
    now = datetime(2022, 2, 1, 9, 0, tzinfo=UTC)
    db.session.add_all(
        [
            Review(
                claim_id=detained.id,
                rating="mostly accurate",
                rationale="Later tallies agree.",
                reviewer_id=editor.id,
                published=True,
                published_at=now,
                published_by_id=editor.id,
            ),
            Review(
                claim_id=dozens.id,
                rating="unverifiable",
                reviewer_id=editor.id,
                published=True,
                published_at=now,
            ),
            Review(
                claim_id=dozens.id,
                rating="inaccurate",
                rationale="a draft: never public",
                reviewer_id=editor.id,
            ),
        ]
    )
    db.session.commit()
    report = reports.generate_report(_event_id(db), formats=["jsonld", "html"])
    docs = json.loads(reports.file_of(report, "jsonld")[0])
    assert len(docs) == 2, "published verdicts only"
    validator = Draft202012Validator(SCHEMA)
    for doc in docs:
        assert [e.message for e in validator.iter_errors(doc)] == []
    by_claim = {d["url"].rsplit("#claim-", 1)[1]: d for d in docs}
    mostly = by_claim[str(detained.id)]
    assert mostly["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly accurate",
    }
    assert mostly["itemReviewed"]["author"]["name"] == "Ministry of Internal Affairs of Kazakhstan"
    assert (
        mostly["itemReviewed"]["datePublished"] == "2022-01-10"
        and mostly["datePublished"] == "2022-02-01"
    )
    assert mostly["url"] == reports.public_url(report) + f"#claim-{detained.id}"
    assert by_claim[str(dozens.id)]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
    }
    html = reports.file_of(report, "html")[0].decode()
    assert '<script type="application/ld+json">' in html and "Verdict: mostly accurate" in html
    assert "a draft: never public" not in html


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
    assert "7 200" in published["html"][0].decode()

    second = reports.generate_report(event_id, user_id=editor.id, formats=["html"])
    assert (second.version, second.status) == (2, "draft") and not reports.is_out_of_date(second)
    assert (
        "8 100" in reports.report_file(SLUG, 2, "html", include_drafts=True)[0].decode()
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


def test_a_claim_report_is_the_shorter_one(db, reference_imported):
    retracted = _claim(db, "killed-164")
    report = reports.generate_report(_event_id(db), claim_id=retracted.id, formats=["html", "csv"])
    assert report.claim_id == retracted.id and report.version == 1
    keys = {c["id"] for c in report.snapshot["claims"]}
    assert keys == {
        _claim(db, k).id
        for k in (
            "killed-164",
            "killed-164-retraction",
            "killed-assailants-26",
            "killed-security-16",
            "killed-dozens",
        )
    }
    assert [(g["metric"], g["category"]) for g in report.snapshot["groups"]] == [
        ("killed", "total")
    ]
    html = reports.report_file(SLUG, 1, "html", claim_id=retracted.id, include_drafts=True)[
        0
    ].decode()
    assert "technical error" in html and "hampir 8.000" not in html
    assert reports.find_report(SLUG, 1) is None  # the event's own versions are numbered apart


def test_untrusted_text_is_escaped(db, reference_imported):
    article = _claim(db, "coup").article
    article.title = '<script>alert("x")</script>'
    article.findings = [{"kind": "calendar_mismatch", "detail": "<img src=x onerror=alert(1)>"}]
    article.url = "javascript:alert(2)"
    db.session.add(
        Review(
            claim_id=_claim(db, "coup").id,
            rating="misleading",
            rationale="</script><b>bold</b>",
            evidence_links=["javascript:alert(3)", "https://example.org/ok"],
            published=True,
            published_at=datetime(2022, 2, 1, tzinfo=UTC),
        )
    )
    db.session.commit()
    report = reports.generate_report(_event_id(db), formats=["html", "pdf"])
    html = reports.file_of(report, "html")[0].decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert (
        "<b>bold</b>" not in html and "</script><b>" not in html
    )  # in the page and in its JSON-LD
    assert 'href="javascript:' not in html and 'href="https://example.org/ok"' in html
    assert "javascript:alert(3)" in html  # shown, as text
    assert "bold" in _pdf_text(reports.file_of(report, "pdf")[0])


def test_the_cli_writes_each_format(cli, db, reference_imported, tmp_path):
    out = cli.invoke(args=["factcheck", "report", SLUG, "--format", "csv", "-o", "-"])
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert len(rows) == 1 + 11
    pdf_path = tmp_path / "report.pdf"
    out = cli.invoke(args=["factcheck", "report", SLUG, "--format", "pdf", "-o", str(pdf_path)])
    assert out.exit_code == 0, out.output
    assert "version 2" in out.stderr and "technical error" in _pdf_text(pdf_path.read_bytes())
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 2
    missing = cli.invoke(args=["factcheck", "report", "nope", "--format", "html", "-o", "-"])
    assert missing.exit_code == 1 and "No event with slug 'nope'" in missing.output


def test_a_report_job_shows_progress_and_runs_once(app, db, reference_imported, monkeypatch):
    import tasks.reports  # (registers the task, as the worker does)

    task = tasks.reports.generate_report_task
    assert task.name in app.extensions["celery"].tasks and task.acks_late
    sent = []

    class Queue:
        def delay(self, *args):
            sent.append(args)

    monkeypatch.setattr(tasks.reports, "generate_report_task", Queue())
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
