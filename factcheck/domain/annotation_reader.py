"""Read typed values out of a loaded sidecar, collecting every problem with its line.

The importer refuses a file whole but names everything wrong in it at once, so
the reviewer fixes the file in one pass: nothing here raises, it notes.
"""

from __future__ import annotations

from datetime import date, datetime

from factcheck.domain.annotation import Problem, Ref, Where
from factcheck.domain.yaml_lines import Path, line_of


class SidecarChecker:
    """Read typed values out of a sidecar's mappings, noting each problem with its file and line."""

    def __init__(self, yaml_path: str, lines: dict[Path, int]):
        self.yaml_path = yaml_path
        self.lines = lines
        self.problems: list[Problem] = []
        self.refs: list[Ref] = []

    def where(self, path: Path) -> Where:
        """The file, line and dotted field name (`claims[3].place`) of a value."""
        name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
        return Where(self.yaml_path, line_of(self.lines, path), name or "document")

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
            if isinstance(item, str) and item.strip():
                out.append((item.strip(), at))
            else:
                self.fail(at, f"must be a name (text), not {item!r}")
        return out

    def text(self, data: dict, path: Path, key: str, required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail((*path, key), "is required")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail((*path, key), f"must be text, not {type(value).__name__}")
            return None
        return str(value)

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
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail((*path, key), f"not a date (YYYY-MM-DD): {value!r}")
            return None

    def moment(self, data: dict, path: Path, key: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        except ValueError:
            self.fail((*path, key), f"not an ISO 8601 date-time: {value!r}")
            return None
        if moment.tzinfo is None:
            self.fail((*path, key), f"give a time zone offset, e.g. {moment.isoformat()}+07:00")
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
