"""Claim ranks (DOMAIN.md §4), decided from relations, as Wikidata ranks statements.

A claim is deprecated when a live claim retracts, corrects or disowns it, or
when a reviewer withdrew it or the article it is in; it is preferred only when
a reviewer says so, with a reason. Deprecated claims are shown but never used
in estimates.

`decide_ranks` decides ranks from relations and withdrawals (the stored rank);
`effective_rank` is the one answer to "does this claim count as withdrawn or
deprecated" for a claim read with its article: the engine, reports, search and
the event page all go through it or through the rank it stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from factcheck.domain.records import assigned_in_init

# Relation type -> the deprecation reason it gives its target, strongest first.
DEPRECATING_RELATIONS: dict[str, str] = {
    "retracts": "retracted",
    "corrects": "corrected",
    "disowns": "disowned",
}


@dataclass(frozen=True)
class RankDecision:
    rank: str  # "deprecated" | "normal" | "preferred"
    reason: str | None = None  # deprecated reason, or why preferred

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine; this one compiles and assigns natively (records.py; tests/unit/reconciliation/
    # test_engine_records.py).
    def __init__(self, rank: str, reason: str | None = None) -> None:
        self.rank = rank  # type: ignore[misc]
        self.reason = reason  # type: ignore[misc]


assigned_in_init(RankDecision)


def decide_ranks(
    claim_ids: Iterable[int],
    relations: Iterable[tuple[str, int, int]],
    withdrawn: Iterable[int] = (),
    preferred: Mapping[int, str] | None = None,
    set_aside: Iterable[int] = (),
) -> dict[int, RankDecision]:
    """Rank every claim in `claim_ids`.

    `relations` are (type, source_id, target_id): "source retracts target".
    A relation whose source is itself withdrawn deprecates nothing: a
    retraction a reviewer has withdrawn no longer speaks. `set_aside` are the
    claims an editor set aside when closing a conflict (deprecated, "set_aside").
    """
    ids = list(claim_ids)
    gone = set(withdrawn)
    aside = set(set_aside)
    preferred = dict(preferred or {})
    reasons: dict[int, set[str]] = {}
    for rel_type, source, target in relations:
        reason = DEPRECATING_RELATIONS.get(rel_type)
        if reason is None or source in gone:
            continue
        reasons.setdefault(target, set()).add(reason)
    order = [*DEPRECATING_RELATIONS.values(), "withdrawn", "set_aside"]
    decided: dict[int, RankDecision] = {}
    for claim_id in ids:
        found = set(reasons.get(claim_id, ()))
        if claim_id in gone:
            found.add("withdrawn")
        if claim_id in aside:
            found.add("set_aside")
        if found:
            decided[claim_id] = RankDecision("deprecated", next(r for r in order if r in found))
        elif claim_id in preferred:
            decided[claim_id] = RankDecision("preferred", preferred[claim_id])
        else:
            decided[claim_id] = RankDecision("normal")
    return decided


def effective_rank(rank: str, reason: str | None, withdrawn: bool) -> RankDecision:
    """The rank a claim counts with: its own, unless it or its article is withdrawn.

    `withdrawn` is true when the claim or the article it is in was withdrawn. A
    claim deprecated already keeps its reason (retracted is the stronger word);
    any other becomes deprecated as withdrawn.
    """
    if withdrawn and rank != "deprecated":
        return RankDecision("deprecated", "withdrawn")
    return RankDecision(rank, reason)
