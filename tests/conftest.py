"""Fixtures: the app on a real SQLite file and on the real PostgreSQL server.

Every test that takes `app` runs twice, once per database. The schema is built
by the migrations (never create_all), once per database per run; each test
then starts from a database of its own: empty, or holding the reference article
if it asks for `reference_imported`. That article is imported through the CLI
once per database per run and cloned for each test that asks (SQLite: a copy of
the file; PostgreSQL: its rows put back from a saved copy). A database that
cannot be reached fails the run with a plain message: it is never skipped.
"""

from __future__ import annotations

import atexit
import copy
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.support.databases import (
    POSTGRES_DB,
    drop_postgres_database,
    empty_postgres,
    make_app,
    migrate,
    recreate_postgres_database,
    restore_postgres_state,
    save_postgres_state,
)
from tests.support.paths import REFERENCE_TEXT

REFERENCE = "reference"

# The tests' own instance folder, never the checkout's instance/: the key create_app
# generates there, and the embedded queue that a job no test routes (tests/support/jobs.py)
# is sent to, are the tests' and go with them.
os.environ.setdefault("FACTCHECK_INSTANCE", tempfile.mkdtemp(prefix="factcheck-tests-"))
atexit.register(shutil.rmtree, os.environ["FACTCHECK_INSTANCE"], ignore_errors=True)


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


def _import_reference(url: str):
    """The reference article imported through the real CLI command into the database at `url`."""
    app = make_app(url)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)])
        from factcheck.extensions import db

        db.session.remove()
        db.engine.dispose()
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def sqlite_reference(sqlite_template, tmp_path_factory):
    """A copy of the template with the reference article imported: (file, the CLI's result)."""
    path = tmp_path_factory.mktemp("sqlite") / "reference.sqlite"
    shutil.copyfile(sqlite_template, path)
    return path, _import_reference(f"sqlite:///{path}")


@pytest.fixture(scope="session")
def postgres_reference(postgres_migrated):
    """The reference article imported once and its rows saved; the CLI's result."""
    empty_postgres(postgres_migrated)
    result = _import_reference(postgres_migrated)
    save_postgres_state(postgres_migrated, REFERENCE)
    return result


@pytest.fixture(scope="session")
def sqlite_path(tmp_path_factory) -> Path:
    """Where each test's SQLite database is: one path, so that one app serves every test."""
    return tmp_path_factory.mktemp("sqlite") / "factcheck.sqlite"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path, sqlite_path) -> str:
    """A migrated database of each kind: empty, or holding the reference article if the test asks."""
    with_reference = "reference_imported" in request.fixturenames
    if request.param == "sqlite":
        fresh = tmp_path / "factcheck.sqlite"
        if with_reference:
            shutil.copyfile(request.getfixturevalue("sqlite_reference")[0], fresh)
        else:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), fresh)
        # A new file under the same name: a connection the last test left open keeps the old one.
        for leftover in ("-journal", "-wal", "-shm"):
            sqlite_path.with_name(sqlite_path.name + leftover).unlink(missing_ok=True)
        os.replace(fresh, sqlite_path)
        return f"sqlite:///{sqlite_path}"
    url = request.getfixturevalue("postgres_migrated")
    if with_reference:
        request.getfixturevalue("postgres_reference")
        restore_postgres_state(url, REFERENCE)
    else:
        empty_postgres(url)
    return url


@pytest.fixture(scope="session")
def built_apps() -> dict:
    """One app per database for the whole run, with the settings it was built with.

    Building the app takes a fifth of a second (mostly the API's OpenAPI document)
    and every database test needs one; the app holds no data, so each test gets
    the same one back with its settings as built, its rate-limit counts empty and
    its Celery app the default, as a new app would have.
    """
    return {}


@pytest.fixture
def app(database_url, built_apps):
    from factcheck.extensions import db, limiter

    if database_url not in built_apps:
        built = make_app(database_url)
        built_apps[database_url] = built, copy.deepcopy(dict(built.config))
    app, settings = built_apps[database_url]
    app.config.clear()
    app.config.update(copy.deepcopy(settings))
    limiter.reset()
    app.extensions["celery"].set_default()
    with app.app_context():
        yield app
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
def reference_imported(request, app):
    """The reference article, imported through the real CLI command: the command's result.

    The database already holds it: `database_url` cloned it from the one import per run.
    """
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return request.getfixturevalue("sqlite_reference")[1]
    return request.getfixturevalue("postgres_reference")
