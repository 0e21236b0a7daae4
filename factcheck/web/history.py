"""The change log of any record, and withdrawing or restoring an article (nothing is hard-deleted)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from factcheck.extensions import db
from factcheck.models import Article, Change, User
from factcheck.services import articles as article_service
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm

bp = Blueprint("history", __name__)
RECORDED = ("article", "claim", "relation", "review", "conflict", "report")


def changes_of(entity_type: str, entity_ids: list[int]) -> list:
    """(change, email) rows of these records, newest first."""
    return db.session.execute(
        sa.select(Change, User.email)
        .outerjoin(User, User.id == Change.user_id)
        .where(Change.entity_type == entity_type, Change.entity_id.in_(entity_ids))
        .order_by(Change.at.desc(), Change.id.desc())
    ).all()


@bp.route("/history/<entity_type>/<int:entity_id>")
@login_required
def show(entity_type: str, entity_id: int):
    """Every recorded change to one record: who, when, and each field before and after."""
    if entity_type not in RECORDED:
        abort(404)
    return render_template(
        "history.html",
        entity_type=entity_type,
        entity_id=entity_id,
        changes=changes_of(entity_type, [entity_id]),
    )


@bp.route("/articles/<int:article_id>/withdraw", methods=["POST"])
@requires("log")
def withdraw_article(article_id: int):
    """Soft-delete an article: it and its claims stay visible, marked withdrawn; its figures leave the estimates."""
    return _toggle(
        article_id, article_service.withdraw_article, "Withdrew article {}; it can be restored."
    )


@bp.route("/articles/<int:article_id>/restore", methods=["POST"])
@requires("log")
def restore_article(article_id: int):
    """Undo an article's withdrawal: its claims count again."""
    return _toggle(article_id, article_service.restore_article, "Restored article {}.")


def _toggle(article_id: int, change, done: str):
    article = db.session.get(Article, article_id) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            change(article, user_id=current_user.id)
            flash(done.format(article.id))
        except (
            article_service.IntakeRefused
        ) as err:  # someone else did it first: say so, change nothing
            db.session.rollback()
            flash(_("Not done: %(err)s.", err=err), "error")
    return redirect(url_for("articles.show", article_id=article_id))
