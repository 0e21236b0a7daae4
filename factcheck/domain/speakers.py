"""What kind of speaker a name is, and whether it governs the event's place (DOMAIN.md §4, §11).

A speaker first met in a suggestion ("Kementerian Kesehatan Suriah said ...")
is stored with a kind read from its words, so that a ministry is not counted as
a person, and as party to the event when it is the government of one of the
event's places (a partisan origin, §4). The reviewer sees both before saving
and can change them; these are proposals, not facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcheck.domain.names import comparable, name_key

# Read in this order: an international body's "office" is not a national government.
INTERNATIONAL = (
    "world health organization",
    "world health organisation",
    "united nations",
    "organisasi kesehatan dunia",
    "perserikatan bangsa-bangsa",
    "pbb",
    "unicef",
    "unhcr",
    "ocha",
    "world food programme",
)
NGO = (
    "red crescent",
    "red cross",
    "bulan sabit merah",
    "palang merah",
    "white helmets",
    "helm putih",
    "amnesty",
    "human rights watch",
    "doctors without borders",
    "médecins sans frontières",
)
GOVERNMENT = (
    "ministry",
    "minister",
    "kementerian",
    "kementrian",
    "menteri",
    "police",
    "polisi",
    "kepolisian",
    "polri",
    "office",
    "kantor",
    "authority",
    "agency",
    "badan",
    "governor",
    "gubernur",
    "government",
    "pemerintah",
    "president",
    "presiden",
    "mayor",
    "bupati",
    "department",
    "dinas",
)
MILITARY = ("army", "military", "armed forces", "tentara", "militer", "tni")
# Institution words that keep a run of capitalised words from reading as a person's name.
INSTITUTION = (
    INTERNATIONAL
    + NGO
    + GOVERNMENT
    + MILITARY
    + (
        "organization",
        "organisation",
        "committee",
        "council",
        "news",
        "group",
    )
)
# Lower-case particles inside a person's name ("Bashar al-Assad", "Ursula von der Leyen").
PARTICLES = {"al", "el", "bin", "binti", "van", "von", "der", "de", "da", "di", "del", "la", "le"}
# Adjectives of the countries the corpora name, so "Syrian government" names Syria.
DEMONYMS = {
    "syrian": "syria",
    "turkish": "turkey",
    "indonesian": "indonesia",
    "kazakh": "kazakhstan",
    "libyan": "libya",
    "moroccan": "morocco",
}

_WORD = re.compile(r"[\w'’.-]+")


def _has(words: Iterable[str], key: str) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", key) for w in words)


def _is_person(name: str) -> bool:
    """Two or more capitalised words (particles allowed), nothing else: "Fahrettin Koca"."""
    tokens = _WORD.findall(name)
    if not 2 <= len(tokens) <= 6 or any(ch.isdigit() for ch in name):
        return False
    capitalised = 0
    for token in tokens:
        bare = re.sub(r"^(al|el)-", "", token, flags=re.IGNORECASE).strip(".")
        if bare.lower() in PARTICLES:
            continue
        if not bare or not bare[0].isupper() or (len(bare) > 1 and bare.isupper()):
            return False  # a lower-case word or an acronym ("AFAD") is no person's name
        capitalised += 1
    return capitalised >= 2


def speaker_kind(name: str) -> str:
    """The actor kind a speaker's name suggests (one of vocabulary.ACTOR_KINDS)."""
    key = name_key(name or "")
    if not key:
        return "other"
    if _has(INTERNATIONAL, key):
        return "international organisation"
    if _has(NGO, key):
        return "NGO"
    if _has(GOVERNMENT, key):
        return "government"
    if _has(MILITARY, key):
        return "military"
    if not _has(INSTITUTION, key) and _is_person(name.strip()):
        return "person"
    return "other"


def _words(text: str) -> list[str]:
    return [DEMONYMS.get(w, w) for w in comparable(text).split()]


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def governs(
    name: str,
    kind: str,
    place_names: Iterable[Iterable[str]],
    affiliation: str | None = None,
    country: str | None = None,
) -> bool:
    """Whether a government speaker is the government of one of the event's places.

    `place_names` holds, per place the event covers, its name and aliases. The
    speaker's affiliation or country naming the place, or the place named inside
    the speaker's own name ("Kementerian Kesehatan Suriah" for Syria), makes it so.
    """
    if kind != "government":
        return False
    own = _words(name)
    stated = [_words(v) for v in (affiliation, country) if v]
    for names in place_names:
        for place in names:
            words = _words(place)
            if not words:
                continue
            if _contains(own, words) or any(s == words for s in stated):
                return True
    return False
