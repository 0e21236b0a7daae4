"""Who says what: speech tags ("kata Kementerian Dalam Negeri", "the ministry said",
"menurut ...", "he said") and which of them a position in a sentence falls under."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.domain.extraction.lexicon import Lexicon, compiled
from factcheck.domain.extraction.text import WORD, clause_breaks, quoted_spans

_MAX_NP_WORDS = 10
_NP_STOP = {
    "id": r"\s(?:pada|di|dalam|kepada|saat|ketika|seperti|melalui|usai|seusai)\s|[,.;:()\"“”]|\s[-–—]\s|$",
    "en": r"\s(?:on|in|at|to|during|after|from|via|when|as|who|while)\s|[,.;:()\"“”]|\s[-–—]\s|$",
}
# What may follow a postposed "…, X said": when, where, to whom, nothing else.
_ADVERBIAL_START = {
    "on",
    "in",
    "at",
    "during",
    "after",
    "from",
    "via",
    "to",
    "late",
    "earlier",
    "later",
    "last",
    "this",
    "yesterday",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "pada",
    "di",
    "dalam",
    "kepada",
    "saat",
    "ketika",
    "kemarin",
    "hari",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "ahad",
}
_RELATIVE_END = {"yang", "that", "which", "who", "whom"}


@dataclass(frozen=True)
class SpeechTag:
    """A speaker with a verb of saying, located in one sentence (offsets into the sentence)."""

    speaker: str | None  # as written; None when a pronoun could not be resolved
    start: int
    end: int
    verb: str
    direction: str  # forward (X said: the words follow), backward ("…," X said), both (menurut X)
    earlier: bool = False  # "sebelumnya", "earlier": not said on the article's day


def speaker_key(name: str | None) -> str:
    """A loose identity for de-duplication: the last word, lower-cased ("Presiden … Tokayev" = "Tokayev")."""
    words = WORD.findall(name or "")
    return words[-1].lower() if words else ""


def _np_after(s: str, start: int, lex: Lexicon) -> tuple[int, int]:
    """The noun phrase starting at `start`, up to a preposition, punctuation or the end."""
    m = re.compile(_NP_STOP[lex.language]).search(
        s, start
    )  # case-sensitive: "Dalam Negeri" is a name
    end = m.start() if m else len(s)
    return start, end


def strip_phrase(s: str, start: int, end: int, lex: Lexicon) -> tuple[int, int, bool]:
    """Strip leading conjunctions/time words and trailing auxiliaries; report an "earlier" word."""
    words = list(WORD.finditer(s, start, end))
    earlier = False
    earlier_re = compiled(lex.earlier)
    while words and (
        words[0].group().lower() in lex.np_strip_lead or earlier_re.fullmatch(words[0].group())
    ):
        earlier |= bool(earlier_re.fullmatch(words[0].group()))
        words.pop(0)
    while words and (
        words[-1].group().lower() in lex.np_strip_tail or earlier_re.fullmatch(words[-1].group())
    ):
        earlier |= bool(earlier_re.fullmatch(words[-1].group()))
        words.pop()
    if not words:
        return start, start, earlier
    return words[0].start(), words[-1].end(), earlier


def _clause_start(s: str, before: int, breaks: list[int]) -> int:
    """Where the clause holding position `before` starts: after a break or a closing quote."""
    start = max([b + 1 for b in breaks if b < before] + [0])
    for _, b in quoted_spans(s):
        if b < before:
            start = max(start, b + 1)
    return start


def find_tags(s: str, lex: Lexicon, previous: str | None) -> list[SpeechTag]:
    """Every speech tag of sentence `s`; pronouns resolve to `previous` (the last speaker named)."""
    tags: list[SpeechTag] = []
    taken: list[tuple[int, int]] = []
    quotes = quoted_spans(s)
    breaks = clause_breaks(s)

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken) and not any(x <= a < y for x, y in quotes)

    for m in compiled(lex.pronoun_tags).finditer(s):
        if free(m.start(), m.end()):
            tags.append(SpeechTag(previous, m.start(), m.end(), m.group(), "backward"))
            taken.append((m.start(), m.end()))
    for m in compiled(lex.according_to).finditer(s):
        a, b = _np_after(s, m.end() + 1, lex)
        a, b, _ = strip_phrase(s, a, b, lex)
        if b > a and free(m.start(), b):
            name = s[a:b]
            speaker = previous if name.lower() in lex.pronouns else name
            tags.append(SpeechTag(speaker, m.start(), b, m.group(), "both"))
            taken.append((m.start(), b))
    if lex.language == "id":  # ", kata X" — the verb comes first
        for m in compiled(lex.speech_after).finditer(s):
            lead = s[: m.start()].rstrip()
            if not lead.endswith((",", '"', "”")) or not free(m.start(), m.end()):
                continue
            a, b = _np_after(s, m.end() + 1, lex)
            a, b, earlier = strip_phrase(s, a, b, lex)
            if b > a and len(WORD.findall(s[a:b])) <= _MAX_NP_WORDS:
                tags.append(SpeechTag(s[a:b], m.start(), b, m.group(), "backward", earlier))
                taken.append((m.start(), b))
    else:  # '…," said X'
        for m in re.finditer(r"[,\"”]\s*(said|says)\s+", s):
            a, b = _np_after(s, m.end(), lex)
            a, b, earlier = strip_phrase(s, a, b, lex)
            if b > a and s[a].isupper() and free(m.start(1), b) and len(WORD.findall(s[a:b])) <= 6:
                tags.append(SpeechTag(s[a:b], m.start(1), b, m.group(1), "backward", earlier))
                taken.append((m.start(1), b))
    verbs = f"{lex.speech_before}|{lex.participles}" + (
        f"|{lex.speech_after}" if lex.language == "en" else ""
    )
    for m in compiled(verbs).finditer(s):
        if not free(m.start(), m.end()):
            continue
        tag = _preposed(s, m, lex, breaks, previous, tags)
        if tag is not None:
            tags.append(tag)
            taken.append((tag.start, tag.end))
    return sorted(tags, key=lambda t: t.start)


def _preposed(
    s: str,
    m: re.Match[str],
    lex: Lexicon,
    breaks: list[int],
    previous: str | None,
    tags: list[SpeechTag],
) -> SpeechTag | None:
    """ "X said …" or "…, X said": the speaker is the clause's words before the verb."""
    clause = _clause_start(s, m.start(), breaks)
    a, b, earlier = strip_phrase(s, clause, m.start(), lex)
    words = WORD.findall(s[a:b])
    participle = compiled(lex.participles).fullmatch(m.group()) is not None
    if words and words[-1].lower() in _RELATIVE_END:
        return None  # "pernyataan yang mengatakan": a statement, not a speaker
    if any(a <= t.start < m.start() for t in tags):
        return None  # "Officials denied reports": "reports" has no subject of its own
    if not words:
        earlier_tags = [t for t in tags if t.start < m.start() and t.speaker]
        if not earlier_tags and not participle:
            return None
        speaker = earlier_tags[-1].speaker if earlier_tags else None
        return SpeechTag(speaker, m.start(), m.end(), m.group(), "forward", earlier)
    if len(words) > _MAX_NP_WORDS or any(ch.isdigit() for ch in s[a:b]):
        return None
    name = s[a:b]
    speaker = previous if name.lower() in lex.pronouns else name
    rest_end = min([x for x in breaks if x >= m.end()] + [len(s)])
    rest = WORD.findall(s[m.end() : rest_end])
    backward = clause > 0 and (not rest or (len(rest) <= 6 and rest[0].lower() in _ADVERBIAL_START))
    return SpeechTag(speaker, a, m.end(), m.group(), "backward" if backward else "forward", earlier)


def governing(tags: list[SpeechTag], start: int, end: int) -> SpeechTag | None:
    """The tag whose words cover [start, end) of the sentence: the nearest one facing it."""
    best, best_distance = None, None
    for tag in tags:
        if tag.start <= start < tag.end:
            continue
        if tag.direction in ("forward", "both") and tag.end <= start:
            distance = start - tag.end
        elif tag.direction in ("backward", "both") and tag.start >= end:
            distance = tag.start - end
        else:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = tag, distance
    return best
