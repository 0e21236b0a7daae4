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
)

RANKS = ("deprecated", "normal", "preferred")
DEPRECATED_REASONS = ("retracted", "corrected", "disowned", "withdrawn")

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


def category_children(category: str) -> list[str]:
    """The direct, mutually disjoint sub-categories of `category`."""
    return [c for c, p in CATEGORY_PARENT.items() if p == category]


# The interface's languages (Flask-Babel catalogues in factcheck/translations); the first is the default.
LOCALES = ("en", "id")
LOCALE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}
