"""The timeline case (../shared/corpus/timeline) read straight from its sidecars into engine facts.

Names are resolved as the service resolves them: an actor or place named by one of
its aliases is that actor or place; `FILE#ID` relation targets name a claim of
another file. Kept beside the tests so that the engine's answer on the case is
checked without a database.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import yaml
from recon_builders import actor, interval, outlet

from factcheck.domain.reconciliation import ClaimFacts, RelationFacts

TIMELINE = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "timeline"
EVENT = "2023-turkey-syria-earthquakes"


def load() -> tuple[list[ClaimFacts], list[RelationFacts], dict[str, str | None], dict]:
    """(claims, relations, place tree, claims by "FILE#ID") of the five articles."""
    docs = {
        p.name.removesuffix(".claims.yaml"): yaml.safe_load(p.read_text())
        for p in sorted(TIMELINE.glob("*.claims.yaml"))
    }
    actor_names: dict[str, str] = {}
    place_names: dict[str, str] = {}
    within: dict[str, str | None] = {}
    covered: set[str] = set()
    for doc in docs.values():
        for a in doc.get("actors") or []:
            actor_names.setdefault(a["name"].casefold(), a["name"])
            for alias in a.get("aliases") or []:
                actor_names[alias.casefold()] = a["name"]
        for p in doc.get("places") or []:
            place_names.setdefault(p["name"].casefold(), p["name"])
            for alias in p.get("aliases") or []:
                place_names[alias.casefold()] = p["name"]
            within[p["name"]] = p.get("within")
        for e in doc.get("events") or []:
            covered.update(e.get("places") or [])
    tree = {name: (None if name in covered else up) for name, up in within.items()}
    claims, by_key, relations = [], {}, []
    for n, (name, doc) in enumerate(docs.items(), start=1):
        art = doc["article"]
        day = datetime.fromisoformat(art["published_at"]).date()
        via = outlet(art["outlet"], "news agency")
        for i, c in enumerate(doc["claims"], start=1):
            cid = n * 100 + i
            lower, upper, point = interval(c["qualifier"], c["value"])
            speaker = c.get("attributed_to")
            facts = ClaimFacts(
                id=cid,
                kind="quantity",
                event=EVENT,
                metric=c["metric"],
                category=c["category"],
                category_label=None,
                qualifier=c["qualifier"],
                modality=c.get("modality", "count"),
                value=c["value"],
                lower=lower,
                upper=upper,
                point=point,
                stated_on=day,
                article_id=n,
                outlet=via,
                original_outlet=None,
                speaker=actor(actor_names[speaker.casefold()], partisan=False) if speaker else None,
                cites=None,
                place=place_names[c["place"].casefold()] if c.get("place") else None,
            )
            claims.append(facts)
            by_key[f"{name}#{c['id']}"] = facts
    rel_id = 0
    for name, doc in docs.items():
        for c in doc["claims"]:
            for rel_type in ("corrects", "retracts", "supersedes"):
                if rel_type in c:
                    rel_id += 1
                    relations.append(
                        RelationFacts(
                            rel_id,
                            rel_type,
                            by_key[f"{name}#{c['id']}"].id,
                            by_key[c[rel_type]].id,
                            c.get("reason", ""),
                        )
                    )
    return claims, relations, tree, by_key


DAYS = {
    6: date(2023, 2, 6),
    7: date(2023, 2, 7),
    8: date(2023, 2, 8),
    12: date(2023, 2, 12),
    20: date(2023, 2, 20),
}
