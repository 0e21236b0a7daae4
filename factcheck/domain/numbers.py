"""Locale-aware number parsing: figures are read the way the article writes them.

DOMAIN.md §2: "8.000" in Indonesian is eight thousand and "4,5" is four and a
half, so every reading takes the article's language. One small grammar serves
both `parse_number` (a whole string) and `find_numbers` (tokens inside a text),
so extraction and manual entry can never read the same figure differently.

Grammar of a number phrase: a numeral, or number words below 1000 ("twenty-one",
"two hundred and five", "dua puluh satu", "seratus"), optionally followed by
one scale word ("4,5 juta", "1.2 million", "dua ribu", "a thousand").
Not covered, on purpose: chained scales ("one million two hundred thousand"),
ordinals, fractions ("1/2"), "a dozen", and vague plurals ("hundreds",
"puluhan"), which are qualifiers, not numbers (see `qualifiers.VAGUE_WORDS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


class NumberFormatError(ValueError):
    """A text that is not a number in the given language."""


@dataclass(frozen=True)
class _Locale:
    group: str  # thousands separator
    decimal: str  # decimal mark
    units: dict[str, int]  # 1..9 (plus "zero"/"nol", only on its own)
    teens: dict[str, int]  # English 10..19; Indonesian builds these from "belas"
    tens: dict[str, int]  # English "twenty".."ninety"
    hundred: str
    scales: dict[str, int]


_EN = _Locale(
    group=",",
    decimal=".",
    units=dict(zip("zero one two three four five six seven eight nine".split(), range(10))),
    teens=dict(
        zip(
            "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(),
            range(10, 20),
        )
    ),
    tens=dict(
        zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10))
    ),
    hundred="hundred",
    scales={"thousand": 10**3, "million": 10**6, "billion": 10**9},
)
_ID = _Locale(
    group=".",
    decimal=",",
    units=dict(zip("nol satu dua tiga empat lima enam tujuh delapan sembilan".split(), range(10))),
    teens={},
    tens={},
    hundred="ratus",
    scales={"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9},
)
_LOCALES: dict[str, _Locale] = {"en": _EN, "id": _ID}

# Indonesian "se-" means "one": seratus = satu ratus, sebelas = satu belas.
_ID_SE = {
    "sepuluh": "puluh",
    "sebelas": "belas",
    "seratus": "ratus",
    "seribu": "ribu",
    "sejuta": "juta",
    "semiliar": "miliar",
}

_TOKEN = re.compile(r"[0-9](?:[.,]?[0-9])*|[^\W\d_]+")  # ASCII digits only
_GAP = re.compile(r"[ \t\u00a0]+|-")  # what may separate the tokens of one phrase
_MAX_TOKENS = 8
_NOT_BEFORE_OR_AFTER = "/:_"  # dates "10/1/2022" and times "22:25" are not counts


def _locale(language: str) -> _Locale:
    try:
        return _LOCALES[language]
    except KeyError:
        raise ValueError(
            f"unknown language {language!r} for numbers; expected one of {sorted(_LOCALES)}"
        ) from None


def _numeral(token: str, loc: _Locale, scaled: bool) -> Decimal:
    """Read digits with the locale's separators; raise ValueError if malformed.

    The locale decides, never the digits: "7,939" is 7939 in English. One case
    is refused as ambiguous: no grouping, a 1-3 digit whole part and exactly
    three decimals ("1,234" in id, "7.939" in en) reads as a decimal here but is
    a thousands figure in the other locale, a 1000-fold error for a count. A
    following scale word removes the doubt ("1,234 juta" is 1 234 000).
    """
    g, d = re.escape(loc.group), re.escape(loc.decimal)
    m = re.fullmatch(
        rf"(?:(?P<grouped>[1-9]\d{{0,2}}(?:{g}\d{{3}})+)|(?P<plain>\d+))(?:{d}(?P<frac>\d+))?",
        token,
        flags=re.ASCII,
    )
    if m is None:
        raise ValueError(
            f"separators do not fit: '{loc.group}' groups thousands in threes and "
            f"'{loc.decimal}' is the decimal mark"
        )
    whole = (m["grouped"] or "").replace(loc.group, "") or m["plain"]
    frac = m["frac"]
    short_whole = bool(m["plain"]) and re.fullmatch(r"[1-9]\d{0,2}", whole) is not None
    if short_whole and len(frac or "") == 3 and not scaled:
        other = "en" if loc is _ID else "id"
        raise ValueError(
            f"ambiguous: {whole}{loc.decimal}{frac} would be a decimal here but is "
            f"{whole}{frac} in {other!r} notation; check the article's language"
        )
    return Decimal(f"{whole}.{frac}" if frac else whole)


def _words_below_1000(words: list[str], loc: _Locale) -> int:
    """Number words below 1000; raise ValueError when they are not one number."""
    if len(words) == 1 and words[0] in loc.units:
        return loc.units[words[0]]
    ones = {w: v for w, v in loc.units.items() if v > 0}
    total, i = 0, 0
    if len(words) >= 2 and words[0] in ones and words[1] == loc.hundred:
        total, i = 100 * ones[words[0]], 2
        if loc is _EN and i < len(words) and words[i] == "and" and i + 1 < len(words):
            i += 1
    rest = words[i:]
    if loc is _EN:
        if len(rest) == 1 and (rest[0] in ones or rest[0] in loc.teens or rest[0] in loc.tens):
            total += ones.get(rest[0]) or loc.teens.get(rest[0]) or loc.tens[rest[0]]
        elif len(rest) == 2 and rest[0] in loc.tens and rest[1] in ones:
            total += loc.tens[rest[0]] + ones[rest[1]]
        elif rest:
            raise ValueError("not a number in words")
    else:
        if len(rest) == 1 and rest[0] in ones:
            total += ones[rest[0]]
        elif len(rest) == 2 and rest[0] in ones and rest[1] == "belas":
            total += 10 + ones[rest[0]]
        elif 2 <= len(rest) <= 3 and rest[0] in ones and rest[1] == "puluh":
            total += 10 * ones[rest[0]]
            if len(rest) == 3:
                if rest[2] not in ones:
                    raise ValueError("not a number in words")
                total += ones[rest[2]]
        elif rest:
            raise ValueError("not a number in words")
    if i == 0 and not rest:
        raise ValueError("no number")
    return total


def _expand(tokens: list[str], loc: _Locale) -> list[str]:
    """Lower-case words and spell out "se-" (id) and "a hundred/thousand" (en) as one."""
    out: list[str] = []
    for n, tok in enumerate(tokens):
        word = tok.lower() if not tok[0].isdigit() else tok
        nxt = tokens[n + 1].lower() if n + 1 < len(tokens) else ""
        if loc is _ID and word in _ID_SE:
            out += ["satu", _ID_SE[word]]
        elif loc is _EN and word == "a" and (nxt == loc.hundred or nxt in loc.scales):
            out.append("one")
        else:
            out.append(word)
    return out


def _value(tokens: list[str], loc: _Locale) -> int | float:
    """The value of one phrase's tokens; raise ValueError if they are not a number."""
    words = _expand(tokens, loc)
    scale = loc.scales.get(words[-1]) if words else None
    head = words[:-1] if scale else words
    if not head:
        raise ValueError("no number")
    if head[0][0].isdigit():
        if len(head) != 1:
            raise ValueError(
                f"{head[1]!r} follows the numeral; only a scale word may ({', '.join(loc.scales)})"
            )
        amount = _numeral(head[0], loc, scaled=scale is not None)
    else:
        amount = Decimal(_words_below_1000(head, loc))
    amount *= scale or 1
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def parse_number(text: str, language: str) -> int | float:
    """Read one figure written in `language` ("id" or "en"); int when integral.

    id: "." groups thousands, "," is the decimal mark ("1.234.567,5");
    en: the reverse ("1,234,567.5"). Groups after the first must have exactly
    three digits, so "8.00" in id is refused, and the other locale's decimal
    mark is never accepted ("4.5" in id is an error, not 4.5 and not 45).
    Raises NumberFormatError naming the text and the language.
    """
    loc = _locale(language)
    stripped = text.strip()
    matches = _tokens(stripped)
    try:
        covered = bool(matches) and matches[0].start() == 0 and matches[-1].end() == len(stripped)
        if not covered or any(
            not _GAP.fullmatch(stripped[a.end() : b.start()]) for a, b in zip(matches, matches[1:])
        ):
            raise ValueError("not a single number phrase")
        return _value([m.group() for m in matches], loc)
    except ValueError as exc:
        raise NumberFormatError(
            f"cannot read {text!r} as a number in {language!r}: {exc}"
        ) from None


def _is_number_word(word: str, loc: _Locale) -> bool:
    w = word.lower()
    connectors = (loc.hundred, "puluh", "belas", "and", "a")
    return (
        w in loc.units
        or w in loc.teens
        or w in loc.tens
        or w in loc.scales
        or w in connectors
        or (loc is _ID and w in _ID_SE)
    )


def find_numbers(text: str, language: str) -> list[tuple[int, int, int | float]]:
    """(start, end, value) of every number phrase in `text`, left to right.

    Each phrase is the longest run of tokens that `parse_number` accepts, so
    "4,5 juta" is one figure, and "between 10 and 20" is two. Malformed or
    ambiguous numerals ("8.00" in id) are skipped, not guessed, as are digits
    glued to letters ("5km") or part of dates and times ("10/1/2022", "22:25").
    Word numbers are found literally ("no one" yields 1): context is extraction's job.
    """
    loc = _locale(language)
    toks = _tokens(text)
    found: list[tuple[int, int, int | float]] = []
    i = 0
    while i < len(toks):
        j = i
        while (
            j < len(toks)
            and j - i < _MAX_TOKENS
            and (toks[j].group()[0].isdigit() or _is_number_word(toks[j].group(), loc))
            and (j == i or _GAP.fullmatch(text[toks[j - 1].end() : toks[j].start()]))
        ):
            j += 1
        for k in range(j, i, -1):
            start, end = toks[i].start(), toks[k - 1].end()
            if _glued(text, start, end):
                continue
            try:
                value = _value([m.group() for m in toks[i:k]], loc)
            except ValueError:
                continue
            found.append((start, end, value))
            i = k
            break
        else:
            i += 1
    return found


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the phrase text[start:end] is stuck to a word, date or time."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return any(c.isalnum() or c in _NOT_BEFORE_OR_AFTER for c in (before, after))
