"""One figure group (event, metric, category, place) reconciled: rules 1-6 of DOMAIN.md §5.

`Engine` holds one event's claims and relations indexed once and caches each
group's analysis, because a total's floor needs its sub-categories and its
places' parts reconciled first (rule 4, §10) and an event reconciles many
groups over the same claims. A part without a quantity claim in it or below
adds nothing to a floor, so it is not analysed at all; a fingerprint and the
series as it stood (§9, series.py) are only made for a result asked for.
Which claims may speak is selection.py's; figures a running tally has moved
past are moments.py's; the origin and side-estimate steps are voices.py's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from factcheck.domain.reconciliation import conflicts
from factcheck.domain.reconciliation.context import Context, Figure, Group
from factcheck.domain.reconciliation.estimate import Floor, estimate, partisan_outliers
from factcheck.domain.reconciliation.facts import (
    ClaimFacts,
    ConflictFinding,
    GroupResult,
    RelationFacts,
    Step,
)
from factcheck.domain.reconciliation.fingerprint import Canonical
from factcheck.domain.reconciliation.floors import floor_of
from factcheck.domain.reconciliation.grade import Agreement, group_grade
from factcheck.domain.reconciliation.moments import overtaken, overtaken_by_parts
from factcheck.domain.reconciliation.selection import Selection, select
from factcheck.domain.reconciliation.series import Hindsight, Past
from factcheck.domain.reconciliation.tallies import downward_revisions, latest_per_voice
from factcheck.domain.reconciliation.voices import origin_steps, passed_projections, side_estimates
from factcheck.domain.vocabulary import CONFLICT_KINDS

OUTLIER_REASON = "partisan figure far outside the others"
# Metrics whose figures look alike but count different people (§6 scope_mismatch).
SCOPE_PAIRS = {"detained": "in_custody", "in_custody": "detained"}


@dataclass
class Analysis:
    result: GroupResult  # without its fingerprint: Engine.result adds it to the groups asked for
    findings: list[ConflictFinding]  # group-level conflicts (value, downward, components, partisan)
    current: list[Figure]  # current figures, every modality, partisan outliers included
    best_ids: tuple[int, ...]  # claims the best value rests on, for a parent's floor
    count_claims: int  # count claims here and below
    dead_count_claims: int  # of which deprecated (or copies of deprecated ones)
    # The latest moment among the standing counts here and the parts below: from then on the
    # group stood at least as high as its low (a parent's floor, moments.overtaken_by_parts).
    moment: date | None

    # Written out: the __init__ dataclass writes is interpreted Python even in the compiled
    # engine (a tenth of a rebuild went to them); this one compiles. Fields as declared above
    # (tests/unit/reconciliation/test_engine_records.py holds them to it).
    def __init__(
        self,
        result: GroupResult,
        findings: list[ConflictFinding],
        current: list[Figure],
        best_ids: tuple[int, ...],
        count_claims: int,
        dead_count_claims: int,
        moment: date | None = None,
    ) -> None:
        self.result = result
        self.findings = findings
        self.current = current
        self.best_ids = best_ids
        self.count_claims = count_claims
        self.dead_count_claims = dead_count_claims
        self.moment = moment


class Engine:
    """Reconciles the groups of one event over one indexed set of claims and relations."""

    def __init__(
        self,
        event: str,
        claims: Iterable[ClaimFacts],
        relations: Iterable[RelationFacts],
        places: Mapping[str, str | None] | None = None,
        with_series: bool = True,
        past: Past | None = None,
        ctx: Context | None = None,
    ):
        """`past` is set on the engines series.py makes for an earlier day: they answer numbers
        and grades only (no conflicts, no flags) and share each part's analysis across days."""
        self.event = event
        self.history = past
        self.day: date | None = None  # the day an engine of series.py stands on
        self.ctx = ctx or Context([c for c in claims if c.event == event], relations, places)
        self._canonical: Canonical | None = None
        self.past = Past(self) if with_series else None
        self._hindsight: Past | None = None  # earlier days as this one sees them (hindsight)
        self._cache: dict[Group, Analysis] = {}
        self._results: dict[Group, GroupResult] = {}
        self._agreements: dict[str, Agreement] = {}
        self._current: dict[Group, tuple] = {}
        self._event_findings: list[ConflictFinding] | None = None

    def on_day(self, day: date, ctx: Context, past: Past) -> Engine:
        """An engine over the event as it stood on `day` (series.py), answering numbers only."""
        engine = Engine(self.event, (), (), with_series=False, past=past, ctx=ctx)
        engine.day = day
        return engine

    def close(self) -> None:
        """Free the engines of earlier days (series.py) now: they and this one point at each other."""
        for past in (self.past, self._hindsight):
            if past is not None:
                past.close()
        self.past = self._hindsight = None

    def as_it_stood(self) -> Past | None:
        """The series' engines of earlier days, each as it stood then, when there are any."""
        return self.past if self.past is not None else self.history

    def hindsight(self) -> Past:
        """Earlier days as this engine's day sees them: what was known by each, ranked as it
        stands on this day (series.py), made as they are asked for."""
        if isinstance(self.history, Hindsight):
            return self.history  # an engine of hindsight already looks from its viewer's day
        if self._hindsight is None:
            self._hindsight = Hindsight(self)
        return self._hindsight

    def parts_floor_on(
        self, metric: str, category: str, place: str | None, day: date
    ) -> float | None:
        """The floor the group's parts gave it on `day` (§9 with §10), if any, from the figures
        known by then that still stand on this engine's day: a part's figure withdrawn since
        held nothing against the whole."""
        floor = floor_of(self.hindsight().at(day), metric, category, place, {}, [])[0]
        return floor.value if floor is not None else None

    def canonical(self) -> Canonical:
        """The inputs in canonical form, made once when a fingerprint is first asked for."""
        if self._canonical is None:
            self._canonical = Canonical(
                self.ctx.claims.values(), self.ctx.relations, self.ctx.places
            )
        return self._canonical

    def direct_claims(
        self, metric: str, category: str, place: str | None = None
    ) -> list[ClaimFacts]:
        return self.ctx.group(metric, category, place)

    def result(self, metric: str, category: str, place: str | None = None) -> GroupResult:
        """The group's answer with its fingerprint and the estimate as it stood each day."""
        key = (metric, category, place)
        if key not in self._results:
            result = self.analyse(metric, category, place).result
            series = self.past.series(key, result) if self.past is not None else ()
            self._results[key] = result.completed(
                self.canonical().digest(self.event, metric, category, place), series
            )
        return self._results[key]

    def analyse(self, metric: str, category: str, place: str | None = None) -> Analysis:
        key = (metric, category, place)
        if key not in self._cache:
            earlier = self.history.earlier(key, self) if self.history else None
            if earlier is not None:  # nothing of the group arrived since: that day's answer
                self._cache[key] = earlier
            else:
                self._cache[key] = self._analyse(metric, category, place)
        return self._cache[key]

    def agreement(self, metric: str) -> Agreement:
        if metric not in self._agreements:
            self._agreements[metric] = Agreement(self.ctx, metric)
        return self._agreements[metric]

    def event_findings(self) -> list[ConflictFinding]:
        """Conflicts that look across groups: retracted figures repeated, labels, scopes, disowned attributions."""
        if self._event_findings is None:
            found = [
                *conflicts.retracted_still_cited(self.ctx),
                *conflicts.category_conflicts(self.ctx),
                *conflicts.attribution_disowned(self.ctx),
            ]
            categories = sorted(
                {
                    c.category or "total"
                    for c in self.ctx.claims.values()
                    if c.kind == "quantity" and c.metric in SCOPE_PAIRS
                }
            )
            for category in categories:
                if self.ctx.group("detained", category) and self.ctx.group("in_custody", category):
                    found += conflicts.scope_mismatches(
                        self.current("detained", category, None)[0],
                        self.current("in_custody", category, None)[0],
                        category,
                    )
            self._event_findings = found
        return self._event_findings

    def current(
        self, metric: str, category: str, place: str | None = None
    ) -> tuple[list[Figure], Selection, list, list[Step]]:
        """Rules 1-3 and §9: the standing figures, the selection, the claims set aside, the steps.

        Each origin's latest figure supersedes its earlier ones (rule 2); a figure a later
        count of the group has moved past, from any origin, is overtaken (§9).
        """
        key = (metric, category, place)
        if key not in self._current:
            explain = self.history is None  # an earlier day's engine reads numbers only
            sel = select(self.direct_claims(metric, category, place), self.ctx, explain)
            latest, superseded, tally_steps = latest_per_voice(sel.figures, self.ctx, explain)
            standing, passed, time_steps = overtaken(latest, sel.figures, metric, explain)
            self._current[key] = (standing, superseded + passed, tally_steps + time_steps, sel)
        current, aside, steps, sel = self._current[key]
        return current, sel, aside, steps

    def _analyse(self, metric: str, category: str, place: str | None) -> Analysis:
        ctx = self.ctx
        direct = self.direct_claims(metric, category, place)
        current, sel, superseded, tally_steps = self.current(metric, category, place)
        counts = [f for f in current if f.modality == "count"]
        agreement = self.agreement(metric)
        kept, outliers, outlier_steps = partisan_outliers(counts, agreement)
        floor, floor_steps, below = self._floor(metric, category, place, sel.parts, kept)
        explain = self.history is None
        floor_on = partial(self.parts_floor_on, metric, category, place)
        passed, passed_reasons, passed_steps = overtaken_by_parts(
            counts, floor, metric, floor_on, explain
        )
        if passed:  # the parts rose past them: the rest is worked out without them
            gone = {f.id for f in passed}
            current = [f for f in current if f.id not in gone]
            counts = [f for f in counts if f.id not in gone]
            superseded = [*superseded, *passed_reasons]
            tally_steps = [*tally_steps, *passed_steps]
            kept, outliers, outlier_steps = partisan_outliers(counts, agreement)
            floor, floor_steps, below = self._floor(metric, category, place, sel.parts, kept)
        moment = max((f.moment for f in kept), default=None)
        if floor is not None and floor.moment is not None:
            moment = floor.moment if moment is None or floor.moment > moment else moment
        overlap = floor is not None and any(
            t.upper is not None and floor.value > t.upper for t in kept
        )
        est = estimate(kept, floor, agreement, overlap=overlap, explain=self.history is None)
        count_claims = sel.count_claims + sum(a.count_claims for a in below)
        dead = sel.deprecated_count_claims + sum(a.dead_count_claims for a in below)
        grade_name, grade_step = group_grade(
            est, kept, counts, agreement, count_claims, dead, direct
        )
        if self.history is not None:  # an earlier day's numbers: nothing else is read
            return Analysis(
                GroupResult(
                    self.event,
                    metric,
                    category,
                    est.low,
                    est.best,
                    est.high,
                    grade_name,
                    (),
                    (),
                    tuple(est.used),
                    (),
                    place=place,
                ),
                [],
                current,
                est.best_ids or tuple(est.used),
                count_claims,
                dead,
                moment,
            )
        overlaps = conflicts.component_overlaps(kept, floor, sel.parts, ctx, metric, category)
        side, side_steps = side_estimates(current, agreement)
        side_steps += passed_projections(current, est.low)
        findings = [
            f if f.place == place else replace(f, place=place)  # replace is slow; most agree
            for f in (
                *conflicts.value_conflicts(counts, agreement, metric, category),
                *conflicts.downward(downward_revisions(sel.figures, ctx, metric), metric, category),
                *overlaps,
                *conflicts.single_partisan(counts, metric, category),
            )
        ]
        direct_ids = {c.id for c in direct}
        kinds = {f.kind for f in findings}
        # A retraction's own group is not flagged when others repeat the figure it retracted.
        kinds.update(
            f.kind
            for f in self.event_findings()
            if (f.metric, f.category, f.place) == (metric, category, place)
            or (f.kind != "retracted_still_cited" and not direct_ids.isdisjoint(f.claim_ids))
        )
        flags = tuple(k for k in CONFLICT_KINDS if k in kinds)
        set_aside = sorted(
            [*sel.set_aside, *superseded, *((f.id, OUTLIER_REASON) for f in outliers)]
        )
        steps = [
            *sel.steps,
            *tally_steps,
            *origin_steps(counts),
            *outlier_steps,
            *floor_steps,
            *est.steps,
            *agreement.decisions(counts),
            grade_step,
            *side_steps,
        ]
        result = GroupResult(
            event=self.event,
            metric=metric,
            category=category,
            low=est.low,
            best=est.best,
            high=est.high,
            grade=grade_name,
            flags=flags,
            explanation=tuple(steps),
            claims_used=tuple(est.used),
            claims_set_aside=tuple(set_aside),
            side_estimates=side,
            place=place,
        )
        return Analysis(
            result, findings, current, est.best_ids or tuple(est.used), count_claims, dead, moment
        )

    def _floor(
        self,
        metric: str,
        category: str,
        place: str | None,
        parts: dict[int, list[Figure]],
        kept: list[Figure],
    ) -> tuple[Floor | None, list[Step], list[Analysis]]:
        """Rule 4 and §10: the floor the group's parts give it (floors.py)."""
        return floor_of(self, metric, category, place, parts, kept)


def reconcile_group(
    event: str,
    metric: str,
    category: str,
    claims: Iterable[ClaimFacts],
    relations: Iterable[RelationFacts],
    place: str | None = None,
    places: Mapping[str, str | None] | None = None,
) -> GroupResult:
    """low/best/high, grade, flags and explanation for one group; `claims` are all the event's claims."""
    engine = Engine(event, claims, relations, places)
    result = engine.result(metric, category, place)
    engine.close()
    return result
