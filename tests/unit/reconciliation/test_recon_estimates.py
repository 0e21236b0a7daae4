"""Rules 5 and 6 of DOMAIN.md §5 and the grades: which figure becomes low, best, high."""

from datetime import date

from recon_builders import actor, outlet, quantity

from factcheck.domain.reconciliation import FAR_FACTOR, reconcile_group

SUDAN = "2023-sudan-clashes"
MINISTRY = actor("Ministry of Health")  # partisan, accountable
RSF = actor("Rapid Support Forces", "armed group", partisan=True, accountable=False)
OCHA = actor("UN OCHA", "international organisation", partisan=False, accountable=True)
AP, AFP, KOMPAS = outlet("AP"), outlet("AFP"), outlet("Kompas", "news site")
HRW = actor("Human Rights Watch", "NGO", partisan=False, accountable=False)
AMNESTY = actor("Amnesty International", "NGO", partisan=False, accountable=False)


def d(day: int) -> date:
    return date(2023, 4, day)


def numbers(result):
    return result.low, result.best, result.high


# Rule 5: low, best, high.


def test_best_comes_from_independent_corroborated_figures_over_officials():
    claims = [
        quantity(1, "killed", "exact", 50, src=MINISTRY, event=SUDAN),
        quantity(2, "killed", "approximately", 60, src=HRW, event=SUDAN),  # [54, 66]
        quantity(3, "killed", "approximately", 62, src=AMNESTY, event=SUDAN),  # [56, 68]
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    # low: the most conservative reliable figure; high: the highest reliable upper bound;
    # best: tier "independent and corroborated", tie between 60 and 62 (same day) -> the lower.
    assert numbers(result) == (50, 60, 68)
    best = next(s for s in result.explanation if s.rule == "best")
    assert "independent and corroborated" in best.text and best.claim_ids == (2,)


def test_an_official_non_party_beats_an_official_party():
    claims = [
        quantity(1, "killed", "exact", 80, src=MINISTRY, event=SUDAN),
        quantity(2, "killed", "at_least", 100, src=OCHA, event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert result.best == 100
    assert result.grade == "contested"  # 80 exact cannot be "at least 100"


def test_ties_in_a_tier_go_to_the_most_recent_figure():
    claims = [
        quantity(1, "displaced", "exact", 5000, via=AP, on=d(10), event=SUDAN),
        quantity(2, "displaced", "exact", 20000, via=AFP, on=d(20), event=SUDAN),
    ]
    assert reconcile_group(SUDAN, "displaced", "total", claims, []).best == 20000


def test_an_unbounded_figure_counts_its_lower_bound_for_high():
    claims = [
        quantity(1, "killed", "approximately", 100, via=AP, event=SUDAN),  # [90, 110]
        quantity(2, "killed", "more_than", 300, via=AFP, event=SUDAN),  # [301, ∞)
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert (result.low, result.high) == (90, 301)
    assert "open above" in next(s for s in result.explanation if s.rule == "high").text


def test_no_point_value_falls_back_to_low_for_best():
    claims = [quantity(1, "killed", "range", 10, high=20, via=AP, event=SUDAN)]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert numbers(result) == (10, 10, 20)


def test_a_reviewers_preferred_claim_sets_best():
    claims = [
        quantity(1, "killed", "exact", 80, src=OCHA, event=SUDAN),
        quantity(
            2,
            "killed",
            "approximately",
            85,
            src=HRW,
            event=SUDAN,
            rank="preferred",
            reason="site visit",
        ),
    ]
    assert reconcile_group(SUDAN, "killed", "total", claims, []).best == 85


# Rule 6: a far-off partisan figure is shown, not used.


def test_a_partisan_figure_far_above_the_others_is_set_aside():
    claims = [
        quantity(
            1, "killed", "approximately", 40, category="security forces", via=AP, event=SUDAN
        ),  # [36, 44]
        quantity(2, "killed", "exact", 500, category="security forces", src=RSF, event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "killed", "security forces", claims, [])
    assert 500 > FAR_FACTOR * 44
    assert numbers(result) == (36, 40, 44)
    assert result.claims_set_aside == ((2, "partisan figure far outside the others"),)
    # Shown, so still a disagreement a reviewer must see.
    assert result.grade == "contested" and "value_conflict" in result.flags


def test_a_partisan_figure_far_below_the_others_is_set_aside_too():
    claims = [
        # The same day: a later, higher count would overtake it instead (§9).
        quantity(1, "killed", "exact", 26, src=MINISTRY, on=d(11), event=SUDAN),
        quantity(2, "killed", "approximately", 200, via=AP, on=d(11), event=SUDAN),  # [180, 220]
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert numbers(result) == (180, 200, 220)
    assert result.claims_set_aside == ((1, "partisan figure far outside the others"),)
    assert result.grade == "contested"


def test_a_partisan_figure_within_reach_is_used_and_contested():
    claims = [
        quantity(1, "killed", "approximately", 40, via=AP, event=SUDAN),  # [36, 44]
        quantity(2, "killed", "exact", 80, src=RSF, event=SUDAN),  # < 2 × 44
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert result.high == 80 and result.grade == "contested"


def test_projections_sit_beside_the_count_never_in_it():
    claims = [
        quantity(1, "killed", "exact", 40, via=AP, event=SUDAN),
        quantity(2, "killed", "at_least", 1000, src=OCHA, modality="projection", event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert numbers(result) == (40, 40, 40)
    side = result.side_estimates["projection"]
    assert (side.low, side.best, side.high, side.claims_used) == (1000, 1000, 1000, (2,))
    assert "estimate" not in result.side_estimates


# Grades.


def test_an_accountable_count_corroborated_independently_is_confirmed():
    claims = [
        quantity(1, "killed", "exact", 225, src=MINISTRY, event=SUDAN),
        quantity(2, "killed", "approximately", 230, src=HRW, event=SUDAN),  # [207, 253]
    ]
    assert reconcile_group(SUDAN, "killed", "total", claims, []).grade == "confirmed"


def test_vague_words_from_two_outlets_stay_weak():
    claims = [
        quantity(1, "killed", "vague", word="dozens", via=AP, event=SUDAN),
        quantity(2, "killed", "vague", word="puluhan", via=KOMPAS, event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert result.grade == "weak"
    assert "vague" in next(s for s in result.explanation if s.rule == "grade").text


def test_disagreeing_origins_are_contested_and_flagged():
    claims = [
        # The same day: a day later, 200 would overtake 26 as the tally rose (§9).
        quantity(1, "killed", "exact", 26, src=OCHA, on=d(10), event=SUDAN),
        quantity(2, "killed", "exact", 200, via=AP, on=d(10), event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert result.grade == "contested" and "value_conflict" in result.flags
    assert (result.low, result.best, result.high) == (26, 26, 200)  # official non-party tier
    assert result.low <= result.best <= result.high


def test_explanation_accounts_for_every_claim_of_the_group():
    claims = [
        quantity(1, "killed", "exact", 26, src=MINISTRY, on=d(10), event=SUDAN),
        quantity(2, "killed", "exact", 30, src=MINISTRY, on=d(12), event=SUDAN),
        quantity(
            3,
            "killed",
            "exact",
            31,
            via=AP,
            on=d(12),
            event=SUDAN,
            rank="deprecated",
            reason="retracted",
        ),
        quantity(4, "killed", "approximately", 30, via=AFP, on=d(12), event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    accounted = set(result.claims_used) | {cid for cid, _ in result.claims_set_aside}
    assert accounted == {1, 2, 3, 4}
    mentioned = {cid for step in result.explanation for cid in step.claim_ids}
    assert {1, 2, 3, 4} <= mentioned


def test_a_group_without_claims_has_no_numbers_and_says_why():
    result = reconcile_group(
        SUDAN, "missing", "total", [quantity(1, "killed", "exact", 5, event=SUDAN)], []
    )
    assert numbers(result) == (None, None, None)
    assert result.grade == "weak" and result.explanation[-1].rule == "grade"


def test_the_result_serialises_for_storage():
    import json

    claims = [
        quantity(1, "killed", "exact", 40, via=AP, event=SUDAN),
        quantity(2, "killed", "approximately", 1000, src=OCHA, modality="estimate", event=SUDAN),
    ]
    stored = json.loads(
        json.dumps(reconcile_group(SUDAN, "killed", "total", claims, []).to_dict(), default=str)
    )
    assert (stored["low"], stored["best"], stored["high"]) == (40, 40, 40)
    assert stored["side_estimates"]["estimate"] == {
        "low": 900,
        "best": 1000,
        "high": 1100,
        "claims_used": [2],
    }
    assert stored["explanation"][0]["claim_ids"] == [1]
