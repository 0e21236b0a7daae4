"""Checks on a link between two claims before it is stored: the doubts a reviewer must confirm.

A retraction, a correction or a superseding figure comes from whoever gave the
figure it withdraws (the same speaker, or the same origin), and not before it:
"the ministry retracts the ministry's 164", a day after. A link that breaks
either is usually a slip (the wrong claim picked in the search), so it is held
back until the reviewer confirms it with a reason; it may still be right (a
governor's office correcting the provincial count it relayed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Link type -> what the source does to the target, for the message.
SAME_VOICE_LINKS = {"retracts": "retract", "corrects": "correct", "supersedes": "supersede"}


@dataclass(frozen=True)
class LinkEnd:
    """One claim of a link, as the checks read it."""

    claim_id: int
    speaker: str | None  # who it is attributed to (a stable key), None: the outlet's own voice
    origin: str  # the deepest source (cited source, speaker, original outlet, outlet), a key
    voice: str  # the origin's name, for the message
    said_on: date  # the day it was stated


def link_doubts(link_type: str, source: LinkEnd, target: LinkEnd) -> list[str]:
    """Why this link looks wrong, in the reviewer's words; empty when nothing does."""
    verb = SAME_VOICE_LINKS.get(link_type)
    if verb is None:
        return []
    doubts = []
    same_speaker = source.speaker is not None and source.speaker == target.speaker
    if not same_speaker and source.origin != target.origin:
        doubts.append(
            f"claim {source.claim_id} comes from {source.voice} and claim {target.claim_id} from "
            f"{target.voice}: only who gave a figure can {verb} it"
        )
    if source.said_on < target.said_on:
        doubts.append(
            f"claim {source.claim_id} ({source.said_on.isoformat()}) is earlier than claim "
            f"{target.claim_id} ({target.said_on.isoformat()}): it cannot {verb} what was not "
            "said yet"
        )
    return doubts
