"""Fixtures: the app on a real SQLite file and on the real PostgreSQL server.

Every test that takes `app` runs twice, once per database. The schema is built
by the migrations (never create_all), once per database per run; each test
then starts from empty tables. A database that cannot be reached fails the
run with a plain message: it is never skipped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.databases import (
    POSTGRES_DB,
    drop_postgres_database,
    empty_postgres,
    make_app,
    migrate,
    recreate_postgres_database,
)
from tests.support.paths import REFERENCE_TEXT


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_migrated() -> str:
    url = recreate_postgres_database(POSTGRES_DB)
    migrate(url)
    yield url
    drop_postgres_database(POSTGRES_DB)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "factcheck.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_migrated")
    empty_postgres(url)
    return url


@pytest.fixture
def app(database_url):
    app = make_app(database_url)
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
