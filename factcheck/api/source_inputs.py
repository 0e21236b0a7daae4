"""What the API accepts for actors and outlets: new ones, changes (PATCH), with their aliases."""

from __future__ import annotations

from marshmallow import fields, validate

from factcheck.api.fields import Choice, Id, Text
from factcheck.api.inputs import Strict
from factcheck.domain.vocabulary import ACTOR_KINDS, OUTLET_KINDS


def _aliases(**kwargs) -> fields.List:
    return fields.List(
        Text(min_length=1, max_length=200),
        validate=validate.Length(max=100),
        metadata={
            "description": "Other names it goes by (spellings, translations); a name another "
            "record goes by is refused with 409: merge the two instead."
        },
        **kwargs,
    )


def _party_to(**kwargs) -> fields.List:
    return fields.List(
        Id(),
        validate=validate.Length(max=100),
        metadata={"description": "Event ids in which the actor is a side."},
        **kwargs,
    )


class ActorIn(Strict):
    name = Text(required=True, min_length=1, max_length=200)
    kind = Choice(ACTOR_KINDS, load_default="other")
    role = Text(allow_none=True, max_length=200)
    affiliation = Text(allow_none=True, max_length=200)
    country = Text(allow_none=True, max_length=100)
    notes = Text(load_default="", max_length=10_000)
    party_to = _party_to(load_default=list)
    aliases = _aliases(load_default=list)


class ActorPatch(Strict):
    """Fields left out stay as they are; `aliases` and `party_to` replace the whole list."""

    kind = Choice(ACTOR_KINDS)
    role = Text(allow_none=True, max_length=200)
    affiliation = Text(allow_none=True, max_length=200)
    country = Text(allow_none=True, max_length=100)
    notes = Text(max_length=10_000)
    party_to = _party_to()
    aliases = _aliases()


class OutletIn(Strict):
    name = Text(required=True, min_length=1, max_length=200)
    kind = Choice(OUTLET_KINDS, load_default="other")
    country = Text(allow_none=True, max_length=100)
    notes = Text(load_default="", max_length=10_000)
    aliases = _aliases(load_default=list)


class OutletPatch(Strict):
    """Fields left out stay as they are; `aliases` replaces the whole list."""

    kind = Choice(OUTLET_KINDS)
    country = Text(allow_none=True, max_length=100)
    notes = Text(max_length=10_000)
    aliases = _aliases()
