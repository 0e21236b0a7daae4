"""Names of actors, outlets and places: how two spellings are compared, and likely duplicates.

One key for every comparison (DOMAIN.md §11): "Kazakhstan’s  Interior Ministry"
and "kazakhstan's interior ministry" are the same name. Likely duplicates are
scored with rapidfuzz on those keys, so that "Disaster and Emergency Management
Authority" is proposed as a twin of "Turkey's disaster and emergency management
authority", and a reviewer decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_SPACES = re.compile(r"\s+")
# Words that say little about which body is meant; dropped before fuzzy scoring.
_FILLER = re.compile(
    r"\b(the|of|and|for|in|its|s|dan|untuk|di|ke|yang)\b|'s\b",
)

# Below this score (0-100) two names are not proposed as twins.
DUPLICATE_SCORE = 85


def name_key(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, straight quotes, single spaces."""
    folded = unicodedata.normalize("NFKC", name).translate(_QUOTES).casefold()
    return _SPACES.sub(" ", folded).strip()


# Indonesian words of institutions and places, in English, so that a name in one language
# scores against its twin in the other ("Kementerian Kesehatan Suriah" ~ "Syria's health ministry").
GLOSSARY = {
    "kementerian": "ministry",
    "kementrian": "ministry",
    "kesehatan": "health",
    "dalam negeri": "interior",
    "luar negeri": "foreign",
    "pertahanan": "defence",
    "kepolisian": "police",
    "polisi": "police",
    "badan": "agency",
    "penanggulangan bencana": "disaster management",
    "bencana": "disaster",
    "darurat": "emergency",
    "gubernur": "governor",
    "kantor": "office",
    "presiden": "president",
    "pemerintah": "government",
    "tentara": "army",
    "militer": "military",
    "organisasi kesehatan dunia": "world health organization",
    "perserikatan bangsa-bangsa": "united nations",
    "pbb": "united nations",
    "helm putih": "white helmets",
    "suriah": "syria",
    "turki": "turkey",
    "türkiye": "turkey",
    "kazakstan": "kazakhstan",
}
_GLOSSARY = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, GLOSSARY), key=len, reverse=True)) + r")\b"
)


def _loose(key: str) -> str:
    english = _GLOSSARY.sub(lambda m: GLOSSARY[m.group(1)], key)
    return _SPACES.sub(" ", _FILLER.sub(" ", english.replace("'s", " "))).strip()


def comparable(name: str) -> str:
    """A name as twins are compared: its key in English words, filler words dropped."""
    return _loose(name_key(name))


@dataclass(frozen=True)
class Twin:
    """A stored record whose name (or one of its aliases) is close to the one looked at."""

    record_id: int
    name: str
    matched: str  # the name or alias that scored
    score: float


def likely_duplicates(
    name: str, known: Iterable[tuple[int, str]], limit: int = 5, exclude: int | None = None
) -> list[Twin]:
    """Records among `known` (id, name-or-alias) whose name is close to `name`, best first.

    A record appears once, with its best-scoring name. Token-set scoring finds them: word
    order and a country prefix matter little. But it gives 100 to any name whose words are
    all inside the other's ("Police" and "Almaty Police"), so every twin scored 100 and the
    list could not say which is likeliest; the score shown and ranked is its mean with the
    token-sort score, which counts the words one name has and the other lacks: 100 for the
    same words in any order, 91 for "Ministry of Health" against "… of Turkey", 82 for
    "Police" against "Almaty Police".
    """
    wanted = _loose(name_key(name))
    if not wanted:
        return []
    choices = [(rid, n, _loose(name_key(n))) for rid, n in known if rid != exclude]
    scored = process.extract(
        wanted,
        [c[2] for c in choices],
        scorer=fuzz.token_set_ratio,
        score_cutoff=DUPLICATE_SCORE,
        limit=None,
    )
    best: dict[int, Twin] = {}
    for loose, found, index in scored:
        rid, matched, _ = choices[index]
        score = round((found + fuzz.token_sort_ratio(wanted, loose)) / 2, 1)
        if rid not in best or score > best[rid].score:
            best[rid] = Twin(rid, matched, matched, score)
    return sorted(best.values(), key=lambda t: (-t.score, t.record_id))[:limit]
