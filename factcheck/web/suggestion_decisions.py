"""The extraction assistant's suggestions on an article's page: accept, reject, accept and link.

Routes of the `claims` blueprint, kept apart from logging and editing claims (claims.py).
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.extensions import db
from factcheck.input_guard import whole_number
from factcheck.models import SuggestedClaim
from factcheck.services import claims as claim_service
from factcheck.services import intake
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm
from factcheck.web.claims import bp
from factcheck.web.form_messages import say
from factcheck.web.sources import is_new_speaker, speaker_notice


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
                speaker = suggestion.data.get("attributed_to")
                new = is_new_speaker(speaker)
                claim = intake.accept(suggestion, user_id=current_user.id)
                flash(_("Accepted: claim %(claim_id)s.", claim_id=claim.id))
                if new and (notice := speaker_notice(speaker, claim.attributed_to_id)):
                    flash(notice, "notice")
            else:
                intake.reject(suggestion, user_id=current_user.id)
                flash(_("Rejected; the assistant will not suggest it again."))
        except claim_service.InvalidChange as err:
            db.session.rollback()
            flash(_("Not done: %(err)s", err=say(err)), "error")
    return _back_to(suggestion)


@bp.route("/suggestions/<int:suggestion_id>/link/<int:link>", methods=["POST"])
@requires("log")
def link(suggestion_id: int, link: int):
    """ "This looks like a correction of claim N — link?": accept it and link, in one click."""
    suggestion = db.session.get(SuggestedClaim, suggestion_id) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            claim, target = intake.accept_and_link(suggestion, link, user_id=current_user.id)
            flash(
                _(
                    "Accepted: claim %(claim_id)s, linked to claim %(target_id)s.",
                    claim_id=claim.id,
                    target_id=target.id,
                )
            )
        except claim_service.InvalidChange as err:
            db.session.rollback()
            flash(_("Not done: %(err)s", err=say(err)), "error")
    return _back_to(suggestion)


def _back_to(suggestion: SuggestedClaim):
    """The article page, on the page of suggestions the reviewer was deciding from."""
    page = request.args.get("spage", type=whole_number)
    return redirect(
        url_for("articles.show", article_id=suggestion.article_id, spage=page or None)
        + "#suggestions-h"
    )
