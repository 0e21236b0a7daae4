"""Search claims by text, actor, outlet, metric, event, rank and conflict status, page by page."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_login import login_required

from factcheck.domain.vocabulary import METRICS, RANKS
from factcheck.input_guard import page_number, whole_number
from factcheck.models import Actor, Event
from factcheck.services.search import ClaimSearch, search_page
from factcheck.web.forms import actor_choices, event_choices, lists_all, live_outlets, lookup

bp = Blueprint("search", __name__, url_prefix="/search")
PAGE_SIZE = 25


def search_of(args) -> ClaimSearch:
    """The page's query string as a search; a malformed number is ignored, as a filter left out."""
    return ClaimSearch(
        q=args.get("q") or "",
        actor=args.get("actor", type=whole_number),
        outlet=args.get("outlet", type=whole_number),
        metric=args.get("metric") or None,
        event=args.get("event", type=whole_number),
        rank=args.get("rank") or None,
        kind=args.get("kind") or None,
        conflict=args.get("conflict") or None,
        withdrawn=args.get("withdrawn") == "1",
    )


@bp.route("/")
@login_required
def claims():
    """The claim search page."""
    page = search_page(search_of(request.args), page_number(), PAGE_SIZE)
    return render_template(
        "search/claims.html",
        page=page,
        args=request.args,
        metrics=METRICS,
        ranks=RANKS,
        # Many actors or events: the likely ones and the chosen one; lookup.js finds the rest.
        actors=actor_choices("anyone", chosen=request.args.get("actor"))[1:],
        outlets=live_outlets(),
        events=event_choices(chosen=request.args.get("event")),
        actor_lookup=None if lists_all(Actor) else lookup(url_for("lookup.actors")),
        event_lookup=None if lists_all(Event) else lookup(url_for("lookup.events")),
    )
