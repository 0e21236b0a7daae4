"""Figures in a sentence: locale numbers, ranges and vague words, each with its qualifier.

Numbers come from `numbers.find_numbers` (the article's locale), qualifier
phrases and vague words from `qualifiers` (QUALIFIER_PHRASES, VAGUE_WORDS).
Figures that are plainly not head counts (dates, ages, times, money, "5.6-magnitude")
are dropped here; whether a figure counts people is decided in `quantities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.domain.extraction.lexicon import Lexicon, compiled, words_regex
from factcheck.domain.extraction.text import WORD
from factcheck.domain.numbers import find_numbers
from factcheck.domain.qualifiers import QUALIFIER_PHRASES, VAGUE_WORDS

_VAGUE_SCALED = {
    "en": (
        r"(?P<vw>tens|dozens|hundreds)\s+of\s+(?P<scale>thousands|millions)",
        {"thousands": 1000, "millions": 10**6},
    ),
    "id": (r"(?P<vw>puluhan|ratusan)\s+(?P<scale>ribu|juta)", {"ribu": 1000, "juta": 10**6}),
}
_RISES = r"(?:naik|bertambah|meningkat|rose|climbed|jumped|increased)\s*$"


@dataclass(frozen=True)
class Figure:
    """A figure at s[start:end]; `qualifier_start` is where its qualifier phrase begins."""

    start: int
    end: int
    qualifier: str
    qualifier_start: int
    value: int | float | None = None
    lower: int | float | None = None
    upper: int | float | None = None
    word: str | None = None  # vague word as written


@cache
def _qualifier_regex(language: str) -> re.Pattern[str]:
    groups = [
        f"(?P<{q}>{words_regex(list(p))})"
        for q, p in QUALIFIER_PHRASES[language].items()
        if q != "range"
    ]
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})\s+$", re.IGNORECASE)


def _qualifier(s: str, start: int, language: str) -> tuple[str, int]:
    m = _qualifier_regex(language).search(s[max(0, start - 30) : start])
    if m is None:
        return "exact", start
    qualifier = m.lastgroup or "exact"
    q_start = max(0, start - 30) + m.start()
    if qualifier == "at_most" and re.search(_RISES, s[:q_start], re.IGNORECASE):
        return "exact", q_start  # "naik hingga 50" is "rose to 50"
    return qualifier, q_start


def _word_before(s: str, start: int) -> str:
    words = WORD.findall(s[max(0, start - 25) : start])
    tail = s[max(0, start - 2) : start].strip()
    return tail if tail in ("$", "€", "£") else (words[-1].lower() if words else "")


def _word_after(s: str, end: int) -> str:
    m = re.match(r"[\s\"“”']*(%|\w+(?:[-']\w+)*)", s[end:])
    return m.group(1).lower() if m else ""


def _not_a_count(s: str, start: int, end: int, value: int | float, lex: Lexicon) -> bool:
    """Dates, ages, times, money, measures and "5.6-magnitude" style compounds."""
    after, before = _word_after(s, end), _word_before(s, start)
    if after in lex.units or before in lex.not_after:
        return True
    if s[end : end + 1] == "-" and s[end + 1 : end + 2].isalpha():
        return True
    if isinstance(value, float) and not value.is_integer():
        return True
    if s[start:end].isdigit() and len(s[start:end]) == 4 and 1900 <= value <= 2100:
        return True  # a year
    return before == "no" or (value == 1 and after == "of")


def figures(s: str, lex: Lexicon) -> list[Figure]:
    """Every figure of sentence `s`, left to right."""
    lang = lex.language
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    pattern, scales = _VAGUE_SCALED[lang]
    for m in compiled(pattern).finditer(s):
        row = VAGUE_WORDS[lang][m["vw"].lower()]
        scale = scales[m["scale"].lower()]
        upper = None if row.upper is None else (row.upper + 1) * scale - 1
        out.append(
            Figure(
                m.start(), m.end(), "vague", m.start(), None, row.lower * scale, upper, m.group()
            )
        )
        taken.append((m.start(), m.end()))
    for m in compiled(words_regex(list(VAGUE_WORDS[lang]))).finditer(s):
        if any(a <= m.start() < b for a, b in taken) or _word_before(s, m.start()) in (
            "how",
            "too",
            "so",
        ):
            continue
        row = VAGUE_WORDS[lang][m.group().lower()]
        out.append(
            Figure(m.start(), m.end(), "vague", m.start(), None, row.lower, row.upper, m.group())
        )
    numbers = [n for n in find_numbers(s, lang) if not any(a <= n[0] < b for a, b in taken)]
    i = 0
    while i < len(numbers):
        start, end, value = numbers[i]
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        figure = _range(s, lex, (start, end, value), nxt)
        if figure is not None:
            out.append(figure)
            i += 2
            continue
        if not _not_a_count(s, start, end, value, lex):
            qualifier, q_start = _qualifier(s, start, lang)
            out.append(Figure(start, end, qualifier, q_start, value))
        i += 1
    return sorted(out, key=lambda f: f.start)


def _range(s: str, lex: Lexicon, a: tuple, b: tuple | None) -> Figure | None:
    """ "between A and B", "A to B", "A hingga B": lower A, upper B (B above A)."""
    if b is None or not b[2] > a[2]:
        return None
    gap = s[a[1] : b[0]]
    word, joiner = lex.between
    lead = re.search(rf"(?<!\w){word}\s+$", s[: a[0]], re.IGNORECASE)
    if lead and re.fullmatch(rf"\s+{joiner}\s+", gap, re.IGNORECASE):
        start = lead.start()
    elif re.fullmatch(rf"\s*(?:{lex.range_joiners})\s*", gap, re.IGNORECASE):
        start = a[0]
    else:
        return None
    if _word_after(s, b[1]) in lex.units or _word_before(s, a[0]) in lex.not_after:
        return None
    return Figure(start, b[1], "range", start, None, a[2], b[2])
