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
    with transaction():
        stale = db.session.execute(
            sa.update(PendingGroup)
            .where(PendingGroup.requested_at < now - queue.REQUEUE_AFTER)
            .values(requested_at=now)
            .returning(PendingGroup.event_id, PendingGroup.metric, PendingGroup.category)
        ).all()
    groups = sorted(tuple(row) for row in stale)
    dispatch.reconcile_groups(groups)
    return groups
