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
from collections.abc import Iterable, Mapping

import orjson

from factcheck.domain.reconciliation.days import iso
from factcheck.domain.reconciliation.facts import ClaimFacts, RelationFacts, Source
from factcheck.domain.vocabulary import category_ancestors

# Bumped when a result's wording or rules change: stored results redo.
# 3: time (moments, overtaken figures, the series as it stood) and place (§9-§10).
# 4: a floor is the parts' lows summed, not their bests (§10: "each part counts with the
#    larger of its own low and the sum of its own parts").
# 5: a whole's count its parts' later figures add up past is overtaken (§9 with §10), not
#    held against them as a component overlap.
# 6: only when the parts' floor as it stood on the count's own day was within its range: parts
#    already above it then are an overlap, whatever part came later.
# 7: of the parts' figures known by the count's day, only those still standing count: a part
#    withdrawn or corrected since held nothing against the whole.
ENGINE_VERSION = "reconciliation-7"
_SCOPE_PAIRS = {"detained": "in_custody", "in_custody": "detained"}


def fingerprint(
    event: str,
    metric: str,
    category: str,
    claims: Iterable[ClaimFacts],
    relations: Iterable[RelationFacts],
    place: str | None = None,
    places: Mapping[str, str | None] | None = None,
) -> str:
    """sha256 hex of the canonical JSON of the inputs that can change reconcile_group's answer."""
    return Canonical([c for c in claims if c.event == event], relations, places).digest(
        event, metric, category, place
    )


class Canonical:
    """An event's claims and relations in canonical form, each encoded once, hashed per group.

    The text hashed is exactly `json.dumps(payload, separators=(",", ":"), ensure_ascii=False)` of
    [ENGINE_VERSION, [event, metric, category, place, places], [claim forms by id], [relations
    sorted]]; it is
    assembled from per-claim and per-relation fragments encoded once, since a JSON array is its
    items' encodings joined by commas.
    """

    def __init__(
        self,
        claims: Iterable[ClaimFacts],
        relations: Iterable[RelationFacts],
        places: Mapping[str, str | None] | None = None,
    ):
        self.claims = {c.id: c for c in claims}
        # The place tree decides which figures are parts of which: every group's hash covers it.
        self.places = sorted((places or {}).items())
        self.relations = sorted({(r.type, r.source_id, r.target_id, r.note) for r in relations})
        self.touching: dict[int, list[tuple]] = {}
        for rel in self.relations:
            self.touching.setdefault(rel[1], []).append(rel)
            self.touching.setdefault(rel[2], []).append(rel)
        self.quantities: dict[
            str | None, list[tuple[int, str]]
        ] = {}  # metric -> (claim id, category)
        for c in self.claims.values():
            if c.kind == "quantity":
                self.quantities.setdefault(c.metric, []).append((c.id, c.category or "total"))
        self._forms: dict[int, str] = {}
        self._links: dict[tuple, str] = {}

    def digest(self, event: str, metric: str, category: str, place: str | None = None) -> str:
        above = category_ancestors(category)
        wanted = {i for i, cat in self.quantities.get(metric, ()) if cat not in above}
        # A group of an unpaired metric still matches quantity claims without a metric in its category.
        wanted.update(
            i for i, cat in self.quantities.get(_SCOPE_PAIRS.get(metric), ()) if cat == category
        )
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
        head = _encode(
            [ENGINE_VERSION, [event, metric, category, place, [list(p) for p in self.places]]]
        )[:-1]
        claims = ",".join([self._form(i) for i in sorted(wanted)])
        links = ",".join([self._link(r) for r in sorted(linked)])
        return hashlib.sha256(f"{head},[{claims}],[{links}]]".encode()).hexdigest()

    def _form(self, claim_id: int) -> str:
        form = self._forms.get(claim_id)
        if form is None:
            c = self.claims[claim_id]
            numbers = (_float(c.value), _float(c.lower), _float(c.upper), _float(c.point))
            fields = [
                c.id,
                c.kind,
                c.event,
                c.metric,
                c.category,
                c.category_label,
                c.qualifier,
                c.modality,
                *numbers,
                iso(c.stated_on),
                iso(c.as_of) if c.as_of else None,
                c.place,
                _source(c.outlet),
                _source(c.original_outlet),
                _source(c.speaker),
                _source(c.cites),
                c.rank,
                c.rank_reason,
            ]
            plain = all(_plain(x) for x in numbers)
            form = self._forms[claim_id] = _encode(fields) if plain else _encode_json(fields)
        return form

    def _link(self, rel: tuple) -> str:
        text = self._links.get(rel)
        if text is None:
            text = self._links[rel] = _encode(list(rel))
        return text


def _float(x: float | None) -> float | None:
    return None if x is None else float(x)  # 42 == 42.0


def _source(source: Source | None) -> list | None:
    if source is None:
        return None
    return [source.key, source.name, source.kind, source.partisan, source.accountable]


# The canonical JSON: compact separators, UTF-8 as is (json.dumps(..., separators=(",", ":"), ensure_ascii=False)).
_encode_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _encode(value: list) -> str:
    """The canonical JSON of `value`, written by orjson (an eighth of a rebuild's engine time
    went to json here): the same text for every string (each code point compared), integer,
    boolean and null, and for a float that `_plain` lets through. Only for values whose floats
    `_plain` passed (a claim's numbers) or that hold none (the head, the links). An integer
    orjson cannot hold (beyond 64 bits) goes through json."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return _encode_json(value)


def _plain(x: float | None) -> bool:
    """A float both write alike: 0, or finite between 1e-4 and 1e16 in size. Outside, Python
    writes 1e-05 and 1e+16 where orjson writes 1e-5 and 1e16 (and orjson writes NaN as null)."""
    return x is None or x == 0 or 1e-4 <= abs(x) < 1e16
