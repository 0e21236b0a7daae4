"""Where a figure is for (DOMAIN.md §10): "1,541 people had been killed in Turkey", "di wilayah
barat laut", "In Khyber Pakhtunkhwa, officials said …", "Zindajan district, where …", "in the
province" (the last place named). Names are matched against the event's places and their
aliases; a capitalised name that matches none is proposed as a new place, as written.

No place means the event's whole area, so a figure "across Pakistan" for an event whose one
place is Pakistan gets none, and neither does one "di Turki dan Suriah" (two places at once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from factcheck.domain.extraction.lexicon import Lexicon, compiled
from factcheck.domain.names import name_key

_TOKEN = re.compile(r"[\w'-]+")
# Words that end a place phrase: "in Almaty on Monday", "di Palu pada Senin", "in Sindh down to".
_STOP = frozenset(
    "on at after before since during when while as and or but to from by with for down up "
    "pada saat setelah sejak ketika dan atau serta dengan dari menjadi untuk oleh hingga sampai "
    "akibat karena".split()
)
_PHRASE_WORDS = 5
_SKIP_TO = r"(?:\s+(?:to|into|ke)\s+[^,.;]{0,30}?)?"  # "evacuated to 24 shelters in Palu"
# "were in", "berada di", "saat bertugas di", "dalam serangan udara di": a few words, no figure
# and no conjunction (what follows "and" is another clause's).
_WORDS_BETWEEN = r"(?:\s+(?!(?:and|dan|serta|or|atau)\b)[A-Za-z-]+){%d}"


_NAME_BEFORE = re.compile(
    r"(?<!\w)(?:in|di)\s+((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*(?:\s+(?:province|district|regency|city|village))?)\s*$"
)


@dataclass(frozen=True)
class Place:
    """The place a suggestion names: a known one (by its name) or a new one, as written."""

    name: str
    known: bool


class PlaceIndex:
    """The event's places with their aliases; `area` names the event's whole area."""

    def __init__(
        self,
        places: Iterable[tuple[str, Iterable[str]]] = (),
        area: Iterable[str] = (),
        generic: frozenset[str] = frozenset(),
    ):
        self.names: dict[str, str] = {}
        self._tokens: list[tuple[frozenset[str], str]] = []
        self.generic = generic
        for name, aliases in places:
            for written in (name, *aliases):
                self.names.setdefault(name_key(written), name)
                self._tokens.append((self._distinct(written), name))
        resolved = [self.resolve(a) for a in area]
        self.area = frozenset(p.name for p in resolved if p and p.known)
        self.single_area = len(self.area) == 1

    def _distinct(self, written: str) -> frozenset[str]:
        words = {w.lower() for w in _TOKEN.findall(written.replace("'s", ""))}
        return frozenset(words - self.generic)

    @cached_property
    def mention_regex(self) -> re.Pattern[str] | None:
        names = sorted({k for k in self.names if k}, key=len, reverse=True)
        if not names:
            return None
        body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)

    def resolve(self, phrase: str) -> Place | None:
        """A known place by name or alias, else by its telling words ("government-held areas"
        is "government-held Syria" when no other place has those words), else None."""
        key = name_key(re.sub(r"^(?:the)\s+", "", phrase.strip(), flags=re.IGNORECASE))
        if key in self.names:
            return Place(self.names[key], True)
        words = self._distinct(phrase)
        if not words:
            return None
        hits = {name for tokens, name in self._tokens if words <= tokens}
        return Place(hits.pop(), True) if len(hits) == 1 else None

    def mentions(self, s: str, a: int = 0, b: int | None = None) -> list[tuple[int, Place]]:
        """(offset, place) of every known place named in s[a:b]."""
        regex = self.mention_regex
        if regex is None:
            return []
        out = []
        for m in regex.finditer(s, a, len(s) if b is None else b):
            place = self.resolve(m.group())
            if place:
                out.append((m.start(), place))
        return out

    def whole(self, place: Place | None) -> Place | None:
        """None for the event's whole area (its one place)."""
        if place and self.single_area and place.name in self.area:
            return None
        return place


def _phrase(s: str, start: int, lex: Lexicon, index: PlaceIndex) -> Place | None | bool:
    """The place of the words at s[start:]: a Place, None (not a place), or False for two places
    at once ("di Turki dan Suriah") or an anaphor with nothing to point back to."""
    words = []
    for m in _TOKEN.finditer(s, start):
        if s[words[-1].end() if words else start : m.start()].strip(" "):
            break  # punctuation between words ends the phrase
        if m.group().lower() in _STOP or len(words) == _PHRASE_WORDS:
            break
        words.append(m)
    while words:
        text = s[words[0].start() : words[-1].end()]
        place = index.resolve(text)
        if (
            place is None
            and words[0].group()[0].isupper()
            and len(words) == len(_capitalised(words))
            and not words[-1].group().endswith("'s")  # "at Tokayev's request"
            and not _calendar(words[0].group(), lex)
        ):
            place = Place(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE), False)
        if place is not None:
            after = s[words[-1].end() :]
            other = re.match(r"\s+(?:and|dan|serta)\s+(\S+)", after)
            if other and (index.resolve(other.group(1)) or other.group(1)[0].isupper()):
                return False
            return place
        words.pop()
    return None


def _calendar(word: str, lex: Lexicon) -> bool:
    """ "in March", "pada Senin": a day or a month, not a place."""
    w = word.lower()
    return w in lex.weekdays or w in lex.months


def _capitalised(words: list[re.Match[str]]) -> list[re.Match[str]]:
    out = []
    for w in words:
        if not (w.group()[0].isupper() or w.group().lower() in ("regency", "district", "province")):
            break
        out.append(w)
    return out


def place_of(
    s: str,
    q_start: int,
    fig_start: int,
    q_end: int,
    lex: Lexicon,
    index: PlaceIndex,
    before: list[tuple[int, Place]],
    clause: int,
) -> Place | None | bool:
    """The place of a quantity of sentence `s` from its own words, or None; False when its words
    say "no one part" (two places at once). `before`: places named earlier in the article and
    in `s`, for "the province"; `clause`: where the figure's clause starts."""
    preps = lex.place_preps
    anaphor = compiled(rf"(?:{preps})\s+(?:{lex.place_anaphors})(?!\w)", "raw")
    if q_start < fig_start:  # "revised the death toll in Sindh down to 337"
        for m in compiled(rf"(?<!\w)(?:{preps})\s+", "raw").finditer(s, clause, fig_start):
            if anaphor.match(s, m.start()):
                return _last(before, m.start())
            found = _phrase(s, m.end(), lex, index)
            if found is not None:
                return found
    inside = None
    if q_end > fig_start:  # "11 in Donggala regency": the quote names it
        inside = compiled(rf"[^,.;]*?\s(?:{preps})\s+", "raw").match(s, fig_start)
        inside = inside if inside and inside.end() <= q_end else None
    starts = [inside] if inside else []
    for k in range(4):
        pattern = rf"{_SKIP_TO if k == 0 else ''}{_WORDS_BETWEEN % k}\s+(?:{preps})\s+"
        starts.append(compiled(pattern, "raw").match(s, q_end))
    for own in filter(None, starts):
        if compiled(rf"(?:{lex.place_anaphors})(?!\w)", "raw").match(s, own.end()):
            return _last(before, own.start())
        found = _phrase(s, own.end(), lex, index)
        if found is not None:
            return found
    return None


def _last(before: list[tuple[int, Place]], at: int) -> Place | bool:
    earlier = [p for offset, p in before if offset < at]
    return earlier[-1] if earlier else False


def authority_place(s: str, q_start: int, lex: Lexicon, index: PlaceIndex) -> Place | None:
    """ "Hatay's governor's office corrected …", "the governor of Hatay said …": a local
    authority's figure is for its place (a national body's is not: it is the whole area's)."""
    if not lex.local_authority:
        return None
    office = compiled(rf"(?<!\w)(?:{lex.local_authority})(?!\w)", "raw")
    found = None
    for offset, place in index.mentions(s, 0, q_start):
        if office.search(s, max(0, offset - 30), min(len(s), offset + len(place.name) + 30)):
            found = place
    return found


def owner_before(
    s: str, previous_end: int, fig_start: int, lex: Lexicon, index: PlaceIndex
) -> Place | None:
    """ "Sindh province was the worst hit, with 347 deaths", "Zindajan district, where at least
    1,100 …": the last place named before a figure that `with`/`where` hands it to."""
    hand = compiled(
        rf"(?:(?<!\w)(?:{lex.with_figure})|(?:{lex.where})(?!\w)[^,.;\d]{{0,40}}?)\s*$", "raw"
    ).search(s, previous_end, fig_start)
    if hand is None:
        return None
    named = index.mentions(s, previous_end, hand.start())
    if named:
        return named[-1][1]
    # "Most of the dead were in Al Haouz province, where …": a new place, as written
    new = _NAME_BEFORE.search(s, previous_end, hand.start())
    where = compiled(rf"(?:{lex.where})(?!\w)", "raw").match(hand.group())
    return Place(new.group(1), False) if new and where else None


def sentence_place(s: str, lex: Lexicon, index: PlaceIndex) -> Place | None:
    """ "In Syria, …", "Di Suriah, …", "In Zamfara State alone, …": the place of the sentence's
    figures that name none of their own."""
    m = compiled(
        rf"^\W*(?:{lex.place_preps})\s+([^,]{{2,60}}?)\s*(?:alone|sendiri|saja)?\s*,", "raw"
    ).match(s)
    if m is None:
        return None
    found = _phrase(s, m.start(1), lex, index)
    return found or None
