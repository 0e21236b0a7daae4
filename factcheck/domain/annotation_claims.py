"""Check one claim of a sidecar: the file's own rules here, the shared claim rules in claim_rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from factcheck.domain.anchors import build_anchor
from factcheck.domain.annotation import ArticleSpec, ClaimSpec, RelationSpec
from factcheck.domain.annotation_reader import SidecarChecker
from factcheck.domain.claim_rules import FIGURE_FIELDS, ClaimDraft, check_claim, claim_interval
from factcheck.domain.input_rules import LENGTHS, check_amount, check_number_text
from factcheck.domain.numbers import NumberFormatError, parse_number
from factcheck.domain.qualifiers import Widths
from factcheck.domain.vocabulary import CLAIM_KINDS, RELATION_TYPES
from factcheck.domain.yaml_lines import Path, line_of

# What only a figure carries (and its vague word): given to a statement, a retraction or an
# allegation, it was dropped without a word.
FIGURE_ONLY = (*FIGURE_FIELDS, "word")

CLAIM_FIELDS = {
    "id",
    "kind",
    "quote",
    "prefix",
    "suffix",
    "proposition",
    "translation",
    "attributed_to",
    "cites",
    "stated_on",
    "event",
    *FIGURE_ONLY,
    "as_of",
    "place",
    "reason",
    "note",
    "preferred_reason",
    *RELATION_TYPES,
}

# A claim rule names the draft's field; the sidecar calls the quote `quote`.
SIDECAR_NAMES = {"exact": "quote"}


@dataclass(frozen=True)
class ClaimContext:
    """What a claim entry is checked against: the article and its text.

    The names it uses (event, actors, place) are noted for the import-wide check.
    """

    text: str
    article: ArticleSpec
    widths: Widths


def check_claim_entry(
    check: SidecarChecker, path: Path, d: dict, context: ClaimContext
) -> ClaimSpec | None:
    """One entry of `claims:` as a spec, or None with its problems noted.

    The file's own rules (known fields, an event, a date) are checked here; the
    names of its event, actors and place are noted for annotation_set; the claim
    rules every door shares are check_claim's.
    """
    before = len(check.problems)
    for key in d:
        if key not in CLAIM_FIELDS:
            check.fail((*path, str(key)), f"unknown field {key!r}")
    key = check.text(d, path, "id", required=True)
    kind = check.choice(d, path, "kind", CLAIM_KINDS, required=True)
    if kind is not None and kind != "quantity":  # stored nowhere: a mistake, not a figure
        for name in FIGURE_ONLY:
            if d.get(name) is not None:
                check.fail((*path, name), f"only a figure (kind: quantity) has one, not a {kind}")
    quote = check.text(d, path, "quote", required=True)
    event = check.text(d, path, "event") or context.article.event
    if event is None:
        check.fail((*path, "event"), "no event: give one here or under article:")
    elif "event" in d:
        check.refer("event", event, (*path, "event"))
    for who in ("attributed_to", "cites"):
        check.refer("actor", check.text(d, path, who), (*path, who))
    check.refer("place", check.text(d, path, "place"), (*path, "place"))
    for said in ("reason", "note"):  # the relation's note: stored text like any other
        check.text(d, path, said)
    stated_on = check.day(d, path, "stated_on")
    # `stated_on: null` is no date given, as the key left out: the claim never goes unstated.
    if d.get("stated_on") is None:
        if context.article.published_at is not None:
            stated_on = context.article.published_at.date()  # DOMAIN §2: the article's date
        else:
            check.fail((*path, "stated_on"), "required when the article has no published_at")
    if quote is None:
        return None
    draft = _draft(check, path, d, kind or "", quote, context.article.language)
    for problem in check_claim(draft, context.text, context.widths):
        if problem.field != "kind":  # check.choice named an unknown kind already
            check.fail((*path, SIDECAR_NAMES.get(problem.field, problem.field)), problem.message)
    if len(check.problems) > before or key is None or kind is None or stated_on is None:
        return None
    return ClaimSpec(
        key=key,
        kind=kind,
        anchor=build_anchor(context.text, quote, draft.prefix, draft.suffix),
        event=event,
        stated_on=stated_on,
        line=line_of(check.lines, path) or 0,
        proposition=check.text(d, path, "proposition", max_length=LENGTHS["prose"]),
        translation=check.text(d, path, "translation", max_length=LENGTHS["prose"]),
        attributed_to=check.text(d, path, "attributed_to"),
        cites=check.text(d, path, "cites"),
        as_of=check.day(d, path, "as_of"),
        place=check.text(d, path, "place"),
        preferred_reason=check.text(d, path, "preferred_reason"),
        relations=tuple(
            RelationSpec(rel_type, str(target), str(d.get("reason") or d.get("note") or ""))
            for rel_type in RELATION_TYPES
            for target in as_list(d.get(rel_type))
        ),
        **(_figure(draft, context.widths) if draft.is_figure else {}),
    )


def _draft(
    check: SidecarChecker, path: Path, d: dict, kind: str, quote: str, language: str
) -> ClaimDraft:
    """The entry as a claim draft; numbers written as the article writes them ("8.000")."""
    draft = ClaimDraft(
        exact=quote,
        kind=kind,
        prefix=check.text(d, path, "prefix"),
        suffix=check.text(d, path, "suffix"),
    )
    if kind != "quantity":
        return draft
    return replace(
        draft,
        metric=check.text(d, path, "metric"),
        category=check.text(d, path, "category"),
        category_label=check.text(d, path, "category_label"),
        qualifier=check.text(d, path, "qualifier"),
        modality=check.text(d, path, "modality") or "count",
        value=_number(check, d, path, "value", language),
        lower=_number(check, d, path, "lower", language),
        upper=_number(check, d, path, "upper", language),
        word=check.text(d, path, "word"),
        unit=check.text(d, path, "unit") or "people",
    )


def _number(check: SidecarChecker, d: dict, path: Path, key: str, language: str) -> float | None:
    value = d.get(key)
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        problem = check_number_text(str(value))
        if problem:
            check.fail((*path, key), problem)
            return None
        try:  # "8.000" written as the article wrote it is read in the article's locale
            value = parse_number(str(value), language)
        except (NumberFormatError, ValueError) as err:
            check.fail((*path, key), str(err))
            return None
    problem = check_amount(value)
    if problem:  # the same cap as the web form and the API (input_rules)
        check.fail((*path, key), problem)
        return None
    return value


def _figure(draft: ClaimDraft, widths: Widths) -> dict[str, Any]:
    """The spec's quantity fields, with the interval the qualifier gives."""
    interval = claim_interval(draft, widths)
    return {
        "metric": draft.metric,
        "category": draft.category,
        "category_label": draft.category_label,
        "qualifier": draft.qualifier,
        "modality": draft.modality,
        "value": draft.value,
        "lower": interval.lower,
        "upper": interval.upper,
        "point": interval.point,
        "unit": draft.unit,
    }


def as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
