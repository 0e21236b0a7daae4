"""What the API's lists accept: page, per_page, total, sort, and each resource's own filters.

Request bodies are in inputs.py; both are validated before any service runs.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from factcheck.api.base import PageArgs, sort_field
from factcheck.api.fields import Choice, QueryId, Text
from factcheck.domain.vocabulary import (
    ACTOR_KINDS,
    CATEGORIES,
    CLAIM_KINDS,
    CONFLICT_KINDS,
    CONFLICT_STATUSES,
    GRADES,
    LANGUAGES,
    METRICS,
    OUTLET_KINDS,
    RANKS,
    RATINGS,
    RELATION_TYPES,
)
from factcheck.models import (
    Actor,
    Article,
    Claim,
    Conflict,
    Event,
    Job,
    Outlet,
    Reconciliation,
    Relation,
    Report,
    Review,
)
from factcheck.models.job import JOB_STATUSES

CLAIM_SORTS = {
    "id": Claim.id,
    "stated_on": Claim.stated_on,
    "created_at": Claim.created_at,
    "updated_at": Claim.updated_at,
    "value": Claim.value,
    "point": Claim.point,
}


class ClaimFilter(PageArgs):
    """The web search's filters (factcheck/web/search.py claim_query), plus article."""

    q = Text(
        max_length=200,
        metadata={"description": "Words in the quote, proposition or speaker's label."},
    )
    actor = QueryId(metadata={"description": "Said or cited by this actor."})
    outlet = QueryId(metadata={"description": "Published (or first published) by this outlet."})
    metric = Choice(METRICS)
    event = QueryId()
    rank = Choice(RANKS)
    kind = Choice(CLAIM_KINDS)
    conflict = Choice(CONFLICT_STATUSES, metadata={"description": "In a conflict of this status."})
    withdrawn = fields.Boolean(
        load_default=False, metadata={"description": "Include withdrawn claims."}
    )
    article = QueryId()
    sort = sort_field(CLAIM_SORTS, "-id")


ARTICLE_SORTS = {"id": Article.id, "published_at": Article.published_at, "title": Article.title}


class ArticleFilter(PageArgs):
    q = Text(max_length=200, metadata={"description": "Words in the title."})
    outlet = QueryId()
    language = Choice(LANGUAGES)
    event = QueryId()
    sort = sort_field(ARTICLE_SORTS, "-id")


RELATION_SORTS = {"id": Relation.id, "created_at": Relation.created_at}


class RelationFilter(PageArgs):
    claim = QueryId(metadata={"description": "Relations from or to this claim."})
    type = Choice(RELATION_TYPES)
    sort = sort_field(RELATION_SORTS, "id")


EVENT_SORTS = {
    "id": Event.id,
    "title": Event.title,
    "slug": Event.slug,
    "start_date": Event.start_date,
}


class EventFilter(PageArgs):
    q = Text(max_length=200, metadata={"description": "Words in the title or slug."})
    open = fields.Boolean(
        metadata={"description": "Only events still unfolding (no end date), or only ended ones."}
    )
    sort = sort_field(EVENT_SORTS, "title")


RECONCILIATION_SORTS = {
    "id": Reconciliation.id,
    "metric": Reconciliation.metric,
    "best": Reconciliation.best,
    "computed_at": Reconciliation.computed_at,
}


class ReconciliationFilter(PageArgs):
    metric = Choice(METRICS)
    category = Choice(CATEGORIES)
    grade = Choice(GRADES)
    place = QueryId(
        metadata={"description": "Only this place's groups (a place id); whole_area for the rest."}
    )
    whole_area = fields.Boolean(metadata={"description": "true: only the event's whole area"})
    sort = sort_field(RECONCILIATION_SORTS, "metric")


CONFLICT_SORTS = {"id": Conflict.id, "detected_at": Conflict.detected_at, "kind": Conflict.kind}


class ConflictFilter(PageArgs):
    event = QueryId()
    status = Choice(CONFLICT_STATUSES)
    kind = Choice(CONFLICT_KINDS)
    sort = sort_field(CONFLICT_SORTS, "id")


REVIEW_SORTS = {"id": Review.id, "created_at": Review.created_at}


class ReviewFilter(PageArgs):
    claim = QueryId()
    published = fields.Boolean()
    rating = Choice(RATINGS)
    sort = sort_field(REVIEW_SORTS, "-id")


REPORT_SORTS = {"id": Report.id, "version": Report.version, "generated_at": Report.generated_at}


class ReportFilter(PageArgs):
    event = QueryId()
    claim = QueryId()
    status = Choice(("draft", "published"))
    sort = sort_field(REPORT_SORTS, "-id")


class PublishArgs(ma.Schema):
    """Publishing a version that no longer matches the data takes saying so."""

    out_of_date_ok = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Publish even though the data changed since this draft was made "
            "(otherwise 409, nothing published): the API's confirmation of what the web asks."
        },
    )


JOB_SORTS = {"id": Job.id, "created_at": Job.created_at}


class JobFilter(PageArgs):
    kind = Choice(("rebuild", "report"))
    status = Choice(JOB_STATUSES)
    event = QueryId()
    sort = sort_field(JOB_SORTS, "-id")


ACTOR_SORTS = {"id": Actor.id, "name": Actor.name}


class ActorFilter(PageArgs):
    q = Text(max_length=200, metadata={"description": "Words in the name."})
    kind = Choice(ACTOR_KINDS)
    sort = sort_field(ACTOR_SORTS, "name")


OUTLET_SORTS = {"id": Outlet.id, "name": Outlet.name}


class OutletFilter(PageArgs):
    q = Text(max_length=200, metadata={"description": "Words in the name."})
    kind = Choice(OUTLET_KINDS)
    sort = sort_field(OUTLET_SORTS, "name")
