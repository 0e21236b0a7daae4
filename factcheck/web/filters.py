"""Template filters."""

from __future__ import annotations

from flask import Flask


def fmtnum(value: float | int | None) -> str:
    """A figure as a reviewer writes it: 8000, not 8000.0; 4.5 stays 4.5."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}"


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["fmtnum"] = fmtnum
