"""Many rows in few statements: multi-row INSERT … ON CONFLICT built from plain tuples.

The ORM's bulk insert drops the None columns of each dict and regroups the rows
by the columns left, so a batch of results went out as a statement per ~8 rows.
Here a batch is one statement per CHUNK rows, on PostgreSQL and SQLite alike,
and the rows are tuples in the order of `columns`: no dict per row.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from factcheck.extensions import db

# Rows per statement: 500 rows of ~17 columns stay under both servers' bound-parameter limits
# (PostgreSQL 65,535; SQLite 32,766).
CHUNK = 500


def _narrow(table: sa.Table, columns: Sequence[str]) -> sa.Table:
    """The same table seen through only these columns, so a tuple fills exactly them."""
    return sa.Table(
        table.name, sa.MetaData(), *(sa.Column(name, table.c[name].type) for name in columns)
    )


def upsert(
    table: sa.Table,
    columns: Sequence[str],
    rows: Sequence[tuple],
    keys: Sequence[str],
    update: Sequence[str] | None = None,
) -> None:
    """Insert `rows`; a row whose `keys` are already stored has its `update` columns overwritten.

    With `update` None a clash leaves the stored row as it is (ON CONFLICT DO NOTHING).
    """
    if not rows:
        return
    narrow = _narrow(table, columns)
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for start in range(0, len(rows), CHUNK):
        statement = insert(narrow).values(list(rows[start : start + CHUNK]))
        if update is None:
            statement = statement.on_conflict_do_nothing(index_elements=list(keys))
        else:
            statement = statement.on_conflict_do_update(
                index_elements=list(keys),
                set_={name: statement.excluded[name] for name in update},
            )
        db.session.execute(statement)
