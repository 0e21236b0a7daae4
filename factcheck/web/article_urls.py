"""Add an article from its URL: the form, the fetch's progress, and the evidence snapshot.

The page is fetched by a background job; its page refreshes itself until the
article is stored, or says why the fetch failed with the form as it was typed.
"""

from __future__ import annotations

from datetime import datetime

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import StringField, SubmitField
from wtforms.validators import Length

from factcheck.domain.said import said_again
from factcheck.extensions import db
from factcheck.models import Fetch
from factcheck.services.articles import IntakeRefused
from factcheck.services.url_intake import request_fetch
from factcheck.web.access import requires
from factcheck.web.articles import ArticleFacts, bp
from factcheck.web.form_messages import say
from factcheck.web.forms import typed_offset

REFRESH_SECONDS = 2


class UrlArticleForm(ArticleFacts):
    url = StringField(_l("Address of the article (http or https)"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Fetch and store the article"))

    def typed(self) -> dict:
        """What the job stores the article with (JSON: ids, names and an ISO time)."""
        published = self.published_at.data  # local time: the job adds the zone (intake_article)
        offset = typed_offset(self.utc_offset.data)
        return {
            "title": self.title.data or "",
            "outlet_id": int(self.outlet_id.data) if self.outlet_id.data else None,
            "new_outlet": (self.new_outlet.data or "").strip(),
            "new_outlet_country": (self.new_outlet_country.data or "").strip(),
            "republished_from_id": int(self.republished_from_id.data)
            if self.republished_from_id.data
            else None,
            "language": self.language.data,
            "published_at": published.isoformat() if published else None,
            "utc_offset": (self.utc_offset.data or "").strip(),
            # None: none typed, so the outlet's country gives the zone
            "utc_offset_minutes": int(offset.utcoffset(None).total_seconds() // 60)
            if offset
            else None,
            "event_id": int(self.event_id.data),
        }

    def refill(self, fetch: Fetch) -> None:
        """Show a failed fetch's form as it was typed."""
        typed = fetch.typed or {}
        self.url.data, self.title.data = fetch.url, typed.get("title") or ""
        self.outlet_id.data = str(typed["outlet_id"]) if typed.get("outlet_id") else ""
        self.new_outlet.data = typed.get("new_outlet") or ""
        self.new_outlet_country.data = typed.get("new_outlet_country") or ""
        republished = typed.get("republished_from_id")
        self.republished_from_id.data = str(republished) if republished else ""
        self.language.data = typed.get("language") or "en"
        self.utc_offset.data = typed.get("utc_offset") or ""
        published = typed.get("published_at")
        try:
            self.published_at.data = datetime.fromisoformat(published) if published else None
        except (TypeError, ValueError):  # not as this form writes it: left for the reviewer
            self.published_at.data = None
        self.event_id.data = str(typed["event_id"]) if typed.get("event_id") else ""


@bp.route("/from-url", methods=["GET", "POST"])
@requires("log")
def from_url():
    """Ask for an article by its address; the fetch runs in the background."""
    form = UrlArticleForm()
    form.offer()
    if form.validate_on_submit():
        try:
            fetch = request_fetch(form.url.data, form.typed(), current_user.id)
        except IntakeRefused as err:
            form.url.errors = [*form.url.errors, say(err)]
            return render_template("articles/from_url.html", form=form), 400
        return redirect(url_for("articles.fetch_status", fetch_id=fetch.id))
    return render_template("articles/from_url.html", form=form), 400 if form.errors else 200


@bp.route("/fetches/<int:fetch_id>")
@login_required
def fetch_status(fetch_id: int):
    """Queued: the page refreshes itself. Fetched: on to the article. Failed: why, and the form again."""
    fetch = db.session.get(Fetch, fetch_id) or abort(404)
    if fetch.status == "fetched" and fetch.article_id:
        flash(
            _(
                "Fetched %(url)s and stored it as article %(article_id)s.",
                url=fetch.url,
                article_id=fetch.article_id,
            )
        )
        return redirect(url_for("articles.show", article_id=fetch.article_id))
    form = UrlArticleForm(formdata=None)
    form.offer()
    if fetch.status == "failed":
        form.refill(fetch)
    return render_template(
        "articles/fetch.html",
        fetch=fetch,
        form=form,
        refresh=REFRESH_SECONDS,
        # The reason written again from its words, in the page's language; as stored without them.
        reason=say(said_again(fetch.error_words, fetch.error)) if fetch.error else None,
    )


@bp.route("/fetches/<int:fetch_id>/snapshot")
@login_required
def snapshot(fetch_id: int):
    """The page's bytes exactly as the server sent them, as a download (never shown inline here)."""
    fetch = db.session.get(Fetch, fetch_id) or abort(404)
    if fetch.body is None:
        abort(404)
    name = f"fetch-{fetch.id}-{fetch.sha256[:12]}.bin"
    return Response(
        fetch.body,
        mimetype="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-SHA256": fetch.sha256,
        },
    )
