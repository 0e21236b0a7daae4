"""Template filters."""

from __future__ import annotations

from flask import Flask

from factcheck.domain.number_format import display_number


def register_filters(app: Flask) -> None:
    """`fmtnum`: a figure as pages and reports print it (8 000, 4.5), the domain's one formatter."""
    app.jinja_env.filters["fmtnum"] = display_number
