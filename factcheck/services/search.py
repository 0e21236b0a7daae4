"""Search claims by text, actor, outlet, metric, event, rank and conflict status.

relation_candidates finds, for the relation form on a claim's page, the claims
of the same event that a few words (quote, value, speaker) point at.

The web search page and the API's claim list read their own query strings into a
ClaimSearch and share this one query.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from factcheck.domain.numbers import NumberFormatError, parse_number
from factcheck.extensions import db
from factcheck.models import Actor, Alias, Article, Claim, Conflict, Outlet
from factcheck.services import names


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


# Newest statement first: the order of every search, read from ix_claims_stated_on_id.
NEWEST = (Claim.stated_on.desc(), Claim.id.desc())


def claim_query(search: ClaimSearch) -> sa.Select:
    """The claims matching the filters, newest statement first (the API pages and counts it)."""
    query = _filtered(search)
    for word in search.q.split():
        query = query.where(Claim.id.in_(_word_ids(word)))
    return query.order_by(*NEWEST)


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


# A search with words first reads the newest claims matching its filters, this many of them
# (with the rest of their last day): a word common enough fills its page among them and the
# search stops there. A rarer word is looked up in the indexes instead (migration 0019).
RECENT = 5000


def search_page(
    search: ClaimSearch, page: int = 1, per_page: int = 25, recent: int = RECENT
) -> SearchPage:
    """The claims of `claim_query(search)` on one page, in the same order, without counting
    them all: the newest claims first, then the rarest word's index, then (rare) everything."""
    offset = (page - 1) * per_page
    base = _filtered(search)

    def fetch(query: sa.Select) -> list[Claim]:
        return list(db.session.scalars(query.order_by(*NEWEST).offset(offset).limit(per_page + 1)))

    words = search.q.split()
    if not words:
        rows = fetch(base)
    else:
        matches = [_word_matches(word) for word in words]
        since = db.session.scalar(
            base.with_only_columns(Claim.stated_on).order_by(*NEWEST).offset(recent).limit(1)
        )
        rows = fetch(base.where(*matches, Claim.stated_on >= since)) if since else []
        if since is None:  # the filters leave few claims: all of them were read
            rows = fetch(base.where(*matches))
        elif len(rows) <= per_page:  # the page is not full among the newest: ask the indexes
            rows = fetch(base.where(*matches, _rarest(words, recent)))
    return SearchPage(rows[:per_page], page, per_page, has_next=len(rows) > per_page)


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


def _rarest(words: list[str], most: int) -> sa.ColumnElement[bool]:
    """The claims of the word the indexes find fewest of (its ids, when at most `most`);
    when every word finds more, no limit (the row tests of the other words decide)."""
    for word in sorted(words, key=lambda w: (not _as_numbers(w), -len(w))):
        arms = _word_arms(word)
        found = list(db.session.scalars(sa.union_all(*arms).limit(most + 1)))
        if len(found) <= most:  # every place the word is in was read (a claim may repeat)
            return Claim.id.in_(sorted(set(found)))
    return sa.true()


def _word_matches(word: str) -> sa.ColumnElement[bool]:
    """One word of a search tested on a claim row (and its article): the same places as
    _word_ids, for the few rows a search reads in date order."""
    like = f"%{word}%"
    actors = sa.select(Actor.id).where(names.name_contains("actor", word))
    outlets = sa.select(Outlet.id).where(names.name_contains("outlet", word))
    return sa.or_(
        Claim.exact.ilike(like),
        Claim.proposition.ilike(like),
        Claim.category_label.ilike(like),
        sa.exists(actors.where(Actor.id == Claim.attributed_to_id)),
        sa.exists(actors.where(Actor.id == Claim.cites_id)),
        sa.exists(outlets.where(Outlet.id == Article.outlet_id)),
        *(
            column == value
            for value in _as_numbers(word)
            for column in (Claim.value, Claim.lower, Claim.upper)
        ),
    )


def _word_ids(word: str) -> sa.CompoundSelect:
    """One word of a search: in the quote, proposition or label; the speaker's, cited source's
    or outlet's name or other name; or, read as a number in either locale, the claim's value
    or a bound ("8000" finds "8.000" and "nearly 8,000").

    Each place is its own SELECT of claim ids, joined by UNION, so that PostgreSQL answers each
    from an index (the trigram and number indexes of migration 0019, the foreign keys') instead
    of testing one OR on every claim."""
    return sa.union(*_word_arms(word))


def _word_arms(word: str) -> list[sa.Select]:
    like = f"%{word}%"
    actors = _ids(sa.select(Actor.id).where(names.name_contains("actor", word)))
    outlets = _ids(sa.select(Outlet.id).where(names.name_contains("outlet", word)))
    arms = [
        sa.select(Claim.id).where(Claim.exact.ilike(like)),
        sa.select(Claim.id).where(Claim.proposition.ilike(like)),
        sa.select(Claim.id).where(Claim.category_label.ilike(like)),
        sa.select(Claim.id).where(Claim.attributed_to_id.in_(actors)),
        sa.select(Claim.id).where(Claim.cites_id.in_(actors)),
        sa.select(Claim.id)
        .join(Article, Article.id == Claim.article_id)
        .where(Article.outlet_id.in_(outlets)),
    ]
    for value in _as_numbers(word):
        arms += [
            sa.select(Claim.id).where(column == value)
            for column in (Claim.value, Claim.lower, Claim.upper)
        ]
    return arms


# Up to this many speakers or outlets a word names are handed to the claim query as a list,
# which PostgreSQL answers from the claims' foreign-key indexes; more stay a subquery.
LISTED_UP_TO = 1000


def _ids(query: sa.Select) -> sa.Select | list[int]:
    """The few records a word names, looked up first (a small table), else the subquery."""
    found = db.session.scalars(query.limit(LISTED_UP_TO + 1)).all()
    return query if len(found) > LISTED_UP_TO else list(found)


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
    numbers = [_as_numbers(w) for w in words]
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


def _as_numbers(word: str) -> set[float]:
    """The values `word` reads as in either locale ("1.700" is 1700 in Indonesian)."""
    values = set()
    for language in ("en", "id"):
        try:
            values.add(float(parse_number(word, language)))
        except (NumberFormatError, ValueError):
            pass
    return values
