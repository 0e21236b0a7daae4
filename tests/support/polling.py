"""Waiting for something that happens elsewhere (a worker, a server, another process) to become true."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")


def wait_until(
    predicate: Callable[[], T],
    timeout: float,
    what: str,
    interval: float = 0.2,
    context: Callable[[], str] | None = None,
) -> T:
    """Call `predicate` until it returns something true, and return that; fail plainly on timeout.

    `context`, if given, is called on timeout and its text (say, a log's tail) added to the failure.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            more = f":\n{context()}" if context else ""
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}{more}")
        time.sleep(interval)


def wait_for_rows(predicate: Callable[[], T], timeout: float, what: str) -> T:
    """wait_until, reading the database afresh each time (the session forgets what it loaded)."""
    from factcheck.extensions import db

    def fresh() -> T:
        db.session.expire_all()
        return predicate()

    return wait_until(fresh, timeout, what)
