"""Take an article in: pasted text, an uploaded .txt or .html file. Store exactly what claims anchor to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from factcheck.domain.input_rules import (
    ARTICLE_TEXT_CHARS,
    LENGTHS,
    check_moment,
    check_text,
    normalise_newlines,
    utf8_text,
)
from factcheck.domain.said import Said
from factcheck.domain.time_zones import CountryZone, zone_of_country
from factcheck.extensions import db
from factcheck.models import Article, Claim, Event, Outlet, SuggestionRun, text_sha256
from factcheck.models.types import utcnow
from factcheck.services import dispatch, history, queue
from factcheck.services.duplicates import refused_as_duplicate
from factcheck.services.json_values import row_dict
from factcheck.services.merged_references import point_at_survivors
from factcheck.services.published_verdicts import withdraw_with_claim
from factcheck.services.ranking import refresh_ranks
from factcheck.services.settings import date_range
from factcheck.services.sources import find_outlet, outlet_named
from factcheck.services.unit_of_work import commit_and_queue, transaction


class IntakeRefused(ValueError):
    """The document cannot be stored as it is; nothing was written."""


class DuplicateText(IntakeRefused):
    """This exact text is stored already (the API answers 409)."""


@dataclass(frozen=True)
class Intake:
    text: str
    title: str | None = None
    published_at: datetime | None = None
    site_name: str | None = None  # the publisher the page names (og:site_name and the like)


def title_of(typed: str | None, found: Intake) -> str:
    """The article's title: as typed, else the page's, else the text's first line (cut at 200
    characters), so that no article reaches a report untitled."""
    first_line = next((line.strip() for line in found.text.splitlines() if line.strip()), "")
    return (typed or "").strip() or (found.title or "").strip() or first_line[:200].rstrip()


def read_upload(filename: str, raw: bytes) -> Intake:
    """The text (and, from HTML, title and date) of an uploaded .txt or .html file."""
    name = (filename or "").lower()
    if not raw:
        raise IntakeRefused(Said("the file is empty"))
    try:
        decoded = utf8_text(raw)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise IntakeRefused(
            Said(
                "the file is not UTF-8 (byte %(byte)s on line %(line)s)",
                byte=f"0x{raw[err.start]:02x}",
                line=line,
            )
        ) from None
    if name.endswith((".html", ".htm")):
        return from_html(decoded)
    if name.endswith(".txt"):
        return Intake(decoded)
    raise IntakeRefused(Said("upload a .txt or .html file"))


def from_html(html: str) -> Intake:
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        raise IntakeRefused(Said("no article text found in the HTML"))
    meta = trafilatura.extract_metadata(html)
    published = None
    if meta is not None and meta.date:
        try:
            published = datetime.fromisoformat(meta.date)
        except ValueError:
            published = None
    # A page's <title> may be longer than the column or hold line breaks: one line, cut to fit.
    title = (
        " ".join(meta.title.split())[: LENGTHS["article_title"]] if meta and meta.title else None
    )
    return Intake(
        text,
        title=title,
        published_at=published,
        site_name=meta.sitename if meta is not None else None,
    )


def create_article(
    *,
    text: str,
    title: str,
    outlet: Outlet,
    language: str,
    published_at: datetime | None,
    url: str | None,
    event: Event | None,
    republished_from: Outlet | None,
    user_id: int | None,
    via: str = "web",
) -> Article:
    """Store a new article; refuse empty, oversized or already-stored text. The caller commits."""
    # Every entry path stores LF line endings: the page's offsets must equal the stored ones.
    text = normalise_newlines(text)
    if not text.strip():
        raise IntakeRefused(Said("the article text is empty"))
    for what, problem in (
        ("article text", check_text(text)),
        ("title", check_text(title, LENGTHS["article_title"], multiline=False)),
        ("publication date", check_moment(published_at, date_range()) if published_at else None),
    ):
        if problem:
            raise IntakeRefused(f"the {what}: {problem}")
    if len(text) > ARTICLE_TEXT_CHARS:
        raise IntakeRefused(
            Said(
                "the article text is longer than %(limit)s characters",
                limit=f"{ARTICLE_TEXT_CHARS:,}",
            )
        )
    existing = db.session.scalar(sa.select(Article.id).where(Article.sha256 == text_sha256(text)))
    if existing is not None:
        raise DuplicateText(
            Said("this exact text is stored already, as article %(article)s", article=existing)
        )
    offset_minutes = None
    if published_at is not None:
        if published_at.tzinfo is None:
            raise IntakeRefused(Said("give the time zone the outlet published in"))
        offset_minutes = int(published_at.utcoffset().total_seconds() // 60)
    article = Article(
        outlet=outlet,
        event=event,
        url=url or None,
        title=title,
        language=language,
        published_at=published_at,
        published_utc_offset=offset_minutes,
        republished_from=republished_from,
        findings=[],
        created_by_id=user_id,
    )
    article.set_text(text)
    db.session.add(article)
    point_at_survivors(article)  # an outlet picked by a merged-away id: its survivor
    db.session.flush()
    history.record(article, "create", None, user_id=user_id, via=via)
    return article


def intake_article(
    *,
    outlet: Outlet | str,
    utc_offset: tzinfo | None = None,
    outlet_country: str | None = None,
    **article: object,
) -> Article:
    """Store a new article (create_article's arguments; `outlet` may be a name to find or add,
    a new one in `outlet_country`) and have the extraction assistant read it once the article
    is committed.

    A `published_at` without a zone is local time: in `utc_offset` when one was
    typed, else in the zone of the outlet's country (see published_zone).
    """
    taken = {
        "sha256": lambda: DuplicateText(Said("this exact text was stored a moment ago")),
        "outlets": lambda: IntakeRefused(
            Said("the outlet %(outlet)s was added a moment ago: pick it", outlet=repr(outlet))
        ),
    }
    if isinstance(outlet, str) and not outlet.strip():
        raise IntakeRefused(
            Said("pick an outlet or name a new one: a name of spaces names nothing")
        )
    with refused_as_duplicate(taken), transaction() as uow:
        if isinstance(outlet, str):
            outlet = outlet_named(outlet, country=outlet_country)
        moment = article.get("published_at")
        if isinstance(moment, datetime) and moment.tzinfo is None:
            article["published_at"] = moment.replace(
                tzinfo=utc_offset or published_zone(outlet, moment).zone
            )
        stored = create_article(outlet=outlet, **article)
        db.session.add(SuggestionRun(article_id=stored.id, status="queued"))  # the page waits on it
        uow.send(dispatch.ANALYSE_ARTICLE, stored.id)
    return stored


@dataclass(frozen=True)
class PublishedZone:
    zone: tzinfo
    country: str | None  # as stored on the outlet
    found: CountryZone | None  # None: no country, or one not known here; the zone is UTC


def published_zone(
    outlet: Outlet | str | None, moment: datetime, new_country: str | None = None
) -> PublishedZone:
    """The zone an outlet's times without a zone are taken in: its country's, else UTC.

    An outlet named but not stored yet is in `new_country`, as intake_article will store it."""
    if isinstance(outlet, str):
        outlet = find_outlet(outlet) if outlet.strip() else None
        if outlet is None:
            country = (new_country or "").strip() or None
            found = zone_of_country(country, moment)
            return PublishedZone(ZoneInfo(found.zone) if found else UTC, country, found)
    country = outlet.country if outlet is not None else None
    found = zone_of_country(country, moment)
    return PublishedZone(ZoneInfo(found.zone) if found else UTC, country, found)


def outlet_zones(at: datetime) -> dict[int, tuple[str, str]]:
    """Outlet id -> (zone, its UTC offset at `at`) for every outlet whose country is known.

    The article form shows it as the offset box's hint once an outlet is picked: the
    zone a time typed without an offset will be read in.
    """
    rows = db.session.execute(
        sa.select(Outlet.id, Outlet.country).where(
            Outlet.country.is_not(None), Outlet.merged_into_id.is_(None)
        )
    )
    per_country: dict[str, tuple[str, str] | None] = {}
    zones = {}
    for outlet_id, country in rows:
        if country not in per_country:
            found = zone_of_country(country, at)
            per_country[country] = found and (found.zone, _offset_text(found.offset))
        if per_country[country]:
            zones[outlet_id] = per_country[country]
    return zones


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def withdraw_article(article: Article, user_id: int | None, via: str = "web") -> Article:
    """Soft-delete: the article and its claims stay, shown as withdrawn; its figures leave the estimates."""
    if article.withdrawn_at is not None:
        raise IntakeRefused(Said("article %(article)s is withdrawn already", article=article.id))
    return _set_withdrawn(article, utcnow(), user_id, "withdraw", user_id, via)


def restore_article(article: Article, user_id: int | None, via: str = "web") -> Article:
    if article.withdrawn_at is None:
        raise IntakeRefused(Said("article %(article)s is not withdrawn", article=article.id))
    return _set_withdrawn(article, None, None, "restore", user_id, via)


def _set_withdrawn(
    article: Article, at, withdrawn_by: int | None, action: str, user_id: int | None, via: str
) -> Article:
    """One commit: the article's state, its history row and its claims' groups queued for reconciliation.

    A withdrawn article's claims count as withdrawn (domain.ranks.effective_rank): their
    stored ranks are refreshed in the same commit and every group they belong to is
    reconciled again.
    """
    with transaction():  # the article, its verdicts' pages and its groups: one commit
        before = row_dict(article)
        article.withdrawn_at, article.withdrawn_by_id = at, withdrawn_by
        db.session.flush()
        # The text never changes (a trigger refuses it) and the create row holds it: not copied again.
        history.record(article, action, before, user_id=user_id, via=via, omit=("text",))
        claims = db.session.scalars(sa.select(Claim).where(Claim.article_id == article.id)).all()
        if action == "withdraw":  # its claims' public verdicts come down with it, as a claim's do
            for claim in claims:
                withdraw_with_claim(claim, user_id, via, note="The article itself was withdrawn.")
        # Its claims count as withdrawn now (effective_rank): their stored ranks follow, so search agrees.
        refresh_ranks({c.event_id for c in claims}, user_id=user_id, via=via)
        commit_and_queue({group for c in claims for group in queue.groups_of(c)})
    return article
