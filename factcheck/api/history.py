"""The change log: who changed which record, when, before and after (append-only)."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.api.base import ApiBlueprint, PageArgs, page_of, page_schema, sort_field
from factcheck.api.fields import Choice, QueryId
from factcheck.api.schemas import ChangeSchema
from factcheck.models import Change

bp = ApiBlueprint("history", __name__, "/changes", "The change log of every record reviewers keep.")
RECORDED = (
    "article",
    "claim",
    "relation",
    "review",
    "conflict",
    "report",
    "actor",
    "outlet",
    "place",
)
ACTIONS = (
    "create",
    "update",
    "withdraw",
    "restore",
    "publish",
    "resolve",
    "dismiss",
    "merge",
    "undo merge",
)
CHANGE_SORTS = {"id": Change.id, "at": Change.at}


class ChangeFilter(PageArgs):
    entity_type = Choice(RECORDED)
    entity_id = QueryId()
    action = Choice(ACTIONS)
    via = Choice(("web", "api", "import", "restore", "engine", "worker", "cli"))
    sort = sort_field(CHANGE_SORTS, "-id")


@bp.route("")
@bp.arguments(ChangeFilter, location="query")
@bp.response(200, page_schema(ChangeSchema))
def list_changes(args: dict):
    """Changes by record (entity_type and entity_id), action and channel, newest first."""
    query = sa.select(Change)
    for name in ("entity_type", "entity_id", "action", "via"):
        if args.get(name):
            query = query.where(getattr(Change, name) == args[name])
    return page_of(query, args, CHANGE_SORTS, Change.id)
