"""Load YAML safely and remember the line of every value, so errors can point at it.

A sidecar comes from anyone, so the loader refuses what can hurt or mislead:
aliases (a 700-byte "billion laughs" file expands to gigabytes), nesting
deeper than any sidecar needs (20,000 levels end in RecursionError), duplicate
keys (PyYAML keeps the last one silently) and tags other than the plain ones.
Scalars are read by the YAML 1.2 core schema, as docs/import-format.md says:
`1:30` and `012` are not sexagesimal or octal numbers, `yes` is text, and
dates stay text for the checker, which knows which years make sense.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

Path = tuple[str | int, ...]

# A sidecar is four levels deep (claims → entry → findings → entry); far more is an attack.
MAX_DEPTH = 50
# An integer longer than this is kept as text, for the checker to refuse with its line.
MAX_INT_DIGITS = 40

_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP}


class YamlRefused(yaml.MarkedYAMLError):
    """The file is well-formed YAML the importer will not read; `problem_mark` says where."""

    def __init__(self, problem: str, node: yaml.Node | yaml.Event, path: Path = ()):
        super().__init__(problem=problem, problem_mark=node.start_mark)
        self.field = dotted(path) or "yaml"


class _Core12Resolver(BaseResolver):
    """YAML 1.2 core schema: the plain scalars that are not text."""


for _tag, _pattern, _first in (
    (_BOOL, r"true|True|TRUE|false|False|FALSE", "tTfF"),
    (_INT, r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        _FLOAT,
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+.0123456789",
    ),
    (_NULL, r"~|null|Null|NULL|", ["~", "n", "N", ""]),
):
    _Core12Resolver.add_implicit_resolver(_tag, re.compile(rf"^(?:{_pattern})$"), list(_first))


class _Constructor(SafeConstructor):
    """Integers and floats by the 1.2 rules; a huge integer stays text (see MAX_INT_DIGITS)."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | str:
        value = str(self.construct_scalar(node))
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16) if len(value) <= 20 else value
        if len(value.lstrip("+-")) > MAX_INT_DIGITS:
            return value
        return int(value)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = str(self.construct_scalar(node)).lower()
        if value.endswith((".inf", ".nan")):
            return float(value.replace(".", ""))
        return float(value)


_Constructor.add_constructor(_INT, _Constructor.construct_yaml_int)
_Constructor.add_constructor(_FLOAT, _Constructor.construct_yaml_float)


class _SafeLoader(Reader, Scanner, Parser, Composer, _Constructor, _Core12Resolver):
    """A loader with no aliases, bounded depth and unique keys."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Constructor.__init__(self)
        _Core12Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise YamlRefused(
                "aliases (*name) are not read: write the value out", self.peek_event()
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlRefused(f"nested more than {MAX_DEPTH} levels deep", self.peek_event())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_with_lines(source: str) -> tuple[Any, dict[Path, int]]:
    """The document and a map from each value's path to its 1-based line.

    `("claims", 5, "quote")` is the quote of the sixth claim. Raises
    yaml.YAMLError on malformed input, and YamlRefused on aliases, deep
    nesting, duplicate keys or unusual tags, each with the mark of the problem.
    """
    loader = _SafeLoader(source)
    try:
        node = loader.get_single_node()
        lines: dict[Path, int] = {}
        if node is None:
            return None, lines
        _walk(node, (), lines)
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int]) -> None:
    if node.tag not in PLAIN_TAGS:
        raise YamlRefused(f"the tag {node.tag} is not read here", node, path)
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlRefused("a key must be a plain name", key_node, path)
            key = str(key_node.value)
            if key in seen:
                raise YamlRefused(f"duplicate key {key!r}", key_node, (*path, key))
            seen.add(key)
            _walk(value_node, (*path, key), lines)
            # A key's own line is where a missing or odd value is best reported.
            lines.setdefault((*path, key), key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines)


def dotted(path: Path) -> str:
    """A path as a field name: `("claims", 3, "place")` is `claims[3].place`."""
    return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of its nearest ancestor that exists."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
