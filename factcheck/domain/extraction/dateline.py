"""The article's dateline: its date (and time and zone) read from the header lines.

Day and month names are the article's language's ("Selasa, 11 Januari 2022 22:25
wib", "Sunday 17 September 2023 11.05 BST", "January 10, 2022 3:12 PM GMT+6",
"22/11/2022, 20:31 WIB", and "ALMATY, Jan 10 (Reuters)" with the year taken
from the publication date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache

from factcheck.domain.extraction.lexicon import Lexicon, words_regex

HEADER_CHARS = 600  # the dateline is in the first lines


@dataclass(frozen=True)
class Dateline:
    """The date the header gives, where it is written, and the weekday it names (if any)."""

    start: int
    end: int
    day: date
    moment: datetime | None  # with tzinfo when the header names a zone
    weekday_written: str | None
    weekday: int | None  # Monday 0, from the written name


@cache
def _patterns(lex: Lexicon) -> list[re.Pattern[str]]:
    days = words_regex(list(lex.weekdays))
    months = words_regex(list(lex.months))
    zones = words_regex(list(lex.timezones))
    time = (
        rf"(?:,?\s*(?:pukul\s+)?(?P<hh>\d{{1,2}})[:.](?P<mm>\d{{2}})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
        rf"\s*(?P<zone>(?:{zones})(?:\s*[+-]\d{{1,2}})?|GMT\s*[+-]\d{{1,2}}|UTC\s*[+-]\d{{1,2}})?)?"
    )
    weekday = rf"(?:(?P<weekday>{days})\.?,?\s+)?"
    return [
        re.compile(p, re.IGNORECASE)
        for p in (
            rf"(?<!\w){weekday}(?P<d>\d{{1,2}})\s+(?P<mon>{months})\.?,?\s+(?P<y>\d{{4}}){time}",
            rf"(?<!\w){weekday}(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}}){time}",
            rf"(?<![\w/]){weekday}(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}}){time}",
            rf"(?<!\w)(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}})\s+\((?P<credit>[^)]{{1,40}})\)",
        )
    ]


def parse_dateline(
    text: str, lex: Lexicon, published_at: datetime | None = None
) -> Dateline | None:
    """The first date in the header, or None. Hijri dates are left to `hijri.find_hijri`."""
    header = text[:HEADER_CHARS]
    found: list[tuple[int, re.Match[str], int]] = []
    for index, pattern in enumerate(_patterns(lex)):
        m = pattern.search(header)
        if m:
            found.append((m.start(), m, index))
    for _, m, index in sorted(found, key=lambda f: f[0]):
        parsed = _parsed(m, index, lex, published_at)
        if parsed is not None:
            return parsed
    return None


def _parsed(
    m: re.Match[str], index: int, lex: Lexicon, published_at: datetime | None
) -> Dateline | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else lex.months[groups["mon"].lower().rstrip(".")]
    if lex.language == "en" and groups.get("m"):
        month, day_number = int(groups["d"]), int(groups["m"])  # en numeric dates are month-first
    else:
        day_number = int(groups["d"])
    year = int(groups["y"]) if groups.get("y") else (published_at.year if published_at else None)
    if year is None:
        return None
    try:
        day = date(year, month, day_number)
    except ValueError:
        return None
    moment = None
    if groups.get("hh"):
        hour, minute = int(groups["hh"]), int(groups["mm"])
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        hour = hour % 12 + (12 if ampm == "pm" else 0) if ampm else hour
        if hour < 24 and minute < 60:
            moment = datetime(
                year, month, day_number, hour, minute, tzinfo=_zone(groups.get("zone"), lex)
            )
    written = groups.get("weekday")
    weekday = lex.weekdays.get(written.lower().rstrip(".")) if written else None
    return Dateline(m.start(), m.end(), day, moment, written, weekday)


def _zone(written: str | None, lex: Lexicon) -> timezone | None:
    if not written:
        return None
    m = re.fullmatch(r"([A-Za-z]+)\s*(?:([+-])(\d{1,2}))?", written.strip())
    if m is None:
        return None
    base = lex.timezones.get(m[1].lower())
    if base is None and m[1].lower() not in ("gmt", "utc"):
        return None
    hours, minutes = (int(base[1:3]), int(base[4:6])) if base else (0, 0)
    sign = -1 if base and base[0] == "-" else 1
    offset = sign * timedelta(hours=hours, minutes=minutes)
    if m[2]:
        offset = timedelta(hours=int(m[3])) * (1 if m[2] == "+" else -1)
    return timezone(offset)
