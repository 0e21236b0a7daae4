"""`flask factcheck reconcile`: queue a rebuild, follow it, or run it here."""

from __future__ import annotations

import math
import sys
import time

import click
import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Event, Job, Place, Reconciliation
from factcheck.services.json_values import plain
from factcheck.services.rebuild import queue_rebuild, run_rebuild, start_job


def _num(value: float | None) -> str:
    return "-" if value is None else str(plain(value))


WHOLE_AREA = "(whole)"  # a group of the event's whole area, not of one of its places


def results_table(event_id: int | None) -> str:
    """One line a group; the place tells apart the groups of one metric (a country, a province
    in it, the whole area), which otherwise print as the same words with other numbers."""
    query = (
        sa.select(Reconciliation, Event.slug, Place.name)
        .join(Event)
        .outerjoin(Place, Place.id == Reconciliation.place_id)
        .order_by(
            Event.slug,
            Reconciliation.metric,
            Reconciliation.category,
            Place.name.is_not(None),
            Place.name,
        )
    )
    if event_id is not None:
        query = query.where(Reconciliation.event_id == event_id)
    rows = [
        (
            slug,
            r.metric,
            r.category,
            place or WHOLE_AREA,
            _num(r.low),
            _num(r.best),
            _num(r.high),
            r.grade,
            ",".join(r.flags),
        )
        for r, slug, place in db.session.execute(query)
    ]
    header = ("event", "metric", "category", "place", "low", "best", "high", "grade", "flags")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    lines = [
        "  ".join(str(v).ljust(w) for v, w in zip(line, widths)).rstrip()
        for line in [header, *rows]
    ]
    return "\n".join(lines) if rows else "No figure groups to reconcile."


def _follow(job_id: int, no_worker_after: float) -> Job:
    """Poll the job row with a progress bar until it ends; stop early when no worker takes it."""
    started = time.monotonic()
    with click.progressbar(
        length=1, label=f"Job {job_id}", show_percent=True, file=sys.stderr
    ) as bar:
        shown = 0
        while True:
            db.session.expire_all()
            job = db.session.get(Job, job_id)
            if job.total and bar.length != job.total:
                bar.length = job.total
            if job.done > shown:
                bar.update(job.done - shown)
                shown = job.done
            if job.status in ("done", "failed"):
                return job
            if job.status == "queued" and time.monotonic() - started > no_worker_after:
                return job
            time.sleep(0.2)


def _seconds(value: float) -> float:
    # click's FloatRange lets nan through (every comparison with it is false): it would wait forever.
    if not math.isfinite(value) or value < 0:
        raise click.BadParameter(f"give a number of seconds, 0 or more (not {value})")
    return value


@click.command("reconcile")
@click.option("--event", "slug", help="Only this event (its slug); default: every event.")
@click.option(
    "--wait", is_flag=True, help="Follow the queued job with a progress bar until it ends."
)
@click.option("--inline", is_flag=True, help="Run the same job in this process, without a worker.")
@click.option(
    "--no-worker-after",
    type=float,
    default=20.0,
    show_default=True,
    callback=lambda ctx, param, value: _seconds(value),
    help="Seconds --wait gives a worker to start.",
)
def reconcile_command(slug: str | None, wait: bool, inline: bool, no_worker_after: float) -> None:
    """Reconcile every figure group (of one event) into low / best / high, grade and conflicts."""
    if wait and inline:
        raise click.UsageError("--wait and --inline exclude each other")
    event = None
    if slug is not None:  # --event "" names no event: it is not "every event"
        event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
        if event is None:
            click.echo(f"No event with slug {slug!r}.", err=True)
            sys.exit(1)
    event_id = event.id if event else None
    if inline:
        job_id = start_job(event).id  # ids only: a rebuild clears the session as it goes
        run_rebuild(job_id)
    else:
        job_id = queue_rebuild(event).id
        click.echo(f"Queued rebuild job {job_id}.", err=True)
        if not wait:
            return
        job = _follow(job_id, no_worker_after)
        if job.status == "queued":
            click.echo(
                f"No worker answered within {no_worker_after:g} s. Job {job.id} stays queued and runs when a "
                "worker starts: celery -A tasks.worker:celery_app worker",
                err=True,
            )
            sys.exit(2)
        if job.status == "failed":
            click.echo(f"Job {job.id} failed: {job.error}", err=True)
            sys.exit(1)
    job = db.session.get(Job, job_id)
    click.echo(
        f"Job {job.id}: {job.done}/{job.total} groups, {job.written} result(s) changed.",
        err=True,
    )
    click.echo(results_table(event_id))
