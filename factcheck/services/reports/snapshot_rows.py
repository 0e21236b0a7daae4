"""The rows a report snapshot reads, each turned into plain JSON values (see snapshot.py)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from factcheck.domain.ranks import DEPRECATING_RELATIONS, effective_rank
from factcheck.domain.vocabulary import CATEGORIES, METRICS, figure_groups
from factcheck.extensions import db
from factcheck.models import (
    Actor,
    Article,
    Claim,
    Conflict,
    Event,
    Outlet,
    Place,
    Reconciliation,
    Relation,
)
from factcheck.services import places
from factcheck.services.json_values import plain


def event_row(event: Event) -> dict:
    return {
        "id": event.id,
        "slug": event.slug,
        "title": event.title,
        "place": event.place,
        "places": [p.name for p in event.places],
        "start_date": plain(event.start_date),
        "end_date": plain(event.end_date),
        "parent": event.parent.slug if event.parent else None,
    }


def claims(where: sa.ColumnElement[bool], event_id: int) -> list[dict]:
    outlet, original, speaker, cited = (
        aliased(Outlet),
        aliased(Outlet),
        aliased(Actor),
        aliased(Actor),
    )
    rows = db.session.execute(
        sa.select(
            Claim,
            Article.title,
            Article.url,
            Article.language,
            Article.published_at,
            Article.withdrawn_at.label("article_withdrawn_at"),
            outlet.name.label("outlet"),
            original.name.label("republished_from"),
            speaker.name.label("speaker"),
            speaker.kind.label("speaker_kind"),
            cited.name.label("cites"),
            Place.name.label("place"),
        )
        .join(Article, Article.id == Claim.article_id)
        .join(outlet, outlet.id == Article.outlet_id)
        .outerjoin(original, original.id == Article.republished_from_outlet_id)
        .outerjoin(speaker, speaker.id == Claim.attributed_to_id)
        .outerjoin(cited, cited.id == Claim.cites_id)
        .outerjoin(Place, Place.id == Claim.place_id)
        .where(Claim.event_id == event_id, where)
        .order_by(Claim.id)
    ).all()
    return [claim_row(r) for r in rows]


def claim_row(r) -> dict:
    c: Claim = r.Claim
    withdrawn = c.withdrawn_at is not None or r.article_withdrawn_at is not None
    ranked = effective_rank(c.rank, c.deprecated_reason, withdrawn)  # as the engine reads it
    return {
        "id": c.id,
        "kind": c.kind,
        "quote": c.exact,
        "prefix": c.prefix,
        "suffix": c.suffix,
        "start": c.anchor_start,
        "end": c.anchor_end,
        "proposition": c.proposition,
        "translation": c.translation,
        "speaker": r.speaker,
        "speaker_is_person": r.speaker_kind == "person",
        "cites": r.cites,
        "outlet": r.outlet,
        "republished_from": r.republished_from,
        "article_id": c.article_id,
        "article_title": r.title,
        "url": r.url,
        "language": r.language,
        "published_at": plain(r.published_at),
        "stated_on": plain(c.stated_on),
        "metric": c.metric,
        "category": c.category,
        "category_label": c.category_label,
        "qualifier": c.qualifier,
        "modality": c.modality,
        "value": plain(c.value),
        "lower": plain(c.lower),
        "upper": plain(c.upper),
        "point": plain(c.point),
        "unit": c.unit,
        "as_of": plain(c.as_of),
        "place": r.place,
        "rank": ranked.rank,
        "deprecated_reason": ranked.reason,
        "preferred_reason": c.preferred_reason,
        "set_aside_reason": c.set_aside_reason,
        "withdrawn_at": plain(c.withdrawn_at or r.article_withdrawn_at),
        "rank_notes": [],
    }


def relations(event_id: int) -> list[dict]:
    source = aliased(Claim)
    rows = db.session.execute(
        sa.select(Relation.id, Relation.type, Relation.source_id, Relation.target_id, Relation.note)
        .join(source, source.id == Relation.source_id)
        .where(Relation.withdrawn_at.is_(None), source.event_id == event_id)
        .order_by(Relation.id)
    ).all()
    return [
        {
            "id": r.id,
            "type": r.type,
            "source_id": r.source_id,
            "target_id": r.target_id,
            "note": r.note or "",
        }
        for r in rows
    ]


def add_rank_notes(claims: list[dict], relations: list[dict]) -> None:
    """Why a deprecated claim is deprecated, in the linking claim's words ("technical error")."""
    by_id = {c["id"]: c for c in claims}
    for r in relations:
        target = by_id.get(r["target_id"])
        if target is not None and r["type"] in DEPRECATING_RELATIONS:
            target["rank_notes"].append(
                {"type": r["type"], "by": r["source_id"], "note": r["note"]}
            )


def group_order(metric: str, category: str) -> tuple:
    m = METRICS.index(metric) if metric in METRICS else len(METRICS)
    c = CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)
    return m, metric, c, category


def groups(event_id: int) -> list[dict]:
    rows = db.session.execute(
        sa.select(Reconciliation, Place.name)
        .outerjoin(Place, Place.id == Reconciliation.place_id)
        .where(Reconciliation.event_id == event_id)
    ).all()
    depth = places.place_depths(event_id)
    out = [
        {
            "metric": r.metric,
            "category": r.category,
            "place": place,
            "low": plain(r.low),
            "best": plain(r.best),
            "high": plain(r.high),
            "grade": r.grade,
            "flags": list(r.flags),
            "explanation": r.steps,  # written out: a published report keeps its words
            "claims_used": list(r.claims_used),
            "claims_set_aside": [list(x) for x in r.claims_set_aside],
            "side_estimates": dict(r.side_estimates),
            "series": list(r.series or []),
            "computed_at": plain(r.computed_at),
            "fingerprint": r.fingerprint,
        }
        for r, place in rows
    ]
    return sorted(
        out,
        key=lambda g: (
            *group_order(g["metric"], g["category"]),
            depth.get(g["place"], 0),
            g["place"] or "",
        ),
    )


def claim_scope(event_id: int, claim_id: int, relations: list[dict], groups: list[dict]) -> dict:
    claim = db.session.get(Claim, claim_id)
    if claim is None or claim.event_id != event_id:
        raise LookupError(f"no claim {claim_id} in event {event_id}")
    ids = {claim_id}
    ids |= {r["target_id"] for r in relations if r["source_id"] == claim_id}
    ids |= {r["source_id"] for r in relations if r["target_id"] == claim_id}
    wanted = set()
    if claim.kind == "quantity" and claim.metric and claim.category:
        wanted = set(figure_groups(claim.metric, claim.category))
    for g in groups:
        if (g["metric"], g["category"]) in wanted:  # in every place: parts feed their wholes
            ids.update(g["claims_used"])
            ids.update(x[0] for x in g["claims_set_aside"])
    return {"claims": ids, "groups": wanted}


def conflicts(event_id: int) -> list[dict]:
    rows = db.session.scalars(
        sa.select(Conflict).where(Conflict.event_id == event_id).order_by(Conflict.id)
    ).all()
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "metric": r.metric,
            "category": r.category,
            "claim_ids": sorted(r.claim_ids),
            "detail": r.detail,
            "status": r.status,
            "note": r.note,
            "detected_at": plain(r.detected_at),
            "resolved_at": plain(r.resolved_at),
        }
        for r in rows
    ]


def articles(event_id: int | None, article_ids: set[int]) -> list[dict]:
    outlet, original = aliased(Outlet), aliased(Outlet)
    scope = Article.id.in_(sorted(article_ids))
    if (
        event_id is not None
    ):  # an event report also lists the event's articles that hold no claim yet
        scope = sa.or_(scope, Article.event_id == event_id)
    rows = db.session.execute(
        sa.select(Article, outlet.name.label("outlet"), original.name.label("republished_from"))
        .join(outlet, outlet.id == Article.outlet_id)
        .outerjoin(original, original.id == Article.republished_from_outlet_id)
        .where(scope)
        .order_by(Article.id)
    ).all()
    out = []
    for r in rows:
        a: Article = r.Article
        local = a.published_local
        out.append(
            {
                "id": a.id,
                "title": a.title,
                "url": a.url,
                "outlet": r.outlet,
                "republished_from": r.republished_from,
                "language": a.language,
                "published_at": plain(a.published_at),
                "published_local": local.isoformat() if local else None,
                "retrieved_at": plain(a.retrieved_at),
                "sha256": a.sha256,
                # As the import format and the API give them: a finding's words (the page's
                # way of writing it in its reader's language) are not part of a report.
                "findings": [
                    {k: v for k, v in f.items() if k != "words"} for f in a.findings or []
                ],
                "withdrawn_at": plain(a.withdrawn_at),
                "first_appearance": first_appearance(a.republished_from_article),
            }
        )
    return out


def first_appearance(original: Article | None) -> dict | None:
    """The article a republished one copied, when it is known: where its claims appeared first."""
    if original is None:
        return None
    return {
        "url": original.url,
        "title": original.title,
        "published_at": plain(original.published_at),
        "outlet": original.outlet.name,
        "language": original.language,
    }
