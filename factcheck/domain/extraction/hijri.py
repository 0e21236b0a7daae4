"""Hijri dates in headers ("27 Jumadil Awwal 1446 H"), converted with hijridate (Umm al-Qura).

Month names are matched loosely (case, apostrophes, hyphens, spaces and doubled
letters ignored), so the Indonesian "Jumadil Awwal", "Jumadil Awal" and the
English "Jumada al-Ula" all read as month 5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hijridate import Gregorian, Hijri

# Loose spellings per month (after `_squash`): Indonesian, English, Arabic transliterations.
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("muharam",),
    2: ("safar", "shafar", "sapar"),
    3: ("rabiulawal", "rabialawal", "rabialula", "rabiuawal"),
    4: (
        "rabiulakhir",
        "rabialakhir",
        "rabialthani",
        "rabiutsani",
        "rabiulthani",
        "rabiulsani",
        "rabiusani",
    ),
    5: (
        "jumadilawal",
        "jumadalawal",
        "jumadalula",
        "jumadilula",
        "jumadaalawal",
        "jumadaalula",
        "jumadalawal",
    ),
    6: (
        "jumadilakhir",
        "jumadalakhirah",
        "jumadilakhirah",
        "jumadaalakhirah",
        "jumadaalthani",
        "jumadiltsani",
        "jumadalakhir",
        "jumadaalakhir",
        "jumadalthani",
    ),
    7: ("rajab",),
    8: ("syaban", "shaban", "sakban", "saban"),
    9: ("ramadan", "ramadhan", "ramazan"),
    10: ("syawal", "shawal", "sawal"),
    11: (
        "dzulqadah",
        "zulkaidah",
        "dhulqadah",
        "dhualqadah",
        "zulqadah",
        "dzulqaidah",
        "dzulkaidah",
    ),
    12: ("dzulhijah", "zulhijah", "dhulhijah", "dhualhijah", "dzulhijjah"),
}
_LOOKUP: dict[str, int] = {}  # filled below, keys squashed like the text they are compared with
# day, one to three words of month name, year of 3-4 digits, then H / AH / Hijriah.
_PATTERN = re.compile(
    r"(?<!\w)(?P<day>\d{1,2})\s+(?P<month>[A-Za-z][A-Za-z'’`\-]*(?:\s+[A-Za-z][A-Za-z'’`\-]*){0,2}?)\s+"
    r"(?P<year>1[34]\d\d)\s*(?:H|AH|Hijriah|Hijriyah|A\.H\.)(?!\w)"
)


@dataclass(frozen=True)
class HijriMention:
    """A Hijri date written in the text and its Gregorian equivalent (None when out of range)."""

    start: int
    end: int
    year: int
    month: int
    day: int
    gregorian: date | None


def _squash(name: str) -> str:
    """Lower-case letters only, doubled letters made single: "Jumadil Awwal" -> "jumadilawal"."""
    letters = re.sub(r"[^a-z]", "", name.lower())
    return re.sub(r"(.)\1+", r"\1", letters)


_LOOKUP.update(
    {_squash(spelling): month for month, spellings in _MONTHS.items() for spelling in spellings}
)


def month_number(name: str) -> int | None:
    return _LOOKUP.get(_squash(name))


def find_hijri(text: str) -> list[HijriMention]:
    """Every Hijri date in `text` with its Umm al-Qura Gregorian date."""
    out = []
    for m in _PATTERN.finditer(text):
        month = month_number(m["month"])
        if month is None:
            continue
        year, day = int(m["year"]), int(m["day"])
        try:
            gregorian = Hijri(year, month, day).to_gregorian()
            greg = date(gregorian.year, gregorian.month, gregorian.day)
        except (ValueError, OverflowError):
            greg = None
        out.append(HijriMention(m.start(), m.end(), year, month, day, greg))
    return out


def to_hijri(day: date) -> tuple[int, int, int, str]:
    """(year, month, day, English month name) of a Gregorian date."""
    converted = Gregorian(day.year, day.month, day.day).to_hijri()
    return converted.year, converted.month, converted.day, converted.month_name()
