"""The estimate as it stood (DOMAIN.md §9): a group's low/best/high/grade on each day a figure arrived.

For every day on which a figure of the group, or of one of its parts, was stated
(or a retraction, correction or disowning of one), the event is reconciled again
from what was known by then: claims whose moment is on or before that day, and
the relations between them. A retraction counts from its own moment on, so the
day before it the figure it later withdrew still stood. The last point is the
group's current result itself, so the series always ends where the page does.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from typing import TYPE_CHECKING

from factcheck.domain.ranks import DEPRECATING_RELATIONS
from factcheck.domain.reconciliation.context import Context, Group, effective_ranks
from factcheck.domain.reconciliation.facts import ClaimFacts, GroupResult, SeriesPoint
from factcheck.domain.reconciliation.moments import moment

if TYPE_CHECKING:
    from factcheck.domain.reconciliation.group import Analysis, Engine


class Past:
    """Engines over the event as it stood on earlier days, made once per day and shared by groups."""

    def __init__(self, engine: Engine):
        # The engine owns its Past, and Past owns the earlier days' engines, which point
        # back: Engine.close breaks the cycle, so an event's engines are freed as soon as it
        # is done instead of waiting for the garbage collector (which then ran every few groups).
        self.engine = engine
        self._claims: list[ClaimFacts] | None = None
        self._engines: dict[date, Engine] = {}
        self._days: dict[Group, list[date]] = {}
        self._today_ranks: dict[int, tuple[str, str | None]] | None = None
        self._settled: dict[Group, date | None] = {}
        self._linked: dict[int, list[int]] | None = None

    @property
    def claims(self) -> list[ClaimFacts]:
        """The event's claims, with deprecations that a relation implies left to be decided per day."""
        if self._claims is not None:
            return self._claims
        ctx = self.engine.ctx
        # Deprecations a relation implies are decided again each day from the relations known then.
        implied = {
            rel.target_id
            for rel in ctx.relations
            if DEPRECATING_RELATIONS.get(rel.type) is not None
        }
        reasons = set(DEPRECATING_RELATIONS.values())
        self._claims = [
            c.ranked("normal", None)
            if c.id in implied and c.rank == "deprecated" and c.rank_reason in reasons
            else c
            for c in ctx.claims.values()
        ]
        return self._claims

    def today_ranks(self) -> dict[int, tuple[str, str | None]]:
        """Today's ranks decided again from the relations (self.claims), made once."""
        if self._today_ranks is None:
            self._today_ranks = effective_ranks(self.claims, self.engine.ctx.relations)
        return self._today_ranks

    def days(self, key: Group) -> list[date]:
        """The days a figure of the group (or of its parts), or a withdrawal of one, arrived."""
        if key not in self._days:
            ctx = self.engine.ctx
            fed = ctx.feeds.get(key, [])
            ids = {c.id for c in fed}
            days = {moment(c) for c in fed}
            for rel in ctx.relations:
                if rel.type in DEPRECATING_RELATIONS and rel.target_id in ids:
                    source = ctx.claims.get(rel.source_id)
                    if source is not None:
                        days.add(moment(source))
            self._days[key] = sorted(days)
        return self._days[key]

    def unchanged_since(self, key: Group, engine: Engine) -> Engine | None:
        """The engine of the last day on or before `engine`'s on which the group changed, when
        that is an earlier day: its analysis of the group is this day's too."""
        day = engine.day
        if day is None:
            return None
        days = self.days(key)
        at = bisect_right(days, day)  # days[at - 1]: the group's last change on or before `day`
        if at == 0 or days[at - 1] == day:
            return None
        return self.at(days[at - 1])

    def earlier(self, key: Group, engine: Engine) -> Analysis | None:
        """The group's analysis made already for another day that is also `engine`'s day's:
        today's once the group has settled, else the last day on which it changed."""
        day = engine.day
        settled = self.settled(key)
        if settled is not None and day is not None and settled <= day:
            return self.engine.analyse(*key)
        same = self.unchanged_since(key, engine)
        return same.analyse(*key) if same is not None else None

    def settled(self, key: Group) -> date | None:
        """The day from which the group stood as it stands today, or None.

        From the day its last claim became known, together with every claim joined to its
        claims through relations (retractions, copies, supersessions, links between them),
        the group's answer rests on the same claims, relations and ranks as today's: today's
        answer (made for the page anyway) is that day's. None when a relation reaches past
        the event's claims or a rank as it stood differs from today's stored one.
        """
        if key not in self._settled:
            self._settled[key] = self._settled_on(key)
        return self._settled[key]

    def _settled_on(self, key: Group) -> date | None:
        whole = self.engine.ctx
        if self._linked is None:
            self._linked = {}
            for rel in whole.relations:
                self._linked.setdefault(rel.source_id, []).append(rel.target_id)
                self._linked.setdefault(rel.target_id, []).append(rel.source_id)
        ranks = self.today_ranks()
        todo = [c.id for c in whole.feeds.get(key, ())]
        seen = set(todo)
        last: date | None = None
        while todo:
            claim = whole.claims.get(todo.pop())
            if claim is None or ranks[claim.id] != whole.ranks.get(claim.id):
                return None
            day = moment(claim)
            last = day if last is None or day > last else last
            for other in self._linked.get(claim.id, ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return last

    def series(self, key: Group, final: GroupResult) -> tuple[SeriesPoint, ...]:
        """One point per day a figure of the group (or of its parts) or a withdrawal of one arrived."""
        ordered = self.days(key)
        if not ordered:
            return ()
        points = []
        for day in ordered[:-1]:
            engine = self.at(day)
            if not engine.ctx.occupies(key):
                continue  # nothing of the group was known yet that day
            r = engine.analyse(*key).result
            points.append(SeriesPoint(day, r.low, r.best, r.high, r.grade))
        points.append(SeriesPoint(ordered[-1], final.low, final.best, final.high, final.grade))
        return tuple(points)

    def close(self) -> None:
        """Let go of the earlier days' engines (they point back here), and of theirs."""
        for engine in self._engines.values():
            if engine.history is self:
                engine.close()
        self._engines.clear()

    def _ranks(self, ids: set[int]) -> dict[int, tuple[str, str | None]] | None:
        """The day's ranks, when every withdrawal of a known claim was known too: then they are
        today's ranks of those claims (decided from the same relations); else None, decide again."""
        whole = self.engine.ctx
        for rel in whole.relations:
            if rel.type in DEPRECATING_RELATIONS and rel.target_id in ids:
                if rel.source_id not in ids:
                    return None
        ranks = self.today_ranks()
        return {i: ranks[i] for i in ids}

    def at(self, day: date) -> Engine:
        """The engine over the event as it stood on `day`, made once."""
        if day not in self._engines:
            whole = self.engine.ctx
            known = [c for c in self.claims if moment(c) <= day]
            ids = {c.id for c in known}
            relations = tuple(
                r for r in whole.relations if r.source_id in ids and r.target_id in ids
            )
            ctx = Context.as_it_stood(whole, known, relations, self._ranks(ids), day)
            self._engines[day] = self.engine.on_day(day, ctx, self)
        return self._engines[day]


class Hindsight(Past):
    """Earlier days as `engine`'s day sees them: each day's claims ranked as they stand on the
    viewing day, not as they stood then (a figure withdrawn since is withdrawn). Only `at` is
    asked of it; no analysis is shared across its days."""

    def earlier(self, key: Group, engine: Engine) -> Analysis | None:
        return None

    def at(self, day: date) -> Engine:
        """The engine over what was known by `day`, ranked as on the viewing engine's day: the
        series' own engine of that day when its ranks are the same (nearly always), else one
        made for this view."""
        if day not in self._engines:
            viewer = self.engine.ctx
            known = [c for c in viewer.claims.values() if moment(c) <= day]
            ranks = {c.id: viewer.ranks[c.id] for c in known}
            same = self.engine.as_it_stood()
            then = same.at(day) if same is not None else None
            if then is not None and then.ctx.ranks == ranks:
                self._engines[day] = then
            else:
                ids = set(ranks)
                relations = tuple(
                    r for r in viewer.relations if r.source_id in ids and r.target_id in ids
                )
                today = viewer.today()
                ctx = Context.as_it_stood(today, known, relations, ranks, day)
                self._engines[day] = self.engine.on_day(day, ctx, self)
        return self._engines[day]
