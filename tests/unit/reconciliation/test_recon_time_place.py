"""Time, place and names (DOMAIN.md §9-§11) on cases composed for each rule, and the timeline case."""

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from recon_builders import actor, other, quantity, rel
from timeline_case import EVENT, load

from factcheck.domain.reconciliation import detect_conflicts, reconcile_event, reconcile_group
from factcheck.domain.reconciliation.context import rank_claims

EV = "ev"
TODAY = date(2023, 3, 1)
AFAD = actor("AFAD", partisan=False)
MOH = actor("Ministry of Health", partisan=False)
WHITE_HELMETS = actor("White Helmets", "NGO", partisan=False, accountable=False)
REBELS = actor("Rebel command", "armed group", partisan=True, accountable=False)
UN = actor("UN OCHA", "international organisation", partisan=False)
PLACES = {"Turkey": None, "Hatay": "Turkey", "Syria": None, "Idlib": "Syria", "Aleppo": "Syria"}


def d(day: int) -> date:
    return date(2023, 2, day)


def numbers(result):
    return result.low, result.best, result.high


def conflicts(claims, relations=(), places=None):
    _, found = reconcile_event(EV, claims, list(relations), TODAY, False, places=places)
    return [
        (f.kind, f.claim_ids) for f in found if f.kind in ("value_conflict", "downward_revision")
    ]


def test_a_tally_rising_across_origins_is_no_conflict_and_the_latest_stands():
    claims = [
        quantity(1, "killed", "exact", 400, src=AFAD, on=d(6), event=EV),
        quantity(2, "killed", "at_least", 1200, src=UN, on=d(8), event=EV),
        quantity(3, "killed", "exact", 5000, src=MOH, on=d(12), event=EV),
    ]
    result = reconcile_group(EV, "killed", "total", claims, [])
    assert numbers(result) == (5000, 5000, 5000)
    assert dict(result.claims_set_aside) == {
        1: "overtaken by claim 2, 2023-02-08",
        2: "overtaken by claim 3, 2023-02-12",
    }
    assert "value_conflict" not in result.flags and result.grade != "contested"
    assert conflicts(claims) == []


def test_an_early_vague_word_never_caps_a_later_count():
    claims = [
        quantity(1, "killed", "vague", word="dozens", src=AFAD, on=d(6), event=EV),  # [12, 99]
        quantity(2, "killed", "exact", 1541, src=MOH, on=d(9), event=EV),
    ]
    result = reconcile_group(EV, "killed", "total", claims, [])
    assert numbers(result) == (1541, 1541, 1541)
    assert dict(result.claims_set_aside)[1].startswith("overtaken by claim 2")


def test_a_later_figure_wholly_below_an_earlier_one_still_conflicts():
    claims = [
        quantity(1, "killed", "exact", 900, src=UN, on=d(6), event=EV),
        quantity(2, "killed", "exact", 300, src=MOH, on=d(20), event=EV),  # the tally cannot fall
    ]
    assert conflicts(claims) == [("value_conflict", (1, 2))]
    assert reconcile_group(EV, "killed", "total", claims, []).grade == "contested"


def test_a_same_day_disagreement_still_conflicts():
    claims = [
        quantity(1, "killed", "exact", 300, src=UN, on=d(10), event=EV),
        quantity(2, "killed", "exact", 900, src=MOH, on=d(10), event=EV),
    ]
    assert conflicts(claims) == [("value_conflict", (1, 2))]


def test_as_of_is_the_moment_not_the_day_it_was_said():
    # Said on the 12th about the 6th: the 9th's count is later, so it overtakes it.
    claims = [
        quantity(1, "killed", "exact", 800, src=UN, on=d(12), as_of=d(6), event=EV),
        quantity(2, "killed", "exact", 900, src=MOH, on=d(9), event=EV),
    ]
    result = reconcile_group(EV, "killed", "total", claims, [])
    assert numbers(result) == (900, 900, 900)
    assert dict(result.claims_set_aside)[1].startswith("overtaken by claim 2")


def test_a_partisan_outlier_is_judged_against_current_figures_only():
    claims = [
        quantity(1, "killed", "exact", 40, src=UN, on=d(6), event=EV),  # overtaken below
        quantity(2, "killed", "exact", 900, src=MOH, on=d(20), event=EV),
        quantity(3, "killed", "exact", 1000, src=REBELS, on=d(20), event=EV),
    ]
    result = reconcile_group(EV, "killed", "total", claims, [])
    aside = dict(result.claims_set_aside)
    assert aside[1].startswith("overtaken")
    assert 3 not in aside  # 1,000 is not "far outside" 900: the old 40 no longer counts
    assert result.high == 1000

    far = [*claims[:2], replace(claims[2], value=9000, lower=9000, upper=9000, point=9000)]
    far_result = reconcile_group(EV, "killed", "total", far, [])
    assert dict(far_result.claims_set_aside)[3] == "partisan figure far outside the others"


def test_a_city_figure_never_stands_for_the_country_but_is_its_floor():
    claims = [
        quantity(1, "killed", "exact", 103, src=MOH, on=d(6), place="Hatay", event=EV),
        quantity(2, "killed", "at_least", 80, src=UN, on=d(6), place="Turkey", event=EV),
    ]
    turkey = reconcile_group(EV, "killed", "total", claims, [], place="Turkey", places=PLACES)
    hatay = reconcile_group(EV, "killed", "total", claims, [], place="Hatay", places=PLACES)
    whole = reconcile_group(EV, "killed", "total", claims, [], places=PLACES)
    assert numbers(hatay) == (103, 103, 103)
    assert turkey.low == 103 and turkey.best == 103  # the part lifts the whole, never replaces it
    # Hatay's figure counts as a part of Turkey's (a floor), said so in the explanation.
    assert any(s.rule == "components" and "Hatay 103" in s.text for s in turkey.explanation)
    assert whole.low == 103 and whole.place is None and turkey.place == "Turkey"


def test_three_parts_are_a_floor_for_their_whole_and_a_part_above_it_is_flagged():
    parts = [
        quantity(1, "killed", "exact", 1000, src=MOH, on=d(8), place="Idlib", event=EV),
        quantity(2, "killed", "exact", 700, src=WHITE_HELMETS, on=d(8), place="Aleppo", event=EV),
        quantity(3, "killed", "exact", 5000, src=AFAD, on=d(8), place="Turkey", event=EV),
    ]
    whole = reconcile_group(EV, "killed", "total", parts, [], places=PLACES)
    syria = reconcile_group(EV, "killed", "total", parts, [], place="Syria", places=PLACES)
    assert syria.low == syria.best == 1700
    assert whole.low == whole.best == 6700
    stated = [*parts, quantity(4, "killed", "exact", 6000, src=UN, on=d(8), event=EV)]
    flagged = reconcile_group(EV, "killed", "total", stated, [], places=PLACES)
    assert "component_overlap" in flagged.flags


def test_a_whole_its_parts_rose_past_later_is_overtaken_not_an_overlap():
    """§9 with §10: Turkey's 4,000 on 8 Feb, then Hatay alone at 5,000 on 12 Feb. The tally
    rose; the older whole is not a ceiling the later part breaks (no component_overlap), and
    it takes no part in today's Turkey, which is at least Hatay's 5,000."""
    claims = [
        quantity(1, "killed", "exact", 4000, src=UN, on=d(8), place="Turkey", event=EV),
        quantity(2, "killed", "exact", 5000, src=MOH, on=d(12), place="Hatay", event=EV),
    ]
    turkey = reconcile_group(EV, "killed", "total", claims, [], place="Turkey", places=PLACES)
    assert numbers(turkey) == (5000, 5000, 5000)
    assert "component_overlap" not in turkey.flags
    assert dict(turkey.claims_set_aside)[1] == "overtaken by the sum of its parts, 2023-02-12"
    step = next(s for s in turkey.explanation if s.say == "overtaken_by_parts")
    assert step.rule == "time" and set(step.claim_ids) == {1, 2}
    assert "is overtaken by its parts: by 2023-02-12 they add up to 5000 or more" in step.text
    # As it stood: on 8 Feb Turkey's 4,000 was the figure; from 12 Feb, Hatay's 5,000.
    assert [(p.on, p.low, p.best) for p in turkey.series] == [
        (d(8), 4000, 4000),
        (d(12), 5000, 5000),
    ]
    _, found = reconcile_event(EV, claims, [], TODAY, False, places=PLACES)
    assert not [f for f in found if f.kind == "component_overlap"]


def test_parts_above_a_whole_of_the_same_moment_or_later_still_overlap():
    """Only a later rise overtakes: parts already above the whole when it was stated, or a
    whole stated later and lower than its parts, is a disagreement, flagged as before."""
    hatay = quantity(2, "killed", "exact", 5000, src=MOH, on=d(8), place="Hatay", event=EV)
    for day in (8, 12):  # the same day, and a later whole below its earlier part
        whole = quantity(1, "killed", "exact", 4000, src=UN, on=d(day), place="Turkey", event=EV)
        turkey = reconcile_group(
            EV, "killed", "total", [whole, hatay], [], place="Turkey", places=PLACES
        )
        assert "component_overlap" in turkey.flags
        assert 1 not in dict(turkey.claims_set_aside)


def test_a_whole_its_parts_were_above_already_is_an_overlap_whatever_came_later():
    """Hatay alone at 5,000 on 6 Feb, then Turkey's 4,000 on the 8th: the parts stood above the
    whole when it was stated, so the two disagree (component_overlap). A later figure of
    another part (10 for Gaziantep on the 12th), or Hatay's 5,000 said again, moves the parts'
    latest day on; it does not make the 8th's 4,000 a count the tally rose past."""
    places = {**PLACES, "Gaziantep": "Turkey"}
    hatay = quantity(1, "killed", "exact", 5000, src=MOH, on=d(6), place="Hatay", event=EV)
    turkey = quantity(2, "killed", "exact", 4000, src=UN, on=d(8), place="Turkey", event=EV)
    for later in (
        quantity(3, "killed", "exact", 10, src=AFAD, on=d(12), place="Gaziantep", event=EV),
        quantity(3, "killed", "exact", 5000, src=AFAD, on=d(12), place="Hatay", event=EV),
    ):
        claims = [hatay, turkey, later]
        whole = reconcile_group(EV, "killed", "total", claims, [], place="Turkey", places=places)
        assert "component_overlap" in whole.flags, later
        assert 2 not in dict(whole.claims_set_aside)
        _, found = reconcile_event(EV, claims, [], TODAY, False, places=places)
        assert any(f.kind == "component_overlap" and 2 in f.claim_ids for f in found)
    # The same figures with the whole first: then the parts rose past it, as before.
    risen = [replace(hatay, stated_on=d(9)), turkey]
    whole = reconcile_group(EV, "killed", "total", risen, [], place="Turkey", places=places)
    assert "component_overlap" not in whole.flags
    assert dict(whole.claims_set_aside)[2] == "overtaken by the sum of its parts, 2023-02-09"


def test_parts_withdrawn_since_do_not_hold_a_whole_against_its_later_parts():
    """Hatay 5,000 on 6 Feb stood above Turkey's 4,000 of the 8th, but Hatay's figure was
    corrected to 3,000 on the 10th; with Izmir's 2,000 on the 12th the parts reach 5,000. Of
    what the parts had said by the 8th, nothing still stands: the floor Turkey is held to that
    day counts only figures live today, so the tally rose past it (no component_overlap)."""
    places = {**PLACES, "Izmir": "Turkey"}
    claims = [
        quantity(1, "killed", "exact", 5000, src=MOH, on=d(6), place="Hatay", event=EV),
        quantity(2, "killed", "exact", 4000, src=UN, on=d(8), place="Turkey", event=EV),
        quantity(3, "killed", "exact", 3000, src=MOH, on=d(10), place="Hatay", event=EV),
        quantity(4, "killed", "exact", 2000, src=AFAD, on=d(12), place="Izmir", event=EV),
    ]
    relations = [rel(1, "corrects", 3, 1, "registered twice")]
    claims = rank_claims(claims, relations)
    turkey = reconcile_group(
        EV, "killed", "total", claims, relations, place="Turkey", places=places
    )
    assert numbers(turkey) == (5000, 5000, 5000)
    assert "component_overlap" not in turkey.flags
    assert dict(turkey.claims_set_aside)[2] == "overtaken by the sum of its parts, 2023-02-12"
    _, found = reconcile_event(EV, claims, relations, TODAY, False, places=places)
    assert not [f for f in found if f.kind == "component_overlap" and 2 in f.claim_ids]
    # As it stood on the 8th, Hatay's 5,000 was live and Turkey's 4,000 disagreed with it; the
    # series keeps that day as it was.
    assert [(p.on, p.best) for p in turkey.series] == [
        (d(6), 5000),
        (d(8), 4000),
        (d(10), 4000),
        (d(12), 5000),
    ]


def test_later_parts_a_wholes_range_still_holds_leave_it_capping_the_high():
    """§8's shape over two days: "dozens" killed ([12, 99]) on the 6th, then 26 armed
    assailants and 16 officers named on the 9th. The parts' 42 lies inside the whole's range:
    nothing to resolve, so "dozens" stands and caps the high at 99, as the analyst concluded."""
    claims = [
        quantity(1, "killed", "vague", word="dozens", src=MOH, on=d(6), event=EV),
        quantity(2, "killed", "exact", 26, src=MOH, on=d(9), category="armed assailants", event=EV),
        quantity(3, "killed", "exact", 16, src=MOH, on=d(9), category="security forces", event=EV),
    ]
    total = reconcile_group(EV, "killed", "total", claims, [])
    assert numbers(total) == (42, 42, 99)
    assert 1 not in dict(total.claims_set_aside) and "component_overlap" not in total.flags


def test_a_totals_own_parts_linked_to_it_never_overtake_it():
    """Parts a reviewer linked to a total (component_of) are that figure's breakdown: summed
    above it, later or not, they are an overlap, and the total still answers."""
    claims = [
        quantity(1, "killed", "exact", 10, src=UN, on=d(6), event=EV),
        quantity(2, "killed", "exact", 6, src=MOH, on=d(9), event=EV),
        quantity(3, "killed", "exact", 7, src=MOH, on=d(9), event=EV),
    ]
    links = [rel(1, "component_of", 2, 1), rel(2, "component_of", 3, 1)]
    total = reconcile_group(EV, "killed", "total", claims, links)
    assert "component_overlap" in total.flags and numbers(total) == (10, 10, 10)
    assert 1 not in dict(total.claims_set_aside)


def test_sub_categories_that_rose_later_overtake_their_total_too():
    """The same for categories: 30 killed in all on 6 Feb, then 25 civilians and 12 soldiers
    by 9 Feb. Estimates and projections are never overtaken (only counts)."""
    claims = [
        quantity(1, "killed", "exact", 30, src=UN, on=d(6), event=EV),
        quantity(2, "killed", "exact", 25, src=MOH, on=d(9), category="civilians", event=EV),
        quantity(3, "killed", "exact", 12, src=AFAD, on=d(9), category="security forces", event=EV),
    ]
    total = reconcile_group(EV, "killed", "total", claims, [])
    assert numbers(total) == (37, 37, 37) and "component_overlap" not in total.flags
    assert dict(total.claims_set_aside)[1].startswith("overtaken by the sum of its parts")
    estimate = [replace(claims[0], modality="estimate"), *claims[1:]]
    kept = reconcile_group(EV, "killed", "total", estimate, [])
    assert 1 not in dict(kept.claims_set_aside)


def test_a_floor_is_the_parts_lows_so_a_whole_is_never_surer_than_its_parts():
    """§10: each part counts with its low. "About 2,000" in Hatay is 1,800 to 2,200: the
    whole it lies in is at least 1,800, most likely 2,000, at most 2,200, as Hatay is."""
    hatay = [quantity(1, "injured", "approximately", 2000, src=MOH, on=d(8), place="Hatay")]
    part = reconcile_group(EV, "injured", "total", hatay, [], place="Hatay", places=PLACES)
    turkey = reconcile_group(EV, "injured", "total", hatay, [], place="Turkey", places=PLACES)
    whole = reconcile_group(EV, "injured", "total", hatay, [], places=PLACES)
    assert numbers(part) == numbers(turkey) == numbers(whole) == (1800, 2000, 2200)
    floor = next(s for s in whole.explanation if s.rule == "components")
    assert "Turkey 1800 (claim 1) = 1800, a floor for total" in floor.text
    # A stated whole below the parts' best but above their lows is no overlap: it stands.
    stated = [*hatay, quantity(2, "injured", "exact", 1900, src=UN, on=d(8), place="Turkey")]
    turkey = reconcile_group(EV, "injured", "total", stated, [], place="Turkey", places=PLACES)
    assert numbers(turkey) == (1900, 1900, 2200) and "component_overlap" not in turkey.flags


def test_a_correction_across_articles_deprecates_and_is_no_downward_revision():
    hatay = dict(place="Hatay", event=EV)
    claims = [
        quantity(1, "killed", "exact", 400, src=MOH, on=d(6), article=1, **hatay),
        quantity(2, "killed", "exact", 1700, src=MOH, on=d(7), article=2, **hatay),
        quantity(3, "killed", "exact", 1370, src=MOH, on=d(12), article=3, **hatay),
    ]
    relations = [rel(1, "corrects", 3, 2, "registered twice")]
    claims = rank_claims(claims, relations)
    result = reconcile_group(EV, "killed", "total", claims, relations, "Hatay", PLACES)
    assert numbers(result) == (1370, 1370, 1370)
    assert dict(result.claims_set_aside)[2] == "corrected"
    assert conflicts(claims, relations, PLACES) == []
    # The day before the correction, the 1,700 still stood.
    assert [(p.on, p.best) for p in result.series] == [(d(6), 400), (d(7), 1700), (d(12), 1370)]


def test_the_timeline_case_gives_what_a_careful_analyst_concludes():
    claims, relations, places, by_key = load()
    claims = rank_claims(claims, relations)
    results, found = reconcile_event(EVENT, claims, relations, TODAY, True, places=places)
    got = {(r.metric, r.place): r for r in results if r.category == "total"}
    expected = {
        ("killed", "Turkey"): 41156,
        ("killed", "Hatay"): 1370,
        ("killed", "government-held Syria"): 1414,
        ("killed", "northwest Syria"): 4400,
        ("killed", "Syria"): 5814,
        ("killed", None): 46970,
        ("injured", "Turkey"): 31777,
    }
    for key, value in expected.items():
        assert (got[key].low, got[key].best) == (value, value), key
    assert got[("killed", "Turkey")].grade == "weak"  # one origin, AFAD, under three names
    assert [(p.on.day, p.best) for p in got[("killed", None)].series] == [
        (6, 2351),
        (7, 7266),
        (8, 11104),
        (12, 34106),
        (20, 46970),
    ]
    assert not [f for f in found if f.kind in ("value_conflict", "downward_revision")]
    hatay_1700 = by_key["tr-2023-02-07-anadolu#killed-hatay"].id
    assert dict(got[("killed", "Hatay")].claims_set_aside)[hatay_1700] == "corrected"
    whole = got[("killed", None)]
    aside = dict(whole.claims_set_aside)
    early = [
        by_key["tr-2023-02-06-wire#killed-total-2300"],
        by_key["tr-2023-02-08-kompas#killed-total"],
    ]
    assert all(aside[c.id].startswith("overtaken") for c in early)
    assert any("passed the projection" in s.text for s in whole.explanation)


figures = st.lists(
    st.tuples(st.integers(1, 20), st.integers(0, 5000), st.sampled_from([AFAD, MOH, UN, REBELS])),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(figures, st.integers(1, 20), st.integers(0, 5000))
def test_adding_an_overtaken_figure_never_changes_todays_numbers(rows, day, value):
    claims = [
        quantity(i, "killed", "exact", v, src=src, on=d(day_), event=EV)
        for i, (day_, v, src) in enumerate(rows, start=1)
    ]
    before = reconcile_group(EV, "killed", "total", claims, [])
    # A figure some later count has passed: earlier than, and below, a standing count, from an
    # origin of its own (from an origin already here it would be that origin's update, rule 2).
    standing = [c for c in claims if c.id in before.claims_used]
    if not standing or not any(c.stated_on > d(1) for c in standing):
        return
    top = max((c for c in standing if c.stated_on > d(1)), key=lambda c: c.lower)
    extra = quantity(
        99,
        "killed",
        "exact",
        min(value, top.lower),
        src=actor("A new origin", partisan=False),
        on=top.stated_on.replace(day=top.stated_on.day - 1),
        event=EV,
    )
    after = reconcile_group(EV, "killed", "total", [*claims, extra], [])
    assert numbers(after) == numbers(before)


@settings(max_examples=60, deadline=None)
@given(figures)
def test_the_series_ends_at_the_current_result(rows):
    claims = [
        quantity(i, "killed", "exact", v, src=src, on=d(day_), event=EV)
        for i, (day_, v, src) in enumerate(rows, start=1)
    ]
    result = reconcile_group(EV, "killed", "total", claims, [])
    last = result.series[-1]
    assert (last.low, last.best, last.high, last.grade) == (*numbers(result), result.grade)
    assert [p.on for p in result.series] == sorted({c.stated_on for c in claims})


# Figures over a week, in a total and its parts, some later retracted or corrected by a claim
# of their own day or after: what the series' engines of earlier days (which skip steps, reuse
# settled parts and cut today's indexes) must agree with, worked out from scratch each day.
days_figures = st.lists(
    st.tuples(
        st.integers(1, 7),
        st.integers(1, 900),
        st.sampled_from(["total", "total", "civilians", "security forces"]),
        st.sampled_from([AFAD, MOH, UN, REBELS, WHITE_HELMETS]),
        st.sampled_from(["exact", "exact", "at_least", "approximately", "nearly"]),
        st.sampled_from([None, None, None, "retracts", "corrects"]),
        st.integers(0, 3),
        st.sampled_from([None, None, "Turkey", "Hatay", "Syria"]),
    ),
    min_size=1,
    max_size=9,
)


@settings(max_examples=80, deadline=None)
@given(days_figures)
def test_each_point_of_the_series_is_the_event_as_known_that_day(rows):
    claims, relations = [], []
    for i, (day, value, category, src, qualifier, withdrawal, later, place) in enumerate(rows, 1):
        claims.append(
            quantity(
                i,
                "killed",
                qualifier,
                value,
                category=category,
                src=src,
                on=d(day),
                event=EV,
                place=place,
            )
        )
        if withdrawal == "retracts":
            claims.append(other(100 + i, "retraction", src=src, on=d(day + later), event=EV))
            relations.append(rel(200 + i, "retracts", 100 + i, i))
        elif withdrawal == "corrects":
            fixed = value + 10 * later
            claims.append(
                quantity(
                    100 + i,
                    "killed",
                    "exact",
                    fixed,
                    category=category,
                    src=src,
                    on=d(day + later),
                    event=EV,
                    place=place,
                )
            )
            relations.append(rel(200 + i, "corrects", 100 + i, i))
    ranked = rank_claims(claims, relations)
    results, _ = reconcile_event(EV, ranked, relations, TODAY, False, places=PLACES)
    for result in results:
        for point in result.series:
            known = [c for c in claims if c.stated_on <= point.on]
            ids = {c.id for c in known}
            then = [r for r in relations if r.source_id in ids and r.target_id in ids]
            that_day, _ = reconcile_event(
                EV, rank_claims(known, then), then, TODAY, False, places=PLACES
            )
            (same,) = [
                r
                for r in that_day
                if (r.metric, r.category, r.place) == (result.metric, result.category, result.place)
            ]
            assert (point.low, point.best, point.high, point.grade) == (
                same.low,
                same.best,
                same.high,
                same.grade,
            ), (point, result.metric, result.category)


def test_an_edits_groups_alone_answer_as_the_whole_event_does():
    """An edit reconciles its own groups (metric, category, in every place) and every conflict
    of the event: the same answers, and the same conflicts, as the whole event's."""
    claims, relations, places, _ = load()
    claims = rank_claims(claims, relations)
    every, found = reconcile_event(EVENT, claims, relations, TODAY, True, places=places)
    wanted = {("killed", "total")}
    some, found_too = reconcile_event(
        EVENT, claims, relations, TODAY, True, places=places, only=wanted
    )
    assert some == [r for r in every if (r.metric, r.category) in wanted]
    assert len({r.place for r in some}) > 3  # the group in each of its places
    assert found_too == found
    # As the edit path's conflicts were found before: by an engine without a series.
    assert found == detect_conflicts(EVENT, claims, relations, TODAY, True, places=places)
