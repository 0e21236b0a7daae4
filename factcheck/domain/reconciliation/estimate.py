"""Rules 4-6 of DOMAIN.md §5: low, best and high from the current figures.

low is the most conservative reliable figure (ACLED), high the highest
reliable one (UCDP), best the point of the most trustworthy tier. Every
number is written into a Step with the claims it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from factcheck.domain.reconciliation.context import Figure, with_card
from factcheck.domain.reconciliation.facts import Step
from factcheck.domain.reconciliation.grade import Agreement
from factcheck.domain.reconciliation.sentence_parts import floor_words
from factcheck.domain.records import assigned_in_init

# Rule 6: a figure only partisan origins give is "far outside" the others when
# its lower bound is more than FAR_FACTOR times the others' high, or its upper
# bound is below the others' low divided by FAR_FACTOR.
FAR_FACTOR = 2.0

# Rule 5, most trustworthy first. A reviewer's `preferred` rank comes before
# the rule's own tiers; an independent origin nobody corroborates sits between
# the officials and the partisans.
TIERS = (
    "preferred by a reviewer",
    "independent and corroborated",
    "official non-party",
    "official party",
    "independent, uncorroborated",
    "partisan",
)


@dataclass(frozen=True)
class Floor:
    """The sum of disjoint parts: a floor for their total (rule 4)."""

    value: float  # the parts' lows, summed: the total is at least this (DOMAIN.md §10)
    reach: float  # the parts' highs, summed
    claim_ids: tuple[int, ...]  # the claims the parts' estimates rest on
    # How the sum was made, as sentence_parts.floor_words writes it (made when shown).
    parts: Callable[[], tuple]
    best: float  # the parts' bests, summed: a total no figure states is most likely this
    # The latest moment among the figures the parts stand on: from then on the parts added
    # up to `value` (§9: a whole's count from before then may have been overtaken).
    moment: date | None = None

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles, and assigns each field
    # natively (records.py). Fields as declared above (tests/unit/reconciliation/
    # test_engine_records.py holds them to it).
    def __init__(
        self,
        value: float,
        reach: float,
        claim_ids: tuple[int, ...],
        parts: Callable[[], tuple],
        best: float,
        moment: date | None = None,
    ) -> None:
        self.value = value  # type: ignore[misc]
        self.reach = reach  # type: ignore[misc]
        self.claim_ids = claim_ids  # type: ignore[misc]
        self.parts = parts  # type: ignore[misc]
        self.best = best  # type: ignore[misc]
        self.moment = moment  # type: ignore[misc]

    @property
    def words(self) -> tuple:
        """How the sum was made, structured: ("sum", parts) or ("parts", members, total)."""
        return self.parts()

    @property
    def text(self) -> str:
        return floor_words(self.words)


assigned_in_init(Floor)


@dataclass
class Estimate:
    low: float | None = None
    best: float | None = None
    high: float | None = None
    steps: list[Step] = field(default_factory=list)
    used: list[int] = field(
        default_factory=list
    )  # claim ids the numbers rest on (a floor's only if it binds)
    best_ids: tuple[int, ...] = ()  # claim ids best rests on

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles. Fields as declared above
    # (tests/unit/reconciliation/test_engine_records.py holds them to it).
    def __init__(
        self,
        low: float | None = None,
        best: float | None = None,
        high: float | None = None,
        steps: list[Step] | None = None,
        used: list[int] | None = None,
        best_ids: tuple[int, ...] = (),
    ) -> None:
        self.low = low
        self.best = best
        self.high = high
        self.steps = [] if steps is None else steps
        self.used = [] if used is None else used
        self.best_ids = best_ids


def partisan_outliers(
    figures: list[Figure], agreement: Agreement
) -> tuple[list[Figure], list[Figure], list[Step]]:
    """Split off figures only partisan origins give that lie far outside the non-partisan ones (rule 6)."""
    others = [f for f in figures if not f.voice.partisan]
    if not others:
        return figures, [], []
    low = min(f.lower for f in others)
    uppers = [f.upper for f in others if f.upper is not None]
    high = max(uppers) if len(uppers) == len(others) else None
    kept: list[Figure] = []
    out: list[Figure] = []
    steps: list[Step] = []
    for fig in figures:
        if not fig.voice.partisan or any(agreement.agree(fig, o) for o in others):
            kept.append(fig)
            continue
        above = high is not None and fig.lower > FAR_FACTOR * high
        below = fig.upper is not None and fig.upper * FAR_FACTOR < low
        if not (above or below):
            kept.append(fig)
            continue
        out.append(fig)
        other_ids = tuple(o.id for o in others)
        args = partial(with_card, fig, above, FAR_FACTOR, low, high, other_ids)
        steps.append(Step("partisan", "partisan", args, (fig.id, *other_ids)))
    return kept, out, steps


def tier_of(fig: Figure, figures: list[Figure], agreement: Agreement) -> int:
    """The index into TIERS of this figure's origin."""
    if fig.claim.rank == "preferred":
        return 0
    if not fig.voice.partisan and agreement.corroborated(fig, figures):
        return 1
    if fig.voice.accountable:
        return 3 if fig.voice.partisan else 2
    return 5 if fig.voice.partisan else 4


def estimate(
    figures: list[Figure],
    floor: Floor | None,
    agreement: Agreement,
    overlap: bool = False,
    explain: bool = True,
) -> Estimate:
    """low/best/high from current figures and an optional component floor, clamped so low <= best <= high.

    Without `explain` (an earlier day's numbers, series.py) no step is made and the claims
    the numbers rest on are not listed: only low, best and high are read."""
    est = Estimate()
    if not figures and floor is None:
        return est
    if floor is not None and overlap and figures and floor.value > max(f.reach for f in figures):
        if explain:
            args = partial(_overlap_args, floor)
            est.steps.append(Step("components", "overlap", args, floor.claim_ids))
        floor = None
    _low(est, figures, floor, explain)
    _high(est, figures, floor, explain)
    _best(est, figures, floor, agreement, explain)
    if not explain:
        return est
    used = {f.id for f in figures}
    if floor is not None and (
        not figures
        or floor.value > min(f.lower for f in figures)
        or floor.reach > max(f.reach for f in figures)
    ):
        used.update(floor.claim_ids)  # the floor binds: the numbers rest on its claims too
    est.used = sorted(used)
    return est


def _overlap_args(floor: Floor) -> tuple:
    return (floor.value, floor.words)


def _low(est: Estimate, figures: list[Figure], floor: Floor | None, explain: bool) -> None:
    lowest: Figure | None = None
    if figures:
        lowest = min(figures, key=lambda f: (f.lower, f.id))
        low = lowest.lower if floor is None else max(lowest.lower, floor.value)
        ids = (lowest.id,) if floor is None else (lowest.id, *floor.claim_ids)
    else:
        assert floor is not None  # estimate() answers nothing without figures or a floor
        low, ids = floor.value, floor.claim_ids
    est.low = low
    if explain:
        args = partial(_low_args, low, lowest, floor)
        est.steps.append(Step("low", "low", args, ids))


def _low_args(low: float, lowest: Figure | None, floor: Floor | None) -> tuple:
    return (
        low,
        (lowest.lower, lowest.id) if lowest is not None else None,
        floor.value if floor is not None and lowest is not None else None,
    )


def _high(est: Estimate, figures: list[Figure], floor: Floor | None, explain: bool) -> None:
    top = max(figures, key=lambda f: (f.reach, -f.id)) if figures else None
    ids: tuple[int, ...] = (top.id,) if top else ()
    high = top.reach if top else None
    by_floor = False
    if floor is not None and (high is None or floor.reach > high):
        by_floor, high = True, floor.reach
        ids = (*ids, *floor.claim_ids)
    low = est.low
    assert high is not None and low is not None  # a top figure or a floor; _low ran first
    raised = high < low
    if raised:
        high = low
    est.high = high
    if explain:
        args = (
            low,
            high,
            (top.id, top.lower, top.upper, top.reach) if top is not None else None,
            floor.reach if by_floor and floor is not None else None,
            raised,
        )
        est.steps.append(Step("high", "high", args, ids))


def _best(
    est: Estimate, figures: list[Figure], floor: Floor | None, agreement: Agreement, explain: bool
) -> None:
    low, high = est.low, est.high
    assert low is not None and high is not None  # _low and _high ran first
    candidates = [f for f in figures if f.point is not None]
    ranked: list[Figure] = []
    tiers: dict[int, int] = {}
    ids: tuple[int, ...] = ()
    if candidates:
        tiers = {f.id: tier_of(f, figures, agreement) for f in candidates}
        ranked = sorted(
            candidates,
            key=lambda f: (tiers[f.id], f.vague, -f.moment.toordinal(), f.point, f.id),
        )
        best, ids = ranked[0].proposal, (ranked[0].id,)  # a candidate's proposal is its point
    elif figures:
        best = low
    else:
        assert floor is not None  # estimate() answers nothing without figures or a floor
        best, ids = floor.best, floor.claim_ids
    stated = best
    best = min(max(best, low), high)
    est.best, est.best_ids = best, ids
    if not explain:
        return
    args = partial(_best_args, low, high, ranked, tiers, bool(figures), floor, stated)
    est.steps.append(Step("best", "best", args, ids))


def _best_args(
    low: float,
    high: float,
    ranked: list[Figure],
    tiers: dict[int, int],
    any_figures: bool,
    floor: Floor | None,
    stated: float,
) -> tuple:
    return (
        low,
        high,
        tuple((f.id, f.point, f.voice.name, TIERS[tiers[f.id]]) for f in ranked),
        any_figures,
        (floor.value, floor.words) if floor is not None else None,
        stated,
    )
