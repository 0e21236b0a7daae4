"""Per-field scores of quantity suggestions and cross-article links, for evaluate_extraction.py
(whose docstring says how they are counted)."""

from __future__ import annotations

from collections import defaultdict

from factcheck.domain.annotation import Annotation
from factcheck.domain.extraction import Suggestion
from factcheck.domain.extraction.links import Candidate
from factcheck.domain.names import name_key

FIELDS = ("value", "qualifier", "metric", "category", "place", "as_of")
CROSS = ("corrects", "retracts", "supersedes")
_VALUE_QUALIFIERS = ("exact", "more_than", "at_least", "nearly", "approximately", "at_most")


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def place_names(annotations: list[Annotation]) -> dict[str, str]:
    """Every declared place name and alias (as name_key) -> the place's name."""
    out: dict[str, str] = {}
    for ann in annotations:
        for place in ann.places:
            for name in (place.name, *place.aliases):
                out.setdefault(name_key(name), out.get(name_key(place.name), place.name))
    return out


def _field(obj, name: str, places: dict[str, str]):
    value = getattr(obj, name, None)
    if name == "place" and isinstance(obj, Suggestion) and not obj.place_known and value:
        return name_key(value)  # a new place proposed as written: right only if the set names it so
    if name == "value" and getattr(obj, "qualifier", None) not in _VALUE_QUALIFIERS:
        return (getattr(obj, "lower", None), getattr(obj, "upper", None))
    if name == "place" and value is not None:
        return places.get(name_key(value), name_key(value))
    if name == "value" and value is not None:
        return float(value)
    return value


def score_fields(sugs, ann, used, places, counts, lang) -> None:
    """Per-field counts of quantities paired by anchor overlap, and `place right` (see above)."""
    golds = sorted((g for g in ann.claims if g.kind == "quantity"), key=lambda c: c.anchor.start)
    quantities = [s for s in sugs if s.kind == "quantity"]
    paired: list[tuple] = []
    taken: set[int] = set()
    for gold in golds:
        for i, sug in enumerate(quantities):
            if i not in taken and _overlap(sug.anchor, gold.anchor):
                taken.add(i)
                paired.append((sug, gold))
                break
    for name in FIELDS:
        c = counts[(lang, name)]
        c["gold"] += sum(1 for g in golds if _field(g, name, places) not in (None, (None, None)))
        c["suggested"] += sum(
            1 for s in quantities if _field(s, name, places) not in (None, (None, None))
        )
        right = sum(
            1
            for s, g in paired
            if _field(g, name, places) is not None
            and _field(s, name, places) == _field(g, name, places)
        )
        c["tp_gold"] += right
        c["tp_suggested"] += right
    strict = {id(sugs[i]) for i in used}
    c = counts[(lang, "place right")]
    for s, g in paired:
        if id(s) in strict and g.place:
            c["gold"] += 1
            c["tp_gold"] += _field(s, "place", places) == _field(g, "place", places)


def score_relations(sugs, ann, used, counts, lang) -> None:
    """Gold links to claims of other articles, and whether the matched suggestion proposes them."""
    by_anchor = {(sugs[i].anchor.start, sugs[i].anchor.end): sugs[i] for i in used}
    c = counts[(lang, "cross-article links")]
    c["suggested"] += sum(len(s.links) for s in sugs)
    for gold in ann.claims:
        for rel in gold.relations:
            if rel.type not in CROSS or rel.file is None:
                continue
            c["gold"] += 1
            sug = next((s for a, s in by_anchor.items() if _overlap(s.anchor, gold.anchor)), None)
            proposed = {(r.type, r.target) for r in sug.links} if sug else set()
            if (rel.type, rel.target) in proposed:
                c["tp_gold"] += 1
                c["tp_suggested"] += 1


def candidates(ann: Annotation, loaded: list, places: dict[str, str]) -> list[Candidate]:
    """The gold quantities of the other articles of the same event, as stored claims would be
    (id FILE#ID, speaker under every name the set declares for it)."""
    names: dict[str, set[str]] = defaultdict(set)
    for _, other in loaded:
        for actor in other.actors:
            group = {actor.name, *actor.aliases}
            for n in list(group):
                names[name_key(n)] |= group
    out = []
    for _, other in loaded:
        if other is ann or other.article.event != ann.article.event:
            continue
        for c in other.claims:
            if c.kind != "quantity":
                continue
            speakers = tuple(sorted(names.get(name_key(c.attributed_to or ""), {c.attributed_to})))
            place = places.get(name_key(c.place)) if c.place else None
            out.append(
                Candidate(
                    f"{other.name}#{c.key}",
                    c.metric,
                    c.category,
                    place,
                    c.value,
                    c.qualifier,
                    tuple(x for x in speakers if x),
                    c.as_of or c.stated_on,
                )
            )
    return out
