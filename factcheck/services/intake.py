"""After an article is stored: read its metadata and propose claims (the extraction assistant).

Runs as a background job on intake. Findings are merged into the article's
findings; each suggestion is stored once, so a rejected one stays rejected when
the assistant runs again. Accepting turns a suggestion into a claim through
the same service a reviewer's form uses.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from factcheck.domain import extraction
from factcheck.extensions import db
from factcheck.models import Article, Claim, SuggestedClaim
from factcheck.models.types import utcnow
from factcheck.services import claims as claim_service
from factcheck.services.sources import actor_named
from factcheck.services.unit_of_work import transaction

# Near-duplicate search looks at this many recent articles of the same event (or overall).
DUPLICATE_CANDIDATES = 200


def analyse_article(article_id: int) -> tuple[int, int]:
    """Store findings and new suggestions for the article; (findings added, suggestions added)."""
    with transaction():
        return _analyse(article_id)


def _analyse(article_id: int) -> tuple[int, int]:
    article = db.session.get(Article, article_id)
    if article is None:
        return 0, 0
    published = article.published_local
    candidates = db.session.execute(
        sa.select(Article.id, Article.text)
        .where(Article.id != article.id)
        .where(Article.event_id == article.event_id if article.event_id else sa.true())
        .order_by(Article.id.desc())
        .limit(DUPLICATE_CANDIDATES)
    ).all()
    found = extraction.findings(
        article.text,
        language=article.language,
        published_at=published,
        outlet=article.outlet.name,
        candidates=[tuple(c) for c in candidates],
    )
    known = {(f.get("kind"), f.get("detail")) for f in article.findings or []}
    new_findings = [f.to_dict() for f in found if (f.kind, f.detail) not in known]
    if new_findings:
        article.findings = [*(article.findings or []), *new_findings]
    stored = {
        (s.kind, s.anchor_start, s.anchor_end)
        for s in db.session.scalars(
            sa.select(SuggestedClaim).where(SuggestedClaim.article_id == article.id)
        )
    }
    added = 0
    for s in extraction.suggest(article.text, language=article.language, published_at=published):
        if (s.kind, s.anchor.start, s.anchor.end) in stored:
            continue
        db.session.add(
            SuggestedClaim(
                article_id=article.id,
                kind=s.kind,
                anchor_start=s.anchor.start,
                anchor_end=s.anchor.end,
                exact=s.anchor.exact,
                data=s.to_dict(),
            )
        )
        stored.add((s.kind, s.anchor.start, s.anchor.end))
        added += 1
    return len(new_findings), added


def _actor(name: str | None) -> int | None:
    """The stored actor with this name (any case), or a new one: one click should not need a form."""
    if not name:
        return None
    return actor_named(name, notes="Created when a suggested claim was accepted.").id


def accept(suggestion: SuggestedClaim, user_id: int | None, via: str = "web") -> Claim:
    """Turn a pending suggestion into a claim (and a retraction into its `retracts` links), at once."""
    with transaction():
        return _accept(suggestion, user_id, via)


def _accept(suggestion: SuggestedClaim, user_id: int | None, via: str) -> Claim:
    if suggestion.status != "pending":
        raise claim_service.InvalidChange(
            f"suggestion {suggestion.id} is {suggestion.status} already"
        )
    article = db.session.get(Article, suggestion.article_id)
    if article.event_id is None:
        raise claim_service.InvalidChange(
            "give the article an event first: every claim is about one"
        )
    d = suggestion.data
    stated = (
        date.fromisoformat(d["stated_on"])
        if d.get("stated_on")
        else (article.published_local.date() if article.published_at else date.today())
    )
    fields = {
        "exact": suggestion.exact,
        "start": suggestion.anchor_start,
        "kind": suggestion.kind,
        "event_id": article.event_id,
        "attributed_to_id": _actor(d.get("attributed_to")),
        "stated_on": stated,
        "proposition": d.get("proposition"),
    }
    if suggestion.kind == "quantity":
        fields |= {
            k: d.get(k)
            for k in ("metric", "category", "category_label", "qualifier", "modality", "value")
        }
        if d.get("qualifier") in ("range", "vague"):
            fields |= {"lower": d.get("lower"), "upper": d.get("upper")}
    claim = claim_service.create_claim(article, fields, user_id=user_id, via=via)
    suggestion.status, suggestion.claim_id = "accepted", claim.id
    suggestion.decided_by_id, suggestion.decided_at = user_id, utcnow()
    if suggestion.kind == "retraction":
        for target in d.get("retracts") or []:
            withdrawn = db.session.scalar(
                sa.select(Claim).where(
                    Claim.article_id == article.id,
                    Claim.anchor_start == target["start"],
                    Claim.anchor_end == target["end"],
                )
            )
            if withdrawn is not None:
                claim_service.add_relation(
                    claim, withdrawn, "retracts", "suggested retraction, accepted", user_id, via=via
                )
    return claim


def reject(suggestion: SuggestedClaim, user_id: int | None) -> None:
    if suggestion.status != "pending":
        raise claim_service.InvalidChange(
            f"suggestion {suggestion.id} is {suggestion.status} already"
        )
    with transaction():
        suggestion.status, suggestion.decided_by_id, suggestion.decided_at = (
            "rejected",
            user_id,
            utcnow(),
        )
