"""Search claims by text, actor, outlet, metric, event, rank and conflict status.

relation_candidates finds, for the relation form on a claim's page, the claims
of the same event that a few words (quote, value, speaker) point at.

The web search page and the API's claim list read their own query strings into a
ClaimSearch and share this one query.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from factcheck.extensions import db
from factcheck.models import Actor, Alias, Article, Claim, Conflict, Outlet, Place
from factcheck.services.id_lists import among
from factcheck.services.search_words import (
    SPEAKER,
    Word,
    as_numbers,
    newest_first,
    with_names,
)


@dataclass(frozen=True)
class ClaimSearch:
    q: str = ""
    actor: int | None = None
    outlet: int | None = None
    metric: str | None = None
    event: int | None = None
    rank: str | None = None
    kind: str | None = None
    conflict: str | None = None
    withdrawn: bool = False
    article: int | None = None


@dataclass(frozen=True)
class Order:
    """An order a search pages in without counting, each read from an index: by day (then id)
    or by id alone, newest or oldest first."""

    by_day: bool
    newest_first: bool

    @property
    def columns(self) -> tuple:
        ascending = (Claim.stated_on, Claim.id) if self.by_day else (Claim.id,)
        return tuple(c.desc() if self.newest_first else c.asc() for c in ascending)

    def arrange(self, newest_first: list[int]) -> list[int]:
        """Claim ids given newest first (by day, then id), put in this order."""
        if self.by_day:
            return newest_first if self.newest_first else newest_first[::-1]
        return sorted(newest_first, reverse=self.newest_first)

    def head(self, recent: int) -> sa.ColumnElement[bool] | None:
        """The claims up to the `recent`-th in this order and the rest of its day (or id), read
        from the index alone: whatever the bound, they are the head of the full order. None when
        there are fewer claims."""
        column = Claim.stated_on if self.by_day else Claim.id
        bound = db.session.scalar(sa.select(column).order_by(*self.columns).offset(recent).limit(1))
        if bound is None:
            return None
        return column >= bound if self.newest_first else column <= bound


# Newest statement first: the web search's order, read from ix_claims_stated_on_id.
NEWEST_FIRST = Order(by_day=True, newest_first=True)
# The API's sorts a word search pages in without counting; its other sorts read every match.
ORDERS = {
    "-stated_on": NEWEST_FIRST,
    "stated_on": Order(by_day=True, newest_first=False),
    "-id": Order(by_day=False, newest_first=True),
    "id": Order(by_day=False, newest_first=False),
}


def claim_query(search: ClaimSearch) -> sa.Select:
    """The claims matching the filters, newest statement first (the API pages and counts it)."""
    query = _filtered(search)
    for word in search.q.split():
        query = query.where(Claim.id.in_(Word(word).ids()))
    return query.order_by(*NEWEST_FIRST.columns)


@dataclass(frozen=True)
class SearchPage:
    """One page of a search. How many claims match in all is known only when the last page
    has been reached: counting every match of a common word is what made a search slow."""

    items: list[Claim]
    page: int
    per_page: int
    has_next: bool

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1

    @property
    def pages(self) -> int | None:
        """How many pages, once this page is the last; else None."""
        return None if self.has_next else self.page

    @property
    def total(self) -> int | None:
        """Every match, once this page is the last; else None (more follow)."""
        return None if self.has_next else (self.page - 1) * self.per_page + len(self.items)


def _shown(query: sa.Select, names_joined: bool) -> sa.Select:
    """`query` with what a page shows of each claim (its speaker, place, article and outlet)
    joined to it, instead of read row by row or by four more queries. The article, and the
    speaker when the words' names are joined, are the query's own joins, not joined again:
    each relation more made PostgreSQL plan the page longer than it read it (3 ms for 1.6)."""
    speaker = SPEAKER if names_joined else Actor
    if not names_joined:
        query = query.outerjoin(Actor, Actor.id == Claim.attributed_to_id)
    return (
        query.outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(Place, Place.id == Claim.place_id)
        .options(
            contains_eager(Claim.attributed_to.of_type(speaker)),
            contains_eager(Claim.place),
            contains_eager(Claim.article).contains_eager(Article.outlet),
        )
    )


# A search first asks the indexes for the places its rarest word is in, up to this many; a
# common word is in more, and its page is found by reading the newest claims that match the
# filters, this many of them (with the rest of their last day), where it fills its page.
RARE_UP_TO = 2000
RECENT = 5000


def search_page(
    search: ClaimSearch,
    page: int = 1,
    per_page: int = 25,
    rare_up_to: int = RARE_UP_TO,
    recent: int = RECENT,
    order: Order = NEWEST_FIRST,
) -> SearchPage:
    """The claims of `claim_query(search)` on one page, in `order`, without counting them all:
    the rarest word's claims from the indexes, else the head of the order (the newest claims),
    else (seldom: common words whose claims together are rare) every claim in order."""
    _in_one_process()
    offset = (page - 1) * per_page
    words = [Word(text) for text in search.q.split()]
    base = _filtered(search)
    names_joined = any(word.needs_names for word in words)
    if names_joined:
        base = with_names(base)

    def fetch(query: sa.Select) -> list[Claim]:
        page_of = _shown(query, names_joined).order_by(*order.columns)
        return list(db.session.scalars(page_of.offset(offset).limit(per_page + 1)))

    def fetch_among(newest_first: list[int]) -> list[Claim]:
        """The page among the claims `newest_first`: only their head in `order` is read,
        longer until the page is full; the claims of a head are the head of all, so the page
        is right."""
        ids = order.arrange(newest_first)
        if not ids:
            return []
        take = 2 * (offset + per_page + 1)
        while True:
            rows = fetch(base.where(among(Claim.id, ids[:take]), *matches))
            if len(rows) > per_page or take >= len(ids):
                return rows
            take *= 4

    matches = [word.matches() for word in words]
    rare = _rarest(words, rare_up_to)
    if not words:
        rows = fetch(base)
    elif rare is not None:
        rows = fetch_among(rare)
    else:
        head = order.head(recent)
        rows = fetch(base.where(*matches, head)) if head is not None else []
        if head is None or len(rows) <= per_page:  # not filled among the newest: read on
            found = _found_together(base, words, matches, _narrowed(search))
            if found is None:
                found = _fewest_places(words)
            rows = fetch(base.where(*matches)) if found is None else fetch_among(found)
    return SearchPage(rows[:per_page], page, per_page, has_next=len(rows) > per_page)


def _in_one_process() -> None:
    """No parallel workers for the rest of this transaction (PostgreSQL).

    The planner reads a word's few thousand expected places with two parallel workers;
    starting them took 6 ms to read 0.2 ms of index ("Actor 127131": 50 ms a search, 23 ms
    without), and while ten reviewers search at once they take the cores the other searches
    wait for (p95 0.33 -> 0.27 s over 1.1M claims). SET LOCAL ends with the transaction: the
    rest of the app keeps the server's setting."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL max_parallel_workers_per_gather = 0"))


# Past the newest claims, words none of which is rare are looked up by the index of the one
# expected in fewest places when it is in at most this many (read, then handed over as a list:
# as a subquery the planner chose to read every claim, 1 s for "399"); else every claim in order.
LISTED_PLACES_UP_TO = 20_000


def _narrowed(search: ClaimSearch) -> bool:
    """Whether a filter besides the words (and the withdrawn switch) narrows the search."""
    return any(
        getattr(search, f.name) is not None
        for f in fields(search)
        if f.name not in ("q", "withdrawn")
    )


def _found_together(
    base: sa.Select, words: list[Word], matches: list[sa.ColumnElement[bool]], narrowed: bool
) -> list[int] | None:
    """Words, none of them rare, that the newest claims seldom hold together (or with the
    filters): the claims holding all of them (newest first), when at most LISTED_PLACES_UP_TO.
    Read in no order, PostgreSQL ANDs the words' and filters' index bitmaps before it reads a
    claim ("withdrew security", in no claim: 0.2 s; "killed" among detention figures: 0.8 s;
    read in date order, every claim was tested: 2.8 s and 1.4 s). Not for words tested on
    speakers' names: those are joined rows, which no bitmap holds. Nor for one word alone:
    its own places, read from its indexes (_fewest_places), come sooner (77 ms against 150
    for "337")."""
    if (len(words) < 2 and not narrowed) or any(word.needs_names for word in words):
        return None
    places = base.with_only_columns(Claim.id, Claim.stated_on).where(*matches)
    read = db.session.execute(places.limit(LISTED_PLACES_UP_TO + 1)).all()
    if len(read) > LISTED_PLACES_UP_TO:
        return None
    return newest_first(read)


def _fewest_places(words: list[Word]) -> list[int] | None:
    guessed = [w for w in words if w.expected is not None]
    if not guessed:
        return None
    # few_ids itself declines a word the planner expects far past the limit.
    return min(guessed, key=lambda w: w.expected).few_ids(LISTED_PLACES_UP_TO)


def _rarest(words: list[Word], most: int) -> list[int] | None:
    """The claims of the first word found in at most `most` places (numbers and long words,
    likelier rare, asked first); None when every word is common. A word the planner expects
    in more places is left to the newest claims first, which a word in thousands of places
    usually fills a page from (its places are read only if not)."""
    for word in sorted(words, key=lambda w: (not w.numbers, -len(w.text))):
        if word.expected is not None and word.expected > most:
            continue
        if (ids := word.few_ids(most)) is not None:
            return ids
    return None


def _filtered(search: ClaimSearch) -> sa.Select:
    """The claims the search's filters (all but its words) leave."""
    query = sa.select(Claim).join(Article, Article.id == Claim.article_id)
    if actor := search.actor:
        query = query.where(sa.or_(Claim.attributed_to_id == actor, Claim.cites_id == actor))
    if outlet := search.outlet:
        query = query.where(
            sa.or_(Article.outlet_id == outlet, Article.republished_from_outlet_id == outlet)
        )
    if metric := search.metric:
        query = query.where(Claim.metric == metric)
    if event := search.event:
        query = query.where(Claim.event_id == event)
    if article := search.article:
        query = query.where(Claim.article_id == article)
    if rank := search.rank:
        query = query.where(Claim.rank == rank)
    if kind := search.kind:
        query = query.where(Claim.kind == kind)
    if status := search.conflict:
        in_conflict = sa.select(Conflict.claim_ids).where(Conflict.status == status)
        ids = {i for (claim_ids,) in db.session.execute(in_conflict) for i in claim_ids}
        query = query.where(Claim.id.in_(ids))
    if not search.withdrawn:  # withdrawn as effective_rank reads it: the claim or its article
        query = query.where(Claim.withdrawn_at.is_(None), Article.withdrawn_at.is_(None))
    return query


def relation_candidates(claim: Claim, query: str, limit: int = 20) -> list[Claim]:
    """The event's other claims, across its articles, that every word of `query` finds.

    A word finds a claim when it is in the quote (or proposition), in the
    speaker's name or one of its aliases, or when it reads as a number
    ("1,700", "1.700") equal to the claim's value or a bound: a reviewer linking
    a correction finds the figure it corrects without knowing its id.
    """
    words = [w.casefold() for w in query.split() if w.strip()]
    if not words:
        return []
    rows = db.session.scalars(
        sa.select(Claim)
        .where(Claim.event_id == claim.event_id, Claim.id != claim.id)
        .options(joinedload(Claim.attributed_to), joinedload(Claim.article))
        .order_by(Claim.stated_on, Claim.id)
    ).all()
    aliases: dict[int, list[str]] = {}
    for actor_id, name in db.session.execute(
        sa.select(Alias.entity_id, Alias.name).where(Alias.entity_type == "actor")
    ):
        aliases.setdefault(actor_id, []).append(name)
    numbers = [as_numbers(w) for w in words]
    found = []
    for row in rows:
        speaker = row.attributed_to
        text = " ".join(
            [row.exact, row.proposition or ""]
            + ([speaker.name, *aliases.get(speaker.id, [])] if speaker else [])
        ).casefold()
        figures = {row.value, row.lower, row.upper} - {None}
        if all(w in text or figures & n for w, n in zip(words, numbers)):
            found.append(row)
    return found[:limit]
