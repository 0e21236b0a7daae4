"""Closing a conflict decides it (DOMAIN.md §6): prefer a figure, set one aside, or say the
figures count different things; the group is reconciled again with the decision.

A closed conflict is kept, never deleted; the decision, its note and the claim it names are
on the conflict row and in the history of every record it changed.
"""

from __future__ import annotations

import itertools

import sqlalchemy as sa

from factcheck.domain.said import Said
from factcheck.domain.vocabulary import CONFLICT_OUTCOMES, DECIDED_BY_FIGURES
from factcheck.extensions import db
from factcheck.models import Claim, Conflict, Relation
from factcheck.models.types import utcnow
from factcheck.services import history, queue
from factcheck.services.claims import InvalidChange
from factcheck.services.json_values import row_dict
from factcheck.services.ranking import refresh_ranks
from factcheck.services.unit_of_work import commit_and_queue, transaction

STATUS_OF = {
    "prefer": "resolved",
    "set_aside": "resolved",
    "different_scope": "dismissed",
    "dismiss": "dismissed",
}


class StaleConflict(Exception):
    """The conflict changed since the editor loaded it (another editor, or the engine); nothing was written."""

    def __init__(self, conflict: Conflict):
        self.current = conflict
        super().__init__(
            f"conflict {conflict.id} changed since you loaded it: it is {conflict.status} now"
        )


class SettledByEngine(InvalidChange):
    """The engine closed this conflict (its figures agree again); it reopens itself, not by hand."""

    def __init__(self):
        super().__init__(
            Said(
                "the engine settled this conflict: it opens again by itself when the figures disagree again"
            )
        )


def outcomes_for(conflict: Conflict) -> tuple[str, ...]:
    """The outcomes that can close this conflict: a disagreement between figures is decided
    by a figure (or a scope), never merely dismissed; every kind can be closed somehow."""
    if conflict.kind == "stale":  # the event went quiet: nothing to decide between its figures
        return ("dismiss",)
    offered = []
    if conflict.claim_ids:
        offered += ["prefer", "set_aside"]
    if len(conflict.claim_ids or ()) >= 2:
        offered.append("different_scope")
    if conflict.kind not in DECIDED_BY_FIGURES:
        offered.append("dismiss")
    return tuple(offered)


@transaction()
def close_conflict(
    conflict: Conflict,
    outcome: str,
    note: str,
    user_id: int,
    claim_id: int | None = None,
    via: str = "web",
    expected_version: int | None = None,
) -> Conflict:
    """Close the conflict with the reviewer's decision and note; the figures it names follow."""
    if expected_version is not None and conflict.version != expected_version:
        raise StaleConflict(conflict)
    if conflict.status != "open":
        raise StaleConflict(conflict)
    if outcome not in CONFLICT_OUTCOMES:
        raise InvalidChange(
            "choose how to close the conflict: " + ", ".join(outcomes_for(conflict))
        )
    if outcome not in outcomes_for(conflict):
        raise InvalidChange(
            f"a {conflict.kind.replace('_', ' ')} is closed by deciding a figure: "
            + ", ".join(o.replace("_", " ") for o in outcomes_for(conflict))
        )
    note = (note or "").strip()
    if not note:
        raise InvalidChange(Said("say why in a note"))
    claim = None
    if outcome in ("prefer", "set_aside"):
        if claim_id is None or claim_id not in (conflict.claim_ids or ()):
            raise InvalidChange(Said("choose one of the conflict's figures"))
        claim = db.session.get(Claim, claim_id)
        if claim is None or claim.rank == "deprecated":
            raise InvalidChange(
                Said("claim %(claim)s is deprecated already: choose a live figure", claim=claim_id)
            )
    status = STATUS_OF[outcome]
    _revise(
        conflict,
        user_id,
        via,
        "resolve" if status == "resolved" else "dismiss",
        status=status,
        note=note,
        outcome=outcome,
        outcome_claim_id=claim.id if claim else None,
        resolved_at=utcnow(),
        resolved_by_id=user_id,
    )
    touched = _decide(conflict, outcome, claim, note, user_id, via)
    _reconcile_again(conflict, touched, user_id, via)
    return conflict


def _reconcile_again(conflict: Conflict, touched: list[Claim], user_id: int, via: str) -> None:
    """The ranks of the event decided again, and the touched claims' groups queued after commit."""
    if not touched:
        return
    refresh_ranks({conflict.event_id}, user_id=user_id, via=via)
    groups = set()
    for c in touched:
        groups |= queue.groups_of(c)
    commit_and_queue(groups)


def _decide(
    conflict: Conflict, outcome: str, claim: Claim | None, note: str, user_id: int, via: str
) -> list[Claim]:
    """Write the decision on the figures; return the claims whose groups must be reconciled."""
    if outcome == "prefer":
        _revise(claim, user_id, via, preferred_reason=note, rank="preferred")
        return [claim]
    if outcome == "set_aside":
        _revise(claim, user_id, via, set_aside_reason=note)
        return [claim]  # refresh_ranks deprecates it, as "set_aside"
    if outcome == "different_scope":
        claims = _figures(conflict)
        for a, b in itertools.combinations(claims, 2):
            _link_scopes(a, b, note, user_id, via)
        return claims
    return []


def _revise(record, user_id: int, via: str, verb: str = "update", **values) -> None:
    """Set the values on the record and keep what it was in its history."""
    before = row_dict(record)
    for name, value in values.items():
        setattr(record, name, value)
    db.session.flush()
    history.record(record, verb, before, user_id=user_id, via=via)


def _figures(conflict: Conflict) -> list[Claim]:
    """The claims the conflict names, in id order."""
    ids = list(conflict.claim_ids or ())
    return list(db.session.scalars(sa.select(Claim).where(Claim.id.in_(ids)).order_by(Claim.id)))


@transaction()
def reopen_conflict(
    conflict: Conflict,
    note: str,
    user_id: int,
    via: str = "web",
    expected_version: int | None = None,
) -> Conflict:
    """Take a reviewer's decision back: the conflict is open again, and the figures it moved are
    as they were before it (a preference or a setting aside whose note is still the decision's
    is cleared; the different-scope links between its figures are withdrawn)."""
    if expected_version is not None and conflict.version != expected_version:
        raise StaleConflict(conflict)
    if conflict.status == "open":
        raise StaleConflict(conflict)
    if conflict.resolved_by_id is None:
        raise SettledByEngine()
    note = (note or "").strip()
    if not note:
        raise InvalidChange(Said("say why in a note"))
    touched = _undo(conflict, user_id, via)
    _revise(
        conflict,
        user_id,
        via,
        status="open",
        note=note,
        outcome=None,
        outcome_claim_id=None,
        resolved_at=None,
        resolved_by_id=None,
    )
    _reconcile_again(conflict, touched, user_id, via)
    return conflict


def _undo(conflict: Conflict, user_id: int, via: str) -> list[Claim]:
    """Undo what `_decide` wrote for this conflict; return the claims whose groups move back."""
    claim = db.session.get(Claim, conflict.outcome_claim_id) if conflict.outcome_claim_id else None
    # A preference or a setting aside edited since (another note) is someone else's: left alone.
    if (
        conflict.outcome == "prefer"
        and claim is not None
        and claim.preferred_reason == conflict.note
    ):
        rank = "normal" if claim.rank == "preferred" else claim.rank
        _revise(claim, user_id, via, preferred_reason=None, rank=rank)
        return [claim]
    if (
        conflict.outcome == "set_aside"
        and claim is not None
        and claim.set_aside_reason == conflict.note
    ):
        _revise(claim, user_id, via, set_aside_reason=None)
        return [claim]  # refresh_ranks gives it back its rank
    if conflict.outcome == "different_scope":
        ids = list(conflict.claim_ids or ())
        links = db.session.scalars(
            sa.select(Relation).where(
                Relation.type == "different_scope",
                Relation.withdrawn_at.is_(None),
                Relation.source_id.in_(ids),
                Relation.target_id.in_(ids),
            )
        ).all()
        for relation in links:
            _revise(relation, user_id, via, "withdraw", withdrawn_at=utcnow())
        return _figures(conflict)
    return []


def _link_scopes(a: Claim, b: Claim, note: str, user_id: int, via: str) -> None:
    """A different_scope link between the two (restored if one was withdrawn; one is enough)."""
    existing = db.session.scalars(
        sa.select(Relation).where(
            Relation.type == "different_scope",
            sa.or_(
                sa.and_(Relation.source_id == a.id, Relation.target_id == b.id),
                sa.and_(Relation.source_id == b.id, Relation.target_id == a.id),
            ),
        )
    ).all()
    if any(r.withdrawn_at is None for r in existing):
        return
    if existing:
        _revise(existing[0], user_id, via, "restore", withdrawn_at=None)
        return
    relation = Relation(
        type="different_scope", source_id=a.id, target_id=b.id, note=note, created_by_id=user_id
    )
    db.session.add(relation)
    db.session.flush()
    history.record(relation, "create", None, user_id=user_id, via=via)
