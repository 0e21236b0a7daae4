"""Search as you type for the forms' speaker, cited source and event fields (static/lookup.js).

A form lists only the likely records (forms.actor_choices, event_choices); these answer the
rest as JSON for a signed-in user, the event's own speakers first, names and other names alike.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, jsonify, request
from flask_login import login_required

from factcheck.extensions import db
from factcheck.input_guard import whole_number
from factcheck.models import Event
from factcheck.services.text_match import holding
from factcheck.web.forms import likely_actors

bp = Blueprint("lookup", __name__)
SHOWN = 20
LONGEST = 100  # characters of a search; a name is never longer


@bp.route("/actors")
@login_required
def actors():
    """[{id, name}]: actors whose name or other name contains `q`, the event's speakers first."""
    text = request.args.get("q", "").strip()[:LONGEST]
    event_id = request.args.get("event", type=whole_number)
    rows = likely_actors(event_id, text, SHOWN)
    return jsonify([{"id": i, "name": name} for i, name in rows])


@bp.route("/events")
@login_required
def events():
    """[{id, name}]: events whose title or slug contains `q`, the latest first."""
    text = request.args.get("q", "").strip()[:LONGEST]
    query = sa.select(Event.id, Event.title).order_by(Event.id.desc()).limit(SHOWN)
    if text:
        query = query.where(sa.or_(holding(Event.title, text), holding(Event.slug, text)))
    return jsonify([{"id": i, "name": title} for i, title in db.session.execute(query)])
