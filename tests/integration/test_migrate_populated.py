"""A database filled before places, aliases and merges existed (revision 0006) migrates to today's
schema and keeps its answers (#11: "existing databases migrate").

Its claims' free-text places become place records, a claim without one is about the
event's whole area, no alias appears, and stored results wait for the next reconciliation
with an empty series; then `reconcile --inline` gives each place its own group.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.support.databases import (
    POSTGRES_DB,
    drop_postgres_database,
    recreate_postgres_database,
)

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    "The health ministry said 103 people had been killed in Almaty. "
    "Officials later said 225 people had been killed across the country."
)
NOW = "2022-01-12 08:00:00"


def _flask(url: str, *args: str) -> subprocess.CompletedProcess:
    run = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def _fill_at_0006(url: str) -> None:
    """Rows as the app of revision 0006 stored them: a free-text place on a claim and an event."""
    engine = sa.create_engine(url)
    almaty, whole = "103 people had been killed in Almaty", "225 people had been killed"
    rows = [
        "INSERT INTO outlets (id, name, kind, notes) VALUES (1, 'Wire', 'news agency', '')",
        "INSERT INTO actors (id, name, kind, notes) VALUES (1, 'Ministry of Health', 'government', '')",
        "INSERT INTO events (id, slug, title, place, start_date)"
        " VALUES (1, '2022-unrest', 'Unrest', 'Almaty', '2022-01-02')",
        "INSERT INTO articles (id, outlet_id, event_id, title, language, published_at,"
        " published_utc_offset, retrieved_at, text, sha256, findings, created_at)"
        f" VALUES (1, 1, 1, 'Toll', 'en', '{NOW}', 360, '{NOW}', :text, :sha, '[]', '{NOW}')",
    ]
    claim = (
        "INSERT INTO claims (id, article_id, event_id, kind, attributed_to_id, stated_on, exact,"
        " prefix, suffix, anchor_start, anchor_end, metric, category, qualifier, modality, value,"
        " lower, upper, point, unit, place, rank, created_at, updated_at, version)"
        " VALUES (:id, 1, 1, 'quantity', 1, '2022-01-12', :exact, '', '', :start, :end,"
        " 'killed', 'total', 'exact', 'count', :n, :n, :n, :n, 'people', :place, 'normal',"
        f" '{NOW}', '{NOW}', 1)"
    )
    stale_result = (
        "INSERT INTO reconciliations (event_id, metric, category, low, best, high, grade, flags,"
        " explanation, claims_used, claims_set_aside, side_estimates, computed_at, fingerprint)"
        " VALUES (1, 'killed', 'total', 103, 225, 225, 'weak', '[]', '[]', '[1, 2]', '[]', '{}',"
        f" '{NOW}', :fp)"
    )
    with engine.begin() as conn:
        sha = hashlib.sha256(TEXT.encode()).hexdigest()
        for statement in rows:
            conn.execute(sa.text(statement), {"text": TEXT, "sha": sha})
        for claim_id, exact, n, place in ((1, almaty, 103, " Almaty "), (2, whole, 225, None)):
            start = TEXT.index(exact)
            conn.execute(
                sa.text(claim),
                {"id": claim_id, "exact": exact, "start": start, "end": start + len(exact)}
                | {"n": n, "place": place},
            )
        conn.execute(sa.text(stale_result), {"fp": "0" * 64})
    engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_populated_database_from_before_places_migrates_and_reconciles_by_place(kind, tmp_path):
    name = f"{POSTGRES_DB}_populated"
    url = (
        f"sqlite:///{tmp_path / 'old.sqlite'}"
        if kind == "sqlite"
        else recreate_postgres_database(name)
    )
    try:
        _flask(url, "db", "upgrade", "0006")
        _fill_at_0006(url)
        _flask(url, "db", "upgrade")

        engine = sa.create_engine(url)
        with engine.connect() as conn:
            places = conn.execute(sa.text("SELECT id, name, within_id FROM places")).all()
            assert [(p.name, p.within_id) for p in places] == [("Almaty", None)]
            almaty = places[0].id
            assert dict(conn.execute(sa.text("SELECT id, place_id FROM claims")).all()) == {
                1: almaty,  # the free text, trimmed, now a record
                2: None,  # no place: the event's whole area
            }
            assert conn.execute(sa.text("SELECT event_id, place_id FROM event_places")).all() == [
                (1, almaty)
            ]
            assert conn.scalar(sa.text("SELECT count(*) FROM aliases")) == 0
            old = conn.execute(
                sa.text("SELECT place_key, place_id, series FROM reconciliations")
            ).one()
            assert (old.place_key, old.place_id) == ("", None)
            assert old.series in ([], "[]")  # filled by the next reconciliation
        engine.dispose()

        printed = _flask(url, "factcheck", "reconcile", "--inline").stdout
        lines = {
            tuple(line.split()[1:4]): line.split()[4:7]
            for line in printed.splitlines()
            if line.startswith("2022-unrest")
        }
        # Almaty's 103 is a part of the whole: its own group, and a floor for the whole area.
        assert lines[("killed", "total", "Almaty")] == ["103", "103", "103"]
        assert lines[("killed", "total", "(whole)")] == ["225", "225", "225"]
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            series = conn.scalar(sa.text("SELECT series FROM reconciliations WHERE place_key = ''"))
            assert series not in ([], "[]", None), "the reconciliation writes the series"
        engine.dispose()
    finally:
        if kind == "postgresql":
            drop_postgres_database(name)
