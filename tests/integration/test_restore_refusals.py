"""A malformed backup is refused by `factcheck restore` with the table, row and field, never a
traceback, and leaves the database as it was (empty): the restore is all or nothing."""

from __future__ import annotations

import copy
import json
import shutil

import pytest
import sqlalchemy as sa

from factcheck.services.backup import is_empty
from tests.support.databases import make_app

USER = {"id": 1, "email": "desk@example.org", "role": "admin", "created_at": "2022-01-11T15:25:00Z"}


@pytest.fixture(scope="module")
def backup(sqlite_reference, tmp_path_factory) -> dict:
    """The reference article's export (with one account): what each test spoils one way."""
    path = tmp_path_factory.mktemp("backup") / "reference.sqlite"
    shutil.copyfile(sqlite_reference[0], path)
    source = make_app(f"sqlite:///{path}")
    with source.app_context():
        text = source.test_cli_runner().invoke(args=["factcheck", "export", "-"]).output
        from factcheck.extensions import db

        db.session.remove()
        db.engine.dispose()
    return json.loads(text) | {"users": [USER | {"active": True}]}


def _restore(cli, tmp_path, doc: dict):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return cli.invoke(args=["factcheck", "restore", str(path)])


def _set(section: str, position: int, field: str, value):
    def spoil(doc: dict) -> None:
        doc[section][position - 1][field] = value

    return spoil


def _replace(section: str, value):
    def spoil(doc: dict) -> None:
        doc[section] = value

    return spoil


def _replace_row(section: str, position: int, value):
    def spoil(doc: dict) -> None:
        doc[section][position - 1] = value

    return spoil


def test_the_unspoilt_backup_restores(db, cli, tmp_path, backup):
    restored = _restore(cli, tmp_path, copy.deepcopy(backup))
    assert restored.exit_code == 0, restored.output
    assert "1 users" in restored.output and "11 claims" in restored.output


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        pytest.param(
            _set("claims", 3, "created_at", 0),
            "claims, row 3 (id 3): created_at must be a time with its UTC offset"
            " (such as 2022-01-11T15:25:00Z), not 0",
            id="time-as-a-number",
        ),
        pytest.param(
            _set("claims", 3, "created_at", "2022-01-11T15:25:00"),
            "claims, row 3 (id 3): created_at must be a time with its UTC offset"
            ' (such as 2022-01-11T15:25:00Z), not "2022-01-11T15:25:00"',
            id="time-without-an-offset",
        ),
        pytest.param(
            _replace("claims", None), "claims must be a list of rows, not null", id="rows-null"
        ),
        pytest.param(
            _replace("claims", "x"), 'claims must be a list of rows, not "x"', id="rows-a-string"
        ),
        pytest.param(
            _replace_row("claims", 3, None),
            "claims, row 3 must be an object of fields, not null",
            id="row-null",
        ),
        pytest.param(
            _replace_row("claims", 3, "x"),
            'claims, row 3 must be an object of fields, not "x"',
            id="row-a-string",
        ),
        pytest.param(
            _set("claims", 3, "start", 2**63),
            "claims, row 3 (id 3): start must be a whole number from -2147483648 to 2147483647,"
            " not 9223372036854775808",
            id="integer-past-64-bits",
        ),
        pytest.param(
            _set("claims", 3, "start", 2**31),  # SQLite holds it, PostgreSQL's INTEGER does not
            "claims, row 3 (id 3): start must be a whole number from -2147483648 to 2147483647,"
            " not 2147483648",
            id="integer-past-32-bits",
        ),
        pytest.param(
            _set("claims", 3, "start", "1862"),
            "claims, row 3 (id 3): start must be a whole number from -2147483648 to 2147483647,"
            ' not "1862"',
            id="integer-as-text",
        ),
        pytest.param(
            _set("users", 1, "active", 2),
            "users, row 1 (id 1): active must be true or false, not 2",
            id="boolean-as-a-number",
        ),
        pytest.param(
            _set("claims", 3, "quote", 5),
            "claims, row 3 (id 3): quote must be text, not 5",
            id="text-as-a-number",
        ),
        pytest.param(
            _set("claims", 3, "kind", "x" * 300),
            "claims, row 3 (id 3): kind must be text of at most 16 characters, not 300",
            id="text-too-long",
        ),
        pytest.param(
            _set("claims", 3, "quote", None),
            "claims, row 3 (id 3): quote may not be null",
            id="null-where-required",
        ),
        pytest.param(
            _set("claims", 3, "value", float("nan")),
            "claims, row 3 (id 3): value must be a finite number, not NaN",
            id="number-not-finite",
        ),
        pytest.param(
            _set("claims", 3, "stated_on", "10 January 2022"),
            "claims, row 3 (id 3): stated_on must be a date (such as 2022-01-11),"
            ' not "10 January 2022"',
            id="date-unreadable",
        ),
        pytest.param(
            _set("actors", 2, "party_to", [5]),
            "actors, row 2 (id 2): party_to must be a list of texts, not [5]",
            id="names-not-texts",
        ),
    ],
)
def test_a_malformed_backup_is_refused_naming_the_row_and_nothing_is_written(
    db, cli, tmp_path, backup, spoil, why
):
    doc = copy.deepcopy(backup)
    spoil(doc)
    refused = _restore(cli, tmp_path, doc)
    assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit), refused.output
    assert f"Refused: nothing was restored. {why}" in refused.output
    db.session.rollback()
    assert is_empty()  # the outlets, events, actors and article before the claims: gone too


def test_rows_the_database_refuses_are_refused_naming_the_table(db, cli, tmp_path, backup):
    """A constraint only the database checks (two claims with one id): its own words, no SQL."""
    doc = copy.deepcopy(backup)
    doc["claims"][2]["id"] = doc["claims"][1]["id"]
    refused = _restore(cli, tmp_path, doc)
    assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit), refused.output
    assert "Refused: nothing was restored. claims do not fit the database: " in refused.output
    assert "[SQL:" not in refused.output
    db.session.rollback()
    assert is_empty()


def _version_2(backup: dict) -> dict:
    """The backup as version 2 wrote it: places as free text on claims and events."""
    doc = copy.deepcopy(backup) | {"version": 2}
    doc.pop("places")
    doc["claims"][0]["place"], doc["events"][0]["place"] = " Almaty ", "Almaty"
    return doc


def test_a_version_2_backups_places_in_text_become_place_records(db, cli, tmp_path, backup):
    from factcheck.models import Claim, Event, Place

    restored = _restore(cli, tmp_path, _version_2(backup))
    assert restored.exit_code == 0, restored.output
    almaty = db.session.scalar(sa.select(Place).where(Place.name == "Almaty"))
    assert db.session.get(Claim, 1).place_id == almaty.id
    assert [p.name for p in db.session.get(Event, 1).places] == ["Almaty"]


def test_a_version_2_place_that_is_not_text_is_refused(db, cli, tmp_path, backup):
    doc = _version_2(backup)
    doc["claims"][1]["place"] = 5
    refused = _restore(cli, tmp_path, doc)
    assert refused.exit_code == 1 and isinstance(refused.exception, SystemExit), refused.output
    assert "claims, row 2 (id 2): place must be text, not 5" in refused.output
    db.session.rollback()
    assert is_empty()
