"""Anchors: where a claim's quote sits in its article's stored text (DOMAIN.md §2).

An anchor is a W3C Web Annotation TextQuoteSelector (exact, prefix, suffix)
plus a TextPositionSelector (start, end). Offsets are Unicode code points, which
are Python str indices, into the text exactly as stored. A claim whose quote is
not in its article is invalid, so nothing here normalises text silently: a
normalised match is only offered as a hint in the error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.domain.said import Said
from factcheck.domain.text_offsets import splits_character

CONTEXT = 32  # characters of prefix and suffix kept, enough to re-find a quote
_SHOW = 60  # characters of a quote shown in messages
_MAX_LISTED = 10  # positions listed in an ambiguity message

# Typographic quotes and dashes an editor or a copy-paste may swap in.
_QUOTE_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
    }
)


class AnchorError(ValueError):
    """A quote that cannot be located, or an anchor that does not fit its text."""


@dataclass(frozen=True)
class Anchor:
    """A quote located in an article: text[start:end] == exact."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


def _clip(s: str) -> str:
    return s if len(s) <= _SHOW else s[: _SHOW - 1] + "…"


def _occurrences(text: str, exact: str) -> list[int]:
    """Every start of `exact` in `text`, overlapping ones included."""
    found, i = [], text.find(exact)
    while i != -1:
        found.append(i)
        i = text.find(exact, i + 1)
    return found


def _positions(starts: list[int]) -> str:
    shown = ", ".join(str(s) for s in starts[:_MAX_LISTED])
    return shown + (", …" if len(starts) > _MAX_LISTED else "")


def _fold(s: str) -> tuple[str, list[int]]:
    """`s` with typographic quotes made straight and whitespace runs made one
    space, and for each folded character the index it came from in `s`."""
    out: list[str] = []
    where: list[int] = []
    for m in re.finditer(r"\s+|.", s, flags=re.DOTALL):
        out.append(" " if m.group().isspace() else m.group().translate(_QUOTE_FOLD))
        where.append(m.start())
    return "".join(out), where


def _hint(text: str, exact: str) -> tuple[str, str] | None:
    """Where `exact` would match if quotes and whitespace were folded (and what is there), if anywhere."""
    folded_text, where = _fold(text)
    folded_exact = _fold(exact)[0].strip()
    if not folded_exact:
        return None
    starts = _occurrences(folded_text, folded_exact)
    if not starts:
        return None
    first = starts[0]
    last = first + len(folded_exact) - 1
    a, b = where[first], where[last] + 1
    return _positions([where[s] for s in starts]), _clip(text[a:b])


def _anchor_at(text: str, exact: str, start: int) -> Anchor:
    end = start + len(exact)
    for edge, where in ((start, Said("starts")), (end, Said("ends"))):
        if splits_character(text, edge):
            raise AnchorError(
                Said(
                    'quote "%(quote)s" %(where)s inside a character a reader sees as one '
                    "(an emoji or a letter with its accent, made of several code points): "
                    "take the whole character in or leave it out",
                    quote=_clip(exact),
                    where=where,
                )
            )
    return Anchor(
        exact, text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start, end
    )


def build_anchor(
    text: str,
    exact: str,
    prefix: str | None = None,
    suffix: str | None = None,
    start: int | None = None,
) -> Anchor:
    """Locate `exact` in `text` and anchor it, with prefix/suffix read from the text.

    A quote found once needs nothing else. A quote found several times is
    chosen by the hints given: the text before it ends with `prefix`, the text
    after it starts with `suffix`, it starts at `start`; all given hints must
    hold. Raises AnchorError when the quote is empty, absent, ambiguous, or
    when no occurrence fits the hints.
    """
    if not exact:
        raise AnchorError(Said("the quote is empty; a claim needs the exact words it rests on"))
    shown = f'quote "{_clip(exact)}"'
    starts = _occurrences(text, exact)
    if not starts:
        hint = _hint(text, exact)
        if hint is None:
            raise AnchorError(
                Said('quote "%(quote)s" is not in the article text', quote=_clip(exact))
            )
        raise AnchorError(
            Said(
                'quote "%(quote)s" is not in the article text; found with different '
                'whitespace/quotes at %(at)s: the article has "%(there)s"',
                quote=_clip(exact),
                at=hint[0],
                there=hint[1],
            )
        )
    fitting = [
        s
        for s in starts
        if (prefix is None or text[:s].endswith(prefix))
        and (suffix is None or text[s + len(exact) :].startswith(suffix))
        and (start is None or s == start)
    ]
    hints = ", ".join(
        f"{name} {value!r}"
        for name, value in (("prefix", prefix), ("suffix", suffix), ("start", start))
        if value is not None
    )
    times = "once" if len(starts) == 1 else f"{len(starts)} times"
    found = f"{shown} occurs {times} in the article (at {_positions(starts)})"
    if not fitting:
        verdict = "it does not fit" if len(starts) == 1 else "none fits"
        raise AnchorError(f"{found} but {verdict} the given {hints}")
    if len(fitting) > 1 and not hints:
        raise AnchorError(
            Said(
                'quote "%(quote)s" occurs %(times)s times in the article (at %(at)s); '
                "give a prefix, suffix or start to choose one",
                quote=_clip(exact),
                times=len(starts),
                at=_positions(starts),
            )
        )
    if len(fitting) > 1:
        narrowed = f"; {len(fitting)} fit {hints} (at {_positions(fitting)})"
        raise AnchorError(f"{found}{narrowed}; give a prefix, suffix or start to choose one")
    return _anchor_at(text, exact, fitting[0])


def validate_anchor(text: str, anchor: Anchor) -> None:
    """Raise AnchorError unless `anchor` fits `text` exactly.

    Checks 0 <= start < end <= len(text), text[start:end] == exact, and that
    the stored prefix and suffix are the text around it: a stale anchor (the
    text was re-stored differently) is caught here, not on screen.
    """
    start, end, n = anchor.start, anchor.end, len(text)
    if not (0 <= start < end <= n):
        raise AnchorError(
            f"anchor offsets {start}..{end} do not fit the article text of {n} characters "
            "(need 0 <= start < end <= length)"
        )
    actual = text[start:end]
    if actual != anchor.exact:
        where = _occurrences(text, anchor.exact) if anchor.exact else []
        found = f"; the quote occurs at {_positions(where)}" if where else ""
        raise AnchorError(
            f'text at {start}..{end} is "{_clip(actual)}" but the anchor\'s exact quote is '
            f'"{_clip(anchor.exact)}"{found}'
        )
    if not text[:start].endswith(anchor.prefix):
        raise AnchorError(
            f'anchor prefix "{_clip(anchor.prefix)}" is not the text before {start}: '
            f'"{_clip(text[max(0, start - len(anchor.prefix)) : start])}"'
        )
    if not text[end:].startswith(anchor.suffix):
        raise AnchorError(
            f'anchor suffix "{_clip(anchor.suffix)}" is not the text after {end}: '
            f'"{_clip(text[end : end + len(anchor.suffix)])}"'
        )
