"""Articles: the list, the intake form, and the stored text with every claim highlighted."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    DateTimeLocalField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError
from wtforms.widgets import TextInput

from factcheck.domain.input_rules import LENGTHS
from factcheck.domain.said import Said
from factcheck.domain.vocabulary import LANGUAGES
from factcheck.extensions import db
from factcheck.input_guard import page_number, whole_number
from factcheck.models import Article, Claim, Event, Fetch, Outlet
from factcheck.services.articles import (
    IntakeRefused,
    intake_article,
    outlet_zones,
    published_zone,
    read_upload,
    title_of,
)
from factcheck.services.highlight import highlight_segments
from factcheck.services.text_match import holding
from factcheck.web.access import requires
from factcheck.web.form_messages import say
from factcheck.web.forms import (
    GuardedForm,
    event_choices,
    lists_all,
    live_outlets,
    lookup,
    options,
    outlet_choices,
    parse_offset,
    typed_offset,
)

bp = Blueprint("articles", __name__, url_prefix="/articles")
PAGE_SIZE = 50


class DayOrMoment(DateTimeLocalField):
    """A date, or a date and a time, typed in a text box (see `published_at`)."""

    widget = TextInput()


class ArticleFacts(GuardedForm):
    """What is said of an article whichever way its text arrives (pasted, uploaded, fetched)."""

    title = StringField(_l("Title"), validators=[Optional(), Length(max=1000)])
    outlet_id = SelectField(_l("Outlet"), validators=[Optional()])
    new_outlet = StringField(_l("…or a new outlet"), validators=[Optional(), Length(max=200)])
    # The zone a new outlet's times are read in comes from its country (services.articles).
    new_outlet_country = StringField(
        _l("The new outlet's country"),
        validators=[Optional(), Length(max=LENGTHS["country"])],
        description=_l(
            "In English or Indonesian (Indonesia, Turki): its times are read in its zone."
        ),
    )
    republished_from_id = SelectField(
        _l("Republished from (the original outlet of a copy)"), validators=[Optional()]
    )
    language = SelectField(_l("Language"), choices=options((c, c) for c in LANGUAGES))
    # A text box, not datetime-local: that input sends nothing when only the date is filled in,
    # and a newsroom often knows the day but not the hour. A day alone is kept at 00:00.
    published_at = DayOrMoment(
        _l("Published (local time)"),
        validators=[Optional()],
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        render_kw={"placeholder": "2024-03-21 09:30"},
        description=_l("A date (2024-03-21), with the time when known (2024-03-21 09:30)."),
    )
    # Empty: the time is taken in the zone of the outlet's country (services.articles.published_zone).
    utc_offset = StringField(
        _l("UTC offset of that time"),
        render_kw={"placeholder": _l("the outlet's country")},
    )
    event_id = SelectField(_l("Event"), validators=[DataRequired()])

    def validate_utc_offset(self, field):
        parse_offset(field.data)

    def validate_new_outlet_country(self, field):
        if (field.data or "").strip() and self.outlet_id.data:
            raise ValidationError(
                _("The country is for a new outlet; a stored one keeps its own (edit it there).")
            )

    def offer(self) -> None:
        # Read once: both lists offer every live outlet, and either one already chosen.
        outlets = outlet_choices(chosen=(self.outlet_id.data, self.republished_from_id.data))
        self.outlet_id.choices = outlets
        # Each outlet's zone, for the offset box's hint (static/app.js): the default, shown.
        self.zones = {
            str(outlet_id): {"zone": zone, "offset": offset}
            for outlet_id, (zone, offset) in outlet_zones(datetime.now()).items()
        }
        self.republished_from_id.choices = list(outlets)
        self.event_id.choices = event_choices(chosen=self.event_id.data)
        if not lists_all(Event):
            self.event_id.render_kw = lookup(url_for("lookup.events"))


class ArticleForm(ArticleFacts):
    text = TextAreaField(_l("Article text (pasted)"), validators=[Optional()])
    upload = FileField(
        _l("…or upload a .txt or .html file"),
        validators=[FileAllowed(["txt", "html", "htm"], "A .txt or .html file.")],
    )
    url = StringField(_l("URL"), validators=[Optional(), URL(require_tld=False), Length(max=2000)])
    submit = SubmitField(_l("Store the article"))

    def validate(self, extra_validators=None) -> bool:
        # Not a validate_new_outlet: Optional() stops a blank field's checks before it runs.
        valid = super().validate(extra_validators)
        if not (self.new_outlet.data or "").strip() and not self.outlet_id.data:
            self.new_outlet.errors = [
                *self.new_outlet.errors,
                _("Pick an outlet or name a new one."),
            ]
            return False
        return valid


@login_required
def index():
    """The home page lists the articles."""
    return list_articles()


@bp.route("/")
@login_required
def list_articles():
    """Articles, newest first, filtered by title, outlet, language and event (withdrawn ones on request)."""
    args = request.args
    withdrawn = args.get("withdrawn") == "1"
    query = sa.select(Article).where(
        Article.withdrawn_at.is_not(None) if withdrawn else Article.withdrawn_at.is_(None)
    )
    if q := args.get("q", "").strip():
        query = query.where(holding(Article.title, q))
    if outlet := args.get("outlet", type=whole_number):
        query = query.where(Article.outlet_id == outlet)
    if language := args.get("language", "").strip():
        query = query.where(Article.language == language)
    if event := args.get("event", type=whole_number):
        query = query.where(Article.event_id == event)
    page = db.paginate(
        query.order_by(Article.published_at.desc().nulls_last(), Article.id.desc()),
        page=page_number(),
        per_page=PAGE_SIZE,
        error_out=False,
    )
    return render_template(
        "articles/list.html",
        page=page,
        args=args,
        outlets=live_outlets(),
        events=db.session.scalars(sa.select(Event).order_by(Event.title)).all(),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("log")
def new():
    """Add an article by pasting its text or uploading a file; everything typed stays on an error."""
    form = ArticleForm()
    form.offer()
    if form.validate_on_submit():
        try:
            intake = _intake(form)
            outlet = (
                db.session.get(Outlet, int(form.outlet_id.data))
                if form.outlet_id.data
                else form.new_outlet.data
            )
            published = _published(form, intake)
            offset = typed_offset(form.utc_offset.data)
            # No offset typed: the zone of the outlet's country, chosen once here so that the
            # page can say which (intake_article would otherwise choose the same one itself).
            country = form.new_outlet_country.data
            chosen = (
                published_zone(outlet, published, new_country=country)
                if offset is None and published is not None and published.tzinfo is None
                else None
            )
            article = intake_article(
                text=intake.text,
                title=title_of(form.title.data, intake),
                outlet=outlet,
                outlet_country=country,
                language=form.language.data,
                published_at=published,
                utc_offset=offset or (chosen.zone if chosen else None),
                url=form.url.data,
                event=db.session.get(Event, int(form.event_id.data)),
                republished_from=db.session.get(Outlet, int(form.republished_from_id.data))
                if form.republished_from_id.data
                else None,
                user_id=current_user.id,
            )
        except IntakeRefused as err:
            form.upload.errors = [*form.upload.errors, say(err)]
            return render_template("articles/new.html", form=form), 400
        flash(
            _(
                "Stored article %(article_id)s. Select words in the text to log a claim; suggestions appear as they are read.",
                article_id=article.id,
            )
        )
        if chosen is not None and not form.utc_offset.data:
            flash(zone_note(chosen))
        return redirect(url_for("articles.show", article_id=article.id))
    return render_template("articles/new.html", form=form), 400 if form.errors else 200


def _published(form: ArticleForm, intake) -> datetime | None:
    """The time typed, else the page's; without a zone it is local time (see intake_article)."""
    return form.published_at.data or intake.published_at


def zone_note(chosen) -> str:
    """Say which zone a publication time without an offset was taken in, so it can be checked."""
    if chosen.found is None and chosen.country:
        return _(
            "The publication time was taken as UTC: %(country)s is not a country known here. Give the offset if it is wrong.",
            country=chosen.country,
        )
    if chosen.found is None:
        return _(
            "The publication time was taken as UTC: the outlet has no country. Give the offset if it is wrong."
        )
    if chosen.found.several:
        return _(
            "The publication time was taken in %(zone)s, the time zone most of %(country)s keeps; %(country)s has more than one, so check it.",
            zone=chosen.found.zone,
            country=chosen.country,
        )
    return _(
        "The publication time was taken in %(zone)s, the time zone of %(country)s.",
        zone=chosen.found.zone,
        country=chosen.country,
    )


def _intake(form: ArticleForm):
    from factcheck.services.articles import Intake

    upload = form.upload.data
    if upload and getattr(upload, "filename", ""):
        return read_upload(upload.filename, upload.read())
    if form.text.data and form.text.data.strip():
        return Intake(form.text.data.replace("\r\n", "\n"))
    raise IntakeRefused(Said("paste the article text or upload a file"))


@bp.route("/<int:article_id>")
@login_required
def show(article_id: int):
    """The stored text with every claim highlighted where its quote stands."""
    article = db.session.get(Article, article_id) or abort(404)
    claims = db.session.scalars(
        sa.select(Claim)
        .where(Claim.article_id == article.id)
        .order_by(Claim.anchor_start, Claim.id)
    ).all()
    segments = highlight_segments(article.text, [(c.anchor_start, c.anchor_end, c) for c in claims])
    from factcheck.web.article_suggestions import suggestions_context
    from factcheck.web.history import changes_of

    return render_template(
        "articles/show.html",
        article=article,
        claims=claims,
        segments=segments,
        **suggestions_context(article),
        changes=changes_of("article", [article.id]),
        fetch=db.session.scalar(  # the fetch it came from, when it was added by its URL
            sa.select(Fetch).where(Fetch.article_id == article.id).order_by(Fetch.id.desc())
        ),
    )
