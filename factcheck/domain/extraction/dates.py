"""Days named in a sentence ("pada Senin", "on Sunday", "(10/1/2022)") resolved to dates.

A weekday is the latest such day on or before the reference date (the dateline's
or the publication's local date): a Tuesday article's "Monday" is the day before,
its "Tuesday" the same day. Numeric dates are read day-first in Indonesian
("10/1/2022" is 10 January) and month-first in English.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from factcheck.domain.extraction.lexicon import Lexicon, words_regex


@cache
def _day_regex(lex: Lexicon) -> re.Pattern[str]:
    days = words_regex([d for d in lex.weekdays if len(d) > 3])
    months = words_regex(list(lex.months))
    relative = words_regex(list(lex.relative_days))
    return re.compile(
        rf"(?<!\w)(?:(?P<weekday>{days})(?!\s+(?:lalu|ini|depan|ke)\b)"
        rf"|(?P<relative>{relative})"
        rf"|(?P<d1>\d{{1,2}})\s+(?P<m1>{months})\.?(?:\s+(?P<y1>\d{{4}}))?"
        rf"|(?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}})(?:,?\s+(?P<y2>\d{{4}}))?"
        rf"|\((?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y3>\d{{2,4}}))?\))(?!\w)",
        re.IGNORECASE,
    )


def weekday_on_or_before(reference: date, weekday: int) -> date:
    """The latest date with `weekday` (Monday 0) on or before `reference`."""
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def _year_for(month: int, day: int, reference: date) -> int:
    """A date without a year is the latest one not after the reference (plus a day of slack)."""
    year = reference.year
    try:
        if date(year, month, day) > reference + timedelta(days=1):
            year -= 1
    except ValueError:
        pass
    return year


def day_mentions(
    sentence: str, lex: Lexicon, reference: date | None
) -> list[tuple[int, int, date]]:
    """(start, end, date) of each day named in `sentence`, resolved against `reference`."""
    if reference is None:
        return []
    out: list[tuple[int, int, date]] = []
    for m in _day_regex(lex).finditer(sentence):
        try:
            resolved = _resolve(m, lex, reference)
        except ValueError:  # 31/2, a month number 13: not a date
            continue
        if resolved is not None:
            out.append((m.start(), m.end(), resolved))
    return out


def _resolve(m: re.Match[str], lex: Lexicon, reference: date) -> date | None:
    if m["weekday"]:
        return weekday_on_or_before(reference, lex.weekdays[m["weekday"].lower()])
    if m["relative"]:
        key = " ".join(m["relative"].lower().split())
        return reference + timedelta(days=lex.relative_days[key])
    if m["d1"] or m["d2"]:
        day = int(m["d1"] or m["d2"])
        month = lex.months[(m["m1"] or m["m2"]).lower()]
        year = m["y1"] or m["y2"]
        return date(int(year) if year else _year_for(month, day, reference), month, day)
    a, b = int(m["a"]), int(m["b"])
    day, month = (a, b) if lex.language == "id" else (b, a)
    year = m["y3"]
    if year is None:
        return date(_year_for(month, day, reference), month, day)
    return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
