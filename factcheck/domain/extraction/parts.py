"""Parts whose metric is left out because the sentence already gave it: "821 of the dead were
in Palu and 11 in Donggala regency", "followed by Balochistan with 238", "14 korban di
antaranya …", "delapan lainnya di Kecamatan Pronojiwo". The part borrows the metric and the
category of the quantity before it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factcheck.domain.extraction.lexicon import Lexicon, compiled

if TYPE_CHECKING:
    from factcheck.domain.extraction.figures import Figure
    from factcheck.domain.extraction.quantities import Quantity

# A comma or a conjunction right before the figure, no other figure since the one before: a
# list of parts ("821 … in Palu and 11 in Donggala regency").
_LISTED = re.compile(r"(?:,|(?<!\w)(?:and|dan|serta|while|sementara|whereas))\s*$", re.IGNORECASE)
# A place name after the preposition starts with a capital (case-sensitive on purpose).
_NAMED = re.compile(r"\s+(?:in|at|di)\s+(?:the\s+)?((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*)*)")
_CLAUSE_END = re.compile(r"\s*(?:[,.;]|$)")
# "disusul Kota Suzu dengan 23 orang.": a generic head noun may close the part
_PEOPLE_END = re.compile(r"\s*(?:(?:people|persons|orang|jiwa)\s*)?(?:[,.;]|$)", re.IGNORECASE)
_LATER_WORDS = re.compile(r"(?:\s+[\w-]+){0,4}?\s*(?=[,.;]|$)")
_NAMED_LATER = re.compile(r"(?<!\w)(?:in|at|di)\s+(?:the\s+)?[A-Z]")


def elided_part(
    s: str, fig: Figure, lex: Lexicon, prior: Quantity | None, previous_end: int, listed_here: bool
) -> Quantity | None:
    """`fig` as a part of `prior` when the words around it leave the metric out, else None.
    `listed_here`: `prior` is in this sentence (a list needs its head in the same sentence)."""
    from factcheck.domain.extraction.quantities import Quantity

    if prior is None or not lex.elided_after:
        return None
    marker = compiled(rf"\s*(?:{lex.elided_after})", "raw").match(s, fig.end)
    end = marker.end() if marker and marker.group().strip() else fig.end
    words = s[fig.end : end].lower()
    among = any(w in words for w in ("of them", "antaranya"))
    listed = listed_here and _LISTED.search(s[previous_end : fig.qualifier_start]) is not None
    named = _NAMED.match(s, end)
    earlier = (
        listed_here
        and lex.earlier_figure
        and compiled(rf"(?<!\w)(?:{lex.earlier_figure})\s*$", "raw").search(
            s, previous_end, fig.qualifier_start
        )
    )
    with_figure = listed_here and compiled(rf"(?:{lex.with_figure})\s*$", "raw").search(
        s, previous_end, fig.qualifier_start
    )
    clause_end = _CLAUSE_END.search(s, fig.end).start()
    if (among or listed) and severity_part(s, fig, lex):
        return None
    if among and _NAMED_LATER.search(s, end, clause_end):
        pass  # "24 di antaranya dalam serangan udara di Zamfara": a part needs its place
    elif listed and not among and (named or words.strip()):
        end = named.end() if named else end
    elif with_figure and _PEOPLE_END.match(s, fig.end):
        end = _PEOPLE_END.match(s, fig.end).end()
    elif earlier and _LATER_WORDS.match(s, fig.end):
        end = _LATER_WORDS.match(s, fig.end).end()  # "up from 51 a day earlier": the earlier count
    else:
        return None
    return Quantity(
        fig, prior.metric, prior.category, prior.label, "count", fig.qualifier_start, end
    )


def severity_part(s: str, fig: Figure, lex: Lexicon) -> bool:
    """ "33 of them seriously", "termasuk 26 orang yang luka berat", "two of the seriously
    injured": a part set apart by severity, which the vocabulary has no group for."""
    if not lex.severity:
        return False
    clause_end = _CLAUSE_END.search(s, fig.end).start()
    return (
        compiled(rf"(?<!\w)(?:{lex.severity})(?!\w)", "raw").search(s, fig.end, clause_end)
        is not None
    )
