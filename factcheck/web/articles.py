"""Read the stored articles and see where each claim stands in the text."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask_login import login_required

from factcheck.extensions import db
from factcheck.models import Article, Claim
from factcheck.services.highlight import highlight_segments

bp = Blueprint("articles", __name__, url_prefix="/articles")


@login_required
def index():
    """The home page lists the articles."""
    return list_articles()


@bp.route("/")
@login_required
def list_articles():
    """All articles, newest first, optionally filtered by a title search."""
    query = sa.select(Article).where(Article.withdrawn_at.is_(None)).order_by(Article.published_at.desc(), Article.id)
    q = request.args.get("q", "").strip()
    if q:
        query = query.where(Article.title.ilike(f"%{q}%"))
    articles = db.session.scalars(query).all()
    return render_template("articles/list.html", articles=articles, q=q)


@bp.route("/<int:article_id>")
@login_required
def show(article_id: int):
    """The stored text with every claim highlighted where its quote stands."""
    article = db.session.get(Article, article_id) or abort(404)
    claims = db.session.scalars(
        sa.select(Claim).where(Claim.article_id == article.id).order_by(Claim.anchor_start, Claim.id)
    ).all()
    segments = highlight_segments(article.text, [(c.anchor_start, c.anchor_end, c) for c in claims])
    return render_template("articles/show.html", article=article, claims=claims, segments=segments)
