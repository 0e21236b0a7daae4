"""The reconciliation engine (DOMAIN.md §5-§6): plain Python over plain dataclasses.

The persistence layer builds `ClaimFacts` and `RelationFacts` from rows and
calls `reconcile_event` (or `reconcile_group` for one group); results carry a
fingerprint of their inputs so an unchanged rerun can be skipped. See
docs/reconciliation.md for the rules as implemented.
"""

from factcheck.domain.reconciliation.context import rank_claims
from factcheck.domain.reconciliation.estimate import FAR_FACTOR, TIERS
from factcheck.domain.reconciliation.event import detect_conflicts, event_groups, reconcile_event
from factcheck.domain.reconciliation.facts import (
    ClaimFacts,
    ConflictFinding,
    GroupResult,
    RelationFacts,
    SideEstimate,
    Source,
    Step,
)
from factcheck.domain.reconciliation.fingerprint import ENGINE_VERSION, fingerprint
from factcheck.domain.reconciliation.grade import SAME_MOMENT_DAYS
from factcheck.domain.reconciliation.group import reconcile_group
from factcheck.domain.reconciliation.origins import origin_of

__all__ = [
    "ClaimFacts",
    "ConflictFinding",
    "ENGINE_VERSION",
    "FAR_FACTOR",
    "GroupResult",
    "RelationFacts",
    "SAME_MOMENT_DAYS",
    "SideEstimate",
    "Source",
    "Step",
    "TIERS",
    "detect_conflicts",
    "event_groups",
    "fingerprint",
    "origin_of",
    "rank_claims",
    "reconcile_event",
    "reconcile_group",
]
