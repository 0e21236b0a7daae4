"""Link claims the one way: typed, versioned, recorded; ranks and both claims' groups follow."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.domain.link_rules import LinkEnd, link_doubts
from factcheck.domain.vocabulary import RELATION_TYPES
from factcheck.extensions import db
from factcheck.models import Claim, Relation
from factcheck.models.types import utcnow
from factcheck.services import history, names, queue
from factcheck.services.claims import InvalidChange
from factcheck.services.json_values import row_dict
from factcheck.services.ranking import refresh_ranks
from factcheck.services.unit_of_work import commit_and_queue


class StaleRelation(Exception):
    """The relation moved on since the reviewer loaded it; nothing was written."""

    def __init__(self, relation: Relation):
        self.current = relation
        super().__init__(
            f"relation {relation.id} changed since you loaded it (now version {relation.version})"
        )


class LinkDoubted(InvalidChange):
    """The link looks wrong (link_rules); stored only when the reviewer confirms it with a reason."""

    def __init__(self, doubts: list[str]):
        self.doubts = doubts
        super().__init__("; ".join(doubts) + ". Confirm with a reason to link them anyway")


def _end(claim: Claim) -> LinkEnd:
    """The claim as link_rules reads it: speaker, origin (after merges) and moment."""
    article = claim.article
    speaker = names.survivor(claim.attributed_to) if claim.attributed_to else None
    if claim.cites is not None:
        origin = names.survivor(claim.cites)
        key = f"actor:{origin.id}"
    elif speaker is not None:
        origin, key = speaker, f"actor:{speaker.id}"
    else:
        origin = names.survivor(article.republished_from or article.outlet)
        key = f"outlet:{origin.id}"
    return LinkEnd(
        claim.id,
        f"actor:{speaker.id}" if speaker else None,
        key,
        origin.name,
        claim.stated_on,  # when it was said: a retraction answers a statement, not its as_of
    )


def add_relation(
    source: Claim,
    target: Claim,
    rel_type: str,
    note: str,
    user_id: int | None,
    via: str = "web",
    confirmed: str = "",
) -> Relation:
    """Link two claims ("source rel_type target"); ranks and both claims' groups follow.

    A retraction, correction or update from another voice, or dated before its target,
    is refused (LinkDoubted) unless `confirmed` gives the reviewer's reason; the reason
    and the doubts it answers are kept in the link's history.
    """
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
    doubts = link_doubts(rel_type, _end(source), _end(target))
    if doubts and not (confirmed or "").strip():
        raise LinkDoubted(doubts)
    relation = Relation(
        type=rel_type, source_id=source.id, target_id=target.id, note=note, created_by_id=user_id
    )
    db.session.add(relation)
    db.session.flush()
    change = history.record(relation, "create", None, user_id=user_id, via=via)
    if doubts:  # what the reviewer was told, and why they linked anyway
        change.after = {**change.after, "confirmed": confirmed.strip(), "doubts": doubts}
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
