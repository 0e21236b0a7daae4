"""The engine's records whose __init__ is written out (compiled, not dataclass's) keep their fields.

Each takes every field dataclass would take, by name and in order, with the same defaults, and
sets each one; a field added to the class but not to its __init__ fails here.
"""

from __future__ import annotations

import ast
import dataclasses
import sys
from datetime import date
from pathlib import Path

import pytest

from factcheck.domain.ranks import RankDecision
from factcheck.domain.reconciliation.context import Figure
from factcheck.domain.reconciliation.estimate import Estimate, Floor
from factcheck.domain.reconciliation.facts import (
    ClaimFacts,
    ConflictFinding,
    GroupResult,
    RelationFacts,
    SeriesPoint,
    Source,
)
from factcheck.domain.reconciliation.group import Analysis
from factcheck.domain.reconciliation.selection import Selection
from tests.unit.reconciliation.recon_builders import actor, quantity

WRITTEN_OUT = [
    Source,
    ClaimFacts,
    RelationFacts,
    SeriesPoint,
    GroupResult,
    ConflictFinding,
    Figure,
    Floor,
    Estimate,
    Analysis,
    Selection,
    RankDecision,
]


def _init_fields(cls) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if f.init]


def _default(f: dataclasses.Field):
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def _declared(cls) -> dict[str, str]:
    """The fields' annotations as written in the source (compiled, dataclass sees only classes)."""
    module = sys.modules[cls.__module__]
    source = Path(module.__file__).with_name(cls.__module__.rpartition(".")[2] + ".py")
    tree = ast.parse(source.read_text())
    body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls.__name__)
    return {
        n.target.id: ast.unparse(n.annotation)
        for n in body.body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    }


def _value(cls, f: dataclasses.Field, i: int):
    """A value of the field's declared type (the compiled engine checks them), distinct per i."""
    kind = _declared(cls).get(f.name, "").replace(" | None", "")
    made = {
        "int": lambda: 1000 + i,
        "bool": lambda: i % 2 == 0,
        "float": lambda: 0.5 + i,
        "str": lambda: f"text {i}",
        "date": lambda: date(2020, 1, 1 + i),
        "Source": lambda: actor(f"speaker {i}"),
        "ClaimFacts": lambda: quantity(i, "killed", "exact", 5),
        "GroupResult": lambda: GroupResult(
            "e", "m", f"c{i}", None, None, None, "weak", (), (), (), ()
        ),
    }
    if kind in made:
        return made[kind]()
    for prefix, value in (("tuple", (i,)), ("list", [i]), ("dict", {i: i})):
        if kind.startswith(prefix):
            return value
    if kind.startswith("Callable"):
        return lambda: f"written {i}"
    raise AssertionError(f"no test value for {f.name}: {f.type}")


@pytest.mark.parametrize("cls", WRITTEN_OUT, ids=lambda c: c.__name__)
def test_every_field_is_taken_by_name_and_set(cls):
    values = {f.name: _value(cls, f, i) for i, f in enumerate(_init_fields(cls))}
    record = cls(**values)
    assert {name: getattr(record, name) for name in values} == values


@pytest.mark.parametrize("cls", WRITTEN_OUT, ids=lambda c: c.__name__)
def test_the_fields_go_in_order_with_the_declared_defaults(cls):
    fields = _init_fields(cls)
    required = [f for f in fields if _default(f) is dataclasses.MISSING]
    assert fields[: len(required)] == required  # dataclass's own order
    values = [_value(cls, f, i) for i, f in enumerate(required)]
    record = cls(*values)
    assert [getattr(record, f.name) for f in required] == values
    for f in fields[len(required) :]:
        assert getattr(record, f.name) == _default(f)
    every = [_value(cls, f, i) for i, f in enumerate(fields)]
    assert [getattr(cls(*every), f.name) for f in fields] == every
    with pytest.raises(TypeError):
        cls(*every, every[0])


def test_defaults_made_fresh_are_not_shared():
    assert Estimate().steps is not Estimate().steps
    assert Estimate().used is not Estimate().used
    assert GroupResult("e", "m", "c", None, None, None, "weak", (), (), (), ()).side_estimates == {}


def test_frozen_records_stay_frozen_comparable_and_hashable():
    claim = quantity(
        3, "killed", "approximately", 100, src=actor("Ministry"), as_of=date(2022, 1, 9)
    )
    figure = Figure(claim, actor("Ministry"), 90, 110, 100)
    assert (figure.id, figure.vague, figure.modality, figure.proposal, figure.reach) == (
        3,
        False,
        "count",
        100,
        110,
    )
    assert figure.moment == date(2022, 1, 9)
    assert figure == Figure(claim, actor("Ministry"), 90, 110, 100)
    assert hash(claim) == hash(dataclasses.replace(claim))
    assert dataclasses.replace(figure, point=None).proposal == 90
    for record in (
        claim,
        figure,
        SeriesPoint(date(2022, 1, 1), 1, 2, 3, "fair"),
        RankDecision("normal"),
    ):
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.grade = "x"


def test_a_claim_ranked_again_keeps_every_other_field():
    fields = _init_fields(ClaimFacts)
    claim = ClaimFacts(*(_value(ClaimFacts, f, i) for i, f in enumerate(fields)))
    ranked = claim.ranked("deprecated", "retracted")
    assert ranked == dataclasses.replace(claim, rank="deprecated", rank_reason="retracted")
    assert [getattr(ranked, f.name) for f in fields if not f.name.startswith("rank")] == [
        getattr(claim, f.name) for f in fields if not f.name.startswith("rank")
    ]
