"""How the engine writes a number in its sentences, so every step and finding reads the same way."""

from __future__ import annotations

from factcheck.domain.number_format import format_number


def num(value: float | None) -> str:
    """42.0 -> "42", 4.5 -> "4.5", None -> "∞" (an open upper bound): the one number formatter."""
    return format_number(value)
