"""The reference case of DOMAIN.md §8, built by hand from shared/corpus/*.claims.yaml."""

from datetime import date

from recon_builders import KZ, TRT, VOA, reference_claims, reference_relations

from factcheck.domain.reconciliation import origin_of, reconcile_event, reconcile_group


def killed_total():
    return reconcile_group(KZ, "killed", "total", reference_claims(), reference_relations())


def test_killed_total_is_42_42_99_weak():
    result = killed_total()
    assert (result.low, result.best, result.high) == (42, 42, 99)
    assert result.grade == "weak"


def test_retracted_164_is_set_aside_and_named_in_the_explanation():
    result = killed_total()
    assert (6, "retracted") in result.claims_set_aside
    assert 6 not in result.claims_used
    rank_steps = [s for s in result.explanation if 6 in s.claim_ids and s.rule == "rank"]
    assert rank_steps, "the retraction must be visible in the group's explanation"
    assert "retracted by claim 7" in rank_steps[0].text and "technical error" in rank_steps[0].text


def test_the_floor_of_named_deaths_and_dozens_cap_are_explained():
    steps = {s.rule: s for s in killed_total().explanation}
    assert "26" in steps["components"].text and "16" in steps["components"].text
    assert "= 42" in steps["components"].text
    assert set(steps["components"].claim_ids) == {8, 9}
    assert steps["high"].text.startswith("high = 99") and steps["high"].claim_ids == (10,)
    assert "clamped up to 42" in steps["best"].text
    assert set(killed_total().claims_used) == {8, 9, 10}


def test_detained_total_is_7200_8000_8000_weak():
    result = reconcile_group(KZ, "detained", "total", reference_claims(), reference_relations())
    assert (result.low, result.best, result.high) == (7200, 8000, 8000)
    assert result.grade == "weak"
    assert result.claims_used == (11,)


def test_the_outlets_own_voice_traces_to_trt_not_voa_islam():
    dozens = next(c for c in reference_claims() if c.id == 10)
    assert dozens.outlet == VOA
    assert origin_of(dozens) == TRT


def test_ranks_are_rederived_from_the_retracts_relation():
    """Even if the persistence layer forgot to deprecate 164, the retracts relation does."""
    from dataclasses import replace

    claims = [
        replace(c, rank="normal", rank_reason=None) if c.id == 6 else c for c in reference_claims()
    ]
    result = reconcile_group(KZ, "killed", "total", claims, reference_relations())
    assert (result.low, result.best, result.high) == (42, 42, 99)
    assert (6, "retracted") in result.claims_set_aside


def test_whole_event_gives_every_group_in_vocabulary_order():
    results, findings = reconcile_event(
        KZ, reference_claims(), reference_relations(), date(2022, 1, 12), True
    )
    assert [(r.metric, r.category) for r in results] == [
        ("killed", "total"),
        ("killed", "security forces"),
        ("killed", "armed assailants"),
        ("detained", "total"),
    ]
    # Every figure but the outlet's "puluhan" comes from a party to the unrest.
    assert {(f.kind, f.category) for f in findings} == {
        ("single_partisan_source", "security forces"),
        ("single_partisan_source", "armed assailants"),
        ("single_partisan_source", "total"),
    }
    assert all(r.low <= r.best <= r.high for r in results)
