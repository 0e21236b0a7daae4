"""Check the files of one import together: names across files, aliases, places, FILE#ID targets.

One file may use a name another declares (an outlet, an event, AFAD under an
alias) or target a claim of another file (`corrects: FILE#ID`); the names may
also be stored by an earlier import. Declarations that share a name or alias
are one record (a *group*); a group whose names find two different stored
records is refused, as is an alias that two groups of the import claim, a
`within` naming an unknown place, a `within` or `parent` cycle, and an event
given two parents. The stored side is asked through `Stored`, so that this
module stays free of the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from factcheck.domain.annotation import (
    Annotation,
    AnnotationInvalid,
    Problem,
    Ref,
    Where,
)
from factcheck.domain.names import name_key

# A place a group lies within: ("group", its name) in this import, or ("stored", its id).
Node = tuple[str, str | int]
T = TypeVar("T")


class Stored(Protocol):
    """What an earlier import left: records found by name or alias, events, claims by FILE#ID."""

    def record(self, entity: str, name: str) -> int | None: ...
    def record_name(self, entity: str, record_id: int) -> str: ...
    def place_within(self, place_id: int) -> int | None: ...
    def event(self, slug: str) -> bool: ...
    def event_parent(self, slug: str) -> str | None: ...
    def claim(self, file: str, key: str) -> bool: ...


@dataclass
class NameGroup:
    """One actor, outlet or place as the import declares it, under every name it goes by."""

    entity: str
    name: str  # the name a new record gets: that of the declaration that gave aliases
    names: list[str] = field(default_factory=list)
    specs: list = field(default_factory=list)
    stored_id: int | None = None
    within: Node | None = None  # places only


@dataclass
class ImportNames:
    """The groups of an import, and which group each declared name or alias belongs to."""

    groups: dict[str, dict[str, NameGroup]]
    index: dict[str, dict[str, str]]
    declares_places: bool

    def group(self, entity: str, name: str | None) -> NameGroup | None:
        found = self.index[entity].get(name_key(name or ""))
        return self.groups[entity][found] if found is not None else None

    def places_parents_first(self) -> list[NameGroup]:
        """Place groups ordered so that a place comes after the place it lies within."""
        done: dict[str, NameGroup] = {}

        def visit(group: NameGroup, seen: frozenset[str]) -> None:
            if group.name in done or group.name in seen:
                return
            if group.within and group.within[0] == "group":
                visit(self.groups["place"][str(group.within[1])], seen | {group.name})
            done[group.name] = group

        for group in self.groups["place"].values():
            visit(group, frozenset())
        return list(done.values())


def check_import(annotations: Sequence[Annotation], stored: Stored) -> ImportNames:
    """The import's name groups, or AnnotationInvalid naming every problem across the files."""
    problems: list[Problem] = []
    names = ImportNames({}, {}, any(a.places for a in annotations))
    for entity, attr in (("actor", "actors"), ("outlet", "outlets"), ("place", "places")):
        specs = [s for a in annotations for s in getattr(a, attr) if s]
        _group(entity, specs, names, problems)
        for group in names.groups[entity].values():
            _find_stored(group, stored, problems)
    _check_within(names, stored, problems)
    _check_event_parents(annotations, stored, problems)
    _check_refs(annotations, names, stored, problems)
    if problems:
        raise AnnotationInvalid(problems)
    return names


def _group(entity: str, specs: list, names: ImportNames, problems: list[Problem]) -> None:
    """Join declarations into groups: one per name that is given aliases, or used alone.

    A declaration that gives aliases names its group (AFAD); one that gives none
    joins the group it is a name of ("Disaster and Emergency Management
    Authority" in a later file). An alias that names another group is refused.
    """
    groups: dict[str, NameGroup] = names.groups.setdefault(entity, {})
    index: dict[str, str] = names.index.setdefault(entity, {})

    def join(name: str, group: NameGroup) -> None:
        if name_key(name) not in index:
            index[name_key(name)] = group.name
            group.names.append(name)

    giving = [s for s in specs if s.aliases]
    for spec in giving:
        found = index.get(name_key(spec.name))
        group = (
            groups[found] if found else groups.setdefault(spec.name, NameGroup(entity, spec.name))
        )
        join(spec.name, group)
    for spec in giving:
        group = groups[index[name_key(spec.name)]]
        group.specs.append(spec)
        for alias, where in zip(spec.aliases, spec.alias_where):
            other = index.get(name_key(alias))
            if other is not None and other != group.name:
                problems.append(
                    where.problem(
                        f"{alias!r} is a name of {entity} {other!r} in this import already, "
                        f"not of {group.name!r}: one name, one {entity}"
                    )
                )
            join(alias, group)
    for spec in (s for s in specs if not s.aliases):
        found = index.get(name_key(spec.name))
        group = (
            groups[found] if found else groups.setdefault(spec.name, NameGroup(entity, spec.name))
        )
        join(spec.name, group)
        group.specs.append(spec)


def _find_stored(group: NameGroup, stored: Stored, problems: list[Problem]) -> None:
    """The stored record the group's names find; two different records is a refusal."""
    wheres: dict[str, Where] = {}
    for spec in group.specs:  # the declaration that gave the alias first: it is what is wrong
        for name, where in _spelled(spec):
            wheres.setdefault(name_key(name), where)
    for name in group.names:
        record_id = stored.record(group.entity, name)
        if record_id is None:
            continue
        if group.stored_id is None:
            group.stored_id = record_id
        elif record_id != group.stored_id:
            other = stored.record_name(group.entity, record_id)
            mine = stored.record_name(group.entity, group.stored_id)
            problems.append(
                wheres[name_key(name)].problem(
                    f"{name!r} names another stored {group.entity} already ({other!r}, id "
                    f"{record_id}), not {mine!r}: merge the two rather than give it as an alias"
                )
            )


def _spelled(spec) -> Iterable[tuple[str, Where]]:
    return zip((spec.name, *spec.aliases), (spec.where, *spec.alias_where))


def _check_within(names: ImportNames, stored: Stored, problems: list[Problem]) -> None:
    """Each place lies within one place, the one stored if any, and `within` never loops."""
    groups = names.groups["place"]
    by_stored = {g.stored_id: g.name for g in groups.values() if g.stored_id is not None}

    def node_of(name: str) -> Node | None:
        group = names.group("place", name)
        if group is not None:
            return ("group", group.name)
        record_id = stored.record("place", name)
        if record_id is None:
            return None  # reported with the other unknown names
        return ("group", by_stored[record_id]) if record_id in by_stored else ("stored", record_id)

    for group in groups.values():
        declared = [(s.within, s.within_where) for s in group.specs if s.within]
        for within, where in declared:
            node = node_of(within)
            if node is None:
                continue
            if group.within is None:
                group.within = node
            elif node != group.within:
                problems.append(
                    where.problem(
                        f"place {group.name!r} is declared within {_label(group.within, stored)!r}"
                        f" elsewhere in this import: a place lies within one place"
                    )
                )
        up = stored.place_within(group.stored_id) if group.stored_id is not None else None
        if up is not None:
            stored_up: Node = ("group", by_stored[up]) if up in by_stored else ("stored", up)
            if group.within is None:
                group.within = stored_up
            elif group.within != stored_up:
                problems.append(
                    declared[0][1].problem(
                        f"place {group.name!r} lies within {_label(stored_up, stored)!r} as "
                        "stored; change it on the place's page, not by an import"
                    )
                )
    _check_cycles(names, stored, problems)


def _label(node: Node, stored: Stored) -> str:
    return str(node[1]) if node[0] == "group" else stored.record_name("place", int(node[1]))


def _check_cycles(names: ImportNames, stored: Stored, problems: list[Problem]) -> None:
    groups = names.groups["place"]
    reported: set[frozenset] = set()

    def parent(node: Node) -> Node | None:
        if node[0] == "group":
            return groups[str(node[1])].within
        up = stored.place_within(int(node[1]))
        return ("stored", up) if up is not None else None

    for group in groups.values():
        cycle = _loop(("group", group.name), parent)
        if cycle is None or frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        spec = next(s for s in group.specs if s.within)
        loop = " → ".join(_label(n, stored) for n in (*cycle, cycle[0]))
        problems.append(spec.within_where.problem(f"'within' makes a cycle: {loop}"))


def _loop(start: T, up: Callable[[T], T | None]) -> list[T] | None:
    """The loop `start` lies on, walking `up` from it (start first), or None when the walk ends.
    A walk that falls into a loop `start` is not on is the other node's to report."""
    path: list[T] = []
    node: T | None = start
    while node is not None and node not in path:
        path.append(node)
        node = up(node)
    return path if node == start else None  # a loop back to start holds every node walked


def _check_event_parents(
    annotations: Sequence[Annotation], stored: Stored, problems: list[Problem]
) -> None:
    """An event has one parent, the one stored if any, and `parent` never loops, in this import or
    through events an earlier one stored (the event pages walk up the chain)."""
    declared: dict[str, tuple[str, Where]] = {}
    for event in (e for a in annotations for e in a.events if e and e.parent):
        first, _ = declared.setdefault(event.slug, (event.parent, event.parent_where))
        kept = stored.event_parent(event.slug)
        if first != event.parent:
            problems.append(
                event.parent_where.problem(
                    f"event {event.slug!r} has the parent {first!r} elsewhere in this import: "
                    "an event has one parent"
                )
            )
        elif kept is not None and kept != event.parent:
            problems.append(
                event.parent_where.problem(
                    f"event {event.slug!r} is stored with the parent {kept!r}, not "
                    f"{event.parent!r}: an event has one parent"
                )
            )

    def parent(slug: str) -> str | None:
        return declared[slug][0] if slug in declared else stored.event_parent(slug)

    reported: set[frozenset] = set()
    for slug, (_, where) in declared.items():
        cycle = _loop(slug, parent)
        if cycle is None or frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        loop = " → ".join((*cycle, cycle[0]))
        problems.append(where.problem(f"'parent' makes a cycle: {loop}"))


def _check_refs(
    annotations: Sequence[Annotation], names: ImportNames, stored: Stored, problems: list[Problem]
) -> None:
    """Every name a file uses is declared in some file of the import, or stored."""
    slugs = {e.slug for a in annotations for e in a.events if e}
    keys = {a.name: {c.key for c in a.claims if c} for a in annotations}
    for annotation in annotations:
        for ref in annotation.refs:
            message = _unknown(ref, names, stored, slugs, keys)
            if message:
                problems.append(ref.where.problem(message))


def _unknown(
    ref: Ref, names: ImportNames, stored: Stored, slugs: set[str], keys: dict[str, set[str]]
) -> str | None:
    """Why `ref` names nothing, or None when it is found."""
    if ref.entity == "event":
        if ref.name in slugs or stored.event(ref.name):
            return None
        return f"event {ref.name!r} is not declared under events: in any file of this import, nor stored"
    if ref.entity == "claim":
        file, _, key = ref.name.partition("#")
        if file in keys:
            return None if key in keys[file] else f"no claim with id {key!r} in {file}"
        if stored.claim(file, key):
            return None
        return (
            f"no claim {ref.name!r}: {file} is not in this import, nor a stored article "
            "with a claim of that id"
        )
    if names.group(ref.entity, ref.name) is not None or stored.record(ref.entity, ref.name):
        return None
    if ref.entity == "place":
        if ref.where.field.endswith(".place") and not names.declares_places:
            return None  # an older sidecar without places:, the place is stored as written
        return (
            f"unknown place {ref.name!r}: declare it under places: (name, within, aliases) "
            "in a file of this import"
        )
    return (
        f"{ref.entity} {ref.name!r} is not declared under {ref.entity}s: in any file of this "
        "import, nor stored"
    )
