"""How a figure is written: the one number formatter (parsing is numbers.py).

Every place that shows a number (web pages, reports, the reconciliation's
explanation, problems found in a claim) writes it through `format_number`, so
8000.0 never shows as "8000.0" on one screen and "8 000" on another by
accident: the two styles below are the only ones, each named for where it is read.
"""

from __future__ import annotations

import math
from functools import lru_cache

# Pages and reports group thousands with a space (8 000), as reviewers write them.
READER_THOUSANDS = " "


@lru_cache(maxsize=8192)  # the explanation writes the same few figures thousands of times
def format_number(value: float | int | None, thousands: str = "", missing: str = "∞") -> str:
    """8000.0 -> "8000" ("8 000" with thousands=" "), 4.5 -> "4.5", None or ∞ -> `missing`.

    Whole numbers lose their ".0"; other numbers keep up to six significant
    digits (Python's "g"), which is all a reported figure ever carries.
    """
    if value is None or (isinstance(value, float) and math.isinf(value)):
        return missing
    if float(value).is_integer():
        whole = f"{int(value):,}"
        return whole.replace(",", thousands)
    return f"{value:g}"


def display_number(value: float | int | None) -> str:
    """A figure as pages and reports print it: 8 000, 4.5; nothing for no value."""
    return format_number(value, thousands=READER_THOUSANDS, missing="")
