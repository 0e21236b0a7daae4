"""The results section of an event page: figure groups, conflicts and charts, read for display.

Kept apart from the routes in events.py: these read the stored results, cap
what a big event shows, and cache the rendered section per change of its data.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import render_template, request
from flask_login import current_user
from sqlalchemy.orm import selectinload

from factcheck.domain.vocabulary import DEPRECATED_REASONS
from factcheck.extensions import db
from factcheck.models import Article, Claim, Conflict, Event, Job, Reconciliation
from factcheck.services.reports.charts import timeline_svg
from factcheck.services.reports.view import interval_text
from factcheck.web import fragments
from factcheck.web.claim_forms import ActionForm

# A big event has thousands of figures: the page shows this many per group and
# this many conflicts, and links to the search page (or ?conflicts=all) for the rest.
FIGURES_SHOWN = 30
CONFLICTS_SHOWN = 50
STEPS_SHOWN = 60


def with_sources(query: sa.Select) -> sa.Select:
    return query.options(
        selectinload(Claim.attributed_to), selectinload(Claim.article).selectinload(Article.outlet)
    )


def results_context(event: Event) -> dict:
    results = db.session.scalars(
        sa.select(Reconciliation)
        .where(Reconciliation.event_id == event.id)
        .order_by(Reconciliation.metric, Reconciliation.id)
    ).all()
    shown: dict[int, list[tuple[int, str | None]]] = {}  # group -> (claim id, why set aside)
    totals: dict[int, int] = {}
    for r in results:
        aside = dict(r.claims_set_aside)
        # Withdrawn figures first: a retraction stays visible on every view of its group.
        dead = [cid for cid, reason in aside.items() if reason in DEPRECATED_REASONS]
        ids = list(dict.fromkeys([*dead, *r.claims_used, *aside]))
        shown[r.id] = [(cid, aside.get(cid)) for cid in ids[:FIGURES_SHOWN]]
        totals[r.id] = len(ids)
    claim_ids = {cid for ids in shown.values() for cid, _ in ids}
    claims = {
        c.id: c
        for c in db.session.scalars(with_sources(sa.select(Claim).where(Claim.id.in_(claim_ids))))
    }
    all_conflicts = request.args.get("conflicts") == "all"
    query = (
        sa.select(Conflict)
        .where(Conflict.event_id == event.id)
        .order_by(Conflict.status != "open", Conflict.id)
    )
    conflict_total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    conflicts = db.session.scalars(query if all_conflicts else query.limit(CONFLICTS_SHOWN)).all()
    conflict_claims = {
        c.id: c
        for c in db.session.scalars(
            with_sources(
                sa.select(Claim).where(
                    Claim.id.in_({i for c in conflicts for i in c.claim_ids[:FIGURES_SHOWN]})
                )
            )
        )
    }
    return {
        "event": event,
        "results": results,
        "shown": shown,
        "claims": claims,
        "conflicts": conflicts,
        "conflict_total": conflict_total,
        "totals": totals,
        "conflict_claims": conflict_claims,
        "action_form": ActionForm(),
        "figures_shown": FIGURES_SHOWN,
        "steps_shown": STEPS_SHOWN,
    }


def results_state(event: Event) -> str:
    """A short token that changes whenever a result, a conflict or a claim of the event changes."""
    results = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(Reconciliation.computed_at)).where(
            Reconciliation.event_id == event.id
        )
    ).one()
    conflicts = db.session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(Conflict.version), 0)).where(
            Conflict.event_id == event.id
        )
    ).one()  # every change to a conflict bumps its version; new ones add to the count
    claims = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(Claim.updated_at)).where(Claim.event_id == event.id)
    ).one()  # quotes, speakers and ranks show on the page too
    return hashlib.sha256(
        repr((tuple(results), tuple(conflicts), tuple(claims))).encode()
    ).hexdigest()[:16]


def results_html(event: Event, state: str):
    """The results section, rendered once per change of the data it shows (and per role).

    `state` is the token the page also hands to its poller: one reading, so the
    section and the token on the page always describe the same data.
    """
    all_conflicts = request.args.get("conflicts") == "all"
    key = (str(db.engine.url), event.id, state, current_user.role, all_conflicts)
    return fragments.cached(
        key, lambda: render_template("events/_results.html", **results_context(event))
    )


def latest_job(event: Event) -> Job | None:
    return db.session.scalar(
        sa.select(Job)
        .where(sa.or_(Job.event_id == event.id, Job.event_id.is_(None)))
        .order_by(Job.id.desc())
        .limit(1)
    )


def timeline(event: Event, result: Reconciliation) -> str:
    """The group's figures by day with the reconciled band, as SVG."""
    rows = db.session.execute(
        sa.select(
            Claim.id, Claim.stated_on, Claim.lower, Claim.upper, Claim.point, Claim.rank
        ).where(
            Claim.event_id == event.id,
            Claim.kind == "quantity",
            Claim.metric == result.metric,
            Claim.category == result.category,
        )
    ).all()
    used = set(result.claims_used)
    claims = [
        {
            "id": r.id,
            "stated_on": r.stated_on.isoformat(),
            "lower": r.lower,
            "upper": r.upper,
            "point": r.point,
            "rank": r.rank,
            "used": r.id in used,
        }
        for r in rows
    ]
    group = {
        "claims": claims,
        "low": result.low,
        "best": result.best,
        "high": result.high,
        "interval": interval_text(result.low, result.high),
    }
    return timeline_svg(group)
