"""A retraction, correction or update comes from whoever gave the figure, and not before it."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.domain.link_rules import LinkEnd, link_doubts

MINISTRY = dict(speaker="actor:1", origin="actor:1", voice="the ministry")
POLICE = dict(speaker="actor:2", origin="actor:2", voice="the police")


def end(claim_id: int, day: int, who: dict) -> LinkEnd:
    return LinkEnd(claim_id, said_on=date(2022, 1, day), **who)


def test_the_ministry_retracting_its_own_figure_later_raises_no_doubt():
    assert link_doubts("retracts", end(7, 10, MINISTRY), end(3, 9, MINISTRY)) == []


def test_another_speaker_retracting_it_is_doubted_with_both_names():
    doubts = link_doubts("retracts", end(7, 10, POLICE), end(3, 9, MINISTRY))
    assert doubts == [
        "claim 7 comes from the police and claim 3 from the ministry: only who gave a figure "
        "can retract it"
    ]


def test_a_correction_before_the_figure_it_corrects_is_doubted():
    (doubt,) = link_doubts("corrects", end(7, 8, MINISTRY), end(3, 9, MINISTRY))
    assert "claim 7 (2022-01-08) is earlier than claim 3 (2022-01-09)" in doubt


def test_a_copy_speaking_with_the_same_origin_may_retract():
    relayed = dict(speaker=None, origin="actor:1", voice="the ministry")
    assert link_doubts("supersedes", end(7, 10, relayed), end(3, 9, MINISTRY)) == []


@pytest.mark.parametrize("kind", ["corroborates", "contradicts", "denies", "component_of"])
def test_other_links_may_join_any_two_claims(kind):
    assert link_doubts(kind, end(7, 8, POLICE), end(3, 9, MINISTRY)) == []
