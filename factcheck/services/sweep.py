"""Beat's sweep: send again the groups whose reconcile message was lost."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import PendingGroup
from factcheck.models.types import utcnow
from factcheck.services import dispatch, queue
from factcheck.services.queue import Group
from factcheck.services.unit_of_work import transaction


def requeue_stale() -> list[Group]:
    """Send again every group pending longer than REQUEUE_AFTER: its message was lost or never sent."""
    now = utcnow()
    key = (PendingGroup.event_id, PendingGroup.metric, PendingGroup.category)
    with transaction():
        # Locked in the order an edit locks them (queue.mark_pending), so the two never wait on
        # each other in a circle; a row an edit holds is its edit's to send, so it is skipped.
        locked = (
            sa.select(*key)
            .where(PendingGroup.requested_at < now - queue.REQUEUE_AFTER)
            .order_by(*key)
            .with_for_update(skip_locked=True)
        )
        stale = db.session.execute(
            sa.update(PendingGroup)
            .where(sa.tuple_(*key).in_(locked))
            .values(requested_at=now)
            .returning(*key)
        ).all()
    groups = sorted(tuple(row) for row in stale)
    dispatch.reconcile_groups(groups)
    return groups
