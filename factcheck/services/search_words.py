"""One word of a claim search, and the places it is looked for.

A word finds a claim when it is in the quote, proposition or label; in the name or another
name of the speaker, the cited source or the outlet; or when, read as a number in either
locale, it equals the claim's value or a bound ("8000" finds "8.000" and "nearly 8,000").
The same places are tested two ways, so that the two can never disagree: `ids()` as index
scans joined by UNION (the trigram and number indexes of migrations 0019 and 0020), for a word
that is rare, and `matches()` on a claim row, for the few rows a search reads in date order.
"""

from __future__ import annotations

from functools import cached_property

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.sql.visitors import InternalTraversal

from factcheck.domain.numbers import NumberFormatError, parse_number
from factcheck.extensions import db
from factcheck.models import Actor, Alias, Article, Claim
from factcheck.services import names
from factcheck.services.id_lists import among
from factcheck.services.text_match import holding

# Up to this many speakers or outlets a word names are handed to the claim query as a list,
# which PostgreSQL answers from the claims' foreign-key indexes; more stay a subquery.
LISTED_UP_TO = 1000


class Word:
    def __init__(self, text: str):
        self.text = text
        self.numbers = as_numbers(text)
        self._read: list | None = None  # the places last read (id, day), `_read_up_to` + 1 at most
        self._read_up_to = 0

    @cached_property
    def actors(self) -> sa.CompoundSelect | list[int]:
        return _few(names.ids_named("actor", self.text, distinct=False))

    @cached_property
    def outlets(self) -> sa.CompoundSelect | list[int]:
        return _few(names.ids_named("outlet", self.text, distinct=False))

    def arms(self, *columns) -> list[sa.Select]:
        """Each place the word is looked for as its own SELECT (of claim ids, or `columns`),
        index-served."""
        actors, outlets = self.actors, self.outlets
        columns = columns or (Claim.id,)
        arms = [
            sa.select(*columns).where(holding(Claim.exact, self.text)),
            sa.select(*columns).where(holding(Claim.proposition, self.text)),
            sa.select(*columns).where(holding(Claim.category_label, self.text)),
            sa.select(*columns).where(among(Claim.attributed_to_id, actors)),
            sa.select(*columns).where(among(Claim.cites_id, actors)),
            sa.select(*columns)
            .join(Article, Article.id == Claim.article_id)
            .where(among(Article.outlet_id, outlets)),
        ]
        for value in self.numbers:
            arms += [
                sa.select(*columns).where(column == value)
                for column in (Claim.value, Claim.lower, Claim.upper)
            ]
        return arms

    def ids(self) -> sa.CompoundSelect:
        """Every claim the word finds, as a UNION of index scans."""
        return sa.union(*self.arms())

    @cached_property
    def expected(self) -> float | None:
        """How many places PostgreSQL's planner expects the word in (its column statistics);
        None on other databases. The speakers and outlets it names are looked up first: as a
        subquery the planner guesses half the claims for "62381" and a rare number looks common."""
        return _expected_rows(sa.union_all(*self.arms()))

    def few_ids(self, most: int) -> list[int] | None:
        """The claims the word finds, newest first, when there are at most `most` places it is
        in; else None. Each place is read with its claim's day (the index scans read the claim
        anyway), so that the list is put in order here rather than by reading it again.

        A word the planner expects to be common is not read at all: the trigram index would
        gather all its places before the limit applies (35 ms for "civilians"). The planner
        overestimates rare words (15,591 for 537), never common ones by much, hence the margin.
        Else the arms are read as UNION ALL under the limit."""
        if self.expected is not None and self.expected > most * MISESTIMATE:
            return None
        cut_short = self._read is not None and len(self._read) > self._read_up_to
        if self._read is None or (cut_short and most > self._read_up_to):
            places = sa.union_all(*self.arms(Claim.id, Claim.stated_on)).limit(most + 1)
            self._read, self._read_up_to = db.session.execute(places).all(), most
        if len(self._read) > most:
            return None
        return newest_first(self._read)

    @property
    def needs_names(self) -> bool:
        """Whether `matches` tests the joined speaker's and cited source's names (`with_names`):
        when the word names more of them than are worth listing."""
        return not isinstance(self.actors, list)

    def matches(self) -> sa.ColumnElement[bool]:
        """The word tested on a claim row (of a query `with_names` joined, if `needs_names`)."""
        if self.needs_names:
            spoken = (
                holding(SPEAKER.name, self.text),
                among(SPEAKER.id, self.other_names("actor")),
                holding(CITED.name, self.text),
                among(CITED.id, self.other_names("actor")),
            )
        else:
            spoken = (
                among(Claim.attributed_to_id, self.actors),
                among(Claim.cites_id, self.actors),
            )
        return sa.or_(
            holding(Claim.exact, self.text),
            holding(Claim.proposition, self.text),
            holding(Claim.category_label, self.text),
            *spoken,
            among(Article.outlet_id, self.outlets),  # outlets are few: their ids, looked up
            *(
                column == value
                for value in self.numbers
                for column in (Claim.value, Claim.lower, Claim.upper)
            ),
        )

    def other_names(self, entity_type: str) -> list[int]:
        """The records one of whose other names holds the word (aliases are few)."""
        return self._other_names.get(entity_type, [])

    @cached_property
    def _other_names(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for entity_type, entity_id in db.session.execute(
            sa.select(Alias.entity_type, Alias.entity_id).where(holding(Alias.name, self.text))
        ):
            found.setdefault(entity_type, []).append(entity_id)
        return found


# A claim's speaker and cited source, joined by `with_names` for `Word.matches`: a search
# reads a few thousand rows at most, and a name tested on each row's own record costs less
# than hashing every record a common word names (150,000 actors named "Actor …").
SPEAKER = aliased(Actor, name="speaker")
CITED = aliased(Actor, name="cited")


def with_names(query: sa.Select) -> sa.Select:
    """`query` (claims joined to their articles) with the names `Word.matches` tests."""
    return query.outerjoin(SPEAKER, SPEAKER.id == Claim.attributed_to_id).outerjoin(
        CITED, CITED.id == Claim.cites_id
    )


# How far above the limit the planner's guess must be before a word is not read (at 1.1M
# claims it guessed 0.7x to 1.4x the places of common words and up to 160x those of rare ones).
MISESTIMATE = 25


class _Explain(Executable, ClauseElement):
    """`EXPLAIN (FORMAT JSON)` of a query, as a statement SQLAlchemy compiles once and keeps in
    its cache (keyed by the query's shape): compiling the word's arms anew for each search cost
    the web worker 0.8 ms a word."""

    inherit_cache = True
    _traverse_internals = [("query", InternalTraversal.dp_clauseelement)]

    def __init__(self, query):
        self.query = query


@compiles(_Explain, "postgresql")
def _explain_sql(element: _Explain, compiler, **kw) -> str:
    sql = "EXPLAIN (FORMAT JSON) " + compiler.process(element.query, **kw)
    compiler._result_columns = []  # its row is the plan, not the query's columns
    return sql


def _expected_rows(query) -> float | None:
    """The rows PostgreSQL's planner expects `query` to give; None on other databases."""
    if db.engine.dialect.name != "postgresql":
        return None
    plan = db.session.connection().execute(_Explain(query)).scalar()
    return plan[0]["Plan"]["Plan Rows"]


def newest_first(places) -> list[int]:
    """The claim ids of (id, day) rows, each once, newest day first (ties: higher id first)."""
    return [i for _, i in sorted({(day, i) for i, day in places}, reverse=True)]


def _few(query: sa.CompoundSelect) -> sa.CompoundSelect | list[int]:
    """The few records a word names, looked up first (a small table), else the subquery."""
    found = db.session.scalars(query.limit(LISTED_UP_TO + 1)).all()
    return query if len(found) > LISTED_UP_TO else sorted(set(found))


def as_numbers(word: str) -> set[float]:
    """The values `word` reads as in either locale ("1.700" is 1700 in Indonesian)."""
    values = set()
    for language in ("en", "id"):
        try:
            values.add(float(parse_number(word, language)))
        except (NumberFormatError, ValueError):
            pass
    return values
