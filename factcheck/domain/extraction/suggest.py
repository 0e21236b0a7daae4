"""`suggest(text)`: every claim the extractor proposes for one article, each anchored."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from factcheck.domain.anchors import Anchor
from factcheck.domain.extraction.dateline import parse_dateline
from factcheck.domain.extraction.dates import day_mentions
from factcheck.domain.extraction.figure_places import as_of_days, as_of_for, places_of
from factcheck.domain.extraction.findings import reference_date
from factcheck.domain.extraction.language import detect_language
from factcheck.domain.extraction.lexicon import lexicon
from factcheck.domain.extraction.lexicon_en import EN
from factcheck.domain.extraction.lexicon_id import ID
from factcheck.domain.extraction.model import Revised, Suggestion
from factcheck.domain.extraction.places import Place, PlaceIndex
from factcheck.domain.extraction.propositions import Proposition, find_propositions
from factcheck.domain.extraction.quantities import Quantity, quantities
from factcheck.domain.extraction.retractions import find_retractions, is_object
from factcheck.domain.extraction.speakers import SpeechTag, find_tags, governing, speaker_key
from factcheck.domain.extraction.text import Sentence, anchor, sentences
from factcheck.domain.input_rules import MAX_AMOUNT
from factcheck.domain.qualifiers import DEFAULT_WIDTHS, Widths, to_interval

_LOOK_BACK = 3  # sentences a retraction may reach back for the figure it withdraws


def choose_language(text: str, language: str | None) -> str:
    """The given language, else the detected one when supported, else English."""
    if language:
        lexicon(language)  # raises for a language without a lexicon
        return language
    guess = detect_language(text)
    return guess.code if guess.supported else "en"


def suggest(
    text: str,
    language: str | None = None,
    published_at: datetime | None = None,
    widths: Widths = DEFAULT_WIDTHS,
    places: Iterable[tuple[str, Iterable[str]]] = (),
    area: Iterable[str] = (),
) -> list[Suggestion]:
    """Quantities, retractions, allegations and denials in `text`, in text order.

    `language` ("id"/"en") fixes the number locale and the lexicon; by default it is
    detected. Relative days ("pada Senin") resolve against `published_at`'s local
    date, else the dateline's. `places` are the event's known places as (name,
    aliases), `area` the names of the places the event covers (its whole area).
    """
    lex = lexicon(choose_language(text, language))
    index = PlaceIndex(places, area, EN.place_generic | ID.place_generic)
    history: list[Place] = []
    reference = reference_date(parse_dateline(text, lex, published_at), published_at)
    previous: str | None = None
    out: list[Suggestion] = []
    propositions: list[tuple[Proposition, Sentence]] = []
    recent: list[list[Suggestion]] = []  # quantity suggestions of the sentences read so far
    last: Quantity | None = None  # the last quantity read: "14 korban di antaranya" is its part
    for sent in sentences(text):
        if sent.heading:
            continue
        s = sent.text
        tags = find_tags(s, lex, previous)
        days = day_mentions(s, lex, reference)
        found = quantities(s, lex, last)
        where = places_of(s, found, lex, index, history)
        moments = as_of_days(s, lex, days)
        retractions = find_retractions(s, lex, [q.start for q in found])
        objects = {
            id(q)
            for q in found
            for r in retractions
            if q.start > r.trigger_end and is_object(s, r.trigger_end, q.start)
        }
        read = [
            (
                q,
                _quantity(
                    text, sent, q, tags, days, reference, widths, id(q) in objects, place, moments
                ),
            )
            for q, place in zip(found, where)
        ]
        read = [(q, sug) for q, sug in read if _countable(sug)]
        found, here = [q for q, _ in read], [sug for _, sug in read]
        history += [p for _, p in index.mentions(s)]
        out += here
        for r in retractions:
            targets = [
                sug for q, sug in zip(found, here) if id(q) in objects and q.start > r.trigger_end
            ]
            targets = targets or [sug for q, sug in zip(found, here) if q.end <= r.start]
            targets = targets or next(
                (group for group in reversed(recent[-_LOOK_BACK:]) if group), []
            )
            tag = next((t for t in tags if t.start <= r.trigger_start < t.end + 1 and t.verb), None)
            tag = tag or governing(tags, r.trigger_start, r.trigger_end)
            out.append(
                Suggestion(
                    kind="retraction",
                    anchor=anchor(text, sent.start + r.start, sent.start + r.end),
                    attributed_to=tag.speaker if tag else None,
                    stated_on=_stated_on(tag, days, reference, r.start),
                    retracts=tuple(t.anchor for t in targets),
                )
            )
        recent.append(here)
        last = found[-1] if found else last
        excluded = [(r.start, r.end) for r in retractions]
        propositions += [(p, sent) for p in find_propositions(s, lex, tags, previous, excluded)]
        named = [t.speaker for t in tags if t.speaker]
        previous = named[-1] if named else previous
    for p, sent in _strongest(propositions):
        out.append(
            Suggestion(
                kind=p.kind,
                anchor=anchor(text, sent.start + p.start, sent.start + p.end),
                attributed_to=p.tag.speaker if p.tag else None,
                stated_on=_stated_on(
                    p.tag, day_mentions(sent.text, lex, reference), reference, p.start
                ),
                proposition=sent.text[p.start : p.end],
            )
        )
    return sorted(out, key=lambda sug: (sug.anchor.start, sug.kind))


def _countable(sug: Suggestion) -> bool:
    """Past the cap every entry path applies to a figure (input_rules.MAX_AMOUNT), a number
    is a typo or a sum of money, not a count: the assistant does not offer it."""
    return all(v is None or v <= MAX_AMOUNT for v in (sug.value, sug.lower, sug.upper))


def _quantity(
    text: str,
    sent: Sentence,
    q: Quantity,
    tags: list[SpeechTag],
    days: list,
    reference: date | None,
    widths: Widths,
    retracted_object: bool,
    place: Place | None = None,
    moments: list[tuple[int, int, date]] = (),
) -> Suggestion:
    fig = q.figure
    revised = None
    if q.revision is not None:
        old = q.revision.old
        # The day the earlier figure was given ("it gave on Feb. 7") is not when this was said.
        given = [d for d in days if d[0] >= min(old.end, fig.end) and d[0] < q.end + 1]
        days = [d for d in days if d not in given]
        revised = Revised(
            q.revision.relation,
            old.value,
            old.qualifier,
            sent.text[old.qualifier_start : old.end],
            given[0][2] if given else None,
        )
    if fig.qualifier in ("range", "vague"):
        interval = to_interval(fig.qualifier, lower=fig.lower, upper=fig.upper, widths=widths)
    else:
        interval = to_interval(fig.qualifier, value=fig.value, widths=widths)
    # a revision's quote starts at its verb, which may be the speech tag's own ("X corrected …")
    tag = governing(tags, fig.qualifier_start if q.revision else q.start, q.end)
    return Suggestion(
        kind="quantity",
        anchor=anchor(text, sent.start + q.start, sent.start + q.end),
        attributed_to=tag.speaker if tag else None,
        stated_on=None if retracted_object else _stated_on(tag, days, reference, q.start),
        metric=q.metric,
        category=q.category,
        category_label=q.label,
        qualifier=fig.qualifier,
        modality=q.modality,
        value=fig.value,
        lower=interval.lower,
        upper=interval.upper,
        point=interval.point,
        word=fig.word,
        place=place.name if place else None,
        place_known=bool(place and place.known),
        as_of=as_of_for(q, moments),
        revises=revised,
    )


def _stated_on(
    tag: SpeechTag | None, days: list[tuple[int, int, date]], reference: date | None, position: int
) -> date | None:
    """The day named nearest the speech tag (else the claim); the article's day when none is named,
    unless the tag says "earlier" ("sebelumnya")."""
    if days:
        at = (tag.start + tag.end) // 2 if tag else position
        return min(days, key=lambda d: min(abs(d[0] - at), abs(d[1] - at)))[2]
    if tag is not None and tag.earlier:
        return None
    return reference


def _strongest(found: list[tuple[Proposition, Sentence]]) -> list[tuple[Proposition, Sentence]]:
    """One allegation (or denial) per speaker and accusation: the one that names it outright
    ("coup", not "seizure of power"), preferably in the speaker's own words, else the latest."""
    best: dict[tuple, tuple[Proposition, Sentence]] = {}
    loose = []
    for p, sent in found:
        if p.concept is None:
            loose.append((p, sent))
            continue
        key = (speaker_key(p.tag.speaker if p.tag else None), p.kind, p.concept)
        rank = (not p.weak, p.direct, sent.start + p.start)
        held = best.get(key)
        if held is None or rank > (not held[0].weak, held[0].direct, held[1].start + held[0].start):
            best[key] = (p, sent)
    return loose + list(best.values())


def suggestion_for_anchor(suggestions: list[Suggestion], a: Anchor) -> list[Suggestion]:
    """The suggestions whose quotes overlap anchor `a` (for reviewers' tools and tests)."""
    return [s for s in suggestions if s.anchor.start < a.end and a.start < s.anchor.end]
