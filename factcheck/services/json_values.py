"""Turn column values into JSON values the same way everywhere (history, export)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa


def plain(value: Any) -> Any:
    """A JSON-ready value: ISO dates, UTC 'Z' times, 8000 rather than 8000.0."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Columns shown by the name of what they point at: a claim's place reads "Almaty", not 3.
BY_NAME = {"place_id": "place"}


def row_dict(obj: Any) -> dict[str, Any]:
    """Every mapped column of `obj` as a JSON-ready dict (the history's before/after)."""
    mapper = sa.inspect(obj).mapper
    out = {}
    for attr in mapper.column_attrs:
        if attr.key in BY_NAME and BY_NAME[attr.key] in mapper.relationships:
            linked = getattr(obj, BY_NAME[attr.key])
            out[BY_NAME[attr.key]] = linked.name if linked is not None else None
        else:
            out[attr.key] = plain(getattr(obj, attr.key))
    return out
