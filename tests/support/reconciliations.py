"""Reading results back: every stored reconciliation, comparable across runs."""

from __future__ import annotations

import sqlalchemy as sa


def results(db) -> dict:
    """Every reconciliation as {(event, metric, category): (low, best, high, grade, ...)}."""
    from factcheck.models import Reconciliation

    rows = db.session.scalars(
        sa.select(Reconciliation).order_by(
            Reconciliation.event_id, Reconciliation.metric, Reconciliation.category
        )
    ).all()
    return {
        (r.event_id, r.metric, r.category): (
            r.low,
            r.best,
            r.high,
            r.grade,
            r.flags,
            r.explanation,
            r.claims_used,
            r.claims_set_aside,
            r.fingerprint,
        )
        for r in rows
    }
