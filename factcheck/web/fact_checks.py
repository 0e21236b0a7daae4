"""The public page of a published verdict (`/fact-checks/<slug>`), its ClaimReview, and its corrections.

Anyone can read the page; editors correct the verdict (a new rating and
rationale with a note readers see) or withdraw it (the page says so and loses
its ClaimReview). The service keeps every state in the history.
"""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from factcheck.domain.input_rules import LENGTHS
from factcheck.domain.vocabulary import RATINGS
from factcheck.domain.web_address import linkable
from factcheck.extensions import db
from factcheck.models import PublishedVerdict
from factcheck.services import published_verdicts
from factcheck.services.claims import InvalidChange
from factcheck.web.access import requires
from factcheck.web.form_messages import sentence
from factcheck.web.forms import GuardedForm, options
from factcheck.web.terms import term

bp = Blueprint("fact_checks", __name__, url_prefix="/fact-checks")


class CorrectionForm(GuardedForm):
    # No default: an editor picks the corrected rating on purpose.
    rating = SelectField(
        _l("Corrected verdict"),
        choices=options([("", _l("— choose —")), *((r, term(r)) for r in RATINGS)]),
        validators=[DataRequired(message=_l("Choose the corrected verdict."))],
    )
    # As long as a drafted verdict's (LENGTHS["prose"]): the form is served with the rationale
    # it corrects, which must go back as it came.
    rationale = TextAreaField(
        _l("Rationale"),
        validators=[DataRequired(), Length(max=LENGTHS["prose"])],
        render_kw={"maxlength": False},
    )
    note = StringField(
        _l("Correction note (shown to readers)"), validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField(_l("Publish the correction"))


class WithdrawalForm(GuardedForm):
    note = StringField(
        _l("Why it is withdrawn (shown to readers)"), validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField(_l("Withdraw this verdict"))


def _capitalised(words) -> str:
    """A rating as a verdict line starts it, in the reader's language ("Mostly accurate")."""
    text = str(words)
    return text[:1].upper() + text[1:]


def _page_or_404(slug: str):
    return published_verdicts.find_page(slug) or abort(404)


@bp.route("/<slug>")
def show(
    slug: str,
    correction: CorrectionForm | None = None,
    withdrawal: WithdrawalForm | None = None,
):
    """The verdict as published: the claim, the rating, corrections, and its one ClaimReview;
    with `correction` or `withdrawal`, the one posted and refused, as it was typed."""
    verdict = _page_or_404(slug)
    if correction is None:
        correction = CorrectionForm(formdata=None, rationale=verdict.review.rationale, rating="")
    return render_template(
        "fact_checks/show.html",
        verdict=verdict,
        claim=verdict.claim,
        rating=_capitalised(term(verdict.review.rating)),
        claim_review=verdict.claim_review,
        article_url=linkable(verdict.claim.article.url),
        correction=correction,
        withdrawal=withdrawal or WithdrawalForm(formdata=None),
        publisher=current_app.config["FACTCHECK_PUBLISHER"],
    )


@bp.route("/<slug>.jsonld")
def jsonld(slug: str) -> Response:
    """The page's ClaimReview, the very document the page carries; gone once withdrawn."""
    verdict = _page_or_404(slug)
    if verdict.claim_review is None:
        # A machine reading the markup gets JSON, not an HTML page: nothing to mark up, and why.
        gone = {
            "withdrawn": True,
            "withdrawnAt": verdict.withdrawn_at.isoformat(timespec="seconds"),
        }
        return Response(json.dumps(gone) + "\n", status=410, mimetype="application/ld+json")
    text = json.dumps(verdict.claim_review, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    return Response(text, mimetype="application/ld+json")


@bp.route("/<slug>/correct", methods=["POST"])
@requires("publish")
def correct(slug: str):
    """An editor publishes a correction: the page and its ClaimReview change in place, with the note."""
    verdict = _page_or_404(slug)
    form = CorrectionForm()
    if not form.validate_on_submit():
        return _invalid(verdict, correction=form)
    try:
        published_verdicts.correct_verdict(
            verdict, form.rating.data, form.rationale.data, form.note.data, user_id=current_user.id
        )
    except InvalidChange as err:
        db.session.rollback()
        return _refused(slug, correction=form, why=err)
    flash(_("Correction published."))
    return redirect(url_for("fact_checks.show", slug=slug))


def _invalid(verdict: PublishedVerdict, **posted: GuardedForm):
    """A correction or withdrawal that fails its form's checks: what was typed stays, with what
    is wrong beside it; a page taken down shows no form, so it says instead why nothing posted
    to it changes it."""
    try:
        published_verdicts.refuse_taken_down(verdict)
    except InvalidChange as err:
        return _refused(verdict.slug, why=err, **posted)
    return show(verdict.slug, **posted), 422


def _refused(slug: str, why: InvalidChange, **posted: GuardedForm):
    """A refused correction or withdrawal: beside what was typed, on a page that shows the form;
    a page already taken down shows none, so the reason is said above it."""
    (form,) = posted.values()
    if _page_or_404(slug).status == "published":
        form.note.errors = [*form.note.errors, sentence(why)]
        return show(slug, **posted), 422
    flash(sentence(why), "error")
    return show(slug), 409


@bp.route("/<slug>/withdraw", methods=["POST"])
@requires("publish")
def withdraw(slug: str):
    """An editor withdraws the verdict: the page stays and says so; its ClaimReview is removed."""
    verdict = _page_or_404(slug)
    form = WithdrawalForm()
    if not form.validate_on_submit():
        return _invalid(verdict, withdrawal=form)
    try:
        published_verdicts.withdraw_verdict(verdict, form.note.data, user_id=current_user.id)
    except InvalidChange as err:
        db.session.rollback()
        return _refused(slug, withdrawal=form, why=err)
    flash(_("Verdict withdrawn."))
    return redirect(url_for("fact_checks.show", slug=slug))
