"""The migrations build the schema the models describe, and the database refuses bad rows."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from factcheck.models import Article, Change, Claim, Event, Outlet, Relation, text_sha256
from tests.support.databases import (
    POSTGRES_DB,
    drop_postgres_database,
    recreate_postgres_database,
)

ROOT = Path(__file__).resolve().parents[2]


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(
        Config(
            str(ROOT / "migrations" / "alembic.ini"),
            config_args={"script_location": str(ROOT / "migrations")},
        )
    ).get_current_head()


def test_models_and_migrations_do_not_drift(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ; run `flask --app wsgi db migrate`: {diff}"


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_flask_db_upgrade_builds_the_schema_from_empty(kind, tmp_path):
    fresh_pg = f"{POSTGRES_DB}_fresh"
    url = (
        f"sqlite:///{tmp_path / 'fresh.sqlite'}"
        if kind == "sqlite"
        else recreate_postgres_database(fresh_pg)
    )
    env = {**os.environ, "DATABASE_URL": url}
    run = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT version_num FROM alembic_version")) == _head_revision()
        assert {"claims", "articles", "relations", "changes", "users"} <= set(
            sa.inspect(conn).get_table_names()
        )
    engine.dispose()
    if kind == "postgresql":
        drop_postgres_database(fresh_pg)


def _article(db, text: str = "Hampir 8.000 orang ditahan. Hampir 8.000 lagi.") -> Article:
    outlet = Outlet(name="Outlet A", kind="news site")
    event = Event(slug="ev", title="Event")
    article = Article(outlet=outlet, event=event, title="T", language="id")
    article.set_text(text)
    db.session.add(article)
    db.session.flush()
    return article


def _claim(article: Article, **overrides) -> Claim:
    values = dict(
        article=article,
        event=article.event,
        kind="quantity",
        stated_on=date(2022, 1, 10),
        exact="Hampir 8.000",
        anchor_start=0,
        anchor_end=12,
        metric="detained",
        category="total",
        qualifier="nearly",
        modality="count",
        value=8000,
        lower=7200,
        upper=8000,
        point=8000,
    )
    values.update(overrides)
    return Claim(**values)


REFUSED = {
    "lower above upper": dict(lower=9000, upper=8000),
    "anchor past the end of the text": dict(exact="x" * 5, anchor_start=100, anchor_end=105),
    "anchor not matching the text": dict(exact="Hampir 9.000"),
    "offsets not matching the quote length": dict(anchor_end=11),
    "unknown kind": dict(kind="rumour"),
    "deprecated without reason": dict(rank="deprecated"),
    "quantity without metric": dict(metric=None),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_database_refuses_invalid_claims(db, case):
    article = _article(db)
    db.session.add(_claim(article, **REFUSED[case]))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_database_refuses_self_relation_and_duplicate_slug(db):
    article = _article(db)
    claim = _claim(article)
    db.session.add(claim)
    db.session.flush()
    db.session.add(Relation(type="corroborates", source_id=claim.id, target_id=claim.id))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()
    db.session.add_all([Event(slug="same", title="One"), Event(slug="same", title="Two")])
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_article_text_is_frozen_once_a_claim_anchors_to_it(db):
    article = _article(db)
    article.set_text("Changed before any claim: allowed.")
    db.session.flush()
    db.session.add(
        _claim(
            article, exact="Changed", anchor_start=0, anchor_end=7, metric=None, kind="statement"
        )
    )
    db.session.flush()
    db.session.commit()
    article.set_text("Changed after a claim anchored: refused.")
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(Article, article.id).sha256 == text_sha256(
        "Changed before any claim: allowed."
    )


def test_change_history_is_append_only(db):
    db.session.add(Change(entity_type="claim", entity_id=1, action="create", after={"x": 1}))
    db.session.commit()
    with pytest.raises(sa.exc.DBAPIError):
        db.session.execute(sa.update(Change).values(action="update"))
    db.session.rollback()
    with pytest.raises(sa.exc.DBAPIError):
        db.session.execute(sa.delete(Change))
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Change)) == 1


def test_stale_claim_version_is_refused(db):
    """Optimistic locking: an edit made over a version someone else moved on writes nothing."""
    article = _article(db)
    db.session.add(_claim(article))
    db.session.commit()
    first, second = sa.orm.Session(db.engine), sa.orm.Session(db.engine)
    mine, theirs = first.scalar(sa.select(Claim)), second.scalar(sa.select(Claim))
    theirs.category_label = "armed criminals"
    second.commit()
    mine.category_label = "militants"
    with pytest.raises(sa.orm.exc.StaleDataError):
        first.flush()
    first.rollback()
    assert (
        second.scalar(sa.select(Claim.category_label)),
        second.scalar(sa.select(Claim.version)),
    ) == (
        "armed criminals",
        2,
    )
    first.close(), second.close()
