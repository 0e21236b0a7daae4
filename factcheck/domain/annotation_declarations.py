"""Read the declarations of a sidecar (article, outlets, events, actors, places) into specs.

Each reader refuses fields the format does not know and notes, rather than
checks, the names a declaration uses (a place's `within`, an event's places, an
actor's `party_to`): they may be declared in another file of the same import or
stored already, which only annotation_set can tell once every file is read.
"""

from __future__ import annotations

from typing import Any

from factcheck.domain.annotation import ActorSpec, ArticleSpec, EventSpec, OutletSpec, PlaceSpec
from factcheck.domain.annotation_reader import SidecarChecker
from factcheck.domain.input_rules import LENGTHS, check_slug
from factcheck.domain.vocabulary import ACTOR_KINDS, LANGUAGES, OUTLET_KINDS
from factcheck.domain.yaml_lines import Path

TOP_FIELDS = {"article", "outlets", "events", "actors", "places", "claims"}
ARTICLE_FIELDS = {
    "title",
    "outlet",
    "republished_from",
    "language",
    "published_at",
    "url",
    "retrieved_at",
    "event",
    "findings",
}
OUTLET_FIELDS = {"name", "kind", "country", "notes", "aliases"}
EVENT_FIELDS = {"slug", "title", "place", "places", "start", "end", "parent"}
ACTOR_FIELDS = {"name", "kind", "role", "affiliation", "country", "party_to", "aliases"}
PLACE_FIELDS = {"name", "within", "aliases"}


def _aliases(check: SidecarChecker, d: dict, path: Path) -> tuple[tuple[str, ...], tuple]:
    found = check.texts(d, path, "aliases")
    return tuple(name for name, _ in found), tuple(check.where(at) for _, at in found)


def outlet(check: SidecarChecker, path: Path, d: dict) -> OutletSpec | None:
    check.only(d, path, OUTLET_FIELDS)
    name = check.text(d, path, "name", required=True)
    aliases, alias_where = _aliases(check, d, path)
    if name is None:
        return None
    return OutletSpec(
        name,
        check.choice(d, path, "kind", OUTLET_KINDS) or "other",
        check.text(d, path, "country"),
        check.text(d, path, "notes") or "",
        aliases=aliases,
        where=check.where((*path, "name")),
        alias_where=alias_where,
    )


def event(check: SidecarChecker, path: Path, d: dict) -> EventSpec | None:
    check.only(d, path, EVENT_FIELDS)
    slug = check.text(d, path, "slug", required=True)
    title = check.text(d, path, "title", required=True, max_length=LENGTHS["event_title"])
    if slug is not None and (problem := check_slug(slug)):
        check.fail((*path, "slug"), f"{problem} (the slug is part of the event's address)")
        slug = None
    start, end = check.day(d, path, "start"), check.day(d, path, "end")
    if start and end and start > end:
        check.fail((*path, "end"), f"ends ({end}) before it starts ({start})")
    places = check.texts(d, path, "places")
    for name, at in places:
        check.refer("place", name, at)
    parent = check.text(d, path, "parent")
    check.refer("event", parent, (*path, "parent"))
    if slug is None or title is None:
        return None
    return EventSpec(
        slug,
        title,
        check.text(d, path, "place"),
        start,
        end,
        parent,
        places=tuple(name for name, _ in places),
        parent_where=check.where((*path, "parent")),
    )


def actor(check: SidecarChecker, path: Path, d: dict) -> ActorSpec | None:
    check.only(d, path, ACTOR_FIELDS)
    name = check.text(d, path, "name", required=True)
    party_to = d.get("party_to") or []
    if not isinstance(party_to, list):
        check.fail((*path, "party_to"), "must be a list of event slugs")
        party_to = []
    for i, slug in enumerate(party_to):
        check.refer("event", str(slug), (*path, "party_to", i))
    aliases, alias_where = _aliases(check, d, path)
    if name is None:
        return None
    return ActorSpec(
        name,
        check.choice(d, path, "kind", ACTOR_KINDS) or "other",
        check.text(d, path, "role"),
        check.text(d, path, "affiliation"),
        check.text(d, path, "country"),
        tuple(str(s) for s in party_to),
        aliases=aliases,
        where=check.where((*path, "name")),
        alias_where=alias_where,
    )


def place(check: SidecarChecker, path: Path, d: dict) -> PlaceSpec | None:
    check.only(d, path, PLACE_FIELDS)
    name = check.text(d, path, "name", required=True)
    within = check.text(d, path, "within")
    check.refer("place", within, (*path, "within"))
    aliases, alias_where = _aliases(check, d, path)
    if name is None:
        return None
    return PlaceSpec(
        name.strip(),
        within.strip() if within else None,
        aliases=aliases,
        where=check.where((*path, "name")),
        within_where=check.where((*path, "within")),
        alias_where=alias_where,
    )


def article(check: SidecarChecker, d: Any) -> ArticleSpec | None:
    path: Path = ("article",)
    if not isinstance(d, dict):
        check.fail(path, "is required and must be a mapping")
        return None
    check.only(d, path, ARTICLE_FIELDS)
    title = check.text(d, path, "title", required=True, max_length=LENGTHS["article_title"])
    outlet_name = check.text(d, path, "outlet", required=True)
    # As the form and the API allow: a figure's digits are read in the article's language.
    language = check.choice(d, path, "language", LANGUAGES, required=True)
    published_at = check.moment(d, path, "published_at")
    findings = d.get("findings") or []
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and "kind" in f for f in findings
    ):
        check.fail((*path, "findings"), "must be a list of mappings, each with kind: and detail:")
        findings = []
    for index, finding in enumerate(findings):
        for key in ("kind", "detail"):  # stored as JSON: no NUL, no control characters
            check.text(finding, (*path, "findings", index), key, max_length=10_000)
    republished_from = check.text(d, path, "republished_from")
    event_slug = check.text(d, path, "event")
    check.refer("outlet", outlet_name, (*path, "outlet"))
    check.refer("outlet", republished_from, (*path, "republished_from"))
    check.refer("event", event_slug, (*path, "event"))
    if title is None or outlet_name is None or language is None:
        return None
    return ArticleSpec(
        title=title,
        outlet=outlet_name,
        language=language,
        event=event_slug,
        published_at=published_at,
        republished_from=republished_from,
        url=check.web_address(d, path, "url"),
        retrieved_at=check.moment(d, path, "retrieved_at"),
        findings=tuple(
            {"kind": str(f["kind"]), "detail": str(f.get("detail", "")).strip()} for f in findings
        ),
    )
