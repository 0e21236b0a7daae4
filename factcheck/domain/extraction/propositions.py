"""Allegations and denials: what a speaker asserts or denies, from speech tags.

A proposition is the clause a speech verb introduces ("Tokayev said the attackers
included fighters from …") or the quotation a tag closes ('"Itu adalah percobaan
kudeta," katanya'). It is an allegation when the verb accuses ("accused",
"menuduh") or the clause makes an accusation (a coup, foreign fighters, firing on
crowds, torture …); a denial when the verb denies or the clause negates an
accusation or a figure ("tidak pernah menembak", "had not published any death toll").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.domain.extraction.lexicon import Lexicon, compiled
from factcheck.domain.extraction.speakers import SpeechTag
from factcheck.domain.extraction.text import WORD, quoted_spans, trim


@dataclass(frozen=True)
class Proposition:
    kind: str  # allegation | denial
    start: int  # sentence offsets of the quote
    end: int
    tag: SpeechTag | None
    concept: str | None  # what is alleged: coup, foreign, violence, …; for de-duplication
    weak: bool  # the accusation is paraphrased ("seizure of power"), not named ("coup")
    direct: bool  # the speaker's own quoted words


def _complement(s: str, tag: SpeechTag, following: int, lex: Lexicon) -> tuple[int, int]:
    """The words a forward tag introduces, starting after "that"/"bahwa" when it comes soon."""
    start = tag.end
    that = compiled(lex.that).search(s, start, following)
    if that and len(WORD.findall(s[start : that.start()])) <= 8:
        start = that.end()
    return trim(s, start, following)


def _units(
    s: str, tags: list[SpeechTag], previous_speaker: str | None
) -> list[tuple[int, int, SpeechTag, bool]]:
    """(start, end, tag, direct) of each stretch some tag says: forward tags the words after
    them, backward tags the quotation (or clause) before them; an all-quote sentence without a
    tag continues the previous speaker."""
    out = []
    quotes = quoted_spans(s)
    for n, tag in enumerate(tags):
        if tag.direction == "forward":
            following = tags[n + 1].start if n + 1 < len(tags) else len(s)
            out.append((tag.end, following, tag, False))
        elif tag.direction == "backward":
            begin = tags[n - 1].end if n else 0
            before = [q for q in quotes if begin <= q[0] and q[1] <= tag.start]
            if before:
                a, b = trim(s, *before[-1])
                out.append((a, b, tag, True))
            else:
                a, b = trim(s, begin, tag.start)
                out.append((a, b, tag, False))
    if not tags and quotes and s.lstrip()[:1] in '"“' and quotes[0][0] <= 1:
        a, b = trim(s, quotes[0][0], quotes[-1][1])
        out.append((a, b, SpeechTag(previous_speaker, 0, 0, "", "backward"), True))
    return out


def find_propositions(
    s: str,
    lex: Lexicon,
    tags: list[SpeechTag],
    previous_speaker: str | None,
    excluded: list[tuple[int, int]],
) -> list[Proposition]:
    """Allegations and denials of sentence `s`; spans in `excluded` (retractions) are skipped."""
    out = []
    for a, b, tag, direct in _units(s, tags, previous_speaker):
        if tag.direction == "forward" and not direct:
            a, b = _complement(s, tag, b, lex)
        if any(x < b and a < y or (tag.end and x < tag.end and tag.start < y) for x, y in excluded):
            continue
        found = _classify(s[a:b], tag.verb, lex)
        if found is None:
            continue
        kind, concept, weak = found
        if len(WORD.findall(s[a:b])) < 2 or a >= b:
            a, b = tag.start, tag.end  # "which the rival government denied": the tag is the quote
        out.append(Proposition(kind, a, b, tag, concept, weak, direct))
    return out


def _classify(clause: str, verb: str, lex: Lexicon) -> tuple[str, str | None, bool] | None:
    accusation = None
    for pattern, concept, weak in lex.accusations:
        m = compiled(pattern).search(clause)
        if m and (accusation is None or m.start() < accusation[0]):
            accusation = (m.start(), concept, weak)
    concept, weak = (accusation[1], accusation[2]) if accusation else (None, False)
    if verb and compiled(lex.deny_verbs).fullmatch(verb):
        return (
            "denial",
            concept or ("figure" if compiled(lex.disowned).search(clause) else None),
            weak,
        )
    if compiled(lex.negations).search(clause):
        if accusation:
            return "denial", concept, weak
        if compiled(lex.disowned).search(clause):
            return "denial", "figure", False
        return None
    if compiled(lex.inquiry).search(clause):
        return None  # announcing an inquiry into an allegation is not making it
    if verb and compiled(lex.accuse_verbs).fullmatch(re.sub(r"\s+", " ", verb)):
        return "allegation", concept, weak
    if accusation:
        return "allegation", concept, weak
    return None
