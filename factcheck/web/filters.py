"""Template filters."""

from __future__ import annotations

from flask import Flask

from factcheck.domain.extraction.finding_words import detail_text as finding_text
from factcheck.domain.reconciliation.conflict_words import detail_text
from factcheck.domain.report_words import flag_label, grade_label, readable_step
from factcheck.domain.said import Said
from factcheck.domain.vocabulary import LOCALES
from factcheck.i18n import current_locale
from factcheck.web import terms
from factcheck.web.form_messages import say


def register_filters(app: Flask) -> None:
    """The engine's codes in words; `fmtnum` and the date filters are factcheck/i18n.py's (by locale)."""
    # The engine's codes in words (report_words), in the reader's language: flags, grades.
    app.jinja_env.filters["flag_label"] = lambda code: say(flag_label(code))
    app.jinja_env.filters["grade_label"] = lambda code: say(grade_label(code))
    app.jinja_env.filters["step_words"] = step_words
    terms.register(app)  # `term`: a vocabulary code in the reader's language
    # A stored service message (a failed fetch's reason) in the reader's language, when it has one.
    app.jinja_env.filters["say"] = say
    app.jinja_env.filters["conflict_detail"] = conflict_detail
    app.jinja_env.filters["finding_detail"] = finding_detail


def step_words(text: str) -> str:
    """A step of "how these numbers were reached" in the reader's language.

    In English, the engine's sentence with its codes in words (readable_step), as a report
    prints it. Otherwise each part of the sentence (step_words.py writes them as Said) is
    looked up in the catalogue, whose translations already say the codes in words; a step
    stored before steps were structured is one English sentence and stays so.
    """
    if current_locale() == LOCALES[0]:
        return readable_step(text)
    return say(text)


def conflict_detail(conflict) -> str:
    """A conflict's detail in the reader's language: in English as stored (the API's and the
    report's words); otherwise written again from its structured form (conflict_words), a
    conflict found before it was kept staying as stored."""
    if current_locale() == LOCALES[0] or not conflict.detail_words:
        return conflict.detail  # as stored: not a message of the catalogue
    return _said_or_stored(detail_text(conflict.detail_words, conflict.detail), conflict.detail)


def _said_or_stored(written: str, stored: str) -> str:
    """`written` in the reader's language when it is a sentence the engine or the extractor
    wrote (a Said), else the stored text as it is: stored text is never looked up in the
    catalogue (an empty one would come back as the catalogue's header). Words restored from
    a backup may hold what a reader's language cannot write: the stored text then."""
    if not isinstance(written, Said):
        return stored
    try:
        return say(written)
    except (ArithmeticError, LookupError, TypeError, ValueError):
        return stored


def finding_detail(finding) -> str:
    """An article's metadata finding (a stored dict) in the reader's language: in English as
    stored (the API's, the import format's and the report's words); otherwise written again
    from its structured form (finding_words), a finding stored without one staying as is."""
    if not isinstance(finding, dict):  # not a finding (a restored backup may hold anything)
        return str(finding)
    detail = finding.get("detail")
    detail = "" if detail is None else str(detail)
    if current_locale() == LOCALES[0] or not finding.get("words"):
        return detail
    return _said_or_stored(finding_text(finding.get("words"), detail), detail)
