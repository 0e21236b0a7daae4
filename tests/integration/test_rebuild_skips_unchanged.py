"""A rebuild on unchanged data does no work; an edit rebuilds exactly the event it touched."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from factcheck.models import (
    Actor,
    Claim,
    Place,
    RebuildBatch,
    RebuildInput,
    Reconciliation,
    Relation,
)
from tests.support import synthetic
from tests.support.reconciliations import results

TODAY = date(2024, 6, 1)


def _rebuild():
    from factcheck.services.rebuild import run_rebuild, start_job

    return run_rebuild(start_job().id, today=TODAY)


def _computed(db) -> dict:
    return {r.id: r.computed_at for r in db.session.scalars(sa.select(Reconciliation))}


def _generated(db, events: int = 30) -> None:
    with db.engine.begin() as conn:
        synthetic.generate(conn, events=events, claims_per_event=12, seed=29)


def test_a_rebuild_on_unchanged_data_reconciles_nothing(db):
    _generated(db)
    first = _rebuild()
    assert first.groups > 0 and first.written
    before = _computed(db)

    again = _rebuild()

    assert (again.groups, again.written, again.conflicts_opened) == (0, [], 0)
    assert _computed(db) == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RebuildInput)) == 30


def test_editing_one_claim_rebuilds_exactly_its_event(db):
    _generated(db)
    _rebuild()
    claim = db.session.scalar(
        sa.select(Claim).where(Claim.kind == "quantity").order_by(Claim.id.desc()).limit(1)
    )
    event_id = claim.event_id
    claim.value, claim.lower, claim.upper, claim.point = 55555, 55555, 55555, 55555
    db.session.commit()

    step = _rebuild()

    assert step.groups > 0
    assert {key[0] for key in step.written} == {event_id}
    reconciled_groups = db.session.scalar(
        sa.select(sa.func.count()).where(Reconciliation.event_id == event_id)
    )
    assert step.groups == reconciled_groups


def test_what_a_result_depends_on_beyond_its_claims_is_noticed(db):
    """A withdrawn relation, a renamed place, a deleted result: each makes its event rebuild."""
    _generated(db, events=12)
    _rebuild()
    relation = db.session.scalar(sa.select(Relation).order_by(Relation.id).limit(1))
    relation.withdrawn_at = sa.func.now()
    db.session.commit()
    assert _rebuild().groups > 0

    db.session.execute(
        sa.delete(Reconciliation).where(
            Reconciliation.id.in_(sa.select(sa.func.min(Reconciliation.id)).scalar_subquery())
        )
    )
    db.session.commit()
    assert _rebuild().written

    db.session.add(Place(name="A new place nobody uses", notes=""))
    db.session.commit()
    assert _rebuild().groups > 0  # the place tree is every event's input


def test_a_renamed_speaker_rebuilds_the_events_it_speaks_in_and_no_other(db):
    """On PostgreSQL the digest reads the rows' versions, not their text: a rename still counts."""
    _generated(db)
    _rebuild()
    claim = db.session.scalar(
        sa.select(Claim)
        .where(Claim.kind == "quantity", Claim.attributed_to_id.is_not(None))
        .order_by(Claim.id)
        .limit(1)
    )
    speaker_id = claim.attributed_to_id
    spoken_in = set(
        db.session.scalars(
            sa.select(Claim.event_id).where(
                sa.or_(Claim.attributed_to_id == speaker_id, Claim.cites_id == speaker_id)
            )
        )
    )
    db.session.execute(
        sa.update(Actor).where(Actor.id == speaker_id).values(name="A renamed spokesperson")
    )
    db.session.commit()

    before = dict(
        db.session.execute(sa.select(RebuildInput.event_id, RebuildInput.computed_at)).all()
    )
    step = _rebuild()

    after = dict(
        db.session.execute(sa.select(RebuildInput.event_id, RebuildInput.computed_at)).all()
    )
    assert step.groups > 0
    assert {e for e in after if after[e] != before[e]} == spoken_in
    assert _rebuild().groups == 0


def test_unchanged_events_get_no_batch_and_count_as_done_from_the_start(db):
    """The plan reads every event's digest once: only changed events are split into batches."""
    from factcheck.services.rebuild import start_job
    from factcheck.services.rebuild_plan import plan_batches

    _generated(db)
    _rebuild()
    groups = db.session.scalar(sa.select(sa.func.count()).select_from(Reconciliation))

    noop = start_job()
    assert plan_batches(noop.id, TODAY) == []
    db.session.refresh(noop)
    assert (noop.status, noop.done, noop.total) == ("done", groups, groups)

    claim = db.session.scalar(sa.select(Claim).where(Claim.kind == "quantity").limit(1))
    claim.value = claim.lower = claim.upper = claim.point = 77777
    db.session.commit()
    own = db.session.scalar(
        sa.select(sa.func.count()).where(Reconciliation.event_id == claim.event_id)
    )
    edited = start_job()
    batches = plan_batches(edited.id, TODAY)
    db.session.refresh(edited)
    assert len(batches) == 1
    assert (edited.status, edited.done, edited.total) == ("running", groups - own, groups)
    assert db.session.get(RebuildBatch, batches[0]).event_ids == [claim.event_id]


def test_a_batch_reads_by_index_on_one_core_and_the_plan_keeps_the_defaults(db):
    """At 50,000 events the planner's defaults hashed every actor and article for each batch's
    few thousand claims, on parallel workers that took the core another worker's batch needed
    (120 ms a batch; 40 ms by index). The batch's settings end with its transaction."""
    import pytest

    from factcheck.services import rebuild_inputs

    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner settings")
    _generated(db, events=3)
    settings = sa.text(
        "SELECT current_setting('random_page_cost'), "
        "current_setting('max_parallel_workers_per_gather')"
    )
    defaults = tuple(db.session.execute(settings).one())
    db.session.commit()
    rebuild_inputs.changed(None, TODAY)  # the whole plan: parallel workers are welcome there
    assert tuple(db.session.execute(settings).one()) == defaults
    db.session.commit()
    assert rebuild_inputs.changed([1, 2], TODAY)
    assert tuple(db.session.execute(settings).one()) == ("1.1", "0")
    db.session.commit()
    assert tuple(db.session.execute(settings).one()) == defaults != ("1.1", "0")


def test_a_large_plan_reads_every_claim_once_and_counts_the_same_groups(db, monkeypatch):
    """Past a few thousand events a plan of every event reads the whole claims table instead of
    sending the list of ids; it counts exactly the groups of the events asked for, no other."""
    from factcheck.services import rebuild_plan

    _generated(db)
    asked = [2, 3, 5, 8, 13]
    by_list = rebuild_plan._groups_per_event(asked)
    monkeypatch.setattr(rebuild_plan, "_WHOLE_TABLE", 0)
    assert rebuild_plan._groups_per_event(asked, every=True) == by_list
    assert sorted(by_list) == asked and all(n > 0 for n in by_list.values())


def test_a_batch_keeps_the_plans_digests_and_an_edit_meanwhile_is_done_again(db):
    """A batch does not read its events' digests again: it stores the plan's. A figure edited
    between the plan and the batch is in the batch's result, and its event, whose digest then
    differs from the stored one, is done again by the next rebuild (nothing left stale)."""
    from factcheck.services import rebuild_inputs
    from factcheck.services.rebuild import start_job
    from factcheck.services.rebuild_batch import run_batch
    from factcheck.services.rebuild_plan import plan_batches

    _generated(db, events=3)
    job = start_job()
    (batch_id,) = plan_batches(job.id, TODAY)
    planned = rebuild_inputs.changed(None, TODAY)
    assert db.session.get(RebuildBatch, batch_id).inputs == [planned[e] for e in (1, 2, 3)]

    claim = db.session.scalar(
        sa.select(Claim).where(Claim.event_id == 2, Claim.kind == "quantity").limit(1)
    )
    claim.value = claim.lower = claim.upper = claim.point = 987654
    db.session.commit()
    run_batch(batch_id, today=TODAY)
    batch_results = results(db)

    assert set(rebuild_inputs.changed(None, TODAY)) == {2}
    again = _rebuild()
    assert again.groups > 0 and again.written == []  # the batch had read the edit already
    assert results(db) == batch_results
    assert rebuild_inputs.changed(None, TODAY) == {}


def test_a_batch_reads_its_claims_under_its_own_settings(db, monkeypatch):
    """The settings come first in the batch's transaction: the claims are read by index and
    without parallel workers (at 50,000 events the defaults hashed all 70,000 articles for
    each batch's 4,500 claims: 36-47 ms against 5 ms)."""
    import pytest

    from factcheck.services import reconciling
    from factcheck.services.rebuild import start_job
    from factcheck.services.rebuild_batch import run_batch
    from factcheck.services.rebuild_plan import plan_batches

    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner settings")
    _generated(db, events=3)
    (batch_id,) = plan_batches(start_job().id, TODAY)
    seen = []
    read = reconciling.event_inputs

    def reading(event_ids):
        seen.append(
            tuple(
                db.session.execute(
                    sa.text(
                        "SELECT current_setting('random_page_cost'), "
                        "current_setting('max_parallel_workers_per_gather')"
                    )
                ).one()
            )
        )
        return read(event_ids)

    monkeypatch.setattr(reconciling, "event_inputs", reading)
    run_batch(batch_id, today=TODAY)
    assert seen == [("1.1", "0")]


def test_a_batch_planned_without_digests_reads_them_itself(db):
    """A batch planned before migration 0021 kept no digests: it reads them, does its
    events and stores what it read, so the next rebuild has nothing to do."""
    from factcheck.services import rebuild_inputs
    from factcheck.services.rebuild import start_job
    from factcheck.services.rebuild_batch import run_batch
    from factcheck.services.rebuild_plan import plan_batches

    _generated(db, events=3)
    (batch_id,) = plan_batches(start_job().id, TODAY)
    db.session.get(RebuildBatch, batch_id).inputs = None
    db.session.commit()
    outcome = run_batch(batch_id, today=TODAY)
    assert outcome.groups > 0
    assert rebuild_inputs.changed(None, TODAY) == {}
    assert _rebuild().groups == 0
