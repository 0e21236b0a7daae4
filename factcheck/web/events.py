"""Events: the reconciled figures per group, their timeline, and the conflicts to resolve."""

from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import DateField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length, Optional, Regexp

from factcheck.domain.input_rules import SLUG, SLUG_MESSAGE
from factcheck.extensions import db
from factcheck.models import Article, Claim, Conflict, Event, PendingGroup, Reconciliation
from factcheck.services import reports as report_service
from factcheck.services.events import DuplicateSlug, EventDraft, create_event
from factcheck.services.rebuild import queue_rebuild
from factcheck.web import fragments
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm
from factcheck.web.event_results import (
    latest_job,
    results_html,
    results_state,
    timeline,
    with_sources,
)
from factcheck.web.forms import GuardedForm

bp = Blueprint("events", __name__, url_prefix="/events")


class EventForm(GuardedForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    slug = StringField(
        _l("Short name for links (letters, digits, hyphens)"),
        validators=[
            DataRequired(),
            Length(max=120),
            Regexp(rf"^{SLUG.pattern}$", message=SLUG_MESSAGE),  # as the API and the importer
        ],
    )
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    start_date = DateField(_l("Started on"), validators=[Optional()])
    end_date = DateField(_l("Ended on (empty while it goes on)"), validators=[Optional()])
    submit = SubmitField(_l("Add the event"))

    def validate_slug(self, field):
        if db.session.scalar(sa.select(Event.id).where(Event.slug == field.data)):
            raise ValidationError(_("Another event has this short name."))

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_("The event cannot end before it starts."))


def _event(slug: str) -> Event:
    return db.session.scalar(sa.select(Event).where(Event.slug == slug)) or abort(404)


@bp.route("/")
@login_required
def list_events():
    """Every event with its number of claims and open conflicts."""
    claims = sa.select(sa.func.count()).where(Claim.event_id == Event.id).scalar_subquery()
    open_conflicts = (
        sa.select(sa.func.count())
        .where(Conflict.event_id == Event.id, Conflict.status == "open")
        .scalar_subquery()
    )
    rows = db.session.execute(
        sa.select(Event, claims, open_conflicts)
        .options(sa.orm.selectinload(Event.places))  # the area each names: one query for all
        .order_by(Event.start_date.desc().nulls_last(), Event.title)
    ).all()
    return render_template("events/list.html", rows=rows)


@bp.route("/new", methods=["GET", "POST"])
@requires("log")
def new():
    """Add an event that claims can be about."""
    form = EventForm()
    if form.validate_on_submit():
        draft = EventDraft(
            title=form.title.data,
            slug=form.slug.data,
            place=form.place.data,
            start_date=form.start_date.data,
            end_date=form.end_date.data,
        )
        try:
            event = create_event(draft)
        except DuplicateSlug as err:  # taken between the form's check and the save
            form.slug.errors = [*form.slug.errors, str(err)]
        else:
            flash(_("Added the event %(event_title)s.", event_title=event.title))
            return redirect(url_for("events.show", slug=event.slug))
    return render_template("events/new.html", form=form), 400 if form.errors else 200


@bp.route("/<slug>")
@login_required
def show(slug: str):
    """Low / best / high per figure group with the explanation, the timeline and the conflicts."""
    event = _event(slug)
    articles = db.session.scalars(
        sa.select(Article).where(Article.event_id == event.id).order_by(Article.published_at)
    ).all()
    job = latest_job(event)
    state = results_state(event)
    return render_template(
        "events/show.html",
        event=event,
        articles=articles,
        job=job,
        state=state,
        results_html=results_html(event, state),
        action_form=ActionForm(),
        **_reports(event),
    )


def _reports(event: Event) -> dict:
    """The event's report versions, each with whether the data moved on since it was published."""
    versions = report_service.list_reports(event.id)
    current = (
        report_service.current_fingerprint(event.id)
        if any(r.status == "published" for r in versions)
        else None
    )
    return {
        "report_rows": [
            (r, current is not None and r.status == "published" and r.fingerprint != current)
            for r in versions
        ],
        "reports_state": _reports_state(versions),
        "report_path": report_service.report_path,
        "formats": report_service.FORMATS,
    }


def _reports_state(versions) -> str:
    """Changes when a version is added or published: the page then fetches the list again."""
    return ",".join(f"{r.id}:{r.status}" for r in versions)


@bp.route("/<slug>/reports-list")
@login_required
def report_list(slug: str):
    """The reports list alone: the page swaps it in when a report job has finished."""
    event = _event(slug)
    return render_template("events/_reports.html", event=event, **_reports(event))


@bp.route("/<slug>/groups/<metric>/<category>")
@login_required
def group(slug: str, metric: str, category: str):
    """One figure group in full: every step of the explanation and every figure, for an audit."""
    event = _event(slug)
    result = _result(event, metric, category)
    ids = list(dict.fromkeys([*result.claims_used, *(cid for cid, _ in result.claims_set_aside)]))
    claims = db.session.scalars(
        with_sources(sa.select(Claim).where(Claim.id.in_(ids))).order_by(Claim.stated_on, Claim.id)
    ).all()
    aside = {cid: reason for cid, reason in result.claims_set_aside}
    return render_template("events/group.html", event=event, r=result, claims=claims, aside=aside)


def _result(event: Event, metric: str, category: str) -> Reconciliation:
    """The stored group; `?place=` names a part of the event's area by id (none: the whole)."""
    place_key = request.args.get("place", "")
    return db.session.scalar(
        sa.select(Reconciliation).filter_by(
            event_id=event.id, metric=metric, category=category, place_key=place_key
        )
    ) or abort(404)


@bp.route("/<slug>/charts/<metric>/<category>.svg")
@login_required
def chart(slug: str, metric: str, category: str):
    """The group's timeline: every figure by the day it was stated, withdrawn ones marked, the reconciled band."""
    event = _event(slug)
    result = _result(event, metric, category)
    key = (
        "chart",
        str(db.engine.url),
        event.id,
        results_state(event),
        metric,
        category,
        result.place_key,
    )
    svg = fragments.cached(key, lambda: timeline(event, result))
    return Response(
        str(svg), mimetype="image/svg+xml", headers={"Cache-Control": "private, max-age=60"}
    )


@bp.route("/<slug>/results")
@login_required
def results(slug: str):
    """The results section alone: the page swaps it in when a background job finishes."""
    event = _event(slug)
    return results_html(event, results_state(event))


@bp.route("/<slug>/status.json")
@login_required
def status(slug: str):
    """What the page polls: the results token and the progress of the latest rebuild."""
    event = _event(slug)
    job = latest_job(event)
    pending = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(PendingGroup)
        .where(PendingGroup.event_id == event.id)
    )
    return jsonify(
        state=results_state(event),
        reports=_reports_state(report_service.list_reports(event.id)),
        pending_groups=pending,
        job=None
        if job is None
        else {
            "id": job.id,
            "kind": job.kind,
            "status": job.status,
            "done": job.done,
            "total": job.total,
            # a rebuild's plan not yet complete: its total still grows
            "counting": job.kind == "rebuild"
            and job.status == "running"
            and job.planned_at is None,
        },
    )


@bp.route("/<slug>/rebuild", methods=["POST"])
@requires("log")
def rebuild(slug: str):
    """Queue a rebuild of every group of the event; the page shows its progress."""
    event = _event(slug)
    if ActionForm().validate_on_submit():
        job = queue_rebuild(event, user_id=current_user.id)
        flash(_("Queued rebuild job %(job_id)s.", job_id=job.id))
    return redirect(url_for("events.show", slug=slug))
