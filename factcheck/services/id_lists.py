"""`column IN (ids)` for hundreds or thousands of ids, as one parameter on PostgreSQL.

An expanding IN renders a placeholder per id: SQLAlchemy writes the list into
the SQL and psycopg converts a new query text each time (a rebuild batch's
queries spent longer being written than read; 7,500 ids of a search cost 6 ms
to render and as much again to parse). `= ANY(:ids)` sends one integer array,
so the text is the same each time and both cache it. SQLite has no arrays:
there it stays IN.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from factcheck.extensions import db


def among(column: sa.ColumnElement, ids: Iterable[int] | sa.Select | sa.CompoundSelect):
    """`column` is one of `ids` (integers, or a subquery's), in the session's dialect.

    No ids is no condition met (false), rather than an empty IN.
    """
    if isinstance(ids, sa.Select | sa.CompoundSelect):
        return column.in_(ids)
    listed = [int(i) for i in ids]  # an id given as text would match on SQLite only
    if not listed:
        return sa.false()
    return among_in(column, listed, db.session.get_bind().dialect.name)


def among_in(column: sa.ColumnElement, ids, dialect: str) -> sa.ColumnElement[bool]:
    """The same for a dialect named beforehand; `ids` may be a bind parameter (filled at
    execution with a list), for a statement built once and run for every batch."""
    if dialect != "postgresql":
        return column.in_(ids)
    if isinstance(ids, sa.BindParameter):
        ids = sa.bindparam(ids.key, type_=postgresql.ARRAY(sa.Integer))
    else:
        ids = sa.literal(list(ids), postgresql.ARRAY(sa.Integer))
    return column == sa.any_(ids)
