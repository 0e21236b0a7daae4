"""Background jobs a client can follow: a rebuild's or a report's progress, done / total."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.api.base import ApiBlueprint, documents, get_or_404, page_of, page_schema
from factcheck.api.fields import ID
from factcheck.api.inputs import JOB_SORTS, JobFilter
from factcheck.api.outcome_schemas import JobSchema
from factcheck.models import Job

bp = ApiBlueprint("jobs", __name__, "/jobs", "Progress of rebuilds and report generations.")


@bp.route("")
@bp.arguments(JobFilter, location="query")
@bp.response(200, page_schema(JobSchema))
def list_jobs(args: dict):
    """Jobs by kind, status and event, newest first."""
    query = sa.select(Job)
    for name, column in (("kind", Job.kind), ("status", Job.status), ("event", Job.event_id)):
        if args.get(name):
            query = query.where(column == args[name])
    return page_of(query, args, JOB_SORTS, Job.id)


@bp.route(f"/<{ID}:job_id>")
@bp.response(200, JobSchema)
@documents(bp, 404)
def show(job_id: int):
    """A job's status and progress; a finished report job names its report."""
    return get_or_404(Job, job_id)
