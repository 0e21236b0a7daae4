"""The explanation's sentences, written from a step's structured form when it is shown.

The engine keeps each step as a rule, the claims it names, a sentence id (`say`) and
that sentence's arguments: numbers, claim ids, names, dates and flags, nothing
but JSON values. That form is what a result row stores; a page, the API and a
report write the sentence from it here, with the same words the engine wrote
before it kept steps structured. A row stored before then holds its sentence
(`text`) and is shown as stored.

A figure appears in a sentence as its card: the few values `describe` reads. The parts
of sentences are in sentence_parts.py, the sentences by rule family in selection_words.py,
estimate_words.py and grade_words.py; this module looks a step's sentence up among them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from factcheck.domain.reconciliation.estimate_words import ESTIMATE_WRITERS
from factcheck.domain.reconciliation.grade_words import GRADE_WRITERS
from factcheck.domain.reconciliation.selection_words import SELECTION_WRITERS
from factcheck.domain.reconciliation.sentence_parts import term
from factcheck.domain.said import Said


def _side_step(modality: str, say: str, args: Sequence[Any]) -> str:
    return Said("%(modality)s: %(step)s", modality=term(modality), step=write(say, args))


WRITERS: dict[str, Callable[..., str]] = {
    **SELECTION_WRITERS,
    **ESTIMATE_WRITERS,
    "side_step": _side_step,
    **GRADE_WRITERS,
}


def write(say: str, args: Sequence[Any]) -> str:
    """The sentence `say` with its arguments, in the engine's words."""
    return WRITERS[say](*args)


def step_text(step: Mapping[str, Any]) -> str:
    """A stored step's sentence: written from its structured form, or as stored by an older engine."""
    if "say" not in step:
        return step["text"]
    try:
        return write(step["say"], step["args"])
    except (KeyError, TypeError, ValueError):
        # A sentence this version cannot write (a newer engine's, or arguments it does not
        # expect): its id and values, rather than no page at all.
        return f"{step['say']}: {', '.join(map(str, step['args']))}"
