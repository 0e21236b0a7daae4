"""The fingerprint hashes exactly json.dumps of its payload, whoever writes the JSON.

Stored fingerprints decide whether a rebuild redoes a group: a different text for the same
inputs would redo every event once, and two texts for one input would hide nothing but cost a
full rebuild. The engine writes the JSON with orjson where it writes the same text as json.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from factcheck.domain.reconciliation import ENGINE_VERSION, RelationFacts
from factcheck.domain.reconciliation.fingerprint import fingerprint
from tests.unit.reconciliation.recon_builders import actor, quantity


def _documented(claims, relations, metric="killed", category="total") -> str:
    """sha256 of json.dumps(payload, separators=(",", ":"), ensure_ascii=False), as the
    fingerprint module's docstring states it."""

    def source(s):
        return None if s is None else [s.key, s.name, s.kind, s.partisan, s.accountable]

    def num(x):
        return None if x is None else float(x)

    forms = [
        [
            c.id,
            c.kind,
            c.event,
            c.metric,
            c.category,
            c.category_label,
            c.qualifier,
            c.modality,
            num(c.value),
            num(c.lower),
            num(c.upper),
            num(c.point),
            c.stated_on.isoformat(),
            c.as_of.isoformat() if c.as_of else None,
            c.place,
            source(c.outlet),
            source(c.original_outlet),
            source(c.speaker),
            source(c.cites),
            c.rank,
            c.rank_reason,
        ]
        for c in sorted(claims, key=lambda c: c.id)
    ]
    links = sorted({(r.type, r.source_id, r.target_id, r.note) for r in relations})
    payload = [ENGINE_VERSION, ["ev", metric, category, None, []], forms, [list(r) for r in links]]
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize(
    "value",
    [
        *(0.0, -0.0, 12.0, 0.5, 1e-4, 0.00009, 1e-05, 2.5e-7, 9999999999999998.0, 1e16, 3.2e21),
        *(1234567.25, -1e-05, -1e16, -7.5, float("nan"), float("inf"), float("-inf")),
    ],
)
def test_every_float_is_written_as_json_writes_it(value):
    claims = [
        quantity(1, "killed", "exact", value),
        quantity(2, "killed", "range", 3.0, high=value if value > 3 else 4.0),
    ]
    assert fingerprint("ev", "killed", "total", claims, []) == _documented(claims, [])


@pytest.mark.parametrize(
    "text",
    ['kata "tewas"', "back\\slash", "tab\there", "line\nbreak", "\x00\x1f\x7f", "Ürümqi — 死者 🕊️"],
)
def test_every_string_is_written_as_json_writes_it(text):
    speaker = actor(text)
    claims = [
        quantity(1, "killed", "exact", 40, label=text, src=speaker),
        quantity(2, "killed", "at_least", 35, on=date(2022, 1, 11), place=None),
    ]
    relations = [RelationFacts(7, "corrects", 2, 1, text)]
    assert fingerprint("ev", "killed", "total", claims, relations) == _documented(claims, relations)


def test_every_code_point_is_written_as_json_writes_it():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    claims = [quantity(1, "killed", "exact", 40, label=every, src=actor(every))]
    assert fingerprint("ev", "killed", "total", claims, []) == _documented(claims, [])


def test_an_id_beyond_64_bits_is_written_as_json_writes_it():
    claims = [quantity(2**70, "killed", "exact", 40)]
    assert fingerprint("ev", "killed", "total", claims, []) == _documented(claims, [])
