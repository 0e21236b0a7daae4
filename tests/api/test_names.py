"""Aliases, changes and merges of actors and outlets through /api/v1 (DOMAIN.md §11)."""

from __future__ import annotations

import pytest

from factcheck.services import dispatch
from tests.integration import names_world
from tests.support.api import PROBLEM
from tests.support.jobs import on_job


@pytest.fixture
def world(app, monkeypatch):
    on_job(monkeypatch, dispatch.RECONCILE_GROUP, lambda *group: None)
    return names_world.build()


def test_aliases_are_read_written_and_searched(api_as, world):
    api = api_as("reviewer")
    afad = api.get(f"/actors/{world.afad.id}").get_json()
    assert afad["aliases"] == ["Turkey's disaster and emergency management authority"]
    assert afad["merged_into"] is None
    created = api.post("/actors", json={"name": "Kementerian Kesehatan Suriah", "aliases": ["KKS"]})
    assert created.status_code == 201 and created.get_json()["aliases"] == ["KKS"]
    taken = api.post("/actors", json={"name": "Someone", "aliases": ["AFAD"]})
    assert taken.status_code == 409 and taken.content_type == PROBLEM
    shouted = api.post("/actors", json={"name": "KEMENTERIAN KESEHATAN SURIAH"})
    assert shouted.status_code == 409  # named as stored, not as typed
    assert "is called 'Kementerian Kesehatan Suriah' already" in shouted.get_json()["detail"]
    found = api.get("/actors?q=KKS").get_json()["items"]
    assert [a["name"] for a in found] == ["Kementerian Kesehatan Suriah"]
    outlet = api.post("/outlets", json={"name": "Kompas", "aliases": ["Kompas.com"]})
    assert outlet.get_json()["aliases"] == ["Kompas.com"]


def test_patch_changes_kind_sides_and_aliases(api_as, world):
    api = api_as("reviewer")
    body = {"kind": "government", "party_to": [world.event.id], "aliases": ["DEMA", "AFET"]}
    changed = api.patch(f"/actors/{world.dema.id}", json=body)
    assert changed.status_code == 200, changed.get_json()
    data = changed.get_json()
    assert data["aliases"] == ["DEMA", "AFET"] and data["party_to"] == [world.event.id]
    assert api.patch(f"/actors/{world.dema.id}", json={"country": None}).status_code == 200
    assert api.patch("/actors/999999", json={"kind": "person"}).status_code == 404
    assert api.patch(f"/actors/{world.dema.id}", json={"kind": "wizard"}).status_code == 422
    outlet = api.patch(f"/outlets/{world.wire.id}", json={"aliases": ["Wire agency"]})
    assert outlet.get_json()["aliases"] == ["Wire agency"]


def test_editors_merge_and_undo_reviewers_may_not(api_as, world):
    reviewer, editor = api_as("reviewer"), api_as("editor")
    path = f"/actors/{world.dema.id}/merge-into/{world.afad.id}"
    refused = reviewer.post(path)
    assert refused.status_code == 403 and refused.content_type == PROBLEM
    merged = editor.post(path)
    assert merged.status_code == 201, merged.get_json()
    merge = merged.get_json()
    assert (merge["from_id"], merge["into_id"]) == (world.dema.id, world.afad.id)
    assert editor.get(f"/actors/{world.dema.id}").get_json()["merged_into"] == world.afad.id
    again = editor.post(path)
    assert again.status_code == 409 and again.content_type == PROBLEM
    assert editor.post(f"/actors/999999/merge-into/{world.afad.id}").status_code == 404
    assert reviewer.post(f"/merges/{merge['id']}/undo").status_code == 403
    undone = editor.post(f"/merges/{merge['id']}/undo")
    assert undone.status_code == 200 and undone.get_json()["undone_at"]
    assert editor.post(f"/merges/{merge['id']}/undo").status_code == 409
    assert editor.post("/merges/999999/undo").status_code == 404
    outlets = editor.post(f"/outlets/{world.wire_copy.id}/merge-into/{world.wire.id}")
    assert outlets.status_code == 201
    history = editor.get(f"/changes?entity_type=actor&entity_id={world.dema.id}&action=merge")
    assert len(history.get_json()["items"]) == 1


def test_an_actor_change_quoting_a_stale_etag_is_refused_and_writes_nothing(api_as, world):
    first, second = api_as("reviewer"), api_as("editor")
    read = first.get(f"/actors/{world.dema.id}")
    etag = read.headers["ETag"]
    assert etag.startswith(f'"actor-{world.dema.id}-')
    theirs = second.patch(
        f"/actors/{world.dema.id}",
        json={"aliases": ["DEMA", "Afet Dairesi"]},
        headers={"If-Match": etag},
    )
    assert theirs.status_code == 200 and theirs.headers["ETag"] != etag
    mine = first.patch(
        f"/actors/{world.dema.id}", json={"aliases": ["AFET"]}, headers={"If-Match": etag}
    )
    assert mine.status_code == 412 and mine.content_type == PROBLEM
    assert theirs.headers["ETag"] in mine.get_json()["detail"]
    assert first.get(f"/actors/{world.dema.id}").get_json()["aliases"] == ["DEMA", "Afet Dairesi"]
    foreign = first.patch(
        f"/actors/{world.dema.id}", json={"aliases": ["X"]}, headers={"If-Match": '"claim-1-v1"'}
    )
    assert foreign.status_code == 412
    again = first.patch(
        f"/actors/{world.dema.id}",
        json={"aliases": ["DEMA", "AFET"]},
        headers={"If-Match": theirs.headers["ETag"]},
    )
    assert again.status_code == 200 and again.get_json()["aliases"] == ["DEMA", "AFET"]
    # Without If-Match a change is taken as before (clients written before ETags).
    assert first.patch(f"/actors/{world.dema.id}", json={"notes": "n"}).status_code == 200


def test_an_outlet_has_an_etag_that_its_changes_honour(api_as, world):
    api = api_as("reviewer")
    outlet = api.get("/outlets").get_json()["items"][0]
    etag = api.get(f"/outlets/{outlet['id']}").headers["ETag"]
    changed = api.patch(
        f"/outlets/{outlet['id']}", json={"country": "Türkiye"}, headers={"If-Match": etag}
    )
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    stale = api.patch(
        f"/outlets/{outlet['id']}", json={"country": "Syria"}, headers={"If-Match": etag}
    )
    assert stale.status_code == 412
    assert api.get(f"/outlets/{outlet['id']}").get_json()["country"] == "Türkiye"


@pytest.mark.parametrize("plural", ["actors", "outlets"])
def test_the_survivor_of_a_merge_saves_unchanged_with_its_etag(api_as, monkeypatch, plural):
    """The names a survivor took over from a merged-away record are its own: sending back what
    GET answered is no clash, a name of another live record still is (409)."""
    on_job(monkeypatch, dispatch.RECONCILE_GROUP, lambda *group: None)
    editor = api_as("editor")
    a, b, c = (editor.post(f"/{plural}", json={"name": n}).get_json() for n in "ABC")
    assert editor.post(f"/{plural}/{a['id']}/merge-into/{b['id']}").status_code == 201
    read = editor.get(f"/{plural}/{b['id']}")
    assert read.get_json()["aliases"] == ["A"]
    saved = editor.patch(
        f"/{plural}/{b['id']}",
        json={"aliases": read.get_json()["aliases"]},
        headers={"If-Match": read.headers["ETag"]},
    )
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["aliases"] == ["A"]
    taken = editor.patch(f"/{plural}/{c['id']}", json={"aliases": ["a"]})
    assert taken.status_code == 409 and taken.content_type == PROBLEM
    assert f"{b['id']} is called 'a' already" in taken.get_json()["detail"]


def test_a_merged_away_id_in_a_body_is_taken_as_its_survivor(api_as, db, world, monkeypatch):
    """A client that kept the id of a record merged since logs under the survivor, as the
    merge moved the rest; undoing the merge puts the claim and the article back."""
    on_job(monkeypatch, dispatch.ANALYSE_ARTICLE, lambda *ids: None)
    editor = api_as("editor")
    actors = editor.post(f"/actors/{world.dema.id}/merge-into/{world.afad.id}").get_json()
    outlets = editor.post(f"/outlets/{world.wire_copy.id}/merge-into/{world.wire.id}").get_json()
    article = editor.post(
        "/articles",
        json={
            "text": "AFAD said 300 people were pulled alive from the rubble.",
            "outlet_id": world.wire_copy.id,
            "republished_from_outlet_id": world.wire_copy.id,
            "language": "en",
            "event_id": world.event.id,
        },
    )
    assert article.status_code == 201, article.get_json()
    stored = article.get_json()
    assert (stored["outlet_id"], stored["republished_from_outlet_id"]) == (world.wire.id,) * 2
    body = {"article_id": stored["id"], "kind": "statement", "exact": "AFAD said"}
    body |= {"stated_on": "2023-02-07"}
    claim = editor.post("/claims", json=body | {"attributed_to_id": world.dema.id})
    assert claim.status_code == 201, claim.get_json()
    assert claim.get_json()["attributed_to_id"] == world.afad.id
    assert claim.headers["ETag"].endswith('-v1"')  # written once, under the survivor
    changed = editor.patch(
        f"/claims/{claim.get_json()['id']}",
        json={"cites_id": world.dema.id},
        headers={"If-Match": claim.headers["ETag"]},
    )
    assert changed.status_code == 200 and changed.get_json()["cites_id"] == world.afad.id
    assert changed.headers["ETag"].endswith('-v2"')
    assert editor.post(f"/merges/{actors['id']}/undo").status_code == 200
    assert editor.post(f"/merges/{outlets['id']}/undo").status_code == 200
    back = editor.get(f"/claims/{claim.get_json()['id']}").get_json()
    assert (back["attributed_to_id"], back["cites_id"]) == (world.dema.id, world.dema.id)
    assert editor.get(f"/articles/{stored['id']}").get_json()["outlet_id"] == world.wire_copy.id
