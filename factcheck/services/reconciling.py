"""Run the engine over stored claims and keep its results and conflicts in the database.

A result is written only when the fingerprint of its inputs changed, so a rerun
on unchanged data writes nothing; conflicts that are no longer found are kept,
marked resolved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from factcheck.domain.reconciliation import ConflictFinding, GroupResult, detect_conflicts, reconcile_event
from factcheck.domain.reconciliation.group import Engine
from factcheck.extensions import db
from factcheck.models import Conflict, Event, Reconciliation
from factcheck.models.types import utcnow
from factcheck.services.engine_facts import event_facts

SETTLED_NOTE = "Settled: no longer found when the figures were reconciled again."


@dataclass
class Outcome:
    groups: int = 0
    written: list[tuple[str, str]] = field(default_factory=list)  # (metric, category) rewritten
    conflicts_opened: int = 0
    conflicts_settled: int = 0

    def add(self, other: Outcome) -> None:
        self.groups += other.groups
        self.written += other.written
        self.conflicts_opened += other.conflicts_opened
        self.conflicts_settled += other.conflicts_settled


def reconcile_event_groups(
    event: Event, groups: Iterable[tuple[str, str]] | None = None, today: date | None = None
) -> Outcome:
    """Reconcile `groups` of the event (every group when None) and refresh its conflicts. The caller commits."""
    today = today or date.today()
    claims, relations = event_facts(event)
    if groups is None:
        results, findings = reconcile_event(event.slug, claims, relations, today, event.is_open)
    else:
        engine = Engine(event.slug, claims, relations)
        results = [engine.result(metric, category) for metric, category in sorted(set(groups))]
        findings = detect_conflicts(event.slug, claims, relations, today, event.is_open)
    outcome = Outcome(groups=len(results))
    for result in results:
        if _store_result(event, result):
            outcome.written.append((result.metric, result.category))
    outcome.conflicts_opened, outcome.conflicts_settled = _sync_conflicts(event, findings)
    return outcome


def _store_result(event: Event, result: GroupResult) -> bool:
    """Upsert one group's result; False (and no write) when its inputs did not change."""
    row = db.session.scalar(
        sa.select(Reconciliation).filter_by(event_id=event.id, metric=result.metric, category=result.category)
    )
    if row is not None and row.fingerprint == result.fingerprint:
        return False
    data = result.to_dict()
    if row is None:
        row = Reconciliation(event_id=event.id, metric=result.metric, category=result.category)
        db.session.add(row)
    for name in ("low", "best", "high", "grade", "flags", "explanation", "claims_used", "claims_set_aside",
                 "side_estimates", "fingerprint"):  # fmt: skip
        setattr(row, name, data[name])
    row.computed_at = utcnow()
    return True


def conflict_key(finding: ConflictFinding) -> str:
    ids = ",".join(str(i) for i in sorted(finding.claim_ids))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:16]
    return f"{finding.kind}:{finding.metric or '-'}:{finding.category or '-'}:{digest}"


def _sync_conflicts(event: Event, findings: list[ConflictFinding]) -> tuple[int, int]:
    """Open new conflicts, settle vanished automatic ones; reviewers' resolutions stay as they are."""
    stored = {c.key: c for c in db.session.scalars(sa.select(Conflict).where(Conflict.event_id == event.id))}
    found = {conflict_key(f): f for f in findings}
    opened = settled = 0
    for key, finding in found.items():
        row = stored.get(key)
        if row is None:
            db.session.add(
                Conflict(
                    event_id=event.id, key=key, kind=finding.kind, metric=finding.metric,
                    category=finding.category, claim_ids=sorted(finding.claim_ids), detail=finding.detail,
                )  # fmt: skip
            )
            opened += 1
        elif row.status == "resolved" and row.resolved_by_id is None:
            row.status, row.note, row.resolved_at = "open", None, None  # it came back
            opened += 1
    for key, row in stored.items():
        if key not in found and row.status == "open":
            row.status, row.note, row.resolved_at = "resolved", SETTLED_NOTE, utcnow()
            settled += 1
    return opened, settled
