"""Send background jobs by name: nothing below the adapters imports `tasks/`.

The task modules register these names with the worker (`tasks.worker`); the
web app, the API and the CLI only need the broker. A test checks that every
name here is a task the worker knows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import current_app

log = logging.getLogger(__name__)

RECONCILE_GROUP = "tasks.reconcile.reconcile_group"
REBUILD = "tasks.reconcile.rebuild_all"
REBUILD_BATCH = "tasks.reconcile.rebuild_batch"
ANALYSE_ARTICLE = "tasks.intake.analyse_article"
FETCH_ARTICLE = "tasks.intake.fetch_article"
GENERATE_REPORT = "tasks.reports.generate_report_task"

TASKS = (
    RECONCILE_GROUP,
    REBUILD,
    REBUILD_BATCH,
    ANALYSE_ARTICLE,
    FETCH_ARTICLE,
    GENERATE_REPORT,
)


def send(task: str, *args: object) -> None:
    """Put one job on the broker; raises when the broker cannot be reached."""
    current_app.extensions["celery"].send_task(task, args=args)


def reconcile_groups(groups: Iterable[tuple[int, str, str]]) -> int:
    """Send a reconcile job per group already marked pending; how many went out.

    A broker that does not answer (restarting, unreachable) fails nothing that
    was saved: the groups stay in pending_groups, and the Beat sweep
    (queue.requeue_stale) sends them again once REQUEUE_AFTER has passed.
    """
    from kombu.exceptions import OperationalError as QueueUnreachable

    sent = 0
    for group in groups:
        try:
            send(RECONCILE_GROUP, *group)
        except QueueUnreachable as err:
            log.warning("job queue unreachable; groups left pending for the sweep: %s", err)
            break
        sent += 1
    return sent
