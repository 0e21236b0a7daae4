"""Settings a service needs at run time, each read from the app's config in one place."""

from __future__ import annotations

from flask import current_app

from factcheck.domain.qualifiers import Widths


def qualifier_widths() -> Widths:
    """How far "nearly" and "approximately" reach, as configured (QUALIFIER_WIDTHS).

    Every entry path (web form, API, import, the extraction assistant and an
    accepted suggestion) reads the widths here, so a claim's interval never
    depends on the screen it was typed into.
    """
    return Widths(**current_app.config["QUALIFIER_WIDTHS"])
