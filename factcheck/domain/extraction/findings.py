"""Metadata findings: language, dateline, Hijri/Gregorian/weekday agreement, view counts,
credit lines (republished_from) and near-duplicates of stored articles (republishes)."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from datetime import date, datetime

from factcheck.domain.extraction.credits import original_outlet
from factcheck.domain.extraction.dateline import HEADER_CHARS, Dateline, parse_dateline
from factcheck.domain.extraction.duplicates import near_duplicates
from factcheck.domain.extraction.finding_words import write
from factcheck.domain.extraction.hijri import HijriMention, find_hijri, to_hijri
from factcheck.domain.extraction.language import detect_language
from factcheck.domain.extraction.lexicon import Lexicon, lexicon, words_regex
from factcheck.domain.extraction.model import Finding
from factcheck.domain.extraction.text import anchor
from factcheck.domain.numbers import NumberFormatError, parse_number

_TOLERANCE_DAYS = 1  # Indonesian and Umm al-Qura month starts may differ by a day
_VIEWS = re.compile(
    r"(?<![\w.,])(?P<n>\d[\d.,]*)\s+(?:views|kali\s+dibaca|dibaca|dilihat)\b", re.IGNORECASE
)


def _weekday_before(text: str, dl: Dateline, lex: Lexicon) -> tuple[str, int] | None:
    """A weekday name earlier on the dateline's line ("Selasa, 27 Jumadil Awwal 1446 H / 11 Januari 2022")."""
    if dl.weekday is not None:
        return dl.weekday_written or "", dl.weekday
    line_start = text.rfind("\n", 0, dl.start) + 1
    m = re.search(
        rf"(?<!\w)({words_regex(list(lex.weekdays))})(?!\w)",
        text[line_start : dl.start],
        re.IGNORECASE,
    )
    return (m.group(1), lex.weekdays[m.group(1).lower()]) if m else None


def _calendar(
    text: str, dl: Dateline, hijri: HijriMention, weekday: tuple[str, int] | None
) -> Finding | None:
    written = text[hijri.start : hijri.end]
    if hijri.gregorian is None:
        return _found(
            "calendar_unreadable", (written,), anchor=anchor(text, hijri.start, hijri.end)
        )
    gap = (hijri.gregorian - dl.day).days
    if abs(gap) <= _TOLERANCE_DAYS:
        return None
    y, m, d, month = to_hijri(dl.day)
    agrees = None
    if weekday is not None:
        dates = (("gregorian", dl.day), ("hijri", hijri.gregorian))
        agrees = (
            weekday[0],
            weekday[1],
            tuple(label for label, day in dates if day.weekday() == weekday[1]),
        )
    return _found(
        "calendar_mismatch",
        (
            (written, hijri.gregorian.isoformat(), hijri.gregorian.weekday()),
            (text[dl.start : dl.end], dl.day.isoformat(), dl.day.weekday(), d, month, y),
            abs(gap),
            agrees,
        ),
        value=hijri.gregorian,
        anchor=anchor(text, hijri.start, hijri.end),
        data={
            "hijri": f"{hijri.year}-{hijri.month:02d}-{hijri.day:02d}",
            "gregorian": dl.day.isoformat(),
            "days_apart": abs(gap),
        },
    )


def findings(
    text: str,
    language: str | None = None,
    published_at: datetime | None = None,
    outlet: str | None = None,
    candidates: Iterable[tuple[Hashable, str]] = (),
) -> list[Finding]:
    """Everything the extractor notices about the article as a document.

    `outlet` (the publishing outlet, when known) keeps its own dateline credit from
    being read as a copy; `candidates` are stored (id, text) pairs to compare against.
    """
    out: list[Finding] = []
    guess = detect_language(text)
    out.append(
        _found("language", (guess.code, guess.probability, guess.supported), value=guess.code)
    )
    lang = language or (guess.code if guess.supported else "en")
    lex = lexicon(lang)
    dl = parse_dateline(text, lex, published_at)
    if dl is not None:
        moment = dl.moment.isoformat() if dl.moment else dl.day.isoformat()
        out.append(
            _found(
                "dateline",
                (moment, text[dl.start : dl.end]),
                value=dl.moment or dl.day,
                anchor=anchor(text, dl.start, dl.end),
            )
        )
        weekday = _weekday_before(text, dl, lex)
        if weekday is not None and weekday[1] != dl.day.weekday():
            out.append(
                _found(
                    "weekday_mismatch",
                    (weekday[0], weekday[1], dl.day.isoformat(), dl.day.weekday()),
                    value=dl.day,
                )
            )
        for hijri in find_hijri(text[:HEADER_CHARS]):
            found = _calendar(text, dl, hijri, weekday)
            if found is not None:
                out.append(found)
        if published_at is not None and abs((published_at.date() - dl.day).days) > _TOLERANCE_DAYS:
            out.append(
                _found(
                    "dateline_mismatch",
                    (dl.day.isoformat(), published_at.date().isoformat()),
                    value=dl.day,
                )
            )
    out += _view_counts(text, lang)
    credit = original_outlet(text, outlet)
    if credit is not None:
        out.append(
            _found(
                "republished_from",
                (credit.where, text[credit.start : credit.end], credit.outlets[0]),
                value=credit.outlets[0],
                anchor=anchor(text, credit.start, credit.end),
                data={"outlets": list(credit.outlets)},
            )
        )
    for dup in near_duplicates(text, candidates):
        out.append(
            _found(
                "republishes",
                (dup.containment, dup.candidate_id),
                value=dup.candidate_id,
                data={"containment": dup.containment, "jaccard": dup.jaccard},
            )
        )
    return out


def _view_counts(text: str, language: str) -> list[Finding]:
    out = []
    for m in _VIEWS.finditer(text[:HEADER_CHARS]):
        try:
            value = parse_number(m["n"], language)
        except NumberFormatError:
            continue
        out.append(
            _found(
                "view_count",
                (m.group(), value, language),
                value=value,
                anchor=anchor(text, m.start(), m.end()),
            )
        )
    return out


def _found(kind: str, args: tuple, **rest) -> Finding:
    """A finding whose detail is the sentence `kind` says with `args` (finding_words.py)."""
    return Finding(kind, write(kind, args), words=(kind, args), **rest)


def reference_date(dateline: Dateline | None, published_at: datetime | None) -> date | None:
    """The day relative days count from: the publication's local date, else the dateline's."""
    if published_at is not None:
        return published_at.date()
    return dateline.day if dateline else None
