"""Bulk writes: rows a first build believes new may have been stored meanwhile.

A rebuild batch that read none of its events' groups as stored COPYs its rows
straight into the table (PostgreSQL). An edit's reconciliation can store one of
those groups between that read and the write: the batch must then merge (its
answer overwrites the group, a conflict already open stays as it is), not fail.
"""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from factcheck.models import Conflict, Reconciliation
from factcheck.services import bulk_rows
from factcheck.services.reconciling import CONFLICT_COLUMNS, RESULT_COLUMNS
from tests.support import synthetic


def _built(db) -> None:
    from factcheck.services.rebuild import run_rebuild, start_job

    with db.engine.begin() as conn:
        synthetic.generate(conn, events=3, claims_per_event=12, seed=5)
    run_rebuild(start_job().id, today=date(2024, 6, 1))


def _first_rows(db, table: sa.Table, columns: tuple[str, ...], count: int) -> list[sa.Row]:
    """The table's first stored rows, as tuples in the order of `columns` (as a batch writes them)."""
    query = sa.select(*(table.c[n] for n in columns)).order_by(table.c.id).limit(count)
    return db.session.execute(query).all()


def test_a_result_stored_meanwhile_is_overwritten_by_the_batch_that_thought_it_new(db):

    _built(db)
    table = Reconciliation.__table__
    stored = _first_rows(db, table, RESULT_COLUMNS, 2)
    answer = [(*row[:8], "weak" if row[8] != "weak" else "fair", *row[9:]) for row in stored]
    bulk_rows.upsert(
        table, RESULT_COLUMNS, answer, keys=RESULT_COLUMNS[:4], update=RESULT_COLUMNS[4:], new=True
    )
    db.session.commit()
    grades = (
        db.session.execute(sa.select(table.c.grade).order_by(table.c.id).limit(2)).scalars().all()
    )
    assert grades == [row[8] for row in answer]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(table)) > len(stored)


def test_a_conflict_stored_meanwhile_stays_and_the_new_ones_beside_it_are_written(db):

    _built(db)
    table = Conflict.__table__
    (first,) = _first_rows(db, table, CONFLICT_COLUMNS, 1)
    again = (*first[:7], "a second detail, to be dropped", *first[8:])
    fresh = (*first[:1], "value_conflict:-:-:0000000000000000", *first[2:])
    bulk_rows.upsert(table, CONFLICT_COLUMNS, [again, fresh], keys=("event_id", "key"), new=True)
    db.session.commit()
    details = dict(db.session.execute(sa.select(table.c.key, table.c.detail)).all())
    assert details[first[1]] == first[7]  # the one stored first is kept as it was
    assert details[fresh[1]] == fresh[7]  # and the batch's new one is written all the same


def test_a_first_build_writes_its_results_without_the_staging_merge(db, monkeypatch):
    """The point of the direct COPY: no group was stored, so none is merged."""

    if db.engine.dialect.name != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    merged: list[str] = []
    merge = bulk_rows._copy_upsert

    def recording(connection, table, *rest):
        merged.append(table.name)
        return merge(connection, table, *rest)

    monkeypatch.setattr(bulk_rows, "_copy_upsert", recording)
    _built(db)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Reconciliation)) > 10
    assert "reconciliations" not in merged and "conflicts" not in merged


def test_a_row_the_database_refuses_is_refused_as_sqlalchemy_refuses_any_other(db):
    """A result naming a place that is gone is an IntegrityError (a 409 to the web app and the
    API), whichever way the batch writes, and the transaction then rolls back cleanly."""

    if db.engine.dialect.name != "postgresql":
        pytest.skip("the COPY on psycopg's own cursor is PostgreSQL's")
    _built(db)
    table = Reconciliation.__table__
    (row,) = _first_rows(db, table, RESULT_COLUMNS, 1)
    orphan = (row[0], row[1], "a category of its own", "999999", 999999, *row[5:])
    with pytest.raises(sa.exc.IntegrityError):
        bulk_rows.upsert(
            table,
            RESULT_COLUMNS,
            [orphan],
            keys=RESULT_COLUMNS[:4],
            update=RESULT_COLUMNS[4:],
            new=True,
        )
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(table)) > 10
