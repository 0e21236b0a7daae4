"""Change claims and relations the one way: validated, versioned, recorded, ranked, reconciled.

Web views, API endpoints and scripts call these; each commits once and then
asks the workers to reconcile the groups the change touched.
"""

from __future__ import annotations

from typing import Any

from factcheck.domain.qualifiers import DEFAULT_WIDTHS, QualifierError, Widths, to_interval
from factcheck.domain.vocabulary import RELATION_TYPES
from factcheck.extensions import db
from factcheck.models import Claim, Relation
from factcheck.models.types import utcnow
from factcheck.services import history, queue
from factcheck.services.plain import row_dict
from factcheck.services.ranking import refresh_ranks

EDITABLE = {
    "proposition", "attributed_to_id", "cites_id", "stated_on", "metric", "category", "category_label",
    "qualifier", "modality", "value", "lower", "upper", "unit", "as_of", "place", "preferred_reason",
}  # fmt: skip


class StaleVersion(Exception):
    """The claim moved on since the editor loaded it; nothing was written."""

    def __init__(self, claim: Claim):
        self.current = claim
        super().__init__(f"claim {claim.id} is at version {claim.version}; reload it and apply your change again")


class InvalidChange(ValueError):
    """The change breaks a rule of the domain; nothing was written."""


def update_claim(
    claim: Claim, changes: dict[str, Any], expected_version: int, user_id: int | None, via: str = "web",
    widths: Widths = DEFAULT_WIDTHS,
) -> Claim:  # fmt: skip
    """Apply `changes` to the claim if it is still at `expected_version`; recompute its interval."""
    if claim.version != expected_version:
        raise StaleVersion(claim)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidChange(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    before = row_dict(claim)
    old_groups = queue.groups_of(claim)
    for name, value in changes.items():
        setattr(claim, name, value)
    if claim.kind == "quantity":
        _recompute_interval(claim, changes, widths)
    if "preferred_reason" in changes and claim.rank != "deprecated":
        claim.rank = "preferred" if claim.preferred_reason else "normal"
    return _commit_change(claim, "update", before, user_id, via, old_groups)


def _recompute_interval(claim: Claim, changes: dict[str, Any], widths: Widths) -> None:
    bounds_given = {"lower", "upper"} & set(changes)
    try:
        if claim.qualifier in ("range", "vague"):
            interval = to_interval(claim.qualifier, lower=claim.lower, upper=claim.upper, widths=widths)
        else:
            if bounds_given:
                raise InvalidChange(f"lower/upper follow from the qualifier {claim.qualifier!r}; change value instead")
            interval = to_interval(claim.qualifier, value=claim.value, widths=widths)
    except QualifierError as err:
        db.session.rollback()
        raise InvalidChange(str(err)) from err
    claim.lower, claim.upper, claim.point = interval.lower, interval.upper, interval.point


def withdraw_claim(claim: Claim, user_id: int | None, via: str = "web") -> Claim:
    """Soft-delete: the claim stays, deprecated as withdrawn, restorable."""
    before = row_dict(claim)
    claim.withdrawn_at, claim.withdrawn_by_id = utcnow(), user_id
    return _commit_change(claim, "withdraw", before, user_id, via, queue.groups_of(claim))


def restore_claim(claim: Claim, user_id: int | None, via: str = "web") -> Claim:
    before = row_dict(claim)
    claim.withdrawn_at, claim.withdrawn_by_id = None, None
    return _commit_change(claim, "restore", before, user_id, via, queue.groups_of(claim))


def add_relation(source: Claim, target: Claim, rel_type: str, note: str, user_id: int | None, via: str = "web") -> Relation:
    """Link two claims ("source rel_type target"); ranks and both claims' groups follow."""
    if rel_type not in RELATION_TYPES:
        raise InvalidChange(f"unknown relation type {rel_type!r}; expected one of: {', '.join(RELATION_TYPES)}")
    if source.id == target.id:
        raise InvalidChange("a claim cannot relate to itself")
    relation = Relation(type=rel_type, source_id=source.id, target_id=target.id, note=note, created_by_id=user_id)
    db.session.add(relation)
    db.session.flush()
    history.record(relation, "create", None, user_id=user_id, via=via)
    refresh_ranks({source.event_id, target.event_id}, user_id=user_id, via=via)
    db.session.commit()
    queue.request_reconciliation(queue.groups_of(source) | queue.groups_of(target))
    return relation


def _commit_change(claim: Claim, action: str, before: dict, user_id, via, old_groups) -> Claim:
    db.session.flush()  # the version check happens here: a concurrent edit raises StaleDataError
    history.record(claim, action, before, user_id=user_id, via=via)
    refresh_ranks({claim.event_id}, user_id=user_id, via=via)
    db.session.commit()
    queue.request_reconciliation(old_groups | queue.groups_of(claim))
    return claim
