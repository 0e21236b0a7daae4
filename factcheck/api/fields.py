"""Input fields that refuse, with a 422, what the databases would refuse with an error.

PostgreSQL rejects NUL characters and unpaired surrogates in text, integers
past 32 bits and strings longer than their column; SQLite accepts most of
these silently. Validating here keeps both databases answering the same way.
"""

from __future__ import annotations

from datetime import date, datetime

import marshmallow as ma
from marshmallow import fields, validate

from factcheck.domain.input_rules import MAX_AMOUNT, check_moment, check_text
from factcheck.services.settings import date_range

MAX_ID = 2**31 - 1  # an INTEGER primary key on PostgreSQL
# Path converter for ids: Werkzeug answers 404 outside the range, and the spec says so.
ID = f"int(min=1, max={MAX_ID})"


def _storable(value: str) -> None:
    """The text rule every entry path shares (domain/input_rules.check_text)."""
    problem = check_text(value)
    if problem:
        raise ma.ValidationError(problem)


def _sane_day(day: date) -> None:
    problem = date_range().check(day)
    if problem:
        raise ma.ValidationError(problem)


def _sane_moment(moment: datetime) -> None:
    problem = check_moment(moment, date_range())
    if problem:
        raise ma.ValidationError(problem)


class Text(fields.String):
    """A string the database can store: no NUL, valid UTF-8, at most `max_length` characters."""

    def __init__(self, *, max_length: int | None = None, min_length: int | None = None, **kwargs):
        validators = [_storable]
        if max_length is not None or min_length is not None:
            validators.append(validate.Length(min=min_length, max=max_length))
        extra = kwargs.pop("validate", None)
        if extra is not None:
            validators.extend(extra if isinstance(extra, list) else [extra])
        super().__init__(validate=validators, **kwargs)


def Id(**kwargs) -> fields.Integer:  # noqa: N802  (reads like a field class)
    """A stored row's id: a positive 32-bit integer."""
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def QueryId(**kwargs) -> fields.Integer:  # noqa: N802
    """An id in a query string (no `strict`: query values arrive as text)."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def Choice(values, **kwargs) -> fields.String:  # noqa: N802
    """One of a vocabulary's words (DOMAIN.md), documented as an enum."""
    return fields.String(validate=validate.OneOf(list(values)), **kwargs)


def Amount(**kwargs) -> fields.Float:  # noqa: N802
    """A figure: finite, not negative, at most input_rules.MAX_AMOUNT (as every entry path)."""
    return fields.Float(allow_nan=False, validate=validate.Range(min=0, max=MAX_AMOUNT), **kwargs)


def Day(**kwargs) -> fields.Date:  # noqa: N802
    """A date within the configured years (1900–2100 by default): year 0022 is a typo."""
    return fields.Date(validate=_sane_day, **kwargs)


def Moment(**kwargs) -> fields.AwareDateTime:  # noqa: N802
    """A date-time with its UTC offset, within the configured years and ±14:00."""
    return fields.AwareDateTime(validate=_sane_moment, **kwargs)
