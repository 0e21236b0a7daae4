"""Retractions ("mencabut pernyataan", "withdrew the report", "posted in error") and the
figures they withdraw: the figure they name, else the figures just before them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.domain.extraction.lexicon import Lexicon, compiled
from factcheck.domain.extraction.speakers import strip_phrase
from factcheck.domain.extraction.text import clause_breaks


@dataclass(frozen=True)
class RetractionSpan:
    """Sentence offsets: the quote [start, end) and the trigger [trigger_start, trigger_end)."""

    start: int
    end: int
    trigger_start: int
    trigger_end: int


def find_retractions(s: str, lex: Lexicon, figure_starts: list[int]) -> list[RetractionSpan]:
    """Retractions in sentence `s`. The quote runs from the clause's subject to the sentence
    end, or to the clause before a new figure ("withdrew those numbers and put the toll at 3,958")."""
    out = []
    breaks = clause_breaks(s)
    for m in compiled(lex.retraction).finditer(s):
        if any(r.start <= m.start() < r.end for r in out):
            continue  # "withdrew the report, saying it was posted in error": one retraction
        clause = max([b + 1 for b in breaks if b < m.start()] + [0])
        start, _, _ = strip_phrase(s, clause, m.start(), lex)
        start = start if start < m.start() else m.start()
        end = len(s)
        for figure in figure_starts:
            if figure > m.end() and not is_object(s, m.end(), figure):
                joint = re.search(r"(?:,|\s(?:and|dan|lalu|then)\s)[^,]*$", s[m.end() : figure])
                end = m.end() + joint.start() if joint else figure
                break
        end = end - len(s[start:end]) + len(s[start:end].rstrip(" .,;!?"))
        out.append(RetractionSpan(start, end, m.start(), m.end()))
    return out


def is_object(s: str, trigger_end: int, figure_start: int) -> bool:
    """Whether a figure after the trigger is what is withdrawn ("mencabut pernyataan yang
    mengatakan lebih dari 164"), not a new clause ("and put the toll at 3,958")."""
    between = s[trigger_end:figure_start]
    return re.search(r",|\s(?:and|dan|lalu|then|but|namun)\s", between) is None
