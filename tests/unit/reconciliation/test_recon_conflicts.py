"""Every conflict kind of DOMAIN.md §6, found by detect_conflicts on small events."""

import random
from datetime import date

from recon_builders import actor, other, outlet, quantity, rel

from factcheck.domain.reconciliation import detect_conflicts, reconcile_event

EV = "2022-kazakhstan-unrest"
MIN_INFO = actor("Ministry of Information of Kazakhstan")
OFFICIALS = actor("Kazakh officials (unnamed)")
MIN_INTERNAL = actor("Ministry of Internal Affairs of Kazakhstan")
AP, AFP, TEMPO = outlet("AP"), outlet("AFP"), outlet("Tempo", "news site")
HRW = actor("Human Rights Watch", "NGO", partisan=False, accountable=False)


def d(day: int) -> date:
    return date(2022, 1, day)


def kinds(findings):
    return [f.kind for f in findings]


def find(claims, relations=(), today=d(12), event_open=False, **kw):
    return detect_conflicts(EV, claims, list(relations), today, event_open, **kw)


def test_value_conflict_names_both_claims():
    claims = [
        # The same day: a day later, 160 would overtake 26 as the tally rose (§9).
        quantity(1, "killed", "exact", 26, src=OFFICIALS, on=d(9), event=EV),
        quantity(2, "killed", "approximately", 160, via=AP, on=d(9), event=EV),
    ]
    found = [f for f in find(claims) if f.kind == "value_conflict"]
    assert [(f.claim_ids, f.metric, f.category) for f in found] == [((1, 2), "killed", "total")]
    assert found[0].detail.startswith("Claim 1 (") and " and claim 2 (" in found[0].detail


def test_a_tally_that_rose_over_days_is_not_a_value_conflict():
    claims = [
        quantity(1, "killed", "exact", 26, via=AFP, on=d(6), event=EV),
        quantity(2, "killed", "exact", 160, via=AP, on=d(11), event=EV),
    ]
    assert "value_conflict" not in kinds(find(claims))


def test_retracted_figure_repeated_after_the_retraction():
    claims = [
        quantity(
            6,
            "killed",
            "more_than",
            164,
            src=MIN_INFO,
            on=d(8),
            event=EV,
            rank="deprecated",
            reason="retracted",
        ),
        other(7, "retraction", src=MIN_INFO, on=d(9), event=EV),
        quantity(12, "killed", "more_than", 164, via=TEMPO, on=d(12), event=EV),  # "lebih dari 164"
        quantity(
            13, "killed", "more_than", 164, via=AFP, on=d(8), event=EV
        ),  # before: not "still cited"
    ]
    relations = [rel(1, "retracts", 7, 6, "technical error")]
    found = [f for f in find(claims, relations) if f.kind == "retracted_still_cited"]
    assert [f.claim_ids for f in found] == [(6, 7, 12)]


def test_downward_revision():
    claims = [
        quantity(1, "detained", "exact", 5800, src=MIN_INTERNAL, on=d(8), event=EV),
        quantity(2, "detained", "exact", 4000, src=MIN_INTERNAL, on=d(10), event=EV),
    ]
    found = [f for f in find(claims) if f.kind == "downward_revision"]
    assert [f.claim_ids for f in found] == [(1, 2)]
    assert "5800" in found[0].detail and "4000" in found[0].detail


def test_component_overlap():
    claims = [
        quantity(1, "killed", "exact", 30, via=AP, event=EV),
        quantity(2, "killed", "exact", 26, category="armed assailants", src=OFFICIALS, event=EV),
        quantity(3, "killed", "exact", 16, category="security forces", src=OFFICIALS, event=EV),
    ]
    found = [f for f in find(claims) if f.kind == "component_overlap"]
    assert [(f.claim_ids, f.category) for f in found] == [((1, 2, 3), "total")]


def test_category_conflict_same_origin_same_figure_two_labels():
    claims = [
        quantity(
            1,
            "killed",
            "exact",
            26,
            category="armed assailants",
            label="penjahat bersenjata",
            src=OFFICIALS,
            event=EV,
        ),
        quantity(
            2,
            "killed",
            "exact",
            26,
            category="civilians",
            label="warga sipil",
            src=OFFICIALS,
            event=EV,
        ),
        quantity(
            3, "killed", "exact", 26, category="security forces", via=AP, event=EV
        ),  # other origin
        quantity(4, "killed", "exact", 26, src=OFFICIALS, event=EV),  # the total may equal a part
    ]
    found = [f for f in find(claims) if f.kind == "category_conflict"]
    assert [(f.claim_ids, f.category) for f in found] == [((1, 2), "total")]
    assert "penjahat bersenjata" in found[0].detail and "warga sipil" in found[0].detail


def test_scope_mismatch_between_detained_and_in_custody():
    claims = [
        quantity(1, "detained", "nearly", 8000, src=MIN_INTERNAL, event=EV),
        quantity(2, "in_custody", "approximately", 1000, src=MIN_INTERNAL, event=EV),
    ]
    found = [f for f in find(claims) if f.kind == "scope_mismatch"]
    assert [f.claim_ids for f in found] == [(1, 2)]
    results, _ = reconcile_event(EV, claims, [], d(12), False)
    assert all("scope_mismatch" in r.flags for r in results)


def test_single_partisan_source():
    claims = [
        quantity(1, "killed", "exact", 16, category="security forces", src=OFFICIALS, event=EV),
        quantity(2, "killed", "exact", 26, category="armed assailants", src=OFFICIALS, event=EV),
        quantity(3, "killed", "exact", 27, category="armed assailants", via=AP, event=EV),
    ]
    found = [f for f in find(claims) if f.kind == "single_partisan_source"]
    assert [(f.claim_ids, f.category) for f in found] == [((1,), "security forces")]


def test_attribution_disowned():
    reporter = actor("Tempo correspondent", "person", partisan=False, accountable=False)
    claims = [
        quantity(1, "killed", "exact", 225, src=reporter, via=TEMPO, cites=HRW, event=EV),
        other(2, "denial", src=HRW, event=EV),
    ]
    found = [
        f
        for f in find(claims, [rel(1, "disowns", 2, 1, "HRW never published this figure")])
        if f.kind == "attribution_disowned"
    ]
    assert [(f.claim_ids, f.metric) for f in found] == [((1, 2), "killed")]
    result = reconcile_event(EV, claims, [rel(1, "disowns", 2, 1)], d(12), False)[0][0]
    assert result.claims_set_aside == ((1, "disowned"),) and result.best is None


def test_stale_only_for_an_open_event_gone_quiet():
    claims = [quantity(1, "killed", "exact", 225, via=AP, on=d(5), event=EV)]
    assert [
        f.claim_ids
        for f in find(claims, today=date(2022, 2, 20), event_open=True)
        if f.kind == "stale"
    ] == [(1,)]
    assert "stale" not in kinds(find(claims, today=date(2022, 2, 20), event_open=False))
    assert "stale" not in kinds(find(claims, today=d(20), event_open=True))
    assert "stale" in kinds(find(claims, today=d(20), event_open=True, stale_after_days=7))


def test_findings_come_in_a_stable_order_whatever_the_input_order():
    claims = [
        quantity(
            1, "killed", "exact", 26, category="armed assailants", src=OFFICIALS, on=d(8), event=EV
        ),
        quantity(2, "killed", "exact", 26, category="civilians", src=OFFICIALS, on=d(8), event=EV),
        quantity(3, "killed", "exact", 90, category="civilians", via=AP, on=d(8), event=EV),
        quantity(4, "detained", "exact", 5800, src=MIN_INTERNAL, on=d(8), event=EV),
        quantity(5, "detained", "exact", 4000, src=MIN_INTERNAL, on=d(10), event=EV),
        quantity(6, "in_custody", "exact", 9000, src=MIN_INTERNAL, on=d(10), event=EV),
    ]
    expected = find(claims, today=d(30), event_open=True, stale_after_days=5)
    assert kinds(expected) == [
        "value_conflict",
        "downward_revision",
        "category_conflict",
        "scope_mismatch",
        "single_partisan_source",
        "single_partisan_source",
        "single_partisan_source",
        "stale",
    ]
    for seed in range(5):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert find(shuffled, today=d(30), event_open=True, stale_after_days=5) == expected


def test_other_events_claims_are_ignored():
    claims = [
        quantity(1, "killed", "exact", 26, src=OFFICIALS, event=EV),
        quantity(2, "killed", "exact", 260, via=AP, event="another-event"),
    ]
    assert "value_conflict" not in kinds(find(claims))
