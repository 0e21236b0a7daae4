"""Verification reports: generate in the background, publish, and serve each version.

A published version answers at a stable address without an account; a draft
needs a login.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, SubmitField
from wtforms.validators import DataRequired

from factcheck.extensions import db
from factcheck.models import Event, Report
from factcheck.security import APP_POLICY
from factcheck.services import reports
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm
from factcheck.web.forms import GuardedForm

bp = Blueprint("reports", __name__)
EXTENSION_FORMATS = {spec.extension: name for name, spec in reports.FORMATS.items()}


def _serve(slug: str, version: int, ext: str | None, claim_id: int | None) -> Response:
    fmt = "html" if ext is None else EXTENSION_FORMATS.get(ext) or abort(404)
    try:
        content, media_type = reports.report_file(
            slug, version, fmt, claim_id=claim_id, include_drafts=current_user.is_authenticated
        )
    except reports.ReportNotFound:
        if (
            not current_user.is_authenticated
            and reports.find_report(slug, version, claim_id) is not None
        ):
            return redirect(url_for("auth.login", next=request.path))  # a draft: log in to read it
        abort(404)
    if fmt == "csv" and request.args.get("bom") == "0":
        content = reports.without_bom(content)  # the mark is on by default: Excel needs it
    response = Response(content, content_type=media_type)  # it names its charset already
    if fmt != "html":
        name = reports.download_name(slug, version, fmt, claim_id)
        response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@bp.route("/reports/<slug>/v<int:version>")
@bp.route("/reports/<slug>/v<int:version>.<ext>")
def event_report(slug: str, version: int, ext: str | None = None):
    """A version of an event's report, in one of its formats."""
    return _serve(slug, version, ext, None)


@bp.route("/reports/<slug>/claims/<int:claim_id>/v<int:version>")
@bp.route("/reports/<slug>/claims/<int:claim_id>/v<int:version>.<ext>")
def claim_report(slug: str, claim_id: int, version: int, ext: str | None = None):
    """A version of a single claim's report."""
    return _serve(slug, version, ext, claim_id)


@bp.route("/events/<slug>/reports", methods=["POST"])
@requires("draft")
def generate(slug: str):
    """Queue a new version of the event's report; the event page shows the job's progress."""
    event = db.session.scalar(sa.select(Event).where(Event.slug == slug)) or abort(404)
    if ActionForm().validate_on_submit():
        job = reports.queue_report(event.id, user_id=current_user.id)
        flash(
            _(
                "Generating a new report version (job %(job_id)s); it appears below when done.",
                job_id=job.id,
            )
        )
    return redirect(url_for("events.show", slug=slug) + "#reports-h")


class PublishForm(GuardedForm):
    confirm = BooleanField(
        _l("I have read this version and publish it under our name; it will never change again."),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
    submit = SubmitField(_l("Publish"))


@bp.route("/reports/<int:report_id>/publish", methods=["GET", "POST"])
@requires("publish")
def publish(report_id: int):
    """An editor confirms, warned when the data moved on since the draft, then publishes: frozen."""
    report = db.session.get(Report, report_id) or abort(404)
    form = PublishForm()
    if report.status == "published":
        flash(_("Version %(report_version)s is published already.", report_version=report.version))
        return redirect(url_for("events.show", slug=report.event.slug) + "#reports-h")
    if form.validate_on_submit():
        try:
            reports.publish_report(report.id, user_id=current_user.id)
            flash(
                _(
                    "Published version %(report_version)s: %(public_url)s",
                    report_version=report.version,
                    public_url=reports.public_url(report),
                )
            )
        except (reports.NotAllowed, ValueError) as err:
            db.session.rollback()
            flash(_("Not published: %(err)s", err=err), "error")
        return redirect(url_for("events.show", slug=report.event.slug) + "#reports-h")
    page = render_template(
        "reports/publish.html",
        report=report,
        form=form,
        out_of_date=reports.is_out_of_date(report),
        draft_url=url_for("reports.event_report", slug=report.event.slug, version=report.version)
        if report.claim_id is None
        else url_for(
            "reports.claim_report",
            slug=report.event.slug,
            claim_id=report.claim_id,
            version=report.version,
        ),
    )
    response = make_response(page, 422 if request.method == "POST" else 200)
    # An app page with a form, not a report file: the reports blueprint's file policy would block both.
    response.headers["Content-Security-Policy"] = APP_POLICY
    return response
