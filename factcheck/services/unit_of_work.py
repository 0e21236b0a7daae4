"""The one place a change is committed: a transaction that sends its jobs only after the commit.

Every service that writes does so inside `with transaction() as uow:`. The
change, its history rows and the groups it marks pending commit together or not
at all; the background jobs it asks for leave only once the commit has
succeeded, so a worker never looks for a row that is not there yet (and a
rolled-back change sends nothing).

A service that calls another service does not commit twice: a `transaction()`
opened while one is already open joins it, and the outermost one commits.
`@transaction()` on a service function does the same around each call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from factcheck.extensions import db
from factcheck.services import dispatch, queue
from factcheck.services.queue import Group

_current: ContextVar[UnitOfWork | None] = ContextVar("unit_of_work", default=None)


class UnitOfWork:
    """What one transaction collects: the groups to reconcile and the jobs to send after commit."""

    def __init__(self) -> None:
        self.session = db.session
        self.groups: set[Group] = set()
        self.jobs: list[tuple[str, tuple]] = []

    def reconcile(self, groups: Iterable[Group]) -> None:
        """Reconcile these groups once the change is committed (marked pending in this transaction)."""
        self.groups.update(groups)

    def send(self, task: str, *args: object) -> None:
        """Send the job named `task` (see dispatch) with these ids once the change is committed."""
        self.jobs.append((task, args))


@contextmanager
def transaction() -> Iterator[UnitOfWork]:
    """Open (or join) the unit of work; the outermost one commits once, then sends its jobs."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    uow = UnitOfWork()
    token = _current.set(uow)
    try:
        yield uow
        # The pending rows are the durable record of what must be reconciled: same commit.
        to_send = queue.mark_pending(uow.groups) if uow.groups else []
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        _current.reset(token)
    dispatch.reconcile_groups(to_send)
    for task, args in uow.jobs:
        dispatch.send(task, *args)


def rollback() -> None:
    """Drop whatever the session holds uncommitted (a refused change), outside any transaction."""
    db.session.rollback()


def commit_and_queue(groups: Iterable[Group]) -> None:
    """End a change to claims: commit it with its groups marked pending, then reconcile them."""
    with transaction() as uow:
        uow.reconcile(groups)
