"""Offsets into an article's text as the server stores them, as a page shows them, as JavaScript counts.

Anchors are Unicode code points into the stored text. A browser shows that text
after the HTML parser has turned CRLF and lone CR into LF and dropped NUL, so an
offset counted on the page runs one short per such character before it; and
JavaScript strings count UTF-16 units, two for every character beyond U+FFFF
(most emoji). These functions translate between the three, and tell when an
offset would cut a character a reader sees as one (an emoji with a skin tone,
a letter with its accent) in two.
"""

from __future__ import annotations

import unicodedata

ZWJ = "\u200d"


def _hidden(text: str, i: int) -> bool:
    """The page never shows this character: NUL is dropped, a CR before LF folds into it."""
    return text[i] == "\0" or (text[i] == "\r" and text[i + 1 : i + 2] == "\n")


def stored_offset(text: str, page_offset: int, end: bool = False) -> int:
    """The stored offset of the page's code-point offset `page_offset`.

    A start lands on the character the page shows there; an `end` lands just after
    the last character the page counted, so neither takes in a hidden one it need not.
    """
    counted = 0
    for i in range(len(text)):
        if counted >= page_offset and (end or not _hidden(text, i)):
            return i
        if not _hidden(text, i):
            counted += 1
    return len(text)


def utf16_offset(text: str, offset: int) -> int:
    """The UTF-16 unit offset (JavaScript's string index) of a code-point offset."""
    return offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)


def from_utf16(text: str, units: int) -> int | None:
    """The code-point offset of a UTF-16 unit offset; None when it falls inside a character."""
    counted = 0
    for i, ch in enumerate(text):
        if counted == units:
            return i
        counted += 2 if ord(ch) > 0xFFFF else 1
        if counted > units:
            return None
    return len(text) if counted == units else None


def _joins_previous(ch: str) -> bool:
    """The character belongs to the one before it (a mark, a joiner, a modifier)."""
    code = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch == ZWJ
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (emoji presentation)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
    )


def splits_character(text: str, offset: int) -> bool:
    """Cutting the text at `offset` splits what a reader sees as one character."""
    if offset <= 0 or offset >= len(text):
        return False
    after, before = text[offset], text[offset - 1]
    if _joins_previous(after) or before == ZWJ:
        return True
    if 0x1F1E6 <= ord(after) <= 0x1F1FF and 0x1F1E6 <= ord(before) <= 0x1F1FF:
        run = 0  # regional indicators pair up into flags: count the run before the cut
        while offset - run - 1 >= 0 and 0x1F1E6 <= ord(text[offset - run - 1]) <= 0x1F1FF:
            run += 1
        return run % 2 == 1
    return False


def first_part(text: str, limit: int) -> int:
    """Where the first part of a text no longer than `limit` ends: the whole text when it fits,
    else the last line break within the limit (else the last space), never inside a character."""
    if len(text) <= limit:
        return len(text)
    for stop in ("\n", " "):
        at = text.rfind(stop, 0, limit + 1)
        if at > limit // 2:
            return at
    end = max(limit, 0)
    while end > 0 and splits_character(text, end):
        end -= 1
    return end
