"""Input fields that refuse, with a 422, what the databases would refuse with an error.

PostgreSQL rejects NUL characters and unpaired surrogates in text, integers
past 32 bits and strings longer than their column; SQLite accepts most of
these silently. Validating here keeps both databases answering the same way.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

MAX_ID = 2**31 - 1  # an INTEGER primary key on PostgreSQL
# Path converter for ids: Werkzeug answers 404 outside the range, and the spec says so.
ID = f"int(min=1, max={MAX_ID})"


def _storable(value: str) -> None:
    if "\x00" in value:
        raise ma.ValidationError("Text may not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ma.ValidationError("Text must be valid Unicode (no unpaired surrogates).") from None


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
    """A figure: finite, not negative, within what a float column stores."""
    return fields.Float(allow_nan=False, validate=validate.Range(min=0, max=1e15), **kwargs)
