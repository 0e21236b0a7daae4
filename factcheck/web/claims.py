"""Claims: log one from a selection, read it with its relations, verdicts and history, change it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from factcheck.domain.claim_rules import BOUNDED, ClaimChange
from factcheck.extensions import db
from factcheck.models import (
    Actor,
    Article,
    Change,
    Claim,
    Event,
    Relation,
    Review,
    SuggestedClaim,
    User,
)
from factcheck.services import claims as claim_service
from factcheck.services import history, intake
from factcheck.services import reviews as review_service
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm, ClaimForm, RelationForm, ReviewForm
from factcheck.web.forms import actor_choices, event_choices

bp = Blueprint("claims", __name__)


def _claim_form(article: Article | None = None, **kwargs) -> ClaimForm:
    form = ClaimForm(**kwargs)
    form.event_id.choices = event_choices()
    form.attributed_to_id.choices = actor_choices()
    form.cites_id.choices = actor_choices(blank="—")
    if article is not None and article.event_id and not form.event_id.data:
        form.event_id.data = str(article.event_id)
    return form


def _speaker(form: ClaimForm, event_id: int) -> int | None:
    """The picked actor, or the new one typed inline (created, and made party_to the event if said so)."""
    if form.new_actor.data:
        name = form.new_actor.data.strip()
        actor = db.session.scalar(sa.select(Actor).where(Actor.name == name))
        if actor is None:
            actor = Actor(name=name, kind=form.new_actor_kind.data)
            if form.new_actor_party.data == "yes":
                actor.party_to.append(db.session.get(Event, event_id))
            db.session.add(actor)
            db.session.flush()
        return actor.id
    return int(form.attributed_to_id.data) if form.attributed_to_id.data else None


@bp.route("/articles/<int:article_id>/claims/new", methods=["GET", "POST"])
@requires("log")
def new(article_id: int):
    """Log a claim: the quote comes from the words selected in the article."""
    article = db.session.get(Article, article_id) or abort(404)
    form = _claim_form(article)
    form.article_text = article.text
    if request.method == "GET":
        start, end = request.args.get("start", type=int), request.args.get("end", type=int)
        if start is not None and end is not None and 0 <= start < end <= len(article.text):
            form.exact.data, form.start.data = article.text[start:end], start
        if article.published_at:
            form.stated_on.data = article.published_local.date()
        if suggestion := _suggestion(article, request.args.get("suggestion", type=int)):
            _prefill(form, suggestion)
    if form.validate_on_submit():
        event_id = int(form.event_id.data)
        draft = form.draft(event_id, _speaker(form, event_id))
        suggestion = _suggestion(article, int(form.suggestion_id.data or 0))
        try:
            if suggestion is not None:  # "edit first": accepted as the reviewer corrected it
                claim = intake.accept(suggestion, user_id=current_user.id, draft=draft)
            else:
                claim = claim_service.create_claim(article, draft, user_id=current_user.id)
        except claim_service.InvalidChange as err:
            db.session.rollback()
            form.show_problems(err.problems)
            if not err.problems:
                form.exact.errors = [*form.exact.errors, str(err)]
        else:
            flash(f"Logged claim {claim.id}.")
            return redirect(url_for("claims.show", claim_id=claim.id))
    status = 400 if request.method == "POST" else 200
    return render_template("claims/form.html", form=form, article=article, claim=None), status


def _suggestion(article: Article, suggestion_id: int | None) -> SuggestedClaim | None:
    if not suggestion_id:
        return None
    suggestion = db.session.get(SuggestedClaim, suggestion_id)
    ok = (
        suggestion is not None
        and suggestion.article_id == article.id
        and suggestion.status == "pending"
    )
    return suggestion if ok else None


def _prefill(form: ClaimForm, suggestion: SuggestedClaim) -> None:
    """Open the form with what the assistant read, for the reviewer to correct before saving."""
    d = suggestion.data
    form.exact.data, form.start.data, form.kind.data = (
        suggestion.exact,
        suggestion.anchor_start,
        suggestion.kind,
    )
    form.suggestion_id.data = str(suggestion.id)
    form.new_actor.data = d.get("attributed_to") or ""
    form.proposition.data = d.get("proposition") or ""
    if d.get("stated_on"):
        form.stated_on.data = date.fromisoformat(d["stated_on"])
    for name in ("metric", "category", "category_label", "qualifier", "modality"):
        if d.get(name):
            getattr(form, name).data = d[name]
    for name in ("value", "lower", "upper"):
        if d.get(name) is not None:
            getattr(form, name).data = Decimal(str(d[name]))


@bp.route("/suggestions/<int:suggestion_id>/<decision>", methods=["POST"])
@requires("log")
def decide(suggestion_id: int, decision: str):
    """Accept a suggested claim in one click, or reject it for good."""
    suggestion = db.session.get(SuggestedClaim, suggestion_id) or abort(404)
    if decision not in ("accept", "reject"):
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            if decision == "accept":
                claim = intake.accept(suggestion, user_id=current_user.id)
                flash(f"Accepted: claim {claim.id}.")
            else:
                intake.reject(suggestion, user_id=current_user.id)
                flash("Rejected; the assistant will not suggest it again.")
        except claim_service.InvalidChange as err:
            db.session.rollback()
            flash(f"Not done: {err}", "error")
    return redirect(url_for("articles.show", article_id=suggestion.article_id) + "#suggestions-h")


@bp.route("/claims/<int:claim_id>")
@login_required
def show(claim_id: int):
    """A claim in context, with its relations, verdicts and change history."""
    claim = db.session.get(Claim, claim_id) or abort(404)
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
    return render_template(
        "claims/show.html",
        claim=claim,
        context=context,
        relations=relations,
        reviews=reviews,
        changes=changes,
        relation_form=RelationForm(),
        review_form=ReviewForm(),
        action_form=ActionForm(),
    )


@bp.route("/claims/<int:claim_id>/edit", methods=["GET", "POST"])
@requires("log")
def edit(claim_id: int):
    """Change a claim; a save over someone else's newer version is refused and shows theirs."""
    claim = db.session.get(Claim, claim_id) or abort(404)
    form = _claim_form(obj=claim) if request.method == "GET" else _claim_form()
    if request.method == "GET":
        form.attributed_to_id.data = str(claim.attributed_to_id or "")
        form.cites_id.data = str(claim.cites_id or "")
        form.event_id.data, form.version.data = str(claim.event_id), str(claim.version)
    # The quote, kind and event are fixed once logged: the page shows them, the form keeps them.
    form.exact.data, form.kind.data, form.event_id.data = (
        claim.exact,
        claim.kind,
        str(claim.event_id),
    )
    theirs, their_changes = None, []
    if form.validate_on_submit():
        quantity = form.quantity_fields() if claim.kind == "quantity" else {}
        if claim.qualifier not in BOUNDED:  # a value qualifier's bounds follow from its value
            quantity = {k: v for k, v in quantity.items() if k not in ("lower", "upper")}
        changes = ClaimChange(
            stated_on=form.stated_on.data,
            proposition=form.proposition.data or None,
            attributed_to_id=_speaker(form, claim.event_id),
            place=form.place.data or None,
            as_of=form.as_of.data,
            cites_id=int(form.cites_id.data) if form.cites_id.data else None,
            **quantity,
        )
        mine = int(form.version.data or 0)
        try:
            claim_service.update_claim(
                claim, changes, expected_version=mine, user_id=current_user.id
            )
        except (
            claim_service.StaleVersion,
            sa.orm.exc.StaleDataError,
        ):  # checked here, or by the UPDATE itself
            db.session.rollback()
            theirs = db.session.get(Claim, claim_id)
            their_changes = history.changes_since("claim", claim_id, mine)
            form.version.errors = [
                f"Claim {claim_id} is at version {theirs.version} now; you started from version {mine}."
            ]
            form.version.raw_data, form.version.data = (
                None,
                str(theirs.version),
            )  # saving again goes over theirs
        except claim_service.InvalidChange as err:
            db.session.rollback()
            form.show_problems(err.problems)
            if not err.problems:
                form.exact.errors = [*form.exact.errors, str(err)]
        else:
            flash(f"Saved claim {claim.id} (version {claim.version}).")
            return redirect(url_for("claims.show", claim_id=claim.id))
    status = 409 if theirs else 400 if request.method == "POST" else 200
    return render_template(
        "claims/form.html",
        form=form,
        article=claim.article,
        claim=claim,
        theirs=theirs,
        their_changes=their_changes,
        changed_fields=history.changed_fields,
    ), status


@bp.route("/claims/<int:claim_id>/withdraw", methods=["POST"])
@requires("log")
def withdraw(claim_id: int):
    """Soft-delete: the claim stays, struck through as withdrawn, restorable."""
    return _toggle(
        claim_id,
        claim_service.withdraw_claim,
        "Withdrew claim {}; it stays visible and can be restored.",
    )


@bp.route("/claims/<int:claim_id>/restore", methods=["POST"])
@requires("log")
def restore(claim_id: int):
    """Undo a withdrawal: the claim counts again."""
    return _toggle(claim_id, claim_service.restore_claim, "Restored claim {}.")


def _toggle(claim_id: int, change, done: str):
    """Withdraw or restore, only from the version the button was shown on (else say what changed)."""
    claim = db.session.get(Claim, claim_id) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            change(
                claim,
                user_id=current_user.id,
                expected_version=request.form.get("version", type=int),
            )
            flash(done.format(claim.id))
        except (
            claim_service.StaleVersion,
            claim_service.InvalidChange,
            sa.orm.exc.StaleDataError,
        ) as err:
            db.session.rollback()
            flash(
                f"Not done: claim {claim_id} changed since you opened it ({err}); its page shows it as it is now.",
                "error",
            )
    return redirect(url_for("claims.show", claim_id=claim_id))


@bp.route("/relations/<int:relation_id>/withdraw", methods=["POST"])
@requires("log")
def withdraw_relation(relation_id: int):
    """Withdraw a link between two claims: it stays, struck through, restorable; ranks follow."""
    return _toggle_relation(relation_id, claim_service.withdraw_relation, "Withdrew")


@bp.route("/relations/<int:relation_id>/restore", methods=["POST"])
@requires("log")
def restore_relation(relation_id: int):
    """Put a withdrawn link back in force."""
    return _toggle_relation(relation_id, claim_service.restore_relation, "Restored")


def _toggle_relation(relation_id: int, change, done: str):
    relation = db.session.get(Relation, relation_id) or abort(404)
    back = request.form.get("claim_id", type=int) or relation.source_id
    if ActionForm().validate_on_submit():
        try:
            change(
                relation,
                user_id=current_user.id,
                expected_version=request.form.get("version", type=int),
            )
            flash(
                f"{done} the link: claim {relation.source_id} {relation.type.replace('_', ' ')} claim {relation.target_id}."
            )
        except (
            claim_service.StaleRelation,
            claim_service.InvalidChange,
            sa.orm.exc.StaleDataError,
        ) as err:
            db.session.rollback()
            flash(f"Not done: {err}. The page shows the link as it is now.", "error")
    return redirect(url_for("claims.show", claim_id=back) + "#relations-h")


@bp.route("/claims/<int:claim_id>/relations", methods=["POST"])
@requires("log")
def relate(claim_id: int):
    """Link this claim to another: retracts, corrects, supersedes, … with a note."""
    claim = db.session.get(Claim, claim_id) or abort(404)
    form = RelationForm()
    if form.validate_on_submit():
        target = db.session.get(Claim, form.target_id.data)
        try:
            if target is None:
                raise claim_service.InvalidChange(f"there is no claim {form.target_id.data}")
            claim_service.add_relation(
                claim, target, form.type.data, form.note.data, user_id=current_user.id
            )
            flash(f"Claim {claim.id} {form.type.data.replace('_', ' ')} claim {target.id}.")
        except (claim_service.InvalidChange, sa.exc.IntegrityError) as err:
            db.session.rollback()
            flash(
                f"Not linked: {err.orig if isinstance(err, sa.exc.IntegrityError) else err}",
                "error",
            )
    else:
        flash(
            "Not linked: "
            + "; ".join(f"{form[k].label.text} {', '.join(v)}" for k, v in form.errors.items()),
            "error",
        )
    return redirect(url_for("claims.show", claim_id=claim.id))


@bp.route("/claims/<int:claim_id>/reviews", methods=["POST"])
@requires("draft")
def review(claim_id: int):
    """Draft a verdict; an editor publishes it."""
    claim = db.session.get(Claim, claim_id) or abort(404)
    form = ReviewForm()
    if form.validate_on_submit():
        links = [line.strip() for line in (form.evidence.data or "").splitlines() if line.strip()]
        review_service.draft_review(
            claim, form.rating.data, form.rationale.data, links, user_id=current_user.id
        )
        flash("Saved the draft verdict; an editor publishes it.")
    else:
        flash(
            "Verdict not saved: "
            + "; ".join(f"{form[k].label.text}: {', '.join(v)}" for k, v in form.errors.items()),
            "error",
        )
    return redirect(url_for("claims.show", claim_id=claim.id))


@bp.route("/reviews/<int:review_id>/publish", methods=["POST"])
@requires("publish")
def publish_review(review_id: int):
    """An editor publishes a drafted verdict."""
    review = db.session.get(Review, review_id) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            review_service.publish_review(review, user_id=current_user.id)
            flash(f"Published verdict {review.id}.")
        except claim_service.InvalidChange as err:
            flash(str(err), "error")
    return redirect(url_for("claims.show", claim_id=review.claim_id))
