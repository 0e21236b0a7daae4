"""Qualifier -> interval and point: the one place that does it (DOMAIN.md §2 table).

A claim says "nearly 8,000" or "puluhan"; reconciliation needs numbers. Every
caller (forms, importers, extraction, the engine) goes through `to_interval`,
so a figure means the same thing on every screen.

Intervals are closed, `upper=None` is unbounded (∞). The table's ceil/floor
assume integer counts; a non-integer value (a measured quantity) keeps exact,
unrounded bounds, and "more than N" becomes [N, ∞) with point N: a closed
interval cannot exclude N itself and no real number comes "next".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from factcheck.domain.vocabulary import QUALIFIERS

Number = int | float


class QualifierError(ValueError):
    """A qualifier with inputs that do not describe a figure."""


@dataclass(frozen=True)
class Interval:
    """[lower, upper] with upper None for ∞, and the point (best single value) or None."""

    lower: Number
    upper: Number | None
    point: Number | None

    def __post_init__(self) -> None:
        if self.upper is not None and self.lower > self.upper:
            raise QualifierError(f"interval lower {self.lower} is above upper {self.upper}")
        if self.point is not None and not (
            self.lower <= self.point and (self.upper is None or self.point <= self.upper)
        ):
            raise QualifierError(f"point {self.point} is outside [{self.lower}, {self.upper}]")


@dataclass(frozen=True)
class Widths:
    """How far "nearly" and "approximately" reach: a project choice, not a standard."""

    nearly: float = 0.9
    approx_low: float = 0.9
    approx_high: float = 1.1

    def __post_init__(self) -> None:
        if not (0 < self.nearly <= 1 and 0 < self.approx_low <= 1 <= self.approx_high):
            raise QualifierError(
                f"widths must satisfy 0 < nearly <= 1 and 0 < approx_low <= 1 <= approx_high, "
                f"got {self}"
            )


DEFAULT_WIDTHS = Widths()

# Vague words per language: the interval and conservative point of each (§2 table).
VAGUE_WORDS: dict[str, dict[str, Interval]] = {
    "en": {
        "few": Interval(2, 9, 3),
        "several": Interval(3, 9, 3),
        "dozens": Interval(12, 99, 12),
        "tens": Interval(12, 99, 12),
        "scores": Interval(40, 99, 40),
        "hundreds": Interval(100, 999, 100),
        "thousands": Interval(1000, 9999, 1000),
        "many": Interval(10, None, 10),
    },
    "id": {
        "beberapa": Interval(2, 9, 3),
        "puluhan": Interval(12, 99, 12),
        "ratusan": Interval(100, 999, 100),
        "ribuan": Interval(1000, 9999, 1000),
        "banyak": Interval(10, None, 10),
    },
}

# Trigger phrases per language and qualifier, for extraction. "exact" is the
# absence of a phrase; "vague" is a word of VAGUE_WORDS.
QUALIFIER_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "more_than": ("more than", "over"),
        "at_least": ("at least",),
        "nearly": ("nearly", "almost"),
        "approximately": ("about", "some", "around", "approximately"),
        "at_most": ("up to", "at most"),
        "range": ("between",),
    },
    "id": {
        "more_than": ("lebih dari",),
        "at_least": ("sedikitnya", "setidaknya", "paling sedikit"),
        "nearly": ("hampir",),
        "approximately": ("sekitar", "kurang lebih"),
        "at_most": ("hingga", "paling banyak"),
        "range": ("antara",),
    },
}

_TAKES_VALUE = ("exact", "more_than", "at_least", "nearly", "approximately", "at_most")


def contains(interval: Interval, x: Number) -> bool:
    """Whether x lies in the closed interval (∞ aware)."""
    return interval.lower <= x and (interval.upper is None or x <= interval.upper)


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two closed intervals share at least one value (∞ aware)."""
    return (b.upper is None or a.lower <= b.upper) and (a.upper is None or b.lower <= a.upper)


def _number(name: str, x: object, qualifier: str) -> Number:
    """A finite, non-negative number; integral floats become ints."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise QualifierError(f"{qualifier}: {name} must be a number, got {x!r}")
    if isinstance(x, float):
        if not math.isfinite(x):
            raise QualifierError(f"{qualifier}: {name} must be finite, got {x!r}")
        if x.is_integer():
            x = int(x)
    if x < 0:
        raise QualifierError(f"{qualifier}: {name} must not be negative, got {x}")
    return x


def _scaled(width: float, n: Number) -> Fraction:
    """width × n computed exactly: 1.15 × 100 must be 115, not 114.99999999999999."""
    return Fraction(str(width)) * Fraction(str(n))


def _from_value(qualifier: str, n: Number, widths: Widths) -> Interval:
    integral = isinstance(n, int)

    def low(f: Fraction) -> Number:
        return math.ceil(f) if integral else float(f)

    def high(f: Fraction) -> Number:
        return math.floor(f) if integral else float(f)

    if qualifier == "exact":
        return Interval(n, n, n)
    if qualifier == "more_than":
        start = n + 1 if integral else n
        return Interval(start, None, start)
    if qualifier == "at_least":
        return Interval(n, None, n)
    if qualifier == "nearly":
        return Interval(low(_scaled(widths.nearly, n)), n, n)
    if qualifier == "approximately":
        return Interval(low(_scaled(widths.approx_low, n)), high(_scaled(widths.approx_high, n)), n)
    return Interval(0, n, None)  # at_most


def _vague_word(word: str) -> Interval:
    key = " ".join(word.lower().split())
    for words in VAGUE_WORDS.values():
        if key in words:
            return words[key]
    known = ", ".join(f"{lang}: {'/'.join(words)}" for lang, words in VAGUE_WORDS.items())
    raise QualifierError(f"vague: unknown vague word {word!r} (known {known})")


def _vague_point(lower: Number, upper: Number | None) -> Number:
    """The point of the table row with these bounds, else the lower bound."""
    for words in VAGUE_WORDS.values():
        for row in words.values():
            if (row.lower, row.upper) == (lower, upper):
                assert row.point is not None
                return row.point
    return lower


def to_interval(
    qualifier: str,
    value: Number | None = None,
    lower: Number | None = None,
    upper: Number | None = None,
    vague_word: str | None = None,
    widths: Widths = DEFAULT_WIDTHS,
) -> Interval:
    """The interval and point a qualified figure stands for (DOMAIN.md §2).

    exact, more_than, at_least, nearly, approximately and at_most take `value`
    only; range takes `lower` and `upper`; vague takes `vague_word`, or
    `lower` (and `upper`, None meaning unbounded) when no word was recorded,
    or both, which must then agree. Anything else raises QualifierError:
    mixing inputs is refused rather than silently ignored.
    """
    if qualifier not in QUALIFIERS:
        raise QualifierError(f"unknown qualifier {qualifier!r}; expected one of {QUALIFIERS}")
    if qualifier in _TAKES_VALUE:
        if value is None:
            raise QualifierError(f"{qualifier}: missing value (the N of the figure)")
        if lower is not None or upper is not None or vague_word is not None:
            raise QualifierError(f"{qualifier}: takes a value only, not lower/upper/vague_word")
        return _from_value(qualifier, _number("value", value, qualifier), widths)
    if value is not None:
        raise QualifierError(
            f"{qualifier}: takes lower/upper{'/vague_word' if qualifier == 'vague' else ''}, "
            f"not a value (got value={value!r})"
        )
    if qualifier == "range":
        if vague_word is not None:
            raise QualifierError(f"range: takes lower and upper, not a vague word ({vague_word!r})")
        if lower is None or upper is None:
            raise QualifierError(
                f"range: needs both lower and upper (got lower={lower!r}, upper={upper!r})"
            )
        a, b = _number("lower", lower, qualifier), _number("upper", upper, qualifier)
        if a > b:
            raise QualifierError(f"range: lower {a} is greater than upper {b}")
        return Interval(a, b, None)
    # vague
    if vague_word is not None:
        row = _vague_word(vague_word)
        if (lower is not None or upper is not None) and (lower, upper) != (row.lower, row.upper):
            raise QualifierError(
                f"vague: {vague_word!r} means [{row.lower}, {row.upper}], "
                f"not the given [{lower}, {upper}]"
            )
        return row
    if lower is None:
        raise QualifierError("vague: needs a vague_word or at least a lower bound")
    a = _number("lower", lower, qualifier)
    b = None if upper is None else _number("upper", upper, qualifier)
    if b is not None and a > b:
        raise QualifierError(f"vague: lower {a} is greater than upper {b}")
    return Interval(a, b, _vague_point(a, b))
