"""A fingerprint of exactly what a group's result depends on, so an unchanged rerun is a no-op.

In: the event's quantity claims of the group's metric in the group's category,
its sub-categories (rule 4) and the disjoint categories (same figure under two
labels, §6); the same category of the paired metric (detained / in_custody,
for scope_mismatch); every claim linked to those by a relation, followed until
nothing new is linked; and those relations. Out: what cannot change the
result — other metrics, the parent categories, unlinked claims, article ids,
relation row ids, input order. The engine version is hashed too, so a rule
change reruns.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict

from factcheck.domain.reconciliation.facts import ClaimFacts, RelationFacts
from factcheck.domain.vocabulary import category_ancestors

ENGINE_VERSION = "reconciliation-1"
_SCOPE_PAIRS = {"detained": "in_custody", "in_custody": "detained"}
_NUMBERS = ("value", "lower", "upper", "point")


def fingerprint(event: str, metric: str, category: str, claims: Iterable[ClaimFacts],
                relations: Iterable[RelationFacts]) -> str:
    """sha256 hex of the canonical JSON of the inputs that can change reconcile_group's answer."""
    claims = [c for c in claims if c.event == event]
    return _digest(event, metric, category, claims, list(relations))


def fingerprint_of(ctx, event: str, metric: str, category: str) -> str:
    """The same fingerprint from an engine Context (claims already filtered to the event)."""
    return _digest(event, metric, category, list(ctx.claims.values()), list(ctx.relations))


def _digest(event: str, metric: str, category: str, claims: list[ClaimFacts],
            relations: list[RelationFacts]) -> str:
    above = set(category_ancestors(category))
    by_id = {c.id: c for c in claims}
    wanted = {c.id for c in claims if c.kind == "quantity" and (
        (c.metric == metric and (c.category or "total") not in above)
        or (c.metric == _SCOPE_PAIRS.get(metric) and (c.category or "total") == category))}
    linked: list[RelationFacts] = []
    grew = True
    while grew:
        grew = False
        for rel in relations:
            if (rel.source_id in wanted or rel.target_id in wanted) and rel not in linked:
                linked.append(rel)
                for end in (rel.source_id, rel.target_id):
                    if end in by_id and end not in wanted:
                        wanted.add(end)
                        grew = True
    payload = {
        "engine": ENGINE_VERSION,
        "group": [event, metric, category],
        "claims": [_claim(by_id[i]) for i in sorted(wanted) if i in by_id],
        "relations": sorted({(r.type, r.source_id, r.target_id, r.note) for r in linked}),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _claim(claim: ClaimFacts) -> dict:
    out = asdict(claim)
    out.pop("article_id")
    out["stated_on"] = claim.stated_on.isoformat()
    for name in _NUMBERS:
        if out[name] is not None:
            out[name] = float(out[name])  # 42 and 42.0 are the same figure
    return out
