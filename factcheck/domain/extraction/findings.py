"""Metadata findings: language, dateline, Hijri/Gregorian/weekday agreement, view counts,
credit lines (republished_from) and near-duplicates of stored articles (republishes)."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from datetime import date, datetime

from factcheck.domain.extraction.credits import original_outlet
from factcheck.domain.extraction.dateline import HEADER_CHARS, Dateline, parse_dateline
from factcheck.domain.extraction.duplicates import near_duplicates
from factcheck.domain.extraction.hijri import HijriMention, find_hijri, to_hijri
from factcheck.domain.extraction.language import detect_language
from factcheck.domain.extraction.lexicon import Lexicon, lexicon, words_regex
from factcheck.domain.extraction.model import Finding
from factcheck.domain.extraction.text import anchor
from factcheck.domain.numbers import NumberFormatError, parse_number

_DAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
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
        return Finding(
            "calendar_unreadable",
            f'"{written}" is outside the Umm al-Qura tables; not checked.',
            anchor=anchor(text, hijri.start, hijri.end),
        )
    gap = (hijri.gregorian - dl.day).days
    if abs(gap) <= _TOLERANCE_DAYS:
        return None
    y, m, d, month = to_hijri(dl.day)
    detail = (
        f'The header pairs "{written}" (= {hijri.gregorian.isoformat()}, a '
        f"{_DAY_NAMES[hijri.gregorian.weekday()]}, Umm al-Qura) with "
        f'"{text[dl.start : dl.end]}" (= {dl.day.isoformat()}, a {_DAY_NAMES[dl.day.weekday()]}, '
        f"which is {d} {month} {y}); they are {abs(gap)} days apart."
    )
    if weekday is not None:
        agrees = [
            label
            for label, day in (("the Gregorian date", dl.day), ("the Hijri date", hijri.gregorian))
            if day.weekday() == weekday[1]
        ]
        detail += (
            f' The weekday "{weekday[0]}" ({_DAY_NAMES[weekday[1]]}) agrees with '
            f"{' and '.join(agrees) if agrees else 'neither'}."
        )
    return Finding(
        "calendar_mismatch",
        detail,
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
        Finding(
            "language",
            f"detected {guess.code!r} (p={guess.probability:.2f})"
            + ("" if guess.supported else "; extraction supports only id and en"),
            value=guess.code,
        )
    )
    lang = language or (guess.code if guess.supported else "en")
    lex = lexicon(lang)
    dl = parse_dateline(text, lex, published_at)
    if dl is not None:
        moment = dl.moment.isoformat() if dl.moment else dl.day.isoformat()
        out.append(
            Finding(
                "dateline",
                f'header date {moment} from "{text[dl.start : dl.end]}"',
                value=dl.moment or dl.day,
                anchor=anchor(text, dl.start, dl.end),
            )
        )
        weekday = _weekday_before(text, dl, lex)
        if weekday is not None and weekday[1] != dl.day.weekday():
            out.append(
                Finding(
                    "weekday_mismatch",
                    f'"{weekday[0]}" is a {_DAY_NAMES[weekday[1]]} but '
                    f"{dl.day.isoformat()} is a {_DAY_NAMES[dl.day.weekday()]}",
                    value=dl.day,
                )
            )
        for hijri in find_hijri(text[:HEADER_CHARS]):
            found = _calendar(text, dl, hijri, weekday)
            if found is not None:
                out.append(found)
        if published_at is not None and abs((published_at.date() - dl.day).days) > _TOLERANCE_DAYS:
            out.append(
                Finding(
                    "dateline_mismatch",
                    f"the header says {dl.day.isoformat()} but the article was "
                    f"published on {published_at.date().isoformat()}",
                    value=dl.day,
                )
            )
    out += _view_counts(text, lang)
    credit = original_outlet(text, outlet)
    if credit is not None:
        out.append(
            Finding(
                "republished_from",
                f'the {credit.where} credit "{text[credit.start : credit.end]}" names '
                f"{credit.outlets[0]} as the source",
                value=credit.outlets[0],
                anchor=anchor(text, credit.start, credit.end),
                data={"outlets": list(credit.outlets)},
            )
        )
    for dup in near_duplicates(text, candidates):
        out.append(
            Finding(
                "republishes",
                f"{dup.containment:.0%} of the shorter text's 5-word shingles are shared "
                f"with article {dup.candidate_id}",
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
            Finding(
                "view_count",
                f'"{m.group()}" reads as {value} in {language!r} notation',
                value=value,
                anchor=anchor(text, m.start(), m.end()),
            )
        )
    return out


def reference_date(dateline: Dateline | None, published_at: datetime | None) -> date | None:
    """The day relative days count from: the publication's local date, else the dateline's."""
    if published_at is not None:
        return published_at.date()
    return dateline.day if dateline else None
