"""A claim's page: the claim in context, its relations, verdicts and history, and their forms.

Rendered by the page itself and again by a refused form (a relation that could
not be made, a verdict missing its rating or too long), which shows what the
reviewer typed and chose beside the error.
The relation form finds its target by searching the event's claims across
articles (`?find=` words of the quote, the value, the speaker): no id to type.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template, request

from factcheck.extensions import db
from factcheck.models import Change, Claim, Relation, Review, User
from factcheck.services.published_verdicts import verdict_of_claim
from factcheck.services.search import relation_candidates
from factcheck.web.claim_forms import ActionForm, RelationForm, ReviewForm


def render_claim(
    claim: Claim,
    relation_form: RelationForm | None = None,
    status: int = 200,
    review_form: ReviewForm | None = None,
):
    """The page of `claim`; with `relation_form` or `review_form`, the one posted and refused,
    as it was typed."""
    relations = db.session.scalars(
        sa.select(Relation)
        .where(sa.or_(Relation.source_id == claim.id, Relation.target_id == claim.id))
        .order_by(Relation.id)
    ).all()
    reviews = db.session.scalars(
        sa.select(Review).where(Review.claim_id == claim.id).order_by(Review.id)
    ).all()
    changes = db.session.execute(
        sa.select(Change, User.email)
        .outerjoin(User, User.id == Change.user_id)
        .where(
            sa.or_(
                sa.and_(Change.entity_type == "claim", Change.entity_id == claim.id),
                sa.and_(
                    Change.entity_type == "relation",
                    Change.entity_id.in_([r.id for r in relations]),
                ),
                sa.and_(
                    Change.entity_type == "review", Change.entity_id.in_([r.id for r in reviews])
                ),
            )
        )
        .order_by(Change.at.desc(), Change.id.desc())
    ).all()
    text = claim.article.text
    context = (
        text[max(0, claim.anchor_start - 300) : claim.anchor_start],
        text[claim.anchor_end : claim.anchor_end + 300],
    )
    relation_form = relation_form or RelationForm(formdata=None)
    find = (request.values.get("find") or "").strip()[:200]
    relation_form.find.data = find
    return render_template(
        "claims/show.html",
        claim=claim,
        context=context,
        relations=relations,
        reviews=reviews,
        verdict=verdict_of_claim(claim.id),  # its public page, where it is corrected
        changes=changes,
        relation_form=relation_form,
        find=find,
        candidates=relation_candidates(claim, find) if find else [],
        review_form=review_form or ReviewForm(formdata=None),
        action_form=ActionForm(),
    ), status
