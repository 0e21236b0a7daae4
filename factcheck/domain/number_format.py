"""How a figure is written: the one number formatter (parsing is numbers.py).

Every place that shows a number (web pages, reports, the reconciliation's
explanation, problems found in a claim) writes it through `format_number`, so
8000.0 never shows as "8000.0" on one screen and "8,000" on another by
accident: the two styles below are the only ones, each named for where it is read.
Readers get their locale's grouping through Babel (English "8,000", Indonesian
"8.000"), joined with no-break spaces where a locale groups with spaces, so a
figure is never broken across lines.
"""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from functools import lru_cache

from babel.numbers import format_decimal

# Pages and reports write figures as readers of this locale do (Babel's CLDR data).
READER_LOCALE = "en"
# Whole numbers with grouping; fractions up to six places, as a reported figure carries no more.
READER_PATTERN = "#,##0.######"
NO_BREAK_SPACE = "\u00a0"


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


@lru_cache(maxsize=8192)
def display_number(value: float | int | None, locale: str = READER_LOCALE) -> str:
    """A figure as pages and reports print it: 8,000 (en), 8.000 (id), 4.5; nothing for no value.

    Any space a locale groups with becomes a no-break space: "5 800" must never
    wrap into "5" and "800" on a phone.
    """
    if value is None or (isinstance(value, float) and math.isinf(value)):
        return ""
    number = int(value) if float(value).is_integer() else value
    text = locale_decimal(number, READER_PATTERN, locale)
    return text.replace(" ", NO_BREAK_SPACE).replace("\u202f", NO_BREAK_SPACE)


def locale_decimal(value: float | int | Decimal, pattern: str, locale: str | object) -> str:
    """Babel's format_decimal for any figure, however many digits its whole part has.

    Babel rounds to the pattern's decimals in the current decimal context, 28 significant
    digits: a figure of 23 digits or more with six places raised InvalidOperation and took
    its page down with it (a form's ten places, from 19). The context here holds the whole
    part and 28 digits besides, more places than any pattern writes.
    """
    exact = Decimal(value)  # NaN and infinity have no digits (Babel writes them)
    whole = exact.adjusted() + 1 if exact.is_finite() and exact else 0
    with localcontext() as context:
        context.prec = max(context.prec, whole + 28)
        return format_decimal(value, format=pattern, locale=locale)
