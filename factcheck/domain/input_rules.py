"""The limits every entry path (web form, API, import, URL intake) puts on what a person types.

One set of rules so that a value refused by the API is refused by the form and
by the importer with the same sentence, and so that nothing reaches a database
that PostgreSQL would refuse with an error SQLite lets through (NUL, unpaired
surrogates, strings longer than their column, integers past 64 bits). Each
check returns the message to show, or None when the value may be stored.

Line endings: article text is normalised at intake (CRLF and CR become LF) on
every path. The browser's DOM drops `\\r`, so a stored CR would shift every
anchor selected on the page by one character per earlier line; storing LF
keeps the offsets the page selects equal to the offsets stored.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from factcheck.domain.said import Number, Said

# Column lengths (factcheck/models): the guard and the schema must agree.
# An article's text, on every path (a book is not an article; the anchors index into it).
ARTICLE_TEXT_CHARS = 1_000_000

LENGTHS = {
    "slug": 120,
    "event_title": 300,
    "article_title": 1000,
    "name": 200,  # outlets, actors, places, aliases, category labels
    "kind": 40,
    "country": 100,
    "url": 2000,
    "language": 16,
    "unit": 40,
    "source_key": 120,
    "email": 254,
    # A proposition, a quote's translation, a verdict's rationale: the same on every path, so
    # what one path stored another can edit.
    "prose": 100_000,
}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MESSAGE = "Use lower-case letters, digits and hyphens."

# The API's cap on a figure (api/fields.py Amount): larger is a typo, not a count.
MAX_AMOUNT = 1e15
# A figure written with more characters than this is not a figure ("8.000.000" has 9).
MAX_NUMBER_CHARS = 40
# Real UTC offsets run from -12:00 to +14:00; larger ones are typos.
MAX_OFFSET = timedelta(hours=14)

# C0 controls and DEL, except tab and line endings (CR is normalised to LF at intake).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class DateRange:
    """The years a date may fall in (a claim dated 0022 is a typo that breaks charts)."""

    earliest: int = 1900
    latest: int = 2100

    def check(self, day: date) -> str | None:
        if not self.earliest <= day.year <= self.latest:
            return Said(
                "Give a date between %(earliest)s and %(latest)s (not %(day)s).",
                earliest=self.earliest,
                latest=self.latest,
                day=day.isoformat(),
            )
        return None


DEFAULT_DATES = DateRange()


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR as LF: what the browser shows, so that selections match offsets."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def utf8_text(raw: bytes) -> str:
    """A file's bytes as text: strict UTF-8 (UnicodeDecodeError otherwise), without the
    byte-order mark some editors (Notepad) begin a file with, which is no character of it."""
    return raw.decode("utf-8").removeprefix("\ufeff")


def check_text(value: str, max_length: int | None = None, *, multiline: bool = True) -> str | None:
    """Why `value` cannot be stored as text, or None.

    Multi-line text (an article, a rationale) may hold tabs and line feeds;
    a one-line value (a name, a title, a slug) holds no control character.
    """
    if "\x00" in value:
        return Said("Text may not contain NUL characters.")
    if (_CONTROL if multiline else _LINE_CONTROL).search(value):
        if multiline:
            return Said("Text may not contain control characters.")
        return Said("Text may not contain control characters or line breaks.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Said("Text must be valid Unicode (no unpaired surrogates).")
    if max_length is not None and len(value) > max_length:
        return Said(
            "At most %(most)s characters (this has %(has)s).",
            most=f"{max_length:,}",
            has=f"{len(value):,}",
        )
    return None


def check_slug(value: str) -> str | None:
    """Why `value` cannot be an event's slug (it is part of the event's URL), or None."""
    if len(value) > LENGTHS["slug"]:
        return Said("At most %(most)s characters.", most=LENGTHS["slug"])
    if not SLUG.fullmatch(value):
        return SLUG_MESSAGE
    return None


def check_amount(value: float | int) -> str | None:
    """Why `value` cannot be a figure (a value or a bound), or None."""
    if isinstance(value, bool):
        return Said("Give a number.")
    try:
        number = float(value)
    except (OverflowError, ValueError):
        return _past_the_cap()
    if math.isnan(number) or math.isinf(number):
        return Said("Give a finite number.")
    if number < 0:
        return Said("Must not be negative.")
    if number > MAX_AMOUNT:
        return _past_the_cap()
    return None


def _past_the_cap() -> Said:
    # A Number, so that an Indonesian page writes the cap 1.000.000.000.000.000: "1,000,…"
    # reads there as one with decimals.
    return Said("At most %(most)s.", most=Number(f"{MAX_AMOUNT:,.0f}", MAX_AMOUNT))


def check_number_text(value: str) -> str | None:
    """Why a typed figure is refused before it is read (a 5,000-digit value), or None."""
    if len(value.strip()) > MAX_NUMBER_CHARS:
        return Said("A figure has at most %(most)s characters.", most=MAX_NUMBER_CHARS)
    return None


def check_day(day: date, dates: DateRange = DEFAULT_DATES) -> str | None:
    return dates.check(day)


def check_moment(moment: datetime, dates: DateRange = DEFAULT_DATES) -> str | None:
    """Why a date-time with its UTC offset cannot be stored, or None."""
    offset = moment.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        return Said("The UTC offset must be between -14:00 and +14:00.")
    return dates.check(moment.date())


def check_id(value: int) -> bool:
    """Whether `value` can be a stored row's id (a positive 32-bit integer)."""
    return 1 <= value <= 2**31 - 1
