"""Settings a service needs at run time, each read from the app's config in one place."""

from __future__ import annotations

from flask import current_app

from factcheck.domain.input_rules import DateRange
from factcheck.domain.qualifiers import Widths


def qualifier_widths() -> Widths:
    """How far "nearly" and "approximately" reach, as configured (QUALIFIER_WIDTHS).

    Every entry path (web form, API, import, the extraction assistant and an
    accepted suggestion) reads the widths here, so a claim's interval never
    depends on the screen it was typed into.
    """
    return Widths(**current_app.config["QUALIFIER_WIDTHS"])


def date_range() -> DateRange:
    """The years a date may fall in, as configured (DATE_RANGE; 1900–2100 by default)."""
    return DateRange(**current_app.config["DATE_RANGE"])


def suggest_max_chars() -> int:
    """How much of an article the extraction assistant reads (SUGGEST_MAX_CHARS): its first part."""
    return current_app.config["SUGGEST_MAX_CHARS"]
