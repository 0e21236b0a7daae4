"""Turn a loaded sidecar into checked specs, collecting every problem with its line."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from factcheck.domain.anchors import AnchorError, build_anchor
from factcheck.domain.annotation import (
    ActorSpec,
    Annotation,
    AnnotationInvalid,
    ArticleSpec,
    ClaimSpec,
    EventSpec,
    OutletSpec,
    Problem,
    RelationSpec,
)
from factcheck.domain.annotation_quantity import check_quantity
from factcheck.domain.qualifiers import Widths
from factcheck.domain.vocabulary import CLAIM_KINDS, RELATION_TYPES
from factcheck.domain.yaml_lines import Path, line_of

CLAIM_FIELDS = {
    "id",
    "kind",
    "quote",
    "prefix",
    "suffix",
    "proposition",
    "attributed_to",
    "cites",
    "stated_on",
    "event",
    "metric",
    "category",
    "category_label",
    "qualifier",
    "modality",
    "value",
    "lower",
    "upper",
    "word",
    "unit",
    "as_of",
    "place",
    "reason",
    "note",
    "preferred_reason",
    *RELATION_TYPES,
}


class _Checker:
    def __init__(self, yaml_path: str, lines: dict[Path, int]):
        self.yaml_path = yaml_path
        self.lines = lines
        self.problems: list[Problem] = []

    def fail(self, path: Path, message: str) -> None:
        name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
        self.problems.append(
            Problem(self.yaml_path, line_of(self.lines, path), name or "document", message)
        )

    def text(self, data: dict, path: Path, key: str, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail((*path, key), "is required")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail((*path, key), f"must be text, not {type(value).__name__}")
            return None
        return str(value)

    def choice(
        self, data: dict, path: Path, key: str, allowed: tuple[str, ...], required: bool = False
    ) -> str | None:
        value = self.text(data, path, key, required)
        if value is not None and value not in allowed:
            self.fail(
                (*path, key), f"unknown {key} {value!r}; expected one of: {', '.join(allowed)}"
            )
            return None
        return value

    def day(self, data: dict, path: Path, key: str) -> date | None:
        value = data.get(key)
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail((*path, key), f"not a date (YYYY-MM-DD): {value!r}")
            return None

    def moment(self, data: dict, path: Path, key: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        except ValueError:
            self.fail((*path, key), f"not an ISO 8601 date-time: {value!r}")
            return None
        if moment.tzinfo is None:
            self.fail((*path, key), f"give a time zone offset, e.g. {moment.isoformat()}+07:00")
            return None
        return moment

    def items(self, doc: dict, key: str) -> list[tuple[Path, dict]]:
        value = doc.get(key) or []
        if not isinstance(value, list):
            self.fail((key,), "must be a list")
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append(((key, index), item))
            else:
                self.fail((key, index), "must be a mapping")
        return out


def check_annotation(
    text_path: str, yaml_path: str, text: str, doc: Any, lines: dict[Path, int], widths: Widths
) -> Annotation:
    """Every spec of the file, or AnnotationInvalid naming every problem found."""
    check = _Checker(yaml_path, lines)
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
        context = (text, article, slugs, actor_names, widths)
        claims = [_claim(check, p, d, context) for p, d in check.items(doc, "claims")]
        if not doc.get("claims"):
            check.fail(("claims",), "no claims: list one or more")
    keys = [c.key for c in claims if c]
    for path, d in check.items(doc, "claims"):
        if keys.count(str(d.get("id"))) > 1:
            check.fail((*path, "id"), f"id {d.get('id')!r} is used by more than one claim")
        for rel_type in RELATION_TYPES:
            for target in _as_list(d.get(rel_type)):
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


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _outlet(check: _Checker, path: Path, d: dict) -> OutletSpec | None:
    name = check.text(d, path, "name", required=True)
    if name is None:
        return None
    return OutletSpec(
        name,
        check.text(d, path, "kind") or "other",
        check.text(d, path, "country"),
        check.text(d, path, "notes") or "",
    )


def _event(check: _Checker, path: Path, d: dict) -> EventSpec | None:
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


def _actor(check: _Checker, path: Path, d: dict) -> ActorSpec | None:
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


def _article(check: _Checker, d: Any) -> ArticleSpec | None:
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


def _claim(check: _Checker, path: Path, d: dict, context: tuple) -> ClaimSpec | None:
    text, article, slugs, actor_names, widths = context
    before = len(check.problems)
    for key in d:
        if key not in CLAIM_FIELDS:
            check.fail((*path, str(key)), f"unknown field {key!r}")
    key = check.text(d, path, "id", required=True)
    kind = check.choice(d, path, "kind", CLAIM_KINDS, required=True)
    quote = check.text(d, path, "quote", required=True)
    event = check.text(d, path, "event") or article.event
    if event is None:
        check.fail((*path, "event"), "no event: give one here or under article:")
    elif event not in slugs:
        check.fail((*path, "event"), f"event {event!r} is not declared under events:")
    for who in ("attributed_to", "cites"):
        name = check.text(d, path, who)
        if name is not None and name not in actor_names:
            check.fail((*path, who), f"actor {name!r} is not declared under actors:")
    anchor = None
    if quote is not None:
        try:
            anchor = build_anchor(text, quote, prefix=d.get("prefix"), suffix=d.get("suffix"))
        except AnchorError as err:
            check.fail((*path, "quote"), str(err))
    stated_on = check.day(d, path, "stated_on")
    if stated_on is None and "stated_on" not in d and article.published_at is not None:
        stated_on = article.published_at.date()  # DOMAIN §2: defaults to the article's date
    if stated_on is None and "stated_on" not in d:
        check.fail((*path, "stated_on"), "required when the article has no published_at")
    quantity: dict[str, Any] = {}
    if kind == "quantity":
        quantity = check_quantity(check, path, d, article.language, widths)
    relations = tuple(
        RelationSpec(rel_type, str(target), str(d.get("reason") or d.get("note") or ""))
        for rel_type in RELATION_TYPES
        for target in _as_list(d.get(rel_type))
    )
    if (
        len(check.problems) > before
        or key is None
        or kind is None
        or anchor is None
        or stated_on is None
    ):
        return None
    return ClaimSpec(
        key=key,
        kind=kind,
        anchor=anchor,
        event=event,
        stated_on=stated_on,
        line=line_of(check.lines, path) or 0,
        proposition=check.text(d, path, "proposition"),
        attributed_to=check.text(d, path, "attributed_to"),
        cites=check.text(d, path, "cites"),
        as_of=check.day(d, path, "as_of"),
        place=check.text(d, path, "place"),
        preferred_reason=check.text(d, path, "preferred_reason"),
        relations=relations,
        **quantity,
    )
