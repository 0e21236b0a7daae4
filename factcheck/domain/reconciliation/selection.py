"""Rules 1 and 3 of DOMAIN.md §5: which of a group's claims may speak at all.

Deprecated claims are set aside with their reason (Wikidata ranks); parts of a
stated total and republished copies are set aside in favour of the claim they
belong to, so each origin speaks once. Rule 2 (running tallies) is `tallies`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from factcheck.domain.reconciliation.context import Context, Figure, effective_ranks, with_card
from factcheck.domain.reconciliation.facts import ClaimFacts, Step
from factcheck.domain.reconciliation.origins import is_copy

# effective_ranks lives with the Context that uses it; older callers import it from here.
__all__ = ["Figure", "Selection", "effective_ranks", "select"]


@dataclass
class Selection:
    """What rules 1 and 3 leave of a group's direct claims."""

    figures: list[Figure]  # live, not a part, not a copy: ready for rule 2
    parts: dict[int, list[Figure]]  # stated total's claim id -> its live parts in the same group
    set_aside: list[tuple[int, str]]
    steps: list[Step]
    deprecated_count_claims: int  # count claims set aside because deprecated (or copies of such)
    count_claims: int

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles. Fields as declared above
    # (tests/unit/reconciliation/test_engine_records.py holds them to it).
    def __init__(
        self,
        figures: list[Figure],
        parts: dict[int, list[Figure]],
        set_aside: list[tuple[int, str]],
        steps: list[Step],
        deprecated_count_claims: int,
        count_claims: int,
    ) -> None:
        self.figures = figures
        self.parts = parts
        self.set_aside = set_aside
        self.steps = steps
        self.deprecated_count_claims = deprecated_count_claims
        self.count_claims = count_claims


def select(direct: list[ClaimFacts], ctx: Context, explain: bool = True) -> Selection:
    """Apply rule 1 (deprecated out), explicit parts, and rule 3 (copies speak with their original's voice).

    Without `explain` (an earlier day's numbers, series.py) the claims set aside get no
    reasons and no steps: they would be thrown away."""
    sel = Selection([], {}, [], [], 0, 0)
    in_group = {c.id for c in direct}
    dead: set[int] = set()
    candidates: list[Figure] = []
    for claim in direct:
        if (claim.modality or "count") == "count":
            sel.count_claims += 1
        fig = ctx.figure(claim)
        if ctx.deprecated(claim.id):
            dead.add(claim.id)
            if explain:
                sel.set_aside.append((claim.id, ctx.ranks[claim.id][1] or "deprecated"))
                args = partial(_deprecated_args, ctx, claim, fig)
                sel.steps.append(Step("rank", "deprecated", args, (claim.id,)))
        elif fig is None:
            if explain:
                sel.set_aside.append((claim.id, "no figure stated"))
                sel.steps.append(Step("figure", "no_figure", (claim.id,), (claim.id,)))
        else:
            candidates.append(fig)
    part_of = {
        r.source_id: r.target_id
        for r in reversed(ctx.of_type("component_of"))
        if r.target_id in in_group and r.source_id in in_group
    }
    remaining: list[Figure] = []
    for fig in candidates:
        if fig.id in part_of:
            total = part_of[fig.id]
            sel.parts.setdefault(total, []).append(fig)
            if explain:
                sel.set_aside.append((fig.id, f"part of claim {total}"))
                args = partial(with_card, fig, total)
                sel.steps.append(Step("components", "part", args, (fig.id, total)))
        else:
            remaining.append(fig)
    copy_of: dict[int, int] = {}
    for fig in remaining:
        original = _copied_from(fig, candidates, ctx, in_group)
        if original is None:
            sel.figures.append(fig)
        else:
            copy_of[fig.id] = original
    for fig in remaining:
        if fig.id not in copy_of or not explain:
            continue
        original = copy_of[fig.id]
        dead_copy = _traces_to(fig.id, copy_of, dead)
        sel.set_aside.append((fig.id, f"republished copy of claim {original}"))
        args = partial(with_card, fig, original, dead_copy)
        sel.steps.append(Step("origin", "copy", args, (fig.id, original)))
    if dead:  # without a deprecated claim no copy traces to one
        sel.deprecated_count_claims = sum(
            1
            for c in direct
            if (c.modality or "count") == "count"
            and (c.id in dead or _traces_to(c.id, copy_of, dead))
        )
    return sel


def _deprecated_args(ctx: Context, claim: ClaimFacts, fig: Figure | None) -> tuple:
    return (fig.card() if fig else None, claim.id, *ctx.deprecation(claim.id))


def _traces_to(claim_id: int, copy_of: dict[int, int], dead: set[int]) -> bool:
    """The claim is a copy (of a copy ...) of a deprecated claim."""
    seen = {claim_id}
    while claim_id in copy_of and copy_of[claim_id] not in seen:
        claim_id = copy_of[claim_id]
        if claim_id in dead:
            return True
        seen.add(claim_id)
    return False


def _copied_from(fig: Figure, peers: list[Figure], ctx: Context, in_group: set[int]) -> int | None:
    """The group claim this figure copies: by a `republishes` relation, else an identical same-voice original.

    Without a relation only a live claim can absorb a copy: a deprecated claim never
    moves a number, not even by hiding a copy that repeats it (that copy is flagged
    retracted_still_cited instead, when it came after the retraction).
    """
    seen, current = {fig.id}, fig.id
    while (
        current in ctx.links and ctx.links[current] not in seen
    ):  # the nearest original in this group
        current = ctx.links[current]
        if current in in_group:
            return current
        seen.add(current)
    if not is_copy(fig.claim, ctx.links):
        return None
    same = [
        p
        for p in peers
        if p.voice.key == fig.voice.key and p.modality == fig.modality and p.same_numbers(fig)
    ]
    keeper = min(same, key=lambda p: (is_copy(p.claim, ctx.links), p.claim.stated_on, p.id))
    return None if keeper.id == fig.id else keeper.id
