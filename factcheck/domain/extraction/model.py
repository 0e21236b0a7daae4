"""What extraction hands back: suggestions (claims to review) and findings (about the article)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factcheck.domain.anchors import Anchor


@dataclass(frozen=True)
class Revised:
    """The earlier figure a correction names: "corrected the figure of 1,700 dead it gave on Feb. 7"."""

    relation: str  # corrects | supersedes
    value: int | float | None
    qualifier: str
    quote: str
    stated_on: date | None = None  # the day the earlier figure was given, when the text says it


@dataclass(frozen=True)
class Link:
    """A relation the reviewer may add in one click: this claim `type` claim `target`."""

    type: str  # corrects | retracts | supersedes
    target: Any  # the other claim's id (a stored id, or FILE#ID in the evaluation)
    reason: str  # why it was proposed, for the reviewer

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "target": self.target, "reason": self.reason}


@dataclass(frozen=True)
class Suggestion:
    """A claim the extractor proposes; a reviewer accepts, edits or drops it.

    Quantity fields follow DOMAIN.md §2; `lower`/`upper`/`point` come from
    `qualifiers.to_interval`, `upper=None` meaning unbounded.
    """

    kind: str  # quantity | allegation | denial | retraction
    anchor: Anchor
    attributed_to: str | None = None  # the speaker's words as written; None: the outlet's own voice
    stated_on: date | None = None
    metric: str | None = None
    category: str | None = None
    category_label: str | None = None
    qualifier: str | None = None
    modality: str | None = None
    value: int | float | None = None
    lower: int | float | None = None
    upper: int | float | None = None
    point: int | float | None = None
    word: str | None = None  # the vague word, when qualifier is vague
    proposition: str | None = None  # allegation / denial: the asserted or denied clause, verbatim
    retracts: tuple[Anchor, ...] = ()  # retraction: the figures it withdraws
    place: str | None = (
        None  # a known place's name, or a new place as written; None: the whole area
    )
    place_known: bool = False  # `place` is one of the event's places (by name or alias)
    as_of: date | None = None  # the moment the text says the figure stood at ("as of Monday")
    revises: Revised | None = None  # the earlier figure a correction states beside the new one
    links: tuple[Link, ...] = ()  # relations to claims of other articles of the same event

    @property
    def quote(self) -> str:
        return self.anchor.exact

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (the `factcheck suggest --format json` item)."""
        out: dict[str, Any] = {
            "quote": self.anchor.exact,
            "start": self.anchor.start,
            "end": self.anchor.end,
            "kind": self.kind,
            "metric": self.metric,
            "category": self.category,
            "category_label": self.category_label,
            "qualifier": self.qualifier,
            "modality": self.modality,
            "value": self.value,
            "lower": self.lower,
            "upper": self.upper,
            "word": self.word,
            "attributed_to": self.attributed_to,
            "stated_on": self.stated_on.isoformat() if self.stated_on else None,
        }
        if self.kind == "quantity":
            out["place"], out["place_known"] = self.place, self.place_known
            out["as_of"] = self.as_of.isoformat() if self.as_of else None
        if self.revises is not None:
            r = self.revises
            out["revises"] = {
                "relation": r.relation,
                "value": r.value,
                "qualifier": r.qualifier,
                "quote": r.quote,
                "stated_on": r.stated_on.isoformat() if r.stated_on else None,
            }
        if self.links:
            out["links"] = [link.to_dict() for link in self.links]
        if self.proposition is not None:
            out["proposition"] = self.proposition
        if self.kind == "retraction":
            out["retracts_quote"] = self.retracts[0].exact if self.retracts else None
            out["retracts"] = [
                {"quote": a.exact, "start": a.start, "end": a.end} for a in self.retracts
            ]
        return out


@dataclass(frozen=True)
class Finding:
    """Something about the article as a document (import format `article.findings`)."""

    kind: str  # language, dateline, calendar_mismatch, weekday_mismatch, view_count, republished_from, republishes
    detail: str
    value: Any = None  # machine-readable: a language code, a date, an outlet name, candidate ids
    anchor: Anchor | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # The detail as a sentence id and its arguments (finding_words.py): a page writes it
    # in its reader's language. JSON values only.
    words: tuple[str, tuple] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        value = self.value.isoformat() if hasattr(self.value, "isoformat") else self.value
        out: dict[str, Any] = {"kind": self.kind, "detail": self.detail, "value": value}
        if self.words is not None:
            out["words"] = [self.words[0], list(self.words[1])]
        if self.anchor is not None:
            out["quote"], out["start"], out["end"] = (
                self.anchor.exact,
                self.anchor.start,
                self.anchor.end,
            )
        return out
