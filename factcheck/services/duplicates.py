"""A uniqueness race answered as the service's own refusal, not as a database error.

A service checks that a name, slug, e-mail or text is free, then inserts; a
second request doing the same at the same moment passes the check too, and
the database's unique constraint refuses its insert. That is the same
mistake the check reports ("this slug is taken"), so the person gets the same
answer: a form error beside the field, a 409 in the API. Nothing was written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa


@contextmanager
def refused_as_duplicate(refusals: dict[str, Callable[[], Exception]]) -> Iterator[None]:
    """Raise `refusals[word]()` when a unique constraint whose message names `word` refuses a write.

    The word is a table or column name as both databases write it in their
    messages (`UNIQUE constraint failed: events.slug`, `"uq_events_slug"`).
    """
    try:
        yield
    except sa.exc.IntegrityError as err:
        message = str(err.orig).lower()
        if "unique" in message or "duplicate" in message:
            for word, refusal in refusals.items():
                if word in message:
                    raise refusal() from err
        raise
