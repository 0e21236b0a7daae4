"""What the engine and the reviewers make of the claims: Reconciliation, Conflict, Report and its files."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from factcheck.domain.reconciliation.step_words import step_text
from factcheck.domain.vocabulary import CONFLICT_KINDS, CONFLICT_STATUSES, GRADES
from factcheck.extensions import db
from factcheck.models.place import Place
from factcheck.models.source import Event
from factcheck.models.types import UTCDateTime, utcnow


class Reconciliation(db.Model):
    """The engine's answer for one figure group (event, metric, category), DOMAIN.md §5."""

    __tablename__ = "reconciliations"
    __table_args__ = (
        sa.UniqueConstraint(
            "event_id", "metric", "category", "place_key", name="uq_reconciliations_group"
        ),
        sa.CheckConstraint(sa.column("grade").in_(GRADES), name="grade_known"),
        sa.CheckConstraint("low IS NULL OR best IS NULL OR low <= best", name="low_not_above_best"),
        sa.CheckConstraint(
            "best IS NULL OR high IS NULL OR best <= high", name="best_not_above_high"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"))
    metric: Mapped[str] = mapped_column(sa.String(40))
    category: Mapped[str] = mapped_column(sa.String(60))
    # The group's place (§10): "" for the event's whole area, else the place's id.
    place_key: Mapped[str] = mapped_column(sa.String(20), default="")
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id"))
    low: Mapped[float | None] = mapped_column(sa.Float)
    best: Mapped[float | None] = mapped_column(sa.Float)
    high: Mapped[float | None] = mapped_column(sa.Float)
    grade: Mapped[str] = mapped_column(sa.String(16))
    flags: Mapped[list] = mapped_column(sa.JSON, default=list)
    explanation: Mapped[list] = mapped_column(sa.JSON, default=list)
    claims_used: Mapped[list] = mapped_column(sa.JSON, default=list)
    claims_set_aside: Mapped[list] = mapped_column(sa.JSON, default=list)
    side_estimates: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # The estimate as it stood at each moment a figure arrived (§9): [{on, low, best, high, grade}].
    series: Mapped[list] = mapped_column(sa.JSON, default=list)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    fingerprint: Mapped[str] = mapped_column(sa.String(64))

    event: Mapped[Event] = relationship()
    place: Mapped[Place | None] = relationship()

    def worded_steps(self, first: int | None = None) -> list[dict]:
        """The explanation as shown (its first `first` steps): each step's rule, its sentence
        and the claims it names. The sentences are written here, from the stored steps."""
        return [
            {"rule": s["rule"], "text": step_text(s), "claim_ids": s["claim_ids"]}
            for s in (self.explanation or [])[:first]
        ]

    @property
    def steps(self) -> list[dict]:
        return self.worded_steps()

    @property
    def place_name(self) -> str | None:
        """The group's place, or None for the event's whole area."""
        return self.place.name if self.place is not None else None


class Conflict(db.Model):
    """A disagreement a reviewer must see (§6); settled ones are kept as resolved."""

    __tablename__ = "conflicts"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "key", name="uq_conflicts_event_key"),
        sa.CheckConstraint(sa.column("kind").in_(CONFLICT_KINDS), name="kind_known"),
        sa.CheckConstraint(sa.column("status").in_(CONFLICT_STATUSES), name="status_known"),
        sa.CheckConstraint("status = 'open' OR note IS NOT NULL", name="closed_has_note"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    # kind + metric/category + sorted claim ids: the same disagreement found twice is one row.
    key: Mapped[str] = mapped_column(sa.String(300))
    kind: Mapped[str] = mapped_column(sa.String(32))
    metric: Mapped[str | None] = mapped_column(sa.String(40))
    category: Mapped[str | None] = mapped_column(sa.String(60))
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id"))
    claim_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    detail: Mapped[str] = mapped_column(sa.Text, default="")
    # The detail as its sentence id and arguments (conflict_words), for a page in its
    # reader's language; None for a conflict found before it was kept.
    # (SQL NULL for none, so that a restored backup's null is found as a row without it.)
    detail_words: Mapped[list | None] = mapped_column(sa.JSON(none_as_null=True))
    status: Mapped[str] = mapped_column(sa.String(16), default="open")
    note: Mapped[str | None] = mapped_column(sa.Text)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)
    # What closing it decided (vocabulary.CONFLICT_OUTCOMES) and the figure it names.
    outcome: Mapped[str | None] = mapped_column(sa.String(16))
    outcome_claim_id: Mapped[int | None] = mapped_column(sa.ForeignKey("claims.id"))

    event: Mapped[Event] = relationship()

    __mapper_args__ = {"version_id_col": version}


class Report(db.Model):
    """A generated verification report, frozen with the data snapshot it was made from."""

    __tablename__ = "reports"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "claim_id", "version", name="uq_reports_subject_version"),
        sa.CheckConstraint(sa.column("status").in_(("draft", "published")), name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("claims.id")
    )  # a single-claim report
    version: Mapped[int] = mapped_column(default=1)
    formats: Mapped[list] = mapped_column(sa.JSON, default=list)
    snapshot: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    status: Mapped[str] = mapped_column(sa.String(16), default="draft")
    generated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    generated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # The background job that made it ("<job id>@<job created_at>"): a redelivered task finds its
    # report instead of making another. Not a foreign key: a backup carries reports but not jobs, and
    # job ids start again after a restore, so the id alone could name a job of another database.
    job_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    event: Mapped[Event] = relationship()
    files: Mapped[list[ReportFile]] = relationship(
        back_populates="report", order_by="ReportFile.format"
    )


# What a report can be rendered as; the order is the order they are generated in.
REPORT_FORMATS = ("html", "pdf", "jsonld", "csv", "json")


class ReportFile(db.Model):
    """One rendered format of a report, kept byte for byte: a published report never changes."""

    __tablename__ = "report_files"
    __table_args__ = (
        sa.UniqueConstraint("report_id", "format", name="uq_report_files_report_format"),
        sa.CheckConstraint(sa.column("format").in_(REPORT_FORMATS), name="format_known"),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_hex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id"), index=True)
    format: Mapped[str] = mapped_column(sa.String(16))
    media_type: Mapped[str] = mapped_column(sa.String(100))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)  # loaded only when served
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[Report] = relationship(back_populates="files")
