"""A figure replaced by another in one breath: "corrected the figure of 1,700 dead it gave on
Feb. 7 to 1,370", "lowered its death toll to 2,053 from the 2,445 it announced on Sunday",
"meralat angka korban tewas dari 12 orang … menjadi 15 orang".

The new figure is the claim; the old one is the claim it corrects (or supersedes), usually
logged from an earlier article, so it is not suggested again as a figure of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.domain.extraction.figures import Figure
from factcheck.domain.extraction.lexicon import Lexicon, compiled

_REACH = 90  # characters the verb may stand before the first figure ("revised the death toll in Sindh down to")
# Verbs that say the earlier figure was wrong, not merely out of date.
_WRONG = r"corrected|amended|meralat|mengoreksi|diralat|dikoreksi"


@dataclass(frozen=True)
class Revision:
    old: Figure
    new: Figure
    verb_start: int
    relation: str  # corrects | supersedes


def find_revisions(s: str, lex: Lexicon, found: list[Figure], breaks: list[int]) -> list[Revision]:
    """Pairs of consecutive figures of `s` that a revising verb before them ties as old and new."""
    if not lex.revise_verbs:
        return []
    out: list[Revision] = []
    for first, second in zip(found, found[1:]):
        start = max([b + 1 for b in breaks if b < first.qualifier_start] + [0])
        verb = None
        for m in compiled(lex.revise_verbs).finditer(
            s, max(start, first.start - _REACH), first.start
        ):
            verb = m
        if verb is None:
            continue
        before_first = s[verb.end() : first.qualifier_start]
        between = s[first.end : second.qualifier_start]
        to = compiled(lex.revise_to, "end")
        frm = compiled(lex.revise_from, "end")
        if frm.search(before_first) and to.search(between):
            old, new = first, second
        elif to.search(before_first) and frm.search(between):
            old, new = second, first
        else:
            continue
        wrong = compiled(_WRONG).match(verb.group()) is not None
        smaller = (new.value or 0) < (old.value or 0)
        out.append(
            Revision(old, new, verb.start(), "corrects" if wrong or smaller else "supersedes")
        )
    return out
