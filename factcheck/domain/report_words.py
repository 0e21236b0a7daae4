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
from factcheck.domain.said import Said

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
    "retracted": "was withdrawn by its source",
    "corrected": "was corrected later",
    "disowned": "was disowned by the source it was attributed to",
    "withdrawn": "was withdrawn by a reviewer",
    "superseded": "was overtaken by a later figure from the same source",
    "overtaken": "was overtaken by a later figure",
    "republished": "repeats another outlet's report",
}
# Reasons a running tally sets a figure aside as a matter of course (a later figure moved past it).
ROUTINE = ("superseded", "overtaken", "republished", "not current")
NOTABLE_SHOWN = 3
METRIC_WORDS = {
    "killed": "were killed",
    "injured": "were injured",
    "missing": "are missing",
    "detained": "were detained",
    "in_custody": "are in custody",
    "displaced": "were displaced",
    "troops_deployed": "troops were deployed",
}


def flag_label(code: str) -> str:
    return FLAG_LABELS.get(code, code.replace("_", " "))


def grade_label(code: str | None) -> str:
    return GRADE_LABELS.get(code or "", (code or "not graded").replace("_", " "))


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


def _n(value) -> str:
    return format_number(value, thousands=",")


def _who(claim: Mapping) -> str:
    return (
        claim.get("speaker") or claim.get("republished_from") or claim.get("outlet") or "a source"
    )


def _how_many(group: Mapping) -> str:
    low, best, high = group.get("low"), group.get("best"), group.get("high")
    if best is None and low is None:
        return "No usable figure"
    if high is None:
        return f"At least {_n(low)}" if low is not None else f"About {_n(best)}"
    if low == high:
        return _n(low)
    if best is not None and low is not None:
        return f"Between {_n(low)} and {_n(high)} (most likely {_n(best)})"
    return f"Between {_n(low)} and {_n(high)}"


FIGURE_KEYS = ("point", "value", "lower", "upper")


def _listed(names: list[str], shown: int = 3) -> str:
    """ "A, B and C", or "A, B, C and 4 other sources"."""
    if len(names) > shown:
        return ", ".join(names[:shown]) + f" and {len(names) - shown} other sources"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def group_summary(group: Mapping, claims: Mapping[int, Mapping], what: str = "") -> str:
    """One paragraph for a desk editor: how many, by whose count, what was set aside and why, and
    how firm it is. "At least 42 people were killed, by the count of Ministry of Health; a figure
    of 164 (Ministry of Information) was withdrawn by its source. Grade: weak: one source…"
    """
    verb = METRIC_WORDS.get(group.get("metric", ""), f"counted as {group.get('metric')}")
    people = "" if group.get("metric") == "troops_deployed" else " people"
    subject = what or (
        "" if group.get("category") in (None, "total") else f" ({group['category']})"
    )
    head = _how_many(group)
    sentence = f"{head}{people}{subject} {verb}"
    if group.get("place"):
        sentence += f" in {group['place']}"
    used = [claims[i] for i in group.get("claims_used", []) if i in claims]
    best = group.get("best")
    # Whoever stated the best figure, as a point or as one end of a range ("at least 42").
    backing = [c for c in used if best is not None and best in (c.get(k) for k in FIGURE_KEYS)]
    if head != "No usable figure":
        if backing or len(used) == 1:
            sentence += ", by the count of " + " and ".join(
                sorted({_who(c) for c in backing or used})
            )
        elif used:
            # No one gave this figure (the sum of a country's provinces, say): it is worked out
            # from theirs, and naming one of them as its source would put words in its mouth.
            sentence += ", worked out from the counts of " + _listed(
                sorted({_who(c) for c in used})
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
        what_happened = SET_ASIDE_WORDS.get(reason, f"was set aside ({reason.replace('_', ' ')})")
        shown = f"a figure of {_n(figure)}" if figure is not None else "a vague figure"
        parts.append(f"{shown} ({_who(claim)}) {what_happened}")
    rest = len(set_aside) - min(len(notable), NOTABLE_SHOWN)
    if rest:
        parts.append(f"{_n(rest)} other figure(s) were overtaken or set aside")
    text = "; ".join(parts) + "."
    text = text[:1].upper() + text[1:]
    text += f" Grade: {grade_label(group.get('grade'))}."
    flags = group.get("flags") or []
    if flags:
        text += " To check: " + "; ".join(flag_label(f) for f in flags) + "."
    return text
