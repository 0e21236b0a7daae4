"""Words for readers: labels for the engine's codes, and a figure group's result in one plain sentence.

The engine stores codes (`value_conflict`, grade `weak`, tier "independent,
uncorroborated") and an audit trail written for reviewers; a desk editor
needs the result first, in words. Everything here reads the stored result
fields only, so the engine's own text and codes stay as they are (the export
keeps the codes). No source is ever called "independent" here: the engine's
tier says only that a source is not a party to the event, which a state
broadcaster or a ministry of a third country can be too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from factcheck.domain.number_format import format_number
from factcheck.domain.reconciliation.sentence_parts import category as vocabulary_category
from factcheck.domain.reconciliation.sentence_parts import joined
from factcheck.domain.said import AND, Number, Said, every_one

# Said: the pages show these in the reader's language (the catalogue reads them); reports in English.
FLAG_LABELS = {
    "value_conflict": Said("sources disagree on the figure"),
    "retracted_still_cited": Said("a withdrawn figure is still being repeated"),
    "downward_revision": Said("a tally went down without a stated correction"),
    "component_overlap": Said("the parts add up to more than the total"),
    "category_conflict": Said("one figure is given under two different labels"),
    "scope_mismatch": Said("figures count different things (e.g. detained vs still held)"),
    "single_partisan_source": Said("only a party to the event gives this figure"),
    "attribution_disowned": Said("the cited source denies giving the figure"),
    "stale": Said("no new report for a long time"),
    "calendar_mismatch": Said("the article's dates do not agree"),
}
GRADE_LABELS = {
    "confirmed": Said("confirmed: an official count backed by an unaffiliated source"),
    "fair": Said("fair: two or more unaffiliated sources agree"),
    "weak": Said("weak: one source, or vague wording only"),
    "contested": Said("contested: sources disagree beyond tolerance"),
    "discounted": Said("discounted: every figure was withdrawn or set aside"),
}
# The engine's trust tiers, as a reader should hear them: "independent" only ever meant "not a party".
TIER_LABELS = {
    "preferred by a reviewer": "chosen by a reviewer",
    "independent and corroborated": "sources not party to the event, corroborated",
    "official non-party": "officials not party to the event",
    "official party": "officials of a party to the event",
    "independent, uncorroborated": "a single source not party to the event",
    "partisan": "a party to the event",
}
SET_ASIDE_WORDS = {
    "retracted": Said("was withdrawn by its source"),
    "corrected": Said("was corrected later"),
    "disowned": Said("was disowned by the source it was attributed to"),
    "withdrawn": Said("was withdrawn by a reviewer"),
    "superseded": Said("was overtaken by a later figure from the same source"),
    "overtaken": Said("was overtaken by a later figure"),
    "republished": Said("repeats another outlet's report"),
}
# Reasons a running tally sets a figure aside as a matter of course (a later figure moved past it).
ROUTINE = ("superseded", "overtaken", "republished", "not current")
NOTABLE_SHOWN = 3
A_SOURCE = Said("a source")
NOT_GRADED = Said("not graded")
# How many of the group, and what happened to them: a sentence per metric, as a reader's
# language orders it ("42 orang tewas"). `what` is the group's category, if not the total.
METRIC_SENTENCES = {
    "killed": lambda n, what: Said("%(n)s people%(what)s were killed", n=n, what=what),
    "injured": lambda n, what: Said("%(n)s people%(what)s were injured", n=n, what=what),
    "missing": lambda n, what: Said("%(n)s people%(what)s are missing", n=n, what=what),
    "detained": lambda n, what: Said("%(n)s people%(what)s were detained", n=n, what=what),
    "in_custody": lambda n, what: Said("%(n)s people%(what)s are in custody", n=n, what=what),
    "displaced": lambda n, what: Said("%(n)s people%(what)s were displaced", n=n, what=what),
    "troops_deployed": lambda n, what: Said("%(n)s%(what)s troops were deployed", n=n, what=what),
}


def flag_label(code: str) -> str:
    return FLAG_LABELS.get(code, code.replace("_", " "))


def grade_label(code: str | None) -> str:
    if not code:
        return NOT_GRADED
    return GRADE_LABELS.get(code, code.replace("_", " "))


def readable_step(text: str) -> str:
    """An audit-trail step with the engine's codes in words (the stored text is left as it is)."""
    for tier, label in TIER_LABELS.items():
        text = text.replace(f'"{tier}"', f'"{label}"').replace(f"({tier})", f"({label})")
        text = text.replace(f"'{tier}'", f"'{label}'")
    # The engine's "independent" means "not a party to the event", which state media can be.
    text = text.replace("(independent)", "(not a party to the event)")
    # "agreement … is not independent" is independence of each other, not of the event.
    text = re.sub(r"(?<!not )\bindependent\b", "unaffiliated", text)
    return re.sub(
        r"\b(" + "|".join(FLAG_LABELS) + r")\b", lambda m: f"“{flag_label(m.group(1))}”", text
    )


def group_summary(group: Mapping, claims: Mapping[int, Mapping], what: str = "") -> str:
    """One paragraph for a desk editor: how many, by whose count, what was set aside and why, and
    how firm it is. "At least 42 people were killed, by the count of Ministry of Health; a figure
    of 164 (Ministry of Information) was withdrawn by its source. Grade: weak: one source…"

    A `Said` made of Saids: a report reads it as the English text it is, a page in its
    reader's language (web.form_messages.say), figures included.
    """
    metric = group.get("metric", "")
    category = group.get("category")
    # A category of the vocabulary in the reader's words ("warga sipil"); a label as written.
    subject = what or (
        ""
        if category in (None, "total")
        else Said(" (%(category)s)", category=vocabulary_category(category))
    )
    head = _how_many(group)
    sentence = METRIC_SENTENCES.get(metric, _counted_as(metric))(head, subject)
    if group.get("place"):
        where = Said("in %(place)s", place=group["place"])
        sentence = Said("%(sentence)s %(where)s", sentence=sentence, where=where)
    used = [claims[i] for i in group.get("claims_used", []) if i in claims]
    best = group.get("best")
    # Whoever stated the best figure, as a point or as one end of a range ("at least 42").
    backing = [c for c in used if best is not None and best in (c.get(k) for k in FIGURE_KEYS)]
    if group.get("low") is not None or best is not None:
        if backing or len(used) == 1:
            sentence = Said(
                "%(sentence)s, by the count of %(sources)s",
                sentence=sentence,
                sources=every_one(sorted({_who(c) for c in backing or used})),
            )
        elif used:
            # No one gave this figure (the sum of a country's provinces, say): it is worked out
            # from theirs, and naming one of them as its source would put words in its mouth.
            sentence = Said(
                "%(sentence)s, worked out from the counts of %(sources)s",
                sentence=sentence,
                sources=_listed(sorted({_who(c) for c in used})),
            )
    parts = [sentence]
    set_aside = [
        (claims[i], str(reason))
        for i, reason in group.get("claims_set_aside", [])
        if i in claims and claims[i].get("kind") == "quantity"
    ]
    # A reader needs the figures taken back (withdrawn, disowned, corrected), not every earlier
    # figure a running tally moved past: those are counted, and listed in the audit trail.
    notable = [(c, r) for c, r in set_aside if not r.startswith(ROUTINE)]
    for claim, reason in notable[:NOTABLE_SHOWN]:
        figure = claim.get("value") if claim.get("value") is not None else claim.get("point")
        happened = SET_ASIDE_WORDS.get(reason) or Said(
            "was set aside (%(reason)s)", reason=reason.replace("_", " ")
        )
        if claim.get("qualifier") == "vague":
            # "Dozens" is no figure of 12, whatever point the engine reads it at: its words.
            quote = claim.get("quote")
            shown = Said("the vague “%(quote)s”", quote=quote) if quote else Said("a vague figure")
        elif figure is not None:
            shown = Said("a figure of %(figure)s", figure=_n(figure))
        else:
            shown = Said("a vague figure")
        parts.append(
            Said(
                "%(figure)s (%(source)s) %(happened)s",
                figure=shown,
                source=_who(claim),
                happened=happened,
            )
        )
    rest = len(set_aside) - min(len(notable), NOTABLE_SHOWN)
    if rest:
        parts.append(Said("%(count)s other figure(s) were overtaken or set aside", count=_n(rest)))
    text = Said(
        "%(text)s. Grade: %(grade)s.",
        text=joined(parts, "; "),
        grade=grade_label(group.get("grade")),
    )
    flags = group.get("flags") or []
    if flags:
        text = Said(
            "%(text)s To check: %(flags)s.",
            text=text,
            flags=joined([flag_label(f) for f in flags], "; "),
        )
    return text


def _counted_as(metric: str):
    """The sentence of a metric the vocabulary does not name (an older row's)."""
    return lambda n, what: Said(
        "%(n)s people%(what)s counted as %(metric)s", n=n, what=what, metric=metric
    )


def _n(value) -> Number:
    """A figure as English writes it ("7,200"); a page writes it as its reader does."""
    return Number(format_number(value, thousands=","), value)


def _who(claim: Mapping) -> str:
    return claim.get("speaker") or claim.get("republished_from") or claim.get("outlet") or A_SOURCE


def _how_many(group: Mapping) -> str:
    low, best, high = group.get("low"), group.get("best"), group.get("high")
    if best is None and low is None:
        return Said("No usable figure of how many")
    if high is None:
        if low is not None:
            return Said("At least %(low)s", low=_n(low))
        return Said("About %(best)s", best=_n(best))
    if low == high:
        return _n(low)
    if best is not None and low is not None:
        return Said(
            "Between %(low)s and %(high)s (most likely %(best)s)",
            low=_n(low),
            high=_n(high),
            best=_n(best),
        )
    return Said("Between %(low)s and %(high)s", low=_n(low), high=_n(high))


FIGURE_KEYS = ("point", "value", "lower", "upper")


def _listed(names: list[str], shown: int = 3) -> str:
    """ "A, B and C", or "A, B, C and 4 other sources"."""
    if len(names) > shown:
        return Said(
            "%(names)s and %(count)s other sources",
            names=", ".join(names[:shown]),
            count=_n(len(names) - shown),
        )
    if len(names) == 1:
        return names[0]
    return Said(
        "%(names)s %(conj)s %(last)s", names=", ".join(names[:-1]), conj=AND, last=names[-1]
    )
