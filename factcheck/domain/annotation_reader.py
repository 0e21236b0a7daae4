"""Read typed values out of a loaded sidecar, collecting every problem with its line.

The importer refuses a file whole but names everything wrong in it at once, so
the reviewer fixes the file in one pass: nothing here raises, it notes.
"""

from __future__ import annotations

from datetime import date, datetime

from factcheck.domain.annotation import Problem
from factcheck.domain.yaml_lines import Path, line_of


class SidecarChecker:
    """Read typed values out of a sidecar's mappings, noting each problem with its file and line."""

    def __init__(self, yaml_path: str, lines: dict[Path, int]):
        self.yaml_path = yaml_path
        self.lines = lines
        self.problems: list[Problem] = []

    def fail(self, path: Path, message: str) -> None:
        name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
        self.problems.append(
            Problem(self.yaml_path, line_of(self.lines, path), name or "document", message)
        )

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
