"""What the API answers: one marshmallow schema per resource, read from the models as they are.

Reconciled figures, conflicts, jobs and reports are in outcome_schemas.py.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from factcheck.domain.text_offsets import utf16_offset
from factcheck.domain.vocabulary import RATINGS
from factcheck.models.suggestion import SUGGESTION_RUN_STATUSES


def nullable(field_class, **kwargs):
    """A field that is always present and may be null (documented as nullable)."""
    return field_class(allow_none=True, required=True, **kwargs)


class Itself(fields.Nested):
    """Nest the object itself under a name (a claim's anchor columns as one `anchor` object)."""

    def serialize(self, attr, obj, accessor=None, **kwargs):
        return self._serialize(obj, attr, obj, **kwargs)


def _names() -> fields.List:
    return fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Other names it goes by; any of them finds it."},
    )


def _merged_into() -> fields.Integer:
    return nullable(
        fields.Integer,
        attribute="merged_into_id",
        metadata={"description": "The record this duplicate was merged into, if any."},
    )


class OutletSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    country = nullable(fields.String)
    notes = fields.String(required=True)
    aliases = _names()
    merged_into = _merged_into()


class ActorSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    role = nullable(fields.String)
    affiliation = nullable(fields.String)
    country = nullable(fields.String)
    notes = fields.String(required=True)
    party_to = fields.Pluck(
        "EventSchema",
        "id",
        many=True,
        required=True,
        metadata={"description": "Events in which the actor is a side (a partisan origin)."},
    )
    aliases = _names()
    merged_into = _merged_into()


class MergeSchema(ma.Schema):
    id = fields.Integer(required=True)
    entity_type = fields.String(required=True, metadata={"description": "actor, outlet or place"})
    from_id = fields.Integer(required=True, metadata={"description": "The duplicate."})
    into_id = fields.Integer(required=True, metadata={"description": "The record that stays."})
    moved = fields.Dict(
        required=True, metadata={"description": "The ids of what moved, put back by an undo."}
    )
    merged_by_id = nullable(fields.Integer)
    merged_at = fields.DateTime(required=True)
    undone_by_id = nullable(fields.Integer)
    undone_at = nullable(fields.DateTime)


class AnchorSchema(ma.Schema):
    """W3C TextQuoteSelector + TextPositionSelector: `start`/`end` count Unicode code points of
    the stored text (Python's str); `utf16_start`/`utf16_end` the same places in UTF-16 units,
    JavaScript's string indices, which count an emoji twice."""

    exact = fields.String(required=True)
    prefix = fields.String(required=True)
    suffix = fields.String(required=True)
    start = fields.Integer(required=True, attribute="anchor_start")
    end = fields.Integer(required=True, attribute="anchor_end")
    utf16_start = fields.Method("_utf16_start", required=True)
    utf16_end = fields.Method("_utf16_end", required=True)

    def _utf16_start(self, claim) -> int:
        return utf16_offset(claim.article.text, claim.anchor_start)

    def _utf16_end(self, claim) -> int:
        return utf16_offset(claim.article.text, claim.anchor_end)


class ClaimSchema(ma.Schema):
    id = fields.Integer(required=True)
    version = fields.Integer(
        required=True, metadata={"description": "Bumped by every change; the ETag names it."}
    )
    article_id = fields.Integer(required=True)
    event_id = fields.Integer(required=True)
    kind = fields.String(required=True)
    anchor = Itself(AnchorSchema, required=True)
    proposition = nullable(fields.String)
    translation = nullable(
        fields.String, metadata={"description": "A reviewer's translation of the quote."}
    )
    attributed_to_id = nullable(fields.Integer)
    cites_id = nullable(fields.Integer)
    stated_on = fields.Date(required=True)
    metric = nullable(fields.String)
    category = nullable(fields.String)
    category_label = nullable(fields.String)
    qualifier = nullable(fields.String)
    modality = nullable(fields.String)
    value = nullable(fields.Float)
    lower = nullable(fields.Float)
    upper = nullable(fields.Float, metadata={"description": "null: unbounded above"})
    point = nullable(fields.Float)
    unit = fields.String(required=True)
    as_of = nullable(fields.Date)
    place = nullable(
        fields.String,
        attribute="place_name",
        metadata={"description": "the part of the event's area; null: the whole area"},
    )
    rank = fields.String(required=True)
    deprecated_reason = nullable(fields.String)
    preferred_reason = nullable(fields.String)
    created_by_id = nullable(fields.Integer)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    withdrawn_at = nullable(fields.DateTime)
    withdrawn = fields.Boolean(required=True, attribute="is_withdrawn")


class RelationSchema(ma.Schema):
    id = fields.Integer(required=True)
    type = fields.String(required=True)
    source_id = fields.Integer(required=True)
    target_id = fields.Integer(required=True)
    note = fields.String(required=True)
    created_by_id = nullable(fields.Integer)
    created_at = fields.DateTime(required=True)
    withdrawn_at = nullable(
        fields.DateTime, metadata={"description": "Set while the link is withdrawn (not in force)."}
    )
    version = fields.Integer(required=True)


class ReviewSchema(ma.Schema):
    id = fields.Integer(required=True)
    claim_id = fields.Integer(required=True)
    rating = fields.String(required=True)
    rating_value = nullable(
        fields.Integer,
        metadata={
            "description": "schema.org ratingValue, 1..5; null for "
            + " / ".join(r for r, v in RATINGS.items() if v is None)
        },
    )
    rationale = fields.String(required=True)
    evidence_links = fields.List(fields.String(), required=True)
    reviewer_id = nullable(fields.Integer)
    published = fields.Boolean(required=True)
    published_at = nullable(fields.DateTime)
    published_by_id = nullable(fields.Integer)
    created_at = fields.DateTime(required=True)


class ChangeSchema(ma.Schema):
    id = fields.Integer(required=True)
    entity_type = fields.String(required=True)
    entity_id = fields.Integer(required=True)
    action = fields.String(required=True)
    user_id = nullable(fields.Integer)
    via = fields.String(required=True)
    at = fields.DateTime(required=True)
    before = nullable(fields.Dict)
    after = nullable(fields.Dict)


class ClaimDetailSchema(ClaimSchema):
    relations = fields.List(fields.Nested(RelationSchema), required=True)
    reviews = fields.List(fields.Nested(ReviewSchema), required=True)


class ArticleSchema(ma.Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    outlet_id = fields.Integer(required=True)
    event_id = nullable(fields.Integer)
    url = nullable(fields.String)
    language = fields.String(required=True)
    published_at = nullable(
        fields.DateTime,
        attribute="published_local",
        metadata={"description": "In the time zone the outlet published in."},
    )
    retrieved_at = fields.DateTime(required=True)
    sha256 = fields.String(required=True)
    republished_from_outlet_id = nullable(fields.Integer)
    republished_from_article_id = nullable(fields.Integer)
    created_by_id = nullable(fields.Integer)
    created_at = fields.DateTime(required=True)
    withdrawn_at = nullable(fields.DateTime)


class SuggestionSchema(ma.Schema):
    id = fields.Integer(required=True)
    article_id = fields.Integer(required=True)
    kind = fields.String(required=True)
    start = fields.Integer(required=True, attribute="anchor_start")
    end = fields.Integer(required=True, attribute="anchor_end")
    exact = fields.String(required=True)
    data = fields.Dict(
        required=True,
        metadata={"description": "What the assistant read (as `factcheck suggest` prints it)."},
    )
    status = fields.String(required=True)
    claim_id = nullable(fields.Integer)
    decided_by_id = nullable(fields.Integer)
    decided_at = nullable(fields.DateTime)


class FindingSchema(ma.Schema):
    kind = fields.String(required=True)
    detail = fields.String(required=True)
    value = fields.Raw(allow_none=True)
    quote = fields.String()
    start = fields.Integer()
    end = fields.Integer()


class ArticleDetailSchema(ArticleSchema):
    text = fields.String(
        required=True, metadata={"description": "Exactly as stored: claims anchor into it."}
    )
    findings = fields.List(fields.Nested(FindingSchema), required=True)
    suggestions = fields.List(fields.Nested(SuggestionSchema), required=True)
    suggestions_status = fields.String(
        required=True,
        validate=ma.validate.OneOf(SUGGESTION_RUN_STATUSES),
        metadata={
            "description": "queued: the assistant has not read the article yet; done; failed "
            "(suggestions_error says why)."
        },
    )
    suggestions_error = nullable(fields.String)
    suggestions_read_chars = nullable(
        fields.Integer,
        metadata={
            "description": "How much of the text the assistant read (FACTCHECK_SUGGEST_MAX_CHARS): "
            "fewer than the text's length, only its first part has suggestions."
        },
    )
    claim_ids = fields.List(fields.Integer(), required=True)


class EventSchema(ma.Schema):
    id = fields.Integer(required=True)
    slug = fields.String(required=True)
    title = fields.String(required=True)
    place = nullable(fields.String)
    start_date = nullable(fields.Date)
    end_date = nullable(fields.Date)
    parent_id = nullable(fields.Integer)
