"""Second looks at a quantity's category, after its metric is known.

- "Dua tentara gugur dan lima lainnya luka-luka", "two soldiers … while five others were
  wounded": "others" are more of the same people, so they take the category of the figure
  before them in the sentence.
- "1.707 warga mengungsi", "residents were missing": for the displaced and the missing,
  residents are everyone (the corpus convention: "ribuan warga mengungsi" is total); only
  in a count of dead or wounded does "warga" set civilians apart from armed men.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from factcheck.domain.extraction.text import WORD

if TYPE_CHECKING:
    from factcheck.domain.extraction.quantities import Quantity

_OTHERS = frozenset("others lainnya".split())
_RESIDENTS = frozenset("warga residents penduduk inhabitants villagers".split())
_EVERYONE = frozenset("displaced missing".split())


def refine(s: str, q: Quantity, before: list[Quantity]) -> Quantity:
    """`q` with the category the words around it imply (see the module's doc)."""
    first = next(WORD.finditer(s, q.figure.end, q.end), None)
    word = first.group().lower() if first else ""
    if q.category in ("total", None) and word in _OTHERS and before:
        prior = before[-1]
        if prior.category not in ("total", None):
            return replace(q, category=prior.category, label=prior.label)
    if q.metric in _EVERYONE and q.category == "civilians":
        if (q.label or "").lower() in _RESIDENTS:
            return replace(q, category="total", label=None)
    return q
