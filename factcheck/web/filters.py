"""Template filters."""

from __future__ import annotations

from flask import Flask

from factcheck.domain.report_words import flag_label, grade_label, readable_step
from factcheck.web import terms
from factcheck.web.form_messages import say


def register_filters(app: Flask) -> None:
    """The engine's codes in words; `fmtnum` and the date filters are factcheck/i18n.py's (by locale)."""
    # The engine's codes in words (report_words): flags, grades, and the audit trail's tiers.
    app.jinja_env.filters["flag_label"] = flag_label
    app.jinja_env.filters["grade_label"] = grade_label
    app.jinja_env.filters["readable_step"] = readable_step
    terms.register(app)  # `term`: a vocabulary code in the reader's language
    # A stored service message (a failed fetch's reason) in the reader's language, when it has one.
    app.jinja_env.filters["say"] = say
