"""Near-duplicate articles: word shingles, containment of the shorter text in the longer.

A copy that trims a paragraph or adds a credit line still shares most of its
5-word shingles with the original, so containment (shared / the smaller set)
finds it where Jaccard would be diluted by the trimmed part.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

SHINGLE_WORDS = 5
THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NearDuplicate:
    candidate_id: Hashable
    containment: float  # shared shingles / shingles of the smaller text
    jaccard: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """Hashes of every run of `size` lower-cased words."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(hash(tuple(words[i : i + size])) for i in range(len(words) - size + 1))


def near_duplicates(
    text: str, candidates: Iterable[tuple[Hashable, str]], threshold: float = THRESHOLD
) -> list[NearDuplicate]:
    """Candidates (id, text) whose containment with `text` reaches `threshold`, best first."""
    mine = shingles(text)
    found = []
    for candidate_id, other_text in candidates:
        theirs = shingles(other_text)
        if not mine or not theirs:
            continue
        shared = len(mine & theirs)
        containment = shared / min(len(mine), len(theirs))
        if containment >= threshold:
            found.append(
                NearDuplicate(
                    candidate_id, round(containment, 3), round(shared / len(mine | theirs), 3)
                )
            )
    return sorted(found, key=lambda d: d.containment, reverse=True)
