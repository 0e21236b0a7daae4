"""Verification reports: generate in the background, read each version and its files, publish (editors)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, url_for

from factcheck.api.auth import allowed, current_user
from factcheck.api.base import ApiBlueprint, documents, get_or_404, page_of, page_schema
from factcheck.api.fields import ID
from factcheck.api.filters import PublishArgs
from factcheck.api.inputs import REPORT_SORTS, ReportFilter, ReportIn
from factcheck.api.outcome_schemas import JobSchema, ReportSchema
from factcheck.api.problems import abort, refused
from factcheck.extensions import db
from factcheck.models import Event, Report
from factcheck.services import reports as report_service

bp = ApiBlueprint(
    "reports",
    __name__,
    "/reports",
    "Verification reports, versioned; a published one never changes.",
)
FORMATS = "|".join(report_service.FORMATS)
# JSON and JSON-LD files are JSON documents (ClaimReview items, the snapshot); the others are bytes.
FILE_CONTENT = {
    spec.media_type.split(";")[0]: {
        "schema": {} if "json" in spec.media_type else {"type": "string", "format": "binary"}
    }
    for spec in report_service.FORMATS.values()
}


@bp.route("")
@bp.arguments(ReportFilter, location="query")
@bp.response(200, page_schema(ReportSchema))
def list_reports(args: dict):
    """Report versions by event, claim and status."""
    query = sa.select(Report)
    for name, column in (
        ("event", Report.event_id),
        ("claim", Report.claim_id),
        ("status", Report.status),
    ):
        if args.get(name):
            query = query.where(column == args[name])
    return page_of(query, args, REPORT_SORTS, Report.id)


@bp.route("", methods=["POST"])
@allowed("draft")
@bp.arguments(ReportIn)
@bp.response(202, JobSchema)
@documents(bp, 403)
def generate(data: dict):
    """Queue a new version of an event's (or one claim's) report; the job names the report when done."""
    if db.session.get(Event, data["event_id"]) is None:
        abort(422, f"event_id: there is no event {data['event_id']}.")
    try:
        job = report_service.queue_report(
            data["event_id"],
            data.get("claim_id"),
            user_id=current_user().id,
            formats=data["formats"],
        )
    except (LookupError, ValueError) as err:
        db.session.rollback()
        refused(422, err)
    return job, 202, {"Location": url_for("api_jobs.show", job_id=job.id)}


@bp.route(f"/<{ID}:report_id>")
@bp.response(200, ReportSchema)
@documents(bp, 404)
def show(report_id: int):
    """One report version with its rendered files."""
    return get_or_404(Report, report_id, "report")


@bp.route(f"/<{ID}:report_id>/files/<any({FORMATS.replace('|', ', ')}):fmt>")
# One documented 200 only: @bp.doc(responses=…) replaces what @bp.response would say, description included.
@bp.doc(
    responses={
        "200": {
            "description": "The file, byte for byte as stored (rendered once if the version lacks it).",
            "content": FILE_CONTENT,
        }
    }
)
@documents(bp, 404)
def file(report_id: int, fmt: str):
    """One format of a report version: html, pdf, jsonld, csv or json."""
    report = get_or_404(Report, report_id, "report")
    content, media_type = report_service.file_of(report, fmt)
    response = Response(content, content_type=media_type)  # it names its charset already
    name = report_service.download_name(report.event.slug, report.version, fmt, report.claim_id)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@bp.route(f"/<{ID}:report_id>/publish", methods=["POST"])
@allowed("publish")
@bp.arguments(PublishArgs, location="query")
@bp.response(200, ReportSchema)
@documents(bp, 403, 404, 409)
def publish(args: dict, report_id: int):
    """Publish a version (editors): its public address answers, and it never changes again.

    A draft the data has moved on from is refused (409) unless `out_of_date_ok=true` says
    the editor knows: the web app asks the same before publishing it.
    """
    report = get_or_404(Report, report_id, "report")
    if report.status != "published" and not args["out_of_date_ok"]:
        if report_service.is_out_of_date(report):
            abort(
                409,
                f"Report {report.id} is out of date: the data changed since it was made. "
                "Generate a new version, or publish this one with out_of_date_ok=true.",
            )
    try:
        report_service.publish_report(report.id, user_id=current_user().id, via="api")
    except report_service.NotAllowed as err:
        db.session.rollback()
        refused(403, err)
    return report
