"""Export → restore → export gives identical bytes, on each database and across them."""

from __future__ import annotations

import json
import shutil

import sqlalchemy as sa

from factcheck.models import Claim
from tests.support.databases import empty_postgres, make_app
from tests.support.paths import REFERENCE_TEXT

REQUIRED_CLAIM_KEYS = {
    "id",
    "article_id",
    "event",
    "kind",
    "quote",
    "start",
    "end",
    "metric",
    "category",
    "category_label",
    "qualifier",
    "modality",
    "value",
    "lower",
    "upper",
    "point",
    "attributed_to",
    "rank",
    "deprecated_reason",
}
LISTS = [
    "outlets",
    "actors",
    "events",
    "articles",
    "claims",
    "relations",
    "reviews",
    "conflicts",
    "reconciliations",
    "reports",
]


def _export(cli, tmp_path, name: str) -> bytes:
    path = tmp_path / name
    result = cli.invoke(args=["factcheck", "export", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def test_export_document_shape(cli, reference_imported, tmp_path):
    doc = json.loads(_export(cli, tmp_path, "export.json"))
    assert set(LISTS) <= set(doc)
    assert len(doc["claims"]) == 11
    for claim in doc["claims"]:
        assert REQUIRED_CLAIM_KEYS <= set(claim)
    assert [c["id"] for c in doc["claims"]] == sorted(c["id"] for c in doc["claims"])
    retracted = next(c for c in doc["claims"] if c["quote"] == "lebih dari 164 orang tewas")
    assert (retracted["rank"], retracted["deprecated_reason"], retracted["point"]) == (
        "deprecated",
        "retracted",
        165,
    )
    assert retracted["upper"] is None and retracted["event"] == "2022-kazakhstan-unrest"
    assert doc["articles"][0]["republished_from"] == "TRT"
    assert doc["articles"][0]["text"] == REFERENCE_TEXT.read_text(encoding="utf-8")


def test_export_to_stdout_matches_file(cli, reference_imported, tmp_path):
    stdout = cli.invoke(args=["factcheck", "export", "-"])
    assert stdout.exit_code == 0
    assert stdout.output.encode() == _export(cli, tmp_path, "file.json")


def test_round_trip_is_byte_identical(app, db, cli, reference_imported, tmp_path):
    first = _export(cli, tmp_path, "first.json")
    _empty_database(app, db, tmp_path)
    restored = cli.invoke(args=["factcheck", "restore", str(tmp_path / "first.json")])
    assert restored.exit_code == 0, restored.output
    assert "11 claims" in restored.output
    assert _export(cli, tmp_path, "second.json") == first
    # New rows after a restore get fresh ids (PostgreSQL sequences moved past the restored ones).
    claim = db.session.get(Claim, 1)
    db.session.add(
        Claim(
            **{
                c: getattr(claim, c)
                for c in (
                    "article_id",
                    "event_id",
                    "kind",
                    "stated_on",
                    "exact",
                    "anchor_start",
                    "anchor_end",
                    "metric",
                    "category",
                    "qualifier",
                    "modality",
                )
            }
        )
    )
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.max(Claim.id))) == 12


def _empty_database(app, db, tmp_path) -> None:
    url = str(db.engine.url.render_as_string(hide_password=False))
    db.session.remove()
    db.engine.dispose()
    if url.startswith("sqlite"):
        from tests.support.databases import migrate

        path = db.engine.url.database
        fresh = tmp_path / "fresh.sqlite"
        migrate(f"sqlite:///{fresh}")
        shutil.copyfile(fresh, path)
    else:
        empty_postgres(url)


def test_restore_refuses_a_non_empty_database(cli, reference_imported, tmp_path):
    _export(cli, tmp_path, "doc.json")
    result = cli.invoke(args=["factcheck", "restore", str(tmp_path / "doc.json")])
    assert result.exit_code == 1
    assert "not empty" in result.output


def test_restore_refuses_a_foreign_document_and_writes_nothing(cli, db, tmp_path):
    (tmp_path / "x.json").write_text('{"claims": []}')
    result = cli.invoke(args=["factcheck", "restore", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "not a factcheck-export document" in result.output
    (tmp_path / "y.json").write_text("{not json")
    assert cli.invoke(args=["factcheck", "restore", str(tmp_path / "y.json")]).exit_code == 1
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)  # a RecursionError
    deep = cli.invoke(args=["factcheck", "restore", str(tmp_path / "deep.json")])
    assert deep.exit_code == 1 and "is not a JSON document" in deep.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 0


def test_an_argument_that_is_not_utf8_is_a_usage_error_not_a_traceback(cli):
    # What Python makes of the byte 0xFF on a Linux command line: a lone surrogate.
    for args in (["token", "list", "\udcff"], ["create-user", "a\udcff@example.org", "admin"]):
        result = cli.invoke(args=["factcheck", *args])
        assert result.exit_code == 2, (args, result.output)
        assert "is not UTF-8 text" in result.output and "Traceback" not in result.output
        assert "\\xff" in result.output  # the byte as a shell shows it


def test_export_is_the_same_from_sqlite_and_postgresql(
    sqlite_template, postgres_migrated, tmp_path
):
    """Export on one database → restore on the other → export: identical bytes, both ways."""
    documents = {}
    sqlite_path = tmp_path / "a.sqlite"
    shutil.copyfile(sqlite_template, sqlite_path)
    empty_postgres(postgres_migrated)
    urls = {"sqlite": f"sqlite:///{sqlite_path}", "postgresql": postgres_migrated}
    source = make_app(urls["sqlite"])
    with source.app_context():
        assert (
            source.test_cli_runner()
            .invoke(args=["factcheck", "import", str(REFERENCE_TEXT)])
            .exit_code
            == 0
        )
        documents["sqlite"] = (
            source.test_cli_runner().invoke(args=["factcheck", "export", "-"]).output
        )
        _dispose()
    (tmp_path / "from_sqlite.json").write_text(documents["sqlite"], encoding="utf-8")
    target = make_app(urls["postgresql"])
    with target.app_context():
        runner = target.test_cli_runner()
        assert (
            runner.invoke(
                args=["factcheck", "restore", str(tmp_path / "from_sqlite.json")]
            ).exit_code
            == 0
        )
        documents["postgresql"] = runner.invoke(args=["factcheck", "export", "-"]).output
        _dispose()
    assert documents["postgresql"] == documents["sqlite"]
    # And back: PostgreSQL's export restored on a new SQLite file.
    back_path = tmp_path / "b.sqlite"
    shutil.copyfile(sqlite_template, back_path)
    (tmp_path / "from_pg.json").write_text(documents["postgresql"], encoding="utf-8")
    back = make_app(f"sqlite:///{back_path}")
    with back.app_context():
        runner = back.test_cli_runner()
        assert (
            runner.invoke(args=["factcheck", "restore", str(tmp_path / "from_pg.json")]).exit_code
            == 0
        )
        assert runner.invoke(args=["factcheck", "export", "-"]).output == documents["sqlite"]
        _dispose()


def _dispose() -> None:
    from factcheck.extensions import db

    db.session.remove()
    db.engine.dispose()
