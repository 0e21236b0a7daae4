"""What "no untranslated English" means on a page: text a visitor sees that is one of the
interface's English strings whose Indonesian translation differs."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

from tests.support.paths import ROOT

CATALOGUE = ROOT / "factcheck" / "translations" / "id" / "LC_MESSAGES" / "messages.po"
SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "value")
# Text the pages show in English on purpose: none left (the engine's steps are translated too).
LEFT_ENGLISH_CLASS: str | None = None
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@cache
def english_patterns(path: Path = CATALOGUE) -> tuple[tuple[str, re.Pattern], ...]:
    """Each English msgid translated differently, as a pattern matching a whole text run it makes.

    The parts around a placeholder must be there literally; the placeholder is any text.
    English strings are left out when the parts outside placeholders carry no word.
    """
    with path.open("rb") as po:
        catalog = read_po(po)
    patterns = []
    for message in catalog:
        if not message.id or message.string == message.id:
            continue
        # A plural entry: its singular stands for it (Indonesian has one form).
        english = message.id[0] if isinstance(message.id, tuple) else message.id
        english = english.replace("%%", "%").strip()
        if not re.search(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", english)):
            continue
        parts = [_words(p) for p in PLACEHOLDER.split(english)[::2]]
        # Punctuation and figures the template puts around a string are not part of it.
        around = r"[^A-Za-z]*"
        patterns.append((english, re.compile(around + "(?s:.+?)".join(parts) + around)))
    return tuple(patterns)


def _words(text: str) -> str:
    """`text` literally, whole words only: "to %(date)s" is not found in "total"."""
    text = " ".join(text.split())
    pattern = re.escape(text)
    if text[:1].isalpha():
        pattern = r"\b" + pattern
    if text[-1:].isalpha():
        pattern += r"\b"
    return pattern


class _Visible(HTMLParser):
    """The text runs of a page a reader sees or hears: text nodes and labelling attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.runs: list[str] = []
        self._hidden = 0
        self._left: list[str] = []  # the open tags inside an element left in English

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._left or (LEFT_ENGLISH_CLASS is not None and LEFT_ENGLISH_CLASS in classes):
            self._left.append(tag)
            return
        if tag in ("script", "style", "code", "pre"):
            self._hidden += 1
        kind = dict(attrs).get("type")
        for name, value in attrs:
            if (
                name in SHOWN_ATTRIBUTES
                and value
                and not (name == "value" and (tag != "input" or kind != "submit"))
            ):
                self.runs.append(value)

    def handle_endtag(self, tag):
        if self._left:
            if tag in self._left:
                while self._left and self._left.pop() != tag:
                    pass
            return
        if tag in ("script", "style", "code", "pre") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and not self._left and data.strip():
            self.runs.append(" ".join(data.split()))


def untranslated(html: str) -> list[str]:
    """The English interface strings a page still shows (each with the run it was found in)."""
    parser = _Visible()
    parser.feed(html)
    found = []
    for run in parser.runs:
        for english, pattern in english_patterns():
            if pattern.fullmatch(run):
                found.append(f"{english!r} in {run!r}")
    return found
