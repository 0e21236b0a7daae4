"""The conflict kinds of DOMAIN.md §6, each as a small finder returning ConflictFinding.

Group finders work on a group's current figures; event finders look across
groups (a figure repeated after its retraction, one figure under two labels,
detained vs still in custody, a disowned attribution, an event gone quiet).
Claim ids are sorted so the same disagreement found twice has the same key.
"""

from __future__ import annotations

from datetime import date

from factcheck.domain.reconciliation.conflict_words import write
from factcheck.domain.reconciliation.context import Context, Figure
from factcheck.domain.reconciliation.days import iso
from factcheck.domain.reconciliation.estimate import Floor
from factcheck.domain.reconciliation.facts import ConflictFinding
from factcheck.domain.reconciliation.grade import Agreement
from factcheck.domain.vocabulary import CATEGORY_PARENT, CONFLICT_KINDS, METRICS, category_ancestors


def _finding(
    kind: str, ids, say: str, args: tuple, metric: str | None, category: str | None
) -> ConflictFinding:
    """The finding, its detail written in English now and kept structured (conflict_words)."""
    # The text as a plain str: the Said's parts are for a page, which writes them again.
    detail = str(write(say, args))
    return ConflictFinding(
        kind, tuple(sorted(set(ids))), detail, metric, category, None, (say, args)
    )


def value_conflicts(
    current: list[Figure], agreement: Agreement, metric: str, category: str
) -> list[ConflictFinding]:
    return [
        _finding(
            "value_conflict",
            (a.id, b.id),
            "value_conflict",
            (a.card(), b.card()),
            metric,
            category,
        )
        for a, b in agreement.conflicts(current)
    ]


def downward(
    pairs: list[tuple[Figure, Figure]], metric: str, category: str
) -> list[ConflictFinding]:
    return [
        _finding(
            "downward_revision",
            (e.id, l.id),
            "downward_revision",
            (
                l.voice.name,
                e.proposal,
                e.id,
                iso(e.claim.stated_on),
                l.proposal,
                l.id,
                iso(l.claim.stated_on),
            ),
            metric,
            category,
        )
        for e, l in pairs
    ]


def component_overlaps(
    current: list[Figure],
    floor: Floor | None,
    parts: dict[int, list[Figure]],
    ctx: Context,
    metric: str,
    category: str,
) -> list[ConflictFinding]:
    """Parts (sub-categories, or explicit component_of parts) that add up to more than a stated total."""
    found = []
    for total in current:
        if (
            floor is not None
            and total.modality == "count"
            and total.upper is not None
            and floor.value > total.upper
        ):
            found.append(
                _finding(
                    "component_overlap",
                    (*floor.claim_ids, total.id),
                    "parts_over_floor",
                    (floor.words, floor.value, total.card(), total.upper),
                    metric,
                    category,
                )
            )
    for total_id, members in sorted(parts.items()):
        stated = ctx.figure(ctx.claims[total_id])
        summed = sum(p.proposal for p in members)
        if stated is not None and stated.upper is not None and summed > stated.upper:
            found.append(
                _finding(
                    "component_overlap",
                    (total_id, *(p.id for p in members)),
                    "parts_over_total",
                    (tuple(sorted(p.id for p in members)), total_id, summed, stated.upper),
                    metric,
                    category,
                )
            )
    return found


def single_partisan(current: list[Figure], metric: str, category: str) -> list[ConflictFinding]:
    counts = [f for f in current if f.modality == "count"]
    if not counts or not all(f.voice.partisan for f in counts):
        return []
    names = ", ".join(sorted({f.voice.name for f in counts}))
    return [
        _finding(
            "single_partisan_source",
            (f.id for f in counts),
            "single_partisan_source",
            (names,),
            metric,
            category,
        )
    ]


def _same_figure(a, b) -> bool:
    if a.value is not None and b.value is not None:
        return a.value == b.value
    return (a.lower, a.upper) == (b.lower, b.upper)


def retracted_still_cited(ctx: Context) -> list[ConflictFinding]:
    """A claim dated after a retraction repeating the retracted figure, not itself deprecated."""
    found = []
    for rel in ctx.of_type("retracts"):
        target, retraction = ctx.claims.get(rel.target_id), ctx.claims.get(rel.source_id)
        if target is None or retraction is None or target.kind != "quantity":
            continue
        for c in ctx.claims.values():
            if (
                c.kind == "quantity"
                and c.id != target.id
                and not ctx.deprecated(c.id)
                and (c.metric, c.category or "total") == (target.metric, target.category or "total")
                and c.stated_on > retraction.stated_on
                and _same_figure(c, target)
            ):
                found.append(
                    _finding(
                        "retracted_still_cited",
                        (c.id, target.id, retraction.id),
                        "retracted_still_cited",
                        (
                            c.id,
                            iso(c.stated_on),
                            target.id,
                            retraction.id,
                            iso(retraction.stated_on),
                        ),
                        target.metric,
                        target.category or "total",
                    )
                )
    return found


def _common_ancestor(a: str, b: str) -> str | None:
    chain = category_ancestors(b)
    return next((c for c in category_ancestors(a) if c in chain), None)


def _disjoint(a: str, b: str) -> bool:
    return a != b and a not in category_ancestors(b) and b not in category_ancestors(a)


def category_conflicts(ctx: Context) -> list[ConflictFinding]:
    """One origin giving the same figure under two disjoint categories (26 "armed criminals" vs 26 "civilians")."""
    buckets: dict[tuple, list[Figure]] = {}
    for c in ctx.claims.values():
        if (
            c.kind == "quantity"
            and c.metric
            and not ctx.deprecated(c.id)
            and c.qualifier != "vague"
        ):
            fig = ctx.figure(c)
            if fig is not None:
                said = ("value", c.value) if c.value is not None else ("interval", c.lower, c.upper)
                key = (fig.voice.key, c.metric, fig.modality, c.place or "", said)
                buckets.setdefault(key, []).append(fig)
    found = []
    for key in sorted(
        (k for k, figures in buckets.items() if len(figures) > 1), key=repr
    ):  # pairs only
        figures = buckets[key]
        for i, a in enumerate(figures):
            for b in figures[i + 1 :]:
                ca, cb = a.claim.category or "total", b.claim.category or "total"
                if not _disjoint(ca, cb):
                    continue
                figure = a.claim.value if a.claim.value is not None else a.lower
                found.append(
                    _finding(
                        "category_conflict",
                        (a.id, b.id),
                        "category_conflict",
                        (
                            a.voice.name,
                            figure,
                            (ca, a.claim.category_label),
                            a.id,
                            (cb, b.claim.category_label),
                            b.id,
                        ),
                        a.claim.metric,
                        _common_ancestor(ca, cb),
                    )
                )
    return found


def scope_mismatches(
    detained: list[Figure], in_custody: list[Figure], category: str
) -> list[ConflictFinding]:
    """Detained (ever held) vs in custody (still held) figures that disagree and could be read as one."""
    return [
        _finding(
            "scope_mismatch",
            (d.id, k.id),
            "scope_mismatch",
            (d.card(), k.card(), (d.lower, d.upper), (k.lower, k.upper)),
            "detained",
            category,
        )
        for d in detained
        for k in in_custody
        if d.modality == k.modality == "count" and not d.overlaps(k)
    ]


def attribution_disowned(ctx: Context) -> list[ConflictFinding]:
    found = []
    for rel in ctx.of_type("disowns"):
        target = ctx.claims.get(rel.target_id)
        found.append(
            _finding(
                "attribution_disowned",
                (rel.source_id, rel.target_id),
                "attribution_disowned",
                (rel.source_id, rel.target_id, rel.note or None),
                target.metric if target else None,
                (target.category or "total") if target and target.metric else None,
            )
        )
    return found


def stale(
    ctx: Context, today: date, event_open: bool, stale_after_days: int
) -> list[ConflictFinding]:
    if not event_open or not ctx.claims:
        return []
    newest = max(c.stated_on for c in ctx.claims.values())
    age = (today - newest).days
    if age <= stale_after_days:
        return []
    ids = [c.id for c in ctx.claims.values() if c.stated_on == newest]
    return [
        _finding(
            "stale",
            ids,
            "stale",
            (tuple(sorted(ids)), iso(newest), age, stale_after_days),
            None,
            None,
        )
    ]


_KIND_ORDER = {kind: i for i, kind in enumerate(CONFLICT_KINDS)}
_METRIC_ORDER = {metric: i for i, metric in enumerate(METRICS)}
_CATEGORY_ORDER = {category: i for i, category in enumerate(CATEGORY_PARENT)}


def finding_order(f: ConflictFinding) -> tuple:
    """Kind as listed in the vocabulary, then metric, category (tree order), claims."""
    return (
        _KIND_ORDER[f.kind],
        _METRIC_ORDER.get(f.metric or "", len(METRICS)),
        f.metric or "",
        _CATEGORY_ORDER.get(f.category or "", len(CATEGORY_PARENT)),
        f.category or "",
        f.place or "",
        f.claim_ids,
        f.detail,
    )
