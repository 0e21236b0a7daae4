"""Rule 2 of DOMAIN.md §5: each origin's latest figure is its current one.

Running tallies (killed, injured, missing, detained) only rise, so a later
lower figure from the same origin without a `corrects` link is flagged as a
downward revision. For the other metrics the latest figure still speaks for
its origin (one voice, one current figure), but a fall is not suspicious.
An explicit `supersedes` relation from a live claim sets its target aside too.
"""

from __future__ import annotations

from functools import partial

from factcheck.domain.reconciliation.context import Context, Figure, with_card
from factcheck.domain.reconciliation.facts import Step
from factcheck.domain.vocabulary import RUNNING_TALLIES

# Up to this many superseded figures of one origin get a step each; more share one step.
ONE_STEP_EACH = 3


def latest_per_voice(
    figures: list[Figure], ctx: Context, explain: bool = True
) -> tuple[list[Figure], list[tuple[int, str]], list[Step]]:
    """Current figures (one per origin and modality), the superseded ones with reasons, and the steps.

    Without `explain` (an earlier day's numbers, series.py) only the current figures are
    made: the reasons and steps for every superseded figure would be thrown away."""
    set_aside: list[tuple[int, str]] = []
    steps: list[Step] = []
    ids = {f.id for f in figures}
    superseded_by: dict[int, int] = {}
    for rel in ctx.of_type("supersedes"):
        if rel.target_id in ids and ctx.live(rel.source_id) and rel.source_id != rel.target_id:
            superseded_by.setdefault(rel.target_id, rel.source_id)
    remaining: list[Figure] = []
    for fig in figures:
        if fig.id not in superseded_by:
            remaining.append(fig)
        elif explain:
            by = superseded_by[fig.id]
            set_aside.append((fig.id, f"superseded by claim {by}"))
            steps.append(Step("tally", "superseded", partial(with_card, fig, by), (fig.id, by)))
    streams: dict[tuple[str, str], list[Figure]] = {}
    for fig in remaining:
        streams.setdefault((fig.voice.key, fig.modality), []).append(fig)
    current: list[Figure] = []
    for key in sorted(streams):
        stream = streams[key]
        if len(stream) > 1:
            stream.sort(key=_recency, reverse=True)
        latest = stream[0]
        current.append(latest)
        if not explain:
            continue
        older_figures = stream[1:]
        set_aside.extend((older.id, f"superseded by claim {latest.id}") for older in older_figures)
        if len(older_figures) > ONE_STEP_EACH:
            # A long-running origin: one step names them all, so the explanation stays readable.
            older_ids = sorted(f.id for f in older_figures)
            many = (older_ids, latest.voice.name, latest.id, latest.proposal, str(latest.moment))
            steps.append(Step("tally", "superseded_many", many, (*older_ids, latest.id)))
            continue
        for older in older_figures:
            args = partial(_older_args, older, latest)
            steps.append(Step("tally", "superseded_older", args, (older.id, latest.id)))
    return sorted(current, key=lambda f: f.id), set_aside, steps


def _older_args(older: Figure, latest: Figure) -> tuple:
    same_day = older.moment == latest.moment
    return (older.card(), latest.id, latest.voice.name, same_day, latest.proposal)


def _recency(fig: Figure) -> tuple:
    """Latest moment first; on the same day the higher figure, then the lower claim id."""
    return (fig.moment, fig.proposal, fig.lower, -fig.id)


def downward_revisions(
    figures: list[Figure], ctx: Context, metric: str
) -> list[tuple[Figure, Figure]]:
    """(earlier, later) pairs where a running tally's count fell at the same origin without a correction."""
    if metric not in RUNNING_TALLIES:
        return []
    corrected = {(r.source_id, r.target_id) for r in ctx.of_type("corrects")}
    streams: dict[str, list[Figure]] = {}
    for fig in figures:
        if fig.modality == "count":
            streams.setdefault(fig.voice.key, []).append(fig)
    found: list[tuple[Figure, Figure]] = []
    for key in sorted(streams):
        stream = sorted(streams[key], key=lambda f: (f.moment, f.id))
        for later in stream:
            earlier = [f for f in stream if f.moment < later.moment]
            if not earlier:
                continue
            peak = max(earlier, key=lambda f: (f.proposal, -f.id))
            if later.proposal < peak.proposal and (later.id, peak.id) not in corrected:
                found.append((peak, later))
    return found
