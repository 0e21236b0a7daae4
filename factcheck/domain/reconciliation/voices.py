"""Beside the count: the origins its figures speak with (§4) and the estimates and projections
reconciled on their own (§5), as explanation steps. group.py calls these for every group.
"""

from __future__ import annotations

from factcheck.domain.reconciliation.context import Figure
from factcheck.domain.reconciliation.estimate import estimate
from factcheck.domain.reconciliation.facts import SideEstimate, Step
from factcheck.domain.reconciliation.grade import Agreement
from factcheck.domain.reconciliation.origins import standing
from factcheck.domain.reconciliation.wording import claim_list, num

SIDE_MODALITIES = ("estimate", "projection")


def origin_steps(counts: list[Figure]) -> list[Step]:
    """Rule 3 in words: which origins the current count figures come from, each counted once."""
    if not counts:
        return []
    voices = sorted({f.voice.key: f.voice for f in counts}.values(), key=lambda v: v.key)
    parts = []
    for voice in voices:
        mine = [f for f in counts if f.voice.key == voice.key]
        how = "; ".join(f"claim {f.id}: {how_origin(f)}" for f in mine)
        parts.append(f"{voice.name} ({standing(voice)}) — {how}")
    n = len(voices)
    return [
        Step(
            "origin",
            f"Current count figures come from {n} origin{'s' if n > 1 else ''}, each "
            f"counted once: {'; '.join(parts)}.",
            tuple(f.id for f in counts),
        )
    ]


def side_estimates(
    current: list[Figure], agreement: Agreement
) -> tuple[dict[str, SideEstimate], list[Step]]:
    """Estimates and projections reconciled on their own, reported beside the count, never mixed in."""
    side, steps = {}, []
    for modality in SIDE_MODALITIES:
        figures = [f for f in current if f.modality == modality]
        if not figures:
            continue
        est = estimate(figures, None, agreement)
        side[modality] = SideEstimate(modality, est.low, est.best, est.high, tuple(est.used))
        steps.append(
            Step(
                "side",
                f"{modality.capitalize()}s are reported beside the count, never mixed "
                f"in: low {num(est.low)}, best {num(est.best)}, high {num(est.high)} from "
                f"{claim_list(est.used)}.",
                tuple(est.used),
            )
        )
        steps += [Step("side", f"{modality}: {s.text}", s.claim_ids) for s in est.steps]
    return side, steps


def how_origin(fig: Figure) -> str:
    """Why this claim's origin is what it is (§4: cited source, speaker, original outlet, outlet)."""
    c = fig.claim
    if fig.voice.key not in {s.key for s in (c.cites, c.speaker, c.original_outlet, c.outlet) if s}:
        return "a copy, speaks with its original's voice"
    if c.cites:
        return f"{(c.speaker or c.outlet).name} cites {c.cites.name}"
    if c.speaker and c.original_outlet:
        return f"said by {c.speaker.name}, reported by {c.original_outlet.name}, republished by {c.outlet.name}"
    if c.speaker:
        return f"said by {c.speaker.name} in {c.outlet.name}"
    if c.original_outlet:
        return f"the outlet's own voice, republished by {c.outlet.name}"
    return f"the outlet's own voice ({c.outlet.name})"


def passed_projections(current: list[Figure], low: float | None) -> list[Step]:
    """A projection the counts have since passed ("could reach 20,000" against 46,970 counted)."""
    if low is None:
        return []
    return [
        Step(
            "side",
            f"Counts have since passed the projection of claim {f.id} ({num(f.reach)}): "
            f"the low of the count is {num(low)}.",
            (f.id,),
        )
        for f in current
        if f.modality == "projection" and f.reach < low
    ]
