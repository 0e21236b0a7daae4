"""How the explanation writes numbers and claims, so every step reads the same way."""

from __future__ import annotations

from factcheck.domain.number_format import format_number


def num(value: float | None) -> str:
    """42.0 -> "42", 4.5 -> "4.5", None -> "∞" (an open upper bound): the one number formatter."""
    return format_number(value)


def interval(lower: float, upper: float | None) -> str:
    """[lower, upper] with an open end written as [lower, ∞)."""
    if upper is None:
        return f"[{num(lower)}, ∞)"
    return f"[{num(lower)}, {num(upper)}]"


def claim_list(ids) -> str:
    """ "claim 3", "claims 3 and 5", "claims 3, 5 and 8"."""
    ids = [str(i) for i in ids]
    if len(ids) == 1:
        return f"claim {ids[0]}"
    return "claims " + ", ".join(ids[:-1]) + " and " + ids[-1]
