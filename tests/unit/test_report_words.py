"""A figure group's result in words for a desk editor, and labels for the engine's codes."""

from __future__ import annotations

from factcheck.domain.report_words import (
    FLAG_LABELS,
    flag_label,
    grade_label,
    group_summary,
    readable_step,
)
from factcheck.domain.vocabulary import CONFLICT_KINDS, GRADES

CLAIMS = {
    1: {"id": 1, "kind": "quantity", "speaker": "Ministry of Health", "point": 42, "value": 42},
    2: {
        "id": 2,
        "kind": "quantity",
        "speaker": "Ministry of Information",
        "point": 165,
        "value": 164,
    },
}


def test_a_desk_editor_reads_the_result_first():
    group = {
        "metric": "killed",
        "category": "total",
        "low": 42,
        "best": 42,
        "high": None,
        "grade": "weak",
        "flags": ["retracted_still_cited"],
        "claims_used": [1],
        "claims_set_aside": [[2, "retracted"]],
    }
    assert group_summary(group, CLAIMS) == (
        "At least 42 people were killed, by the count of Ministry of Health; a figure of 164 "
        "(Ministry of Information) was withdrawn by its source. Grade: weak: one source, or "
        "vague wording only. To check: a withdrawn figure is still being repeated."
    )


def test_ranges_and_thousands_read_as_words():
    group = {
        "metric": "detained",
        "category": "total",
        "low": 7200,
        "best": 8000,
        "high": 8000,
        "grade": "fair",
        "flags": [],
        "claims_used": [],
        "claims_set_aside": [],
        "place": "Almaty",
    }
    text = group_summary(group, {})
    assert text.startswith(
        "Between 7,200 and 8,000 (most likely 8,000) people were detained in Almaty"
    )


def test_every_flag_and_grade_has_words_and_no_source_is_called_independent():
    assert set(CONFLICT_KINDS) <= set(FLAG_LABELS)
    assert all("_" not in flag_label(k) for k in CONFLICT_KINDS)
    assert all(grade_label(g) != g for g in GRADES)
    step = (
        'Best 42 is from the tier "independent, uncorroborated"; TRT (independent) — claim 10; '
        "flags: value_conflict"
    )
    readable = readable_step(step)
    assert "independent" not in readable and "value_conflict" not in readable
    assert "TRT (not a party to the event)" in readable and "sources disagree" in readable
