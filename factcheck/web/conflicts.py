"""Closing a conflict from the web app: choose what it decides, say why, see the figures move.

Routes of the `events` blueprint. The event page lists each conflict's figures with a
form; a refused close comes back on the conflict's own page with the note as it was typed.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from factcheck.extensions import db
from factcheck.input_guard import whole_number
from factcheck.models import Claim, Conflict
from factcheck.services import conflicts as conflict_service
from factcheck.services.claims import InvalidChange
from factcheck.web.access import requires
from factcheck.web.conflict_forms import (
    CloseConflictForm,
    ReopenConflictForm,
    decision_choices,
    decision_words,
    figure_text,
    reopen_form,
)
from factcheck.web.event_results import with_sources
from factcheck.web.events import _event, bp
from factcheck.web.form_messages import sentence
from factcheck.web.terms import term


def _parse(decision: str) -> tuple[str, int | None]:
    outcome, _, claim = (decision or "").partition(":")
    try:
        return outcome, whole_number(claim) if claim else None
    except ValueError:
        return outcome, None


def _claims(conflict: Conflict) -> dict[int, Claim]:
    rows = db.session.scalars(
        with_sources(sa.select(Claim).where(Claim.id.in_(conflict.claim_ids or [-1])))
    )
    return {c.id: c for c in rows}


def _conflict_of(slug: str, conflict_id: int) -> tuple:
    """The event and its conflict; 404 when either is missing or the conflict is another event's."""
    event = _event(slug)
    conflict = db.session.get(Conflict, conflict_id)
    if conflict is None or conflict.event_id != event.id:
        abort(404)
    return event, conflict


@bp.route("/<slug>/conflicts/<int:conflict_id>", methods=["GET"])
@login_required
def conflict_page(slug: str, conflict_id: int):
    """One conflict, its figures side by side, and (open, for an editor) how to close it."""
    event, conflict = _conflict_of(slug, conflict_id)
    form = CloseConflictForm(prefix=f"c{conflict.id}", version=conflict.version)
    return _render(event, conflict, form)


def _render(
    event,
    conflict: Conflict,
    form: CloseConflictForm,
    status: int = 200,
    notice=None,
    reopen: ReopenConflictForm | None = None,
):
    claims = _claims(conflict)
    form.decision.choices = decision_choices(conflict, claims)
    return (
        render_template(
            "events/conflict.html",
            event=event,
            conflict=conflict,
            claims=claims,
            form=form,
            reopen=reopen,
            reopen_form_for=reopen_form,
            notice=notice,
            decision_words=decision_words,
            figure_text=figure_text,
        ),
        status,
    )


def _changed_notice(theirs: Conflict) -> str:
    """Someone (or the engine) changed the conflict first: what it is now; the typed note stays."""
    return _(
        "Not saved: conflict %(id)s changed since you opened the page; it is %(status)s now"
        " with the note “%(note)s”. Your note is kept below: check it against theirs and"
        " act again if needed.",
        id=theirs.id,
        status=term(theirs.status),
        note=theirs.note or "",
    )


@bp.route("/<slug>/conflicts/<int:conflict_id>", methods=["POST"])
@requires("resolve")
def close_conflict(slug: str, conflict_id: int):
    """Close a conflict by deciding it; a refusal keeps the typed note on the conflict's page."""
    event, conflict = _conflict_of(slug, conflict_id)
    # The cards name their fields c<id>-…, so that many can share a page; a bare post is read too.
    prefix = f"c{conflict_id}" if f"c{conflict_id}-csrf_token" in request.form else ""
    form = CloseConflictForm(prefix=prefix)
    if not form.validate_on_submit():
        return _render(event, conflict, form, 400)
    # An older page posts status=resolved|dismissed: read as "dismiss", which kinds that are
    # decided by a figure refuse with the choices they take.
    decision = form.decision.data or ("dismiss" if request.form.get("status") else "")
    outcome, claim_id = _parse(decision)
    try:
        version = whole_number(form.version.data) if form.version.data else None
    except ValueError:
        version = -1  # not a version this page handed out: treated as changed since
    try:
        conflict_service.close_conflict(
            conflict,
            outcome,
            form.note.data or "",
            current_user.id,
            claim_id=claim_id,
            expected_version=version,
        )
    except InvalidChange as err:
        db.session.rollback()
        form.decision.errors = [*form.decision.errors, sentence(err)]
        return _render(event, db.session.get(Conflict, conflict_id), form, 400)
    except (conflict_service.StaleConflict, sa.orm.exc.StaleDataError):
        # Someone (or the engine) changed it first: show theirs beside the note the editor typed.
        db.session.rollback()
        theirs = db.session.get(Conflict, conflict_id)
        notice = _changed_notice(theirs)
        form.version.data = str(theirs.version)
        return _render(event, theirs, form, 409, notice)
    words = decision_words(conflict)
    flash(
        _(
            "Conflict %(id)s %(status)s: %(decision)s. The figures are being reconciled.",
            id=conflict.id,
            status=term(conflict.status),
            decision=words,
        )
    )
    return redirect(url_for("events.show", slug=slug) + f"#conflict-{conflict_id}")


@bp.route("/<slug>/conflicts/<int:conflict_id>/reopen", methods=["POST"])
@requires("resolve")
def reopen_conflict(slug: str, conflict_id: int):
    """Take a decision back; a refusal keeps the typed note on the conflict's page."""
    event, conflict = _conflict_of(slug, conflict_id)
    form = ReopenConflictForm(prefix=f"r{conflict_id}")
    close_form = CloseConflictForm(prefix=f"c{conflict_id}", version=conflict.version)
    if not form.validate_on_submit():
        return _render(event, conflict, close_form, 400, reopen=form)
    try:
        version = whole_number(form.version.data) if form.version.data else None
    except ValueError:
        version = -1  # not a version this page handed out: treated as changed since
    try:
        conflict_service.reopen_conflict(
            conflict, form.note.data or "", current_user.id, expected_version=version
        )
    except InvalidChange as err:
        db.session.rollback()
        form.note.errors = [*form.note.errors, sentence(err)]
        return _render(event, db.session.get(Conflict, conflict_id), close_form, 400, reopen=form)
    except (conflict_service.StaleConflict, sa.orm.exc.StaleDataError):
        db.session.rollback()
        theirs = db.session.get(Conflict, conflict_id)
        notice = _changed_notice(theirs)
        form.version.data = str(theirs.version)
        fresh = CloseConflictForm(prefix=f"c{conflict_id}", version=theirs.version)
        return _render(event, theirs, fresh, 409, notice, reopen=form)
    flash(
        _(
            "Conflict %(id)s is open again; the figures its decision moved are being reconciled.",
            id=conflict.id,
        )
    )
    return redirect(url_for("events.show", slug=slug) + f"#conflict-{conflict_id}")
