"""Read typed values out of a loaded sidecar, collecting every problem with its line.

The importer refuses a file whole but names everything wrong in it at once, so
the reviewer fixes the file in one pass: nothing here raises, it notes.
"""

from __future__ import annotations

from datetime import date, datetime

from factcheck.domain.annotation import Problem, Ref, Where
from factcheck.domain.input_rules import (
    DEFAULT_DATES,
    LENGTHS,
    DateRange,
    check_day,
    check_moment,
    check_text,
)
from factcheck.domain.web_address import url_problem
from factcheck.domain.yaml_lines import Path, dotted, line_of

# The column each sidecar field is stored in, by field name (input_rules.LENGTHS).
TEXT_LENGTHS = {
    "name": LENGTHS["name"],
    "outlet": LENGTHS["name"],
    "republished_from": LENGTHS["name"],
    "attributed_to": LENGTHS["name"],
    "cites": LENGTHS["name"],
    "place": LENGTHS["name"],
    "within": LENGTHS["name"],
    "parent": LENGTHS["slug"],
    "event": LENGTHS["slug"],
    "category_label": LENGTHS["name"],
    "role": LENGTHS["name"],
    "affiliation": LENGTHS["name"],
    "kind": LENGTHS["kind"],
    "country": LENGTHS["country"],
    "url": LENGTHS["url"],
    "language": LENGTHS["language"],
    "unit": LENGTHS["unit"],
    "id": LENGTHS["source_key"],
    "slug": LENGTHS["slug"],
}

# Fields that may run over several lines; every other text (names, titles, slugs, ids, vocabulary
# words) is one line, as the forms' single-line inputs and intake_article's title check hold it.
MULTILINE_FIELDS = frozenset(
    {
        "proposition",
        "translation",
        "notes",
        "quote",
        "prefix",
        "suffix",
        "detail",
        "preferred_reason",
    }
)


class SidecarChecker:
    """Read typed values out of a sidecar's mappings, noting each problem with its file and line."""

    def __init__(self, yaml_path: str, lines: dict[Path, int], dates: DateRange = DEFAULT_DATES):
        self.yaml_path = yaml_path
        self.dates = dates
        self.lines = lines
        self.problems: list[Problem] = []
        self.refs: list[Ref] = []

    def where(self, path: Path) -> Where:
        """The file, line and dotted field name (`claims[3].place`) of a value."""
        return Where(self.yaml_path, line_of(self.lines, path), dotted(path) or "document")

    def fail(self, path: Path, message: str) -> None:
        self.problems.append(self.where(path).problem(message))

    def refer(self, entity: str, name: str | None, path: Path) -> None:
        """Note a name this file uses; it is checked once every file of the import is read."""
        if name is not None:
            self.refs.append(Ref(entity, name, self.where(path)))

    def only(self, data: dict, path: Path, allowed: set[str]) -> None:
        """Refuse fields the format does not know (a typo would otherwise be dropped silently)."""
        for key in data:
            if key not in allowed:
                self.fail((*path, str(key)), f"unknown field {key!r}")

    def texts(self, data: dict, path: Path, key: str) -> list[tuple[str, Path]]:
        """A list of names (`aliases`, `places`) with each one's path; one name alone is a list."""
        value = data.get(key)
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        if not isinstance(value, list) and not isinstance(value, str):
            self.fail((*path, key), "must be a list of names")
            return []
        out = []
        for index, item in enumerate(items):
            at = (*path, key, index) if isinstance(value, list) else (*path, key)
            problem = check_text(item, LENGTHS["name"]) if isinstance(item, str) else None
            if problem:
                self.fail(at, problem)
            elif isinstance(item, str) and item.strip():
                out.append((item.strip(), at))
            else:
                self.fail(at, f"must be a name (text), not {item!r}")
        return out

    def text(
        self, data: dict, path: Path, key: str, required: bool = False, max_length: int = 0
    ) -> str | None:
        """A text value; a number is read as its text. Checked as every entry path checks text."""
        value = data.get(key)
        if value is None:
            if required:
                self.fail((*path, key), "is required")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail((*path, key), f"must be text, not {type(value).__name__}")
            return None
        text = str(value)
        limit = max_length or TEXT_LENGTHS.get(key)
        problem = check_text(text, limit, multiline=key in MULTILINE_FIELDS)
        if problem:
            self.fail((*path, key), problem)
            return None
        if required and not text.strip():
            self.fail((*path, key), "is required and may not be blank")
            return None
        return text

    def web_address(self, data: dict, path: Path, key: str) -> str | None:
        """An address a reader can open (http or https, with a host), as intake by URL requires."""
        url = self.text(data, path, key)
        if url is not None and not url.strip():
            return None  # `url: ""`: optional, and none given
        problem = url_problem(url) if url is not None else None
        if problem:
            self.fail((*path, key), f"{problem}: {url[:200]!r}")
            return None
        return url

    def choice(
        self, data: dict, path: Path, key: str, allowed: tuple[str, ...], required: bool = False
    ) -> str | None:
        value = self.text(data, path, key, required)
        if value is not None and value not in allowed:
            self.fail(
                (*path, key), f"unknown {key} {value!r}; expected one of: {', '.join(allowed)}"
            )
            return None
        return value

    def day(self, data: dict, path: Path, key: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value)[:40])
        except ValueError:
            self.fail((*path, key), f"not a date (YYYY-MM-DD): {str(value)[:40]!r}")
            return None
        problem = check_day(day, self.dates)
        if problem:
            self.fail((*path, key), problem)
            return None
        return day

    def moment(self, data: dict, path: Path, key: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            moment = (
                value if isinstance(value, datetime) else datetime.fromisoformat(str(value)[:60])
            )
        except ValueError:
            self.fail((*path, key), f"not an ISO 8601 date-time: {str(value)[:60]!r}")
            return None
        if moment.tzinfo is None:
            self.fail((*path, key), f"give a time zone offset, e.g. {moment.isoformat()}+07:00")
            return None
        problem = check_moment(moment, self.dates)
        if problem:
            self.fail((*path, key), problem)
            return None
        return moment

    def items(self, doc: dict, key: str) -> list[tuple[Path, dict]]:
        value = doc.get(key) or []
        if not isinstance(value, list):
            self.fail((key,), "must be a list")
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append(((key, index), item))
            else:
                self.fail((key, index), "must be a mapping")
        return out
