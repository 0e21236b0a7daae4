"""Articles and the assistant's suggested claims: add from text or HTML, list, read, accept or reject."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from factcheck.api.auth import allowed, current_user
from factcheck.api.base import ApiBlueprint, Detail, documents, get_or_404, page_of, page_schema
from factcheck.api.claims import with_etag
from factcheck.api.etag import ETAG_HEADER
from factcheck.api.fields import ID
from factcheck.api.inputs import ARTICLE_SORTS, ArticleFilter, ArticleIn
from factcheck.api.problems import abort, refused
from factcheck.api.schemas import ArticleDetailSchema, ArticleSchema, ClaimSchema, SuggestionSchema
from factcheck.extensions import db
from factcheck.models import Article, Claim, Event, Outlet, SuggestedClaim
from factcheck.services import articles as article_service
from factcheck.services import claims as claim_service
from factcheck.services import intake
from factcheck.services.articles import (
    DuplicateText,
    Intake,
    IntakeRefused,
    intake_article,
    read_upload,
    title_of,
)
from factcheck.services.suggestion_review import suggestion_run
from factcheck.services.text_match import holding

bp = ApiBlueprint(
    "articles", __name__, "", "Articles as received, and the claims the assistant suggests in them."
)


@bp.route("/articles")
@bp.arguments(ArticleFilter, location="query")
@bp.response(200, page_schema(ArticleSchema))
def list_articles(args: dict):
    """Articles (not withdrawn), filtered by title words, outlet, language and event."""
    query = sa.select(Article).where(Article.withdrawn_at.is_(None))
    if args.get("q"):
        query = query.where(holding(Article.title, args["q"]))
    if args.get("outlet"):
        query = query.where(Article.outlet_id == args["outlet"])
    if args.get("language"):
        query = query.where(Article.language == args["language"])
    if args.get("event"):
        query = query.where(Article.event_id == args["event"])
    return page_of(query, args, ARTICLE_SORTS, Article.id)


def _outlet(data: dict) -> Outlet | str:
    """The outlet picked by id, or the name of one to find or add."""
    if "outlet_id" in data:
        outlet = db.session.get(Outlet, data["outlet_id"])
        if outlet is None:
            abort(422, f"outlet_id: there is no outlet {data['outlet_id']}.")
        return outlet
    return data["outlet"]


@bp.route("/articles", methods=["POST"])
@allowed("log")
@bp.arguments(ArticleIn)
@bp.response(201, ArticleDetailSchema)
@documents(bp, 403, 409)
def create(data: dict):
    """Store an article from its text or an HTML page; the assistant then reads it in the background.

    Its findings and suggested claims appear on the article (GET it again) once
    a worker has read it. The same text twice is refused with 409.
    """
    event = db.session.get(Event, data["event_id"])
    if event is None:
        abort(422, f"event_id: there is no event {data['event_id']}.")
    republished_from = None
    if "republished_from_outlet_id" in data:
        republished_from = db.session.get(Outlet, data["republished_from_outlet_id"])
        if republished_from is None:
            abort(
                422,
                f"republished_from_outlet_id: there is no outlet {data['republished_from_outlet_id']}.",
            )
    try:
        if "html" in data:
            read = read_upload("article.html", data["html"].encode("utf-8"))
        else:
            read = Intake(data["text"])  # line endings: create_article, as every path
        article = intake_article(
            text=read.text,
            title=title_of(data.get("title"), read),
            outlet=_outlet(data),
            outlet_country=data.get("outlet_country"),
            language=data["language"],
            published_at=data.get("published_at") or read.published_at,
            url=data.get("url"),
            event=event,
            republished_from=republished_from,
            user_id=current_user().id,
            via="api",
        )
    except IntakeRefused as err:
        refused(409 if isinstance(err, DuplicateText) else 422, err)
    return _detail(article), 201, {"Location": url_for("api_articles.show", article_id=article.id)}


def _detail(article: Article) -> Detail:
    suggestions = db.session.scalars(
        sa.select(SuggestedClaim)
        .where(SuggestedClaim.article_id == article.id)
        .order_by(SuggestedClaim.anchor_start, SuggestedClaim.id)
    ).all()
    claim_ids = db.session.scalars(
        sa.select(Claim.id).where(Claim.article_id == article.id).order_by(Claim.id)
    ).all()
    run = suggestion_run(article.id)  # none: read before runs were recorded
    return Detail(
        article,
        findings=article.findings or [],
        suggestions=suggestions,
        suggestions_status=run.status if run else "done",
        suggestions_error=run.error if run else None,
        suggestions_read_chars=run.read_chars if run else None,
        claim_ids=claim_ids,
    )


@bp.route(f"/articles/<{ID}:article_id>")
@bp.response(200, ArticleDetailSchema)
@documents(bp, 404)
def show(article_id: int):
    """The stored text with its metadata findings, every suggestion (pending, accepted, rejected) and its claims."""
    return _detail(get_or_404(Article, article_id))


def _toggle(article_id: int, change) -> Article:
    article = get_or_404(Article, article_id)
    try:
        change(article, user_id=current_user().id, via="api")
    except IntakeRefused as err:
        db.session.rollback()
        refused(409, err)
    return article


@bp.route(f"/articles/<{ID}:article_id>/withdraw", methods=["POST"])
@allowed("log")
@bp.response(200, ArticleSchema)
@documents(bp, 403, 404, 409)
def withdraw(article_id: int):
    """Soft-delete an article: it and its claims stay, marked withdrawn; its figures leave the estimates."""
    return _toggle(article_id, article_service.withdraw_article)


@bp.route(f"/articles/<{ID}:article_id>/restore", methods=["POST"])
@allowed("log")
@bp.response(200, ArticleSchema)
@documents(bp, 403, 404, 409)
def restore(article_id: int):
    """Undo an article's withdrawal: its claims count again."""
    return _toggle(article_id, article_service.restore_article)


@bp.route(f"/suggestions/<{ID}:suggestion_id>")
@bp.response(200, SuggestionSchema)
@documents(bp, 404)
def show_suggestion(suggestion_id: int):
    """One suggested claim."""
    return get_or_404(SuggestedClaim, suggestion_id, "suggestion")


@bp.route(f"/suggestions/<{ID}:suggestion_id>/accept", methods=["POST"])
@allowed("log")
@bp.response(201, ClaimSchema, headers=ETAG_HEADER)
@documents(bp, 403, 404, 409)
def accept(suggestion_id: int):
    """Turn a pending suggestion into a claim, as one click does in the web app.

    An accepted retraction also links `retracts` to the figure it withdraws
    when that figure is a claim already.
    """
    suggestion = get_or_404(SuggestedClaim, suggestion_id, "suggestion")
    try:
        claim = intake.accept(suggestion, user_id=current_user().id, via="api")
    except claim_service.InvalidChange as err:
        db.session.rollback()
        refused(409, err)
    return with_etag(claim, 201, created=True)


@bp.route(f"/suggestions/<{ID}:suggestion_id>/links/<int:link>/accept", methods=["POST"])
@allowed("log")
@bp.response(201, ClaimSchema, headers=ETAG_HEADER)
@documents(bp, 403, 404, 409)
def accept_link(suggestion_id: int, link: int):
    """Accept a suggestion and record the relation it proposes to a claim of another article
    (`data.links[link]`: "this looks like a correction of claim N"), in one commit."""
    suggestion = get_or_404(SuggestedClaim, suggestion_id, "suggestion")
    try:
        claim, _ = intake.accept_and_link(suggestion, link, user_id=current_user().id, via="api")
    except claim_service.InvalidChange as err:
        db.session.rollback()
        refused(409, err)
    return with_etag(claim, 201, created=True)


@bp.route(f"/suggestions/<{ID}:suggestion_id>/reject", methods=["POST"])
@allowed("log")
@bp.response(200, SuggestionSchema)
@documents(bp, 403, 404, 409)
def reject(suggestion_id: int):
    """Reject a pending suggestion for good: the assistant will not suggest it again."""
    suggestion = get_or_404(SuggestedClaim, suggestion_id, "suggestion")
    try:
        intake.reject(suggestion, user_id=current_user().id)
    except claim_service.InvalidChange as err:
        db.session.rollback()
        refused(409, err)
    return suggestion
