"""Many rows in few statements: COPY on PostgreSQL, one prepared executemany on SQLite.

The ORM's bulk insert drops the None columns of each dict and regroups the rows
by the columns left, so a batch of results went out as a statement per ~8 rows.
Here the rows are tuples in the order of `columns`. On PostgreSQL they are
COPYed into a temporary table and merged with one INSERT … SELECT … ON CONFLICT;
a multi-row VALUES built by SQLAlchemy spent more time compiling its thousands
of parameters than the server spent writing them. Rows the caller found nowhere
stored (a first build's results, any reconciliation's new conflicts) are COPYed
straight into the table instead, which spares the server writing them twice;
should another transaction have stored one of them meanwhile, that COPY is undone
to a savepoint and the rows are merged. The COPYs run on psycopg's own cursor:
its errors are raised as SQLAlchemy's (IntegrityError, OperationalError …), as
every other statement's are, so the callers' handlers (409, 503) still apply.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache

import orjson
import psycopg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from factcheck.extensions import db


@cache
def _narrow(table: sa.Table, columns: tuple[str, ...]) -> sa.Table:
    """The same table seen through only these columns (one object per shape: its SQL is cached)."""
    return sa.Table(
        table.name, sa.MetaData(), *(sa.Column(name, table.c[name].type) for name in columns)
    )


def upsert(
    table: sa.Table,
    columns: Sequence[str],
    rows: Sequence[tuple],
    keys: Sequence[str],
    update: Sequence[str] | None = None,
    new: bool = False,
) -> None:
    """Insert `rows`; a row whose `keys` are already stored has its `update` columns overwritten.

    With `update` None a clash leaves the stored row as it is (ON CONFLICT DO NOTHING).
    `new`: the caller read none of these keys as stored, so they are most likely not.
    """
    if not rows:
        return
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        if not (new and _copy_new(connection, table, tuple(columns), rows)):
            _copy_upsert(connection, table, tuple(columns), rows, keys, update)
        return
    narrow = _narrow(table, tuple(columns))
    statement = sqlite.insert(narrow)
    statement = (
        statement.on_conflict_do_nothing(index_elements=list(keys))
        if update is None
        else statement.on_conflict_do_update(
            index_elements=list(keys), set_={n: statement.excluded[n] for n in update}
        )
    )
    connection.execute(statement, [dict(zip(columns, row, strict=True)) for row in rows])


def _json_text(value) -> str:
    """The value as JSON text: the same values json.dumps writes, in a tenth of the time
    (a rebuild writes six JSON columns a result), compact and in UTF-8 rather than escaped."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # what orjson refuses (an integer beyond 64 bits): as SQLAlchemy would
        return json.dumps(value)


def _bind(column_type, dialect):
    if isinstance(column_type, sa.JSON):
        return _json_text
    return column_type.bind_processor(dialect)


def _copy(cursor, connection, table, columns, rows, into: str) -> None:
    """COPY the rows into the table named `into`, bound as SQLAlchemy would bind them for `table`."""
    dialect = connection.dialect
    # What SQLAlchemy would send for each column (naive UTC datetimes …); JSON by orjson.
    binds = [_bind(table.c[name].type, dialect) for name in columns]
    with cursor.copy(f"COPY {into} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [v if b is None or v is None else b(v) for b, v in zip(binds, row, strict=True)]
            )


@contextmanager
def _as_sqlalchemy_errors(what: str) -> Iterator[None]:
    """psycopg's errors as SQLAlchemy raises them for its own statements."""
    try:
        yield
    except psycopg.Error as err:
        raise sa.exc.DBAPIError.instance(what, None, err, psycopg.Error) from err


def _copy_new(connection, table, columns, rows) -> bool:
    """COPY the rows straight into the table; False (and nothing written) when one was there."""
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        with _as_sqlalchemy_errors(f"COPY {table.name}"):
            cursor.execute("SAVEPOINT bulk_rows_new")
            written = True
            try:
                _copy(cursor, connection, table, columns, rows, table.name)
            except psycopg.errors.UniqueViolation:  # stored meanwhile (an edit's reconciliation)
                cursor.execute("ROLLBACK TO SAVEPOINT bulk_rows_new")
                written = False
            cursor.execute("RELEASE SAVEPOINT bulk_rows_new")
            return written
    finally:
        cursor.close()


def _copy_upsert(connection, table, columns, rows, keys, update) -> None:
    """COPY the rows into a temporary table dropped at commit, then merge them in one statement."""
    names = ", ".join(columns)
    staging = f"staging_{table.name}"
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        with _as_sqlalchemy_errors(f"COPY {staging}"):
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {staging} ON COMMIT DROP AS "
                f"SELECT {names} FROM {table.name} WITH NO DATA"
            )
            cursor.execute(f"TRUNCATE {staging}")
            _copy(cursor, connection, table, columns, rows, staging)
    finally:
        cursor.close()
    insert = postgresql.insert(_narrow(table, columns)).from_select(
        list(columns), sa.select(*(sa.column(n) for n in columns)).select_from(sa.table(staging))
    )
    insert = (
        insert.on_conflict_do_nothing(index_elements=list(keys))
        if update is None
        else insert.on_conflict_do_update(
            index_elements=list(keys), set_={n: insert.excluded[n] for n in update}
        )
    )
    connection.execute(insert)
