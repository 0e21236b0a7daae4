"""Change claims and relations the one way: validated, versioned, recorded, ranked, reconciled.

Web views, API endpoints and scripts call these; each commits once and then
asks the workers to reconcile the groups the change touched.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from factcheck.domain.qualifiers import DEFAULT_WIDTHS, QualifierError, Widths, to_interval
from factcheck.domain.vocabulary import RELATION_TYPES
from factcheck.extensions import db
from factcheck.models import Claim, Relation
from factcheck.models.types import utcnow
from factcheck.services import history, queue
from factcheck.services.json_values import row_dict
from factcheck.services.ranking import refresh_ranks
from factcheck.services.unit_of_work import commit_and_queue

EDITABLE = {
    "proposition",
    "attributed_to_id",
    "cites_id",
    "stated_on",
    "metric",
    "category",
    "category_label",
    "qualifier",
    "modality",
    "value",
    "lower",
    "upper",
    "unit",
    "as_of",
    "place",
    "preferred_reason",
}


class StaleVersion(Exception):
    """The claim moved on since the editor loaded it; nothing was written."""

    def __init__(self, claim: Claim):
        self.current = claim
        super().__init__(
            f"claim {claim.id} is at version {claim.version}; reload it and apply your change again"
        )


class StaleRelation(Exception):
    """The relation moved on since the reviewer loaded it; nothing was written."""

    def __init__(self, relation: Relation):
        self.current = relation
        super().__init__(
            f"relation {relation.id} changed since you loaded it (now version {relation.version})"
        )


class InvalidChange(ValueError):
    """The change breaks a rule of the domain; nothing was written."""


def update_claim(
    claim: Claim,
    changes: dict[str, Any],
    expected_version: int,
    user_id: int | None,
    via: str = "web",
    widths: Widths = DEFAULT_WIDTHS,
) -> Claim:
    """Apply `changes` to the claim if it is still at `expected_version`; recompute its interval."""
    if claim.version != expected_version:
        raise StaleVersion(claim)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidChange(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    before = row_dict(claim)
    old_groups = queue.groups_of(claim)
    for name, value in changes.items():
        setattr(claim, name, value)
    if claim.kind == "quantity":
        try:
            _apply_interval(claim, widths, bounds_given=bool({"lower", "upper"} & set(changes)))
        except InvalidChange:
            db.session.rollback()
            raise
    if "preferred_reason" in changes and claim.rank != "deprecated":
        claim.rank = "preferred" if claim.preferred_reason else "normal"
    return _commit_change(claim, "update", before, user_id, via, old_groups)


def _apply_interval(claim: Claim, widths: Widths, bounds_given: bool) -> None:
    """Set lower/upper/point from the qualifier: the one rule, in domain/qualifiers.py."""
    try:
        if claim.qualifier in ("range", "vague"):
            interval = to_interval(
                claim.qualifier, lower=claim.lower, upper=claim.upper, widths=widths
            )
        else:
            if bounds_given:
                raise InvalidChange(
                    f"lower/upper follow from the qualifier {claim.qualifier!r}; give the value instead"
                )
            interval = to_interval(claim.qualifier, value=claim.value, widths=widths)
    except QualifierError as err:
        raise InvalidChange(str(err)) from err
    claim.lower, claim.upper, claim.point = interval.lower, interval.upper, interval.point


def withdraw_claim(
    claim: Claim, user_id: int | None, via: str = "web", expected_version: int | None = None
) -> Claim:
    """Soft-delete: the claim stays, deprecated as withdrawn, restorable."""
    _check_version(claim, expected_version)
    if claim.withdrawn_at is not None:
        raise InvalidChange(f"claim {claim.id} is withdrawn already")
    before = row_dict(claim)
    claim.withdrawn_at, claim.withdrawn_by_id = utcnow(), user_id
    return _commit_change(claim, "withdraw", before, user_id, via, queue.groups_of(claim))


def restore_claim(
    claim: Claim, user_id: int | None, via: str = "web", expected_version: int | None = None
) -> Claim:
    _check_version(claim, expected_version)
    if claim.withdrawn_at is None:
        raise InvalidChange(f"claim {claim.id} is not withdrawn")
    before = row_dict(claim)
    claim.withdrawn_at, claim.withdrawn_by_id = None, None
    return _commit_change(claim, "restore", before, user_id, via, queue.groups_of(claim))


def _check_version(claim: Claim, expected_version: int | None) -> None:
    if expected_version is not None and claim.version != expected_version:
        raise StaleVersion(claim)


def add_relation(
    source: Claim, target: Claim, rel_type: str, note: str, user_id: int | None, via: str = "web"
) -> Relation:
    """Link two claims ("source rel_type target"); ranks and both claims' groups follow."""
    if rel_type not in RELATION_TYPES:
        raise InvalidChange(
            f"unknown relation type {rel_type!r}; expected one of: {', '.join(RELATION_TYPES)}"
        )
    if source.id == target.id:
        raise InvalidChange("a claim cannot relate to itself")
    existing = db.session.scalar(
        sa.select(Relation).filter_by(type=rel_type, source_id=source.id, target_id=target.id)
    )
    if existing is not None:
        state = "withdrawn: restore it instead" if existing.withdrawn_at else "recorded already"
        raise InvalidChange(
            f"claim {source.id} {rel_type.replace('_', ' ')} claim {target.id} is {state}"
        )
    relation = Relation(
        type=rel_type, source_id=source.id, target_id=target.id, note=note, created_by_id=user_id
    )
    db.session.add(relation)
    db.session.flush()
    history.record(relation, "create", None, user_id=user_id, via=via)
    _commit_relation(relation, user_id, via)
    return relation


def withdraw_relation(
    relation: Relation, user_id: int | None, expected_version: int | None = None, via: str = "web"
) -> Relation:
    """Take a link back (it stays, marked withdrawn, restorable); the claims' ranks and groups follow."""
    return _toggle_relation(
        relation, withdraw=True, user_id=user_id, expected_version=expected_version, via=via
    )


def restore_relation(
    relation: Relation, user_id: int | None, expected_version: int | None = None, via: str = "web"
) -> Relation:
    return _toggle_relation(
        relation, withdraw=False, user_id=user_id, expected_version=expected_version, via=via
    )


def _toggle_relation(
    relation: Relation, withdraw: bool, user_id, expected_version, via
) -> Relation:
    if expected_version is not None and relation.version != expected_version:
        raise StaleRelation(relation)
    if (relation.withdrawn_at is not None) == withdraw:
        raise InvalidChange(
            f"relation {relation.id} is {'withdrawn' if withdraw else 'in force'} already"
        )
    before = row_dict(relation)
    relation.withdrawn_at = utcnow() if withdraw else None
    db.session.flush()  # the version check happens here too
    history.record(
        relation, "withdraw" if withdraw else "restore", before, user_id=user_id, via=via
    )
    _commit_relation(relation, user_id, via)
    return relation


def _commit_relation(relation: Relation, user_id, via) -> None:
    source, target = relation.source, relation.target
    refresh_ranks({source.event_id, target.event_id}, user_id=user_id, via=via)
    commit_and_queue(queue.groups_of(source) | queue.groups_of(target))


def _commit_change(claim: Claim, action: str, before: dict, user_id, via, old_groups) -> Claim:
    db.session.flush()  # the version check happens here: a concurrent edit raises StaleDataError
    history.record(claim, action, before, user_id=user_id, via=via)
    refresh_ranks({claim.event_id}, user_id=user_id, via=via)
    commit_and_queue(old_groups | queue.groups_of(claim))
    return claim


QUANTITY_FIELDS = (
    "metric",
    "category",
    "category_label",
    "qualifier",
    "modality",
    "value",
    "lower",
    "upper",
    "unit",
)


def create_claim(
    article,
    fields: dict[str, Any],
    user_id: int | None,
    via: str = "web",
    widths: Widths = DEFAULT_WIDTHS,
) -> Claim:
    """Log a claim anchored in `article`: the quote must be in its text; a figure gets its interval.

    `fields` holds exact (the quote), start (where the reviewer selected it, to pick
    one occurrence), kind, event_id, attributed_to_id, cites_id, stated_on,
    proposition, the quantity fields, as_of, place.
    """
    from factcheck.domain.anchors import AnchorError, build_anchor

    try:
        anchor = build_anchor(article.text, fields["exact"], start=fields.get("start"))
    except AnchorError as err:
        raise InvalidChange(str(err)) from err
    claim = Claim(
        article_id=article.id,
        event_id=fields["event_id"],
        kind=fields["kind"],
        proposition=fields.get("proposition") or None,
        attributed_to_id=fields.get("attributed_to_id"),
        cites_id=fields.get("cites_id"),
        stated_on=fields["stated_on"],
        exact=anchor.exact,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        anchor_start=anchor.start,
        anchor_end=anchor.end,
        as_of=fields.get("as_of"),
        place=fields.get("place") or None,
        created_by_id=user_id,
    )
    if claim.kind == "quantity":
        for name in QUANTITY_FIELDS:
            if fields.get(name) not in (None, ""):
                setattr(claim, name, fields[name])
        claim.modality = claim.modality or "count"
        _apply_interval(
            claim,
            widths,
            bounds_given=fields.get("lower") is not None or fields.get("upper") is not None,
        )
    db.session.add(claim)
    db.session.flush()
    history.record(claim, "create", None, user_id=user_id, via=via)
    refresh_ranks({claim.event_id}, user_id=user_id, via=via)
    commit_and_queue(queue.groups_of(claim))
    return claim
