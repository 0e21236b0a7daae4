"""What the API answers about outcomes: reconciled figures, conflicts, events with both, jobs and reports."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from factcheck.api.schemas import EventSchema, nullable


class SetAsidePairs(fields.List):
    """The engine's [[claim id, reason], …] as [{claim_id, reason}, …]."""

    def _serialize(self, value, attr, obj, **kwargs):
        pairs = [{"claim_id": cid, "reason": reason} for cid, reason in value or []]
        return super()._serialize(pairs, attr, obj, **kwargs)


class StepSchema(ma.Schema):
    rule = fields.String(required=True)
    text = fields.String(required=True)
    claim_ids = fields.List(fields.Integer(), required=True)


class SetAsideSchema(ma.Schema):
    claim_id = fields.Integer(required=True)
    reason = fields.String(required=True)


class SideEstimateSchema(ma.Schema):
    low = nullable(fields.Float)
    best = nullable(fields.Float)
    high = nullable(fields.Float)
    claims_used = fields.List(fields.Integer(), required=True)


class SeriesPointSchema(ma.Schema):
    """The group's estimate as it stood on a day a figure of it arrived (DOMAIN.md §9)."""

    on = fields.String(required=True, metadata={"format": "date", "description": "YYYY-MM-DD"})
    low = nullable(fields.Float)
    best = nullable(fields.Float)
    high = nullable(fields.Float)
    grade = fields.String(required=True)


class ReconciliationSchema(ma.Schema):
    """low / best / high, grade, flags and the explanation for one figure group (DOMAIN.md §5)."""

    id = fields.Integer(required=True)
    event_id = fields.Integer(required=True)
    metric = fields.String(required=True)
    category = fields.String(required=True)
    place = nullable(
        fields.String,
        attribute="place_name",
        metadata={"description": "the part of the event's area; null: the whole area"},
    )
    place_id = nullable(fields.Integer)
    low = nullable(fields.Float)
    best = nullable(fields.Float)
    high = nullable(fields.Float)
    grade = fields.String(required=True)
    flags = fields.List(fields.String(), required=True)
    explanation = fields.List(fields.Nested(StepSchema), attribute="steps", required=True)
    claims_used = fields.List(fields.Integer(), required=True)
    claims_set_aside = SetAsidePairs(
        fields.Nested(SetAsideSchema),
        required=True,
        metadata={"description": "Claims not used, each with why (retracted, …)."},
    )
    side_estimates = fields.Dict(
        keys=fields.String(), values=fields.Nested(SideEstimateSchema), required=True
    )
    series = fields.List(
        fields.Nested(SeriesPointSchema),
        required=True,
        metadata={
            "description": "The estimate as it stood each day a figure arrived, oldest first."
        },
    )
    computed_at = fields.DateTime(required=True)
    fingerprint = fields.String(required=True)


class ConflictSchema(ma.Schema):
    id = fields.Integer(required=True)
    event_id = fields.Integer(required=True)
    kind = fields.String(required=True)
    metric = nullable(fields.String)
    category = nullable(fields.String)
    claim_ids = fields.List(fields.Integer(), required=True)
    detail = fields.String(required=True)
    status = fields.String(required=True)
    note = nullable(fields.String)
    detected_at = fields.DateTime(required=True)
    resolved_at = nullable(fields.DateTime)
    resolved_by_id = nullable(fields.Integer)
    outcome = nullable(fields.String, metadata={"description": "What closing it decided."})
    outcome_claim_id = nullable(fields.Integer)


class EventDetailSchema(EventSchema):
    reconciliations = fields.List(fields.Nested(ReconciliationSchema), required=True)
    conflicts = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "How many conflicts are open, resolved and dismissed."},
    )
    claims = fields.Integer(
        required=True, metadata={"description": "How many claims are about the event."}
    )


class JobSchema(ma.Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"description": "rebuild or report"})
    event_id = nullable(fields.Integer)
    status = fields.String(
        required=True, metadata={"description": "queued, running, done or failed"}
    )
    done = fields.Integer(required=True)
    total = nullable(fields.Integer)
    progress = fields.Float(required=True, metadata={"description": "done / total, 0 to 1"})
    planned_at = nullable(
        fields.DateTime,
        metadata={
            "description": "When a rebuild's plan was complete; until then its total still grows, "
            "as each step of the plan counts its events' groups."
        },
    )
    written = fields.Integer(required=True)
    attempts = fields.Integer(required=True)
    error = nullable(fields.String)
    created_at = fields.DateTime(required=True)
    started_at = nullable(fields.DateTime)
    finished_at = nullable(fields.DateTime)
    report_id = fields.Method(
        "_report_id",
        allow_none=True,
        required=True,
        metadata={
            "type": "integer",
            "nullable": True,
            "description": "The report a finished report job made.",
        },
    )

    def _report_id(self, job) -> int | None:
        from factcheck.services.reports import report_for_job

        if job.kind != "report" or job.status != "done":
            return None
        report = report_for_job(job.id)
        return report.id if report is not None else None


class ReportFileSchema(ma.Schema):
    format = fields.String(required=True)
    media_type = fields.String(required=True)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True)


class ReportSchema(ma.Schema):
    id = fields.Integer(required=True)
    event_id = fields.Integer(required=True)
    claim_id = nullable(fields.Integer)
    version = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"description": "draft or published"})
    formats = fields.List(fields.String(), required=True)
    fingerprint = fields.String(required=True)
    generated_by_id = nullable(fields.Integer)
    generated_at = fields.DateTime(required=True)
    published_at = nullable(fields.DateTime)
    published_by_id = nullable(fields.Integer)
    files = fields.List(fields.Nested(ReportFileSchema), required=True)
