"""A rebuild stores exactly what the engine answers: rows, fingerprints, explanation text.

The explanation is stored structured (sentence ids and their arguments) and its words are
written when shown: the words read from a stored row are compared with the engine's own.

However the rows are written (bulk upserts) and whatever is skipped as unchanged, a
reviewer reads the same results and conflicts as the engine run on the same claims.
"""

from __future__ import annotations

import json
from datetime import date

import sqlalchemy as sa

from factcheck.models import Claim, Conflict, Place, Reconciliation
from tests.support import synthetic

TODAY = date(2024, 6, 1)


def _engine_answer(db) -> tuple[dict, dict]:
    """Results and conflicts the engine finds now, straight from the domain, keyed as stored."""
    from factcheck.domain.reconciliation import reconcile_event
    from factcheck.services.engine_facts import event_inputs
    from factcheck.services.reconciling import RESULT_FIELDS, conflict_key

    event_ids = db.session.scalars(sa.select(Claim.event_id).distinct()).all()
    results, conflicts = {}, {}
    for ev in event_inputs(event_ids):
        found, findings = reconcile_event(
            ev.slug, ev.claims, ev.relations, TODAY, ev.is_open, places=ev.places
        )
        for r in found:
            data = json.loads(json.dumps(r.to_dict()))  # as JSON stores it: tuples read as lists
            key = (ev.event_id, r.metric, r.category, r.place)
            words = [(s.rule, s.text, list(s.claim_ids)) for s in r.explanation]
            results[key] = (*(data[name] for name in RESULT_FIELDS), words)
        for f in findings:
            conflicts[(ev.event_id, conflict_key(f))] = (f.kind, sorted(f.claim_ids), f.detail)
    return results, conflicts


def _stored(db) -> tuple[dict, dict]:
    from factcheck.services.reconciling import RESULT_FIELDS

    names = dict(db.session.execute(sa.select(Place.id, Place.name)).all())
    results = {
        (r.event_id, r.metric, r.category, names.get(r.place_id)): (
            *(getattr(r, name) for name in RESULT_FIELDS),
            [(s["rule"], s["text"], s["claim_ids"]) for s in r.steps],
        )
        for r in db.session.scalars(sa.select(Reconciliation))
    }
    conflicts = {
        (c.event_id, c.key): (c.kind, c.claim_ids, c.detail)
        for c in db.session.scalars(sa.select(Conflict).where(Conflict.status == "open"))
    }
    return results, conflicts


def test_a_rebuild_stores_the_engines_results_and_conflicts(db):
    from factcheck.services.rebuild import run_rebuild, start_job

    with db.engine.begin() as conn:
        synthetic.generate(conn, events=40, claims_per_event=12, seed=17)
    run_rebuild(start_job().id, today=TODAY)

    stored_results, stored_conflicts = _stored(db)
    engine_results, engine_conflicts = _engine_answer(db)
    assert len(stored_results) > 100 and stored_conflicts
    assert stored_results == engine_results
    assert stored_conflicts == engine_conflicts


def test_after_edits_the_stored_answer_is_still_the_engines(db):
    from factcheck.services.rebuild import run_rebuild, start_job

    with db.engine.begin() as conn:
        synthetic.generate(conn, events=20, claims_per_event=12, seed=23)
    run_rebuild(start_job().id, today=TODAY)
    edited = db.session.scalars(
        sa.select(Claim).where(Claim.kind == "quantity").order_by(Claim.id).limit(3)
    ).all()
    for claim in edited:
        claim.value, claim.lower, claim.upper, claim.point = 77777, 77777, 77777, 77777
    db.session.commit()
    run_rebuild(start_job().id, today=TODAY)

    assert _stored(db) == _engine_answer(db)
