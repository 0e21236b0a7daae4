"""The place pages: find by alias, see where a place lies and its claims, move it, merge and undo."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from factcheck.models import Claim, Merge, PendingGroup, Place
from factcheck.services import dispatch
from tests.integration import names_world
from tests.support.jobs import on_job
from tests.support.web import csrf_token, login


@pytest.fixture
def world(app, monkeypatch):
    on_job(monkeypatch, dispatch.RECONCILE_GROUP, lambda *group: None)
    on_job(monkeypatch, dispatch.ANALYSE_ARTICLE, lambda *ids: None)
    return names_world.build()


def test_the_places_tab_lists_where_each_place_lies(client, db, world):
    login(client, db)
    html = client.get("/places/").text
    assert "Places (where it happened)" in html and 'aria-current="page">Places' in html
    row = html[html.index(">Hatay</a>") :]
    assert row.index("Türkiye") < row.index("</tr>")  # Hatay lies within Türkiye
    assert ">Turkey</a>" in client.get("/places/?q=turk").text


def test_the_place_page_shows_its_whole_its_parts_and_its_claims(client, db, world):
    login(client, db)
    hatay = client.get(f"/places/{world.hatay.id}").text
    assert f'href="/places/{world.turkiye.id}">Türkiye</a>' in hatay
    assert "4,000 soldiers were deployed in Hatay" in hatay and "(cited)" not in hatay
    turkiye = client.get(f"/places/{world.turkiye.id}").text
    assert f'href="/places/{world.hatay.id}">Hatay</a>' in turkiye
    claim_page = client.get(f"/claims/{_hatay_claim(db)}").text
    assert f'href="/places/{world.hatay.id}">Hatay</a>' in claim_page


def test_moving_a_place_reconciles_its_events_and_a_loop_is_refused_keeping_the_typing(
    client, db, world
):
    token = login(client, db)
    url = f"/places/{world.turkiye.id}/edit"
    form = client.get(url).text
    assert 'name="within"' in form and f'value="{world.hatay.id}"' not in form  # no loop offered
    typed = {"csrf_token": token, "within": str(world.hatay.id), "aliases": "Turki", "notes": "x"}
    refused = client.post(url, data=typed)
    assert refused.status_code == 400 and "Not a valid choice" in refused.text
    assert "Turki" in refused.text  # what was typed stays
    taken = client.post(url, data=typed | {"within": "0", "aliases": "Turkey"})
    assert taken.status_code == 400 and "goes by the name" in taken.text
    db.session.execute(sa.delete(PendingGroup))  # what building the world asked for
    db.session.commit()
    saved = client.post(f"/places/{world.hatay.id}/edit", data=typed | {"within": world.turkey.id})
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(Place, world.hatay.id).within_id == world.turkey.id
    assert db.session.get(Place, world.hatay.id).aliases == ["Turki"]
    pending = set(db.session.execute(sa.select(PendingGroup.metric, PendingGroup.category)))
    assert ("killed", "total") in pending  # the event's groups are reconciled again


def test_an_editor_merges_a_duplicate_place_and_undoes_it(app, db, world):
    reviewer, editor = app.test_client(), app.test_client()
    token = login(reviewer, db, "reviewer")
    url = f"/places/{world.turkiye.id}/merge-into/{world.turkey.id}"
    assert reviewer.post(url, data={"csrf_token": token}).status_code == 403
    login(editor, db, "editor")
    confirm = editor.get(url)
    assert confirm.status_code == 200
    done = editor.post(url, data={"csrf_token": csrf_token(confirm.text)})
    assert done.status_code == 302 and done.location.endswith(f"/places/{world.turkey.id}")
    db.session.expire_all()
    assert db.session.get(Place, world.turkiye.id).merged_into_id == world.turkey.id
    assert db.session.get(Place, world.hatay.id).within_id == world.turkey.id
    page = editor.get(f"/places/{world.turkey.id}").text
    merge = db.session.scalar(sa.select(Merge).where(Merge.entity_type == "place"))
    assert "merged into Turkey" in page and f"Undo merge {merge.id}" in page
    undone = editor.post(f"/merges/{merge.id}/undo", data={"csrf_token": csrf_token(page)})
    assert undone.status_code == 302
    db.session.expire_all()
    assert db.session.get(Place, world.turkiye.id).merged_into_id is None
    assert db.session.get(Place, world.hatay.id).within_id == world.turkiye.id


def _hatay_claim(db) -> int:
    return db.session.scalar(sa.select(Claim.id).where(Claim.exact.contains("Hatay")))


def test_the_service_refuses_a_move_that_would_make_the_tree_loop(db, world):
    from factcheck.services import places

    with pytest.raises(places.PlaceRefused, match="Hatay lies within Türkiye"):
        places.update_place(world.turkiye, places.PlaceChange(within_id=world.hatay.id), None)
    db.session.rollback()
    assert db.session.get(Place, world.turkiye.id).within_id is None
