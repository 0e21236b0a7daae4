"""Events: what claims are about. Added one way, whatever the screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Event
from factcheck.services.duplicates import refused_as_duplicate
from factcheck.services.unit_of_work import transaction


class DuplicateSlug(ValueError):
    """Another event has this slug; nothing was written."""

    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(f"Another event has the slug {slug!r}.")


@dataclass(frozen=True)
class EventDraft:
    title: str
    slug: str
    place: str | None = None
    start_date: date | None = None
    end_date: date | None = None


def create_event(draft: EventDraft) -> Event:
    """Store a new event (its title defaults to the slug); refuse a slug in use."""
    with refused_as_duplicate({"slug": lambda: DuplicateSlug(draft.slug)}), transaction():
        if db.session.scalar(sa.select(Event.id).where(Event.slug == draft.slug)) is not None:
            raise DuplicateSlug(draft.slug)
        event = Event(
            title=draft.title.strip() or draft.slug,
            slug=draft.slug,
            place=draft.place or None,
            start_date=draft.start_date,
            end_date=draft.end_date,
        )
        db.session.add(event)
        db.session.flush()
    return event
