"""The domain's vocabulary codes (domain/vocabulary.py) in the reader's language.

Codes stay the stored values and the API's; pages show them through the `term`
filter and choice labels through `term()`. English shows the code with spaces
for underscores, as before. A new code gets its line here (the catalogue test
lists what is missing: tests/integration/test_interface_language.py).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from factcheck.i18n import current_locale, local_date, local_datetime

TERMS = {
    # claim kinds
    "quantity": _l("quantity"),
    "allegation": _l("allegation"),
    "denial": _l("denial"),
    "retraction": _l("retraction"),
    "statement": _l("statement"),
    # metrics
    "killed": _l("killed"),
    "injured": _l("injured"),
    "missing": _l("missing"),
    "detained": _l("detained"),
    "in_custody": _l("in custody"),
    "displaced": _l("displaced"),
    "troops_deployed": _l("troops deployed"),
    # categories
    "total": _l("total"),
    "civilians": _l("civilians"),
    "security forces": _l("security forces"),
    "armed assailants": _l("armed assailants"),
    "protesters": _l("protesters"),
    "foreign nationals": _l("foreign nationals"),
    "unknown": _l("unknown"),
    "children": _l("children"),
    "women": _l("women"),
    "police": _l("police"),
    "military": _l("military"),
    # qualifiers
    "exact": _l("exact"),
    "more_than": _l("more than"),
    "at_least": _l("at least"),
    "nearly": _l("nearly"),
    "approximately": _l("approximately"),
    "at_most": _l("at most"),
    "range": _l("range"),
    "vague": _l("vague"),
    # modalities
    "count": _l("count"),
    "estimate": _l("estimate"),
    "projection": _l("projection"),
    # relation types
    "retracts": _l("retracts"),
    "corrects": _l("corrects"),
    "supersedes": _l("supersedes"),
    "disowns": _l("disowns"),
    "denies": _l("denies"),
    "corroborates": _l("corroborates"),
    "contradicts": _l("contradicts"),
    "component_of": _l("component of"),
    "republishes": _l("republishes"),
    "different_scope": _l("different scope"),
    # ranks and why a claim is set aside
    "deprecated": _l("deprecated"),
    "normal": _l("normal"),
    "preferred": _l("preferred"),
    "retracted": _l("retracted"),
    "corrected": _l("corrected"),
    "disowned": _l("disowned"),
    "withdrawn": _l("withdrawn"),
    "set_aside": _l("set aside by editor"),
    # grades
    "confirmed": _l("confirmed"),
    "fair": _l("fair"),
    "weak": _l("weak"),
    "contested": _l("contested"),
    "discounted": _l("discounted"),
    # conflict kinds and statuses
    "value_conflict": _l("value conflict"),
    "retracted_still_cited": _l("retracted still cited"),
    "downward_revision": _l("downward revision"),
    "component_overlap": _l("component overlap"),
    "category_conflict": _l("category conflict"),
    "scope_mismatch": _l("scope mismatch"),
    "single_partisan_source": _l("single partisan source"),
    "attribution_disowned": _l("attribution disowned"),
    "stale": _l("stale"),
    "open": _l("open"),
    "resolved": _l("resolved"),
    "dismissed": _l("dismissed"),
    # what the extractor notices about an article (its metadata findings)
    "language": _l("language"),
    "dateline": _l("dateline"),
    "weekday_mismatch": _l("weekday mismatch"),
    "calendar_mismatch": _l("calendar mismatch"),
    "calendar_unreadable": _l("calendar unreadable"),
    "dateline_mismatch": _l("dateline mismatch"),
    "view_count": _l("view count"),
    "republished_from": _l("republished from"),
    # outlet and actor kinds
    "news agency": _l("news agency"),
    "broadcaster": _l("broadcaster"),
    "news site": _l("news site"),
    "state media": _l("state media"),
    "government": _l("government"),
    "NGO": _l("NGO"),
    "blog": _l("blog"),
    "other": _l("other"),
    "person": _l("person"),
    "armed group": _l("armed group"),
    "international organisation": _l("international organisation"),
    "media": _l("media"),
    # what a page or a change is about (sources lists, histories)
    "actors": _l("actors"),
    "outlets": _l("outlets"),
    "places": _l("places"),
    "actor": _l("actor"),
    "outlet": _l("outlet"),
    "place": _l("place"),
    "claim": _l("claim"),
    "article": _l("article"),
    "event": _l("event"),
    "relation": _l("relation"),
    "review": _l("review"),
    "conflict": _l("conflict"),
    "create": _l("create"),
    "update": _l("update"),
    "withdraw": _l("withdraw"),
    "restore": _l("restore"),
    "merge": _l("merge"),
    "undo merge": _l("undo merge"),
    "publish": _l("publish"),
    "resolve": _l("resolve"),
    "dismiss": _l("dismiss"),
    "report": _l("report"),
    # verdicts (vocabulary.RATINGS)
    "accurate": _l("accurate"),
    "mostly accurate": _l("mostly accurate"),
    "mixed": _l("mixed"),
    "misleading": _l("misleading"),
    "inaccurate": _l("inaccurate"),
    "unverifiable": _l("unverifiable"),
    "retracted by source": _l("retracted by source"),
    # roles, report and job states
    "reviewer": _l("reviewer"),
    "editor": _l("editor"),
    "admin": _l("admin"),
    "draft": _l("draft"),
    "published": _l("published"),
    "queued": _l("queued"),
    "running": _l("running"),
    "done": _l("done"),
    "failed": _l("failed"),
}


# The engine's explanation steps, by the rule each applies (Step.rule), as a step's label.
STEP_RULES = {
    "rank": _l("rank"),
    "tally": _l("running tally"),
    "time": _l("time"),
    "origin": _l("origins"),
    "components": _l("parts"),
    "low": _l("low"),
    "high": _l("high"),
    "best": _l("best"),
    "grade": _l("grade"),
    "side": _l("other estimates"),
    "partisan": _l("partisan"),
    "decision": _l("decision"),
    "figure": _l("figure"),
}


# A stored row's columns as a history names them; a column not listed shows as its name.
FIELD_LABELS = {
    "attributed_to_id": _l("speaker"),
    "cites_id": _l("cites"),
    "place_id": _l("place"),
    "outlet_id": _l("outlet"),
    "republished_from_outlet_id": _l("republished from"),
    "event_id": _l("event"),
    "exact": _l("quote"),
    "stated_on": _l("stated on"),
    "as_of": _l("as of"),
    "lower": _l("lower bound"),
    "upper": _l("upper bound"),
    "category_label": _l("label"),
    "deprecated_reason": _l("why deprecated"),
    "preferred_reason": _l("why preferred"),
    "set_aside_reason": _l("why set aside"),
    "withdrawn_at": _l("withdrawn"),
    "resolved_at": _l("resolved"),
    "resolved_by_id": _l("resolved by"),
    "outcome_claim_id": _l("the claim decided"),
    "published_at": _l("published"),
    "published_by_id": _l("published by"),
    "reviewer_id": _l("reviewer"),
    "evidence_links": _l("evidence"),
    "published_utc_offset": _l("time zone"),
}


def field_label(name: str) -> str:
    """A column's name as the history shows it, in the reader's language."""
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else shown_term(name)


def history_value(value: object) -> str:
    """A stored value as the history shows it: nothing as a dash, yes and no, a moment in the
    reader's form; codes in words."""
    if value is None or value == "" or value == []:
        return "—"
    if value is True or value is False:
        return _("yes") if value else _("no")
    if isinstance(value, str) and _MOMENT.fullmatch(value):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return local_datetime(moment.astimezone(UTC) if moment.tzinfo else moment)
    if isinstance(value, list):
        return ", ".join(history_value(v) for v in value)
    if isinstance(value, str):
        return shown_term(value) if value in TERMS else value
    return str(value)


_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?")


def step_rule(code: str) -> str:
    """A step's rule as its label on a page, in the reader's language."""
    return str(STEP_RULES.get(code) or code)


# Why the engine set a figure aside, as it stores it: a code (a rank's reason), a phrase, or
# a phrase naming the claim that set it aside. Each in the reader's language.
ASIDE_PHRASES = {
    "no figure stated": _l("no figure stated"),
    "partisan figure far outside the others": _l("partisan figure far outside the others"),
}
_NAMES_A_CLAIM = (
    (re.compile(r"superseded by claim (\d+)"), lambda m: _("superseded by claim %(id)s", id=m[1])),
    (re.compile(r"part of claim (\d+)"), lambda m: _("part of claim %(id)s", id=m[1])),
    (
        re.compile(r"republished copy of claim (\d+)"),
        lambda m: _("republished copy of claim %(id)s", id=m[1]),
    ),
    (
        re.compile(r"overtaken by claim (\d+), (\d{4}-\d\d-\d\d)"),
        lambda m: _(
            "overtaken by claim %(id)s, %(date)s",
            id=m[1],
            date=local_date(date.fromisoformat(m[2])),
        ),
    ),
    (
        re.compile(r"overtaken by the sum of its parts, (\d{4}-\d\d-\d\d)"),
        lambda m: _(
            "overtaken by the sum of its parts, %(date)s",
            date=local_date(date.fromisoformat(m[1])),
        ),
    ),
)


def aside(reason: str | None) -> str:
    """Why a figure was set aside, in the reader's language ("superseded by claim 21")."""
    if not reason:
        return ""
    for pattern, words in _NAMES_A_CLAIM:
        found = pattern.fullmatch(reason)
        if found:
            return words(found)
    return str(ASIDE_PHRASES.get(reason) or shown_term(reason))


def term(code):
    """A code in the reader's language (lazy: usable in form classes); unknown codes as they are."""
    if not code:
        return code
    return TERMS.get(code) or str(code).replace("_", " ")


# Each code's words per language, translated once: a page of claims shows ~100 codes, and
# each lazy translation asked Flask-Babel for the request's catalogue anew (1-2 ms a page).
_SHOWN: dict[tuple[str, str], str] = {}


def shown_term(code) -> str:
    """What the `term` filter prints: `term(code)` as text, in the page's language."""
    if not code:
        return code
    if not isinstance(code, str):  # not a code at all (a restored row may hold anything)
        return str(code)
    if code not in TERMS:  # free text (an unknown code) is not kept
        return str(term(code))
    key = (current_locale(), code)
    if (text := _SHOWN.get(key)) is None:
        text = _SHOWN[key] = str(TERMS[code])
    return text


def register(app: Flask) -> None:
    app.jinja_env.filters["term"] = shown_term
    app.jinja_env.filters["step_rule"] = step_rule
    app.jinja_env.filters["aside"] = aside
    app.jinja_env.filters["field_label"] = field_label
    app.jinja_env.filters["history_value"] = history_value
