"""Find reports and their files the way the web views ask for them: by event slug, version and format.

Published versions are readable without an account; a draft only when the
caller says the user is logged in (`include_drafts=True`).
"""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Event, Report
from factcheck.models.outcome import ReportFile
from factcheck.services.reports.formats import FORMATS
from factcheck.services.reports.generate import render_file
from factcheck.services.reports.identity import frozen_identity
from factcheck.services.reports.urls import report_path
from factcheck.services.unit_of_work import transaction


class ReportNotFound(LookupError):
    """No such report, format, or a draft asked for without a login: answer 404."""


def _subject(claim_id: int | None) -> sa.ColumnElement[bool]:
    return Report.claim_id.is_(None) if claim_id is None else Report.claim_id == claim_id


def find_report(slug: str, version: int, claim_id: int | None = None) -> Report | None:
    return db.session.scalar(
        sa.select(Report)
        .join(Event)
        .where(Event.slug == slug, Report.version == version, _subject(claim_id))
    )


def list_reports(event_id: int, claim_id: int | None = None) -> list[Report]:
    """Every version of the event's (or claim's) report, newest first."""
    query = sa.select(Report).where(Report.event_id == event_id, _subject(claim_id))
    return list(db.session.scalars(query.order_by(Report.version.desc())))


def latest_report(
    event_id: int, claim_id: int | None = None, published_only: bool = True
) -> Report | None:
    query = sa.select(Report).where(Report.event_id == event_id, _subject(claim_id))
    if published_only:
        query = query.where(Report.status == "published")
    return db.session.scalar(query.order_by(Report.version.desc()).limit(1))


def public_url(report: Report, fmt: str = "html") -> str:
    base = frozen_identity(report.snapshot)["public_url"]  # as the report's own files print it
    return base + report_path(report.event.slug, report.version, fmt, report.claim_id)


def file_of(report: Report, fmt: str) -> tuple[bytes, str]:
    """(content, media type) of one format of the report.

    A format the report was not generated in (or whose file a restore left
    behind) is rendered once from the stored snapshot and kept from then on.
    """
    if fmt not in FORMATS:
        raise ReportNotFound(f"no report format {fmt!r}")
    row = db.session.execute(
        sa.select(ReportFile.content, ReportFile.media_type).where(
            ReportFile.report_id == report.id, ReportFile.format == fmt
        )
    ).first()
    if row is not None:
        return row.content, row.media_type
    made = render_file(report, fmt)
    with transaction():
        made.report_id = report.id
        db.session.add(made)
        if fmt not in report.formats:
            report.formats = [f for f in FORMATS if f in {*report.formats, fmt}]
    return made.content, made.media_type


def report_file(
    slug: str,
    version: int,
    fmt: str = "html",
    claim_id: int | None = None,
    include_drafts: bool = False,
) -> tuple[bytes, str]:
    """(content, media type) for /reports/<slug>/v<version>[.<ext>]; ReportNotFound otherwise.

    Pass include_drafts=current_user.is_authenticated: drafts need a login.
    """
    report = find_report(slug, version, claim_id)
    if report is None or (report.status != "published" and not include_drafts):
        raise ReportNotFound(
            f"no report {report_path(slug, version, fmt if fmt in FORMATS else 'html', claim_id)}"
        )
    return file_of(report, fmt)
