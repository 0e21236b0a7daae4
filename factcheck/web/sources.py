"""Actors, outlets and places: find them by name or alias, read what they said, fix them, merge duplicates.

Reviewers edit kind, sides and aliases (a speaker stored as `person` that is a
ministry) and where a place lies; editors merge two records that are one and
undo a merge (§11).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from factcheck.extensions import db
from factcheck.input_guard import page_number
from factcheck.models import Actor, Article, Claim, Merge, Outlet, Place, User
from factcheck.services import merges, names, places, sources
from factcheck.services.edit_tokens import ChangedSince, edit_token
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm
from factcheck.web.form_messages import say
from factcheck.web.source_forms import ActorForm, MergeForm, OutletForm, PlaceForm
from factcheck.web.terms import term

bp = Blueprint("sources", __name__)
PLURAL = "<any(actors, outlets, places):plural>"
KINDS = {
    "actors": ("actor", Actor, ActorForm),
    "outlets": ("outlet", Outlet, OutletForm),
    "places": ("place", Place, PlaceForm),
}
UPDATES = {
    "actor": sources.update_actor,
    "outlet": sources.update_outlet,
    "place": places.update_place,
}
REFUSED = (sources.SourceRefused, places.PlaceRefused)
PER_PAGE = 50


def _kind(plural: str) -> tuple[str, type, type]:
    return KINDS[plural]


def _record(plural: str, record_id: int):
    return db.session.get(_kind(plural)[1], record_id) or abort(404)


@bp.route(f"/{PLURAL}/")
@login_required
def list_records(plural: str):
    """Live actors or outlets, by name or alias words; merged duplicates are left out."""
    entity_type, model, _form_class = _kind(plural)
    q = (request.args.get("q") or "").strip()
    query = sa.select(model).where(model.merged_into_id.is_(None)).order_by(model.name)
    if q:
        query = query.where(names.name_contains(entity_type, q))
    page = db.paginate(query, page=page_number(), per_page=PER_PAGE)
    return render_template(
        "sources/list.html", plural=plural, entity_type=entity_type, page=page, q=q
    )


def _history(entity_type: str, record) -> list[tuple[Merge, str, str, str | None]]:
    """The record's merges with the names on both sides and who merged."""
    model = _kind(entity_type + "s")[1]
    out = []
    for row in merges.merges_of(entity_type, record.id):
        who = db.session.get(User, row.merged_by_id) if row.merged_by_id else None
        out.append(
            (
                row,
                db.session.get(model, row.from_id).name,
                db.session.get(model, row.into_id).name,
                who.email if who else None,
            )
        )
    return out


def _said(entity_type: str, record) -> list:
    """The actor's claims (said or cited), the place's claims, or the outlet's articles, oldest first."""
    if entity_type == "place":
        return db.session.scalars(
            sa.select(Claim)
            .where(Claim.place_id == record.id)
            .order_by(Claim.stated_on, Claim.id)
            .limit(500)
        ).all()
    if entity_type == "actor":
        return db.session.scalars(
            sa.select(Claim)
            .where(sa.or_(Claim.attributed_to_id == record.id, Claim.cites_id == record.id))
            .order_by(Claim.stated_on, Claim.id)
            .limit(500)
        ).all()
    return db.session.scalars(
        sa.select(Article)
        .where(
            sa.or_(Article.outlet_id == record.id, Article.republished_from_outlet_id == record.id)
        )
        .order_by(Article.published_at, Article.id)
        .limit(500)
    ).all()


@bp.route(f"/{PLURAL}/<int:record_id>")
@login_required
def show(plural: str, record_id: int):
    """One actor or outlet: what it is, its names, what it said, its likely twins, its merges."""
    entity_type, model, _form_class = _kind(plural)
    record = _record(plural, record_id)
    survivor = names.survivor(record) if record.merged_into_id else None
    return render_template(
        "sources/show.html",
        plural=plural,
        entity_type=entity_type,
        record=record,
        survivor=survivor,
        said=_said(entity_type, record),
        twins=names.duplicates_of(entity_type, record),
        merges=_history(entity_type, record),
        inside=places.places_inside(record) if entity_type == "place" else [],
        action_form=ActionForm(),
    )


@bp.route(f"/{PLURAL}/<int:record_id>/edit", methods=["GET", "POST"])
@requires("log")
def edit(plural: str, record_id: int):
    """Change kind, description, sides and aliases; a refused alias shows beside its field."""
    entity_type, _model, form_class = _kind(plural)
    record = _record(plural, record_id)
    if record.merged_into_id is not None:
        flash(
            _(
                "%(record_name)s is merged into another %(entity_type)s: edit that one.",
                record_name=record.name,
                entity_type=term(entity_type),
            ),
            "error",
        )
        return redirect(url_for("sources.show", plural=plural, record_id=record.id))
    form = form_class()
    form.offer(record)
    if request.method == "GET":
        form.fill(record)
        form.seen.data = edit_token(record)
    notice, status = None, 400
    if form.validate_on_submit():
        try:
            UPDATES[entity_type](record, form.change(), current_user.id)
        except REFUSED as err:
            db.session.rollback()
            field = getattr(form, err.field, None) or form.aliases
            field.errors = [*field.errors, err.message]
        except ChangedSince as err:
            # Someone saved first: theirs is shown on the page, what this editor typed stays in
            # the form, and saving again (with the new token) is a deliberate choice.
            db.session.rollback()
            notice, status = (
                _(
                    "Not saved: someone changed %(record_name)s since you opened this form. "
                    "What is stored now is shown above; your changes are kept below: "
                    "check them against it and save again if they should stand.",
                    record_name=record.name,
                ),
                409,
            )
            form.seen.data = err.current
            record = _record(plural, record_id)
        else:
            flash(
                _(
                    "Saved %(entity_type)s %(record_name)s.",
                    entity_type=term(entity_type),
                    record_name=record.name,
                )
            )
            return redirect(url_for("sources.show", plural=plural, record_id=record.id))
    status = status if request.method == "POST" else 200
    return render_template(
        "sources/edit.html",
        plural=plural,
        entity_type=entity_type,
        record=record,
        form=form,
        notice=notice,
    ), status


@bp.route(f"/{PLURAL}/<int:record_id>/merge-into/<int:into_id>", methods=["GET", "POST"])
@requires("merge")
def merge(plural: str, record_id: int, into_id: int):
    """Confirm, then merge one record into another: its references and names move there."""
    entity_type, _model, _form_class = _kind(plural)
    record, into = _record(plural, record_id), _record(plural, into_id)
    form = MergeForm()
    if form.validate_on_submit():
        try:
            merges.merge(entity_type, record, into, current_user.id)
        except merges.MergeRefused as err:
            db.session.rollback()
            flash(_("Not merged: %(err)s.", err=say(err)), "error")
            return redirect(url_for("sources.show", plural=plural, record_id=record_id))
        flash(
            _(
                "Merged %(record_name)s into %(into_name)s; the merge can be undone from this page.",
                record_name=record.name,
                into_name=into.name,
            )
        )
        return redirect(url_for("sources.show", plural=plural, record_id=into.id))
    return render_template(
        "sources/merge.html",
        plural=plural,
        entity_type=entity_type,
        record=record,
        into=into,
        said=_said(entity_type, record),
        form=form,
    )


@bp.route("/merges/<int:merge_id>/undo", methods=["POST"])
@requires("merge")
def undo(merge_id: int):
    """Undo a merge: what moved goes back, the duplicate is listed again."""
    row = db.session.get(Merge, merge_id) or abort(404)
    plural = row.entity_type + "s"
    if plural not in KINDS:
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            merges.undo_merge(row, current_user.id)
            flash(_("Undid merge %(row_id)s.", row_id=row.id))
        except merges.MergeRefused as err:
            db.session.rollback()
            flash(_("Not undone: %(err)s.", err=say(err)), "error")
    return redirect(url_for("sources.show", plural=plural, record_id=row.into_id))


def is_new_speaker(name: str | None) -> bool:
    """Whether a speaker of this name would be created (no actor goes by it yet)."""
    return bool(name and name.strip()) and sources.find_actor(name) is None


def speaker_notice(name: str, actor_id: int | None) -> Markup | None:
    """A notice that a speaker just created looks like a stored one, linking to where to merge."""
    if actor_id is None:
        return None
    twins = names.twins_of("actor", name, exclude=actor_id)
    if not twins:
        return None
    link = url_for("sources.show", plural="actors", record_id=actor_id)
    # The sentence is the catalogue's (markup of ours); every value in it is escaped.
    return Markup(
        _(
            'New speaker %(name)s looks like %(twin)s (score %(score)s): <a href="%(link)s">check '
            "the actor page</a> to merge them if they are one.",
            name=escape(name),
            twin=escape(twins[0].name),
            score=f"{twins[0].score:.0f}",
            link=escape(link),
        )
    )
