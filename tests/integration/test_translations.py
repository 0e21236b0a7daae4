"""A quote keeps the article's words and may carry a reviewer's translation: through the form, the API,
the import format and the export, into reports and the ClaimReview."""

from __future__ import annotations

import json

import sqlalchemy as sa

from factcheck.models import Claim, PublishedVerdict
from factcheck.services import reports
from factcheck.services import reviews as review_service
from tests.support import factories
from tests.support.web import csrf_token, login

DENIAL = "no-fire-on-peaceful"
ENGLISH = "never fired and will never fire on peaceful demonstrators"


def _claim(db, key: str) -> Claim:
    return db.session.scalar(sa.select(Claim).where(Claim.source_key == key))


def test_the_form_keeps_the_quote_and_adds_the_translation(app, db, reference_imported):
    claim = _claim(db, DENIAL)
    client = app.test_client()
    login(client, db, "reviewer")
    page = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert 'name="translation"' in page
    form = {
        "csrf_token": csrf_token(page),
        "version": str(claim.version),
        "stated_on": str(claim.stated_on),
        "kind": claim.kind,
        "event_id": str(claim.event_id),
        "attributed_to_id": str(claim.attributed_to_id or ""),
        "proposition": claim.proposition or "",
        "translation": ENGLISH,
        **dict.fromkeys(("metric", "category", "qualifier", "modality"), ""),
    }
    saved = client.post(f"/claims/{claim.id}/edit", data=form)
    assert saved.status_code == 302, saved.get_data(as_text=True)[-3000:]
    db.session.expire_all()
    claim = _claim(db, DENIAL)
    assert claim.translation == ENGLISH and claim.exact.startswith("tidak pernah menembak")
    assert ENGLISH in client.get(f"/claims/{claim.id}").get_data(as_text=True)


def test_reports_and_the_claim_review_show_both(app, db, reference_imported):
    claim = _claim(db, DENIAL)
    claim.translation = ENGLISH
    db.session.commit()
    editor = factories.user(db, "chief@example.org", "editor", password=None)
    review = review_service.draft_review(claim, "inaccurate", "Footage.", [], editor.id)
    review_service.publish_review(review, user_id=editor.id)
    page = db.session.scalar(sa.select(PublishedVerdict))
    assert page.claim_review["claimReviewed"] == (
        f"Kassym-Jomart Tokayev denied: “{claim.exact}” (translation: “{ENGLISH}”)"
    )
    assert ENGLISH in app.test_client().get(f"/fact-checks/{page.slug}").get_data(as_text=True)
    report = reports.generate_report(claim.event_id, formats=["html", "json"])
    html = reports.file_of(report, "html")[0].decode()
    assert claim.exact in html and ENGLISH in html
    doc = json.loads(reports.file_of(report, "json")[0])
    assert next(c for c in doc["claims"] if c["id"] == claim.id)["translation"] == ENGLISH


def test_the_import_format_and_the_export_carry_it(app, db, cli, tmp_path):
    from tests.support.paths import REFERENCE_TEXT, REFERENCE_YAML

    text = tmp_path / REFERENCE_TEXT.name
    text.write_bytes(REFERENCE_TEXT.read_bytes())
    sidecar = REFERENCE_YAML.read_text(encoding="utf-8").replace(
        '    proposition: "Security forces fired on peaceful demonstrators"\n',
        '    proposition: "Security forces fired on peaceful demonstrators"\n'
        f'    translation: "{ENGLISH}"\n',
    )
    assert ENGLISH in sidecar
    (tmp_path / REFERENCE_YAML.name).write_text(sidecar, encoding="utf-8")
    done = cli.invoke(args=["factcheck", "import", str(text)])
    assert done.exit_code == 0, done.output
    assert _claim(db, DENIAL).translation == ENGLISH
    exported = tmp_path / "export.json"
    assert cli.invoke(args=["factcheck", "export", str(exported)]).exit_code == 0
    claims = json.loads(exported.read_text())["claims"]
    assert next(c for c in claims if c["source_key"] == DENIAL)["translation"] == ENGLISH
