"""Builders for reconciliation tests: sources, claims with DOMAIN §2 intervals, the reference case.

Kept beside the tests (no conftest) so every test file imports what it uses.
"""

from __future__ import annotations

import math
from datetime import date

from factcheck.domain.reconciliation import ClaimFacts, RelationFacts, Source

# DOMAIN.md §2 vague words: (lower, upper or None, point).
VAGUE = {
    "dozens": (12, 99, 12),
    "puluhan": (12, 99, 12),
    "hundreds": (100, 999, 100),
    "ratusan": (100, 999, 100),
    "few": (2, 9, 3),
    "beberapa": (2, 9, 3),
    "many": (10, None, 10),
}


def interval(
    qualifier: str, value: float | None = None, high: float | None = None, word: str | None = None
):
    """(lower, upper, point) for a qualifier, per the DOMAIN.md §2 table (test-side copy)."""
    if qualifier == "exact":
        return value, value, value
    if qualifier == "more_than":
        return value + 1, None, value + 1
    if qualifier == "at_least":
        return value, None, value
    if qualifier == "nearly":
        return math.ceil(0.9 * value), value, value
    if qualifier == "approximately":
        return math.ceil(0.9 * value), math.floor(1.1 * value), value
    if qualifier == "at_most":
        return 0, value, None
    if qualifier == "range":
        return value, high, None
    if qualifier == "vague":
        return VAGUE[word]
    raise ValueError(qualifier)


def outlet(
    name: str, kind: str = "news agency", partisan: bool = False, accountable: bool = False
) -> Source:
    return Source(f"outlet:{name}", name, kind, partisan, accountable)


def actor(
    name: str, kind: str = "government", partisan: bool = True, accountable: bool = True
) -> Source:
    return Source(f"actor:{name}", name, kind, partisan, accountable)


def quantity(
    id: int,
    metric: str,
    qualifier: str,
    value: float | None = None,
    *,
    high: float | None = None,
    word: str | None = None,
    category: str = "total",
    label: str | None = None,
    modality: str = "count",
    on: date = date(2022, 1, 10),
    event: str = "ev",
    src: Source | None = None,
    via: Source | None = None,
    original: Source | None = None,
    cites: Source | None = None,
    rank: str = "normal",
    reason: str | None = None,
    article: int = 1,
    place: str | None = None,
    as_of: date | None = None,
) -> ClaimFacts:
    """A quantity claim; `src` is the speaker, `via` the publishing outlet (default Reuters)."""
    lower, upper, point = interval(qualifier, value, high, word)
    return ClaimFacts(
        id=id,
        kind="quantity",
        event=event,
        metric=metric,
        category=category,
        category_label=label,
        qualifier=qualifier,
        modality=modality,
        value=value,
        lower=lower,
        upper=upper,
        point=point,
        stated_on=on,
        article_id=article,
        outlet=via or outlet("Reuters"),
        original_outlet=original,
        speaker=src,
        cites=cites,
        rank=rank,
        rank_reason=reason,
        place=place,
        as_of=as_of,
    )


def other(
    id: int,
    kind: str,
    *,
    on: date = date(2022, 1, 10),
    event: str = "ev",
    src: Source | None = None,
    via: Source | None = None,
    rank: str = "normal",
    reason: str | None = None,
) -> ClaimFacts:
    """A non-quantity claim (allegation, denial, retraction, statement)."""
    return ClaimFacts(
        id=id,
        kind=kind,
        event=event,
        metric=None,
        category=None,
        category_label=None,
        qualifier=None,
        modality=None,
        value=None,
        lower=None,
        upper=None,
        point=None,
        stated_on=on,
        article_id=1,
        outlet=via or outlet("Reuters"),
        original_outlet=None,
        speaker=src,
        cites=None,
        rank=rank,
        rank_reason=reason,
    )


def rel(id: int, type: str, source: int, target: int, note: str = "") -> RelationFacts:
    return RelationFacts(id, type, source, target, note)


# --- The reference case: shared/corpus/voa-islam-2022-01-11-kazakhstan.claims.yaml, built by hand. ---

KZ = "2022-kazakhstan-unrest"
VOA = outlet("voa-islam.com", "news site")
TRT = outlet(
    "TRT", "state media"
)  # Turkish state media: not a party to the unrest, not an authority
TOKAYEV = actor("Kassym-Jomart Tokayev", "person")
MIN_INFO = actor("Ministry of Information of Kazakhstan")
MIN_INTERNAL = actor("Ministry of Internal Affairs of Kazakhstan")
KZ_OFFICIALS = actor("Kazakh officials (unnamed)")
RU_MFA = actor("Ministry of Foreign Affairs of Russia")
ARTICLE_DAY = date(2022, 1, 11)  # "11 Januari 2022 22:25 wib": the default stated_on


def reference_claims() -> list[ClaimFacts]:
    """Claims 1-11 of the reference annotation, in its order (1 coup .. 11 detained-8000)."""
    monday, sunday = date(2022, 1, 10), date(2022, 1, 9)
    common = dict(event=KZ, via=VOA, original=TRT)

    def said(id, kind, src, on):
        return ClaimFacts(
            id=id,
            kind=kind,
            event=KZ,
            metric=None,
            category=None,
            category_label=None,
            qualifier=None,
            modality=None,
            value=None,
            lower=None,
            upper=None,
            point=None,
            stated_on=on,
            article_id=1,
            outlet=VOA,
            original_outlet=TRT,
            speaker=src,
            cites=None,
        )

    return [
        said(1, "allegation", TOKAYEV, monday),  # coup
        said(2, "allegation", TOKAYEV, monday),  # foreign-militants
        said(3, "allegation", RU_MFA, monday),  # foreign-mercenaries
        said(4, "denial", TOKAYEV, monday),  # no-fire-on-peaceful
        said(5, "statement", TOKAYEV, monday),  # csto-leave-soon
        quantity(
            6,
            "killed",
            "more_than",
            164,
            src=MIN_INFO,
            on=ARTICLE_DAY,
            rank="deprecated",
            reason="retracted",
            **common,
        ),  # killed-164
        said(7, "retraction", MIN_INFO, sunday),  # killed-164-retraction
        quantity(
            8,
            "killed",
            "exact",
            26,
            category="armed assailants",
            label="penjahat bersenjata",
            src=KZ_OFFICIALS,
            on=ARTICLE_DAY,
            **common,
        ),
        quantity(
            9,
            "killed",
            "exact",
            16,
            category="security forces",
            label="petugas keamanan",
            src=KZ_OFFICIALS,
            on=ARTICLE_DAY,
            **common,
        ),
        quantity(
            10, "killed", "vague", word="puluhan", on=ARTICLE_DAY, **common
        ),  # the outlet's own voice
        quantity(11, "detained", "nearly", 8000, src=MIN_INTERNAL, on=monday, **common),
    ]


def reference_relations() -> list[RelationFacts]:
    return [rel(1, "retracts", 7, 6, "technical error")]
