"""Issue #16's constructions, each in a sentence of its own: what a reviewer sees suggested."""

from __future__ import annotations

from datetime import UTC, datetime

from factcheck.domain.extraction import Candidate, propose_links, suggest

MONDAY = datetime(2022, 1, 10, 18, tzinfo=UTC)
ALMATY = [("Almaty", ["Алматы"]), ("Kazakhstan", ["Kazakstan"])]


def _quantities(text: str, language: str = "en", **kw):
    return [
        s
        for s in suggest(text, language=language, published_at=MONDAY, **kw)
        if s.kind == "quantity"
    ]


def test_category_comes_from_the_speakers_word():
    (officers,) = _quantities("The ministry said 612 officers were injured in the clashes.")
    assert (officers.metric, officers.category, officers.category_label) == (
        "injured",
        "security forces",
        "officers",
    )


def test_euphemisms_in_quotation_marks_are_killings():
    (bandits,) = _quantities('Troops "neutralised" 12 gunmen near the border, the army said.')
    assert (bandits.metric, bandits.category, bandits.value) == ("killed", "armed assailants", 12)


def test_a_part_with_its_place_and_a_moment():
    total, part = _quantities(
        "The health ministry said 225 people had been killed as of Monday, including 103 in Almaty.",
        places=ALMATY,
        area=["Kazakhstan"],
    )
    assert (total.value, total.place, total.as_of.isoformat()) == (225, None, "2022-01-10")
    assert (part.metric, part.value, part.place, part.place_known) == (
        "killed",
        103,
        "Almaty",
        True,
    )


def test_a_new_place_is_proposed_as_written():
    (figure,) = _quantities(
        "At least 40 people died in Taldykorgan, officials said.", places=ALMATY
    )
    assert (figure.place, figure.place_known) == ("Taldykorgan", False)


def test_crowds_are_not_tallies():
    assert not _quantities("Tens of thousands of people were trapped under rubble.")
    assert not _quantities("Ratusan ribu warga memadati jalan-jalan di ibu kota.", language="id")


def test_a_correction_stating_both_figures_suggests_the_new_one_and_a_link():
    text = (
        "The agency corrected the figure of 164 dead it gave on Sunday to 225, citing a data error."
    )
    (figure,) = _quantities(text)
    assert (figure.value, figure.revises.value, figure.revises.relation) == (225, 164, "corrects")
    assert figure.revises.stated_on.isoformat() == "2022-01-09"
    assert figure.stated_on.isoformat() == "2022-01-10"
    earlier = Candidate(7, "killed", "total", None, 164.0, "exact", ("the agency",))
    (linked,) = propose_links([figure], [earlier])
    assert [(link.type, link.target) for link in linked.links] == [("corrects", 7)]


def test_indonesian_correction_and_moment():
    text = (
        "BNPB meralat angka korban tewas dari 30 orang menjadi 27 orang hingga Senin (10/1/2022)."
    )
    (figure,) = _quantities(text, language="id")
    assert (figure.value, figure.revises.value, figure.revises.relation) == (27, 30, "corrects")
    assert figure.as_of.isoformat() == "2022-01-10"
