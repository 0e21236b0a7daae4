"""The claim form: WTForms validation a reviewer sees beside each field."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SearchField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from factcheck.domain.claim_rules import BOUNDED, ClaimDraft, ClaimProblem, check_claim
from factcheck.domain.input_rules import LENGTHS
from factcheck.domain.vocabulary import (
    CATEGORIES,
    CLAIM_KINDS,
    METRICS,
    MODALITIES,
    QUALIFIERS,
    RATINGS,
    RELATION_TYPES,
)
from factcheck.domain.web_address import url_problem
from factcheck.services.settings import qualifier_widths
from factcheck.web.form_messages import say
from factcheck.web.forms import FigureField, GuardedForm, WholeNumberField, options
from factcheck.web.submit_once import SubmitKeyField
from factcheck.web.terms import term


def _choices(values, blank: str | None = "—") -> list:
    head = [("", blank)] if blank is not None else []
    return options(head + [(v, term(v)) for v in values])


NOT_A_NUMBER = "The page sent a malformed number; reload it and try again."


class ClaimForm(GuardedForm):
    exact = TextAreaField(
        _l("Quote (exactly as in the article)"), validators=[DataRequired(), Length(max=5000)]
    )
    start = WholeNumberField(_l("Starts at character"), validators=[Optional(), NumberRange(min=0)])
    kind = SelectField(_l("Kind"), choices=_choices(CLAIM_KINDS, blank=None))
    event_id = SelectField(_l("Event"), validators=[DataRequired()])
    attributed_to_id = SelectField(_l("Said by"), validators=[Optional()])
    new_actor = StringField(_l("…or a new speaker"), validators=[Optional(), Length(max=200)])
    new_actor_kind = SelectField(
        _l("New speaker's kind"),
        choices=_choices(
            (
                "person",
                "government",
                "military",
                "armed group",
                "NGO",
                "international organisation",
                "media",
                "other",
            ),
            blank=None,
        ),
        default="person",
    )
    new_actor_party = SelectField(
        _l("Is the new speaker a party to the event?"),
        choices=options([("no", _l("no")), ("yes", _l("yes"))]),
        default="no",
    )
    cites_id = SelectField(_l("Citing (the source the speaker names)"), validators=[Optional()])
    stated_on = DateField(_l("Stated on"), validators=[DataRequired()], default=date.today)
    # As long as the API and the import take (LENGTHS["prose"]), so that a claim stored there
    # can be edited here; no maxlength on the page (a browser cuts a longer paste silently).
    proposition = TextAreaField(
        _l("Proposition (for allegations, denials, statements)"),
        validators=[Optional(), Length(max=LENGTHS["prose"])],
        render_kw={"maxlength": False},
    )
    translation = TextAreaField(
        _l("Translation of the quote (shown beside the article's words)"),
        validators=[Optional(), Length(max=LENGTHS["prose"])],
        render_kw={"maxlength": False},
    )
    metric = SelectField(_l("Metric"), choices=_choices(METRICS))
    category = SelectField(_l("Category"), choices=_choices(CATEGORIES))
    category_label = StringField(
        _l("Speaker's own label (verbatim)"), validators=[Optional(), Length(max=200)]
    )
    qualifier = SelectField(_l("Qualifier"), choices=_choices(QUALIFIERS))
    modality = SelectField(
        _l("Modality"), choices=_choices(MODALITIES, blank=None), validate_choice=False
    )
    value = FigureField(_l("Value (N)"), places=None, validators=[Optional(), NumberRange(min=0)])
    lower = FigureField(
        _l("Lower bound (ranges, vague words)"),
        places=None,
        validators=[Optional(), NumberRange(min=0)],
    )
    upper = FigureField(
        _l("Upper bound (empty: no upper bound)"),
        places=None,
        validators=[Optional(), NumberRange(min=0)],
    )
    place = StringField(
        _l("Place"),
        validators=[Optional(), Length(max=200)],
        description=_l("A part of the event's area; empty: the whole area."),
        render_kw={"list": "event-places", "placeholder": "the event's whole area"},
    )
    as_of = DateField(_l("As of"), validators=[Optional()])
    # Hidden, but a client can send anything: a number or nothing, else a form error (never a 500).
    version = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$", message=NOT_A_NUMBER)])
    # Set when the form was opened from a suggestion, to mark it accepted.
    suggestion_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,9}$", message=NOT_A_NUMBER)])
    submit_key = SubmitKeyField()  # a double submit logs one claim (web/submit_once.py)
    submit = SubmitField(_l("Save the claim"))

    article_text: str | None = None  # set by the view, so the quote is checked beside its field

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, then the claim rules (check_claim), each shown beside its field."""
        valid = super().validate(extra_validators)
        problems = check_claim(self.draft(), self.article_text, qualifier_widths())
        self.show_problems(problems, beside_errors=False)
        return valid and not problems

    def show_problems(self, problems: list[ClaimProblem], beside_errors: bool = True) -> None:
        """Put each problem beside the field it names (the quote when the form has no such field).

        With beside_errors=False a field that failed its own check already (a
        choice not offered, say) keeps that one message.
        """
        for problem in problems:
            field = getattr(self, problem.field, None) or self.exact
            if beside_errors or not field.errors:
                field.errors = [*field.errors, say(problem.message)]

    def draft(self, event_id: int | None = None, speaker_id: int | None = None) -> ClaimDraft:
        """What the reviewer typed, as the claim rules read it."""
        return ClaimDraft(
            exact=(self.exact.data or "").replace("\r\n", "\n"),
            start=self.start.data,
            kind=self.kind.data,
            event_id=event_id,
            attributed_to_id=speaker_id,
            # Not a number: a choice not offered, which the field's own check refuses.
            cites_id=int(self.cites_id.data) if str(self.cites_id.data).isdecimal() else None,
            stated_on=self.stated_on.data,
            proposition=self.proposition.data,
            translation=self.translation.data or None,
            place=self.place.data,
            as_of=self.as_of.data,
            **self.quantity_fields(),
        )

    def quantity_fields(self) -> dict:
        if self.kind.data != "quantity":
            return {}
        number = lambda d: None if d is None else float(d)  # noqa: E731
        bounded = self.qualifier.data in BOUNDED
        return {
            "metric": self.metric.data,
            "category": self.category.data,
            "category_label": self.category_label.data or None,
            "qualifier": self.qualifier.data,
            "modality": self.modality.data or "count",
            "value": number(self.value.data),
            "lower": number(self.lower.data) if bounded else None,
            "upper": number(self.upper.data) if bounded else None,
        }


class RelationForm(GuardedForm):
    type = SelectField(_l("This claim…"), choices=_choices(RELATION_TYPES, blank=None))
    # Chosen among the claims a search of the event found (radio buttons), never typed.
    target_id = WholeNumberField(
        _l("…the claim"),
        validators=[
            DataRequired(message=_l("choose the claim it relates to (search for it first)")),
            NumberRange(min=1),
        ],
    )
    # The search that listed the choices, typed in this form: searching again posts the form
    # as typed (nothing stored), and a refusal lists the same choices again.
    find = SearchField(validators=[Optional(), Length(max=200)])
    note = StringField(
        _l("Note (why; e.g. “technical error”)"), validators=[DataRequired(), Length(max=1000)]
    )
    # Asked for when the link looks wrong (another speaker, an earlier date): why link anyway.
    confirmed = StringField(
        _l("Link anyway, because… (only when asked)"), validators=[Optional(), Length(max=1000)]
    )
    submit = SubmitField(_l("Link"))


class ReviewForm(GuardedForm):
    # No default: a verdict left at the first choice would read as "accurate" without anyone saying so.
    rating = SelectField(
        _l("Verdict"),
        choices=options(
            [
                ("", _l("— choose —")),
                *(
                    (r, _l("%(rating)s (%(value)s/5)", rating=term(r), value=v) if v else term(r))
                    for r, v in RATINGS.items()
                ),
            ]
        ),
        validators=[DataRequired(message=_l("Choose a verdict."))],
    )
    # As long as the API takes (100,000 characters). No maxlength on the page: a browser cuts a
    # longer paste silently; the server says what is too long instead, keeping the text.
    rationale = TextAreaField(
        _l("Rationale"),
        validators=[DataRequired(), Length(max=LENGTHS["prose"])],
        render_kw={"maxlength": False},
    )
    evidence = TextAreaField(
        _l("Evidence links (one per line)"), validators=[Optional(), Length(max=5000)]
    )
    submit_key = SubmitKeyField()  # a double submit drafts one verdict
    submit = SubmitField(_l("Save the draft verdict"))

    def validate_evidence(self, field):
        """Each line a web address a reader can open, as the API requires."""
        for line in (field.data or "").splitlines():
            link = line.strip()
            if link and url_problem(link):
                raise ValidationError(
                    _(
                        "“%(link)s” is not a web address (http:// or https://); one link per line.",
                        link=link[:200],
                    )
                )


class PublishVerdictForm(GuardedForm):
    """Publishing puts the newsroom's name to the verdict, publicly and in its ClaimReview: an
    editor says so, as for a report, rather than one click doing it."""

    confirm = BooleanField(
        _l("I have checked the rating, the rationale and the evidence: publish under our name."),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


class ActionForm(GuardedForm):
    """A bare form for buttons that change state: it carries the CSRF token."""

    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Confirm"))
