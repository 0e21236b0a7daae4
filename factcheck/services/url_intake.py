"""Add an article from its URL: asked for on the web, fetched and stored by a background job.

The reviewer's request is stored first (a `fetches` row with what they typed),
then a job fetches the page (services/fetcher.py), keeps the raw response and
its SHA-256 as the evidence snapshot, reads text, title, date and site name
with trafilatura, and stores the article as a pasted one would be, analysed
by the extraction assistant afterwards. A fetch that fails says why on its
page and keeps what was typed; nothing else is written.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from flask import current_app

from factcheck.domain.said import message_of, words_of
from factcheck.domain.web_address import url_problem
from factcheck.extensions import db
from factcheck.models import Event, Fetch, Outlet
from factcheck.models.types import utcnow
from factcheck.services import dispatch, fetcher
from factcheck.services.articles import (
    Intake,
    IntakeRefused,
    from_html,
    intake_article,
    title_of,
)
from factcheck.services.unit_of_work import transaction


def request_fetch(url: str, typed: dict, user_id: int | None) -> Fetch:
    """Store the request and queue its fetch; IntakeRefused when the address cannot be fetched."""
    url = (url or "").strip()
    problem = url_problem(url)
    if problem:
        raise IntakeRefused(problem)
    with transaction() as uow:
        fetch = Fetch(url=url, typed=typed, status="queued", requested_by_id=user_id)
        db.session.add(fetch)
        db.session.flush()
        uow.send(dispatch.FETCH_ARTICLE, fetch.id)
    return fetch


def limits() -> fetcher.Limits:
    config = current_app.config
    return fetcher.Limits(
        max_bytes=config["FETCH_MAX_BYTES"],
        timeout=config["FETCH_TIMEOUT_SECONDS"],
        max_redirects=config["FETCH_MAX_REDIRECTS"],
        allow_private=config["FETCH_ALLOW_PRIVATE"],
        total=config["FETCH_TOTAL_SECONDS"],
    )


def run_fetch(fetch_id: int) -> None:
    """Fetch the page and store the article (the job); a fetch already done is left as it is."""
    fetch = db.session.get(Fetch, fetch_id)
    if fetch is None or fetch.status != "queued":
        return  # a job delivered twice does nothing the second time
    try:
        page = fetcher.fetch(fetch.url, limits())
    except fetcher.FetchFailed as err:
        return _finish(fetch, "failed", **_reason(err))
    snapshot = {
        "final_url": page.final_url,
        "http_status": page.http_status,
        "content_type": page.content_type[:200],
        "body": page.body,
        "sha256": page.sha256,
        "size": len(page.body),
    }
    try:
        found = _read(page)
        with transaction():
            article = intake_article(**_article_fields(fetch, found, page.final_url))
            _finish(
                fetch, "fetched", article_id=article.id, page_date=_date_text(found), **snapshot
            )
    except IntakeRefused as err:
        db.session.rollback()
        fetch = db.session.get(Fetch, fetch_id)
        _finish(fetch, "failed", **_reason(err), **snapshot)  # the bytes stay as evidence


def _reason(err: Exception) -> dict:
    """Why the fetch failed, as English text and as its words for the page (error_words)."""
    message = message_of(err)
    return {"error": str(message), "error_words": words_of(message)}


def _finish(fetch: Fetch, status: str, **fields) -> None:
    with transaction():
        fetch.status, fetch.fetched_at = status, utcnow()
        for name, value in fields.items():
            setattr(fetch, name, value)


def _read(page: fetcher.Page) -> Intake:
    charset = "utf-8"
    for part in page.content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"'")
    try:
        decoded = page.body.decode(charset, errors="replace")
    except (LookupError, UnicodeError):
        # An unknown name, or a codec Python has that turns no bytes into text ("idna",
        # "undefined", "base64"): read the page as UTF-8, as when no charset is given.
        decoded = page.body.decode("utf-8", errors="replace")
    if page.content_type.split(";")[0].strip().lower() == "text/plain":
        return Intake(decoded.replace("\r\n", "\n"))
    return from_html(decoded)


def _article_fields(fetch: Fetch, found: Intake, final_url: str) -> dict:
    typed = fetch.typed or {}
    outlet = db.session.get(Outlet, typed["outlet_id"]) if typed.get("outlet_id") else None
    site = (found.site_name or "").strip() or urlsplit(final_url).hostname or "unknown outlet"
    republished = typed.get("republished_from_id")
    return {
        "text": found.text,
        "title": title_of(typed.get("title"), found) or fetch.url,
        "outlet": outlet or (typed.get("new_outlet") or site)[:200],
        "outlet_country": None if outlet else typed.get("new_outlet_country") or None,
        "language": typed.get("language") or "en",
        "published_at": _published(typed, found),
        "utc_offset": _typed_offset(typed),
        "url": fetch.url,
        "event": db.session.get(Event, typed["event_id"]) if typed.get("event_id") else None,
        "republished_from": db.session.get(Outlet, republished) if republished else None,
        "user_id": fetch.requested_by_id,
        "via": "url",
    }


def _published(typed: dict, found: Intake) -> datetime | None:
    """The time typed, else the page's; intake_article puts a time without a zone in one."""
    if typed.get("published_at"):
        return datetime.fromisoformat(typed["published_at"])
    return found.published_at


def _typed_offset(typed: dict) -> timezone | None:
    """The offset typed beside the time; None when none was (the outlet's country decides)."""
    minutes = typed.get("utc_offset_minutes")
    return None if minutes is None else timezone(timedelta(minutes=int(minutes)))


def _date_text(found: Intake) -> str | None:
    return found.published_at.isoformat()[:40] if found.published_at else None
