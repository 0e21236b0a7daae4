"""Template filters."""

from __future__ import annotations

from flask import Flask

from factcheck.domain.number_format import display_number
from factcheck.domain.report_words import flag_label, grade_label, readable_step
from factcheck.domain.vocabulary import reason_words


def register_filters(app: Flask) -> None:
    """`fmtnum`: a figure as pages and reports print it (8 000, 4.5), the domain's one formatter."""
    app.jinja_env.filters["fmtnum"] = display_number
    app.jinja_env.filters["reason"] = reason_words  # "set_aside" -> "set aside by editor"
    # The engine's codes in words (report_words): flags, grades, and the audit trail's tiers.
    app.jinja_env.filters["flag_label"] = flag_label
    app.jinja_env.filters["grade_label"] = grade_label
    app.jinja_env.filters["readable_step"] = readable_step
