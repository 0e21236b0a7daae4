"""A whole event: every figure group reconciled and every conflict found, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from factcheck.domain.reconciliation import conflicts
from factcheck.domain.reconciliation.facts import (
    ClaimFacts,
    ConflictFinding,
    GroupResult,
    RelationFacts,
)
from factcheck.domain.reconciliation.group import Engine
from factcheck.domain.vocabulary import CATEGORY_PARENT, METRICS, figure_groups


def event_groups(event: str, claims: Iterable[ClaimFacts]) -> list[tuple[str, str]]:
    """(metric, category) for every group with a quantity claim, plus the ancestors of those categories."""
    groups: set[tuple[str, str]] = set()
    for c in claims:
        if c.event == event and c.kind == "quantity" and c.metric:
            groups.update(figure_groups(c.metric, c.category or "total"))
    return sorted(groups, key=_group_order)


_METRIC_ORDER = {metric: i for i, metric in enumerate(METRICS)}
_CATEGORY_ORDER = {category: i for i, category in enumerate(CATEGORY_PARENT)}


def _group_order(group: tuple[str, str]) -> tuple:
    """Vocabulary order: metric, then category in tree order; unknown names last."""
    metric, category = group
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
) -> list[ConflictFinding]:
    """Every conflict of DOMAIN.md §6 in the event, ordered by kind, metric, category, claims."""
    claims = list(claims)
    return _findings(
        Engine(event, claims, relations),
        event_groups(event, claims),
        today,
        event_open,
        stale_after_days,
    )


def reconcile_event(
    event: str,
    claims: Iterable[ClaimFacts],
    relations: Iterable[RelationFacts],
    today: date,
    event_open: bool,
    stale_after_days: int = 30,
) -> tuple[list[GroupResult], list[ConflictFinding]]:
    """Every group's result (metric then category in vocabulary order) and every conflict."""
    claims = list(claims)
    engine = Engine(event, claims, relations)
    groups = event_groups(event, claims)
    results = [engine.result(metric, category) for metric, category in groups]
    return results, _findings(engine, groups, today, event_open, stale_after_days)


def _findings(
    engine: Engine,
    groups: list[tuple[str, str]],
    today: date,
    event_open: bool,
    stale_after_days: int,
) -> list[ConflictFinding]:
    found = [f for metric, category in groups for f in engine.analyse(metric, category).findings]
    found += engine.event_findings()
    found += conflicts.stale(engine.ctx, today, event_open, stale_after_days)
    unique = {(f.kind, f.claim_ids, f.metric, f.category): f for f in found}
    return sorted(unique.values(), key=conflicts.finding_order)
