"""Speakers ("kata …", "the ministry said", "menurut …", pronouns) and stated_on from relative days."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from factcheck.domain.extraction import suggest
from factcheck.domain.extraction.dates import weekday_on_or_before

WIB = timezone(timedelta(hours=7))
TUESDAY = datetime(2022, 1, 11, 22, 25, tzinfo=WIB)


@pytest.mark.parametrize(
    "text, language, speaker",
    [
        (
            "Sedikitnya 12 orang tewas, kata Kementerian Dalam Negeri pada Senin.",
            "id",
            "Kementerian Dalam Negeri",
        ),
        (
            "At least 12 people were killed, the interior ministry said on Monday.",
            "en",
            "the interior ministry",
        ),
        (
            "Menurut Kantor Kejaksaan Agung, sedikitnya 44 orang tewas.",
            "id",
            "Kantor Kejaksaan Agung",
        ),
        ("According to the health ministry, 30 people were injured.", "en", "the health ministry"),
        ("Para pejabat sebelumnya mengatakan 26 orang tewas.", "id", "Para pejabat"),
        ("Tokayev said 164 people were killed.", "en", "Tokayev"),
    ],
)
def test_speaker_of_a_figure(text, language, speaker):
    (s,) = suggest(text, language=language, published_at=TUESDAY)
    assert s.attributed_to == speaker


def test_no_speaker_is_the_outlets_own_voice():
    (s,) = suggest("Negara itu berkabung untuk puluhan orang yang tewas.", language="id")
    assert s.attributed_to is None


def test_pronouns_resolve_to_the_last_speaker():
    text = 'Gubernur Ridwan Kamil mengatakan situasi terkendali. "Korban luka-luka 1.083 orang," katanya.'
    (s,) = suggest(text, language="id")
    assert (s.attributed_to, s.value, s.metric) == ("Gubernur Ridwan Kamil", 1083, "injured")
    (s,) = suggest(
        '"Law enforcement did not fire on peaceful demonstrators," Tokayev said. '
        '"I have given the order," he said, adding that 12 soldiers were killed.',
        language="en",
    )[-1:]
    assert s.attributed_to == "Tokayev"


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("pada Senin", date(2022, 1, 10)),
        ("pada hari Ahad", date(2022, 1, 9)),
        ("pada Minggu", date(2022, 1, 9)),
        ("pada Selasa", date(2022, 1, 11)),  # the dateline's own weekday is that day
        ("pada Rabu (5/1/2022)", date(2022, 1, 5)),
        ("kemarin", date(2022, 1, 10)),
    ],
)
def test_relative_days_resolve_against_the_dateline(phrase, expected):
    (s,) = suggest(
        f"Sedikitnya 12 orang tewas, kata polisi {phrase}.", language="id", published_at=TUESDAY
    )
    assert s.stated_on == expected


def test_relative_days_in_english_and_from_the_dateline_alone():
    text = "January 10, 2022 3:12 PM GMT+6\nALMATY (Reuters) - At least 12 people were killed, police said on Sunday.\n"
    (s,) = suggest(text, language="en")
    assert s.stated_on == date(2022, 1, 9)


def test_weekday_on_or_before():
    assert weekday_on_or_before(date(2022, 1, 11), 0) == date(2022, 1, 10)
    assert weekday_on_or_before(date(2022, 1, 11), 1) == date(2022, 1, 11)
    assert weekday_on_or_before(date(2022, 1, 11), 2) == date(2022, 1, 5)
