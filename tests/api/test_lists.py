"""Every list of the API pages, sorts and filters the same way; read from the OpenAPI document itself."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa

from tests.support.api import assert_problem


@pytest.fixture
def lists(api_as, db, cli, reference_imported):
    """Each list operation with its sort choices, over the reference case reconciled, reviewed and reported."""
    from factcheck.models import Claim, Event
    from factcheck.services import intake, reviews
    from factcheck.services.reports import generate_report

    cli.invoke(args=["factcheck", "reconcile", "--inline"])
    claims = db.session.scalars(sa.select(Claim).order_by(Claim.id).limit(3)).all()
    for claim, rating in zip(claims, ("accurate", "mixed", "misleading")):
        reviews.draft_review(claim, rating, "", [], user_id=None)
    generate_report(db.session.scalar(sa.select(Event.id)), formats=["json"])
    intake.analyse_article(claims[0].article_id)
    api = api_as("editor")
    spec = api.client.get("/api/v1/openapi.json").get_json()
    found = {}
    for path, item in spec["paths"].items():
        get = item.get("get")
        params = {p["name"]: p for p in (get or {}).get("parameters", [])}
        if "sort" in params:
            url = path.removeprefix("/api/v1").replace(
                "{event_id}", str(db.session.scalar(sa.select(Event.id)))
            )
            url = url.replace("{claim_id}", str(claims[0].id))
            found[url] = params["sort"]["schema"]["enum"]
    assert len(found) >= 14, sorted(found)
    return api, found


def _key(value):
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        return datetime.fromisoformat(
            value
        )  # published_at keeps the outlet's offset: compare instants
    return value


def test_every_list_pages_and_sorts_alike(lists):
    api, found = lists
    for url, sorts in found.items():
        everything = api.get(url, query_string={"per_page": 100, "total": "true"}).get_json()
        assert set(everything) == {"items", "page", "per_page", "has_more", "next_page", "total"}, (
            url
        )
        assert everything["total"] == len(everything["items"]) and not everything["has_more"], url
        for sort in sorts:
            field, descending = sort.lstrip("-"), sort.startswith("-")
            body = api.get(url, query_string={"sort": sort, "per_page": 100}).get_json()
            items = body["items"]
            assert len(items) == everything["total"], (url, sort)
            present = [(_key(i[field]), i["id"]) for i in items if i.get(field) is not None]
            assert present == sorted(present, reverse=descending), (
                url,
                sort,
                present,
            )  # ties: by id, the same way
            nulls = [i.get(field) is None for i in items]
            assert nulls == sorted(nulls), (url, sort, "nulls come last")
            if len(items) > 1:  # two pages of one item give the first two items of the full order
                first = api.get(url, query_string={"sort": sort, "per_page": 1}).get_json()
                second = api.get(
                    url, query_string={"sort": sort, "per_page": 1, "page": 2}
                ).get_json()
                assert [first["items"][0]["id"], second["items"][0]["id"]] == [
                    i["id"] for i in items[:2]
                ], (url, sort)
                assert (first["has_more"], first["next_page"]) == (True, 2)
        assert_problem(api.get(url, query_string={"sort": "nonsense"}), 422, "sort")
        assert_problem(api.get(url, query_string={"page": 0}), 422, "page")


def test_lists_filter(lists, db):
    api, _ = lists
    assert {r["rating"] for r in api.get("/reviews?rating=mixed").get_json()["items"]} == {"mixed"}
    assert api.get("/reviews?published=true").get_json()["items"] == []
    open_ = api.get("/conflicts?status=open&per_page=100").get_json()["items"]
    assert open_ and {c["status"] for c in open_} == {"open"}
    assert {c["kind"] for c in api.get("/conflicts?kind=stale").get_json()["items"]} == {"stale"}
    assert [
        r["metric"]
        for r in api.get(
            f"/events/{open_[0]['event_id']}/reconciliations?metric=detained"
        ).get_json()["items"]
    ] == ["detained"]
    assert api.get("/articles?language=en").get_json()["items"] == []
    assert len(api.get("/articles?language=id&q=Kazakhstan").get_json()["items"]) == 1
    assert {a["kind"] for a in api.get("/actors?kind=person").get_json()["items"]} == {"person"}
    assert api.get("/events?open=false").get_json()["items"] == []
    rebuilds = api.get("/jobs?kind=rebuild").get_json()["items"]
    assert {j["kind"] for j in rebuilds} == {"rebuild"}
    # A client knows the total is final: the plan is complete.
    assert all(j["planned_at"] and j["done"] == j["total"] > 0 for j in rebuilds)
    assert {r["status"] for r in api.get("/reports?status=draft").get_json()["items"]} == {"draft"}
    changes = api.get("/changes?entity_type=review&action=create").get_json()["items"]
    assert len(changes) == 3 and {c["entity_type"] for c in changes} == {"review"}


def test_withdraw_and_restore_articles_and_relations(lists, db):
    from factcheck.models import Article, Relation

    api, _ = lists
    article_id = db.session.scalar(sa.select(Article.id))
    assert api.post(f"/articles/{article_id}/withdraw").get_json()["withdrawn_at"] is not None
    assert api.get("/articles").get_json()["items"] == []
    assert_problem(api.post(f"/articles/{article_id}/withdraw"), 409, "withdrawn already")
    assert api.post(f"/articles/{article_id}/restore").get_json()["withdrawn_at"] is None
    relation = db.session.scalar(sa.select(Relation))
    withdrawn = api.post(f"/relations/{relation.id}/withdraw").get_json()
    assert withdrawn["withdrawn_at"] is not None and withdrawn["version"] == 2
    assert_problem(api.post(f"/relations/{relation.id}/withdraw"), 409)
    assert api.post(f"/relations/{relation.id}/restore").get_json()["withdrawn_at"] is None
    actions = [
        c["action"]
        for c in api.get(
            f"/changes?entity_type=relation&entity_id={relation.id}&sort=id"
        ).get_json()["items"]
    ]
    assert actions[-2:] == ["withdraw", "restore"]


def test_article_from_html_reads_its_text_and_title(api, db, reference_imported):
    from factcheck.models import Event

    event_id = db.session.scalar(sa.select(Event.id))
    html = (
        "<html><head><title>Ribuan ditahan di Almaty</title></head><body><article><h1>Ribuan ditahan</h1>"
        + "<p>Kementerian Dalam Negeri mengatakan hampir 8.000 orang telah ditahan untuk diinterogasi.</p>"
        * 5
        + "</article></body></html>"
    )
    created = api.post(
        "/articles",
        json={
            "html": html,
            "outlet": "Contoh News",
            "language": "id",
            "event_id": event_id,
            "published_at": "2022-01-10T09:00:00+06:00",
        },
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    article = created.get_json()
    assert "hampir 8.000 orang" in article["text"] and "<p>" not in article["text"]
    assert article["title"] and article["published_at"] == "2022-01-10T09:00:00+06:00"
    assert created.headers["Location"].endswith(f"/api/v1/articles/{article['id']}")
    assert_problem(
        api.post(
            "/articles",
            json={"html": "<html></html>", "outlet": "X", "language": "id", "event_id": event_id},
        ),
        422,
        "no article text",
    )
    assert_problem(
        api.post(
            "/articles",
            json={
                "text": "x",
                "html": "<p>x</p>",
                "outlet": "X",
                "language": "id",
                "event_id": event_id,
            },
        ),
        422,
        "one of them",
    )


def test_a_new_outlet_takes_the_country_given_with_its_name(api, db, reference_imported):
    """As on the web form, where its times without an offset are read in that country's zone;
    a stored outlet keeps its own country (outlet_country beside outlet_id is refused)."""
    from factcheck.models import Event, Outlet

    event_id = db.session.scalar(sa.select(Event.id))
    body = {"text": "Banjir: 4 orang meninggal.", "language": "id", "event_id": event_id}
    body |= {"published_at": "2024-03-21T09:30:00+07:00"}
    refused = api.post("/articles", json=body | {"outlet_id": 1, "outlet_country": "Indonesia"})
    assert_problem(refused, 422, "outlet_country")
    created = api.post("/articles", json=body | {"outlet": "Suara", "outlet_country": "Indonesia"})
    assert created.status_code == 201, created.get_data(as_text=True)
    assert db.session.scalar(sa.select(Outlet.country).where(Outlet.name == "Suara")) == "Indonesia"
