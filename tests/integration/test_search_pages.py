"""The search page pages without counting every match (issue #13): it asks the indexes for the
rarest word's claims, else reads the newest claims, and shows exactly the claims, in exactly the order, that
the full query (claim_query, which the API counts) gives for the same page."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from factcheck.models import Claim
from factcheck.services.search import ORDERS, ClaimSearch, claim_query, search_page
from tests.support import factories, synthetic
from tests.support.api import ApiClient
from tests.support.web import login

SEARCHES = [
    ClaimSearch(q="civilians"),  # common: fills its pages among the newest claims
    ClaimSearch(q="withdrew"),  # rare: from the index
    ClaimSearch(q="corrected killed"),  # two words, one rare
    ClaimSearch(q="Wire"),  # an outlet's name
    ClaimSearch(q="12"),  # a number, and speakers named "Actor 12…"
    ClaimSearch(q="nearly security"),
    ClaimSearch(q="civilians", metric="killed"),
    ClaimSearch(q="no-such-word"),
    ClaimSearch(q="killed", withdrawn=True),
    ClaimSearch(),
]


@pytest.fixture
def generated(db):
    with db.engine.begin() as conn:
        synthetic.generate(conn, events=40, claims_per_event=12, seed=31)
    return db


@pytest.mark.parametrize(
    "rare_up_to, recent", [(3, 3), (20, 60), (20, 300), (20, 5000), (2000, 5000)]
)
def test_each_page_is_the_full_querys_page(generated, rare_up_to, recent):
    db = generated
    for search in SEARCHES:
        everything = [c.id for c in db.session.scalars(claim_query(search))]
        pages, page = [], None
        for number in range(1, 200):
            page = search_page(search, number, 25, rare_up_to, recent)
            pages.append(page)
            if not page.has_next:
                break
        shown = [c.id for p in pages for c in p.items]
        assert shown == everything, (search, rare_up_to, recent)
        assert page.total == len(everything)  # known once the last page is reached
        assert all(p.total is None for p in pages[:-1])  # never counted before it


def test_a_search_page_says_more_follow_until_its_last_page(generated, client):
    login(client, generated)
    matches = generated.session.scalar(
        sa.select(sa.func.count()).select_from(claim_query(ClaimSearch(q="civilians")).subquery())
    )
    assert matches > 25
    first = client.get("/search/?q=civilians").get_data(as_text=True)
    assert "Page 1, more follow" in first
    last_number = (matches + 24) // 25
    last = client.get(f"/search/?q=civilians&page={last_number}").get_data(as_text=True)
    assert f"Page {last_number} of {last_number} ({matches})" in last
    assert 'rel="next"' not in last


def test_the_newest_claims_answer_a_common_word_without_reading_the_rest(generated):
    """On PostgreSQL the first page of a common word is read in date order from the index."""
    db = generated
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", seen)
    try:
        page = search_page(ClaimSearch(q="civilians"), 1, 25, rare_up_to=20, recent=400)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", seen)
    assert page.has_next and len(page.items) == 25
    # The indexes were asked only under a limit (civilians is common), and nothing was counted.
    read = [s for s in statements if not s.startswith("EXPLAIN")]  # the planner's guess is free
    assert not any(re.search(r"UNION(?! ALL)", s) for s in read), statements
    assert all("LIMIT" in s for s in read if "UNION ALL" in s), statements
    assert not any("count(" in s.lower() for s in statements), statements
    assert all(isinstance(c, Claim) for c in page.items)


def test_a_search_starts_no_parallel_workers_and_leaves_the_setting_to_its_transaction(generated):
    """Ten reviewers searching at once on two cores: a word's few thousand places read by two
    parallel workers cost more to start than to read, and took the cores others waited for."""
    db = generated
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL setting")
    show = sa.text("SHOW max_parallel_workers_per_gather")
    before = db.session.execute(show).scalar()
    db.session.commit()
    search_page(ClaimSearch(q="12"), 1, 25)
    assert db.session.execute(show).scalar() == "0"
    db.session.commit()
    assert db.session.execute(show).scalar() == before != "0"


def test_words_found_together_nowhere_are_not_looked_for_claim_by_claim(generated):
    """Two common words that no claim holds together ("withdrew security"): the claims
    holding both are read at once (index bitmaps ANDed on PostgreSQL), not every claim tested
    in date order, which took 2.8 s over a million claims."""
    db = generated
    search = ClaimSearch(q="withdrew security")
    assert not db.session.scalars(claim_query(search)).all()
    assert db.session.scalars(claim_query(ClaimSearch(q="withdrew"))).all()
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", seen)
    try:
        page = search_page(search, 1, 25, rare_up_to=3, recent=50)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", seen)
    assert page.items == [] and page.total == 0
    in_date_order = [s for s in statements if "ORDER BY claims.stated_on DESC" in s]
    # The head of the order, then nothing: no full read in date order came after it.
    assert len(in_date_order) == 2, statements
    assert "LIMIT" in in_date_order[0] and "OFFSET" in in_date_order[0]  # the head's bound


@pytest.mark.parametrize("sort", sorted(ORDERS))
@pytest.mark.parametrize("rare_up_to, recent", [(3, 3), (20, 300), (2000, 5000)])
def test_each_api_order_pages_as_the_sorted_full_query(generated, sort, rare_up_to, recent):
    """The API's word searches by id or by day read only their page, through every path."""
    db = generated
    for search in SEARCHES:
        everything = _sorted(db.session.scalars(claim_query(search)), sort)
        shown, number = [], 1
        while True:
            page = search_page(search, number, 25, rare_up_to, recent, order=ORDERS[sort])
            shown += [c.id for c in page.items]
            if not page.has_next:
                break
            number += 1
        assert shown == everything, (search, sort, rare_up_to, recent)


@pytest.mark.parametrize("sort", [*sorted(ORDERS), "-value"])
def test_the_api_word_search_pages_in_its_sort(generated, app, sort):
    db = generated
    api = ApiClient(app.test_client(), factories.account(db, "reviewer")[1])
    article = db.session.scalar(sa.select(Claim.article_id).where(Claim.exact.ilike("%civilians%")))
    for query, search in [
        ("q=civilians", ClaimSearch(q="civilians")),
        ("q=withdrew&withdrawn=true", ClaimSearch(q="withdrew", withdrawn=True)),
        (f"q=killed&article={article}", ClaimSearch(q="killed", article=article)),
    ]:
        expected = _sorted(db.session.scalars(claim_query(search)), sort)
        shown, url = [], f"/claims?{query}&sort={sort}&per_page=20&total=true"
        for number in range(1, 100):
            body = api.get(f"{url}&page={number}").get_json()
            assert body["total"] == len(expected), (query, sort)
            shown += [item["id"] for item in body["items"]]
            if not body["has_more"]:
                break
        assert shown == expected, (query, sort)
        assert expected, query


def _sorted(claims, sort: str) -> list[int]:
    """Claim ids as the API's `sort` orders them: by the column, ties by id in the same
    direction, claims without a value last."""
    column, descending = sort.lstrip("-"), sort.startswith("-")
    claims = list(claims)
    valued = [c for c in claims if getattr(c, column) is not None]
    empty = [c for c in claims if getattr(c, column) is None]
    valued.sort(key=lambda c: (getattr(c, column), c.id), reverse=descending)
    empty.sort(key=lambda c: c.id, reverse=descending)
    return [c.id for c in valued + empty]


def test_a_words_percent_underscore_and_backslash_are_characters_not_wildcards(generated):
    """ "50%" finds the claim that says 50%, not every claim with a 50 in it; "at%least" finds
    no "at_least", and "Actor_1" no speaker named "Actor 1…"."""
    db = generated
    ids = db.session.scalars(sa.select(Claim.id).order_by(Claim.id).limit(3)).all()
    for claim_id, words in zip(ids, ("50% of the houses", "500 houses", r"a\b_c"), strict=True):
        db.session.execute(sa.update(Claim).where(Claim.id == claim_id).values(proposition=words))
    db.session.commit()

    def found(q):
        return {c.id for c in db.session.scalars(claim_query(ClaimSearch(q=q)))}

    assert found("50%") == {ids[0]}
    assert found("%") == {ids[0]}
    assert found("at%least") == set()  # "at_least" in the quotes: no wildcard bridges it
    assert ids[2] in found("_") and found(r"\b_") == {ids[2]}
    assert found("Actor_1") == set()
    assert found("Actor 1")  # the speakers' own names are still found
    assert [c.id for c in search_page(ClaimSearch(q="50%"), 1, 25, 20, 60).items] == [ids[0]]
