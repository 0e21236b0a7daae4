"""Verification reports of the reference article in every format, the claim report, escaping and the
CLI (published versions and report jobs: test_report_versions.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from factcheck.models import Claim, Event, Report, Review
from factcheck.services import reports
from tests.support import factories

SLUG = "2022-kazakhstan-unrest"
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schemas" / "claimreview.schema.json").read_text()
)


pytestmark = pytest.mark.usefixtures("no_broker")


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
    assert "detained / total: low 7,200, best 8,000, high 8,000 · weak" in text
    # The retracted 164 is shown with its reason and the retraction's own words.
    assert "lebih dari 164 orang tewas" in text and "more than 164" in text
    assert "deprecated: retracted" in text and "technical error" in text
    assert "calendar mismatch:" in text and "27 Jumadil Awwal 1446 H" in text
    assert "calendar_mismatch" not in text  # codes are for the CSV and JSON beside it
    # Provenance: who, when, and the fingerprint of the data.
    assert "the command line" in text and report.fingerprint[:16] in text
    html = reports.file_of(report, "html")[0].decode()
    retracted = _claim(db, "killed-164")
    assert f'<tr class="deprecated" id="claim-{retracted.id}">' in html
    assert (
        "<del>“lebih dari 164 orang tewas”</del>" in html
    )  # struck through, in every view of the group
    assert html.count('src="data:image/svg+xml;base64,') == 4  # a static timeline per figure group
    # Conflicts are named in words: the codes are the CSV's and the JSON's.
    kinds = re.findall(r'<table class="conflicts">.*?</table>', html, re.S)[0]
    assert "<tr><td>single partisan source</td>" in kinds and "single_partisan" not in kinds


def test_csv_has_one_row_per_claim(db, reference_imported):
    report = reports.generate_report(_event_id(db), formats=["csv"])
    content, media_type = reports.file_of(report, "csv")
    assert media_type.startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
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
        "name": "factcheck accuracy scale: 1 (inaccurate) to 5 (accurate)",
    }
    # A figure is reviewed as a sentence, with the speaker's words after it; the author has an address.
    assert mostly["claimReviewed"].endswith(f": “{detained.exact}”")
    assert " said " in mostly["claimReviewed"] and "were detained" in mostly["claimReviewed"]
    assert mostly["author"]["url"].startswith("http")
    assert mostly["itemReviewed"]["author"]["name"] == "Ministry of Internal Affairs of Kazakhstan"
    assert (
        mostly["itemReviewed"]["datePublished"] == "2022-01-10"
        and mostly["datePublished"] == "2022-02-01"
    )
    assert mostly["url"] == reports.public_url(report) + f"#claim-{detained.id}"
    assert by_claim[str(dozens.id)]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
        "name": "factcheck accuracy scale: 1 (inaccurate) to 5 (accurate)",
    }
    html = reports.file_of(report, "html")[0].decode()
    # The report links to each verdict's own page instead of carrying a second copy of its markup.
    assert '<script type="application/ld+json">' not in html and "Verdict: mostly accurate" in html
    assert "a draft: never public" not in html


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


def test_an_address_python_cannot_split_is_shown_as_text(db, reference_imported):
    """ "http://[zz]/" promises an IPv6 host and holds none: the report still renders it, unlinked."""
    _claim(db, "coup").article.url = "http://[zz]/"
    db.session.commit()
    html = reports.file_of(reports.generate_report(_event_id(db), formats=["html"]), "html")[0]
    assert b"http://[zz]/" in html and b'href="http://[zz]/"' not in html


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
    for claim in ("99999999999999999999", "0"):  # past an INTEGER column: no claim's id
        one = cli.invoke(args=["factcheck", "report", SLUG, "-o", "-", "--claim", claim])
        assert one.exit_code == 1 and f"No claim {claim} in event" in one.output
