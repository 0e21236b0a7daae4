"""The interface's language: Flask-Babel, the locale selector, and locale-aware filters.

The language is the signed-in account's (`users.locale`), else the `locale`
cookie the header's switch sets, else the browser's Accept-Language, else
English. The Indonesian catalogue is `factcheck/translations/id/LC_MESSAGES/messages.po`;
its compiled `.mo` is built here at start when missing or older than the `.po`
(docs/translating.md), so a fresh clone needs no extra step.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, g, request
from flask_babel import Babel, format_date, format_datetime, get_locale
from flask_login import current_user

from factcheck.domain.number_format import display_number, locale_decimal
from factcheck.domain.vocabulary import LOCALE_NAMES, LOCALES

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
COOKIE = "locale"
babel = Babel()


def select_locale() -> str:
    """The account's language, else the cookie's, else the browser's best of en/id, else en."""
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in LOCALES:
        return user_locale
    if request.cookies.get(COOKIE) in LOCALES:
        return request.cookies[COOKIE]
    return request.accept_languages.best_match(LOCALES) or LOCALES[0]


def compile_catalogues(root: Path = TRANSLATIONS) -> None:
    """Write each `messages.mo` whose `messages.po` is newer (or whose `.mo` is missing)."""
    for po_path in root.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po:
            catalog = read_po(po, locale=po_path.parent.parent.name)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as mo:
            write_mo(mo, catalog)
        tmp.replace(mo_path)  # atomic: two workers starting at once never read half a file


def current_locale() -> str:
    return str(get_locale() or LOCALES[0])


def local_number(value: float | int | None) -> str:
    """A figure as readers of the page's language write it: 8,000 (en), 8.000 (id)."""
    return display_number(value, current_locale())


def local_decimals(value: float, places: int) -> str:
    """A figure with exactly `places` decimals, as the page's language writes them: 0.50, 0,50."""
    return locale_decimal(value, "0." + "0" * places, current_locale())


def local_datetime(value: datetime | None) -> str:
    """A moment in UTC: ISO in English (as before), the locale's medium form otherwise."""
    if value is None:
        return ""
    if current_locale() == "en":
        return value.strftime("%Y-%m-%d %H:%M") + " UTC"
    return format_datetime(value, "medium") + " UTC"


def local_date(value: date | None) -> str:
    """A day: ISO in English (as before), the locale's medium form otherwise (11 Jan 2022)."""
    if value is None or isinstance(
        value, str
    ):  # a suggestion's date is text as the assistant read it
        return value or ""
    if isinstance(value, datetime):
        value = value.date()
    if current_locale() == "en":
        return value.isoformat()
    return format_date(value, "medium")


def stored_day(value: str | None) -> str:
    """A day stored as ISO text in JSON (a series point's `on`), as local_date writes a day;
    text that is not an ISO day as it is."""
    try:
        return local_date(date.fromisoformat(value)) if value else ""
    except (TypeError, ValueError):
        return str(value)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", LOCALES[0])
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "UTC")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    try:
        compile_catalogues()
    except OSError as err:  # a read-only install: run `pybabel compile` when building it instead
        app.logger.warning("translations not compiled (%s): pages fall back to English", err)
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["fmtnum"] = local_number
    app.jinja_env.filters["fmtdatetime"] = local_datetime
    app.jinja_env.filters["fmtdate"] = local_date
    app.jinja_env.filters["fmtday"] = stored_day
    app.jinja_env.globals["LOCALE_NAMES"] = LOCALE_NAMES
    app.jinja_env.globals["current_locale"] = current_locale

    @app.teardown_request
    def forget_locale(_exc: BaseException | None) -> None:
        """Flask-Babel keeps the request's locale on `g`; inside an outer app context (scripts,
        tests) one request's language would otherwise carry over to the next."""
        g.pop("_flask_babel", None)
