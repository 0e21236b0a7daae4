"""Credit lines: who the article says it comes from.

A dateline credit ("ALMATY, Jan 10 (Reuters) -", "JAKARTA, KOMPAS.com -") names the
outlet that wrote the text; a closing credit ("(TRT)", "— Reuters", "(Sumber:
Reuters)", "(AFP/Reuters)") names the original outlet of a copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATELINE = [
    re.compile(r"^[A-Z][\w.,' ]{1,60}?\s*\((?P<c>[^()\d]{2,40})\)\s*[-–—]", re.MULTILINE),
    re.compile(
        r"^[A-Z]{3,}(?:,\s*[A-Z][\w ]+)?,\s*(?P<c>[A-Za-z]+\.(?:com|co|id|net)(?:\.\w+)?)\s*[-–—]",
        re.MULTILINE,
    ),
    re.compile(r"^(?P<c>[A-Z]+\.[A-Z]{2,3}),\s*[A-Z]\w+\s*[-–—]", re.MULTILINE),
]
_CLOSING = [
    re.compile(r"^\(\s*(?:Sumber|Source|Via)\s*:\s*(?P<c>[^)]{2,60})\)\s*$", re.IGNORECASE),
    re.compile(r"^(?:Sumber|Source|Via)\s*:\s*(?P<c>.{2,60}?)\s*$", re.IGNORECASE),
    re.compile(r"^[—–-]\s*(?P<c>[A-Z][\w.&/ ]{1,40}?)\s*$"),
    re.compile(r"\((?P<c>[A-Z][\w.&/ -]{0,30}[\w.])\)\s*$"),
]
_NOT_OUTLET = re.compile(
    r"^(?:reporting|writing|editing|additional|laporan|penulis|editor|pewarta|foto)\b",
    re.IGNORECASE,
)
_LAST_LINES = 4
_HEADER_LINES = 6


@dataclass(frozen=True)
class Credit:
    """An outlet named by a credit line at text[start:end]; `where` is dateline or closing."""

    outlets: tuple[str, ...]
    start: int
    end: int
    where: str


def _split(credit: str) -> tuple[str, ...]:
    parts = re.split(r"\s*/\s*|\s*,\s*|\s+(?:and|dan)\s+", credit.strip())
    return tuple(p.strip() for p in parts if p.strip())


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def find_credits(text: str) -> list[Credit]:
    """Dateline credits in the first lines, closing credits in the last ones."""
    lines = _lines(text)
    out: list[Credit] = []
    for offset, line in lines[:_HEADER_LINES]:
        for pattern in _DATELINE:
            m = pattern.search(line)
            if m and not _NOT_OUTLET.match(m["c"]):
                out.append(
                    Credit(_split(m["c"]), offset + m.start("c"), offset + m.end("c"), "dateline")
                )
                break
    for offset, line in lines[-_LAST_LINES:]:
        for pattern in _CLOSING:
            m = pattern.search(line.strip())
            if m and not _NOT_OUTLET.match(m["c"]):
                lead = len(line) - len(line.lstrip())
                out.append(
                    Credit(
                        _split(m["c"]),
                        offset + lead + m.start("c"),
                        offset + lead + m.end("c"),
                        "closing",
                    )
                )
                break
    return out


def same_outlet(a: str | None, b: str | None) -> bool:
    """ "KOMPAS.com" is "Kompas.com"; "voa-islam.com" is "VOA-Islam.com"."""

    def key(name: str) -> str:
        return re.sub(r"[^a-z0-9]", "", name.lower())

    return a is not None and b is not None and key(a) == key(b)


def original_outlet(text: str, outlet: str | None = None) -> Credit | None:
    """The credit naming the outlet this article copies, if it names one other than its own.

    A closing credit wins unless it names the dateline's (or the given) outlet; without
    one, a dateline credit counts when the article's own outlet is known and differs.
    """
    credits = find_credits(text)
    own = [c.outlets[0] for c in credits if c.where == "dateline"] + ([outlet] if outlet else [])
    for credit in credits:
        if credit.where == "closing" and not any(same_outlet(credit.outlets[0], o) for o in own):
            return credit
    if outlet:
        for credit in credits:
            if credit.where == "dateline" and not same_outlet(credit.outlets[0], outlet):
                return credit
    return None
