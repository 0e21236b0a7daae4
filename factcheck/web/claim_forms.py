"""The claim form: WTForms validation a reviewer sees beside each field."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from factcheck.domain.vocabulary import (
    CATEGORIES,
    CLAIM_KINDS,
    METRICS,
    MODALITIES,
    QUALIFIERS,
    RATINGS,
    RELATION_TYPES,
)
from factcheck.web.forms import options


def _choices(values, blank: str | None = "—") -> list:
    head = [("", blank)] if blank is not None else []
    return options(head + [(v, v.replace("_", " ")) for v in values])


class ClaimForm(FlaskForm):
    exact = TextAreaField(
        "Quote (exactly as in the article)", validators=[DataRequired(), Length(max=5000)]
    )
    start = IntegerField("Starts at character", validators=[Optional(), NumberRange(min=0)])
    kind = SelectField("Kind", choices=_choices(CLAIM_KINDS, blank=None))
    event_id = SelectField("Event", validators=[DataRequired()])
    attributed_to_id = SelectField("Said by", validators=[Optional()])
    new_actor = StringField("…or a new speaker", validators=[Optional(), Length(max=200)])
    new_actor_kind = SelectField(
        "New speaker's kind",
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
        "Is the new speaker a party to the event?",
        choices=options([("no", "no"), ("yes", "yes")]),
        default="no",
    )
    cites_id = SelectField("Citing (the source the speaker names)", validators=[Optional()])
    stated_on = DateField("Stated on", validators=[DataRequired()], default=date.today)
    proposition = TextAreaField(
        "Proposition (for allegations, denials, statements)",
        validators=[Optional(), Length(max=2000)],
    )
    metric = SelectField("Metric", choices=_choices(METRICS))
    category = SelectField("Category", choices=_choices(CATEGORIES))
    category_label = StringField(
        "Speaker's own label (verbatim)", validators=[Optional(), Length(max=200)]
    )
    qualifier = SelectField("Qualifier", choices=_choices(QUALIFIERS))
    modality = SelectField(
        "Modality", choices=_choices(MODALITIES, blank=None), validate_choice=False
    )
    value = DecimalField("Value (N)", places=None, validators=[Optional(), NumberRange(min=0)])
    lower = DecimalField(
        "Lower bound (ranges, vague words)",
        places=None,
        validators=[Optional(), NumberRange(min=0)],
    )
    upper = DecimalField(
        "Upper bound (empty: no upper bound)",
        places=None,
        validators=[Optional(), NumberRange(min=0)],
    )
    place = StringField("Place", validators=[Optional(), Length(max=200)])
    as_of = DateField("As of", validators=[Optional()])
    version = HiddenField()
    suggestion_id = (
        HiddenField()
    )  # set when the form was opened from a suggestion, to mark it accepted
    submit = SubmitField("Save the claim")

    article_text: str | None = None  # set by the view, so the quote is checked beside its field

    def validate_exact(self, field):
        if self.article_text is None:
            return
        from factcheck.domain.anchors import AnchorError, build_anchor

        try:
            build_anchor(self.article_text, field.data.replace("\r\n", "\n"), start=self.start.data)
        except AnchorError as err:
            raise ValidationError(str(err)) from None

    def validate_modality(self, field):
        if self.kind.data == "quantity" and field.data not in MODALITIES:
            raise ValidationError("Choose count, estimate or projection.")

    def validate_upper(self, field):
        if self.lower.data is not None and field.data is not None and self.lower.data > field.data:
            raise ValidationError(f"Upper ({field.data}) is below lower ({self.lower.data}).")

    def validate_metric(self, field):
        if self.kind.data == "quantity" and not field.data:
            raise ValidationError("A figure needs a metric.")

    def validate_category(self, field):
        if self.kind.data == "quantity" and not field.data:
            raise ValidationError(
                "A figure needs a category (total if the speaker gives no breakdown)."
            )

    def validate_qualifier(self, field):
        if self.kind.data != "quantity":
            return
        if not field.data:
            raise ValidationError("A figure needs a qualifier (exact if none).")
        if field.data in ("range", "vague"):
            if self.lower.data is None:
                raise ValidationError("A range or vague figure needs a lower bound.")
        elif self.value.data is None:
            raise ValidationError(f"“{field.data.replace('_', ' ')}” needs the value N.")

    def quantity_fields(self) -> dict:
        if self.kind.data != "quantity":
            return {}
        number = lambda d: None if d is None else float(d)  # noqa: E731
        return {
            "metric": self.metric.data,
            "category": self.category.data,
            "category_label": self.category_label.data or None,
            "qualifier": self.qualifier.data,
            "modality": self.modality.data or "count",
            "value": number(self.value.data),
            "lower": number(self.lower.data) if self.qualifier.data in ("range", "vague") else None,
            "upper": number(self.upper.data) if self.qualifier.data in ("range", "vague") else None,
        }


class RelationForm(FlaskForm):
    type = SelectField("This claim…", choices=_choices(RELATION_TYPES, blank=None))
    target_id = IntegerField("…claim number", validators=[DataRequired(), NumberRange(min=1)])
    note = StringField(
        "Note (why; e.g. “technical error”)", validators=[DataRequired(), Length(max=1000)]
    )
    submit = SubmitField("Link")


class ReviewForm(FlaskForm):
    rating = SelectField(
        "Verdict", choices=options((r, f"{r} ({v}/5)" if v else r) for r, v in RATINGS.items())
    )
    rationale = TextAreaField("Rationale", validators=[DataRequired(), Length(max=10000)])
    evidence = TextAreaField(
        "Evidence links (one per line)", validators=[Optional(), Length(max=5000)]
    )
    submit = SubmitField("Save the draft verdict")


class ActionForm(FlaskForm):
    """A bare form for buttons that change state: it carries the CSRF token."""

    note = StringField("Note", validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Confirm")
