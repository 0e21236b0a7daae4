"""Properties that must hold for any group (hypothesis): invariant, ranks, order, copies, reruns."""

import json
import os
import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from recon_builders import VAGUE, actor, outlet, quantity, rel

from factcheck.domain.reconciliation import (
    event_groups,
    fingerprint,
    origin_of,
    reconcile_event,
    reconcile_group,
)
from factcheck.domain.reconciliation.origins import republish_links, voice_of
from factcheck.domain.reconciliation.selection import effective_ranks
from factcheck.domain.reconciliation.step_words import step_text

EV = "ev"
TODAY = date(2022, 3, 1)
SOURCES = [
    actor("Ministry"),  # partisan, accountable
    actor("UN OCHA", "international organisation", partisan=False, accountable=True),
    actor("Rebel command", "armed group", partisan=True, accountable=False),
    actor("HRW", "NGO", partisan=False, accountable=False),
    outlet("AP"),
    outlet("Party TV", "state media", partisan=True),
]
OUTLETS = [outlet("AP"), outlet("AFP"), outlet("Kompas", "news site"), outlet("TRT", "state media")]
CATEGORIES = ["total", "civilians", "security forces", "children", "police"]
METRICS = ["killed", "detained", "in_custody"]
QUALIFIERS = [
    "exact",
    "more_than",
    "at_least",
    "nearly",
    "approximately",
    "at_most",
    "range",
    "vague",
]
RELATION_TYPES = [
    "retracts",
    "corrects",
    "supersedes",
    "republishes",
    "corroborates",
    "contradicts",
    "component_of",
    "disowns",
    "denies",
]

settings.register_profile(
    "recon",
    max_examples=int(os.environ.get("RECON_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("recon")


@st.composite
def claim(draw, id: int):
    qualifier = draw(st.sampled_from(QUALIFIERS))
    value = draw(st.integers(1, 3000))
    return quantity(
        id,
        draw(st.sampled_from(METRICS)),
        qualifier,
        None if qualifier == "vague" else value,
        high=value + draw(st.integers(0, 500)),
        word=draw(st.sampled_from(sorted(VAGUE))),
        category=draw(st.sampled_from(CATEGORIES)),
        modality=draw(st.sampled_from(["count", "count", "count", "estimate", "projection"])),
        on=date(2022, 1, 1) + timedelta(days=draw(st.integers(0, 20))),
        event=EV,
        src=draw(st.none() | st.sampled_from(SOURCES)),
        via=draw(st.sampled_from(OUTLETS)),
        original=draw(st.none() | st.sampled_from(OUTLETS)),
        cites=draw(st.none() | st.none() | st.sampled_from(SOURCES)),
        rank=draw(st.sampled_from(["normal", "normal", "normal", "deprecated", "preferred"])),
        reason="withdrawn",
    )


@st.composite
def events(draw):
    """Claims and relations of one event: several metrics and categories, links of every type."""
    n = draw(st.integers(1, 9))
    claims = [draw(claim(i)) for i in range(1, n + 1)]
    claims = [replace(c, rank_reason=None) if c.rank == "normal" else c for c in claims]
    relations = [
        rel(
            k,
            draw(st.sampled_from(RELATION_TYPES)),
            draw(st.integers(1, n)),
            draw(st.integers(1, n)),
        )
        for k in range(draw(st.integers(0, 5)))
    ]
    return claims, relations


def numbers(result):
    return (
        result.low,
        result.best,
        result.high,
        {m: (s.low, s.best, s.high) for m, s in result.side_estimates.items()},
    )


def all_groups(claims, relations):
    return {
        (r.metric, r.category): r for r in reconcile_event(EV, claims, relations, TODAY, True)[0]
    }


@given(events())
def test_low_best_high_always_ordered(event):
    claims, relations = event
    for result in all_groups(claims, relations).values():
        for low, best, high in [
            (result.low, result.best, result.high),
            *((s.low, s.best, s.high) for s in result.side_estimates.values()),
        ]:
            assert (low, best, high) == (None, None, None) or low <= best <= high


@given(events(), claim(100))
def test_a_deprecated_claim_never_moves_a_number(event, extra):
    claims, relations = event
    extra = replace(extra, rank="deprecated", rank_reason="retracted")
    before = all_groups(claims, relations)
    for (metric, category), result in before.items():
        after = reconcile_group(EV, metric, category, [*claims, extra], relations)
        assert numbers(after) == numbers(result)


@given(events(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_input_order(event, rnd):
    claims, relations = event
    shuffled_claims, shuffled_relations = claims[:], relations[:]
    rnd.shuffle(shuffled_claims)
    rnd.shuffle(shuffled_relations)
    assert reconcile_event(EV, shuffled_claims, shuffled_relations, TODAY, True) == reconcile_event(
        EV, claims, relations, TODAY, True
    )


@given(events(), st.data())
def test_a_republished_copy_changes_no_number_and_not_the_grade(event, data):
    claims, relations = event
    original = data.draw(st.sampled_from(claims))
    later = original.stated_on + timedelta(days=data.draw(st.integers(0, 5)))
    # Only a reviewer's link can tie a copy to a deprecated original: an unlinked copy of a
    # retracted figure stands on its own (and is flagged retracted_still_cited).
    deprecated = effective_ranks(claims, relations)[original.id][0] == "deprecated"
    by_relation = data.draw(st.booleans()) or deprecated
    if by_relation:  # a copy whose article forgot the credit, linked by a reviewer
        copy = replace(
            original,
            id=100,
            outlet=outlet("Copycat"),
            original_outlet=None,
            speaker=None,
            cites=None,
            stated_on=later,
            rank="normal",
            rank_reason=None,
        )
        more = [rel(99, "republishes", 100, original.id)]
    else:  # an article republished from the original's outlet, with the same attribution
        voice = voice_of(original, republish_links(relations), {c.id: c for c in claims})
        copy = replace(
            original,
            id=100,
            outlet=outlet("Copycat"),
            original_outlet=voice,
            speaker=None,
            cites=None,
            stated_on=later,
        )
        assert origin_of(copy) == voice
        more = []
    before = all_groups(claims, relations)
    for (metric, category), result in before.items():
        after = reconcile_group(EV, metric, category, [*claims, copy], [*relations, *more])
        assert numbers(after) == numbers(result)
        assert after.grade == result.grade


@given(events())
def test_reconciling_twice_gives_the_same_result_and_fingerprint(event):
    claims, relations = event
    for metric, category, _place in event_groups(EV, claims):
        first = reconcile_group(EV, metric, category, claims, relations)
        second = reconcile_group(
            EV, metric, category, list(reversed(claims)), list(reversed(relations))
        )
        assert first == second
        assert first.fingerprint == fingerprint(EV, metric, category, claims, relations)
        assert len(first.fingerprint) == 64


@given(events())
def test_a_fingerprint_changes_whenever_the_result_does(event):
    """A rerun is skipped when the fingerprint is unchanged, so that must never hide a new result."""
    claims, relations = event
    rnd = random.Random(len(claims))
    victim = rnd.choice(claims)
    changed = [
        replace(
            c,
            value=(c.value or 0) + 7,
            lower=c.lower + 7,
            point=None if c.point is None else c.point + 7,
            upper=None if c.upper is None else c.upper + 7,
        )
        if c is victim
        else c
        for c in claims
    ]
    for metric, category, _place in event_groups(EV, claims):
        a = reconcile_group(EV, metric, category, claims, relations)
        b = reconcile_group(EV, metric, category, changed, relations)
        if a != b:
            assert a.fingerprint != b.fingerprint


@given(events(), claim(100))
def test_claims_of_another_metric_or_event_leave_the_fingerprint_alone(event, extra):
    claims, relations = event
    for metric, category, _place in event_groups(EV, claims):
        unrelated = [
            replace(extra, metric="displaced"),
            replace(extra, event="another-event", metric=metric),
        ]
        assert fingerprint(EV, metric, category, [*claims, *unrelated], relations) == fingerprint(
            EV, metric, category, claims, relations
        )


@given(events())
def test_every_step_stored_reads_back_in_the_same_words(event):
    claims, relations = event
    for result in all_groups(claims, relations).values():
        for stored, step in zip(result.to_dict()["explanation"], result.explanation, strict=True):
            assert step_text(json.loads(json.dumps(stored))) == step.text
