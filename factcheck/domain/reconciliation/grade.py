"""Agreement between origins and the Airwars-adapted grade (DOMAIN.md §5).

Two figures agree when their intervals overlap, or a reviewer linked them with
`corroborates`; a `contradicts` link overrides overlap. Vague wording
("dozens") never corroborates anything: it can cap a range, not confirm it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from factcheck.domain.reconciliation.context import Context, Figure
from factcheck.domain.reconciliation.facts import Step
from factcheck.domain.reconciliation.wording import claim_list, interval
from factcheck.domain.vocabulary import RUNNING_TALLIES

if TYPE_CHECKING:
    from factcheck.domain.reconciliation.estimate import Estimate

# Figures from different origins stated this many days apart or fewer speak
# about "the same moment" (§6 value_conflict). Further apart, a running tally
# that rose is news, not a disagreement.
SAME_MOMENT_DAYS = 2


class Agreement:
    """Decides which figures agree, corroborate or conflict, honouring reviewers' links."""

    def __init__(self, ctx: Context, metric: str):
        self.metric = metric
        self.corroborates = {
            frozenset((r.source_id, r.target_id)) for r in ctx.of_type("corroborates")
        }
        self.contradicts = {
            frozenset((r.source_id, r.target_id)) for r in ctx.of_type("contradicts")
        }
        # A reviewer's decision that two figures count different things (closing a conflict).
        self.scoped = {
            frozenset((r.source_id, r.target_id)) for r in ctx.of_type("different_scope")
        }
        self.linked = bool(self.corroborates or self.contradicts or self.scoped)
        self._conflicts: dict[tuple[int, ...], list[tuple[Figure, Figure]]] = {}

    def agree(self, a: Figure, b: Figure) -> bool:
        if not self.linked:  # no reviewer's link in the event: the intervals decide
            return a.overlaps(b)
        pair = frozenset((a.id, b.id))
        if pair in self.contradicts or pair in self.scoped:
            return False
        return pair in self.corroborates or a.overlaps(b)

    def decided(self, a: Figure, b: Figure) -> str | None:
        """How a reviewer settled this pair, if they did: "scope" (the figures count different
        things) or "preferred" (exactly one of them is preferred, which decides between them)."""
        if self.linked and frozenset((a.id, b.id)) in self.scoped:
            return "scope"
        if (a.claim.rank == "preferred") != (b.claim.rank == "preferred"):
            return "preferred"
        return None

    def decisions(self, figures: list[Figure]) -> list[Step]:
        """A step for each pair of origins that disagree but that a reviewer has decided."""
        steps = []
        ordered = sorted(figures, key=lambda f: f.id)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if a.voice.key == b.voice.key or a.overlaps(b):
                    continue
                how = self.decided(a, b)
                if how is not None:
                    steps.append(Step("decision", partial(_decided_text, a, b, how), (a.id, b.id)))
        return steps

    def conflict(self, a: Figure, b: Figure) -> bool:
        """Different origins, about the same moment, not agreeing (a running tally may only rise)."""
        if a.voice.key == b.voice.key:
            return False
        if self.decided(a, b) is not None:
            return False
        if self.linked and frozenset((a.id, b.id)) in self.contradicts:
            return True
        if self.agree(a, b):
            return False
        if abs((a.moment - b.moment).days) <= SAME_MOMENT_DAYS:
            return True
        if self.metric in RUNNING_TALLIES:
            earlier, later = sorted((a, b), key=lambda f: (f.moment, f.id))
            return later.upper is not None and later.upper < earlier.lower
        return False

    def conflicts(self, figures: list[Figure]) -> list[tuple[Figure, Figure]]:
        """Conflicting pairs, by id; kept per set of claims (a group asks twice: for its flags, for its grade)."""
        ordered = sorted(figures, key=lambda f: f.id)
        key = tuple(f.id for f in ordered)
        if key not in self._conflicts:
            self._conflicts[key] = [
                (a, b)
                for i, a in enumerate(ordered)
                for b in ordered[i + 1 :]
                if self.conflict(a, b)
            ]
        return self._conflicts[key]

    def corroborated(self, fig: Figure, figures: list[Figure]) -> list[Figure]:
        """Non-vague figures from other origins that agree with this non-vague one."""
        if fig.vague:
            return []
        return [
            g
            for g in figures
            if g.voice.key != fig.voice.key and not g.vague and self.agree(fig, g)
        ]


def grade(
    figures: list[Figure], agreement: Agreement, shown: list[Figure] | None = None
) -> tuple[str, Step]:
    """confirmed > fair > weak from the figures used, unless the current figures conflict (contested).

    `shown` are all current figures, partisan outliers included: a figure set aside
    under rule 6 still disagrees, so the group is contested. `discounted` is the caller's.
    """
    pairs = agreement.conflicts(shown if shown is not None else figures)
    if pairs:
        a, b = pairs[0]
        ids = sorted({f.id for pair in pairs for f in pair})
        return "contested", Step("grade", partial(_contested_text, a, b), tuple(ids))
    ordered = sorted(figures, key=lambda f: f.id)
    for fig in ordered:
        if not fig.voice.accountable or fig.vague:
            continue
        backers = [g for g in agreement.corroborated(fig, ordered) if not g.voice.partisan]
        if backers:
            g = backers[0]
            return "confirmed", Step("grade", partial(_confirmed_text, fig, g), (fig.id, g.id))
    for fig in ordered:
        backers = agreement.corroborated(fig, ordered)
        backers = [g for g in backers if not (g.voice.partisan and fig.voice.partisan)]
        if backers:
            g = backers[0]
            return "fair", Step("grade", partial(_fair_text, fig, g), (fig.id, g.id))
    writer = partial(_weak_text, ordered, agreement)
    return "weak", Step("grade", writer, tuple(f.id for f in ordered))


def _decided_text(a: Figure, b: Figure, how: str) -> str:
    if how == "scope":
        return (
            f"Claims {a.id} {interval(a.lower, a.upper)} and {b.id} {interval(b.lower, b.upper)} "
            "do not overlap, but a reviewer decided they count different things "
            "(different scope): not a conflict."
        )
    chosen, other = (a, b) if a.claim.rank == "preferred" else (b, a)
    return (
        f"Claim {chosen.id} {interval(chosen.lower, chosen.upper)} is preferred by a reviewer "
        f"(“{chosen.claim.rank_reason}”), which decides its disagreement with claim {other.id} "
        f"{interval(other.lower, other.upper)}: not a conflict."
    )


def _contested_text(a: Figure, b: Figure) -> str:
    return (
        f"Grade contested: figures from different origins do not overlap, "
        f"e.g. claim {a.id} {interval(a.lower, a.upper)} ({a.voice.name}) and "
        f"claim {b.id} {interval(b.lower, b.upper)} ({b.voice.name})."
    )


def _confirmed_text(fig: Figure, g: Figure) -> str:
    return (
        f"Grade confirmed: the count of {fig.voice.name}, an accountable "
        f"authority (claim {fig.id}), is corroborated by an independent "
        f"origin, {g.voice.name} (claim {g.id}), whose figure overlaps."
    )


def _fair_text(fig: Figure, g: Figure) -> str:
    return (
        f"Grade fair: two independent origins agree: {fig.voice.name} "
        f"(claim {fig.id}) and {g.voice.name} (claim {g.id})."
    )


def _weak_text(figures: list[Figure], agreement: Agreement) -> str:
    return f"Grade weak: {_why_weak(figures, agreement)}."


def _why_weak(figures: list[Figure], agreement: Agreement) -> str:
    voices = sorted({f.voice.name for f in figures})
    if not figures:
        return "no count survived the rules above"
    reasons = []
    if len(voices) == 1:
        reasons.append(f"one origin only ({voices[0]}, {claim_list(f.id for f in figures)})")
    if all(f.vague for f in figures):
        reasons.append("vague wording only")
    elif any(f.vague for f in figures):
        reasons.append(
            f"{claim_list(f.id for f in figures if f.vague)} vague wording, which corroborates nothing"
        )
    if len(voices) > 1 and all(f.voice.partisan for f in figures):
        reasons.append("partisan origins only, so agreement between them is not independent")
    elif len(voices) > 1 and not any(agreement.corroborated(f, figures) for f in figures):
        reasons.append("no two origins give non-vague figures that agree")
    return "; ".join(reasons)


def group_grade(
    est: Estimate,
    kept: list[Figure],
    counts: list[Figure],
    agreement: Agreement,
    count_claims: int,
    dead: int,
    direct: list,
) -> tuple[str, Step]:
    """The group's grade: discounted when every count is deprecated, weak without a usable
    count or when only the parts' sum speaks, else as `grade` decides."""
    if est.low is None and count_claims and dead == count_claims:
        return (
            "discounted",
            Step(
                "grade",
                f"Grade discounted: every count claim ({count_claims}) is deprecated; no figure stands.",
                tuple(c.id for c in direct),
            ),
        )
    if est.low is None:
        return (
            "weak",
            Step("grade", "Grade weak: no usable count; low, best and high stay empty.", ()),
        )
    if not kept:
        return (
            "weak",
            Step(
                "grade",
                "Grade weak: nobody states this total; the numbers rest on the sum of its parts.",
                tuple(est.used),
            ),
        )
    return grade(kept, agreement, shown=counts)
