"""A whole event: every figure group reconciled and every conflict found, in a stable order."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from factcheck.domain.reconciliation import conflicts
from factcheck.domain.reconciliation.context import Group
from factcheck.domain.reconciliation.facts import (
    ClaimFacts,
    ConflictFinding,
    GroupResult,
    RelationFacts,
)
from factcheck.domain.reconciliation.group import Engine
from factcheck.domain.vocabulary import CATEGORY_PARENT, METRICS

Places = Mapping[
    str, str | None
]  # place -> the place it lies within in the event (None: whole area)


def event_groups(
    event: str, claims: Iterable[ClaimFacts], places: Places | None = None
) -> list[Group]:
    """(metric, category, place) for every group with a quantity claim in it or below it."""
    engine = Engine(event, claims, (), places, with_series=False)
    return groups_of(engine)


def groups_of(engine: Engine) -> list[Group]:
    """The engine's occupied groups: vocabulary order, and each place after the place holding it."""
    depth = {p: len(engine.ctx.place_ancestors(p)) for p in engine.ctx.places}
    return sorted(
        (g for g in engine.ctx.occupied if g[0]),
        key=lambda g: (*_group_order(g[0], g[1]), depth.get(g[2] or "", 0), g[2] or ""),
    )


_METRIC_ORDER = {metric: i for i, metric in enumerate(METRICS)}
_CATEGORY_ORDER = {category: i for i, category in enumerate(CATEGORY_PARENT)}


def _group_order(metric: str, category: str) -> tuple:
    """Vocabulary order: metric, then category in tree order; unknown names last."""
    return (
        _METRIC_ORDER.get(metric, len(METRICS)),
        metric,
        _CATEGORY_ORDER.get(category, len(CATEGORY_PARENT)),
        category,
    )


def detect_conflicts(
    event: str,
    claims: Iterable[ClaimFacts],
    relations: Iterable[RelationFacts],
    today: date,
    event_open: bool,
    stale_after_days: int = 30,
    places: Places | None = None,
) -> list[ConflictFinding]:
    """Every conflict of DOMAIN.md §6 in the event, ordered by kind, metric, category, claims."""
    engine = Engine(event, list(claims), relations, places, with_series=False)
    found = _findings(engine, groups_of(engine), today, event_open, stale_after_days)
    engine.close()  # the earlier days' engines an overtaken whole asked for (moments.py)
    return found


def reconcile_event(
    event: str,
    claims: Iterable[ClaimFacts],
    relations: Iterable[RelationFacts],
    today: date,
    event_open: bool,
    stale_after_days: int = 30,
    places: Places | None = None,
    only: Collection[tuple[str, str]] | None = None,
) -> tuple[list[GroupResult], list[ConflictFinding]]:
    """Every group's result (metric, category, place in order), or those of the (metric,
    category) pairs in `only` in every place, and every conflict of the event: the conflicts
    read the same analyses the results do, so one engine answers both."""
    engine = Engine(event, list(claims), relations, places)
    groups = groups_of(engine)
    results = [engine.result(*group) for group in groups if only is None or group[:2] in only]
    found = _findings(engine, groups, today, event_open, stale_after_days)
    engine.close()
    return results, found


def _findings(
    engine: Engine,
    groups: list[Group],
    today: date,
    event_open: bool,
    stale_after_days: int,
) -> list[ConflictFinding]:
    found = [f for group in groups for f in engine.analyse(*group).findings]
    found += engine.event_findings()
    found += conflicts.stale(engine.ctx, today, event_open, stale_after_days)
    unique = {(f.kind, f.claim_ids, f.metric, f.category, f.place): f for f in found}
    return sorted(unique.values(), key=conflicts.finding_order)
