"""What the domain and the services say to a person, in English, in a form an interface translates.

A refusal reaches a reader through a form, a flash, the API or the importer.
`Said` is the English sentence itself (a str, so logs, the API and tests read it
as before) that also keeps its template and values: the web app looks the
template up in the page's language and fills the values in (web.form_messages.say).
Templates use %(name)s placeholders, as the interface's catalogue does, and
`pybabel extract -k Said` collects them (docs/translating.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence


class Said(str):
    """An English message that remembers how it was made."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Said:
        said = super().__new__(cls, template % values if values else template)
        said.template, said.values = template, values
        return said


AND = Said("and")


class Number(str):
    """A figure inside a Said, as the engine writes it ("8000", "2668.5"), that remembers its
    value: an interface writes it as its reader does ("8.000", "2.668,5" in Indonesian,
    where "2668.5" would read as a thousands separator)."""

    value: float
    places: int | None  # decimals always written ("0.50"); None: as many as it has

    def __new__(cls, text: str, value: float, places: int | None = None) -> Number:
        number = super().__new__(cls, text)
        number.value, number.places = value, places
        return number

    def __getnewargs__(self) -> tuple[str, float, int | None]:  # a copy or a pickle makes it again
        return (str(self), self.value, self.places)


def every_one(names: Sequence[str]) -> str:
    """ "A and B and C": every one named. The joining word is a message of its own (AND): a
    template "%(a)s and %(b)s" would be any text with "and" in it to the check that a page
    has no English left (tests/support/interface_language)."""
    if len(names) == 1:
        return names[0]
    return Said("%(first)s %(conj)s %(rest)s", first=names[0], conj=AND, rest=every_one(names[1:]))


def written(writers: Mapping[str, Callable[..., str]], words: object, stored: str) -> str:
    """A sentence written again from its stored words, [sentence id, its arguments], by one of
    `writers` (a Said); else `stored` as it is: a row stored before it kept its words, an id
    this version does not know, arguments it cannot write (a restored backup may hold any)."""
    if not isinstance(words, list | tuple) or len(words) != 2:
        return stored
    say, args = words
    writer = writers.get(say) if isinstance(say, str) else None
    if writer is None or not isinstance(args, list | tuple):
        return stored
    try:
        return writer(*args)
    except (ArithmeticError, LookupError, TypeError, ValueError):
        return stored


def words_of(message: object) -> list | None:
    """A Said as JSON-ready words, [template, values], to store beside its English text so that
    a page can write it again in its reader's language; None for plain text. A figure keeps its
    value (an interface writes it as its reader does); any other value is kept as text."""
    if not isinstance(message, Said):
        return None
    values: dict[str, object] = {}
    for name, value in message.values.items():
        if isinstance(value, Number):
            values[name] = {"number": [str(value), value.value, value.places]}
        elif isinstance(value, Said):
            values[name] = {"said": words_of(value)}
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[name] = value
        else:
            values[name] = str(value)
    return [message.template, values]


def said_again(words: object, stored: str) -> str:
    """The Said its stored words (words_of) make again; else `stored` as it is: a row stored
    before its words were kept, or words this version cannot read (a restored backup may hold
    any)."""
    try:
        template, values = words  # type: ignore[misc]
        if not isinstance(template, str) or not isinstance(values, dict):
            return stored
        again: dict[str, object] = {}
        for name, value in values.items():
            if isinstance(value, dict) and "number" in value:
                text, number, places = value["number"]
                again[name] = Number(str(text), float(number), places)
            elif isinstance(value, dict) and "said" in value:
                again[name] = said_again(value["said"], "")
            else:
                again[name] = value
        template % again  # noqa: B018 - a placeholder without its value is refused here
        return Said(template, **again)
    except (ArithmeticError, LookupError, TypeError, ValueError):
        return stored


def message_of(error: BaseException) -> str:
    """The message an exception was raised with, as given (a Said keeps its template)."""
    first = error.args[0] if error.args else None
    return first if isinstance(first, str) else str(error)
