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
                    steps.append(_decided(a, b, how))
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
        args = partial(_contested_args, a, b)
        return "contested", Step("grade", "contested", args, tuple(ids))
    ordered = sorted(figures, key=lambda f: f.id)
    for fig in ordered:
        if not fig.voice.accountable or fig.vague:
            continue
        backers = [g for g in agreement.corroborated(fig, ordered) if not g.voice.partisan]
        if backers:
            g = backers[0]
            args = partial(_pair_args, fig, g)
            return "confirmed", Step("grade", "confirmed", args, (fig.id, g.id))
    for fig in ordered:
        backers = agreement.corroborated(fig, ordered)
        backers = [g for g in backers if not (g.voice.partisan and fig.voice.partisan)]
        if backers:
            g = backers[0]
            return "fair", Step("grade", "fair", partial(_pair_args, fig, g), (fig.id, g.id))
    args = partial(_weak_args, ordered, agreement)
    return "weak", Step("grade", "weak", args, tuple(f.id for f in ordered))


def _decided(a: Figure, b: Figure, how: str) -> Step:
    if how == "scope":
        pair = ((a.id, a.lower, a.upper), (b.id, b.lower, b.upper))
        return Step("decision", "decided_scope", pair, (a.id, b.id))
    chosen, other = (a, b) if a.claim.rank == "preferred" else (b, a)
    args = (
        (chosen.id, chosen.lower, chosen.upper),
        chosen.claim.rank_reason,
        (other.id, other.lower, other.upper),
    )
    return Step("decision", "decided_preferred", args, (a.id, b.id))


def _contested_args(a: Figure, b: Figure) -> tuple:
    return (a.id, a.lower, a.upper, a.voice.name), (b.id, b.lower, b.upper, b.voice.name)


def _pair_args(fig: Figure, g: Figure) -> tuple:
    return (fig.voice.name, fig.id, g.voice.name, g.id)


def _weak_args(figures: list[Figure], agreement: Agreement) -> tuple:
    """Why the grade is weak, as step_words writes each reason: (("one_origin", name, ids), ...)."""
    voices = sorted({f.voice.name for f in figures})
    if not figures:
        return ((("none",),),)
    reasons: list[tuple] = []
    if len(voices) == 1:
        reasons.append(("one_origin", voices[0], tuple(f.id for f in figures)))
    if all(f.vague for f in figures):
        reasons.append(("vague_only",))
    elif any(f.vague for f in figures):
        reasons.append(("vague_some", tuple(f.id for f in figures if f.vague)))
    if len(voices) > 1 and all(f.voice.partisan for f in figures):
        reasons.append(("partisan_only",))
    elif len(voices) > 1 and not any(agreement.corroborated(f, figures) for f in figures):
        reasons.append(("no_agreement",))
    return (tuple(reasons),)


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
            Step("grade", "discounted", (count_claims,), tuple(c.id for c in direct)),
        )
    if est.low is None:
        return (
            "weak",
            Step("grade", "no_count"),
        )
    if not kept:
        return (
            "weak",
            Step("grade", "parts_only", (), tuple(est.used)),
        )
    return grade(kept, agreement, shown=counts)
