"""What the engine reads and what it answers (DOMAIN.md §5), as plain frozen dataclasses.

The persistence layer builds the input types from database rows; the engine
never sees a model, a session or a request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from factcheck.domain.reconciliation.days import iso
from factcheck.domain.reconciliation.step_words import write
from factcheck.domain.records import assigned_in_init


@dataclass(frozen=True)
class Source:
    """An outlet or an actor, as the engine sees it."""

    key: str  # stable identity, e.g. "actor:Ministry of Internal Affairs of Kazakhstan", "outlet:TRT"
    name: str
    kind: str  # outlet kind ("state media", ...) or actor kind ("government", "person", ...)
    partisan: bool  # the source is party_to the claim's event
    accountable: bool  # an accountable authority whose count can be "confirmed"

    # Written out, assigning each field natively (records.py): a batch's reading makes one
    # per speaker and event, and dataclass's __init__ is interpreted Python.
    def __init__(self, key: str, name: str, kind: str, partisan: bool, accountable: bool) -> None:
        self.key = key  # type: ignore[misc]
        self.name = name  # type: ignore[misc]
        self.kind = kind  # type: ignore[misc]
        self.partisan = partisan  # type: ignore[misc]
        self.accountable = accountable  # type: ignore[misc]


@dataclass(frozen=True)
class ClaimFacts:
    """One claim with everything reconciliation needs, ranks already decided."""

    id: int
    kind: str  # quantity | allegation | denial | retraction | statement
    event: str  # event slug
    metric: str | None
    category: str | None
    category_label: str | None  # the speaker's verbatim label
    qualifier: str | None
    modality: str | None  # count | estimate | projection
    value: float | None
    lower: float | None
    upper: float | None  # None = unbounded above
    point: float | None  # None for at_most / range
    stated_on: date
    article_id: int
    outlet: Source  # who published the article
    original_outlet: Source | None  # the article is a copy republished from this outlet
    speaker: Source | None  # attributed_to; None = the outlet's own voice
    cites: Source | None  # the source the speaker says the figure came from
    rank: str = "normal"  # deprecated / normal / preferred, as ranks.decide_ranks decided
    rank_reason: str | None = None
    as_of: date | None = None  # the moment the figure stood, when it is not the day it was said
    place: str | None = None  # a part of the event's area (§10); None: the whole area

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles, and assigns each field
    # natively (records.py). Fields as declared above (tests/unit/reconciliation/
    # test_engine_records.py holds them to it).
    def __init__(
        self,
        id: int,
        kind: str,
        event: str,
        metric: str | None,
        category: str | None,
        category_label: str | None,
        qualifier: str | None,
        modality: str | None,
        value: float | None,
        lower: float | None,
        upper: float | None,
        point: float | None,
        stated_on: date,
        article_id: int,
        outlet: Source,
        original_outlet: Source | None,
        speaker: Source | None,
        cites: Source | None,
        rank: str = "normal",
        rank_reason: str | None = None,
        as_of: date | None = None,
        place: str | None = None,
    ) -> None:
        self.id = id  # type: ignore[misc]
        self.kind = kind  # type: ignore[misc]
        self.event = event  # type: ignore[misc]
        self.metric = metric  # type: ignore[misc]
        self.category = category  # type: ignore[misc]
        self.category_label = category_label  # type: ignore[misc]
        self.qualifier = qualifier  # type: ignore[misc]
        self.modality = modality  # type: ignore[misc]
        self.value = value  # type: ignore[misc]
        self.lower = lower  # type: ignore[misc]
        self.upper = upper  # type: ignore[misc]
        self.point = point  # type: ignore[misc]
        self.stated_on = stated_on  # type: ignore[misc]
        self.article_id = article_id  # type: ignore[misc]
        self.outlet = outlet  # type: ignore[misc]
        self.original_outlet = original_outlet  # type: ignore[misc]
        self.speaker = speaker  # type: ignore[misc]
        self.cites = cites  # type: ignore[misc]
        self.rank = rank  # type: ignore[misc]
        self.rank_reason = rank_reason  # type: ignore[misc]
        self.as_of = as_of  # type: ignore[misc]
        self.place = place  # type: ignore[misc]

    def ranked(self, rank: str, rank_reason: str | None) -> ClaimFacts:
        """This claim with another rank (dataclasses.replace, written out: it is interpreted
        Python, and an earlier day of the series asks for one per withdrawn figure)."""
        return ClaimFacts(
            self.id,
            self.kind,
            self.event,
            self.metric,
            self.category,
            self.category_label,
            self.qualifier,
            self.modality,
            self.value,
            self.lower,
            self.upper,
            self.point,
            self.stated_on,
            self.article_id,
            self.outlet,
            self.original_outlet,
            self.speaker,
            self.cites,
            rank,
            rank_reason,
            self.as_of,
            self.place,
        )


@dataclass(frozen=True)
class RelationFacts:
    """A typed link: "source <type> target" (the retraction retracts the figure)."""

    id: int
    type: str
    source_id: int
    target_id: int
    note: str = ""

    # Written out, assigning each field natively (records.py), as Source.
    def __init__(self, id: int, type: str, source_id: int, target_id: int, note: str = "") -> None:
        self.id = id  # type: ignore[misc]
        self.type = type  # type: ignore[misc]
        self.source_id = source_id  # type: ignore[misc]
        self.target_id = target_id  # type: ignore[misc]
        self.note = note  # type: ignore[misc]


class Step:
    """One step of the explanation: a rule id, the claims it names, and its sentence kept
    structured: a sentence id (`say`) and that sentence's arguments, JSON values only
    (step_words.py writes the words from them when the step is shown).

    The arguments may be given as a function that makes them: it runs the first time they
    are read. The engines of earlier days (series.py) make steps they never show.
    """

    __slots__ = ("rule", "say", "claim_ids", "_args")

    def __init__(
        self,
        rule: str,
        say: str,
        args: tuple | Callable[[], tuple] = (),
        claim_ids: tuple[int, ...] = (),
    ):
        self.rule = rule
        self.say = say
        self.claim_ids = claim_ids
        self._args = args

    @property
    def args(self) -> tuple:
        if not isinstance(self._args, tuple):
            self._args = self._args()
        return self._args

    @property
    def text(self) -> str:
        """The sentence, in the engine's words."""
        return write(self.say, self.args)

    def _key(self) -> tuple:
        return (self.rule, self.text, self.claim_ids)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Step) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Step(rule={self.rule!r}, text={self.text!r}, claim_ids={self.claim_ids!r})"


@dataclass(frozen=True)
class SideEstimate:
    """Low/best/high of the claims of one modality ("estimate", "projection"), kept beside the count."""

    modality: str
    low: float | None
    best: float | None
    high: float | None
    claims_used: tuple[int, ...]


@dataclass(frozen=True)
class SeriesPoint:
    """The estimate of a group as it stood on a day a figure of it (or of its parts) arrived (§9)."""

    on: date
    low: float | None
    best: float | None
    high: float | None
    grade: str

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles, and assigns each field
    # natively (records.py). Fields as declared above (tests/unit/reconciliation/
    # test_engine_records.py holds them to it).
    def __init__(
        self, on: date, low: float | None, best: float | None, high: float | None, grade: str
    ) -> None:
        self.on = on  # type: ignore[misc]
        self.low = low  # type: ignore[misc]
        self.best = best  # type: ignore[misc]
        self.high = high  # type: ignore[misc]
        self.grade = grade  # type: ignore[misc]


@dataclass(frozen=True)
class GroupResult:
    """The engine's answer for one figure group (event, metric, category, place)."""

    event: str
    metric: str
    category: str
    low: float | None
    best: float | None
    high: float | None
    grade: str
    flags: tuple[str, ...]
    explanation: tuple[Step, ...]
    claims_used: tuple[int, ...]
    claims_set_aside: tuple[tuple[int, str], ...]
    side_estimates: dict[str, SideEstimate] = field(default_factory=dict)
    fingerprint: str = ""
    place: str | None = None  # None: the event's whole area
    series: tuple[SeriesPoint, ...] = ()

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles, and assigns each field
    # natively (records.py). Fields as declared above (tests/unit/reconciliation/
    # test_engine_records.py holds them to it).
    def __init__(
        self,
        event: str,
        metric: str,
        category: str,
        low: float | None,
        best: float | None,
        high: float | None,
        grade: str,
        flags: tuple[str, ...],
        explanation: tuple[Step, ...],
        claims_used: tuple[int, ...],
        claims_set_aside: tuple[tuple[int, str], ...],
        side_estimates: dict[str, SideEstimate] | None = None,
        fingerprint: str = "",
        place: str | None = None,
        series: tuple[SeriesPoint, ...] = (),
    ) -> None:
        self.event = event  # type: ignore[misc]
        self.metric = metric  # type: ignore[misc]
        self.category = category  # type: ignore[misc]
        self.low = low  # type: ignore[misc]
        self.best = best  # type: ignore[misc]
        self.high = high  # type: ignore[misc]
        self.grade = grade  # type: ignore[misc]
        self.flags = flags  # type: ignore[misc]
        self.explanation = explanation  # type: ignore[misc]
        self.claims_used = claims_used  # type: ignore[misc]
        self.claims_set_aside = claims_set_aside  # type: ignore[misc]
        self.side_estimates = {} if side_estimates is None else side_estimates  # type: ignore[misc]
        self.fingerprint = fingerprint  # type: ignore[misc]
        self.place = place  # type: ignore[misc]
        self.series = series  # type: ignore[misc]

    def completed(self, fingerprint: str, series: tuple[SeriesPoint, ...]) -> GroupResult:
        """This result with its fingerprint and series (dataclasses.replace, written out: it
        looks the fields up again for every result, and an event has many)."""
        return GroupResult(
            self.event,
            self.metric,
            self.category,
            self.low,
            self.best,
            self.high,
            self.grade,
            self.flags,
            self.explanation,
            self.claims_used,
            self.claims_set_aside,
            self.side_estimates,
            fingerprint,
            self.place,
            series,
        )

    def to_dict(self) -> dict:
        """A JSON-ready dict, the shape the Reconciliation row stores (written out: asdict deep-copies, slowly)."""
        return {
            "event": self.event,
            "metric": self.metric,
            "category": self.category,
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "grade": self.grade,
            "flags": list(self.flags),
            "explanation": [
                {"rule": s.rule, "say": s.say, "args": s.args, "claim_ids": list(s.claim_ids)}
                for s in self.explanation
            ],
            "claims_used": list(self.claims_used),
            "claims_set_aside": [[cid, reason] for cid, reason in self.claims_set_aside],
            "side_estimates": {
                m: {
                    "low": s.low,
                    "best": s.best,
                    "high": s.high,
                    "claims_used": list(s.claims_used),
                }
                for m, s in self.side_estimates.items()
            },
            "fingerprint": self.fingerprint,
            "place": self.place,
            "series": [
                {
                    "on": iso(p.on),
                    "low": p.low,
                    "best": p.best,
                    "high": p.high,
                    "grade": p.grade,
                }
                for p in self.series
            ],
        }


@dataclass(frozen=True)
class ConflictFinding:
    """A disagreement a reviewer must see (§6); claim_ids are sorted so a rerun finds the same key."""

    kind: str
    claim_ids: tuple[int, ...]
    detail: str
    metric: str | None
    category: str | None
    place: str | None = None
    # The detail kept structured: (sentence id, its arguments), written by conflict_words.
    # Not part of the finding's identity or its printed form: `detail` is its words.
    words: tuple | None = field(default=None, repr=False, compare=False)

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles, and assigns each field
    # natively (records.py). Fields as declared above (tests/unit/reconciliation/
    # test_engine_records.py holds them to it).
    def __init__(
        self,
        kind: str,
        claim_ids: tuple[int, ...],
        detail: str,
        metric: str | None,
        category: str | None,
        place: str | None = None,
        words: tuple | None = None,
    ) -> None:
        self.kind = kind  # type: ignore[misc]
        self.claim_ids = claim_ids  # type: ignore[misc]
        self.detail = detail  # type: ignore[misc]
        self.metric = metric  # type: ignore[misc]
        self.category = category  # type: ignore[misc]
        self.place = place  # type: ignore[misc]
        self.words = words  # type: ignore[misc]


assigned_in_init(Source, ClaimFacts, RelationFacts, SeriesPoint, GroupResult, ConflictFinding)
