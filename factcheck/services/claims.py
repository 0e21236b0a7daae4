"""Change claims and relations the one way: validated, versioned, recorded, ranked, reconciled.

Web views, API endpoints and scripts call these; each commits once and then
asks the workers to reconcile the groups the change touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from factcheck.domain.anchors import build_anchor
from factcheck.domain.claim_rules import (
    EDITABLE,
    FIGURE_FIELDS,
    ClaimChange,
    ClaimDraft,
    ClaimProblem,
    check_claim,
    claim_interval,
)
from factcheck.domain.qualifiers import Widths
from factcheck.domain.said import Said
from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.models.types import utcnow
from factcheck.services import history, queue
from factcheck.services.json_values import row_dict
from factcheck.services.merged_references import point_at_survivors
from factcheck.services.places import place_of
from factcheck.services.ranking import refresh_ranks
from factcheck.services.settings import date_range, qualifier_widths
from factcheck.services.unit_of_work import commit_and_queue, transaction


class StaleVersion(Exception):
    """The claim moved on since the editor loaded it; nothing was written."""

    def __init__(self, claim: Claim):
        self.current = claim
        super().__init__(
            f"claim {claim.id} is at version {claim.version}; reload it and apply your change again"
        )


class InvalidChange(ValueError):
    """The change breaks a rule of the domain; nothing was written.

    `problems` names the field each broken claim rule belongs to (check_claim),
    so a form can show it beside that field and the API in its `errors`.
    """

    def __init__(self, message: str, problems: list[ClaimProblem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])

    @classmethod
    def of(cls, problems: list[ClaimProblem]) -> InvalidChange:
        return cls("; ".join(p.message for p in problems), problems)


@transaction()  # a place or speaker added on the way joins this one commit
def update_claim(
    claim: Claim,
    changes: ClaimChange | Mapping[str, Any],
    expected_version: int,
    user_id: int | None,
    via: str = "web",
    widths: Widths | None = None,
) -> Claim:
    """Apply `changes` to the claim if it is still at `expected_version`; recompute its interval.

    The claim as it would be after the change must pass check_claim; a plain
    mapping of field names is read as a ClaimChange.
    """
    if claim.version != expected_version:
        raise StaleVersion(claim)
    change = _as_change(changes)
    given = change.given()
    widths = widths or qualifier_widths()
    after = change.applied_to(draft_of(claim))
    if claim.kind == "quantity" and (problems := check_claim(after, widths=widths)):
        raise InvalidChange.of(problems)
    before = row_dict(claim)
    old_groups = queue.groups_of(claim)
    for name, value in given.items():
        if name == "place":  # a name: the place (found by name or alias, else added)
            claim.place = place_of(value)
        else:
            setattr(claim, name, value)
    point_at_survivors(claim)  # a speaker or source named by a merged-away id: its survivor
    if claim.kind == "quantity":
        _set_interval(claim, after, widths)
    if "preferred_reason" in given and claim.rank != "deprecated":
        claim.rank = "preferred" if claim.preferred_reason else "normal"
    return _commit_change(claim, "update", before, user_id, via, old_groups)


def _as_change(changes: ClaimChange | Mapping[str, Any]) -> ClaimChange:
    if isinstance(changes, ClaimChange):
        return changes
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidChange(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    return ClaimChange(**changes)


def draft_of(claim: Claim) -> ClaimDraft:
    """A stored claim as a draft, to check an edit against the rules a new claim meets."""
    return ClaimDraft(
        exact=claim.exact,
        kind=claim.kind,
        event_id=claim.event_id,
        stated_on=claim.stated_on,
        attributed_to_id=claim.attributed_to_id,
        cites_id=claim.cites_id,
        proposition=claim.proposition,
        translation=claim.translation,
        metric=claim.metric,
        category=claim.category,
        category_label=claim.category_label,
        qualifier=claim.qualifier,
        modality=claim.modality,
        value=claim.value,
        lower=claim.lower,
        upper=claim.upper,
        unit=claim.unit,
        as_of=claim.as_of,
        place=claim.place_name,
    )


def _set_interval(claim: Claim, figure: ClaimDraft, widths: Widths) -> None:
    """Set lower/upper/point from the qualifier: the one rule, claim_rules.claim_interval."""
    interval = claim_interval(figure, widths)
    claim.lower, claim.upper, claim.point = interval.lower, interval.upper, interval.point


def withdraw_claim(
    claim: Claim, user_id: int | None, via: str = "web", expected_version: int | None = None
) -> Claim:
    """Soft-delete: the claim stays, deprecated as withdrawn, restorable."""
    _check_version(claim, expected_version)
    if claim.withdrawn_at is not None:
        raise InvalidChange(f"claim {claim.id} is withdrawn already")
    # Imported here: published_verdicts reports its refusals with this module's InvalidChange.
    from factcheck.services.published_verdicts import withdraw_with_claim

    before = row_dict(claim)
    claim.withdrawn_at, claim.withdrawn_by_id = utcnow(), user_id
    with transaction():  # the claim and its verdict's page are withdrawn in one commit
        withdraw_with_claim(claim, user_id, via)
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


def _commit_change(claim: Claim, action: str, before: dict, user_id, via, old_groups) -> Claim:
    db.session.flush()  # the version check happens here: a concurrent edit raises StaleDataError
    history.record(claim, action, before, user_id=user_id, via=via)
    refresh_ranks({claim.event_id}, user_id=user_id, via=via)
    commit_and_queue(old_groups | queue.groups_of(claim))
    return claim


@transaction()  # a place or speaker added on the way joins this one commit
def create_claim(
    article,
    draft: ClaimDraft | Mapping[str, Any],
    user_id: int | None,
    via: str = "web",
    widths: Widths | None = None,
) -> Claim:
    """Log a claim anchored in `article`: the quote must be in its text; a figure gets its interval.

    The draft must pass check_claim against the article's text (InvalidChange
    lists the problems otherwise); a plain mapping is read as a ClaimDraft.
    """
    draft = draft if isinstance(draft, ClaimDraft) else ClaimDraft(**draft)
    if article.withdrawn_at is not None:  # its claims count as withdrawn: this one would too
        raise InvalidChange(
            Said(
                "article %(article)s is withdrawn: restore it to log claims from it",
                article=article.id,
            )
        )
    widths = widths or qualifier_widths()
    # A suggestion's day is what the assistant read ("January 5, 0001"): checked here too.
    problems = check_claim(draft, article.text, widths, date_range())
    if problems:
        raise InvalidChange.of(problems)
    anchor = build_anchor(article.text, draft.exact, draft.prefix, draft.suffix, draft.start)
    claim = Claim(
        article_id=article.id,
        event_id=draft.event_id,
        kind=draft.kind,
        proposition=draft.proposition or None,
        translation=(draft.translation or "").strip() or None,
        attributed_to_id=draft.attributed_to_id,
        cites_id=draft.cites_id,
        stated_on=draft.stated_on,
        exact=anchor.exact,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        anchor_start=anchor.start,
        anchor_end=anchor.end,
        as_of=draft.as_of,
        place=place_of(draft.place),
        created_by_id=user_id,
    )
    if draft.is_figure:
        for name in FIGURE_FIELDS:
            if getattr(draft, name) not in (None, ""):
                setattr(claim, name, getattr(draft, name))
        claim.modality = claim.modality or "count"
        _set_interval(claim, draft, widths)
    db.session.add(claim)
    point_at_survivors(claim)  # a speaker or source named by a merged-away id: its survivor
    db.session.flush()
    history.record(claim, "create", None, user_id=user_id, via=via)
    refresh_ranks({claim.event_id}, user_id=user_id, via=via)
    commit_and_queue(queue.groups_of(claim))
    return claim
