"""Origins and voices (DOMAIN.md §4): who a figure really comes from.

`origin_of` follows one claim's own fields. `voice_of` also follows
`republishes` relations, so a copy whose article forgot to credit the
original still speaks with the original's voice: five outlets repeating a
ministry's figure are one source, not five.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from factcheck.domain.reconciliation.facts import ClaimFacts, RelationFacts, Source


def origin_of(claim: ClaimFacts) -> Source:
    """The deepest source: the cited source, else the speaker, else the original outlet, else the outlet."""
    return claim.cites or claim.speaker or claim.original_outlet or claim.outlet


def republish_links(relations: Iterable[RelationFacts]) -> dict[int, int]:
    """copy id -> original id, from `republishes` relations (the lowest target id if several)."""
    links: dict[int, int] = {}
    for rel in sorted(relations, key=lambda r: (r.source_id, r.target_id, r.id)):
        if rel.type == "republishes" and rel.source_id != rel.target_id:
            links.setdefault(rel.source_id, rel.target_id)
    return links


def root_of(claim_id: int, links: Mapping[int, int], known: Mapping[int, ClaimFacts]) -> int:
    """Follow copy -> original links to the first claim that is not itself a known copy."""
    seen = {claim_id}
    current = claim_id
    while current in links and links[current] in known and links[current] not in seen:
        current = links[current]
        seen.add(current)
    return current


def voice_of(
    claim: ClaimFacts, links: Mapping[int, int], known: Mapping[int, ClaimFacts]
) -> Source:
    """The origin of the original this claim copies (itself when it is not a copy)."""
    return origin_of(known.get(root_of(claim.id, links, known), claim))


def is_copy(claim: ClaimFacts, links: Mapping[int, int]) -> bool:
    """The claim sits in a republished article, or a relation says it republishes another claim."""
    return claim.id in links or claim.original_outlet is not None


def standing(source: Source) -> str:
    """How the tier rule names a source: "official party", "official non-party", "partisan", "independent"."""
    if source.accountable:
        return "official party" if source.partisan else "official non-party"
    return "partisan" if source.partisan else "independent"
