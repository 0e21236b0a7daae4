"""Rules 1-4 of DOMAIN.md §5 on small cases, as a reviewer would see the result."""

from datetime import date

from recon_builders import actor, other, outlet, quantity, rel

from factcheck.domain.reconciliation import origin_of, rank_claims, reconcile_event, reconcile_group

SUDAN = "2023-sudan-clashes"
MINISTRY = actor("Ministry of Health")  # partisan, accountable
OCHA = actor("UN OCHA", "international organisation", partisan=False, accountable=True)
AP, AFP, KOMPAS = outlet("AP"), outlet("AFP"), outlet("Kompas", "news site")


def d(day: int) -> date:
    return date(2023, 4, day)


def numbers(result):
    return result.low, result.best, result.high


# Rule 1: deprecated claims are excluded.


def test_deprecated_claim_is_set_aside_with_its_reason_and_moves_nothing():
    claims = [
        quantity(1, "killed", "at_least", 185, src=OCHA, on=d(17), event=SUDAN),
        quantity(
            2,
            "killed",
            "exact",
            413,
            src=MINISTRY,
            on=d(18),
            event=SUDAN,
            rank="deprecated",
            reason="corrected",
        ),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert numbers(result) == (185, 185, 185)
    assert result.claims_set_aside == ((2, "corrected"),)
    assert any("deprecated" in s.text and 2 in s.claim_ids for s in result.explanation)


def test_every_claim_deprecated_gives_discounted_and_no_numbers():
    claims = [
        quantity(
            1,
            "killed",
            "exact",
            40,
            src=MINISTRY,
            event=SUDAN,
            rank="deprecated",
            reason="withdrawn",
        )
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert numbers(result) == (None, None, None)
    assert result.grade == "discounted"


def test_a_withdrawn_retraction_no_longer_deprecates_its_target():
    claims = [
        quantity(1, "killed", "exact", 60, src=MINISTRY, event=SUDAN),
        other(2, "retraction", src=MINISTRY, event=SUDAN, rank="deprecated", reason="withdrawn"),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [rel(1, "retracts", 2, 1)])
    assert numbers(result) == (60, 60, 60)


def test_rank_claims_applies_decide_ranks():
    claims = [quantity(1, "killed", "exact", 60, event=SUDAN), other(2, "retraction", event=SUDAN)]
    ranked = {c.id: c for c in rank_claims(claims, [rel(1, "retracts", 2, 1)], preferred={})}
    assert (ranked[1].rank, ranked[1].rank_reason) == ("deprecated", "retracted")
    assert ranked[2].rank == "normal"


# Rule 2: running tallies, latest per origin.


def test_an_origins_latest_tally_supersedes_its_earlier_one():
    claims = [
        quantity(1, "killed", "exact", 56, src=MINISTRY, on=d(16), event=SUDAN),
        quantity(2, "killed", "exact", 97, src=MINISTRY, on=d(17), event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert numbers(result) == (97, 97, 97)
    assert result.claims_set_aside == ((1, "superseded by claim 2"),)
    assert "downward_revision" not in result.flags


def test_a_later_lower_tally_without_a_correction_is_flagged_but_still_current():
    claims = [
        quantity(1, "killed", "exact", 97, src=MINISTRY, on=d(17), event=SUDAN),
        quantity(2, "killed", "exact", 80, src=MINISTRY, on=d(19), event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert numbers(result) == (80, 80, 80)
    assert "downward_revision" in result.flags


def test_a_stated_correction_is_not_a_downward_revision():
    claims = [
        quantity(1, "killed", "exact", 97, src=MINISTRY, on=d(17), event=SUDAN),
        quantity(2, "killed", "exact", 80, src=MINISTRY, on=d(19), event=SUDAN),
    ]
    result = reconcile_group(
        SUDAN, "killed", "total", claims, [rel(1, "corrects", 2, 1, "double counting")]
    )
    assert "downward_revision" not in result.flags
    assert (1, "corrected") in result.claims_set_aside


def test_in_custody_may_fall_without_a_flag():
    claims = [
        quantity(1, "in_custody", "exact", 900, src=MINISTRY, on=d(17), event=SUDAN),
        quantity(2, "in_custody", "exact", 300, src=MINISTRY, on=d(25), event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "in_custody", "total", claims, [])
    assert numbers(result) == (300, 300, 300)
    assert result.flags == ("single_partisan_source",)


def test_an_explicit_supersedes_relation_sets_the_target_aside():
    claims = [
        quantity(1, "injured", "exact", 300, via=AP, on=d(17), event=SUDAN),
        quantity(2, "injured", "approximately", 1000, via=AFP, on=d(18), event=SUDAN),
    ]
    result = reconcile_group(SUDAN, "injured", "total", claims, [rel(1, "supersedes", 2, 1)])
    assert (1, "superseded by claim 2") in result.claims_set_aside
    assert numbers(result) == (900, 1000, 1100)


# Rule 3: origins count once.


def test_origin_is_cited_source_then_speaker_then_original_outlet_then_outlet():
    base = quantity(1, "killed", "exact", 10, via=KOMPAS)
    assert origin_of(base) == KOMPAS
    assert origin_of(quantity(1, "killed", "exact", 10, via=KOMPAS, original=AFP)) == AFP
    assert (
        origin_of(quantity(1, "killed", "exact", 10, via=KOMPAS, original=AFP, src=MINISTRY))
        == MINISTRY
    )
    assert (
        origin_of(quantity(1, "killed", "exact", 10, via=KOMPAS, src=OCHA, cites=MINISTRY))
        == MINISTRY
    )


def test_five_outlets_repeating_a_ministry_are_one_voice():
    claims = [
        quantity(i, "killed", "exact", 225, src=MINISTRY, via=outlet(f"outlet {i}"), event=SUDAN)
        for i in range(1, 6)
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [])
    assert result.grade == "weak"  # not "fair": one origin
    origin = next(s for s in result.explanation if s.rule == "origin" and "counted once" in s.text)
    assert "1 origin" in origin.text
    assert result.claims_used == (1,)  # same day, same figure: the first claim speaks for all
    assert {reason for _, reason in result.claims_set_aside} == {"superseded by claim 1"}


def test_two_independent_outlets_that_agree_are_fair():
    claims = [
        quantity(1, "killed", "approximately", 40, via=AP, event=SUDAN),
        quantity(2, "killed", "exact", 42, via=AFP, event=SUDAN),
    ]
    assert reconcile_group(SUDAN, "killed", "total", claims, []).grade == "fair"


def test_a_republishes_relation_makes_a_copy_one_voice_with_its_original():
    claims = [
        quantity(1, "killed", "exact", 42, via=AFP, event=SUDAN),
        quantity(
            2, "killed", "exact", 42, via=KOMPAS, on=d(12), event=SUDAN
        ),  # copy, credit missing
    ]
    result = reconcile_group(SUDAN, "killed", "total", claims, [rel(1, "republishes", 2, 1)])
    assert result.claims_set_aside == ((2, "republished copy of claim 1"),)
    assert result.grade == "weak"


# Rule 4: sub-totals.


def test_components_in_indonesian_labels_make_a_floor_for_the_total():
    event = "2019-papua-unrest"
    claims = [
        quantity(1, "killed", "at_least", 20, via=KOMPAS, event=event),  # "sedikitnya 20"
        quantity(
            2,
            "killed",
            "exact",
            30,
            category="civilians",
            label="warga sipil",
            src=MINISTRY,
            event=event,
        ),
        quantity(
            3,
            "killed",
            "exact",
            12,
            category="security forces",
            label="aparat keamanan",
            src=MINISTRY,
            event=event,
        ),
    ]
    result = reconcile_group(event, "killed", "total", claims, [])
    assert result.low == 42
    step = next(s for s in result.explanation if s.rule == "components")
    assert "warga sipil" in step.text and "= 42" in step.text


def test_a_total_nobody_states_is_the_sum_of_its_parts():
    claims = [
        quantity(1, "killed", "exact", 7, category="children", label="anak-anak", via=KOMPAS),
        quantity(2, "killed", "exact", 5, category="women", label="perempuan", via=KOMPAS),
    ]
    results, _ = reconcile_event("ev", claims, [], date(2022, 1, 10), False)
    by_group = {(r.metric, r.category): r for r in results}
    assert set(by_group) == {
        ("killed", "children"),
        ("killed", "women"),
        ("killed", "civilians"),
        ("killed", "total"),
    }
    assert numbers(by_group[("killed", "civilians")]) == (12, 12, 12)
    assert numbers(by_group[("killed", "total")]) == (12, 12, 12)


def test_parts_that_exceed_the_stated_total_are_flagged_and_not_used_as_floor():
    """The prosecutor's March 2022 breakdown adds to 241 against a stated 230."""
    event = "2022-kazakhstan-unrest"
    prosecutor = actor("Prosecutor General of Kazakhstan")
    claims = [
        quantity(1, "killed", "exact", 230, src=prosecutor, event=event),
        quantity(2, "killed", "exact", 180, category="civilians", src=prosecutor, event=event),
        quantity(3, "killed", "exact", 19, category="security forces", src=prosecutor, event=event),
        quantity(
            4,
            "killed",
            "exact",
            42,
            category="armed assailants",
            label="armed criminals",
            src=prosecutor,
            event=event,
        ),
    ]
    result = reconcile_group(event, "killed", "total", claims, [])
    assert numbers(result) == (230, 230, 230)
    assert "component_overlap" in result.flags
    assert any("not used as a floor" in s.text for s in result.explanation)


def test_explicit_parts_of_a_stated_total_do_not_compete_with_it():
    claims = [
        quantity(1, "killed", "exact", 225, src=MINISTRY),
        quantity(2, "killed", "exact", 19, src=MINISTRY, label="in Almaty"),
    ]
    result = reconcile_group("ev", "killed", "total", claims, [rel(1, "component_of", 2, 1)])
    assert numbers(result) == (225, 225, 225)
    assert result.claims_set_aside == ((2, "part of claim 1"),)
