"""Claims: log one from a selection, read it with its relations, verdicts and history, change it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from factcheck.domain.claim_rules import BOUNDED, ClaimChange
from factcheck.domain.text_offsets import stored_offset
from factcheck.extensions import db
from factcheck.input_guard import whole_number
from factcheck.models import Actor, Article, Claim, Event, SuggestedClaim
from factcheck.services import claim_entry, history, sources
from factcheck.services import claims as claim_service
from factcheck.services.places import event_place_names
from factcheck.web.access import requires
from factcheck.web.claim_forms import ActionForm, ClaimForm
from factcheck.web.claim_page import render_claim
from factcheck.web.form_messages import say
from factcheck.web.forms import actor_choices, event_choices, lists_all, lookup
from factcheck.web.sources import is_new_speaker, speaker_notice
from factcheck.web.submit_once import KeyRefused, Once

bp = Blueprint("claims", __name__)


def _claim_form(
    article: Article | None = None, fixed_event_id: int | None = None, **kwargs
) -> ClaimForm:
    form = ClaimForm(**kwargs)
    if fixed_event_id is not None:  # an edit: the claim's event, which the form does not send
        form.event_id.data = str(fixed_event_id)
    elif article is not None and article.event_id and not form.event_id.data:
        form.event_id.data = str(article.event_id)
    # Read before validation, so a tampered value must not raise: not a row id reads as none.
    event_id = str(form.event_id.data or "")
    event = (
        db.session.get(Event, int(event_id)) if event_id.isdigit() and len(event_id) < 10 else None
    )
    # Many actors or events: the likely ones and the chosen ones; lookup.js finds the rest.
    form.event_id.choices = event_choices(chosen=form.event_id.data)
    here = event.id if event is not None else None
    form.attributed_to_id.choices = actor_choices(event_id=here, chosen=form.attributed_to_id.data)
    form.cites_id.choices = actor_choices(blank="—", event_id=here, chosen=form.cites_id.data)
    if not lists_all(Event):
        form.event_id.render_kw = lookup(url_for("lookup.events"))
    if not lists_all(Actor):
        for field in (form.attributed_to_id, form.cites_id):
            field.render_kw = lookup(url_for("lookup.actors", event=here))
    # The event's places and the places inside them, offered as the reviewer types (§10).
    form.place_options = event_place_names(event.id) if event is not None else []
    return form


def _new_speaker(form: ClaimForm) -> claim_entry.NewSpeaker | None:
    """The speaker typed inline (added with the claim, party to the event if said so), if any."""
    name = (form.new_actor.data or "").strip()
    if not name:  # spaces are no name: no new speaker (it made an actor called "")
        return None
    return claim_entry.NewSpeaker(
        name, form.new_actor_kind.data, form.new_actor_party.data == "yes"
    )


@bp.route("/articles/<int:article_id>/claims/new", methods=["GET", "POST"])
@requires("log")
def new(article_id: int):
    """Log a claim: the quote comes from the words selected in the article."""
    article = db.session.get(Article, article_id) or abort(404)
    form = _claim_form(article)
    form.article_text = article.text
    if request.method == "GET":
        start, end = (
            request.args.get("start", type=whole_number),
            request.args.get("end", type=whole_number),
        )
        if start is not None and end is not None and 0 <= start < end <= len(article.text):
            # The page counts its own text: no CR before LF, no NUL (text_offsets.py).
            start = stored_offset(article.text, start)
            end = stored_offset(article.text, end, end=True)
            form.exact.data, form.start.data = article.text[start:end], start
        if article.published_at:
            form.stated_on.data = article.published_local.date()
        if suggestion := _suggestion(article, request.args.get("suggestion", type=whole_number)):
            _prefill(form, suggestion, article)
    if form.validate_on_submit():
        event_id = int(form.event_id.data)
        picked = int(form.attributed_to_id.data) if form.attributed_to_id.data else None
        draft = form.draft(event_id, picked)
        suggestion = _suggestion(article, int(form.suggestion_id.data or 0))
        typed = form.new_actor.data if is_new_speaker(form.new_actor.data) else None
        try:
            once = Once(form.submit_key.data, f"claim of article {article.id}")
        except KeyRefused as err:
            form.submit_key.errors = [str(err)]
            return render_template("claims/form.html", form=form, article=article, claim=None), 409
        if once.repeat:
            flash(_("This claim was saved already (the form was sent twice)."))
            return redirect(once.repeat)
        try:
            claim = claim_entry.log_claim(
                article, draft, current_user.id, suggestion, _new_speaker(form)
            )
        except claim_service.InvalidChange as err:
            once.failed()
            form.show_problems(err.problems)
            if not err.problems:
                form.exact.errors = [*form.exact.errors, say(err)]
        except BaseException:
            once.failed()
            raise
        else:
            once.done(url_for("claims.show", claim_id=claim.id))
            flash(_("Logged claim %(claim_id)s.", claim_id=claim.id))
            if typed and (notice := speaker_notice(typed, claim.attributed_to_id)):
                flash(notice, "notice")
            return redirect(url_for("claims.show", claim_id=claim.id))
    status = 400 if request.method == "POST" else 200
    return render_template("claims/form.html", form=form, article=article, claim=None), status


def _suggestion(article: Article, suggestion_id: int | None) -> SuggestedClaim | None:
    if not suggestion_id:
        return None
    suggestion = db.session.get(SuggestedClaim, suggestion_id)
    ok = (
        suggestion is not None
        and suggestion.article_id == article.id
        and suggestion.status == "pending"
    )
    return suggestion if ok else None


def _prefill(form: ClaimForm, suggestion: SuggestedClaim, article: Article) -> None:
    """Open the form with what the assistant read, for the reviewer to correct before saving.

    A speaker not stored yet comes with the kind its words suggest and whether it
    governs the event's place, for the reviewer to check (§11).
    """
    d = suggestion.data
    form.exact.data, form.start.data, form.kind.data = (
        suggestion.exact,
        suggestion.anchor_start,
        suggestion.kind,
    )
    form.suggestion_id.data = str(suggestion.id)
    form.new_actor.data = d.get("attributed_to") or ""
    if is_new_speaker(form.new_actor.data):
        proposal = sources.proposed_speaker(form.new_actor.data, article.event)
        form.new_actor_kind.data = proposal.kind
        form.new_actor_party.data = "yes" if proposal.party else "no"
    form.proposition.data = d.get("proposition") or ""
    if d.get("stated_on"):
        form.stated_on.data = date.fromisoformat(d["stated_on"])
    if d.get("as_of"):
        form.as_of.data = date.fromisoformat(d["as_of"])
    for name in ("metric", "category", "category_label", "qualifier", "modality", "place"):
        if d.get(name):
            getattr(form, name).data = d[name]
    for name in ("value", "lower", "upper"):
        if d.get(name) is not None:
            getattr(form, name).data = Decimal(str(d[name]))


@bp.route("/claims/<int:claim_id>")
@login_required
def show(claim_id: int):
    """A claim in context, with its relations, verdicts and change history (`?find=`: targets)."""
    claim = db.session.get(Claim, claim_id) or abort(404)
    return render_claim(claim)


@bp.route("/claims/<int:claim_id>/edit", methods=["GET", "POST"])
@requires("log")
def edit(claim_id: int):
    """Change a claim; a save over someone else's newer version is refused and shows theirs."""
    claim = db.session.get(Claim, claim_id) or abort(404)
    # The event is fixed once logged, and the edit form does not send it: its choices (past 300
    # events, the latest ones and the chosen one) and the speakers listed first are the claim's.
    form = (
        _claim_form(obj=claim, fixed_event_id=claim.event_id)
        if request.method == "GET"
        else _claim_form(fixed_event_id=claim.event_id)
    )
    if request.method == "GET":
        form.attributed_to_id.data = str(claim.attributed_to_id or "")
        form.cites_id.data = str(claim.cites_id or "")
        form.event_id.data, form.version.data = str(claim.event_id), str(claim.version)
        form.place.data = claim.place_name
    # The quote, kind and event are fixed once logged: the page shows them, the form keeps them.
    form.exact.data, form.kind.data, form.event_id.data = (
        claim.exact,
        claim.kind,
        str(claim.event_id),
    )
    theirs, their_changes = None, []
    if form.validate_on_submit():
        quantity = form.quantity_fields() if claim.kind == "quantity" else {}
        if claim.qualifier not in BOUNDED:  # a value qualifier's bounds follow from its value
            quantity = {k: v for k, v in quantity.items() if k not in ("lower", "upper")}
        changes = ClaimChange(
            stated_on=form.stated_on.data,
            proposition=form.proposition.data or None,
            translation=(form.translation.data or "").strip() or None,
            attributed_to_id=int(form.attributed_to_id.data)
            if form.attributed_to_id.data
            else None,
            place=form.place.data or None,
            as_of=form.as_of.data,
            cites_id=int(form.cites_id.data) if form.cites_id.data else None,
            **quantity,
        )
        mine = int(form.version.data or 0)
        try:
            claim_entry.edit_claim(claim, changes, mine, current_user.id, _new_speaker(form))
        except (
            claim_service.StaleVersion,
            sa.orm.exc.StaleDataError,
        ):  # checked here, or by the UPDATE itself
            db.session.rollback()
            theirs = db.session.get(Claim, claim_id)
            their_changes = history.changes_since("claim", claim_id, mine)
            form.version.errors = [
                f"Claim {claim_id} is at version {theirs.version} now; you started from version {mine}."
            ]
            form.version.raw_data, form.version.data = (
                None,
                str(theirs.version),
            )  # saving again goes over theirs
        except claim_service.InvalidChange as err:
            db.session.rollback()
            form.show_problems(err.problems)
            if not err.problems:
                form.exact.errors = [*form.exact.errors, say(err)]
        else:
            flash(
                _(
                    "Saved claim %(claim_id)s (version %(claim_version)s).",
                    claim_id=claim.id,
                    claim_version=claim.version,
                )
            )
            return redirect(url_for("claims.show", claim_id=claim.id))
    status = 409 if theirs else 400 if request.method == "POST" else 200
    return render_template(
        "claims/form.html",
        form=form,
        article=claim.article,
        claim=claim,
        theirs=theirs,
        their_changes=their_changes,
        changed_fields=history.changed_fields,
    ), status


@bp.route("/claims/<int:claim_id>/withdraw", methods=["POST"])
@requires("log")
def withdraw(claim_id: int):
    """Soft-delete: the claim stays, struck through as withdrawn, restorable."""
    return _toggle(
        claim_id,
        claim_service.withdraw_claim,
        "Withdrew claim {}; it stays visible and can be restored.",
    )


@bp.route("/claims/<int:claim_id>/restore", methods=["POST"])
@requires("log")
def restore(claim_id: int):
    """Undo a withdrawal: the claim counts again."""
    return _toggle(claim_id, claim_service.restore_claim, "Restored claim {}.")


def _toggle(claim_id: int, change, done: str):
    """Withdraw or restore, only from the version the button was shown on (else say what changed)."""
    claim = db.session.get(Claim, claim_id) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            change(
                claim,
                user_id=current_user.id,
                expected_version=request.form.get("version", type=whole_number),
            )
            flash(done.format(claim.id))
        except (
            claim_service.StaleVersion,
            claim_service.InvalidChange,
            sa.orm.exc.StaleDataError,
        ) as err:
            db.session.rollback()
            flash(
                _(
                    "Not done: claim %(claim_id)s changed since you opened it (%(err)s); its page shows it as it is now.",
                    claim_id=claim_id,
                    err=err,
                ),
                "error",
            )
    return redirect(url_for("claims.show", claim_id=claim_id))
