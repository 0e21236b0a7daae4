"""Sentences, headings and clause windows over the stored text (offsets are str indices)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.domain.anchors import Anchor, build_anchor

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
QUOTES = '"“”„«»'
# Sentence ends: . ! ? (maybe followed by a closing quote), then space and an upper-case start.
_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "st",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "inc",
    "co",
    "corp",
    "vs",
    "etc",
    "jl",
    "jln",
    "ir",
    "irjen",
    "brigjen",
    "kombes",
    "kol",
    "h",
    "prof",
    "u.s",
    "u.n",
    "a.s",
}
_TERMINAL = tuple(".!?\"”’')")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the text; `heading` marks title, dateline and sub-heading lines."""

    start: int
    end: int
    text: str
    heading: bool
    paragraph: int


def _is_heading(line: str) -> bool:
    """Lines without closing punctuation and short: titles, datelines, sub-headings, view counts."""
    stripped = line.strip()
    return not stripped.endswith(_TERMINAL) and len(WORD.findall(stripped)) < 16


def sentences(text: str) -> list[Sentence]:
    """Split into sentences, never across a line break (each line is a paragraph)."""
    out: list[Sentence] = []
    pos = 0
    for number, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        heading = _is_heading(line)
        start = line_start + len(line) - len(line.lstrip())
        for m in _END.finditer(line):
            before = WORD.findall(line[: m.start() + 1][-12:])
            word = before[-1].lower() if before else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
            end = line_start + m.end()
            out.append(_sentence(text, start, end, heading, number))
            start = end
        end = line_start + len(line.rstrip())
        if end > start:
            out.append(_sentence(text, start, end, heading, number))
    return out


def _sentence(text: str, start: int, end: int, heading: bool, paragraph: int) -> Sentence:
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end], heading, paragraph)


_QUOTE_MARK = re.compile('["“”„]')


@lru_cache(maxsize=256)  # a sentence is asked about several times (tags, clauses, propositions)
def quoted_spans(s: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the insides of quotations in `s`: straight quotes pair up in order."""
    spans, opened = [], None
    for m in _QUOTE_MARK.finditer(s):
        i, ch = m.start(), m.group()
        if opened is None and ch != "”":
            opened = i + 1
        elif opened is not None and ch != "“":
            spans.append((opened, i))
            opened = None
    return tuple(spans)


def inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in spans)


def clause_breaks(s: str, quoted_too: bool = False) -> list[int]:
    """Offsets in `s` of , ; : ( ) and spaced dashes outside quotations (or anywhere)."""
    spans = [] if quoted_too else quoted_spans(s)
    out = [m.start() for m in re.finditer(r"[,;:()]|\s[-–—]\s", s) if not inside(spans, m.start())]
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past spaces, commas and closing punctuation at both ends."""
    junk = " \t,;:.–—-"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk + "!?":
        end -= 1
    return start, end


def anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of text[start:end] (always found: the position is given)."""
    return build_anchor(text, text[start:end], start=start)
