"""The words extraction looks for, per language: one `Lexicon` per language code.

Phrases are plain words (matched case-insensitively on word boundaries) or, where
noted, regular expressions. Qualifier phrases and vague words are not here: they
come from `factcheck.domain.qualifiers` (the one place that defines them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per language
class Lexicon:
    language: str
    metric_after: tuple[
        tuple[str, str], ...
    ]  # (regex, metric) after the figure: "were killed", "tewas"
    metric_before: tuple[tuple[str, str], ...]  # (regex, metric) just before: "killing", "menahan"
    toll_nouns: tuple[
        tuple[str, str], ...
    ]  # (regex, metric) a subject: "death toll", "jumlah korban tewas"
    change_verbs: str  # regex ending right before the figure: "rose to", "bertambah menjadi"
    links: frozenset[str]  # words allowed between a metric_before phrase and the figure
    gap_words: frozenset[
        str
    ]  # words allowed between the figure and its metric that are not a label
    generic_people: frozenset[str]  # "orang", "people": category total, no label
    categories: tuple[tuple[str, str], ...]  # (label phrase, normalised category)
    troop_nouns: str  # regex
    deploy_verbs: str  # regex
    units: frozenset[str]  # a following word that makes a figure not a head count
    not_after: frozenset[str]  # a preceding word that makes a figure not a head count
    including: str  # regex: "including", "termasuk" (a sub-total of the figure before)
    range_joiners: str  # regex between two figures of a range (no "between")
    between: tuple[str, str]  # ("between", "and")
    estimate: str  # regex
    projection: str  # regex
    speech_before: str  # regex of verbs after the speaker: "said", "mengatakan"
    speech_after: str  # regex of verbs before the speaker: "kata", "said" (postposed)
    according_to: str  # regex: "according to", "menurut"
    pronoun_tags: str  # regex: "katanya", "he said"
    participles: str  # regex: "saying", subject is the sentence's speaker
    pronouns: frozenset[str]
    np_strip_lead: frozenset[str]
    np_strip_tail: frozenset[str]
    that: str  # complementiser: "that", "bahwa"
    accuse_verbs: str
    deny_verbs: str
    negations: str
    accusations: tuple[tuple[str, str, bool], ...]  # (regex, concept, weak)
    disowned: str  # regex: what a disowning denial is about ("figure", "angka")
    inquiry: str  # regex: "investigate": an announced inquiry is not an allegation
    retraction: str  # regex
    weekdays: dict[str, int]
    months: dict[str, int]
    relative_days: dict[str, int]
    earlier: str  # regex: "earlier", "sebelumnya": the day is not the article's
    timezones: dict[str, str]
    # Issue #16: corrections, elided parts, places and moments.
    exceed_verbs: str = ""  # regex ending before a figure: "passed", "melampaui" (more than it)
    revise_verbs: str = (
        ""  # regex: "corrected", "revised", "meralat" (a figure replaced by another)
    )
    revise_to: str = ""  # regex right before the new figure: "to", "down to", "menjadi"
    revise_from: str = ""  # regex right before the old figure: "from (the)", "dari"
    elided_after: str = (
        ""  # regex after a figure that borrows the previous metric: "lainnya", "of them"
    )
    place_preps: str = ""  # regex: "in", "di" (a place follows)
    where: str = ""  # regex: ", where" after a place ("Zindajan district, where 1,100 …")
    with_figure: str = ""  # regex right before a figure that a place before it owns: "with"
    as_of: str = ""  # regex right before a day: "as of", "hingga"
    place_anaphors: str = ""  # regex: "the province", "provinsi itu": the last place named
    place_generic: frozenset[str] = frozenset()
    severity: str = ""  # regex: "seriously", "luka berat": how badly hurt, not who
    earlier_figure: str = ""  # regex right before an earlier count beside the new: "up from"
    local_authority: str = ""  # regex: "governor", "bupati": an office that speaks for its place  # words of a place name that do not tell it apart


def words_regex(phrases: list[str] | tuple[str, ...]) -> str:
    """An alternation of phrases, longest first, spaces matching any blank run."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@cache
def lexicon(language: str) -> Lexicon:
    """The lexicon of `language` ("en" or "id"); ValueError for another language."""
    if language == "en":
        from factcheck.domain.extraction.lexicon_en import EN

        return EN
    if language == "id":
        from factcheck.domain.extraction.lexicon_id import ID

        return ID
    raise ValueError(f"no extraction lexicon for language {language!r}; expected 'en' or 'id'")


@lru_cache(maxsize=4096)
def compiled(pattern: str, anchored: str = "") -> re.Pattern[str]:
    """Compile once: `anchored` is "" (search), "here" (for .match at a position), "end" (…$)
    or "raw" (the pattern as given)."""
    body = rf"(?:{pattern})"
    if anchored == "raw":
        return re.compile(pattern, re.IGNORECASE)
    if anchored == "here":
        body = rf"\s*(?:{pattern})(?!\w)"
    elif anchored == "end":
        body = rf"(?<!\w)(?:{pattern})\s*$"
    else:
        body = rf"(?<!\w)(?:{pattern})(?!\w)"
    return re.compile(body, re.IGNORECASE)
