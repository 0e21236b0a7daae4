"""Relations between claims and verdicts on them: the forms on a claim's page post here.

Routes of the `claims` blueprint, kept apart from logging and editing claims (claims.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.extensions import db
from factcheck.input_guard import whole_number
from factcheck.models import (
    Claim,
    Relation,
    Review,
)
from factcheck.services import claims as claim_service
from factcheck.services import relations as relation_service
from factcheck.services import reviews as review_service
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm, PublishVerdictForm, RelationForm, ReviewForm
from factcheck.web.claim_page import render_claim
from factcheck.web.claims import bp
from factcheck.web.form_messages import say
from factcheck.web.submit_once import KeyRefused, Once


@bp.route("/relations/<int:relation_id>/withdraw", methods=["POST"])
@requires("log")
def withdraw_relation(relation_id: int):
    """Withdraw a link between two claims: it stays, struck through, restorable; ranks follow."""
    return _toggle_relation(relation_id, relation_service.withdraw_relation, _("Withdrew"))


@bp.route("/relations/<int:relation_id>/restore", methods=["POST"])
@requires("log")
def restore_relation(relation_id: int):
    """Put a withdrawn link back in force."""
    return _toggle_relation(relation_id, relation_service.restore_relation, _("Restored"))


def _toggle_relation(relation_id: int, change, done: str):
    relation = db.session.get(Relation, relation_id) or abort(404)
    back = request.form.get("claim_id", type=whole_number) or relation.source_id
    if ActionForm().validate_on_submit():
        try:
            change(
                relation,
                user_id=current_user.id,
                expected_version=request.form.get("version", type=whole_number),
            )
            flash(
                _(
                    "%(done)s the link: claim %(source_id)s %(replace)s claim %(target_id)s.",
                    done=done,
                    source_id=relation.source_id,
                    replace=relation.type.replace("_", " "),
                    target_id=relation.target_id,
                )
            )
        except (
            relation_service.StaleRelation,
            claim_service.InvalidChange,
            sa.orm.exc.StaleDataError,
        ) as err:
            db.session.rollback()
            flash(_("Not done: %(err)s. The page shows the link as it is now.", err=err), "error")
    return redirect(url_for("claims.show", claim_id=back) + "#relations-h")


@bp.route("/claims/<int:claim_id>/relations", methods=["POST"])
@requires("log")
def relate(claim_id: int):
    """Link this claim to one a search found: retracts, corrects, supersedes, … with a note.

    A refusal shows the page again with what was typed and chosen, and the search's results.
    """
    claim = db.session.get(Claim, claim_id) or abort(404)
    form = RelationForm()
    if request.form.get("action") == "search":
        # The form's own Search button: nothing is stored; the page comes back as typed, with
        # the claims the new search finds, so a type or note chosen first is not lost.
        return render_claim(claim, form)
    if not form.validate_on_submit():
        flash(
            _("Not linked: ")
            + "; ".join(
                f"{form[k].label.text} {', '.join(map(str, v))}" for k, v in form.errors.items()
            ),
            "error",
        )
        return render_claim(claim, form, status=422)
    target = db.session.get(Claim, form.target_id.data)
    try:
        if target is None:
            raise claim_service.InvalidChange(f"there is no claim {form.target_id.data}")
        relation_service.add_relation(
            claim,
            target,
            form.type.data,
            form.note.data,
            user_id=current_user.id,
            confirmed=form.confirmed.data or "",
        )
    except relation_service.LinkDoubted as err:
        db.session.rollback()
        doubts = [say(doubt) for doubt in err.doubts]
        form.confirmed.errors = [*form.confirmed.errors, *doubts]
        flash(
            _(
                "Not linked yet: %(doubts)s. Confirm with a reason to link them anyway.",
                doubts="; ".join(doubts),
            ),
            "error",
        )
        return render_claim(claim, form, status=422)
    except (claim_service.InvalidChange, sa.exc.IntegrityError) as err:
        db.session.rollback()
        flash(
            _(
                "Not linked: %(orig)s",
                orig=err.orig if isinstance(err, sa.exc.IntegrityError) else err,
            ),
            "error",
        )
        return render_claim(claim, form, status=422)
    flash(
        _(
            "Claim %(claim_id)s %(replace)s claim %(target_id)s.",
            claim_id=claim.id,
            replace=form.type.data.replace("_", " "),
            target_id=target.id,
        )
    )
    return redirect(url_for("claims.show", claim_id=claim.id) + "#relations-h")


@bp.route("/claims/<int:claim_id>/reviews", methods=["POST"])
@requires("draft")
def review(claim_id: int):
    """Draft a verdict; an editor publishes it."""
    claim = db.session.get(Claim, claim_id) or abort(404)
    form = ReviewForm()
    if form.validate_on_submit():
        links = [line.strip() for line in (form.evidence.data or "").splitlines() if line.strip()]
        try:
            once = Once(form.submit_key.data, f"verdict on claim {claim.id}")
        except KeyRefused as err:
            flash(_("Verdict not saved: %(err)s", err=err), "error")
            return redirect(url_for("claims.show", claim_id=claim.id))
        if once.repeat:
            flash(_("This verdict was saved already (the form was sent twice)."))
            return redirect(once.repeat)
        try:
            review_service.draft_review(
                claim, form.rating.data, form.rationale.data, links, user_id=current_user.id
            )
        except claim_service.InvalidChange as err:  # a withdrawn claim: what was typed stays
            once.failed()
            flash(_("Verdict not saved: %(err)s", err=say(err)), "error")
            return render_claim(claim, review_form=form, status=422)
        except BaseException:
            once.failed()
            raise
        once.done(url_for("claims.show", claim_id=claim.id))
        flash(_("Saved the draft verdict; an editor publishes it."))
        return redirect(url_for("claims.show", claim_id=claim.id))
    flash(
        _("Verdict not saved: ")
        + "; ".join(
            f"{form[k].label.text}: {', '.join(map(str, v))}" for k, v in form.errors.items()
        ),
        "error",
    )
    return render_claim(claim, review_form=form, status=422)  # what was typed stays


@bp.route("/reviews/<int:review_id>/publish", methods=["POST"])
@requires("publish")
def publish_review(review_id: int):
    """An editor publishes a drafted verdict."""
    review = db.session.get(Review, review_id) or abort(404)
    form = PublishVerdictForm()
    if form.validate_on_submit():
        try:
            review_service.publish_review(review, user_id=current_user.id)
            flash(_("Published verdict %(review_id)s.", review_id=review.id))
        except claim_service.InvalidChange as err:
            flash(say(err), "error")
    elif form.confirm.errors:
        flash(_("Verdict %(id)s not published: tick the box to confirm.", id=review.id), "error")
    return redirect(url_for("claims.show", claim_id=review.claim_id) + f"#review-{review.id}")
