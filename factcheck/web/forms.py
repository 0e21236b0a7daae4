"""Form pieces shared by several pages."""

from __future__ import annotations

import decimal
from datetime import UTC, date, datetime, timedelta, timezone

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    IntegerField,
    PasswordField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice

from factcheck.domain.input_rules import (
    MAX_NUMBER_CHARS,
    check_amount,
    check_text,
    normalise_newlines,
)
from factcheck.domain.vocabulary import LOCALE_NAMES
from factcheck.extensions import db
from factcheck.input_guard import MAX_ID
from factcheck.models import Actor, Event, Outlet
from factcheck.services.settings import date_range
from factcheck.web.form_messages import FORM_MESSAGES


class FigureField(DecimalField):
    """A figure typed in a form: a finite number of sane length (no NaN, sNaN, or 400 digits)."""

    def process_formdata(self, valuelist):
        if valuelist and len(str(valuelist[0]).strip()) > MAX_NUMBER_CHARS:
            self.data = None
            raise ValueError(f"A figure has at most {MAX_NUMBER_CHARS} characters.")
        try:
            super().process_formdata(valuelist)
        finally:
            if isinstance(self.data, decimal.Decimal) and not self.data.is_finite():
                self.data = None
                raise ValueError("Give a finite number.")


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
        valid = super().validate(extra_validators)
        return self._guard() and valid

    def _guard(self) -> bool:
        ok = True
        for field in self:
            problem = _problem(field)
            if problem:
                field.errors = [*field.errors, problem]
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


def outlet_choices() -> list[SelectChoice]:
    return options(
        [("", "—")]
        + [(str(o.id), o.name) for o in db.session.scalars(sa.select(Outlet).order_by(Outlet.name))]
    )


def actor_choices(blank: str | None = None) -> list[SelectChoice]:
    actors = [
        (str(a.id), a.name) for a in db.session.scalars(sa.select(Actor).order_by(Actor.name))
    ]
    return options([("", blank or _("— the outlet's own voice —"))] + actors)


def event_choices() -> list[SelectChoice]:
    return options(
        (str(e.id), e.title) for e in db.session.scalars(sa.select(Event).order_by(Event.title))
    )


def parse_offset(text: str) -> timezone:
    """'+07:00', '-0330' or 'Z' as a time zone; ValidationError otherwise."""
    text = (text or "").strip()
    if text in ("", "Z", "UTC", "+00:00"):
        return UTC
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-").replace(":", "")
    if not (digits.isdigit() and len(digits) in (2, 4)):
        raise ValidationError(_("Write the UTC offset as +07:00 or -03:30."))
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes >= 60:
        raise ValidationError(_("A UTC offset lies between -14:00 and +14:00."))
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def aware(moment: datetime | None, offset: str) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=parse_offset(offset))
