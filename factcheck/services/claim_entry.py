"""What the claim form saves: a claim (new, from a suggestion, or edited) with a speaker typed inline.

The form may name a speaker that is not stored yet. The speaker, the claim and
the suggestion it came from are stored in one commit, so that a refused claim
leaves nothing behind, not even the speaker typed beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from factcheck.domain.claim_rules import ClaimChange, ClaimDraft
from factcheck.extensions import db
from factcheck.models import Article, Claim, Event, SuggestedClaim
from factcheck.services import claims as claim_service
from factcheck.services import intake
from factcheck.services.duplicates import refused_as_duplicate
from factcheck.services.sources import actor_named
from factcheck.services.unit_of_work import transaction


@dataclass(frozen=True)
class NewSpeaker:
    """A speaker typed into the claim form rather than picked: found by name, else added."""

    name: str
    kind: str = "other"
    party_to_event: bool = False


def _speaker_id(new_speaker: NewSpeaker, event_id: int) -> int:
    event = db.session.get(Event, event_id) if new_speaker.party_to_event else None
    return actor_named(new_speaker.name, new_speaker.kind, event).id


# Two reviewers typing the same new speaker at once: the second is told to pick the stored one.
SPEAKER_TAKEN = {
    "actors": lambda: claim_service.InvalidChange(
        "The new speaker was added by someone else a moment ago: pick them from the list."
    )
}


def log_claim(
    article: Article,
    draft: ClaimDraft,
    user_id: int | None,
    suggestion: SuggestedClaim | None = None,
    new_speaker: NewSpeaker | None = None,
    via: str = "web",
) -> Claim:
    """Store a new claim; with `suggestion`, it is that suggestion accepted as the reviewer edited it."""
    with refused_as_duplicate(SPEAKER_TAKEN), transaction():
        if new_speaker is not None:
            draft = replace(draft, attributed_to_id=_speaker_id(new_speaker, draft.event_id))
        if suggestion is not None:
            return intake.accept(suggestion, user_id, via, draft=draft)
        return claim_service.create_claim(article, draft, user_id=user_id, via=via)


def edit_claim(
    claim: Claim,
    changes: ClaimChange,
    expected_version: int,
    user_id: int | None,
    new_speaker: NewSpeaker | None = None,
    via: str = "web",
) -> Claim:
    """Change a claim (optimistic locking as update_claim), with a new speaker if one was typed."""
    with refused_as_duplicate(SPEAKER_TAKEN), transaction():
        if new_speaker is not None:
            changes = replace(changes, attributed_to_id=_speaker_id(new_speaker, claim.event_id))
        return claim_service.update_claim(
            claim, changes, expected_version=expected_version, user_id=user_id, via=via
        )
