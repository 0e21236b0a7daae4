"""Claims: list (the web search's filters), log, read, change under If-Match, withdraw, restore, history."""

from __future__ import annotations

from typing import NoReturn

import sqlalchemy as sa
from flask import url_for

from factcheck.api.auth import allowed, current_user
from factcheck.api.base import (
    ApiBlueprint,
    Detail,
    PageArgs,
    count_of,
    documents,
    envelope,
    get_or_404,
    must_exist,
    page_of,
    page_schema,
    sort_field,
)
from factcheck.api.etag import (
    ETAG_HEADER,
    IF_MATCH_OPTIONAL,
    IF_MATCH_REQUIRED,
    claim_etag,
    expected_version,
)
from factcheck.api.fields import ID
from factcheck.api.filters import CLAIM_SORTS, ClaimFilter
from factcheck.api.inputs import ClaimIn, ClaimPatch
from factcheck.api.problems import Problem, abort
from factcheck.api.schemas import ChangeSchema, ClaimDetailSchema, ClaimSchema
from factcheck.domain.claim_rules import ClaimChange, ClaimDraft
from factcheck.domain.text_offsets import from_utf16
from factcheck.extensions import db
from factcheck.models import Actor, Article, Change, Claim, Event, Relation, Review
from factcheck.services import claims as claim_service
from factcheck.services.search import ORDERS, ClaimSearch, claim_query, search_page

bp = ApiBlueprint(
    "claims", __name__, "/claims", "Claims: one assertion in one article, anchored to its quote."
)


def with_etag(claim: Claim, status: int = 200, created: bool = False):
    headers = {"ETag": claim_etag(claim)}
    if created:
        headers["Location"] = url_for("api_claims.show", claim_id=claim.id)
    return claim, status, headers


def refuse(err: claim_service.InvalidChange) -> NoReturn:
    """422 for a claim that breaks the claim rules, each problem under its field as a schema's would be."""
    problem = Problem(422, str(err))
    if err.problems:
        by_field: dict[str, list[str]] = {}
        for p in err.problems:
            by_field.setdefault(p.field, []).append(p.message)
        problem.data = {"messages": {"json": by_field}}
    raise problem


def _search_of(args: dict) -> ClaimSearch:
    """The validated filters as a search (the web search page shares the query)."""
    names = ("q", "actor", "outlet", "metric", "event", "rank", "kind", "conflict", "article")
    given = {name: args[name] for name in names if args.get(name) not in (None, "")}
    return ClaimSearch(**given, withdrawn=bool(args.get("withdrawn")))


@bp.route("")
@bp.arguments(ClaimFilter, location="query")
@bp.response(200, page_schema(ClaimSchema))
def list_claims(args: dict):
    """Claims matching the web search's filters, page by page.

    Withdrawn claims are left out unless `withdrawn=true`. A word search (`q`) sorted by id
    or by `stated_on` reads only its page, as the web search does; `total=true` or another
    sort reads every match, which takes seconds for a common word over a million claims.
    """
    search = _search_of(args)
    order = ORDERS.get(args["sort"])
    if not search.q or order is None:
        return page_of(claim_query(search), args, CLAIM_SORTS, Claim.id)
    found = search_page(search, args["page"], args["per_page"], order=order)
    total = count_of(claim_query(search)) if args.get("total") else None
    return envelope(found.items, args["page"], args["per_page"], found.has_next, total)


def _check_references(data: dict) -> None:
    must_exist(Actor, data.get("attributed_to_id"), "attributed_to_id")
    must_exist(Actor, data.get("cites_id"), "cites_id")


def _code_points(text: str, data: dict, name: str) -> int | None:
    """`utf16_<name>` as a code-point offset (422 inside a character), or `<name>` as given."""
    given = data.pop(name, None)
    units = data.pop(f"utf16_{name}", None)
    if units is None:
        return given
    converted = from_utf16(text, units)
    if converted is None:
        abort(422, f"utf16_{name}: {units} falls inside a character of the article's text.")
    if given is not None and given != converted:
        abort(422, f"{name}: {given} and utf16_{name} {units} name different places in the text.")
    return converted


def _place_quote(text: str, data: dict) -> None:
    """Set `start` from the offsets the client gave, in code points or UTF-16 units.

    An end is the quote's start plus its length: one that disagrees means the
    selection and the quote differ, and guessing which one is right would log the
    wrong words.
    """
    start, end = _code_points(text, data, "start"), _code_points(text, data, "end")
    if end is not None:
        from_end = end - len(data["exact"])
        if start is None and from_end < 0:
            abort(422, f"end: {end} comes before the quote could end.")
        if start is not None and start != from_end:
            abort(
                422,
                f"end: the quote is {len(data['exact'])} characters long, so it ends at "
                f"{start + len(data['exact'])} from start {start}, not at {end}.",
            )
        start = from_end
    if start is not None:
        data["start"] = start


@bp.route("", methods=["POST"])
@allowed("log")
@bp.arguments(ClaimIn)
@bp.response(201, ClaimSchema, headers=ETAG_HEADER)
@documents(bp, 403, 409)
def create(data: dict):
    """Log a claim: the quote must be in the article's stored text.

    `start` picks one occurrence when the quote appears more than once. A
    quantity gets its interval from the qualifier; `stated_on` defaults to the
    article's date and `event_id` to the article's event.
    """
    article = db.session.get(Article, data.pop("article_id"))
    if article is None:
        abort(422, "article_id: there is no such article.")
    data.setdefault("event_id", article.event_id)
    _place_quote(article.text, data)
    if data["event_id"] is None:
        abort(422, "event_id: the article has no event; name the event the claim is about.")
    must_exist(Event, data["event_id"], "event_id")
    _check_references(data)
    if data.get("stated_on") is None:
        if article.published_at is None:
            abort(422, "stated_on: the article has no date; say when the claim was made.")
        data["stated_on"] = article.published_local.date()
    try:
        claim = claim_service.create_claim(
            article, ClaimDraft(**data), user_id=current_user().id, via="api"
        )
    except claim_service.InvalidChange as err:
        db.session.rollback()
        refuse(err)
    return with_etag(claim, 201, created=True)


@bp.route(f"/<{ID}:claim_id>")
@bp.response(200, ClaimDetailSchema, headers=ETAG_HEADER)
@documents(bp, 404)
def show(claim_id: int):
    """A claim with its relations and verdicts; the ETag names its version."""
    claim = get_or_404(Claim, claim_id)
    relations = db.session.scalars(
        sa.select(Relation)
        .where(sa.or_(Relation.source_id == claim.id, Relation.target_id == claim.id))
        .order_by(Relation.id)
    ).all()
    reviews = db.session.scalars(
        sa.select(Review).where(Review.claim_id == claim.id).order_by(Review.id)
    ).all()
    return with_etag(Detail(claim, relations=relations, reviews=reviews))


@bp.route(f"/<{ID}:claim_id>", methods=["PATCH"])
@allowed("log")
@bp.arguments(ClaimPatch)
@bp.response(200, ClaimSchema, headers=ETAG_HEADER)
@bp.doc(parameters=[IF_MATCH_REQUIRED])
@documents(bp, 403, 404, 409, 412, 428)
def update(changes: dict, claim_id: int):
    """Change a claim if it is still at the version If-Match names; its interval follows its qualifier.

    Two clients that read the same version cannot both save: the second gets
    412 and nothing of theirs is written.
    """
    claim = get_or_404(Claim, claim_id)
    version = expected_version(claim)
    _check_references(changes)
    try:
        claim_service.update_claim(
            claim,
            ClaimChange(**changes),
            expected_version=version,
            user_id=current_user().id,
            via="api",
        )
    except claim_service.StaleVersion as err:
        db.session.rollback()
        abort(412, f"{err}; nothing was written.")
    except claim_service.InvalidChange as err:
        db.session.rollback()
        refuse(err)
    return with_etag(claim)


def _state_change(claim_id: int, withdraw: bool):
    claim = get_or_404(Claim, claim_id)
    expected_version(claim, required=False)
    if claim.is_withdrawn == withdraw:
        abort(409, f"Claim {claim.id} is {'withdrawn' if withdraw else 'not withdrawn'} already.")
    change = claim_service.withdraw_claim if withdraw else claim_service.restore_claim
    change(claim, user_id=current_user().id, via="api")
    return with_etag(claim)


@bp.route(f"/<{ID}:claim_id>/withdraw", methods=["POST"])
@allowed("log")
@bp.response(200, ClaimSchema, headers=ETAG_HEADER)
@bp.doc(parameters=[IF_MATCH_OPTIONAL])
@documents(bp, 403, 404, 409, 412)
def withdraw(claim_id: int):
    """Soft-delete: the claim stays, deprecated as withdrawn, and can be restored."""
    return _state_change(claim_id, withdraw=True)


@bp.route(f"/<{ID}:claim_id>/restore", methods=["POST"])
@allowed("log")
@bp.response(200, ClaimSchema, headers=ETAG_HEADER)
@bp.doc(parameters=[IF_MATCH_OPTIONAL])
@documents(bp, 403, 404, 409, 412)
def restore(claim_id: int):
    """Bring a withdrawn claim back."""
    return _state_change(claim_id, withdraw=False)


class ChangeFilter(PageArgs):
    sort = sort_field({"id": Change.id}, "-id")


@bp.route(f"/<{ID}:claim_id>/changes")
@bp.arguments(ChangeFilter, location="query")
@bp.response(200, page_schema(ChangeSchema))
@documents(bp, 404)
def changes(args: dict, claim_id: int):
    """Who changed the claim, its relations and its verdicts, when, before and after."""
    claim = get_or_404(Claim, claim_id)
    relation_ids = sa.select(Relation.id).where(
        sa.or_(Relation.source_id == claim.id, Relation.target_id == claim.id)
    )
    review_ids = sa.select(Review.id).where(Review.claim_id == claim.id)
    query = sa.select(Change).where(
        sa.or_(
            sa.and_(Change.entity_type == "claim", Change.entity_id == claim.id),
            sa.and_(Change.entity_type == "relation", Change.entity_id.in_(relation_ids)),
            sa.and_(Change.entity_type == "review", Change.entity_id.in_(review_ids)),
        )
    )
    return page_of(query, args, {"id": Change.id}, Change.id)
