"""An article's suggested claims: fifty to a page, decided in bulk, and arriving by themselves.

Routes of the `articles` blueprint. The page polls status.json while the
assistant reads the article and swaps the section in when it is done (or says it
failed); a bulk decision goes through one service call in one transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import SelectMultipleField, SubmitField

from factcheck.extensions import db
from factcheck.input_guard import MAX_PAGE, whole_number
from factcheck.models import Article, SuggestedClaim
from factcheck.services import claims as claim_service
from factcheck.services.suggestion_review import BULK_LIMIT, decide_many, suggestion_run
from factcheck.web.access import requires
from factcheck.web.articles import bp
from factcheck.web.claim_forms import ActionForm
from factcheck.web.form_messages import say
from factcheck.web.forms import GuardedForm

SUGGESTIONS_PER_PAGE = 50


class BulkDecisionForm(GuardedForm):
    """The ticked suggestions of one page and the button pressed: accept or reject them all."""

    suggestion = SelectMultipleField("Suggestions", coerce=whole_number, validate_choice=False)
    accept = SubmitField(_l("Accept selected"))
    reject = SubmitField(_l("Reject selected"))


def suggestions_context(article: Article) -> dict:
    """What the suggestions section shows: one page of pending suggestions and the run's state."""
    page = min(max(request.args.get("spage", 1, type=whole_number) or 1, 1), MAX_PAGE)
    pending = db.paginate(
        sa.select(SuggestedClaim)
        .where(SuggestedClaim.article_id == article.id, SuggestedClaim.status == "pending")
        .order_by(SuggestedClaim.anchor_start, SuggestedClaim.id),
        page=page,
        per_page=SUGGESTIONS_PER_PAGE,
        error_out=False,
    )
    selected = {i for i in request.args.getlist("selected", type=whole_number) if i}
    run = suggestion_run(article.id)
    cut = None
    if run is not None and run.read_chars is not None and run.read_chars < len(article.text):
        tail = article.text[max(0, run.read_chars - 60) : run.read_chars].split(None, 1)
        cut = {
            "read": run.read_chars,
            "length": len(article.text),
            "last_words": tail[-1] if tail else "",
        }
    return {
        "suggestions": pending,
        "run": run,
        "cut": cut,
        "selected": selected,
        "bulk_form": BulkDecisionForm(formdata=None),
        "action_form": ActionForm(),
    }


@bp.route("/<int:article_id>/suggestions")
@login_required
def suggestions(article_id: int):
    """The suggestions section alone: the page swaps it in when the assistant is done."""
    article = db.session.get(Article, article_id) or abort(404)
    return render_template(
        "articles/_suggestions.html", article=article, **suggestions_context(article)
    )


@bp.route("/<int:article_id>/suggestions/status.json")
@login_required
def suggestion_status(article_id: int):
    """What the page polls: queued, done or failed (with the error), and how many are pending."""
    article = db.session.get(Article, article_id) or abort(404)
    run = suggestion_run(article.id)
    pending = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SuggestedClaim)
        .where(SuggestedClaim.article_id == article.id, SuggestedClaim.status == "pending")
    )
    return jsonify(
        status=run.status if run else "done",
        error=run.error if run else None,
        pending=pending,
    )


@bp.route("/<int:article_id>/suggestions/decide", methods=["POST"])
@requires("log")
def decide_selected(article_id: int):
    """Accept or reject the ticked suggestions at once; say which were refused and why."""
    article = db.session.get(Article, article_id) or abort(404)
    form = BulkDecisionForm()
    back = url_for("articles.show", article_id=article.id, spage=request.args.get("spage"))
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(_("Not done: %(err)s", err=error), "error")
        return redirect(back + "#suggestions-h")
    decision = "accept" if form.accept.data else "reject" if form.reject.data else None
    ids = form.suggestion.data or []
    try:
        if decision is None:
            raise claim_service.InvalidChange(_("press Accept selected or Reject selected"))
        outcome = decide_many(article.id, ids, decision, user_id=current_user.id)
    except claim_service.InvalidChange as err:
        db.session.rollback()
        flash(_("Not done: %(err)s", err=say(err)), "error")
        return redirect(_keeping(back, ids[:BULK_LIMIT]) + "#suggestions-h")
    if outcome.done:
        claims = ", ".join(str(c) for _done, c in outcome.done if c is not None)
        count = len(outcome.done)
        if decision == "accept":
            flash(_("Accepted %(n)s suggestion(s): claims %(claims)s.", n=count, claims=claims))
        else:
            flash(_("Rejected %(n)s suggestion(s).", n=count))
    if outcome.refused:
        reasons = "; ".join(
            _("suggestion %(id)s: %(why)s", id=i, why=say(why)) for i, why in outcome.refused
        )
        flash(
            _(
                "%(n)s not decided, still pending and ticked: %(reasons)s",
                n=len(outcome.refused),
                reasons=reasons,
            ),
            "error",
        )
    return redirect(_keeping(back, [i for i, _why in outcome.refused]) + "#suggestions-h")


# Past this a server refuses the request line (gunicorn: 4,094 bytes, 414): the ticks that
# do not fit are left off; what was decided is decided either way.
LONGEST_URL = 2000


def _keeping(url: str, ids: list[int]) -> str:
    """The page's address with these suggestions ticked again (what the reviewer had chosen),
    as many as an address holds."""
    for i in ids:
        tick = f"{'&' if '?' in url else '?'}selected={i}"
        if len(url) + len(tick) > LONGEST_URL:
            break
        url += tick
    return url
