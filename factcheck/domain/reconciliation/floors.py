"""Rule 4 and DOMAIN.md §10: the floor a group's disjoint parts give it.

Parts are sub-categories at the same place, or places inside the group's place
in the same category; the larger of the two sums is the floor, or a stated
total's explicit parts when they sum higher. Each part counts with its own low
(its lowest reliable figure), which already holds its own parts' floor, so the
floor is recursive; a total no figure states is most likely the parts' bests summed.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from factcheck.domain.reconciliation.context import Context, Figure
from factcheck.domain.reconciliation.estimate import Floor
from factcheck.domain.reconciliation.facts import Step
from factcheck.domain.vocabulary import category_children

if TYPE_CHECKING:
    from factcheck.domain.reconciliation.group import Analysis, Engine


def floor_of(
    engine: Engine,
    metric: str,
    category: str,
    place: str | None,
    parts: dict[int, list[Figure]],
    kept: list[Figure],
) -> tuple[Floor | None, list[Step], list]:
    """Rule 4 and §10: the larger of the sums of disjoint parts, by category or by place,
    or of a stated total's explicit parts. Each part counts with its own low, which
    already holds the floor of its own parts (recursive)."""
    by_category = [
        engine.analyse(metric, child, place)
        for child in category_children(category)
        if engine.ctx.occupies((metric, child, place))
    ]  # an empty part adds nothing
    by_place = [
        engine.analyse(metric, category, child)
        for child in engine.ctx.place_children(place)
        if engine.ctx.occupies((metric, category, child))
    ]
    explain = engine.history is None  # an earlier day's engine reads the numbers only
    floor = max(
        (
            f
            for f in (
                _sum_of(by_category, partial(_labels, engine.ctx), explain),
                _sum_of(by_place, None, explain),
            )
            if f
        ),
        key=lambda f: f.value,
        default=None,
    )
    kept_ids = {f.id for f in kept}
    for total_id, members in sorted(parts.items()):
        summed = sum(p.lower for p in members)
        if total_id in kept_ids and (floor is None or summed > floor.value):
            floor = Floor(
                summed,
                sum(p.reach for p in members),
                tuple(p.id for p in members),
                partial(_explicit_parts, members, total_id),
                sum(p.proposal for p in members),
                None,  # a reviewer linked them to this total as its breakdown: never overtaking it
            )
    below = by_category + by_place
    if floor is None or not explain:
        return floor, [], below
    args = partial(_floor_args, floor, kept, category, place)
    step = Step("components", "floor", args, floor.claim_ids)
    return floor, [step], below


def _explicit_parts(members: list[Figure], total_id: int) -> tuple:
    return ("parts", tuple((p.lower, p.id) for p in members), total_id)


def _floor_args(floor: Floor, kept: list[Figure], category: str, place: str | None) -> tuple:
    fits = tuple(
        (t.id, t.lower, t.upper) for t in kept if t.upper is None or floor.value <= t.upper
    )
    return (floor.words, floor.value, fits, category, place)


def _labels(ctx: Context, ids: tuple[int, ...]) -> tuple[str, ...]:
    """The speakers' own labels of the claims a part rests on, for the explanation."""
    labels = (ctx.claims[i].category_label for i in ids)
    return tuple(label for label in labels if label)


def _sum_of(parts: list[Analysis], labels=None, explain: bool = True) -> Floor | None:
    """The parts' lows summed, as a floor for the whole they make up (and their bests and
    highs); without `explain`, the sums only (an earlier day names no claims, writes no text)."""
    pieces: list[Analysis] = []
    value = reach = bests = 0.0
    moment: date | None = None
    for a in parts:
        best, low = a.result.best, a.result.low
        if best is not None and low is not None:
            pieces.append(a)
            value += low
            bests += best
            reach += a.result.high if a.result.high is not None else best
            if a.moment is not None and (moment is None or a.moment > moment):
                moment = a.moment
    if not pieces:
        return None
    if not explain:
        return Floor(value, reach, (), _unwritten, bests, moment)
    return Floor(
        value,
        reach,
        tuple(sorted({i for a in pieces for i in a.best_ids})),
        partial(_summed, pieces, labels),
        bests,
        moment,
    )


def _unwritten() -> tuple:
    raise AssertionError("an earlier day's floor is never written out")


def _summed(pieces: list[Analysis], labels) -> tuple:
    def name(a: Analysis) -> str:
        return (a.result.place or "") if labels is None else a.result.category

    return (
        "sum",
        tuple(
            (name(a), a.result.low, a.best_ids, labels(a.best_ids) if labels else ())
            for a in pieces
        ),
    )
