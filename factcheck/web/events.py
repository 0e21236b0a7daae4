"""Events: the reconciled figures per group, their timeline, and the conflicts to resolve."""

from __future__ import annotations

import hashlib

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
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy.orm import selectinload
from wtforms import DateField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, Length, Optional, Regexp

from factcheck.domain.vocabulary import DEPRECATED_REASONS
from factcheck.extensions import db
from factcheck.models import Article, Claim, Conflict, Event, Job, PendingGroup, Reconciliation
from factcheck.services import reports as report_service
from factcheck.services import reviews as review_service
from factcheck.services.claims import InvalidChange
from factcheck.services.rebuild import start_job
from factcheck.web import fragments
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm

bp = Blueprint("events", __name__, url_prefix="/events")


class EventForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    slug = StringField(
        "Short name for links (letters, digits, hyphens)",
        validators=[
            DataRequired(),
            Length(max=120),
            Regexp(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message="Use lower-case letters, digits and hyphens."
            ),
        ],
    )
    place = StringField("Place", validators=[Optional(), Length(max=200)])
    start_date = DateField("Started on", validators=[Optional()])
    end_date = DateField("Ended on (empty while it goes on)", validators=[Optional()])
    submit = SubmitField("Add the event")

    def validate_slug(self, field):
        if db.session.scalar(sa.select(Event.id).where(Event.slug == field.data)):
            raise ValidationError("Another event has this short name.")

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError("The event cannot end before it starts.")


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
        sa.select(Event, claims, open_conflicts).order_by(
            Event.start_date.desc().nulls_last(), Event.title
        )
    ).all()
    return render_template("events/list.html", rows=rows)


@bp.route("/new", methods=["GET", "POST"])
@requires("log")
def new():
    """Add an event that claims can be about."""
    form = EventForm()
    if form.validate_on_submit():
        event = Event(
            title=form.title.data.strip(),
            slug=form.slug.data,
            place=form.place.data or None,
            start_date=form.start_date.data,
            end_date=form.end_date.data,
        )
        db.session.add(event)
        db.session.commit()
        flash(f"Added the event {event.title}.")
        return redirect(url_for("events.show", slug=event.slug))
    return render_template("events/new.html", form=form), 400 if form.errors else 200


# A big event has thousands of figures: the page shows this many per group and
# this many conflicts, and links to the search page (or ?conflicts=all) for the rest.
FIGURES_SHOWN = 30
CONFLICTS_SHOWN = 50
STEPS_SHOWN = 60


def _with_sources(query: sa.Select) -> sa.Select:
    return query.options(
        selectinload(Claim.attributed_to), selectinload(Claim.article).selectinload(Article.outlet)
    )


def _results_context(event: Event) -> dict:
    results = db.session.scalars(
        sa.select(Reconciliation)
        .where(Reconciliation.event_id == event.id)
        .order_by(Reconciliation.metric, Reconciliation.id)
    ).all()
    shown: dict[int, list[tuple[int, str | None]]] = {}  # group -> (claim id, why set aside)
    totals: dict[int, int] = {}
    for r in results:
        aside = dict(r.claims_set_aside)
        # Withdrawn figures first: a retraction stays visible on every view of its group.
        dead = [cid for cid, reason in aside.items() if reason in DEPRECATED_REASONS]
        ids = list(dict.fromkeys([*dead, *r.claims_used, *aside]))
        shown[r.id] = [(cid, aside.get(cid)) for cid in ids[:FIGURES_SHOWN]]
        totals[r.id] = len(ids)
    claim_ids = {cid for ids in shown.values() for cid, _ in ids}
    claims = {
        c.id: c
        for c in db.session.scalars(_with_sources(sa.select(Claim).where(Claim.id.in_(claim_ids))))
    }
    all_conflicts = request.args.get("conflicts") == "all"
    query = (
        sa.select(Conflict)
        .where(Conflict.event_id == event.id)
        .order_by(Conflict.status != "open", Conflict.id)
    )
    conflict_total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    conflicts = db.session.scalars(query if all_conflicts else query.limit(CONFLICTS_SHOWN)).all()
    conflict_claims = {
        c.id: c
        for c in db.session.scalars(
            _with_sources(
                sa.select(Claim).where(
                    Claim.id.in_({i for c in conflicts for i in c.claim_ids[:FIGURES_SHOWN]})
                )
            )
        )
    }
    return {
        "event": event,
        "results": results,
        "shown": shown,
        "claims": claims,
        "conflicts": conflicts,
        "conflict_total": conflict_total,
        "totals": totals,
        "conflict_claims": conflict_claims,
        "action_form": ActionForm(),
        "figures_shown": FIGURES_SHOWN,
        "steps_shown": STEPS_SHOWN,
    }


def results_state(event: Event) -> str:
    """A short token that changes whenever a result, a conflict or a claim of the event changes."""
    results = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(Reconciliation.computed_at)).where(
            Reconciliation.event_id == event.id
        )
    ).one()
    conflicts = db.session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(Conflict.version), 0)).where(
            Conflict.event_id == event.id
        )
    ).one()  # every change to a conflict bumps its version; new ones add to the count
    claims = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(Claim.updated_at)).where(Claim.event_id == event.id)
    ).one()  # quotes, speakers and ranks show on the page too
    return hashlib.sha256(
        repr((tuple(results), tuple(conflicts), tuple(claims))).encode()
    ).hexdigest()[:16]


@bp.route("/<slug>")
@login_required
def show(slug: str):
    """Low / best / high per figure group with the explanation, the timeline and the conflicts."""
    event = _event(slug)
    articles = db.session.scalars(
        sa.select(Article).where(Article.event_id == event.id).order_by(Article.published_at)
    ).all()
    job = _latest_job(event)
    versions = report_service.list_reports(event.id)
    current = (
        report_service.current_fingerprint(event.id)
        if any(r.status == "published" for r in versions)
        else None
    )
    report_rows = [
        (r, current is not None and r.status == "published" and r.fingerprint != current)
        for r in versions
    ]
    state = results_state(event)
    return render_template(
        "events/show.html",
        event=event,
        articles=articles,
        job=job,
        state=state,
        results_html=_results_html(event, state),
        action_form=ActionForm(),
        report_rows=report_rows,
        report_path=report_service.report_path,
        formats=report_service.FORMATS,
    )


def _results_html(event: Event, state: str):
    """The results section, rendered once per change of the data it shows (and per role).

    `state` is the token the page also hands to its poller: one reading, so the
    section and the token on the page always describe the same data.
    """
    all_conflicts = request.args.get("conflicts") == "all"
    key = (str(db.engine.url), event.id, state, current_user.role, all_conflicts)
    return fragments.cached(
        key, lambda: render_template("events/_results.html", **_results_context(event))
    )


def _latest_job(event: Event) -> Job | None:
    return db.session.scalar(
        sa.select(Job)
        .where(sa.or_(Job.event_id == event.id, Job.event_id.is_(None)))
        .order_by(Job.id.desc())
        .limit(1)
    )


@bp.route("/<slug>/groups/<metric>/<category>")
@login_required
def group(slug: str, metric: str, category: str):
    """One figure group in full: every step of the explanation and every figure, for an audit."""
    event = _event(slug)
    result = db.session.scalar(
        sa.select(Reconciliation).filter_by(event_id=event.id, metric=metric, category=category)
    ) or abort(404)
    ids = list(dict.fromkeys([*result.claims_used, *(cid for cid, _ in result.claims_set_aside)]))
    claims = db.session.scalars(
        _with_sources(sa.select(Claim).where(Claim.id.in_(ids))).order_by(Claim.stated_on, Claim.id)
    ).all()
    aside = {cid: reason for cid, reason in result.claims_set_aside}
    return render_template("events/group.html", event=event, r=result, claims=claims, aside=aside)


@bp.route("/<slug>/charts/<metric>/<category>.svg")
@login_required
def chart(slug: str, metric: str, category: str):
    """The group's timeline: every figure by the day it was stated, withdrawn ones marked, the reconciled band."""
    event = _event(slug)
    result = db.session.scalar(
        sa.select(Reconciliation).filter_by(event_id=event.id, metric=metric, category=category)
    ) or abort(404)
    key = ("chart", str(db.engine.url), event.id, results_state(event), metric, category)
    svg = fragments.cached(key, lambda: _timeline(event, result))
    return Response(
        str(svg), mimetype="image/svg+xml", headers={"Cache-Control": "private, max-age=60"}
    )


def _timeline(event: Event, result: Reconciliation) -> str:
    from factcheck.services.reports.charts import timeline_svg
    from factcheck.services.reports.view import interval_text

    rows = db.session.execute(
        sa.select(
            Claim.id, Claim.stated_on, Claim.lower, Claim.upper, Claim.point, Claim.rank
        ).where(
            Claim.event_id == event.id,
            Claim.kind == "quantity",
            Claim.metric == result.metric,
            Claim.category == result.category,
        )
    ).all()
    used = set(result.claims_used)
    claims = [
        {
            "id": r.id,
            "stated_on": r.stated_on.isoformat(),
            "lower": r.lower,
            "upper": r.upper,
            "point": r.point,
            "rank": r.rank,
            "used": r.id in used,
        }
        for r in rows
    ]
    group = {
        "claims": claims,
        "low": result.low,
        "best": result.best,
        "high": result.high,
        "interval": interval_text(result.low, result.high),
    }
    return timeline_svg(group)


@bp.route("/<slug>/results")
@login_required
def results(slug: str):
    """The results section alone: the page swaps it in when a background job finishes."""
    event = _event(slug)
    return _results_html(event, results_state(event))


@bp.route("/<slug>/status.json")
@login_required
def status(slug: str):
    """What the page polls: the results token and the progress of the latest rebuild."""
    event = _event(slug)
    job = _latest_job(event)
    pending = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(PendingGroup)
        .where(PendingGroup.event_id == event.id)
    )
    return jsonify(
        state=results_state(event),
        pending_groups=pending,
        job=None
        if job is None
        else {
            "id": job.id,
            "kind": job.kind,
            "status": job.status,
            "done": job.done,
            "total": job.total,
        },
    )


@bp.route("/<slug>/rebuild", methods=["POST"])
@requires("log")
def rebuild(slug: str):
    """Queue a rebuild of every group of the event; the page shows its progress."""
    event = _event(slug)
    if ActionForm().validate_on_submit():
        from tasks.reconcile import rebuild_all

        job = start_job(event, user_id=current_user.id)
        rebuild_all.delay(job.id)
        flash(f"Queued rebuild job {job.id}.")
    return redirect(url_for("events.show", slug=slug))


@bp.route("/<slug>/conflicts/<int:conflict_id>", methods=["POST"])
@requires("resolve")
def close_conflict(slug: str, conflict_id: int):
    """Resolve or dismiss a conflict; the note is required, and the conflict is kept."""
    conflict = db.session.get(Conflict, conflict_id) or abort(404)
    form = ActionForm()
    if form.validate_on_submit():
        try:
            review_service.close_conflict(
                conflict,
                request.form.get("status", ""),
                form.note.data or "",
                current_user.id,
                expected_version=request.form.get("version", type=int),
            )
            flash(f"Conflict {conflict.id} {conflict.status}.")
        except InvalidChange as err:
            flash(f"Conflict {conflict.id} left open: {err}.", "error")
        except (review_service.StaleConflict, sa.orm.exc.StaleDataError):
            # Someone (or the engine) changed it first: show theirs beside the note the editor typed, keep nothing of it.
            db.session.rollback()
            theirs = db.session.get(Conflict, conflict_id)
            flash(
                f"Not saved: conflict {conflict_id} changed since you opened the page; it is {theirs.status} now"
                + (f" with the note “{theirs.note}”" if theirs.note else "")
                + f". Your note was: “{form.note.data or ''}”. Check it against theirs and act again if needed.",
                "error",
            )
    return redirect(url_for("events.show", slug=slug) + f"#conflict-{conflict_id}")
