"""`column IN (ids)` for a batch's hundreds of ids, as one parameter on PostgreSQL.

An expanding IN renders a placeholder per id: SQLAlchemy fills the list into
the compiled SQL and psycopg converts a new query text at every batch (a
batch's queries spent longer being written than read). `= ANY(:ids)` sends one
array, so the text is the same each time and both cache it. SQLite has no
arrays: there it stays IN.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from factcheck.extensions import db


def among(column: sa.ColumnElement, ids: Iterable[int]) -> sa.ColumnElement[bool]:
    """`column` is one of `ids` (integers), in the session's dialect."""
    return among_in(column, list(ids), db.session.get_bind().dialect.name)


def among_in(column: sa.ColumnElement, ids, dialect: str) -> sa.ColumnElement[bool]:
    """The same for a dialect named beforehand; `ids` may be a bind parameter named `ids`."""
    if dialect != "postgresql":
        return column.in_(ids)
    if isinstance(ids, sa.BindParameter):
        ids = sa.bindparam(ids.key, type_=postgresql.ARRAY(sa.Integer))
    else:
        ids = sa.literal(list(ids), postgresql.ARRAY(sa.Integer))
    return column == sa.any_(ids)
