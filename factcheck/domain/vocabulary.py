"""The controlled vocabulary of DOMAIN.md: one place that names every kind.

Models, forms, importers and the engine all read these tuples, so a new metric
or relation type is added here once.
"""

from __future__ import annotations

CLAIM_KINDS = ("quantity", "allegation", "denial", "retraction", "statement")

METRICS = (
    "killed",
    "injured",
    "missing",
    "detained",
    "in_custody",
    "displaced",
    "troops_deployed",
)

# Running tallies only rise over time (DOMAIN.md §5 rule 2).
RUNNING_TALLIES = ("killed", "injured", "missing", "detained")

# Categories form a tree; siblings are disjoint, so their sum is a floor for the
# parent (§5 rule 4). The tree is the same for every metric.
CATEGORY_PARENT: dict[str, str | None] = {
    "total": None,
    "civilians": "total",
    "security forces": "total",
    "armed assailants": "total",
    "protesters": "total",
    "foreign nationals": "total",
    "unknown": "total",
    "children": "civilians",
    "women": "civilians",
    "police": "security forces",
    "military": "security forces",
}
CATEGORIES = tuple(CATEGORY_PARENT)

QUALIFIERS = (
    "exact",
    "more_than",
    "at_least",
    "nearly",
    "approximately",
    "at_most",
    "range",
    "vague",
)

MODALITIES = ("count", "estimate", "projection")

RELATION_TYPES = (
    "retracts",
    "corrects",
    "supersedes",
    "disowns",
    "denies",
    "corroborates",
    "contradicts",
    "component_of",
    "republishes",
    # A reviewer's decision that two figures count different things: never in conflict.
    "different_scope",
)

RANKS = ("deprecated", "normal", "preferred")
DEPRECATED_REASONS = ("retracted", "corrected", "disowned", "withdrawn", "set_aside")
# How a deprecation reason reads where it is not its own word.
REASON_WORDS = {"set_aside": "set aside by editor"}


def reason_words(reason: str | None) -> str:
    """A deprecation reason as pages print it: "retracted", "set aside by editor"."""
    return REASON_WORDS.get(reason or "", reason or "")


# DOMAIN.md §6: how a reviewer closes a conflict. Figures are decided by preferring one,
# setting one aside, or saying they count different things; "dismiss" closes a conflict
# that decides no figure (a stale event, a label, a repeated retracted figure).
CONFLICT_OUTCOMES = ("prefer", "set_aside", "different_scope", "dismiss")
# Kinds a dismissal cannot close: they hold the grade at contested until a figure is decided.
DECIDED_BY_FIGURES = ("value_conflict",)

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")

CONFLICT_KINDS = (
    "value_conflict",
    "retracted_still_cited",
    "downward_revision",
    "component_overlap",
    "category_conflict",
    "scope_mismatch",
    "single_partisan_source",
    "attribution_disowned",
    "stale",
)
CONFLICT_STATUSES = ("open", "resolved", "dismissed")

# DOMAIN.md §7: rating -> schema.org ratingValue (None: alternateName only).
RATINGS: dict[str, int | None] = {
    "accurate": 5,
    "mostly accurate": 4,
    "mixed": 3,
    "misleading": 2,
    "inaccurate": 1,
    "unverifiable": None,
    "retracted by source": None,
}

OUTLET_KINDS = (
    "news agency",
    "news site",
    "broadcaster",  # radio and television
    "state media",
    "government",
    "NGO",
    "blog",
    "other",
)

ACTOR_KINDS = (
    "person",
    "government",
    "military",
    "armed group",
    "NGO",
    "international organisation",
    "media",
    "other",
)

ROLES = ("reviewer", "editor", "admin")

LANGUAGES = ("id", "en")


def category_ancestors(category: str) -> list[str]:
    """The categories that contain `category`, nearest first."""
    out: list[str] = []
    parent = CATEGORY_PARENT.get(category)
    while parent is not None:
        out.append(parent)
        parent = CATEGORY_PARENT.get(parent)
    return out


def figure_groups(metric: str, category: str) -> list[tuple[str, str]]:
    """The group a figure belongs to, then every group above it: (metric, category), nearest first.

    A sub-total feeds the floor of every total above it, so a change to a
    figure touches all of these groups: the queue, a rebuild's progress, a
    claim's report and the engine all take the set from here.
    """
    return [(metric, c) for c in (category, *category_ancestors(category))]


def category_children(category: str) -> tuple[str, ...]:
    """The direct, mutually disjoint sub-categories of `category`."""
    return _CHILDREN.get(category, ())


# Worked out once: the engine asks for a group's sub-categories for every group on every day.
_CHILDREN: dict[str, tuple[str, ...]] = {}
for _child, _parent in CATEGORY_PARENT.items():
    if _parent is not None:
        _CHILDREN[_parent] = (*_CHILDREN.get(_parent, ()), _child)


# The interface's languages (Flask-Babel catalogues in factcheck/translations); the first is the default.
LOCALES = ("en", "id")
LOCALE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}
