"""Beside the count: the origins its figures speak with (§4) and the estimates and projections
reconciled on their own (§5), as explanation steps. group.py calls these for every group.
"""

from __future__ import annotations

from factcheck.domain.reconciliation.context import Figure
from factcheck.domain.reconciliation.estimate import estimate
from factcheck.domain.reconciliation.facts import SideEstimate, Step
from factcheck.domain.reconciliation.grade import Agreement
from factcheck.domain.reconciliation.origins import standing

SIDE_MODALITIES = ("estimate", "projection")


def origin_steps(counts: list[Figure]) -> list[Step]:
    """Rule 3 in words: which origins the current count figures come from, each counted once."""
    if not counts:
        return []
    voices = sorted({f.voice.key: f.voice for f in counts}.values(), key=lambda v: v.key)
    parts = tuple(
        (
            voice.name,
            standing(voice),
            tuple((f.id, how_origin(f)) for f in counts if f.voice.key == voice.key),
        )
        for voice in voices
    )
    return [Step("origin", "origins", (parts,), tuple(f.id for f in counts))]


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
        used = tuple(est.used)
        steps.append(Step("side", "side", (modality, est.low, est.best, est.high, used), used))
        steps += [
            Step("side", "side_step", (modality, s.say, s.args), s.claim_ids) for s in est.steps
        ]
    return side, steps


def how_origin(fig: Figure) -> tuple:
    """Why this claim's origin is what it is (§4: cited source, speaker, original outlet,
    outlet), as sentence_parts.how_origin writes it: ("said", speaker, outlet)."""
    c = fig.claim
    if fig.voice.key not in {s.key for s in (c.cites, c.speaker, c.original_outlet, c.outlet) if s}:
        return ("copy",)
    if c.cites:
        return ("cites", (c.speaker or c.outlet).name, c.cites.name)
    if c.speaker and c.original_outlet:
        return ("said_reported", c.speaker.name, c.original_outlet.name, c.outlet.name)
    if c.speaker:
        return ("said", c.speaker.name, c.outlet.name)
    if c.original_outlet:
        return ("republished", c.outlet.name)
    return ("own", c.outlet.name)


def passed_projections(current: list[Figure], low: float | None) -> list[Step]:
    """A projection the counts have since passed ("could reach 20,000" against 46,970 counted)."""
    if low is None:
        return []
    return [
        Step("side", "passed_projection", (f.id, f.reach, low), (f.id,))
        for f in current
        if f.modality == "projection" and f.reach < low
    ]
