"""Turn a loaded sidecar into checked specs, collecting every problem with its line.

The file's structure lives here (its sections, ids, relations within the file);
annotation_declarations.py reads outlets, events, actors, places and the
article, annotation_claims.py each claim entry, annotation_reader.py typed
values with their lines. Names a file uses but does not declare are checked
import-wide by annotation_set.py.
"""

from __future__ import annotations

from typing import Any

from factcheck.domain import annotation_declarations as declared
from factcheck.domain.annotation import Annotation, AnnotationInvalid, Problem, sidecar_name
from factcheck.domain.annotation_claims import ClaimContext, as_list, check_claim_entry
from factcheck.domain.annotation_reader import SidecarChecker
from factcheck.domain.input_rules import DEFAULT_DATES, LENGTHS, DateRange, check_text
from factcheck.domain.qualifiers import Widths
from factcheck.domain.vocabulary import RELATION_TYPES
from factcheck.domain.yaml_lines import Path


def check_annotation(
    text_path: str,
    yaml_path: str,
    text: str,
    doc: Any,
    lines: dict[Path, int],
    widths: Widths,
    dates: DateRange = DEFAULT_DATES,
) -> Annotation:
    """Every spec of the file, or AnnotationInvalid naming every problem found."""
    check = SidecarChecker(yaml_path, lines, dates)
    if not isinstance(doc, dict):
        raise AnnotationInvalid(
            [Problem(yaml_path, 1, "document", "must be a mapping with article: and claims:")]
        )
    check.only(doc, (), declared.TOP_FIELDS)
    outlets = [declared.outlet(check, p, d) for p, d in check.items(doc, "outlets")]
    events = [declared.event(check, p, d) for p, d in check.items(doc, "events")]
    actors = [declared.actor(check, p, d) for p, d in check.items(doc, "actors")]
    places = [declared.place(check, p, d) for p, d in check.items(doc, "places")]
    article = declared.article(check, doc.get("article"))
    entries = check.items(doc, "claims")  # read once: an entry that is no mapping is one problem
    claims = []
    if article:
        context = ClaimContext(text, article, widths)
        claims = [check_claim_entry(check, p, d, context) for p, d in entries]
        if not doc.get("claims"):
            check.fail(("claims",), "no claims: list one or more")
    keys = [c.key for c in claims if c]
    own = sidecar_name(yaml_path)
    for path, d in entries:
        if keys.count(str(d.get("id"))) > 1:
            check.fail((*path, "id"), f"id {d.get('id')!r} is used by more than one claim")
        for rel_type in RELATION_TYPES:
            for target in as_list(d.get(rel_type)):
                _check_target(check, (*path, rel_type), target, str(d.get("id")), keys, own)
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
        places=tuple(places),
        refs=tuple(check.refs),
    )


def _check_target(
    check: SidecarChecker, path: Path, target: Any, own_id: str, keys: list[str], own: str
) -> None:
    """A key of this file, or FILE#ID of another file (checked once every file is read)."""
    if target is None:  # `retracts: null` is no relation; a null in its list names no claim
        check.fail(path, "must be a claim's id (ID or FILE#ID), not null")
        return
    target = str(target)
    if problem := check_text(target, LENGTHS["name"], multiline=False):
        check.fail(path, problem)  # looked up in the database: no NUL, no line break
        return
    file, sep, key = target.partition("#")
    if not sep:
        file, key = "", target
    if file and file != own:
        if not key:
            check.fail(path, f"{target!r}: give FILE#ID, the claim's id after the #")
        else:
            check.refer("claim", target, path)
        return
    if key not in keys:
        check.fail(path, f"no claim with id {key!r} in this file")
    elif key == own_id:
        check.fail(path, "a claim cannot relate to itself")
