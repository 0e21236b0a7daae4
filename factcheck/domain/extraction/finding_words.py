"""A metadata finding's detail, written from its structured form: the same words wherever shown.

Each finding keeps its detail as a sentence id (`say`, the finding's kind) and that
sentence's arguments, JSON values only (quoted text, ISO dates, weekday numbers,
figures), as a conflict keeps its detail (reconciliation/conflict_words.py). The
English text is written once, when the finding is made, and stored as its `detail`
(the API, the import format and reports read it); the structured form is stored
beside it as `words`, so that the article's page writes the sentence in its
reader's language. A finding stored before it kept its words, or imported with
only a detail, stays as stored.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from factcheck.domain.said import Number, Said, every_one, written

# Monday first, as date.weekday() counts.
DAY_NAMES = (
    Said("Monday"),
    Said("Tuesday"),
    Said("Wednesday"),
    Said("Thursday"),
    Said("Friday"),
    Said("Saturday"),
    Said("Sunday"),
)
# Which of the header's dates a written weekday agrees with.
_DATES = {"gregorian": Said("the Gregorian date"), "hijri": Said("the Hijri date")}
# Where a credit line stood (extraction/credits.py): an unknown place is not written at all.
_CREDITS = {"dateline": Said("dateline"), "closing": Said("closing")}
# What a stored finding's words hold is checked as it is written: a restored backup may hold
# anything, and a page must then show the stored detail instead (detail_text).


def _day(number: Any) -> Said:
    if type(number) is not int or not 0 <= number <= 6:
        raise ValueError(f"not a weekday number: {number!r}")
    return DAY_NAMES[number]


def _figure(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise ValueError(f"not a figure: {value!r}")
    return value


def _language(code: str, probability: float, supported: bool) -> str:
    p = _figure(probability)
    # Two decimals, as written, in every language ("0,50" in Indonesian, not "0,5").
    values = {"code": repr(code), "p": Number(f"{p:.2f}", round(p, 2), places=2)}
    if supported:
        return Said("detected %(code)s (p=%(p)s)", **values)
    return Said("detected %(code)s (p=%(p)s); extraction supports only id and en", **values)


def _dateline(moment: str, written: str) -> str:
    return Said('header date %(moment)s from "%(written)s"', moment=moment, written=written)


def _weekday_mismatch(written: str, named: int, day: str, weekday: int) -> str:
    return Said(
        '"%(written)s" is a %(named)s but %(day)s is a %(weekday)s',
        written=written,
        named=_day(named),
        day=day,
        weekday=_day(weekday),
    )


def _calendar_unreadable(written: str) -> str:
    return Said('"%(written)s" is outside the Umm al-Qura tables; not checked.', written=written)


def _calendar_mismatch(
    hijri: Sequence[Any],
    header: Sequence[Any],
    apart: int,
    weekday: Sequence[Any] | None,
) -> str:
    """`hijri`: (as written, its Gregorian day, that day's weekday); `header`: (as written,
    its day, weekday, and that day in the Hijri calendar: day, month name, year);
    `weekday`: (a weekday as written, its number, the dates it agrees with) or None."""
    written, hijri_day, hijri_weekday = hijri
    header_written, day, day_weekday, h_day, h_month, h_year = header
    pairs = Said(
        'The header pairs "%(written)s" (= %(hijri_day)s, a %(hijri_weekday)s, Umm al-Qura) '
        'with "%(header)s" (= %(day)s, a %(weekday)s, which is %(h_day)s %(h_month)s %(h_year)s); '
        "they are %(apart)s days apart.",
        written=written,
        hijri_day=hijri_day,
        hijri_weekday=_day(hijri_weekday),
        header=header_written,
        day=day,
        weekday=_day(day_weekday),
        h_day=h_day,
        h_month=h_month,
        h_year=h_year,
        apart=apart,
    )
    if weekday is None:
        return pairs
    named, number, agrees = weekday
    if len(agrees) > 2 or len(set(agrees)) != len(agrees):
        raise ValueError(f"not the dates a weekday agrees with: {agrees!r}")
    dates = [_DATES[a] for a in agrees]
    values = {"pairs": pairs, "named": named, "day": _day(number)}
    if not dates:  # its own sentence: a language may not say "agrees with neither" so
        return Said('%(pairs)s The weekday "%(named)s" (%(day)s) agrees with neither.', **values)
    return Said(
        '%(pairs)s The weekday "%(named)s" (%(day)s) agrees with %(agreed)s.',
        agreed=every_one(dates),
        **values,
    )


def _dateline_mismatch(day: str, published: str) -> str:
    return Said(
        "the header says %(day)s but the article was published on %(published)s",
        day=day,
        published=published,
    )


def _view_count(written: str, value: float, language: str) -> str:
    return Said(
        '"%(written)s" reads as %(value)s in %(language)s notation',
        written=written,
        value=Number(str(value), _figure(value)),
        language=repr(language),
    )


def _republished_from(where: str, written: str, outlet: str) -> str:
    return Said(
        'the %(where)s credit "%(written)s" names %(outlet)s as the source',
        where=_CREDITS[where],
        written=written,
        outlet=outlet,
    )


def _republishes(containment: float, article: Any) -> str:
    return Said(
        "%(share)s of the shorter text's 5-word shingles are shared with article %(article)s",
        share=f"{_figure(containment):.0%}",
        article=article,
    )


WRITERS: dict[str, Callable[..., str]] = {
    "language": _language,
    "dateline": _dateline,
    "weekday_mismatch": _weekday_mismatch,
    "calendar_unreadable": _calendar_unreadable,
    "calendar_mismatch": _calendar_mismatch,
    "dateline_mismatch": _dateline_mismatch,
    "view_count": _view_count,
    "republished_from": _republished_from,
    "republishes": _republishes,
}


def write(say: str, args: Sequence[Any]) -> str:
    """The detail `say` with its arguments, in the extractor's words (a Said)."""
    return WRITERS[say](*args)


def detail_text(words: Any, stored: str) -> str:
    """A stored finding's detail: written from its structured form (a Said), or `stored` as it
    is (a finding kept before it had words, an imported one, words this version cannot write)."""
    return written(WRITERS, words, stored)
