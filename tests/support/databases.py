"""Test databases: migrated once per engine, emptied or set to a saved state per test.

SQLite: a migrated template file, copied per test; a saved state is another file.
PostgreSQL: one database per run, emptied per test; a saved state is a copy of
its rows in a schema of its own, put back by INSERT ... SELECT with the
sequences set to where they stood (cheaper than CREATE DATABASE ... TEMPLATE,
which must copy every file of the database).
"""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# One database per test run, so that two runs on one machine never drop each other's tables.
POSTGRES_DB = os.environ.get("TEST_POSTGRES_DB", f"factcheck_test_{os.getpid()}")


def postgres_url(database: str = POSTGRES_DB) -> str:
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + database


def _admin_engine() -> sa.Engine:
    return sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")


def recreate_postgres_database(database: str) -> str:
    """Drop and create `database` on the real server; fail plainly when it is down."""
    engine = _admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{database}"'))
    except sa.exc.OperationalError as err:
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {err.orig}. "
            "Start it (pg_ctlcluster ... main start); the suite does not skip database tests.",
            pytrace=False,
        )
    finally:
        engine.dispose()
    return postgres_url(database)


def drop_postgres_database(database: str) -> None:
    engine = _admin_engine()
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    engine.dispose()


def make_app(url: str):
    """The app as the tests drive it: TESTING, CSRF checked, on the database at `url`."""
    from factcheck.app import create_app

    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": True})


def migrate(url: str) -> None:
    """Build the schema the way production does: the migrations, never create_all."""
    from flask_migrate import upgrade

    app = make_app(url)
    with app.app_context():
        upgrade()
        from factcheck.extensions import db

        db.engine.dispose()


# PostgreSQL: emptying and saved states. Saved copies live in this schema, outside `public`.
SAVED = "saved_states"

_TABLES = (
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
)


def _empty(conn) -> list[str]:
    """Delete every row of every table and set each id sequence back to 1; the tables' names.

    DELETE with triggers and foreign-key checks off (session_replication_role =
    replica: the whole database is emptied, so nothing is left dangling) takes a
    tenth of the time of TRUNCATE on tables this small: TRUNCATE gives each table
    and index a new file. A role that may not switch triggers off gets TRUNCATE.
    """
    tables = conn.scalars(sa.text(_TABLES)).all()
    try:
        with conn.begin_nested():
            conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
    except sa.exc.DBAPIError:
        names = ", ".join(f'"{t}"' for t in tables)
        conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return tables
    for table in tables:
        conn.execute(sa.text(f'DELETE FROM public."{table}"'))
    conn.execute(
        sa.text(
            "SELECT setval(format('public.%I', sequencename), 1, false) "
            "FROM pg_sequences WHERE schemaname = 'public'"
        )
    )
    return tables


def empty_postgres(url: str) -> None:
    """Every table empty and every id sequence back at 1, as on a freshly migrated database."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        _empty(conn)
    engine.dispose()


def save_postgres_state(url: str, name: str) -> None:
    """Keep a copy of every non-empty table and of each sequence's position under `name`."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{SAVED}"'))
        for table in conn.scalars(sa.text(_TABLES)).all():
            copy = f'"{SAVED}"."{name}__{table}"'
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {copy}"))
            if conn.scalar(sa.text(f'SELECT EXISTS (SELECT FROM public."{table}")')):
                conn.execute(sa.text(f'CREATE TABLE {copy} AS SELECT * FROM public."{table}"'))
        copy = f'"{SAVED}"."{name}__sequences"'
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {copy}"))
        conn.execute(
            sa.text(
                f"CREATE TABLE {copy} AS SELECT sequencename, last_value "
                "FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL"
            )
        )
    engine.dispose()


def restore_postgres_state(url: str, name: str) -> None:
    """Empty the database, then put back the rows and sequence positions saved under `name`."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        _empty(conn)
        saved = conn.scalars(
            sa.text("SELECT tablename FROM pg_tables WHERE schemaname = :schema"),
            {"schema": SAVED},
        ).all()
        # The rows were valid when saved: triggers and foreign keys need not check them again.
        conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
        for copy in saved:
            table = copy.removeprefix(f"{name}__")
            if copy.startswith(f"{name}__") and table != "sequences":
                conn.execute(
                    sa.text(f'INSERT INTO public."{table}" SELECT * FROM "{SAVED}"."{copy}"')
                )
        conn.execute(
            sa.text(
                "SELECT setval(format('public.%I', sequencename), last_value) "
                f'FROM "{SAVED}"."{name}__sequences"'
            )
        )
    engine.dispose()
