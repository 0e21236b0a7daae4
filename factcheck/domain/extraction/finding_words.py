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

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.domain.said import Number, Said

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
AND = Said("and")


def _language(code: str, probability: float, supported: bool) -> str:
    # As written: two decimals (a page in another language writes the rounded value its way).
    values = {"code": repr(code), "p": Number(f"{probability:.2f}", round(probability, 2))}
    if supported:
        return Said("detected %(code)s (p=%(p)s)", **values)
    return Said("detected %(code)s (p=%(p)s); extraction supports only id and en", **values)


def _dateline(moment: str, written: str) -> str:
    return Said('header date %(moment)s from "%(written)s"', moment=moment, written=written)


def _weekday_mismatch(written: str, named: int, day: str, weekday: int) -> str:
    return Said(
        '"%(written)s" is a %(named)s but %(day)s is a %(weekday)s',
        written=written,
        named=DAY_NAMES[named],
        day=day,
        weekday=DAY_NAMES[weekday],
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
        hijri_weekday=DAY_NAMES[hijri_weekday],
        header=header_written,
        day=day,
        weekday=DAY_NAMES[day_weekday],
        h_day=h_day,
        h_month=h_month,
        h_year=h_year,
        apart=apart,
    )
    if weekday is None:
        return pairs
    named, number, agrees = weekday
    dates = [_DATES[a] for a in agrees]
    agreed = (
        Said("%(first)s %(conj)s %(rest)s", first=dates[0], conj=AND, rest=dates[1])
        if len(dates) == 2
        else (dates[0] if dates else Said("neither"))
    )
    return Said(
        '%(pairs)s The weekday "%(named)s" (%(day)s) agrees with %(agreed)s.',
        pairs=pairs,
        named=named,
        day=DAY_NAMES[number],
        agreed=agreed,
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
        value=Number(str(value), value),
        language=repr(language),
    )


def _republished_from(where: str, written: str, outlet: str) -> str:
    credit = Said("dateline") if where == "dateline" else Said("closing")
    return Said(
        'the %(where)s credit "%(written)s" names %(outlet)s as the source',
        where=credit,
        written=written,
        outlet=outlet,
    )


def _republishes(containment: float, article: Any) -> str:
    return Said(
        "%(share)s of the shorter text's 5-word shingles are shared with article %(article)s",
        share=f"{containment:.0%}",
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
    """A stored finding's detail: written from its structured form, or as stored (a finding
    kept before it had words, an imported one, or a sentence this version cannot write)."""
    if not isinstance(words, list | tuple) or len(words) != 2:
        return stored
    say, args = words
    if not isinstance(say, str) or not isinstance(args, list | tuple):
        return stored
    try:
        return write(say, args)
    except (KeyError, TypeError, ValueError, IndexError):
        return stored
