"""What the API accepts in a request body, validated before any service runs (lists: filters.py)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from factcheck.api.fields import Amount, Choice, Day, Id, Moment, Text

# The list filters live in filters.py; resource modules may still import them from here.
from factcheck.api.filters import (
    ACTOR_SORTS,
    ARTICLE_SORTS,
    CLAIM_SORTS,
    CONFLICT_SORTS,
    EVENT_SORTS,
    JOB_SORTS,
    OUTLET_SORTS,
    RECONCILIATION_SORTS,
    RELATION_SORTS,
    REPORT_SORTS,
    REVIEW_SORTS,
    ActorFilter,
    ArticleFilter,
    ClaimFilter,
    ConflictFilter,
    EventFilter,
    JobFilter,
    OutletFilter,
    ReconciliationFilter,
    RelationFilter,
    ReportFilter,
    ReviewFilter,
)
from factcheck.domain.claim_rules import ClaimDraft, check_claim
from factcheck.domain.input_rules import ARTICLE_TEXT_CHARS, LENGTHS, SLUG_MESSAGE
from factcheck.domain.input_rules import SLUG as SLUG_RULE
from factcheck.domain.vocabulary import (
    CATEGORIES,
    CLAIM_KINDS,
    CONFLICT_OUTCOMES,
    LANGUAGES,
    METRICS,
    MODALITIES,
    QUALIFIERS,
    RATINGS,
    RELATION_TYPES,
)
from factcheck.models.outcome import REPORT_FORMATS

__all__ = [
    "ArticleIn",
    "ClaimFields",
    "ClaimIn",
    "ClaimPatch",
    "RelationIn",
    "ReviewIn",
    "ReportIn",
    "ConflictClose",
    "EventIn",
    "Strict",
    "ACTOR_SORTS",
    "ARTICLE_SORTS",
    "ActorFilter",
    "ArticleFilter",
    "CLAIM_SORTS",
    "CONFLICT_SORTS",
    "ClaimFilter",
    "ConflictFilter",
    "EVENT_SORTS",
    "EventFilter",
    "JOB_SORTS",
    "JobFilter",
    "OUTLET_SORTS",
    "OutletFilter",
    "RECONCILIATION_SORTS",
    "RELATION_SORTS",
    "REPORT_SORTS",
    "REVIEW_SORTS",
    "ReconciliationFilter",
    "RelationFilter",
    "ReportFilter",
    "ReviewFilter",
]

SLUG = rf"^{SLUG_RULE.pattern}$"  # the rule every entry path shares (domain/input_rules)


class Strict(ma.Schema):
    class Meta:
        unknown = ma.RAISE  # a misspelt field is an error, not silently ignored


def _in_order(data: dict, first: str, second: str) -> None:
    if data.get(first) is not None and data.get(second) is not None and data[first] > data[second]:
        raise ma.ValidationError(f"{first} may not be above {second}.", second)


# Bodies


class ArticleIn(Strict):
    """An article from pasted text or from an HTML page (its text, title and date are read from it)."""

    text = Text(
        # CRLF and CR are stored as LF, so a text's length is judged as stored (by the service):
        # the schema's bound is only what a text within it can be sent as.
        max_length=2 * ARTICLE_TEXT_CHARS,
        metadata={
            "description": "The article text, stored with its line endings as LF: at most "
            f"{ARTICLE_TEXT_CHARS:,} characters once they are."
        },
    )
    html = Text(
        max_length=5_000_000, metadata={"description": "…or an HTML page to read the article from."}
    )
    title = Text(max_length=1000)
    outlet_id = Id()
    outlet = Text(
        min_length=1,
        max_length=200,
        metadata={"description": "…or an outlet's name (created if new)."},
    )
    outlet_country = Text(
        max_length=LENGTHS["country"],
        metadata={
            "description": "A new outlet's country (with `outlet`), in English or Indonesian; "
            "the web form reads the outlet's times without an offset in its zone."
        },
    )
    language = Choice(LANGUAGES, required=True)
    published_at = Moment(
        metadata={"description": "With the outlet's UTC offset, e.g. 2022-01-11T22:25:00+07:00."},
    )
    url = Text(max_length=2000, validate=validate.URL(require_tld=False))
    event_id = Id(required=True)
    republished_from_outlet_id = Id()

    @ma.validates_schema
    def _one_source(self, data, **kwargs):
        if ("text" in data) == ("html" in data):
            raise ma.ValidationError("Give the article as text or as html (one of them).", "text")
        if ("outlet_id" in data) == ("outlet" in data):
            raise ma.ValidationError(
                "Name the outlet by outlet_id or by outlet (one of them).", "outlet_id"
            )
        if "outlet_country" in data and "outlet_id" in data:
            raise ma.ValidationError(
                "outlet_country is a new outlet's, given with outlet; a stored one keeps its own.",
                "outlet_country",
            )


class ClaimFields(Strict):
    """The fields a reviewer may set on a claim (DOMAIN.md §2)."""

    proposition = Text(allow_none=True, max_length=LENGTHS["prose"])
    translation = Text(
        allow_none=True,
        max_length=LENGTHS["prose"],
        metadata={
            "description": "A reviewer's translation of the quote; the quote stays verbatim."
        },
    )
    attributed_to_id = Id(
        allow_none=True,
        metadata={"description": "The actor who said it; null: the outlet's own voice."},
    )
    cites_id = Id(
        allow_none=True,
        metadata={"description": "The source the speaker says the figure came from."},
    )
    stated_on = Day()
    metric = Choice(METRICS, allow_none=True)
    category = Choice(CATEGORIES, allow_none=True)
    category_label = Text(allow_none=True, max_length=200)
    qualifier = Choice(QUALIFIERS, allow_none=True)
    modality = Choice(MODALITIES, allow_none=True)
    value = Amount(allow_none=True)
    lower = Amount(
        allow_none=True, metadata={"description": "Only for range and vague qualifiers."}
    )
    upper = Amount(
        allow_none=True, metadata={"description": "Only for range and vague qualifiers."}
    )
    unit = Text(min_length=1, max_length=40)
    as_of = Day(allow_none=True)
    place = Text(allow_none=True, max_length=200)


# Where a new claim's quote lies, as a client may say it; the API turns them into `start`.
OFFSET_INPUTS = ("article_id", "utf16_start", "end", "utf16_end")


class ClaimIn(ClaimFields):
    """A new claim: the quote must be in the article's text; a figure gets its interval from the qualifier."""

    article_id = Id(required=True)
    exact = Text(
        required=True,
        min_length=1,
        max_length=100_000,
        metadata={"description": "The quote, verbatim."},
    )
    start = fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=10_000_000),
        metadata={
            "description": "Where the quote starts, to pick one occurrence, in Unicode code "
            "points of the article's text (give utf16_start instead from JavaScript)."
        },
    )
    utf16_start = fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=20_000_000),
        load_only=True,
        metadata={
            "description": "`start` in UTF-16 units (a JavaScript string index); converted to "
            "code points, 422 when it falls inside a character."
        },
    )
    end = fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=10_000_000),
        load_only=True,
        metadata={
            "description": "Where the quote ends, in code points: checked against `start` and "
            "the quote's length (422 when they disagree); alone, it places the quote."
        },
    )
    utf16_end = fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=20_000_000),
        load_only=True,
        metadata={
            "description": "`end` in UTF-16 units, as a browser's selection gives it; "
            "422 when it falls inside a character."
        },
    )
    kind = Choice(CLAIM_KINDS, required=True)
    event_id = Id(metadata={"description": "Defaults to the article's event."})

    @ma.validates_schema
    def _claim_rules(self, data, **kwargs):
        """The claim rules (check_claim) that need no stored row; the quote is checked on save."""
        draft = ClaimDraft(**{k: v for k, v in data.items() if k not in OFFSET_INPUTS})
        problems = check_claim(draft)
        if problems:
            by_field: dict[str, list[str]] = {}
            for p in problems:
                by_field.setdefault(p.field, []).append(p.message)
            raise ma.ValidationError(by_field)


class ClaimPatch(ClaimFields):
    """Fields to change; those left out stay as they are. The quote, kind and event are fixed once logged."""

    preferred_reason = Text(
        allow_none=True,
        max_length=10_000,
        metadata={"description": "Why this figure is the one to rely on (makes it preferred)."},
    )

    @ma.validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ma.ValidationError("Give at least one field to change.", "_schema")


class RelationIn(Strict):
    source_id = Id(required=True)
    type = Choice(
        RELATION_TYPES,
        required=True,
        metadata={"description": "source <type> target, e.g. a retraction retracts a figure."},
    )
    target_id = Id(required=True)
    note = Text(load_default="", max_length=10_000)
    confirmed = Text(
        load_default="",
        max_length=1_000,
        metadata={
            "description": "Why link anyway, when a retracts/corrects/supersedes link comes "
            "from another speaker or origin, or is dated before its target (otherwise 422 "
            "says so and nothing is stored)."
        },
    )


class ReviewIn(Strict):
    claim_id = Id(required=True)
    rating = Choice(RATINGS, required=True)
    rationale = Text(load_default="", max_length=LENGTHS["prose"])
    evidence_links = fields.List(
        Text(max_length=2000, validate=validate.URL(schemes={"http", "https"})),
        load_default=list,
        validate=validate.Length(max=100),
    )


class ReportIn(Strict):
    event_id = Id(required=True)
    claim_id = Id(metadata={"description": "A single claim's report instead of the event's."})
    formats = fields.List(
        Choice(REPORT_FORMATS),
        load_default=lambda: list(REPORT_FORMATS),
        validate=validate.Length(min=1, max=len(REPORT_FORMATS)),
    )


class ConflictReopen(Strict):
    note = Text(
        required=True,
        min_length=1,
        max_length=10_000,
        metadata={"description": "Why the decision is taken back: kept with the conflict."},
    )


class ConflictClose(Strict):
    outcome = Choice(
        CONFLICT_OUTCOMES,
        metadata={
            "description": "What closing decides: `prefer` or `set_aside` the figure `claim_id` "
            "(preferred rank, or deprecated as set aside by editor, with the note), "
            "`different_scope` (the figures count different things: never in conflict), or "
            "`dismiss` (decides no figure; not for a value_conflict). The group is reconciled "
            "again with the decision in its explanation."
        },
    )
    claim_id = Id(
        metadata={"description": "The conflict's figure to prefer or set aside."},
    )
    status = Choice(
        ("resolved", "dismissed"),
        metadata={"description": "Deprecated: read as `outcome: dismiss`.", "deprecated": True},
    )
    note = Text(
        required=True,
        min_length=1,
        max_length=10_000,
        metadata={"description": "Why: kept with the conflict."},
    )


class EventIn(Strict):
    title = Text(required=True, min_length=1, max_length=300)
    slug = Text(
        required=True,
        max_length=120,
        validate=validate.Regexp(SLUG, error=SLUG_MESSAGE),
    )
    place = Text(allow_none=True, max_length=200)
    start_date = Day(allow_none=True)
    end_date = Day(allow_none=True)

    @ma.validates_schema
    def _dates(self, data, **kwargs):
        _in_order(data, "start_date", "end_date")
