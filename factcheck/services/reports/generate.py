"""Generate, version, publish and check reports: load, call the renderers, persist once.

A report is a new version every time it is generated: its data snapshot, the
snapshot's fingerprint and every rendered file are stored together in one
commit, and nothing of an older version is touched. Publishing freezes a
version (database triggers refuse any later change to it or its files); when
the data moves on, a fresh snapshot's fingerprint differs and the report reads
as out of date, while its files stay byte for byte as published.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from hashlib import sha256

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Change, Event, Job, Report, User
from factcheck.models.outcome import REPORT_FORMATS, ReportFile
from factcheck.models.types import utcnow
from factcheck.services import dispatch
from factcheck.services.job_status import mark_failed
from factcheck.services.json_values import plain, row_dict
from factcheck.services.reconciling import reconcile_events
from factcheck.services.reports.formats import FORMATS, check_formats
from factcheck.services.reports.identity import frozen_identity
from factcheck.services.reports.snapshot import build_snapshot, fingerprint
from factcheck.services.reports.urls import report_path
from factcheck.services.reports.view import ReportMeta
from factcheck.services.unit_of_work import transaction

Progress = Callable[[int, int], None]  # (steps done, steps in all)


class NotAllowed(PermissionError):
    """The account may not do this (publishing is an editor's act)."""


def report_meta(report: Report, status: str | None = None) -> ReportMeta:
    """The provenance a report's files carry: its row, and the identity its snapshot froze."""
    author = db.session.get(User, report.generated_by_id) if report.generated_by_id else None
    slug = report.event.slug if report.event else db.session.get(Event, report.event_id).slug
    identity = frozen_identity(report.snapshot)
    return ReportMeta(
        version=report.version,
        generated_at=plain(report.generated_at),
        # Public files name no account (an e-mail address is not for readers): the person's
        # display name, else their role.
        generated_by=author.public_name(identity["name"]) if author else None,
        fingerprint=report.fingerprint,
        page_url=identity["public_url"]
        + report_path(slug, report.version, "html", report.claim_id),
        publisher=identity["name"],
        publisher_url=identity["url"],
        status=status or report.status,
    )


def render_file(report: Report, fmt: str, status: str | None = None) -> ReportFile:
    """Render one format of the report from its stored snapshot (the caller adds and commits)."""
    spec = FORMATS[fmt]
    content = spec.render(report.snapshot, report_meta(report, status))
    return ReportFile(
        format=fmt,
        media_type=spec.media_type,
        content=content,
        sha256=sha256(content).hexdigest(),
        size=len(content),
    )


def _next_version(event_id: int, claim_id: int | None) -> int:
    subject = Report.claim_id.is_(None) if claim_id is None else Report.claim_id == claim_id
    latest = db.session.scalar(
        sa.select(sa.func.max(Report.version)).where(Report.event_id == event_id, subject)
    )
    return (latest or 0) + 1


def _record(
    report: Report, action: str, before: dict | None, user_id: int | None, via: str
) -> None:
    """History row without the snapshot: the report keeps it, the history would only copy it."""
    after = {k: v for k, v in row_dict(report).items() if k != "snapshot"}
    db.session.add(
        Change(
            entity_type="report",
            entity_id=report.id,
            action=action,
            user_id=user_id,
            via=via,
            before=before,
            after=after,
        )
    )


def generate_report(
    event_id: int,
    claim_id: int | None = None,
    user_id: int | None = None,
    formats: Iterable[str] = REPORT_FORMATS,
    *,
    job_id: int | None = None,
    progress: Progress | None = None,
    via: str = "web",
) -> Report:
    """Reconcile the event, snapshot its data and store a new draft version with every format rendered.

    One transaction stores the report, its files and (with `job_id`) the finished job; the
    files are rendered before it opens, so progress can be committed meanwhile. A caller that
    has a step of its own (the CLI's file write) opens the transaction around this call, and
    the version exists only if that step succeeds too.
    """
    wanted = check_formats(formats)
    steps = len(wanted) + 2
    tick = progress or (lambda done, total: None)
    with transaction():
        reconcile_events([event_id])  # the report shows the figures as they stand now
    tick(1, steps)
    snapshot = build_snapshot(event_id, claim_id)
    report = Report(
        event_id=event_id,
        claim_id=claim_id,
        formats=wanted,
        snapshot=snapshot,
        fingerprint=fingerprint(snapshot),
        status="draft",
        generated_by_id=user_id,
        generated_at=utcnow().replace(microsecond=0),
        job_key=job_key(db.session.get(Job, job_id)) if job_id is not None else None,
    )
    report.event = db.session.get(Event, event_id)
    tick(2, steps)
    files: dict[str, ReportFile] = {}
    while True:
        report.version = _next_version(event_id, claim_id)
        for n, fmt in enumerate(wanted, start=3):
            if fmt not in files:
                files[fmt] = render_file(report, fmt)
                tick(n, steps)
        # Versions are numbered per subject: hold the event row while taking the number, and
        # render again in the rare case another generation took it while these were rendered.
        with transaction():
            db.session.execute(sa.select(Event.id).where(Event.id == event_id).with_for_update())
            if _next_version(event_id, claim_id) == report.version:
                report.files = [files[f] for f in wanted]
                db.session.add(report)
                db.session.flush()
                _record(report, "create", None, user_id, via)
                if job_id is not None:
                    job = db.session.get(Job, job_id)
                    job.status, job.finished_at = "done", utcnow()
                    job.done, job.written = job.total or steps, 1
                return report
        files.clear()


def generate_report_into(
    write: Callable[[bytes], None],
    event_id: int,
    fmt: str,
    claim_id: int | None = None,
    user_id: int | None = None,
    via: str = "cli",
) -> Report:
    """Generate a version in one format and hand its file to `write`: the version is stored only
    if writing succeeds (a full disk leaves no version behind, and retrying makes one, not two)."""
    with transaction():
        report = generate_report(event_id, claim_id, user_id, [fmt], via=via)
        write(next(f.content for f in report.files if f.format == fmt))
    return report


def publish_report(report_id: int, user_id: int, via: str = "web") -> Report:
    """Publish a version: its public address starts answering; it never changes again."""
    report = db.session.get(Report, report_id)
    if report is None:
        raise LookupError(f"no report {report_id}")
    user = db.session.get(User, user_id) if user_id is not None else None
    if user is None or not user.can("publish"):
        raise NotAllowed("publishing a report is an editor's act")
    if report.status == "published":
        return report
    # The draft's files say DRAFT: the published version's are rendered once more from the same
    # snapshot, before the transaction, and replace them as the version is frozen.
    final = [render_file(report, f.format, "published") for f in report.files]
    with transaction():
        before = {k: v for k, v in row_dict(report).items() if k != "snapshot"}
        for draft in list(report.files):
            db.session.delete(draft)
        db.session.flush()
        for made in final:
            made.report_id = report.id
            db.session.add(made)
        db.session.flush()
        db.session.expire(report, ["files"])
        report.status, report.published_at, report.published_by_id = "published", utcnow(), user_id
        db.session.flush()
        _record(report, "publish", before, user_id, via)
    return report


def current_fingerprint(event_id: int, claim_id: int | None = None) -> str:
    """The fingerprint a report generated now would carry (without reconciling first)."""
    return fingerprint(build_snapshot(event_id, claim_id))


def is_out_of_date(report: Report) -> bool:
    """Whether the data moved on since the report was made: its stored files stay as they are."""
    return current_fingerprint(report.event_id, report.claim_id) != report.fingerprint


# Background generation: a job row a reviewer can watch, a task that runs it.


def start_report_job(event_id: int, claim_id: int | None = None, user_id: int | None = None) -> Job:
    with transaction():
        job = Job(kind="report", event_id=event_id, requested_by_id=user_id, total=None)
        db.session.add(job)
    return job


def queue_report(
    event_id: int,
    claim_id: int | None = None,
    user_id: int | None = None,
    formats: Iterable[str] = REPORT_FORMATS,
) -> Job:
    """Record a job and send it to the workers; follow it on the job row, then report_for_job()."""
    wanted = check_formats(formats)
    if claim_id is not None:
        build_snapshot(
            event_id, claim_id
        )  # refuses a claim of another event now, not in the worker
    with transaction() as uow:
        job = start_report_job(event_id, claim_id, user_id)
        db.session.flush()
        uow.send(dispatch.GENERATE_REPORT, job.id, claim_id, wanted)
    return job


def job_key(job: Job) -> str:
    """What a report records of the job that made it: the id alone may repeat after a restore."""
    return f"{job.id}@{plain(job.created_at)}"


def report_for_job(job_id: int) -> Report | None:
    """The report the job made, once it is done."""
    job = db.session.get(Job, job_id)
    return (
        None
        if job is None
        else db.session.scalar(sa.select(Report).where(Report.job_key == job_key(job)))
    )


def run_report_job(
    job_id: int, claim_id: int | None = None, formats: Iterable[str] = REPORT_FORMATS
) -> Report:
    """Generate the job's report with progress on the job row; a rerun finds the report already made."""
    job = db.session.get(Job, job_id)
    if job is None or job.kind != "report":
        raise LookupError(f"no report job {job_id}")
    done = report_for_job(job_id)
    if done is not None:
        return done
    with transaction():
        job.status, job.started_at, job.attempts = "running", utcnow(), job.attempts + 1
        job.done, job.total, job.error = 0, len(check_formats(formats)) + 2, None

    def progress(done_steps: int, total: int) -> None:
        with transaction():
            job.done = min(done_steps, total)

    try:
        return generate_report(
            job.event_id,
            claim_id,
            job.requested_by_id,
            formats,
            job_id=job_id,
            progress=progress,
            via="worker",
        )
    except Exception as err:
        mark_failed(job_id, err)
        raise
