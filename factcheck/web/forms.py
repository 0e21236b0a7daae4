"""Form pieces shared by several pages."""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from datetime import UTC, date, timedelta, timezone

import sqlalchemy as sa
from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import TextInput

from factcheck.domain.input_rules import (
    MAX_NUMBER_CHARS,
    check_amount,
    check_text,
    normalise_newlines,
)
from factcheck.domain.number_format import locale_decimal
from factcheck.domain.vocabulary import LOCALE_NAMES
from factcheck.extensions import db
from factcheck.input_guard import MAX_ID
from factcheck.models import Actor, Claim, Event, Outlet
from factcheck.services.names import name_contains
from factcheck.services.settings import date_range
from factcheck.web.form_messages import FORM_MESSAGES, say


class FigureField(DecimalField):
    """A figure typed in a form, as the page's language writes numbers: "1.250" is a thousand
    two hundred and fifty on an Indonesian page (as the quotes print it), "1,250" on an
    English one; "1,5" and "1.5" are one and a half. Finite, of sane length (no NaN, sNaN,
    or 400 digits).

    A text input: a number input reads "1.250" as 1.25 in every language, and shows the
    figure without its separators.
    """

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]  # as typed, when the form comes back with an error
        if self.data is None:
            return ""
        return locale_decimal(self.data, FIGURE_FORMAT, get_locale())  # one stored before the cap

    def process_formdata(self, valuelist):
        text = str(valuelist[0]).strip() if valuelist else ""
        if len(text) > MAX_NUMBER_CHARS:
            self.data = None
            raise ValueError(f"A figure has at most {MAX_NUMBER_CHARS} characters.")
        if "." in text or "," in text:
            self.data = _figure_as_written(text)
            return
        try:
            super().process_formdata(valuelist)  # digits alone (or 1e30, NaN: refused below)
        finally:
            if isinstance(self.data, decimal.Decimal) and not self.data.is_finite():
                self.data = None
                raise ValueError("Give a finite number.")


# Every digit of a stored figure, its thousands grouped as the reader's language groups them.
FIGURE_FORMAT = "#,##0.##########"


def _figure_as_written(text: str) -> decimal.Decimal:
    """A figure with separators, read as the page's language writes them, else a form error."""
    locale = get_locale()
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError:
        raise ValueError(
            _(
                "“%(typed)s” is not a number as this page writes them: %(thousands)s is a "
                "thousand two hundred and fifty, %(fraction)s one and a half.",
                typed=text,
                thousands=format_decimal(1250, locale=locale),
                fraction=format_decimal(1.5, locale=locale),
            )
        ) from None


class WholeNumberField(IntegerField):
    """An integer within an INTEGER column (an offset, a count): 400 digits are a form error."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not 0 <= self.data <= MAX_ID:
            self.data = None
            raise ValueError(f"Give a whole number up to {MAX_ID:,}.")


class GuardedForm(FlaskForm):
    """A form whose every field meets the input rules every entry path shares (domain/input_rules).

    Text: no NUL or control characters, a one-line field no line break, line
    endings of a text area as LF (browsers send CRLF; the stored text and the
    page's offsets must agree); figures finite and within the API's cap;
    integers within an INTEGER column; dates within the configured years.
    WTForms' own messages come from this project's catalogue (web/form_messages.py).
    """

    class Meta:
        def get_translations(self, form):
            return FORM_MESSAGES

    def validate(self, extra_validators=None) -> bool:
        for field in self:
            # A choice or a hidden id sent as spaces is none: Optional() takes "   " for empty
            # and stops checking it, and the spaces would otherwise reach int() as the id.
            blank = isinstance(field.data, str) and not field.data.strip()
            if blank and isinstance(field, SelectField | HiddenField):
                field.data = ""
        valid = super().validate(extra_validators)
        return self._guard() and valid

    def _guard(self) -> bool:
        ok = True
        for field in self:
            problem = _problem(field)
            if problem:
                field.errors = [*field.errors, say(problem)]
                ok = False
        return ok


def _problem(field) -> str | None:
    data = field.data
    if isinstance(field, TextAreaField) and isinstance(data, str):
        field.data = data = normalise_newlines(data)
        return check_text(data)
    if isinstance(data, str):
        return check_text(data, multiline=isinstance(field, PasswordField))
    if isinstance(field, FigureField) and data is not None:
        return check_amount(data)
    if isinstance(data, date):  # a date or a date-time (a datetime is a date)
        return date_range().check(data)
    return None


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as a select's options (WTForms 3.3 wants SelectChoice, not tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


# The interface's languages an account may choose; "" follows the browser (factcheck/i18n.py).
LANGUAGE_CHOICES = options([("", _l("the browser's language"))] + list(LOCALE_NAMES.items()))


def outlet_choices(chosen: Iterable[object] = ()) -> list[SelectChoice]:
    """The blank, then every live outlet and those already chosen (a form sent before a merge
    names the merged-away one: saved, the article goes to its survivor, merges.py)."""
    picked = {_row_id(value) for value in chosen} - {None}
    rows = db.session.execute(
        sa.select(Outlet.id, Outlet.name)
        .where(sa.or_(Outlet.merged_into_id.is_(None), Outlet.id.in_(picked)))
        .order_by(Outlet.name)
    )
    return options([("", "—")] + [(str(i), name) for i, name in rows])


def live_outlets() -> list[Outlet]:
    """Every outlet not merged away, by name: what a list's outlet filter offers."""
    return list(
        db.session.scalars(
            sa.select(Outlet).where(Outlet.merged_into_id.is_(None)).order_by(Outlet.name)
        )
    )


# Up to this many records a <select> lists them all; beyond, it lists the likely ones (the
# event's own speakers, the latest events, what is chosen already) and the page's lookup.js
# finds the others as the reviewer types (/lookup/…), so a form stays small at 10,000 actors.
LIST_ALL_UP_TO = 300
LIKELY = 50


def actor_choices(
    blank: str | None = None,
    event_id: int | None = None,
    chosen: object = None,
) -> list[SelectChoice]:
    """The blank, then every live actor when they are few, else the event's own speakers first
    (the rest are found as the reviewer types); and the one already chosen, even merged away
    (a claim stored before a merge, a form sent before it: saved, it goes to the survivor)."""
    if lists_all(Actor):
        rows = db.session.execute(
            sa.select(Actor.id, Actor.name)
            .where(Actor.merged_into_id.is_(None))
            .order_by(Actor.name)
        ).all()
    else:
        rows = likely_actors(event_id, "", LIKELY)
    picked = _row_id(chosen)
    if picked is not None and picked not in {r[0] for r in rows}:
        rows += db.session.execute(sa.select(Actor.id, Actor.name).where(Actor.id == picked)).all()
    return options(
        [("", blank or _("— the outlet's own voice —"))] + [(str(i), name) for i, name in rows]
    )


def likely_actors(event_id: int | None, text: str, limit: int) -> list[tuple[int, str]]:
    """Live actors (none merged away) whose name or other name contains `text`: those who speak
    (or are cited) in the event first, then the rest, each by name."""
    spoke = (
        sa.select(Claim.attributed_to_id.label("id"))
        .where(Claim.event_id == event_id, Claim.attributed_to_id.is_not(None))
        .union(
            sa.select(Claim.cites_id).where(Claim.event_id == event_id, Claim.cites_id.is_not(None))
        )
        .subquery()
    )
    in_event = Actor.id.in_(sa.select(spoke.c.id)) if event_id else sa.false()
    query = (
        sa.select(Actor.id, Actor.name)
        .where(Actor.merged_into_id.is_(None))
        .order_by(sa.case((in_event, 0), else_=1), Actor.name)
    )
    if text:
        query = query.where(name_contains("actor", text))
    return [tuple(r) for r in db.session.execute(query.limit(limit))]


def event_choices(chosen: object = None) -> list[SelectChoice]:
    """Every event when they are few; else the latest ones and those already chosen (`chosen`:
    one id, or a list of them for a multiple select)."""
    query = sa.select(Event.id, Event.title)
    if lists_all(Event):
        rows = db.session.execute(query.order_by(Event.title)).all()
    else:
        rows = db.session.execute(query.order_by(Event.id.desc()).limit(LIKELY)).all()
        many = chosen if isinstance(chosen, (list, tuple, set)) else [chosen]
        picked = {_row_id(v) for v in many} - {None} - {r[0] for r in rows}
        if picked:
            rows += db.session.execute(
                query.where(Event.id.in_(picked)).order_by(Event.id.desc())
            ).all()
    return options((str(i), title) for i, title in rows)


def lists_all(model) -> bool:
    """Whether a field over `model` (Actor, Event) lists every record, with no need to look up."""
    # Whether a record past the limit exists, not how many: counting 150,000 actors took 24 ms.
    beyond = sa.select(model.id).order_by(model.id).offset(LIST_ALL_UP_TO).limit(1)
    return db.session.scalar(beyond) is None


def lookup(url: str) -> dict[str, str]:
    """A field's attributes for lookup.js: where to ask, and the hint in the reader's language."""
    return {"data-lookup": url, "data-lookup-hint": _("Type to find more…")}


def _row_id(value: object) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 10 else None


def parse_offset(text: str) -> timezone:
    """'+07:00', '-0330' or 'Z' as a time zone; ValidationError otherwise."""
    text = (text or "").strip()
    if text in ("", "Z", "UTC", "+00:00"):
        return UTC
    sign = -1 if text.startswith("-") else 1
    # One sign at most ("++07:00" and "+-07:00" were read as +07:00), then ASCII digits.
    digits = (text[1:] if text[:1] in "+-" else text).replace(":", "")
    if not (digits.isascii() and digits.isdigit() and len(digits) in (2, 4)):
        raise ValidationError(_("Write the UTC offset as +07:00 or -03:30."))
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes >= 60:
        raise ValidationError(_("A UTC offset lies between -14:00 and +14:00."))
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def typed_offset(text: str | None) -> timezone | None:
    """The offset typed, or None when the box was left empty (the outlet's country decides)."""
    return parse_offset(text) if (text or "").strip() else None
