"""Words looked for inside stored text: LIKE patterns in which a reader's %, _ and \\ are
characters, not wildcards ("50%" finds "50%", not every claim with a 50 in it)."""

from __future__ import annotations

import sqlalchemy as sa

_ESCAPE = "\\"


def holding(column: sa.ColumnElement[str], text: str) -> sa.ColumnElement[bool]:
    """`column` contains `text`, ignoring case; served by the trigram indexes as before."""
    return column.ilike(containing(text), escape=_ESCAPE)


def containing(text: str) -> str:
    """The LIKE pattern for `text` anywhere, its own wildcards and escapes taken literally."""
    literal = text.replace(_ESCAPE, _ESCAPE * 2).replace("%", r"\%").replace("_", r"\_")
    return f"%{literal}%"
