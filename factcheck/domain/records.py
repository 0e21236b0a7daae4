"""Frozen records whose written-out __init__ assigns each field with a plain `self.x = x`.

Compiled by mypyc, such an assignment inside the class's own __init__ is a store into the
native object that passes the frozen dataclass's __setattr__ by; `object.__setattr__` per
field, as dataclass's own __init__ writes it, went through a generic call each time (about
a sixth of the engine's time and of reading a batch's claims, docs/benchmarks.md, stop 33).
Run from source, the same assignment would meet that __setattr__ and raise. There each
record gets instead a __setattr__ that sets a field once, while it has no value yet, and
refuses everything else as the frozen one does: after __init__ the record is as frozen as
before.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields


def assigned_in_init(*classes: type) -> None:
    """Let the classes' own __init__ assign their fields when they run from source."""
    for cls in classes:
        if not cls.__dictoffset__:
            continue  # compiled: a native object, no __dict__, and the stores are native
        cls.__setattr__ = _set_once(frozenset(f.name for f in fields(cls)))  # type: ignore[method-assign,assignment]


def _set_once(names: frozenset[str]):
    def __setattr__(self, name: str, value: object) -> None:
        if name not in names or name in self.__dict__:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    return __setattr__
