"""Forms of the actor, outlet and place pages: edit (kind, description, sides, aliases) and merge."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from factcheck.domain.vocabulary import ACTOR_KINDS, OUTLET_KINDS
from factcheck.services.places import PlaceChange, place_choices
from factcheck.services.sources import ActorChange, OutletChange
from factcheck.web.forms import GuardedForm, event_choices, options
from factcheck.web.terms import term

ALIAS_HINT = _l("One name per line: other spellings, translations, the full name of an acronym.")


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def keep_stored_kind(field: SelectField, record) -> None:
    """A kind stored from before the list had it (a restored backup) stays choosable: else the
    form shows the first kind instead, and saving changes it unasked."""
    if record.kind and record.kind not in {choice.value for choice in field.choices}:
        field.choices = [*field.choices, *options([(record.kind, record.kind)])]


class ActorForm(GuardedForm):
    kind = SelectField(_l("Kind"), choices=options((k, term(k)) for k in ACTOR_KINDS))
    role = StringField(
        _l("Role (spokesperson, minister, …)"), validators=[Optional(), Length(max=200)]
    )
    affiliation = StringField(
        _l("Affiliation (the body or country it speaks for)"),
        validators=[Optional(), Length(max=200)],
    )
    country = StringField(_l("Country"), validators=[Optional(), Length(max=100)])
    party_to = SelectMultipleField(
        _l("A side in these events (its figures there are partisan)"), validate_choice=True
    )
    aliases = TextAreaField(
        _l("Other names"), validators=[Optional(), Length(max=10_000)], description=ALIAS_HINT
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=10_000)])
    seen = HiddenField()  # the record's edit token when the form was filled
    submit = SubmitField(_l("Save the actor"))

    def offer(self, record) -> None:
        """The events the actor may be a side in: past 300 the latest ones, those it is a side
        in already (or a save would drop the ones not listed) and those sent."""
        keep_stored_kind(self.kind, record)
        chosen = [e.id for e in record.party_to] + list(self.party_to.data or [])
        self.party_to.choices = event_choices(chosen=chosen)

    def fill(self, actor) -> None:
        """Show the actor as stored (on GET)."""
        for name in ("kind", "role", "affiliation", "country", "notes"):
            getattr(self, name).data = getattr(actor, name) or ""
        self.party_to.data = [str(e.id) for e in actor.party_to]
        self.aliases.data = "\n".join(actor.aliases)

    def change(self) -> ActorChange:
        """What was typed, for services.sources.update_actor."""
        return ActorChange(
            kind=self.kind.data,
            role=self.role.data or "",
            affiliation=self.affiliation.data or "",
            country=self.country.data or "",
            notes=self.notes.data or "",
            party_to=tuple(int(i) for i in self.party_to.data or ()),
            aliases=_lines(self.aliases.data),
            seen=self.seen.data or None,
        )


class OutletForm(GuardedForm):
    kind = SelectField(_l("Kind"), choices=options((k, term(k)) for k in OUTLET_KINDS))
    country = StringField(_l("Country"), validators=[Optional(), Length(max=100)])
    aliases = TextAreaField(
        _l("Other names"), validators=[Optional(), Length(max=10_000)], description=ALIAS_HINT
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=10_000)])
    seen = HiddenField()  # the record's edit token when the form was filled
    submit = SubmitField(_l("Save the outlet"))

    def offer(self, record) -> None:
        """Outlets are no side in events: only the kind it is stored with."""
        keep_stored_kind(self.kind, record)

    def fill(self, outlet) -> None:
        self.kind.data, self.country.data = outlet.kind, outlet.country or ""
        self.notes.data, self.aliases.data = outlet.notes or "", "\n".join(outlet.aliases)

    def change(self) -> OutletChange:
        return OutletChange(
            kind=self.kind.data,
            country=self.country.data or "",
            notes=self.notes.data or "",
            aliases=_lines(self.aliases.data),
            seen=self.seen.data or None,
        )


class PlaceForm(GuardedForm):
    within = SelectField(_l("Lies within"), coerce=int, validate_choice=True)
    aliases = TextAreaField(
        _l("Other names"),
        validators=[Optional(), Length(max=10_000)],
        description=_l("One name per line: other spellings and languages (Turki, Türkiye)."),
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=10_000)])
    seen = HiddenField()  # the record's edit token when the form was filled
    submit = SubmitField(_l("Save the place"))

    def offer(self, place) -> None:
        """Any place but itself and those inside it (the tree cannot loop)."""
        self.within.choices = [(0, "— no other place (a whole area) —"), *place_choices(place)]

    def fill(self, place) -> None:
        self.within.data = place.within_id or 0
        self.notes.data, self.aliases.data = place.notes or "", "\n".join(place.aliases)

    def change(self) -> PlaceChange:
        return PlaceChange(
            within_id=self.within.data or 0,
            notes=self.notes.data or "",
            aliases=_lines(self.aliases.data),
            seen=self.seen.data or None,
        )


class MergeForm(GuardedForm):
    """The confirm step of a merge: what the editor saw, carried with the CSRF token."""

    submit = SubmitField(_l("Merge"))
