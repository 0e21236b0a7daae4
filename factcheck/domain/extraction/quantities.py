"""Quantity claims: a figure tied to a metric ("lebih dari 164 orang tewas", "killing at
least 12", "the death toll rose to 268"), with category, label and modality."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.domain.extraction.figures import Figure, figures
from factcheck.domain.extraction.lexicon import Lexicon, compiled, words_regex
from factcheck.domain.extraction.text import WORD, clause_breaks

_WINDOW_WORDS = 8
_LABEL_WORDS = 4


@dataclass(frozen=True)
class Quantity:
    """A figure with its metric, located in the sentence: s[start:end] is the quote."""

    figure: Figure
    metric: str
    category: str | None
    label: str | None
    modality: str
    start: int
    end: int


@cache
def _category_regex(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\w)(?:{words_regex([p for p, _ in lex.categories])})(?!\w)", re.IGNORECASE
    )


@cache
def _category_of(lex: Lexicon) -> dict[str, str]:
    return {" ".join(p.lower().split()): c for p, c in lex.categories}


def _window(
    s: str, end: int, starts: list[int], lex: Lexicon, breaks: list[int]
) -> tuple[int, int]:
    """[end, stop) after a figure: up to a clause break, the next figure or eight words.
    An appositive ", including …," is stepped over ("164 people, including three children, had been killed")."""
    stop = min([b for b in breaks if b >= end] + [x for x in starts if x > end] + [len(s)])
    aside = compiled(rf",\s*(?:{lex.including})\b[^,.;]*,", "here").match(s, stop)
    if aside and s[stop : stop + 1] == ",":
        after = aside.end()
        stop = min([b for b in breaks if b >= after] + [x for x in starts if x > after] + [len(s)])
    words = list(WORD.finditer(s, end, stop))
    if len(words) > _WINDOW_WORDS:
        stop = words[_WINDOW_WORDS - 1].end()
    return end, stop


def _after(s: str, a: int, b: int, lex: Lexicon) -> tuple[str, int, int] | None:
    """The first metric word in s[a:b]: (metric, start, end)."""
    best = None
    for pattern, metric in lex.metric_after:
        m = compiled(pattern).search(s, a, b)
        if m and (best is None or m.start() < best[1]):
            best = (metric, m.start(), m.end())
    return best


def _before(s: str, clause: int, q_start: int, lex: Lexicon) -> tuple[str, int] | None:
    """A metric phrase ending just before the figure (links allowed): (metric, start)."""
    tail = s[clause:q_start]
    links = words_regex(sorted(lex.links))
    for pattern, metric in lex.metric_before:
        m = re.search(
            rf"(?<!\w)(?:{pattern})(?:[\s\"“”]+(?:{links}))*[\s\"“”]*$", tail, re.IGNORECASE
        )
        if m:
            return metric, clause + m.start()
    change = compiled(lex.change_verbs, "end").search(s, 0, q_start)
    if change is None:
        return None
    for pattern, metric in lex.toll_nouns:
        nouns = list(compiled(pattern).finditer(s, 0, change.start()))
        if nouns:
            return metric, change.start()
    return None


def _label(s: str, a: int, b: int, lex: Lexicon) -> tuple[str | None, str | None]:
    """(category, label) from the words after a figure: "petugas keamanan", "people", '"penjahat bersenjata"'."""
    words = list(WORD.finditer(s, a, b))[: _LABEL_WORDS + 2]
    if not words:
        return "total", None
    m = _category_regex(lex).search(s, words[0].start(), words[-1].end())
    first = words[0].group().lower()
    if m and (
        m.start() == words[0].start()
        or all(w.group().lower() in lex.gap_words for w in WORD.finditer(s, a, m.start()))
    ):
        return _category_of(lex)[" ".join(m.group().lower().split())], m.group()
    if first in lex.generic_people or first in lex.gap_words:
        return "total", None
    label_words = [w for w in words[:_LABEL_WORDS] if w.group().lower() not in lex.gap_words]
    return None, " ".join(w.group() for w in label_words[:2]) or None


def _modality(s: str, a: int, b: int, lex: Lexicon) -> str:
    if compiled(lex.projection).search(s, a, b):
        return "projection"
    if compiled(lex.estimate).search(s, a, b):
        return "estimate"
    return "count"


def quantities(s: str, lex: Lexicon) -> list[Quantity]:
    """Every quantity claim of sentence `s` (figures without a metric are dropped)."""
    found = figures(s, lex)
    breaks = clause_breaks(
        s, quoted_too=True
    )  # inside a quotation, a comma still ends a figure's clause
    out: list[Quantity] = []
    pending: list[
        tuple[Figure, int]
    ] = []  # "26 militants and 16 officers were killed": the first borrows
    for n, fig in enumerate(found):
        next_start = found[n + 1].start if n + 1 < len(found) else len(s)
        clause = max([b + 1 for b in breaks if b < fig.qualifier_start] + [0])
        previous_end = found[n - 1].end if n else 0
        a, b = _window(s, fig.end, [f.start for f in found], lex, breaks)
        q = _troops(s, fig, lex, b) or _post(s, fig, a, b, lex) or _pre(s, fig, clause, a, b, lex)
        if q is None and compiled(lex.including, "end").search(s, clause, fig.qualifier_start):
            q = _component(s, fig, out, lex, clause, a, b)
        if q is None:
            if b == next_start and re.search(r"\b(?:and|dan|serta)\s*$", s[a:b], re.IGNORECASE):
                pending.append((fig, b))
            continue
        q = Quantity(
            q.figure,
            q.metric,
            q.category,
            q.label,
            _modality(s, previous_end, q.end, lex),
            q.start,
            q.end,
        )
        out.append(q)
        for waiting, _ in pending:
            category, label = _label(s, waiting.end, next_start, lex)
            found_at = s.find(label, waiting.end, next_start) if label else -1
            end = found_at + len(label) if found_at >= 0 else waiting.end
            out.append(
                Quantity(
                    waiting, q.metric, category, label, q.modality, waiting.qualifier_start, end
                )
            )
        pending = []
    return sorted(out, key=lambda q: q.start)


def _troops(s: str, fig: Figure, lex: Lexicon, b: int) -> Quantity | None:
    noun = compiled(rf"(?:\S+\s+){{0,2}}?(?:{lex.troop_nouns})", "here").match(s, fig.end)
    if noun is None or not compiled(lex.deploy_verbs).search(s):
        return None
    return Quantity(fig, "troops_deployed", "total", None, "count", fig.qualifier_start, noun.end())


def _post(s: str, fig: Figure, a: int, b: int, lex: Lexicon) -> Quantity | None:
    hit = _after(s, a, b, lex)
    if hit is None:
        return None
    metric, m_start, m_end = hit
    category, label = _label(s, a, m_start, lex)
    return Quantity(fig, metric, category, label, "count", fig.qualifier_start, m_end)


def _pre(s: str, fig: Figure, clause: int, a: int, b: int, lex: Lexicon) -> Quantity | None:
    hit = _before(s, clause, fig.qualifier_start, lex)
    if hit is None:
        return None
    metric, start = hit
    category, label = _label(s, a, b, lex)
    end = fig.end
    if category is None:  # "rose to 268 on Tuesday": what follows is not who
        category, label = "total", None
    elif label:
        found = s.find(label, fig.end, b)
        end = found + len(label) if found >= 0 else end
    else:
        tail = re.match(r"\s+(\w+)", s[fig.end : b])
        if tail and tail.group(1).lower() in lex.generic_people:
            end = fig.end + tail.end()
    return Quantity(fig, metric, category, label, "count", start, end)


def _component(
    s: str, fig: Figure, out: list[Quantity], lex: Lexicon, clause: int, a: int, b: int
) -> Quantity | None:
    """ "including three children": a sub-total of the figure before it, same metric."""
    if not out:
        return None
    category, label = _label(s, a, b, lex)
    including = compiled(lex.including, "end").search(s, clause, fig.qualifier_start)
    end = fig.end
    if label:
        found = s.find(label, fig.end, b)
        end = found + len(label) if found >= 0 else end
    return Quantity(
        fig,
        out[-1].metric,
        category,
        label,
        "count",
        including.start() if including else fig.start,
        end,
    )
