"""Allegations, denials and retractions from single sentences."""

from __future__ import annotations

import pytest

from factcheck.domain.extraction import suggest


def kinds(text: str, language: str) -> list[tuple[str, str, str | None]]:
    return [
        (s.kind, s.quote, s.attributed_to)
        for s in suggest(text, language=language)
        if s.kind != "quantity"
    ]


@pytest.mark.parametrize(
    "text, language, kind, speaker",
    [
        (
            "Amnesty International accused police of using excessive force.",
            "en",
            "allegation",
            "Amnesty International",
        ),
        (
            "Tokayev said the attackers included fighters from Central Asia.",
            "en",
            "allegation",
            "Tokayev",
        ),
        (
            "Sejumlah saksi mata menuduh polisi menembakkan gas air mata ke arah tribun.",
            "id",
            "allegation",
            "Sejumlah saksi mata",
        ),
        (
            "The Defense Ministry denied that soldiers had fired on civilians.",
            "en",
            "denial",
            "The Defense Ministry",
        ),
        ("Iqbal membantah bahwa anggota Polri menggunakan peluru tajam.", "id", "denial", "Iqbal"),
        (
            'Tokayev mengklaim personel keamanan "tidak pernah menembaki demonstran damai".',
            "id",
            "denial",
            "Tokayev",
        ),
    ],
)
def test_allegations_and_denials(text, language, kind, speaker):
    ((found_kind, _, found_speaker),) = kinds(text, language)
    assert (found_kind, found_speaker) == (kind, speaker)


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Komnas HAM menyatakan akan menyelidiki dugaan penggunaan kekuatan berlebihan oleh aparat.",
            "id",
        ),
        ("Tokayev said foreign troops would leave soon.", "en"),
        ("The Prosecutor General's office said it was investigating allegations of torture.", "en"),
    ],
)
def test_statements_and_inquiries_are_not_allegations(text, language):
    assert kinds(text, language) == []


def test_one_allegation_per_speaker_and_accusation_preferring_the_named_one_in_own_words():
    text = (
        "Tokayev said the unrest was a bid to seize power. Tokayev said it was a coup attempt. "
        '"It was an attempted coup," he said.'
    )
    found = kinds(text, "en")
    assert found == [("allegation", "It was an attempted coup", "Tokayev")]


@pytest.mark.parametrize(
    "text, language, retracted",
    [
        (
            "Pada hari Ahad, kementerian informasi mencabut pernyataan yang mengatakan lebih dari 164 orang tewas.",
            "id",
            "lebih dari 164 orang tewas",
        ),
        (
            "The ministry said 164 people had been killed. It later withdrew the report, saying the figure had been "
            "posted in error.",
            "en",
            "164 people had been killed",
        ),
        ("On Saturday OCHA withdrew those numbers and put the toll at 3,958.", "en", None),
    ],
)
def test_retractions_point_at_the_figure_they_withdraw(text, language, retracted):
    (retraction,) = [s for s in suggest(text, language=language) if s.kind == "retraction"]
    assert (retraction.retracts[0].exact if retraction.retracts else None) == retracted
    assert retraction.to_dict()["retracts_quote"] == retracted


def test_withdrawn_troops_are_not_a_retraction():
    assert kinds("CSTO troops withdrew from Kazakhstan on Thursday.", "en") == []
