"""Deciding many suggestions of one article at once, and what its page waits for.

A bulk accept takes the good ones and leaves the others pending: each suggestion
is tried inside a savepoint of one transaction, so a refused one (the article
without an event, decided meanwhile by someone else) undoes only its own writes
(intake.accept and intake.reject join the open transaction), and the reviewer is told which and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from factcheck.domain.said import Said
from factcheck.extensions import db
from factcheck.models import SuggestedClaim, SuggestionRun
from factcheck.services import claims as claim_service
from factcheck.services import intake
from factcheck.services.unit_of_work import transaction

# The most suggestions one bulk decision takes (a page shows 50).
BULK_LIMIT = 500
DECISIONS = ("accept", "reject")


@dataclass
class BulkOutcome:
    """What a bulk decision did: (suggestion id, claim id or None) done, (id, reason) refused."""

    done: list[tuple[int, int | None]] = field(default_factory=list)
    # why: a message or the refusal itself (the web app says either in the page's language)
    refused: list[tuple[int, str | Exception]] = field(default_factory=list)


def decide_many(
    article_id: int, ids: Iterable[int], decision: str, user_id: int | None, via: str = "web"
) -> BulkOutcome:
    """Accept (or reject) the article's suggestions `ids` in one commit; the refused stay pending."""
    if decision not in DECISIONS:
        raise claim_service.InvalidChange(f"no such decision: {decision}")
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        raise claim_service.InvalidChange("select at least one suggestion")
    if len(wanted) > BULK_LIMIT:
        raise claim_service.InvalidChange(f"select at most {BULK_LIMIT} suggestions at a time")
    outcome = BulkOutcome()
    with transaction():
        found = {
            s.id: s
            for s in db.session.scalars(
                sa.select(SuggestedClaim)
                .where(SuggestedClaim.id.in_(wanted), SuggestedClaim.article_id == article_id)
                .order_by(SuggestedClaim.anchor_start, SuggestedClaim.id)
            )
        }
        for suggestion_id in wanted:
            suggestion = found.get(suggestion_id)
            if suggestion is None:
                outcome.refused.append((suggestion_id, Said("not a suggestion for this article")))
                continue
            try:
                with db.session.begin_nested():
                    if decision == "accept":
                        claim = intake.accept(suggestion, user_id, via)
                        outcome.done.append((suggestion_id, claim.id))
                    else:
                        intake.reject(suggestion, user_id)
                        outcome.done.append((suggestion_id, None))
            except claim_service.InvalidChange as err:
                outcome.refused.append((suggestion_id, err))  # the web app says it in its language
    return outcome


def suggestion_run(article_id: int) -> SuggestionRun | None:
    """Where the assistant is with this article (None: read before runs were recorded)."""
    return db.session.get(SuggestionRun, article_id)
