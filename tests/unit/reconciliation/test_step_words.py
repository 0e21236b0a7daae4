"""The explanation is stored structured and its words are written when shown: the same words.

A result row keeps each step as a sentence id and its arguments (JSON values). Whatever
JSON library writes them and reads them back, the sentence written from the stored form
is the engine's own, word for word; a row stored before steps were structured keeps its text.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import orjson
from recon_builders import actor, outlet, quantity, rel

from bench.engine import TODAY, make_events
from factcheck.domain.reconciliation import reconcile_event, reconcile_group
from factcheck.domain.reconciliation.step_words import WRITERS, step_text


def _stored(step) -> dict:
    """A step as a result row holds it, read back: what the rebuild's COPY and the ORM write."""
    return {"rule": step.rule, "say": step.say, "args": step.args, "claim_ids": step.claim_ids}


def _round_trips(step) -> list[dict]:
    as_stored = _stored(step)
    return [json.loads(orjson.dumps(as_stored)), json.loads(json.dumps(as_stored))]


def test_every_stored_step_reads_back_in_the_engines_words():
    said = Counter()
    for event, claims, relations in make_events(300, 5):
        results, _ = reconcile_event(event, claims, relations, TODAY, True)
        for result in results:
            for step in result.explanation:
                said[step.say] += 1
                for stored in _round_trips(step):
                    assert "text" not in stored
                    assert step_text(stored) == step.text
    # The generated events speak most sentences; the rest are below, one case each.
    assert len(said) >= 20 and set(said) <= set(WRITERS)


MINISTRY = actor("Ministry")
OCHA = actor("UN OCHA", "international organisation", partisan=False, accountable=True)
AP, AFP = outlet("AP"), outlet("AFP")


def _words(result) -> list[str]:
    texts = []
    for step in result.explanation:
        for stored in _round_trips(step):
            assert step_text(stored) == step.text
        texts.append(step.text)
    return texts


def d(day: int) -> date:
    return date(2023, 2, day)


def test_the_rarer_sentences_read_back_alike():
    cases = [
        # explicit parts of a stated total; a supersedes relation
        (
            [
                quantity(1, "killed", "exact", 225, src=MINISTRY),
                quantity(2, "killed", "exact", 19, src=MINISTRY, label="in Almaty"),
                quantity(3, "killed", "exact", 200, via=AP, on=d(1)),
                quantity(4, "killed", "exact", 230, via=AP, on=d(2)),
            ],
            [rel(1, "component_of", 2, 1), rel(2, "supersedes", 4, 3)],
        ),
        # a reviewer's preferred figure and a different-scope decision; no usable figure
        (
            [
                quantity(1, "killed", "exact", 10, src=MINISTRY, rank="preferred", reason="seen"),
                quantity(2, "killed", "exact", 90, src=OCHA),
                quantity(3, "killed", "exact", 400, via=AFP),
                quantity(4, "killed", "exact", None, via=AP),
            ],
            [rel(1, "different_scope", 3, 2)],
        ),
        # four origins' figures overtaken by a later count; a projection the counts passed
        (
            [
                *(
                    quantity(i, "killed", "exact", 10 * i, via=outlet(name), on=d(i))
                    for i, name in enumerate(["AP", "AFP", "Kompas", "TRT"], start=1)
                ),
                quantity(5, "killed", "exact", 100, via=outlet("Reuters"), on=d(6)),
                quantity(6, "killed", "at_least", 20, src=OCHA, modality="projection", on=d(6)),
            ],
            [],
        ),
    ]
    said = set()
    for claims, relations in cases:
        result = reconcile_group("ev", "killed", "total", claims, relations)
        _words(result)
        said |= {s.say for s in result.explanation}
    assert {"part", "superseded", "decided_preferred", "decided_scope"} <= said
    assert {"no_figure", "overtaken_many", "passed_projection"} <= said


def test_a_step_stored_before_it_was_structured_is_shown_as_stored():
    old = {"rule": "low", "text": "low = 42: the lowest reliable lower bound.", "claim_ids": [1]}
    assert step_text(old) == "low = 42: the lowest reliable lower bound."


def test_a_step_this_version_cannot_word_shows_its_values_instead_of_failing():
    newer = {"rule": "low", "say": "a_sentence_from_later", "args": [42, "x"], "claim_ids": [1]}
    assert step_text(newer) == "a_sentence_from_later: 42, x"
    odd = {"rule": "low", "say": "low", "args": [42], "claim_ids": [1]}  # too few values
    assert step_text(odd) == "low: 42"
