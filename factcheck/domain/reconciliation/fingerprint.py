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

from factcheck.domain.reconciliation.facts import ClaimFacts, RelationFacts, Source
from factcheck.domain.vocabulary import category_ancestors

ENGINE_VERSION = "reconciliation-1"
_SCOPE_PAIRS = {"detained": "in_custody", "in_custody": "detained"}


def fingerprint(event: str, metric: str, category: str, claims: Iterable[ClaimFacts],
                relations: Iterable[RelationFacts]) -> str:
    """sha256 hex of the canonical JSON of the inputs that can change reconcile_group's answer."""
    return Canonical([c for c in claims if c.event == event], relations).digest(event, metric, category)


class Canonical:
    """An event's claims and relations in canonical form, made once, hashed per group."""

    def __init__(self, claims: Iterable[ClaimFacts], relations: Iterable[RelationFacts]):
        self.claims = {c.id: c for c in claims}
        self.relations = sorted({(r.type, r.source_id, r.target_id, r.note) for r in relations})
        self.touching: dict[int, list[tuple]] = {}
        for rel in self.relations:
            self.touching.setdefault(rel[1], []).append(rel)
            self.touching.setdefault(rel[2], []).append(rel)
        self._forms: dict[int, list] = {}

    def digest(self, event: str, metric: str, category: str) -> str:
        above = set(category_ancestors(category))
        paired = _SCOPE_PAIRS.get(metric)
        wanted = {c.id for c in self.claims.values() if c.kind == "quantity" and (
            (c.metric == metric and (c.category or "total") not in above)
            or (c.metric == paired and (c.category or "total") == category))}
        linked: set[tuple] = set()
        todo = list(wanted)
        while todo:  # follow relations until nothing new is linked
            for rel in self.touching.get(todo.pop(), ()):
                if rel in linked:
                    continue
                linked.add(rel)
                for end in (rel[1], rel[2]):
                    if end in self.claims and end not in wanted:
                        wanted.add(end)
                        todo.append(end)
        payload = [ENGINE_VERSION, [event, metric, category],
                   [self._form(i) for i in sorted(wanted)], [list(r) for r in sorted(linked)]]
        text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _form(self, claim_id: int) -> list:
        if claim_id not in self._forms:
            c = self.claims[claim_id]
            self._forms[claim_id] = [
                c.id, c.kind, c.event, c.metric, c.category, c.category_label, c.qualifier, c.modality,
                *(None if x is None else float(x) for x in (c.value, c.lower, c.upper, c.point)),  # 42 == 42.0
                c.stated_on.isoformat(), *(_source(s) for s in (c.outlet, c.original_outlet, c.speaker, c.cites)),
                c.rank, c.rank_reason,
            ]
        return self._forms[claim_id]


def _source(source: Source | None) -> list | None:
    if source is None:
        return None
    return [source.key, source.name, source.kind, source.partisan, source.accountable]
