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

from factcheck.domain.said import Said

# Link type -> what the source does to the target, for the message.
SAME_VOICE_LINKS = {
    "retracts": Said("retract"),
    "corrects": Said("correct"),
    "supersedes": Said("supersede"),
}


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
            Said(
                "claim %(source)s comes from %(source_voice)s and claim %(target)s from "
                "%(target_voice)s: only who gave a figure can %(verb)s it",
                source=source.claim_id,
                source_voice=source.voice,
                target=target.claim_id,
                target_voice=target.voice,
                verb=verb,
            )
        )
    if source.said_on < target.said_on:
        doubts.append(
            Said(
                "claim %(source)s (%(source_day)s) is earlier than claim %(target)s "
                "(%(target_day)s): it cannot %(verb)s what was not said yet",
                source=source.claim_id,
                source_day=source.said_on.isoformat(),
                target=target.claim_id,
                target_day=target.said_on.isoformat(),
                verb=verb,
            )
        )
    return doubts
