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

from factcheck.domain.report_words import group_summary
from factcheck.domain.vocabulary import DEPRECATED_REASONS
from factcheck.extensions import db
from factcheck.i18n import current_locale
from factcheck.models import Article, Claim, Conflict, Event, Job, Place, Reconciliation
from factcheck.services import places
from factcheck.services.reports.charts import timeline_svg
from factcheck.services.reports.snapshot_rows import group_order
from factcheck.services.reports.view import interval_text
from factcheck.web import fragments
from factcheck.web.claim_forms import ActionForm
from factcheck.web.conflict_forms import (
    CloseConflictForm,
    decision_choices,
    decision_words,
    figure_text,
    reopen_form,
)
from factcheck.web.form_messages import say

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
    paths = place_paths(event.id)
    results = sorted(
        db.session.scalars(
            sa.select(Reconciliation).where(Reconciliation.event_id == event.id)
        ).all(),
        key=lambda r: (*group_order(r.metric, r.category), paths.get(r.place_id, ())),
    )
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
    said = {i: _said(c) for i, c in claims.items()}
    summaries = {r.id: say(group_summary(_group(r, paths), said)) for r in results}
    all_conflicts = request.args.get("conflicts") == "all"
    query = (
        sa.select(Conflict)
        .where(Conflict.event_id == event.id)
        .order_by(_conflict_order(), Conflict.id)
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
        "paths": paths,
        "shown": shown,
        "claims": claims,
        "conflicts": conflicts,
        "conflict_total": conflict_total,
        "totals": totals,
        "conflict_claims": conflict_claims,
        "action_form": ActionForm(),
        "summaries": summaries,
        "figures_shown": FIGURES_SHOWN,
        "figure_text": figure_text,
        "decision_words": decision_words,
        "close_form": lambda k: _close_form(k, conflict_claims),
        "reopen_form_for": reopen_form,
        "steps_shown": STEPS_SHOWN,
    }


def _conflict_order():
    """Open first, then those a reviewer decided, then those the engine settled by itself."""
    return sa.case(
        (Conflict.status == "open", 0),
        (Conflict.resolved_by_id.is_not(None), 1),
        else_=2,
    )


def _close_form(conflict: Conflict, claims: dict):
    """The decision form of an open conflict's card (web/conflicts.py reads what it posts)."""
    form = CloseConflictForm(prefix=f"c{conflict.id}", version=conflict.version)
    form.decision.choices = decision_choices(conflict, claims)
    return form


def _group(r: Reconciliation, paths: dict) -> dict:
    """The group as the plain summary reads it (the report's snapshot shape)."""
    path = paths.get(r.place_id, ())
    return {
        "metric": r.metric,
        "category": r.category,
        "place": path[-1] if path else None,
        "low": r.low,
        "best": r.best,
        "high": r.high,
        "grade": r.grade,
        "flags": r.flags,
        "claims_used": r.claims_used,
        "claims_set_aside": r.claims_set_aside,
    }


def _said(claim: Claim) -> dict:
    """A shown claim as the plain summary reads it: its figure and who it comes from."""
    copied = claim.article.republished_from
    return {
        "kind": claim.kind,
        "value": claim.value,
        "point": claim.point,
        "qualifier": claim.qualifier,
        "quote": claim.exact,
        "speaker": claim.attributed_to.name if claim.attributed_to else None,
        "outlet": claim.article.outlet.name,
        "republished_from": copied.name if copied else None,
    }


def results_state(event: Event) -> str:
    """A short token that changes whenever a result, a conflict or a claim of the event changes."""
    results = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(Reconciliation.computed_at)).where(
            Reconciliation.event_id == event.id
        )
    ).one()
    conflicts = db.session.execute(
        sa.select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(Conflict.version), 0),
            sa.func.count(Conflict.detail_words),  # an older row given its structured detail
        ).where(Conflict.event_id == event.id)
    ).one()  # every change to a conflict bumps its version; new ones add to the count
    claims = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(Claim.updated_at)).where(Claim.event_id == event.id)
    ).one()  # quotes, speakers and ranks show on the page too
    return hashlib.sha256(
        repr((tuple(results), tuple(conflicts), tuple(claims))).encode()
    ).hexdigest()[:16]


def results_html(event: Event, state: str):
    """The results section, rendered once per change of the data it shows (and per role and
    language: its words and figures are the reader's).

    `state` is the token the page also hands to its poller: one reading, so the
    section and the token on the page always describe the same data.
    """
    all_conflicts = request.args.get("conflicts") == "all"
    key = (str(db.engine.url), event.id, state, current_user.role, current_locale(), all_conflicts)
    return fragments.cached(
        key, lambda: render_template("events/_results.html", **results_context(event))
    )


def place_paths(event_id: int) -> dict[int | None, tuple[str, ...]]:
    """Each place of the event as its path from the whole area: (), ("Syria",), ("Syria", "Idlib").

    Sorting groups by these paths lists the whole area first, then each place
    followed by the places inside it: the page's tree.
    """
    tree = places.parents([event_id]).get(event_id, {})
    names = dict(db.session.execute(sa.select(Place.id, Place.name)).all())
    paths: dict[int | None, tuple[str, ...]] = {None: ()}
    for place_id in tree:
        path, up, seen = [names[place_id]], tree[place_id], {place_id}
        while up is not None and up not in seen:
            seen.add(up)
            path.insert(0, names[up])
            up = tree.get(up)
        paths[place_id] = tuple(path)
    return paths


def latest_job(event: Event) -> Job | None:
    return db.session.scalar(
        sa.select(Job)
        .where(sa.or_(Job.event_id == event.id, Job.event_id.is_(None)))
        .order_by(Job.id.desc())
        .limit(1)
    )


def timeline(event: Event, result: Reconciliation) -> str:
    """The group's figures at their moments with the estimate as it stood, as SVG."""
    rows = db.session.execute(
        sa.select(
            Claim.id,
            Claim.stated_on,
            Claim.as_of,
            Claim.lower,
            Claim.upper,
            Claim.point,
            Claim.rank,
        ).where(
            Claim.event_id == event.id,
            Claim.kind == "quantity",
            Claim.metric == result.metric,
            Claim.category == result.category,
            Claim.place_id == result.place_id
            if result.place_id is not None
            else Claim.place_id.is_(None),
        )
    ).all()
    used = set(result.claims_used)
    aside = dict(result.claims_set_aside)
    claims = [
        {
            "id": r.id,
            "stated_on": r.stated_on.isoformat(),
            "as_of": r.as_of.isoformat() if r.as_of else None,
            "lower": r.lower,
            "upper": r.upper,
            "point": r.point,
            "rank": r.rank,
            "used": r.id in used,
            "overtaken": (aside.get(r.id) or "").startswith("overtaken"),
        }
        for r in rows
    ]
    group = {
        "claims": claims,
        "low": result.low,
        "best": result.best,
        "high": result.high,
        "series": result.series,
        "interval": interval_text(result.low, result.high),
    }
    return timeline_svg(group)
