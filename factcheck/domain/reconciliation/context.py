"""One event's claims and relations indexed once, as every rule reads them (DOMAIN.md §5).

`Figure` is a quantity claim as numbers and a voice; `Context` holds an
event's claims, their effective ranks (rules 1 and §4), republish links and
groups, and makes each claim's figure once. selection.py and the rules after it
read everything through a Context.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from factcheck.domain.ranks import DEPRECATING_RELATIONS, decide_ranks
from factcheck.domain.reconciliation.days import iso
from factcheck.domain.reconciliation.facts import ClaimFacts, RelationFacts, Source
from factcheck.domain.reconciliation.origins import republish_links, standing, voice_of
from factcheck.domain.reconciliation.sentence_parts import describe
from factcheck.domain.records import assigned_in_init
from factcheck.domain.vocabulary import figure_groups


@dataclass(frozen=True)
class Figure:
    """A quantity claim as numbers: its interval, point and the voice it speaks with.

    The derived attributes (id, vague, modality, proposal, reach) are worked out once here:
    the rules read them many times over.
    """

    claim: ClaimFacts
    voice: Source
    lower: float
    upper: float | None  # None: unbounded above
    point: float | None
    id: int = field(init=False, repr=False, compare=False)
    vague: bool = field(init=False, repr=False, compare=False)
    modality: str = field(init=False, repr=False, compare=False)
    # The figure the claim puts forward: its point, else its lower bound (rule 4).
    proposal: float = field(init=False, repr=False, compare=False)
    # How high the claim reliably goes: a finite upper, else its point/lower (rule 5).
    reach: float = field(init=False, repr=False, compare=False)
    moment: date = field(init=False, repr=False, compare=False)  # as_of, else stated_on (§9)

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles, and assigns each field
    # natively (records.py). Fields as declared above (tests/unit/reconciliation/
    # test_engine_records.py holds them to it).
    def __init__(
        self,
        claim: ClaimFacts,
        voice: Source,
        lower: float,
        upper: float | None,
        point: float | None,
    ) -> None:
        self.claim = claim  # type: ignore[misc]
        self.voice = voice  # type: ignore[misc]
        self.lower = lower  # type: ignore[misc]
        self.upper = upper  # type: ignore[misc]
        self.point = point  # type: ignore[misc]
        proposal = point if point is not None else lower
        self.id = claim.id  # type: ignore[misc]
        self.vague = claim.qualifier == "vague"  # type: ignore[misc]
        self.modality = claim.modality or "count"  # type: ignore[misc]
        self.proposal = proposal  # type: ignore[misc]
        self.reach = upper if upper is not None else proposal  # type: ignore[misc]
        self.moment = claim.as_of or claim.stated_on  # type: ignore[misc]

    def same_numbers(self, other: Figure) -> bool:
        return (self.lower, self.upper, self.point) == (other.lower, other.upper, other.point)

    def overlaps(self, other: Figure) -> bool:
        above = self.upper is None or other.lower <= self.upper
        below = other.upper is None or self.lower <= other.upper
        return above and below

    def card(self) -> tuple:
        """What a sentence says of the figure (sentence_parts.describe): JSON values only."""
        c = self.claim
        return (
            c.id,
            c.qualifier,
            c.value,
            self.lower,
            self.upper,
            self.point,
            c.category_label,
            self.voice.name,
            standing(self.voice),
            iso(c.as_of or c.stated_on),
        )

    def describe(self) -> str:
        return describe(self.card())


assigned_in_init(Figure)


def with_card(fig: Figure, *rest: object) -> tuple:
    """A sentence's arguments about a figure: its card, then the rest (made when shown)."""
    return (fig.card(), *rest)


Group = tuple[str, str, str | None]  # (metric, category, place); place None: whole area
# A quantity claim always names its metric (a CHECK in the schema); "" stands in for none.


class Context:
    """Every claim and relation of an event, indexed once: ranks, copy links, groups, figures.

    `places` maps each place the claims name to the place it lies within inside the
    event (None: the event's whole area), so a group is (metric, category, place).
    """

    def __init__(
        self,
        claims: Iterable[ClaimFacts],
        relations: Iterable[RelationFacts],
        places: Mapping[str, str | None] | None = None,
        whole: Context | None = None,
        day: date | None = None,
        ranks: dict[int, tuple[str, str | None]] | None = None,
    ):
        """With `whole` and `day`: the event as it stood that day (`as_it_stood`), given
        the claims (in id order) and relations (in today's order) then known."""
        self._fed: dict[int, list[Group]] = {}
        self._children: dict[str | None, list[str]] = {}  # place_children, asked for every group
        self._whole = whole  # the event today, when this is an earlier day's view
        self._day = day
        if whole is not None:
            self.places: dict[str, str | None] = whole.places
            self.claims: dict[int, ClaimFacts] = {c.id: c for c in claims}
            self.relations: tuple[RelationFacts, ...] = tuple(relations)
            self._index(ranks, whole.fed_by)
            return
        self.places = dict(places or {})
        self.claims = {c.id: c for c in sorted(claims, key=lambda c: c.id)}
        self.relations = tuple(
            sorted(relations, key=lambda r: (r.type, r.source_id, r.target_id, r.note, r.id))
        )
        for c in self.claims.values():
            if c.kind == "quantity" and c.place is not None and c.place not in self.places:
                self.places[c.place] = None  # a place nobody put anywhere: a part of the whole
        self._index(None, self.fed_by)

    def _index(self, ranks, fed_by) -> None:
        """Index self.claims (in id order) and self.relations as every rule reads them: copy
        links, ranks (decided here unless given), relations by type, groups and feeds."""
        self.links = republish_links(self.relations)
        self.ranks = (
            ranks if ranks is not None else effective_ranks(self.claims.values(), self.relations)
        )
        by_type: dict[str, list[RelationFacts]] = {}
        for rel in self.relations:
            by_type.setdefault(rel.type, []).append(rel)
        self.by_type = {rel_type: tuple(rels) for rel_type, rels in by_type.items()}
        self._figures: dict[int, Figure | None] = {}
        # A group's own quantity claims; on an earlier day, those cut from today's so far.
        self.groups: dict[Group, list[ClaimFacts]] = {}
        # Groups with a quantity claim in or below them: today's only (an earlier day asks
        # `occupies`, from the day each group's first claim became known).
        self.occupied: set[Group] = set()
        # Every group a quantity claim feeds (its own and those above it), with its claims.
        self.feeds: dict[Group, list[ClaimFacts]] = {}
        self._first_known: dict[Group, date] | None = None
        if self._whole is not None:
            # An earlier day reads only the few groups that have a point that day: each is
            # cut from today's group when first asked for (group), not indexed for every claim.
            return
        groups: dict[Group, list[ClaimFacts]] = {}  # a group's own quantity claims
        for c in self.claims.values():
            if c.kind == "quantity":
                groups.setdefault((c.metric or "", c.category or "total", c.place), []).append(c)
                for key in fed_by(c):
                    self.feeds.setdefault(key, []).append(c)
        self.groups = groups
        self.occupied = set(self.feeds)  # groups with a quantity claim in or below

    @classmethod
    def as_it_stood(
        cls,
        whole: Context,
        claims: list[ClaimFacts],
        relations: tuple[RelationFacts, ...],
        ranks: dict[int, tuple[str, str | None]] | None,
        day: date,
    ) -> Context:
        """The event as it stood on an earlier day (series.py), cut from today's indexes.

        `claims` (in id order) and `relations` (in today's order) are what was known on `day`;
        `ranks`, when given, are that day's ranks already decided. What does not change
        from day to day is taken from `whole` instead of being worked out again: the groups
        each claim feeds, and the figure of every claim that is not a copy (a copy's voice
        depends on which original was known).
        """
        return cls(claims, relations, whole=whole, day=day, ranks=ranks)

    def today(self) -> Context:
        """The event today: this context, or the one an earlier day's was cut from."""
        return self._whole if self._whole is not None else self

    def first_known(self) -> dict[Group, date]:
        """The day each occupied group's first quantity claim (in it or below) became known."""
        if self._first_known is None:
            self._first_known = {
                key: min(c.as_of or c.stated_on for c in fed) for key, fed in self.feeds.items()
            }
        return self._first_known

    def place_ancestors(self, place: str | None) -> list[str | None]:
        """The places that contain `place`, nearest first, ending with the whole area (None)."""
        out: list[str | None] = []
        seen = {place}
        while place is not None:
            place = self.places.get(place)
            if place in seen:
                place = None  # a cycle in `within`: stop at the whole area
            out.append(place)
            seen.add(place)
        return out

    def place_children(self, place: str | None) -> list[str]:
        """The places directly inside `place` (inside the whole area for None), by name."""
        if self._whole is not None:  # an earlier day: the same place tree as today
            return self._whole.place_children(place)
        children = self._children.get(place)
        if children is None:
            children = self._children[place] = sorted(
                p for p, parent in self.places.items() if parent == place
            )
        return children

    def fed_by(self, claim: ClaimFacts) -> list[Group]:
        """groups_fed, remembered per claim: the days of series.py ask for it again and again."""
        fed = self._fed.get(claim.id)
        if fed is None:
            fed = self._fed[claim.id] = self.groups_fed(claim)
        return fed

    def groups_fed(self, claim: ClaimFacts) -> list[Group]:
        """The claim's own group first, then every group above it in category and in place."""
        places = [claim.place, *self.place_ancestors(claim.place)]
        return [
            (metric, category, place)
            for metric, category in figure_groups(claim.metric or "", claim.category or "total")
            for place in places
        ]

    def knows(self, claim: ClaimFacts) -> bool:
        return self.claims.get(claim.id) is claim

    def deprecated(self, claim_id: int) -> bool:
        return self.ranks.get(claim_id, ("normal", None))[0] == "deprecated"

    def live(self, claim_id: int) -> bool:
        return claim_id in self.claims and not self.deprecated(claim_id)

    def of_type(self, rel_type: str) -> tuple[RelationFacts, ...]:
        return self.by_type.get(rel_type, ())

    def group(self, metric: str, category: str, place: str | None = None) -> list[ClaimFacts]:
        """The group's own quantity claims (not its sub-categories' or parts'), by id."""
        key = (metric, category, place)
        found = self.groups.get(key)
        if found is not None:
            return found
        if self._whole is None:
            return []
        known = self.claims  # an earlier day: today's claims of the group known then, as then
        cut = self.groups[key] = [
            known[c.id] for c in self._whole.group(metric, category, place) if c.id in known
        ]
        return cut

    def occupies(self, key: Group) -> bool:
        """The group has a quantity claim in it or below it (on an earlier day: known by then)."""
        if self._whole is None or self._day is None:
            return key in self.occupied
        first = self._whole.first_known().get(key)
        return first is not None and first <= self._day

    def voice(self, claim: ClaimFacts) -> Source:
        return voice_of(claim, self.links, self.claims)

    def figure(self, claim: ClaimFacts) -> Figure | None:
        """The claim's interval and point, or None when it states no number (made once per claim of the event)."""
        known = self.claims.get(claim.id) is claim
        if known and claim.id in self._figures:
            return self._figures[claim.id]
        whole = self._whole
        if known and whole is not None and claim.id not in whole.links and whole.knows(claim):
            figure = whole.figure(claim)  # not a copy: the same numbers and voice every day
        else:
            figure = self._figure(claim)
        if known:
            self._figures[claim.id] = figure
        return figure

    def _figure(self, claim: ClaimFacts) -> Figure | None:
        lower = (
            claim.lower
            if claim.lower is not None
            else (claim.point if claim.point is not None else claim.value)
        )
        if lower is None:
            return None
        upper = claim.upper
        if upper is not None and upper < lower:
            return None
        point = claim.point
        if point is not None and (point < lower or (upper is not None and point > upper)):
            point = None
        return Figure(
            claim,
            self.voice(claim),
            float(lower),
            None if upper is None else float(upper),
            None if point is None else float(point),
        )

    def deprecation(self, claim_id: int) -> tuple[str, int | None, str | None]:
        """(reason, the claim whose relation gives it, its note): ("retracted", 7, "technical
        error"), or (reason, None, None) when no relation gives it (sentence_parts.deprecation)."""
        reason = self.ranks[claim_id][1] or "deprecated"
        for rel_type, rel_reason in DEPRECATING_RELATIONS.items():
            if rel_reason != reason:
                continue
            for rel in self.of_type(rel_type):
                if rel.target_id == claim_id:
                    return reason, rel.source_id, rel.note or None
        return reason, None, None


def effective_ranks(
    claims: Iterable[ClaimFacts], relations: Iterable[RelationFacts]
) -> dict[int, tuple[str, str | None]]:
    """Ranks as given, plus any deprecation the relations imply (decide_ranks); a given deprecation always stands."""
    claims = list(claims)
    withdrawn = [c.id for c in claims if c.rank == "deprecated" and c.rank_reason == "withdrawn"]
    preferred = {
        c.id: c.rank_reason or "preferred by a reviewer" for c in claims if c.rank == "preferred"
    }
    decided = decide_ranks(
        [c.id for c in claims],
        [(r.type, r.source_id, r.target_id) for r in relations],
        withdrawn,
        preferred,
    )
    out: dict[int, tuple[str, str | None]] = {}
    for c in claims:
        if c.rank == "deprecated":
            out[c.id] = ("deprecated", c.rank_reason or "deprecated")
        else:
            out[c.id] = (decided[c.id].rank, decided[c.id].reason)
    return out


def rank_claims(
    claims: Iterable[ClaimFacts],
    relations: Iterable[RelationFacts],
    withdrawn: Iterable[int] = (),
    preferred: Mapping[int, str] | None = None,
) -> list[ClaimFacts]:
    """The claims with rank and rank_reason set by ranks.decide_ranks, for callers that hold raw rows."""
    claims = list(claims)
    decided = decide_ranks(
        [c.id for c in claims],
        [(r.type, r.source_id, r.target_id) for r in relations],
        withdrawn,
        preferred,
    )
    return [c.ranked(decided[c.id].rank, decided[c.id].reason) for c in claims]
