"""A new speaker's kind from its words, in English and Indonesian; whether it governs the event's place."""

from __future__ import annotations

import pytest

from factcheck.domain.names import likely_duplicates
from factcheck.domain.speakers import governs, speaker_kind
from factcheck.domain.vocabulary import ACTOR_KINDS


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Ministry of Health of Syria", "government"),
        ("Kementerian Kesehatan Suriah", "government"),
        ("the health ministry", "government"),
        ("Almaty police", "government"),
        ("Polisi", "government"),
        ("Kepolisian Daerah Papua", "government"),
        ("Governor of Hatay", "government"),
        ("Kantor Gubernur Hatay", "government"),
        ("Disaster and Emergency Management Authority", "government"),
        ("Badan Penanggulangan Bencana dan Darurat Turki", "government"),
        ("Turkish army", "military"),
        ("Tentara Nasional Indonesia", "military"),
        ("Syrian Red Crescent", "NGO"),
        ("White Helmets", "NGO"),
        ("Helm Putih", "NGO"),
        ("Amnesty International", "NGO"),
        ("Human Rights Watch", "NGO"),
        ("World Health Organization", "international organisation"),
        ("United Nations office in Damascus", "international organisation"),
        ("PBB", "international organisation"),
        ("Fahrettin Koca", "person"),
        ("Recep Tayyip Erdoğan", "person"),
        ("Bashar al-Assad", "person"),
        ("AFAD", "other"),
        ("Erdogan", "other"),
        ("witnesses", "other"),
        ("", "other"),
    ],
)
def test_the_words_of_a_name_give_its_kind(name, kind):
    assert speaker_kind(name) == kind
    assert kind in ACTOR_KINDS


PLACES = [["Turkey", "Turki", "Türkiye"], ["Syria", "Suriah"]]


@pytest.mark.parametrize(
    "name",
    [
        "Kementerian Kesehatan Suriah",
        "Ministry of Health of Syria",
        "Syria's health ministry",
        "Syrian government",
        "Badan Penanggulangan Bencana dan Darurat Turki",
    ],
)
def test_a_government_named_after_the_events_place_is_party_to_it(name):
    assert governs(name, "government", PLACES)


def test_a_government_of_elsewhere_or_no_government_is_not():
    assert not governs("Kazakhstan's interior ministry", "government", PLACES)
    assert not governs("Governor of Hatay", "government", PLACES)  # a province, not the place
    assert not governs("Syrian Red Crescent", "NGO", PLACES)
    assert not governs("Ministry of Health of Syria", "government", [])


def test_affiliation_or_country_names_the_place():
    assert governs("AFAD", "government", PLACES, affiliation="Turkey")
    assert governs("AFAD", "government", PLACES, country="Türkiye")
    assert not governs("AFAD", "government", PLACES, country="Greece")


def test_twins_are_found_across_english_and_indonesian():
    known = [(1, "Ministry of Health of Syria"), (2, "AFAD"), (3, "White Helmets")]
    assert [t.record_id for t in likely_duplicates("Kementerian Kesehatan Suriah", known)] == [1]
    assert [t.record_id for t in likely_duplicates("Helm Putih", known)] == [3]
    known.append((2, "Turkey's disaster and emergency management authority"))
    twins = likely_duplicates("Disaster and Emergency Management Authority", known)
    assert [t.record_id for t in twins] == [2]
    assert likely_duplicates("Kazakhstan's interior ministry", known) == []


def test_twins_are_ranked_by_how_much_of_each_name_the_other_holds():
    """The same words score 100; a name inside a longer one less, the more the other adds."""
    known = [(1, "Almaty Police"), (2, "Police"), (3, "Ministry of Health of Turkey")]
    twins = {t.record_id: t.score for t in likely_duplicates("Police of Almaty", known)}
    assert twins[1] == 100 and 80 <= twins[2] < 90
    assert [t.record_id for t in likely_duplicates("Police of Almaty", known)] == [1, 2]
    (health,) = likely_duplicates("Ministry of Health", known)
    assert health.record_id == 3 and 85 <= health.score < 100
