"""Turn a loaded sidecar into checked specs, collecting every problem with its line.

The whole file's structure lives here (outlets, events, actors, the article,
cross-references); annotation_claims.py checks each claim entry and
annotation_reader.py reads typed values with their lines.
"""

from __future__ import annotations

from typing import Any

from factcheck.domain.annotation import (
    ActorSpec,
    Annotation,
    AnnotationInvalid,
    ArticleSpec,
    EventSpec,
    OutletSpec,
    Problem,
)
from factcheck.domain.annotation_claims import ClaimContext, as_list, check_claim_entry
from factcheck.domain.annotation_reader import SidecarChecker
from factcheck.domain.qualifiers import Widths
from factcheck.domain.vocabulary import RELATION_TYPES
from factcheck.domain.yaml_lines import Path


def check_annotation(
    text_path: str, yaml_path: str, text: str, doc: Any, lines: dict[Path, int], widths: Widths
) -> Annotation:
    """Every spec of the file, or AnnotationInvalid naming every problem found."""
    check = SidecarChecker(yaml_path, lines)
    if not isinstance(doc, dict):
        raise AnnotationInvalid(
            [Problem(yaml_path, 1, "document", "must be a mapping with article: and claims:")]
        )
    outlets = [_outlet(check, p, d) for p, d in check.items(doc, "outlets")]
    events = [_event(check, p, d) for p, d in check.items(doc, "events")]
    actors = [_actor(check, p, d) for p, d in check.items(doc, "actors")]
    article = _article(check, doc.get("article"))
    outlet_names = {o.name for o in outlets if o}
    slugs = {e.slug for e in events if e}
    actor_names = {a.name for a in actors if a}
    for path, d in check.items(doc, "actors"):
        for i, slug in enumerate(d.get("party_to") or []):
            if slug not in slugs:
                check.fail((*path, "party_to", i), f"event {slug!r} is not declared under events:")
    if article:
        for key in ("outlet", "republished_from"):
            name = getattr(article, key)
            if name is not None and name not in outlet_names:
                check.fail(("article", key), f"outlet {name!r} is not declared under outlets:")
        if article.event is not None and article.event not in slugs:
            check.fail(
                ("article", "event"), f"event {article.event!r} is not declared under events:"
            )
    claims = []
    if article:
        context = ClaimContext(text, article, slugs, actor_names, widths)
        claims = [check_claim_entry(check, p, d, context) for p, d in check.items(doc, "claims")]
        if not doc.get("claims"):
            check.fail(("claims",), "no claims: list one or more")
    keys = [c.key for c in claims if c]
    for path, d in check.items(doc, "claims"):
        if keys.count(str(d.get("id"))) > 1:
            check.fail((*path, "id"), f"id {d.get('id')!r} is used by more than one claim")
        for rel_type in RELATION_TYPES:
            for target in as_list(d.get(rel_type)):
                if str(target) not in keys:
                    check.fail((*path, rel_type), f"no claim with id {target!r} in this file")
                elif str(target) == str(d.get("id")):
                    check.fail((*path, rel_type), "a claim cannot relate to itself")
    if check.problems:
        raise AnnotationInvalid(check.problems)
    return Annotation(
        text_path=text_path,
        yaml_path=yaml_path,
        text=text,
        article=article,
        outlets=tuple(outlets),
        events=tuple(events),
        actors=tuple(actors),
        claims=tuple(claims),
    )


def _outlet(check: SidecarChecker, path: Path, d: dict) -> OutletSpec | None:
    name = check.text(d, path, "name", required=True)
    if name is None:
        return None
    return OutletSpec(
        name,
        check.text(d, path, "kind") or "other",
        check.text(d, path, "country"),
        check.text(d, path, "notes") or "",
    )


def _event(check: SidecarChecker, path: Path, d: dict) -> EventSpec | None:
    slug, title = (
        check.text(d, path, "slug", required=True),
        check.text(d, path, "title", required=True),
    )
    start, end = check.day(d, path, "start"), check.day(d, path, "end")
    if start and end and start > end:
        check.fail((*path, "end"), f"ends ({end}) before it starts ({start})")
    if slug is None or title is None:
        return None
    return EventSpec(
        slug, title, check.text(d, path, "place"), start, end, check.text(d, path, "parent")
    )


def _actor(check: SidecarChecker, path: Path, d: dict) -> ActorSpec | None:
    name = check.text(d, path, "name", required=True)
    party_to = d.get("party_to") or []
    if not isinstance(party_to, list):
        check.fail((*path, "party_to"), "must be a list of event slugs")
        party_to = []
    if name is None:
        return None
    return ActorSpec(
        name,
        check.text(d, path, "kind") or "other",
        check.text(d, path, "role"),
        check.text(d, path, "affiliation"),
        check.text(d, path, "country"),
        tuple(str(s) for s in party_to),
    )


def _article(check: SidecarChecker, d: Any) -> ArticleSpec | None:
    path: Path = ("article",)
    if not isinstance(d, dict):
        check.fail(path, "article: is required and must be a mapping")
        return None
    title = check.text(d, path, "title", required=True)
    outlet = check.text(d, path, "outlet", required=True)
    language = check.text(d, path, "language", required=True)
    published_at = check.moment(d, path, "published_at")
    findings = d.get("findings") or []
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and "kind" in f for f in findings
    ):
        check.fail((*path, "findings"), "must be a list of mappings, each with kind: and detail:")
        findings = []
    if title is None or outlet is None or language is None:
        return None
    return ArticleSpec(
        title=title,
        outlet=outlet,
        language=language,
        event=check.text(d, path, "event"),
        published_at=published_at,
        republished_from=check.text(d, path, "republished_from"),
        url=check.text(d, path, "url"),
        retrieved_at=check.moment(d, path, "retrieved_at"),
        findings=tuple(
            {"kind": str(f["kind"]), "detail": str(f.get("detail", "")).strip()} for f in findings
        ),
    )
