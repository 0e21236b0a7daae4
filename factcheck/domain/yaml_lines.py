"""Load YAML and remember the line of every value, so errors can point at it."""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]


def load_with_lines(source: str) -> tuple[Any, dict[Path, int]]:
    """The document (safe-loaded) and a map from each value's path to its 1-based line.

    `("claims", 5, "quote")` is the quote of the sixth claim. Raises
    yaml.YAMLError on malformed input, with the mark of the problem.
    """
    node = yaml.compose(source, Loader=yaml.SafeLoader)
    data = yaml.safe_load(source)
    lines: dict[Path, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _walk(value_node, (*path, str(key_node.value)), lines)
            # A key's own line is where a missing or odd value is best reported.
            lines.setdefault((*path, str(key_node.value)), key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines)


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of its nearest ancestor that exists."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
