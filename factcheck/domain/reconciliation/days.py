"""A day written as ISO 8601 text ("2024-03-19"), remembered once written.

date.isoformat formats anew on every call, and the engine writes the same few days of an
event again and again: in each claim's fingerprint form, each figure's card, each point of
the series (about 3,000 instructions a call under callgrind, against a dict lookup's 150).
"""

from __future__ import annotations

from datetime import date

_WRITTEN: dict[date, str] = {}


def iso(day: date) -> str:
    """day.isoformat(), from memory after the first time (days are few: a calendar's worth)."""
    text = _WRITTEN.get(day)
    if text is None:
        text = _WRITTEN[day] = day.isoformat()
    return text
