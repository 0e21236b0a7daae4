"""Issue #16 through the intake job and the web app: when the 7 February article is stored, the
12 February article's Hatay correction is suggested as 1,370 in Hatay with "this looks like a
correction of claim N — link?", and one click records the `corrects` relation."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Article, Claim, Event, Relation, SuggestedClaim
from factcheck.services import intake
from factcheck.services.importer import import_paths
from tests.support.jobs import on_job
from tests.support.paths import CORPUS
from tests.support.web import login

TIMELINE = CORPUS / "timeline"


def _store_day_7(client, db, monkeypatch) -> tuple[Article, str]:
    on_job(monkeypatch, "tasks.intake.analyse_article", lambda article_id: None)
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)
    token = login(client, db)
    import_paths(
        [TIMELINE / "tr-2023-02-06-wire.en.txt", TIMELINE / "tr-2023-02-07-anadolu.en.txt"]
    )
    event = db.session.scalar(sa.select(Event).filter_by(slug="2023-turkey-syria-earthquakes"))
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "text": (TIMELINE / "tr-2023-02-12-wire.en.txt").read_text(encoding="utf-8"),
            "new_outlet": "Wire (composed)",
            "language": "en",
            "title": "Turkey quake toll passes 29,000; Hatay corrects count",
            "event_id": str(event.id),
            "utc_offset": "+03:00",
            "published_at": "2023-02-12T19:00",
        },
    )
    assert response.status_code == 302
    article = db.session.scalar(sa.select(Article).order_by(Article.id.desc()))
    intake.analyse_article(article.id)  # what the worker runs
    return article, token


def _hatay_7_february(db) -> Claim:
    return db.session.scalar(
        sa.select(Claim).where(Claim.exact == "1,700 people had died in the province")
    )


def test_the_hatay_correction_is_suggested_with_its_place_and_a_link(client, db, monkeypatch):
    article, _ = _store_day_7(client, db, monkeypatch)
    earlier = _hatay_7_february(db)
    suggested = db.session.scalars(
        sa.select(SuggestedClaim).filter_by(article_id=article.id, kind="quantity")
    ).all()
    assert not [s for s in suggested if s.data["value"] == 1700], "the old figure is no new claim"
    (hatay,) = [s for s in suggested if s.data["value"] == 1370]
    assert (hatay.data["place"], hatay.data["place_known"]) == ("Hatay", True)
    assert hatay.data["links"] == [
        {"type": "corrects", "target": earlier.id, "reason": hatay.data["links"][0]["reason"]}
    ]
    turkey = [s for s in suggested if s.data["value"] == 29605]
    assert turkey[0].data["place"] == "Turkey"
    # the speaker's kind, proposed from its words as a new speaker gets it on accepting (§11)
    assert hatay.data["speaker_kind"] == "government"
    html = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert (
        f'This looks like a correction of <a href="/claims/{earlier.id}">claim {earlier.id}</a> — link?'
        in html
    )


def test_one_click_accepts_and_links(client, db, monkeypatch):
    article, token = _store_day_7(client, db, monkeypatch)
    earlier = _hatay_7_february(db)
    (hatay,) = [
        s
        for s in db.session.scalars(sa.select(SuggestedClaim).filter_by(article_id=article.id))
        if s.data.get("value") == 1370
    ]
    response = client.post(f"/suggestions/{hatay.id}/link/0", data={"csrf_token": token})
    assert response.status_code == 302
    db.session.expire_all()
    claim = db.session.get(Claim, db.session.get(SuggestedClaim, hatay.id).claim_id)
    assert (claim.value, claim.place_name) == (1370, "Hatay")
    relation = db.session.scalar(sa.select(Relation).filter_by(source_id=claim.id))
    assert (relation.type, relation.target_id) == ("corrects", earlier.id)


def test_the_api_accepts_and_links_too(client, db, monkeypatch):
    from tests.support.api import ApiClient
    from tests.support.factories import account

    article, _ = _store_day_7(client, db, monkeypatch)
    earlier = _hatay_7_february(db)
    (hatay,) = [
        s
        for s in db.session.scalars(sa.select(SuggestedClaim).filter_by(article_id=article.id))
        if s.data.get("value") == 1370
    ]
    api = ApiClient(client, account(db)[1])
    assert api.post(f"/suggestions/{hatay.id}/links/5/accept").status_code == 409
    response = api.post(f"/suggestions/{hatay.id}/links/0/accept")
    assert response.status_code == 201, response.get_json()
    claim_id = response.get_json()["id"]
    relation = db.session.scalar(sa.select(Relation).filter_by(source_id=claim_id))
    assert (relation.type, relation.target_id) == ("corrects", earlier.id)
