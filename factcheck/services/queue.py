"""Pending groups: the durable record of what must be reconciled, once per burst of edits.

A change marks its groups pending inside its own transaction (unit_of_work does
that for every service); the worker takes a group off the list just before
reconciling it; the Beat sweep (services.sweep) resends groups left pending.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from factcheck.domain.vocabulary import figure_groups
from factcheck.extensions import db
from factcheck.models import Claim, PendingGroup
from factcheck.models.types import utcnow

Group = tuple[int, str, str]  # (event_id, metric, category)

# A pending row older than this is taken as a lost message and enqueued again.
REQUEUE_AFTER = timedelta(minutes=5)


def groups_of(claim: Claim) -> set[Group]:
    """The group a quantity claim belongs to and the groups above it (its sub-total feeds their floor)."""
    if claim.kind != "quantity" or not claim.metric or not claim.category:
        return set()
    return {(claim.event_id, m, c) for m, c in figure_groups(claim.metric, claim.category)}


def mark_pending(groups: Iterable[Group]) -> list[Group]:
    """Insert a pending row per group; return the groups that need a task (new, or stale rows).

    A row already there is updated, never skipped: the update locks it until this
    change commits, so a worker taking the group off the list waits for the commit
    and then reads this change. Skipped (ON CONFLICT DO NOTHING), the row could be
    taken and the claims read between this statement and the commit, and the change
    was then neither reconciled nor queued again. SQLite has one writer at a time,
    so there the worker waits anyway.
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    to_send = []
    now = utcnow()
    # A row older than REQUEUE_AFTER stands for a lost message: it takes this moment and a task.
    lost = PendingGroup.requested_at < now - REQUEUE_AFTER
    for event_id, metric, category in sorted(set(groups)):  # one lock order for every change
        row = insert(PendingGroup).values(
            event_id=event_id, metric=metric, category=category, requested_at=now
        )
        # RETURNING, not rowcount: drivers report -1 for INSERT ... ON CONFLICT through the ORM.
        requested_at = db.session.execute(
            row.on_conflict_do_update(
                index_elements=["event_id", "metric", "category"],
                set_={
                    "requested_at": sa.case(
                        (lost, row.excluded.requested_at), else_=PendingGroup.requested_at
                    )
                },
            ).returning(PendingGroup.requested_at)
        ).scalar_one()
        if requested_at == now:  # inserted now, or a lost one taken over
            to_send.append((event_id, metric, category))
    return to_send


def claim_pending(group: Group) -> bool:
    """Take a group off the pending list just before reconciling it; False when nobody queued it."""
    event_id, metric, category = group
    deleted = db.session.execute(
        sa.delete(PendingGroup)
        .filter_by(event_id=event_id, metric=metric, category=category)
        .returning(PendingGroup.event_id)
    ).first()
    return deleted is not None
