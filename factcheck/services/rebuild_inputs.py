"""Which events of a rebuild changed, told in SQL before any claim is loaded.

An event's digest covers every row its results and conflicts are made from:
its claims with their article, speaker and cited actor; its live relations; the
actors party to it; the places it covers and the place tree with its names
(merges and renames rewrite these rows); the outlets; the engine's version; for
an open event, today (its `stale` conflict depends on the date). It also covers
what is stored for the event (results' fingerprints, conflicts' statuses), so
results deleted or restored by hand are rebuilt. One query answers for every
event of a rebuild's plan; an event whose digest equals the stored one gets no
batch, and a batch stores the digests its plan read once its work is done.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from functools import reduce

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

from factcheck.domain.reconciliation import ENGINE_VERSION
from factcheck.extensions import db
from factcheck.models import (
    Actor,
    Article,
    Claim,
    Conflict,
    Event,
    Outlet,
    Place,
    RebuildInput,
    Reconciliation,
    Relation,
    actor_party_to,
    event_places,
)
from factcheck.models.types import utcnow
from factcheck.services import bulk_rows
from factcheck.services.engine_facts import CLAIM_COLUMNS
from factcheck.services.id_lists import among_in


class input_digest(GenericFunction):  # noqa: N801  (an SQL function's name)
    """md5 of the rows' texts in key order: PostgreSQL's string_agg, a Python aggregate on SQLite."""

    type = sa.String()
    inherit_cache = True


@compiles(input_digest, "postgresql")
def _postgresql_digest(element, compiler, **kw):
    key, text = (compiler.process(c, **kw) for c in element.clauses)
    return f"md5(string_agg({text}, chr(10) ORDER BY {key}))"


class _SqliteDigest:
    def __init__(self) -> None:
        self.rows: list[tuple] = []

    def step(self, key, text) -> None:
        self.rows.append((key, text))

    def finalize(self) -> str:
        joined = "\n".join(text for _, text in sorted(self.rows))
        return hashlib.md5(joined.encode()).hexdigest()


def _row_text(*columns) -> sa.ColumnElement:
    """The columns as one text, NULL told apart from every value."""
    parts = [sa.func.coalesce(sa.cast(c, sa.String), sa.literal_column("'~'")) for c in columns]
    return reduce(lambda a, b: a.concat(sa.literal_column("'|'")).concat(b), parts)


def _among(column, ids, dialect: str) -> sa.ColumnElement:
    """`column IN ids` (one array on PostgreSQL), or every row when ids is None (a whole rebuild's plan)."""
    return sa.true() if ids is None else among_in(column, ids, dialect)


def _per_event(event_column, key, text, from_, where) -> sa.Subquery:
    return (
        sa.select(event_column.label("event_id"), input_digest(key, text).label("digest"))
        .select_from(from_)
        .where(where)
        .group_by(event_column)
        .subquery()
    )


def _output_parts(ids, dialect: str) -> list[sa.Subquery]:
    """What is stored for the events: results deleted or restored by hand make them change."""
    return [
        _per_event(
            Reconciliation.event_id,
            _row_text(Reconciliation.metric, Reconciliation.category, Reconciliation.place_key),
            _row_text(
                Reconciliation.metric,
                Reconciliation.category,
                Reconciliation.place_key,
                Reconciliation.fingerprint,
            ),
            Reconciliation,
            _among(Reconciliation.event_id, ids, dialect),
        ),
        _per_event(
            Conflict.event_id,
            Conflict.key,
            _row_text(Conflict.key, Conflict.status),
            Conflict,
            _among(Conflict.event_id, ids, dialect),
        ),
    ]


def _outputs_query(ids, dialect: str) -> sa.Select:
    parts = _output_parts(ids, dialect)
    query = sa.select(Event.id, *(p.c.digest for p in parts))
    for part in parts:
        query = query.outerjoin(part, part.c.event_id == Event.id)
    return query.where(_among(Event.id, ids, dialect))


def _row_version(table) -> sa.ColumnElement:
    """PostgreSQL's xmin of the row: a new value on every UPDATE of it, whatever the columns."""
    return sa.literal_column(f"{table.name}.xmin")


def _claim_text(dialect: str, speaker, cites) -> sa.ColumnElement:
    """What a claim's part of the digest reads: its row, its article's and its speakers'.

    On PostgreSQL the rows' versions (xmin) stand for their contents: any write to
    a claim, its article or an actor gives a new one, and hashing four numbers a
    claim costs a tenth of casting and hashing every column (a no-op rebuild is
    mostly this query). A restore from a dump changes every xmin: the next rebuild
    then redoes every event once. SQLite has no row versions: the columns' text.
    """
    if dialect == "postgresql":
        claims, articles = Claim.__table__, Article.__table__
        return _row_text(
            Claim.id,
            _row_version(claims),
            _row_version(articles),
            _row_version(speaker),
            _row_version(cites),
        )
    return _row_text(*CLAIM_COLUMNS, speaker.c.name, speaker.c.kind, cites.c.name, cites.c.kind)


def _digest_query(ids, dialect: str) -> sa.Select:
    speaker = sa.orm.aliased(Actor, name="speaker")
    cites = sa.orm.aliased(Actor, name="cites")
    source = sa.orm.aliased(Claim)
    claim_text = _claim_text(dialect, sa.inspect(speaker).selectable, sa.inspect(cites).selectable)
    parts = [
        _per_event(
            Claim.event_id,
            Claim.id,
            claim_text,
            sa.join(Claim, Article, Article.id == Claim.article_id)
            .outerjoin(speaker, speaker.id == Claim.attributed_to_id)
            .outerjoin(cites, cites.id == Claim.cites_id),
            _among(Claim.event_id, ids, dialect),
        ),
        _per_event(
            source.event_id,
            Relation.id,
            _row_text(Relation.id, Relation.type, Relation.source_id, Relation.target_id)
            .concat(sa.literal_column("'|'"))
            .concat(sa.func.coalesce(Relation.note, "")),
            sa.join(Relation, source, source.id == Relation.source_id),
            sa.and_(_among(source.event_id, ids, dialect), Relation.withdrawn_at.is_(None)),
        ),
        _per_event(
            actor_party_to.c.event_id,
            actor_party_to.c.actor_id,
            _row_text(actor_party_to.c.actor_id),
            actor_party_to,
            _among(actor_party_to.c.event_id, ids, dialect),
        ),
        _per_event(
            event_places.c.event_id,
            event_places.c.place_id,
            _row_text(event_places.c.place_id),
            event_places,
            _among(event_places.c.event_id, ids, dialect),
        ),
    ]
    whole_tables = [
        sa.select(input_digest(Place.id, _row_text(Place.id, Place.name, Place.within_id)))
        .scalar_subquery()
        .label("places"),
        sa.select(input_digest(Outlet.id, _row_text(Outlet.id, Outlet.name, Outlet.kind)))
        .scalar_subquery()
        .label("outlets"),
    ]
    outputs = _output_parts(ids, dialect)
    query = sa.select(
        Event.id,
        Event.slug,
        Event.end_date,
        RebuildInput.digest.label("stored"),
        *whole_tables,
        *(p.c.digest.label(f"part{i}") for i, p in enumerate(parts)),
        *(p.c.digest.label(f"stored{i}") for i, p in enumerate(outputs)),
    ).outerjoin(RebuildInput, RebuildInput.event_id == Event.id)
    for part in (*parts, *outputs):
        query = query.outerjoin(part, part.c.event_id == Event.id)
    return query.where(_among(Event.id, ids, dialect))


def _sha(words: Iterable[object]) -> str:
    return hashlib.sha256("\n".join(str(w) for w in words).encode()).hexdigest()


_IDS = sa.bindparam("ids", expanding=True)
# How many times the digest query names its list of ids: its four parts, its two stored
# outputs and the events themselves. SQLite binds each id of each as a variable.
IDS_BOUND_PER_EVENT = 7
_queries: dict[tuple[str, str], sa.Select] = {}


def _query(kind: str, dialect: str) -> sa.Select:
    """The digest (or outputs) query for any batch's ids, or for every event, built once per process."""
    key = (kind, dialect)
    if key not in _queries:
        _queries[key] = {
            "digest": lambda: _digest_query(_IDS, dialect),
            "every": lambda: _digest_query(None, dialect),
            "outputs": lambda: _outputs_query(_IDS, dialect),
        }[kind]()
    return _queries[key]


def _connection(one_batch: bool = True):
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        connection.connection.dbapi_connection.create_aggregate("input_digest", 2, _SqliteDigest)
        return connection
    # The planner's cost for these aggregates crosses jit_above_cost; compiling them
    # took longer (~0.5 s a batch) than running them.
    connection.exec_driver_sql("SET LOCAL jit = off")
    if one_batch:
        # A batch reads a few thousand rows of a large database by index. With the default
        # cost of a page read at random (4, a spinning disk's), the planner joined by hashing
        # whole tables instead (every actor twice, every article: ~120 ms a batch at 50,000
        # events) with parallel workers that took the core another worker's batch was
        # waiting for. With the cost of a cached or SSD page it reads by index: ~40 ms and a
        # fraction of the CPU. The settings end with the batch's transaction; run_batch sets
        # them first (batch_settings), so its claims (engine_facts) are read under them too.
        # A plan's steps read a few thousand events as a batch does; a plan of every
        # event at once keeps the defaults.
        connection.exec_driver_sql("SET LOCAL random_page_cost = 1.1")
        connection.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
    return connection


def batch_settings() -> None:
    """How a batch's transaction reads (by index, on one core): set before its first read."""
    _connection()


def digests(event_ids: Iterable[int] | None, today: date) -> dict[int, tuple[str, str, str | None]]:
    """Per event: (its inputs' digest, with what is stored for it, the one stored at its last rebuild).

    `None` asks for every event in one query: a rebuild's plan, so that unchanged
    events get no batch at all.
    """
    connection = _connection(one_batch=event_ids is not None)
    if connection.dialect.name == "postgresql":
        # psycopg prepares a query on its fifth run, and PostgreSQL may then plan it once for
        # any array of ids: a plan's steps of 8,000 and 16,000 events then took 6 and 12 s
        # instead of 0.7 and 1.2 s. Each run of this one is planned for its own ids. (A
        # batch's other queries keep the plan made once: planning each again cost 9%.) The
        # setting lasts to the end of the transaction: a plan step's count of groups per
        # event, over the same ids, needs it as much; a batch planned before migration 0021,
        # the one batch that reads its own digests, pays the 9%.
        connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
    if event_ids is None:
        result = connection.execute(_query("every", connection.dialect.name))
    else:
        ids = sorted(set(event_ids))
        if not ids:
            return {}
        result = connection.execute(_query("digest", connection.dialect.name), {"ids": ids})
    out = {}
    for row in result:
        words = [ENGINE_VERSION, row.slug, row.end_date]
        words.append(today.isoformat() if row.end_date is None else "")
        inputs = _sha(words + list(row[4:-2]))
        out[row.id] = (inputs, _sha([inputs, *row[-2:]]), row.stored)
    return out


def changed(event_ids: Iterable[int] | None, today: date) -> dict[int, str]:
    """The events whose inputs moved since their last rebuild (or that never had one): their inputs' digests.

    `event_ids` None: among every event.
    """
    return {
        e: inputs
        for e, (inputs, now, stored) in sorted(digests(event_ids, today).items())
        if now != stored
    }


def remember(inputs: dict[int, str]) -> None:
    """Store the events' digests: their inputs read before, what is stored read now (the caller commits)."""
    if not inputs:
        return
    now = utcnow()
    connection = _connection()
    query = _query("outputs", connection.dialect.name)
    rows = [
        (row.id, _sha([inputs[row.id], *row[1:]]), now)
        for row in connection.execute(query, {"ids": sorted(inputs)})
    ]
    bulk_rows.upsert(
        RebuildInput.__table__,
        ("event_id", "digest", "computed_at"),
        rows,
        keys=("event_id",),
        update=("digest", "computed_at"),
    )
