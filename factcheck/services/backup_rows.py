"""A backup's rows read back into column values, each value checked against its column's type.

Checked before anything is inserted, so that a malformed document is refused with its
table, the row's place in its list and the field, in the same words on SQLite and on
PostgreSQL, rather than by whichever driver meets the value first (or, on SQLite, not at
all: it keeps 2**40 in an INTEGER and 300 characters in a VARCHAR(16)).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from factcheck.models.types import UTCDateTime

# The widest whole number each integer type holds on PostgreSQL (SQLite holds 64 bits in any).
INTEGER_BITS = ((sa.SmallInteger, 16), (sa.BigInteger, 64), (sa.Integer, 32))


class RestoreRefused(ValueError):
    """The document cannot be restored here; nothing was written."""


class NotHeld(ValueError):
    """The column cannot hold the value: what it must be instead."""


def rows_of(doc: dict, section: str) -> list[dict]:
    """The section's rows, each an object; none when the section is absent (an older version)."""
    rows = doc.get(section, [])
    if not isinstance(rows, list):
        raise RestoreRefused(f"{section} must be a list of rows, not {shown(rows)}")
    for position, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise RestoreRefused(
                f"{section}, row {position} must be an object of fields, not {shown(row)}"
            )
    return rows


def restore_row(
    section: str, table: sa.Table, row: dict, position: int, renamed: dict[str, str]
) -> dict[str, Any]:
    """The row's values by column name, as the table takes them; a field not given is left out."""
    out = {}
    for column in table.columns:
        field = renamed.get(column.name, column.name)
        if field in row:
            try:
                out[column.name] = column_value(column, row[field])
            except NotHeld as err:
                raise RestoreRefused(f"{where(section, row, position)}: {field} {err}") from err
    return out


def names_in(section: str, row: dict, position: int, field: str) -> list[str]:
    """A readable list beside the columns (an event's places, an actor's party_to): texts."""
    names = row.get(field) or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise RestoreRefused(
            f"{where(section, row, position)}: {field} must be a list of texts, not {shown(names)}"
        )
    return names


def where(section: str, row: dict, position: int) -> str:
    """The row as a reader finds it in the file: its place in the list, and its id when it has one."""
    row_id = row.get("id")
    if isinstance(row_id, int) and not isinstance(row_id, bool):
        return f"{section}, row {position} (id {row_id})"
    return f"{section}, row {position}"


def column_value(column: sa.Column, value: Any) -> Any:
    """The value as the column takes it; NotHeld when the column cannot hold it."""
    kind = column.type
    if value is None:
        if not column.nullable and not isinstance(kind, sa.JSON):
            raise NotHeld("may not be null")
        return None
    if isinstance(kind, sa.JSON):
        return value  # any JSON value is a JSON column's
    if isinstance(kind, UTCDateTime):
        return _time(value)
    if isinstance(kind, sa.Date):
        return _date(value)
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise NotHeld(f"must be true or false, not {shown(value)}")
        return value
    if isinstance(kind, sa.Integer):
        return _whole_number(kind, value)
    if isinstance(kind, sa.Float):
        return _number(value)
    if isinstance(kind, sa.String):
        return _text(kind, value)
    if isinstance(kind, sa.LargeBinary):
        return _bytes(value)
    return value  # a type not met yet: the database, as a last resort, says whether it fits


def _time(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            written = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if written.utcoffset() is not None:
                return written.astimezone(UTC)
        except (ValueError, OverflowError):  # OverflowError: year 1 at +01:00 is before year 1
            pass
    raise NotHeld(
        f"must be a time with its UTC offset (such as 2022-01-11T15:25:00Z), not {shown(value)}"
    )


def _date(value: Any) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise NotHeld(f"must be a date (such as 2022-01-11), not {shown(value)}")


def _whole_number(kind: sa.Integer, value: Any) -> int:
    bits = next(bits for integer, bits in INTEGER_BITS if isinstance(kind, integer))
    low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise NotHeld(f"must be a whole number from {low} to {high}, not {shown(value)}")
    return value


def _number(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # a whole number past any float
            number = math.inf
        if math.isfinite(number):
            return number
        raise NotHeld(f"must be a finite number, not {shown(value)}")
    raise NotHeld(f"must be a number, not {shown(value)}")


def _text(kind: sa.String, value: Any) -> str:
    if not isinstance(value, str):
        raise NotHeld(f"must be text, not {shown(value)}")
    if kind.length is not None and len(value) > kind.length:
        raise NotHeld(f"must be text of at most {kind.length} characters, not {len(value)}")
    if "\x00" in value:  # PostgreSQL's text holds no NUL character
        raise NotHeld("must be text without NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # "\ud800" in JSON reads as half of a UTF-16 pair, alone
        raise NotHeld("must be text, not a lone surrogate")
    return value


def _bytes(value: Any) -> bytes:
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            pass
    raise NotHeld(f"must be base64 text, not {shown(value)}")


def shown(value: Any) -> str:
    """The value as the file writes it, shortened: what a reader searches the file for."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
