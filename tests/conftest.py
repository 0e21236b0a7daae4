"""Fixtures: the app on a real SQLite file and on the real PostgreSQL server.

Every test that takes `app` runs twice, once per database. The schema is built
by the migrations (never create_all), once per database per run; each test
then starts from empty tables. A database that cannot be reached fails the
run with a plain message: it is never skipped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
REFERENCE_TEXT = CORPUS / "voa-islam-2022-01-11-kazakhstan.id.txt"
REFERENCE_YAML = CORPUS / "voa-islam-2022-01-11-kazakhstan.claims.yaml"

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# One database per test run, so that two runs on one machine never drop each other's tables.
POSTGRES_DB = os.environ.get("TEST_POSTGRES_DB", f"factcheck_test_{os.getpid()}")


def postgres_url(database: str = POSTGRES_DB) -> str:
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + database


def recreate_postgres_database(database: str) -> str:
    """Drop and create `database` on the real server; fail plainly when it is down."""
    engine = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
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


def _make_app(url: str):
    from factcheck.app import create_app

    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": True})


def _migrate(url: str) -> None:
    from flask_migrate import upgrade

    app = _make_app(url)
    with app.app_context():
        upgrade()
        from factcheck.extensions import db

        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite"
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_migrated() -> str:
    url = recreate_postgres_database(POSTGRES_DB)
    _migrate(url)
    yield url
    drop_postgres_database(POSTGRES_DB)


def drop_postgres_database(database: str) -> None:
    engine = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    engine.dispose()


def _truncate_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        tables = conn.scalars(
            sa.text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
            )
        ).all()
        conn.execute(
            sa.text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        )
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "factcheck.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_migrated")
    _truncate_postgres(url)
    return url


@pytest.fixture
def app(database_url):
    app = _make_app(database_url)
    with app.app_context():
        yield app
        from factcheck.extensions import db

        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def db(app):
    from factcheck.extensions import db

    return db


@pytest.fixture
def cli(app):
    return app.test_cli_runner()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def reference_imported(app, cli):
    """The reference article imported through the real CLI command."""
    result = cli.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)])
    assert result.exit_code == 0, result.output
    return result


def on_job(monkeypatch, task: str, handler) -> None:
    """Hand the jobs named `task` to `handler(*args)` instead of the broker (a unit test has none).

    Jobs leave through factcheck.services.dispatch by name; every call adds a route,
    and jobs of names without one are dropped.
    """
    from factcheck.services import dispatch

    routes = getattr(dispatch.send, "routes", None)
    if routes is None:

        def send(name: str, *args: object) -> None:
            if name in send.routes:
                send.routes[name](*args)

        send.routes = routes = {}
        monkeypatch.setattr(dispatch, "send", send)
    routes[task] = handler
