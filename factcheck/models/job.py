"""Background work the reviewers can watch: rebuild progress and the queue of groups to redo."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.extensions import db
from factcheck.models.types import UTCDateTime, utcnow

JOB_STATUSES = ("queued", "running", "done", "failed")


class Job(db.Model):
    """One full rebuild (of every event, or of one), with progress done/total."""

    __tablename__ = "jobs"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(JOB_STATUSES), name="status_known"),
        sa.CheckConstraint(
            "done >= 0 AND (total IS NULL OR done <= total)", name="progress_in_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(32), default="rebuild")
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"))  # None: every event
    status: Mapped[str] = mapped_column(sa.String(16), default="queued")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None]
    written: Mapped[int] = mapped_column(default=0)  # results that changed and were stored
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(sa.Text)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A rebuild's plan goes in steps (services/rebuild_plan): the last event id a committed
    # step covered, and when the plan was complete (the job is done only after that).
    planned_through: Mapped[int | None]
    planned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def progress(self) -> float:
        return self.done / self.total if self.total else 0.0


class PendingGroup(db.Model):
    """A figure group waiting for reconciliation.

    The primary key makes a burst of edits to one group queue it once: only
    the edit that inserts the row enqueues a task, and the task deletes the
    row before it reads the claims, so an edit made during the run queues it
    again. An edit that finds the row locks it until it commits (queue.mark_pending),
    so the task never deletes it between that edit's mark and its commit.
    """

    __tablename__ = "pending_groups"

    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    metric: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    category: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RebuildInput(db.Model):
    """What an event's results were last rebuilt from: a digest of every row they depend on.

    A rebuild's plan compares it, computed again in SQL, before loading any claim:
    an event whose digest has not moved gets no batch.
    """

    __tablename__ = "rebuild_inputs"

    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(sa.String(64))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RebuildBatch(db.Model):
    """One batch of a rebuild's events: a task of its own, done once, counted into its job."""

    __tablename__ = "rebuild_batches"
    __table_args__ = (sa.UniqueConstraint("job_id", "number", name="uq_rebuild_batches_job"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(sa.ForeignKey("jobs.id", ondelete="CASCADE"))
    number: Mapped[int]
    event_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    groups: Mapped[int] = mapped_column(default=0)  # what the batch adds to jobs.done
    # The events' input digests as the plan read them (rebuild_inputs), in event_ids' order;
    # None for a batch planned before they were kept: it reads them again.
    inputs: Mapped[list | None] = mapped_column(sa.JSON)
    done: Mapped[bool] = mapped_column(default=False)
    attempts: Mapped[int] = mapped_column(default=0)  # > 1: redelivered (a worker died)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
