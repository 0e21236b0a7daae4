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


def test_a_vague_word_withdrawn_is_quoted_not_read_as_a_figure():
    dozens = {
        "id": 3,
        "kind": "quantity",
        "outlet": "Radio Suara Pantura",
        "qualifier": "vague",
        "value": None,
        "point": 12,
        "quote": "dozens dead",
    }
    group = {
        "metric": "killed",
        "category": "total",
        "low": 5,
        "best": 5,
        "high": 5,
        "grade": "weak",
        "flags": [],
        "claims_used": [1],
        "claims_set_aside": [[3, "retracted"]],
    }
    text = group_summary(group, {**CLAIMS, 3: dozens})
    assert "the vague “dozens dead” (Radio Suara Pantura) was withdrawn by its source" in text
    assert "a figure of 12" not in text


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


def test_agreement_that_is_not_independent_is_not_called_unaffiliated():
    """The partisan-only reason speaks of the origins' independence of each other: "not
    unaffiliated" would say they are parties to the event, which the rule does not say."""
    from factcheck.domain.reconciliation.step_words import write

    step = write("weak", [[["partisan_only"]]])
    assert step == (
        "Grade weak: partisan origins only, so agreement between them is not independent."
    )
    assert readable_step(step) == step


def test_a_figure_no_one_gave_is_not_put_in_one_sources_mouth():
    """The whole area's 46,970 is Turkey's 41,156 plus Syria's 5,814: no source said it, so the
    summary names everyone it was worked out from, not the first of them."""
    claims = {
        1: {"kind": "quantity", "point": 41156, "speaker": "AFAD"},
        2: {"kind": "quantity", "point": 1414, "speaker": "Ministry of Health of Syria"},
        3: {"kind": "quantity", "point": 4400, "speaker": "White Helmets"},
    }
    group = {"metric": "killed", "category": "total", "low": 46970, "best": 46970, "high": 46970}
    group |= {"grade": "weak", "claims_used": [1, 2, 3], "claims_set_aside": []}
    assert group_summary(group, claims).startswith(
        "46,970 people were killed, worked out from the counts of AFAD, Ministry of Health of "
        "Syria and White Helmets. Grade"
    )
    more = claims | {
        i: {"kind": "quantity", "point": i, "speaker": f"Governor {i}"} for i in (4, 5)
    }
    many = group_summary(group | {"claims_used": [1, 2, 3, 4, 5]}, more)
    assert "worked out from the counts of AFAD, Governor 4, Governor 5 and 2 other sources." in many
    one = group_summary(group | {"claims_used": [2]}, claims)
    assert "by the count of Ministry of Health of Syria" in one  # one source, read as a range


def test_a_group_without_a_usable_figure_says_so_in_a_sentence():
    group = {"metric": "missing", "category": "total", "low": None, "best": None, "high": None}
    group |= {"grade": "weak", "claims_used": [], "claims_set_aside": []}
    assert group_summary(group, {}).startswith("No usable figure of how many people are missing.")
