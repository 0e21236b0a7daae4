"""A conflict's detail is kept structured beside its English text: written again from the
stored form, it is the engine's sentence word for word, whatever JSON library stored it."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import orjson
from recon_builders import actor, other, outlet, quantity, rel

from bench.engine import TODAY, make_events
from factcheck.domain.reconciliation import detect_conflicts, reconcile_event
from factcheck.domain.reconciliation.conflict_words import WRITERS, detail_text

EV = "ev"
MINISTRY = actor("Ministry of Internal Affairs")
HRW = actor("Human Rights Watch", "NGO", partisan=False, accountable=False)
AP, TEMPO = outlet("AP"), outlet("Tempo", "news site")


def _reads_back(finding) -> str:
    """The detail written from the stored form, after each JSON library stored it (once)."""
    texts = {
        detail_text(json.loads(dump(list(finding.words))), "as stored")
        for dump in (orjson.dumps, json.dumps)
    }
    (text,) = texts
    return text


def test_every_generated_finding_reads_back_in_the_engines_words():
    said = Counter()
    for event, claims, relations in make_events(300, 5):
        _, found = reconcile_event(event, claims, relations, TODAY, True)
        for finding in found:
            said[finding.words[0]] += 1
            assert _reads_back(finding) == finding.detail
    assert len(said) >= 7 and set(said) <= set(WRITERS)


def test_the_rarer_details_read_back_alike():
    """The sentences the generated events do not speak: a stated total's explicit parts,
    detained against still in custody, a disowned attribution."""
    day = date(2022, 1, 10)
    claims = [
        quantity(1, "killed", "exact", 20, src=MINISTRY, event=EV),
        quantity(2, "killed", "exact", 19, src=MINISTRY, label="in Almaty", event=EV),
        quantity(3, "killed", "exact", 9, src=MINISTRY, label="in Taraz", event=EV),
        quantity(4, "detained", "nearly", 8000, src=MINISTRY, event=EV),
        quantity(5, "in_custody", "approximately", 1000, src=MINISTRY, event=EV),
        quantity(6, "injured", "exact", 225, via=TEMPO, cites=HRW, event=EV),
        other(7, "denial", src=HRW, event=EV),
    ]
    relations = [
        rel(1, "component_of", 2, 1),
        rel(2, "component_of", 3, 1),
        rel(3, "disowns", 7, 6, "HRW never published this figure"),
    ]
    found = detect_conflicts(EV, claims, relations, day, False)
    spoken = {f.words[0]: f for f in found}
    assert {"parts_over_total", "scope_mismatch", "attribution_disowned"} <= set(spoken)
    for finding in found:
        assert _reads_back(finding) == finding.detail
    assert spoken["attribution_disowned"].detail == (
        'Claim 7: the cited source disowns the attribution in claim 6 ("HRW never published '
        'this figure").'
    )
    assert spoken["parts_over_total"].detail == (
        "Claims 2 and 3, parts of claim 1, add up to 28, more than its upper bound 20."
    )


def test_a_conflict_stored_before_it_was_structured_or_unknown_shows_as_stored():
    assert detail_text(None, "An older sentence.") == "An older sentence."
    assert detail_text(["a_newer_sentence", [1, 2]], "As stored.") == "As stored."
    assert detail_text(["stale", ["too", "few"]], "As stored.") == "As stored."
    # What a restored backup may hold: none of it raises past the fallback.
    for junk in (
        "stale",
        ["stale"],
        [["stale"], []],
        ["stale", "not a list"],
        {"stale": []},
        ["downward_revision", ["V", 10**400, 1, "d", 2, 3, "d"]],
        ["value_conflict", [[], []]],
    ):
        assert detail_text(junk, "As stored.") == "As stored.", junk
