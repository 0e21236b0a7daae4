"""Form pieces shared by several pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import sqlalchemy as sa
from wtforms import ValidationError
from wtforms.fields.choices import SelectChoice

from factcheck.extensions import db
from factcheck.models import Actor, Event, Outlet


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as a select's options (WTForms 3.3 wants SelectChoice, not tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


def outlet_choices() -> list[SelectChoice]:
    return options(
        [("", "—")]
        + [(str(o.id), o.name) for o in db.session.scalars(sa.select(Outlet).order_by(Outlet.name))]
    )


def actor_choices(blank: str = "— the outlet's own voice —") -> list[SelectChoice]:
    actors = [
        (str(a.id), a.name) for a in db.session.scalars(sa.select(Actor).order_by(Actor.name))
    ]
    return options([("", blank)] + actors)


def event_choices() -> list[SelectChoice]:
    return options(
        (str(e.id), e.title) for e in db.session.scalars(sa.select(Event).order_by(Event.title))
    )


def parse_offset(text: str) -> timezone:
    """'+07:00', '-0330' or 'Z' as a time zone; ValidationError otherwise."""
    text = (text or "").strip()
    if text in ("", "Z", "UTC", "+00:00"):
        return UTC
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-").replace(":", "")
    if not (digits.isdigit() and len(digits) in (2, 4)):
        raise ValidationError("Write the UTC offset as +07:00 or -03:30.")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes >= 60:
        raise ValidationError("A UTC offset lies between -14:00 and +14:00.")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def aware(moment: datetime | None, offset: str) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=parse_offset(offset))
