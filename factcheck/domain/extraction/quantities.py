"""Quantity claims: a figure tied to a metric ("lebih dari 164 orang tewas", "killing at
least 12", "the death toll rose to 268"), with category, label and modality."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from factcheck.domain.extraction.categories import refine
from factcheck.domain.extraction.figures import Figure, figures
from factcheck.domain.extraction.lexicon import Lexicon, compiled, words_regex
from factcheck.domain.extraction.parts import elided_part, severity_part
from factcheck.domain.extraction.revisions import Revision, find_revisions
from factcheck.domain.extraction.text import WORD, clause_breaks

_WINDOW_WORDS = 8
_OF_THEM = re.compile(r"\s+(?:of\s+(?:the|them|those|whom)|di\s+antaranya)(?!\w)", re.IGNORECASE)
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
    revision: Revision | None = None  # the figure this one corrects or supersedes, stated beside it


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
    """The first metric phrase starting in s[a:b]: (metric, start, end). It may run past b
    ("were staying in about 370 evacuation centres")."""
    best = None
    for pattern, metric in lex.metric_after:
        m = compiled(pattern).search(s, a)
        if m and m.start() < b and (best is None or m.start() < best[1]):
            best = (metric, m.start(), m.end())
    return best


def _before_direct(s: str, clause: int, q_start: int, lex: Lexicon) -> tuple[str, int] | None:
    """A metric phrase ending just before the figure (links allowed): (metric, start)."""
    tail = s[clause:q_start]
    for regex, metric in _metric_before(lex):
        m = regex.search(tail)
        if m:
            return metric, clause + m.start()
    return None


@cache
def _metric_before(lex: Lexicon) -> list[tuple[re.Pattern[str], str]]:
    """Each metric phrase with the link words it may have before the figure, compiled once."""
    links = words_regex(sorted(lex.links))
    return [
        (re.compile(rf"(?<!\w)(?:{p})(?:[\s\"“”]+(?:{links}))*[\s\"“”]*$", re.IGNORECASE), metric)
        for p, metric in lex.metric_before
    ]


def _before(s: str, clause: int, q_start: int, lex: Lexicon) -> tuple[str, int] | None:
    """A metric phrase just before the figure, else a toll noun and a change verb before it
    ("the number of people who have died … had climbed to"), else a revising verb with the toll
    noun after it ("raised its count of the dead nationwide to")."""
    direct = _before_direct(s, clause, q_start, lex)
    if direct:
        return direct
    if lex.revise_verbs:
        for pattern, metric in lex.toll_nouns:
            m = compiled(
                rf"(?<!\w)(?:{lex.revise_verbs})\s+(?:\w+\s+){{0,2}}?(?:{pattern})(?!\w)[^.;:]{{0,80}}?"
                rf"(?<!\w)(?:{lex.revise_to})\s*$",
                "raw",
            ).search(s, 0, q_start)
            if m:
                return metric, m.start()
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


def quantities(s: str, lex: Lexicon, previous: Quantity | None = None) -> list[Quantity]:
    """Every quantity claim of sentence `s` (figures without a metric are dropped).

    `previous` is the last quantity of the sentences before: "14 korban di antaranya …"
    is a part of it."""
    found = figures(s, lex)
    breaks = clause_breaks(
        s, quoted_too=True
    )  # inside a quotation, a comma still ends a figure's clause
    revisions = find_revisions(s, lex, found, breaks)
    new_of = {id(r.new): r for r in revisions}
    out: list[Quantity] = []
    pending: list[
        tuple[Figure, int]
    ] = []  # "26 militants and 16 officers were killed": the first borrows
    for n, fig in enumerate(found):
        next_start = found[n + 1].start if n + 1 < len(found) else len(s)
        clause = max([b + 1 for b in breaks if b < fig.qualifier_start] + [0])
        previous_end = found[n - 1].end if n else 0
        a, b = _window(s, fig.end, [f.start for f in found], lex, breaks)
        q = _troops(s, fig, lex, b)
        if q is None and _before_direct(s, clause, fig.qualifier_start, lex):
            q = _pre(
                s, fig, clause, a, b, lex
            )  # "killing 37 bandits and arresting …": the verb owns it
        q = q or _post(s, fig, a, b, lex) or _pre(s, fig, clause, a, b, lex)
        just_before = out and n and out[-1].figure is found[n - 1]
        including = compiled(lex.including, "end").search(s, clause, fig.qualifier_start)
        if q is None and including:
            q = _component(s, fig, out, lex, clause, a, b) if just_before else None
        if (
            q is not None
            and (including or _OF_THEM.match(s, fig.end))
            and severity_part(s, fig, lex)
        ):
            q = None  # "including 26 seriously", "two of the seriously injured": no group
        if q is None:
            q = elided_part(s, fig, lex, out[-1] if out else previous, previous_end, bool(out))
        if q is None and id(fig) in new_of:
            q = _revised(fig, new_of[id(fig)], out)
        if q is None:
            if b == next_start and re.search(r"\b(?:and|dan|serta)\s*$", s[a:b], re.IGNORECASE):
                pending.append((fig, b))
            continue
        q = Quantity(
            _qualified(s, q, lex),
            q.metric,
            q.category,
            q.label,
            _modality(s, previous_end, q.end, lex),
            q.start,
            q.end,
        )
        if q.modality == "projection" and q.figure.qualifier == "exact":
            reach = compiled(r"(?:reach|rise\s+to|hit|top|mencapai|melebihi)\s*$", "raw")
            if reach.search(s, 0, q.figure.qualifier_start):  # "could reach 20,000": at most
                q = replace(q, figure=replace(q.figure, qualifier="at_most"))
        q = refine(s, q, out)
        if id(fig) in new_of:
            r = new_of[id(fig)]
            q = replace(q, revision=r, start=min(q.start, r.verb_start), end=max(q.end, r.old.end))
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
    old = {id(r.old) for r in revisions}
    out = [q for q in out if id(q.figure) not in old]  # the corrected figure is not a new claim
    return sorted(out, key=lambda q: q.start)


def _qualified(s: str, q: Quantity, lex: Lexicon) -> Figure:
    """ "the toll passed 29,000", "melampaui 11.000": more than the figure."""
    fig = q.figure
    if fig.qualifier == "exact" and lex.exceed_verbs:
        verb = compiled(rf"(?:{lex.exceed_verbs})(?:\s+(?:the|angka))?\s*$", "raw")
        if verb.search(s, 0, fig.qualifier_start):
            return replace(fig, qualifier="more_than")
    return fig


def _revised(fig: Figure, r: Revision, out: list[Quantity]) -> Quantity | None:
    """The new figure of a revision takes the metric of the old one ("… of 1,700 dead … to 1,370")."""
    old = next((q for q in out if q.figure is r.old), None)
    if old is None:
        return None
    return Quantity(fig, old.metric, old.category, old.label, "count", r.verb_start, fig.end)


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
    """ "including three children": a sub-total of the figure before it, same metric. A part
    set apart by how badly hurt ("including 26 seriously") is no group of its own: not one."""
    if not out or severity_part(s, fig, lex):
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
