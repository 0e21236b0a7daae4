"""Time (DOMAIN.md §9): a figure's moment, and figures a running tally has moved past.

A running tally only rises in the world, and its reports rise with it from many
origins at once. A figure is *overtaken* when another live count of the same
group, from any origin, has a later moment and a lower bound at or above its
own lower bound. An overtaken figure stays on the timeline and in the
explanation, but takes no part in today's low, best or high, never caps them,
and is never in conflict with what overtook it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from factcheck.domain.reconciliation.context import Figure
from factcheck.domain.reconciliation.days import iso
from factcheck.domain.reconciliation.estimate import Floor
from factcheck.domain.reconciliation.facts import ClaimFacts, Step
from factcheck.domain.vocabulary import RUNNING_TALLIES

# Up to this many overtaken figures get a step each; more share one step.
ONE_STEP_EACH = 3


def moment(claim: ClaimFacts) -> date:
    """When the figure stood: its as_of if given, else the day it was stated."""
    return claim.as_of or claim.stated_on


def overtaken(
    current: list[Figure], live: list[Figure], metric: str, explain: bool = True
) -> tuple[list[Figure], list[tuple[int, str]], list[Step]]:
    """Split current figures into those that stand and those a later count moved past.

    `live` are every live figure of the group (superseded ones too): a count that
    was itself later superseded still shows the tally had moved past an earlier
    figure. Only counts of running tallies are overtaken; estimates and
    projections are reported beside the count, never overtaken. Without `explain`
    (an earlier day's numbers) the reasons and steps are not written.
    """
    if metric not in RUNNING_TALLIES:
        return current, [], []
    counts = [g for g in live if g.modality == "count"]
    standing: list[Figure] = []
    passed: list[tuple[Figure, Figure]] = []
    for fig in current:
        if fig.modality != "count":
            standing.append(fig)
            continue
        by = [
            g for g in counts if g.id != fig.id and g.moment > fig.moment and g.lower >= fig.lower
        ]
        if by:
            first = min(by, key=lambda g: (g.moment, g.id))
            passed.append((fig, first))
        else:
            standing.append(fig)
    if not explain:
        return standing, [], []
    set_aside = [(fig.id, f"overtaken by claim {by.id}, {iso(by.moment)}") for fig, by in passed]
    return standing, set_aside, _steps(passed)


def overtaken_by_parts(
    counts: list[Figure],
    floor: Floor | None,
    metric: str,
    floor_on: Callable[[date], float | None],
    explain: bool = True,
) -> tuple[list[Figure], list[tuple[int, str]], list[Step]]:
    """The whole's counts its parts have risen past (§9 with §10): the parts' later figures
    add up to more than a count's upper bound, so the tally rose; the count is overtaken as by
    a later count of the group instead of held against its parts as an overlap (§9: a later
    higher figure is never a conflict). Its reasons and steps, with `explain`.

    Only past its upper bound: parts whose sum the whole's range still holds leave it standing
    and capping the high (§8: "dozens" on the 6th still caps 26 + 16 named on the 9th at 99).
    And only when the parts rose past it after it was stated: `floor_on(day)`, the parts'
    floor as it stood on the count's own day, was within its range. Parts already above it
    then disagree with it, whatever came later (a component_overlap).
    """
    if metric not in RUNNING_TALLIES or floor is None or floor.moment is None:
        return [], [], []
    day = floor.moment
    passed = [
        f
        for f in counts
        if f.modality == "count"
        and day > f.moment
        and f.upper is not None
        and floor.value > f.upper
        and _held(floor_on(f.moment), f.upper)
    ]
    if not passed or not explain:
        return passed, [], []
    reasons = [(f.id, f"overtaken by the sum of its parts, {iso(day)}") for f in passed]
    steps = [
        Step(
            "time",
            "overtaken_by_parts",
            partial(_by_parts_args, f, floor.value, day),
            (f.id, *floor.claim_ids),
        )
        for f in passed
    ]
    return passed, reasons, steps


def _held(then: float | None, upper: float) -> bool:
    return then is None or then <= upper


def _by_parts_args(fig: Figure, value: float, day: date) -> tuple:
    return (fig.card(), value, iso(day))


def _steps(passed: list[tuple[Figure, Figure]]) -> list[Step]:
    if not passed:
        return []
    if len(passed) > ONE_STEP_EACH:
        ids = sorted(fig.id for fig, _ in passed)
        named = tuple(sorted({i for fig, by in passed for i in (fig.id, by.id)}))
        return [Step("time", "overtaken_many", (ids,), named)]
    return [
        Step("time", "overtaken", partial(_overtaken_args, fig, by), (fig.id, by.id))
        for fig, by in passed
    ]


def _overtaken_args(fig: Figure, by: Figure) -> tuple:
    return (fig.card(), by.id, by.lower, iso(by.moment), by.voice.name)
