"""Ask the workers to reconcile groups, once per burst of edits to a group."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from factcheck.domain.vocabulary import figure_groups
from factcheck.extensions import db
from factcheck.models import Claim, PendingGroup
from factcheck.models.types import utcnow

log = logging.getLogger(__name__)
Group = tuple[int, str, str]  # (event_id, metric, category)

# A pending row older than this is taken as a lost message and enqueued again.
REQUEUE_AFTER = timedelta(minutes=5)


def groups_of(claim: Claim) -> set[Group]:
    """The group a quantity claim belongs to and the groups above it (its sub-total feeds their floor)."""
    if claim.kind != "quantity" or not claim.metric or not claim.category:
        return set()
    return {(claim.event_id, m, c) for m, c in figure_groups(claim.metric, claim.category)}


def mark_pending(groups: Iterable[Group]) -> list[Group]:
    """Insert a pending row per group; return the groups that need a task (new, or stale rows)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    to_send = []
    now = utcnow()
    for event_id, metric, category in sorted(set(groups)):
        key = {"event_id": event_id, "metric": metric, "category": category}
        # RETURNING, not rowcount: drivers report -1 for INSERT ... ON CONFLICT through the ORM.
        inserted = db.session.execute(
            insert(PendingGroup)
            .values(**key, requested_at=now)
            .on_conflict_do_nothing()
            .returning(PendingGroup.event_id)
        ).first()
        if inserted is not None:
            to_send.append((event_id, metric, category))
            continue
        stale = db.session.execute(
            sa.update(PendingGroup)
            .filter_by(**key)
            .where(PendingGroup.requested_at < now - REQUEUE_AFTER)
            .values(requested_at=now)
            .returning(PendingGroup.event_id)
        ).first()
        if stale is not None:
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


def send(groups: Iterable[Group]) -> int:
    """Send a reconcile task per group marked by mark_pending(), once that is committed; how many went out.

    Services that change claims mark the groups inside their own transaction, so
    the change and its pending rows commit together (or not at all), then send.

    A broker that does not answer (restarting, unreachable) fails nothing that
    was saved: the groups stay in pending_groups, and requeue_stale() sends
    them again once REQUEUE_AFTER has passed.
    """
    from kombu.exceptions import OperationalError as QueueUnreachable

    from tasks.reconcile import reconcile_group

    sent = 0
    for event_id, metric, category in groups:
        try:
            reconcile_group.delay(event_id, metric, category)
        except QueueUnreachable as err:
            log.warning("job queue unreachable; groups left pending for the sweep: %s", err)
            break
        sent += 1
    return sent


def commit_and_queue(groups: Iterable[Group]) -> None:
    """Commit the caller's change with its groups marked pending, then send their tasks.

    The one way a service ends a change to claims: the change, its history, its
    ranks and the pending rows commit together or not at all, and tasks leave
    only after the commit (send() says what happens when the broker is down).
    """
    to_send = mark_pending(groups)
    db.session.commit()
    send(to_send)


def requeue_stale() -> list[Group]:
    """Send again every group pending longer than REQUEUE_AFTER: its message was lost or never sent."""
    now = utcnow()
    stale = db.session.execute(
        sa.update(PendingGroup)
        .where(PendingGroup.requested_at < now - REQUEUE_AFTER)
        .values(requested_at=now)
        .returning(PendingGroup.event_id, PendingGroup.metric, PendingGroup.category)
    ).all()
    db.session.commit()
    groups = sorted(tuple(row) for row in stale)
    send(groups)
    return groups
