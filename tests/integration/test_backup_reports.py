"""A backup carries what was published byte for byte (report files) and the assistant's suggestions,
across PostgreSQL and SQLite both ways; a damaged file in a backup is refused, not restored."""

from __future__ import annotations

import hashlib
import json
import shutil

import sqlalchemy as sa

from tests.support import factories
from tests.support.databases import empty_postgres, make_app
from tests.support.paths import REFERENCE_TEXT


def _dispose() -> None:
    from factcheck.extensions import db

    db.session.remove()
    db.engine.dispose()


def _publish_a_report_and_suggest(app) -> dict[str, str]:
    """Import, let the assistant read the article, accept one suggestion, publish a report (HTML and PDF)."""
    from factcheck.extensions import db
    from factcheck.models import Article, Event, SuggestedClaim
    from factcheck.services import intake, reports

    runner = app.test_cli_runner()
    assert runner.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code == 0
    editor = factories.user(db, "editor@example.org", "editor", password=None)
    intake.analyse_article(db.session.scalar(sa.select(Article.id)))
    suggestion = db.session.scalar(
        sa.select(SuggestedClaim)
        .where(SuggestedClaim.kind == "quantity")
        .order_by(SuggestedClaim.id)
    )
    intake.reject(suggestion, user_id=editor.id)
    report = reports.generate_report(
        db.session.scalar(sa.select(Event.id)), formats=["html", "pdf"]
    )
    reports.publish_report(report.id, user_id=editor.id)
    return {
        fmt: hashlib.sha256(reports.file_of(report, fmt)[0]).hexdigest() for fmt in ("html", "pdf")
    }


def test_published_report_files_and_suggestions_survive_postgresql_to_sqlite_and_back(
    sqlite_template, postgres_migrated, tmp_path, monkeypatch
):
    monkeypatch.setattr(
        "factcheck.services.dispatch.reconcile_groups", lambda groups: 0
    )  # no worker here: groups stay pending
    empty_postgres(postgres_migrated)
    source = make_app(postgres_migrated)
    with source.app_context():
        published = _publish_a_report_and_suggest(source)
        from_pg = source.test_cli_runner().invoke(args=["factcheck", "export", "-"]).output
        _dispose()
    doc = json.loads(from_pg)
    assert doc["version"] == 3 and len(doc["report_files"]) == 2 and doc["suggestions"]
    assert any(s["status"] == "rejected" for s in doc["suggestions"])
    assert {f["format"]: f["sha256"] for f in doc["report_files"]} == published

    sqlite_path = tmp_path / "restored.sqlite"
    shutil.copyfile(sqlite_template, sqlite_path)
    (tmp_path / "from_pg.json").write_text(from_pg, encoding="utf-8")
    target = make_app(f"sqlite:///{sqlite_path}")
    with target.app_context():
        runner = target.test_cli_runner()
        restored = runner.invoke(args=["factcheck", "restore", str(tmp_path / "from_pg.json")])
        assert restored.exit_code == 0, restored.output
        assert "2 report_files" in restored.output
        from_sqlite = runner.invoke(args=["factcheck", "export", "-"]).output
        from factcheck.services import reports

        # The public page serves the very bytes that were published, not a new rendering.
        client = target.test_client()
        for fmt, path in (
            ("html", "/reports/2022-kazakhstan-unrest/v1"),
            ("pdf", "/reports/2022-kazakhstan-unrest/v1.pdf"),
        ):
            response = client.get(path)
            assert (
                response.status_code == 200
                and hashlib.sha256(response.data).hexdigest() == published[fmt]
            )
        assert reports.find_report("2022-kazakhstan-unrest", 1).status == "published"
        _dispose()
    assert from_sqlite == from_pg  # PostgreSQL → SQLite → export: identical bytes

    empty_postgres(postgres_migrated)
    (tmp_path / "from_sqlite.json").write_text(from_sqlite, encoding="utf-8")
    back = make_app(postgres_migrated)
    with back.app_context():
        runner = back.test_cli_runner()
        assert (
            runner.invoke(
                args=["factcheck", "restore", str(tmp_path / "from_sqlite.json")]
            ).exit_code
            == 0
        )
        assert runner.invoke(args=["factcheck", "export", "-"]).output == from_pg  # and back again
        _dispose()


def test_a_backup_with_a_damaged_report_file_is_refused_and_nothing_restored(
    app, db, cli, tmp_path, monkeypatch
):
    monkeypatch.setattr("factcheck.services.dispatch.reconcile_groups", lambda groups: 0)
    _publish_a_report_and_suggest(app)
    doc = json.loads(cli.invoke(args=["factcheck", "export", "-"]).output)
    html = next(f for f in doc["report_files"] if f["format"] == "html")
    html["content"] = (
        html["content"][:-8] + "AAAAAAA="
    )  # a flipped byte: the sha256 no longer matches
    (tmp_path / "damaged.json").write_text(json.dumps(doc), encoding="utf-8")
    from tests.integration.test_backup import _empty_database

    _empty_database(app, db, tmp_path)
    result = cli.invoke(args=["factcheck", "restore", str(tmp_path / "damaged.json")])
    assert result.exit_code == 1
    assert "content does not match its sha256" in result.output
    from factcheck.models import Claim

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 0


def test_a_version_1_backup_still_restores(app, db, cli, reference_imported, tmp_path):
    doc = json.loads(cli.invoke(args=["factcheck", "export", "-"]).output)
    doc["version"] = 1
    for section in ("suggestions", "report_files"):
        doc.pop(section)
    (tmp_path / "v1.json").write_text(json.dumps(doc), encoding="utf-8")
    from tests.integration.test_backup import _empty_database

    _empty_database(app, db, tmp_path)
    result = cli.invoke(args=["factcheck", "restore", str(tmp_path / "v1.json")])
    assert result.exit_code == 0, result.output
    assert "11 claims" in result.output
