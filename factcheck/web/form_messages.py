"""WTForms' own messages ("This field is required.") in the page's language.

WTForms ships no Indonesian catalogue, so every GuardedForm asks this
project's catalogue instead (factcheck/translations). The messages are listed
below so that `pybabel extract` puts them there; WTForms fills in their
placeholders itself, so they are looked up raw, never formatted here.
"""

from __future__ import annotations

from flask_babel import get_translations

from factcheck.domain.said import Number, Said, message_of
from factcheck.i18n import local_decimals, local_number


class FormMessages:
    """The `translations` object WTForms asks (gettext/ngettext, unformatted)."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


FORM_MESSAGES = FormMessages()


def say(message: str | BaseException) -> str:
    """A service's or the domain's message (or an exception's) in the page's language.

    A `Said` is looked up by its template and filled with its values; a plain
    message is looked up as it is. Either stays English when the catalogue lacks it.
    """
    if isinstance(message, BaseException):
        problems = getattr(message, "problems", None)  # InvalidChange: each rule that broke
        if problems:
            return "; ".join(say(problem.message) for problem in problems)
        message = message_of(message)
    translations = get_translations()
    if isinstance(message, Said):
        template = translations.ugettext(message.template)
        # A value may itself be a Said (a verb, a field's name): it is translated too; a
        # figure is written as the reader writes numbers.
        values = {k: _said_value(v) for k, v in message.values.items()}
        return template % values if values else template
    return translations.ugettext(message)


def _said_value(value: object) -> object:
    if isinstance(value, Said):
        return say(value)
    if isinstance(value, Number):  # (a figure the locale cannot write, ∞, stays as written)
        if value.places is not None:
            return local_decimals(value.value, value.places)
        return local_number(value.value) or str(value)
    return value


def sentence(message: str | BaseException) -> str:
    """`say`, as a sentence: a capital first letter and a full stop."""
    text = say(message)
    return f"{text[:1].upper()}{text[1:]}{'' if text.endswith(('.', '?', '!')) else '.'}"


def _listed_for_extraction(gettext, ngettext) -> None:  # never called: pybabel reads it
    gettext("This field is required.")
    gettext("Invalid email address.")
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    )
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    )
    gettext("Field must be between %(min)d and %(max)d characters long.")
    gettext("Number must be at least %(min)s.")
    gettext("Number must be at most %(max)s.")
    gettext("Number must be between %(min)s and %(max)s.")
    gettext("Invalid input.")
    gettext("Invalid URL.")
    gettext("Not a valid choice.")
    gettext("Invalid Choice: could not coerce.")
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    )
    gettext("Not a valid datetime value.")
    gettext("Not a valid date value.")
    gettext("Not a valid integer value.")
    gettext("Not a valid decimal value.")
