"""What every format reads from a snapshot: provenance, figures in words, groups with their claims.

Plain Python over the snapshot's JSON: no database, so a stored snapshot
renders the same today as on the day it was made.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from factcheck.domain.claim_reviewed import QUALIFIER_PHRASES
from factcheck.domain.number_format import display_number
from factcheck.domain.reconciliation.fingerprint import ENGINE_VERSION
from factcheck.domain.report_words import flag_label, grade_label, group_summary, readable_step

# A figure in a reader's words: the one wording ClaimReview's claimReviewed uses too.
QUALIFIER_WORDS = QUALIFIER_PHRASES


@dataclass(frozen=True)
class ReportMeta:
    """Provenance every format carries: which version, who made it, when, from which data."""

    version: int
    generated_at: str  # UTC, "2022-01-11T15:25:00Z"
    generated_by: str | None  # "a factcheck editor" (never an address); None: the command line
    fingerprint: str  # of the snapshot
    page_url: str  # the stable public address of the HTML page
    publisher: str  # the organisation that authors the reviews (ClaimReview author)
    publisher_url: str | None = None
    status: str = "published"  # "draft": every format says so
    engine_version: str = ENGINE_VERSION

    @property
    def is_draft(self) -> bool:
        return self.status != "published"

    def as_dict(self) -> dict:
        return asdict(self)


def interval_text(lower, upper) -> str:
    """[165, ∞) or [12, 99]; empty when the claim has no figure."""
    if lower is None and upper is None:
        return ""
    low = display_number(lower) if lower is not None else "0"
    return f"[{low}, {display_number(upper)}]" if upper is not None else f"[{low}, ∞)"


def figure_text(claim: dict) -> str:
    """A quantity claim's figure as a reviewer reads it: "more than 164 → [165, ∞), point 165"."""
    if claim["kind"] != "quantity":
        return ""
    qualifier = claim["qualifier"]
    if qualifier in QUALIFIER_WORDS and claim["value"] is not None:
        words = QUALIFIER_WORDS[qualifier].format(v=display_number(claim["value"]))
    elif qualifier == "range":
        words = f"between {display_number(claim['lower'])} and {display_number(claim['upper'])}"
    else:
        words = "vague wording"
    text = f"{words} → {interval_text(claim['lower'], claim['upper'])}"
    if claim["point"] is not None:
        text += f", point {display_number(claim['point'])}"
    if claim["modality"] and claim["modality"] != "count":
        text += f" ({claim['modality']})"
    return text


def speaker_text(claim: dict) -> str:
    """Who said it: the speaker (citing whom), or the outlet in its own voice."""
    who = (
        claim["speaker"]
        or f"{claim['republished_from'] or claim['outlet']} (the outlet's own voice)"
    )
    return f"{who}, citing {claim['cites']}" if claim["cites"] else who


def outlet_text(claim: dict) -> str:
    if claim["republished_from"]:
        return f"{claim['outlet']} (republished from {claim['republished_from']})"
    return claim["outlet"]


def rank_text(claim: dict) -> str:
    """Why a claim has its rank: "retracted by claim 7: “technical error”"."""
    if claim["rank"] == "deprecated":
        notes = [
            f"{n['type'].rstrip('s')}ed by claim {n['by']}"
            + (f": “{n['note']}”" if n["note"] else "")
            for n in claim["rank_notes"]
        ]
        if claim["deprecated_reason"] == "withdrawn" and claim["withdrawn_at"]:
            notes.append(f"withdrawn on {claim['withdrawn_at'][:10]}")
        if claim["deprecated_reason"] == "set_aside":  # an editor's decision on a conflict
            if claim.get("set_aside_reason"):
                notes.append(f"“{claim['set_aside_reason']}”")
        return "; ".join(notes)
    if claim["rank"] == "preferred":
        return claim["preferred_reason"] or ""
    return ""


def group_label(metric: str, category: str, place: str | None = None) -> str:
    """ "killed / total" for the event's whole area, "killed / total — Hatay" for a part of it."""
    label = f"{metric.replace('_', ' ')} / {category}"
    return f"{label} — {place}" if place else label


def set_aside_reasons(group: dict) -> dict[int, str]:
    return {claim_id: reason for claim_id, reason in group["claims_set_aside"]}


def report_title(snapshot: dict) -> str:
    event = snapshot["event"]["title"]
    if snapshot["subject"]["type"] == "claim":
        return f"Verification report: claim {snapshot['subject']['claim_id']} — {event}"
    return f"Verification report: {event}"


def build_view(snapshot: dict, meta: ReportMeta) -> dict:
    """The snapshot arranged for reading: groups hold their claims, claims their verdicts."""
    claims = [
        dict(
            c,
            figure=figure_text(c),
            said_by=speaker_text(c),
            published_by=outlet_text(c),
            rank_note=rank_text(c),
        )
        for c in snapshot["claims"]
    ]
    by_group: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        if c["kind"] == "quantity":
            by_group[(c["metric"], c["category"], c.get("place"))].append(c)
    claims_by_id = {c["id"]: c for c in claims}
    groups = []
    for g in snapshot["groups"]:
        reasons = set_aside_reasons(g)
        members = [
            dict(
                c,
                used=c["id"] in g["claims_used"],
                set_aside=reasons.get(c["id"]),
                overtaken=(reasons.get(c["id"]) or "").startswith("overtaken"),
            )
            for c in by_group.get((g["metric"], g["category"], g.get("place")), [])
        ]
        groups.append(
            dict(
                g,
                label=group_label(g["metric"], g["category"], g.get("place")),
                summary=group_summary(g, claims_by_id),
                grade_label=grade_label(g["grade"]),
                flag_labels=[flag_label(f) for f in g["flags"]],
                steps=[dict(step, text=readable_step(step["text"])) for step in g["explanation"]],
                claims=members,
                interval=interval_text(g["low"], g["high"]),
            )
        )
    reviews: dict[int, list[dict]] = defaultdict(list)
    for r in snapshot["reviews"]:
        reviews[r["claim_id"]].append(r)
    by_article: dict[int, list[dict]] = defaultdict(list)
    for c in claims:
        c["reviews"] = reviews.get(c["id"], [])
        by_article[c["article_id"]].append(c)
    return {
        "title": report_title(snapshot),
        "subject": snapshot["subject"],
        "event": snapshot["event"],
        "articles": snapshot["articles"],
        "claims": claims,
        "claims_by_article": [
            dict(a, claims=by_article[a["id"]]) for a in snapshot["articles"] if by_article[a["id"]]
        ],
        "groups": groups,
        "conflicts": [
            dict(c, label=group_label(c["metric"], c["category"]) if c["metric"] else "")
            for c in snapshot["conflicts"]
        ],
        "reviews": snapshot["reviews"],
        "meta": meta,
    }
