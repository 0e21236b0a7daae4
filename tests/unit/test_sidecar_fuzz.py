"""Any sidecar is read or refused with FILE:LINE: FIELD messages, never a traceback (issue #15).

Hypothesis replaces one value of the reference sidecar with a hostile one (a
list, a mapping, NUL, a 5,000-digit number, 1e30, year 0, an alias-free deep
list, a huge offset) and checks that load_annotation either reads it or
raises AnnotationInvalid; no other exception may escape.
"""

from __future__ import annotations

import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.domain.annotation import AnnotationInvalid, load_annotation
from tests.support.paths import REFERENCE_TEXT, REFERENCE_YAML

HOSTILE = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            0,
            -1,
            1e30,
            float("nan"),
            float("inf"),
            10**50,
            "9" * 5000,
            "0000-01-01",
            "0022-01-10",
            "2022-01-10T10:00:00+23:59",
            "2022-13-45",
            "1:30",
            "a\x00b",
            "line\nbreak",
            "2022/x",
            "x" * 3000,
            [],
            {},
            [[[[[1]]]]],
            {"a": {"b": {"c": 1}}},
        ]
    ),
    st.text(max_size=20),
    st.integers(),
    st.floats(),
    st.lists(st.text(max_size=5), max_size=3),
)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


REFERENCE = yaml.safe_load(REFERENCE_YAML.read_text(encoding="utf-8"))
PATHS = [p for p in _paths(REFERENCE) if p]


def _replaced(doc, path, value):
    if len(path) == 1:
        doc[path[0]] = value
    else:
        _replaced(doc[path[0]], path[1:], value)
    return doc


@settings(
    max_examples=200,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(path=st.sampled_from(PATHS), value=HOSTILE)
def test_a_hostile_value_anywhere_is_read_or_refused_with_its_line(tmp_path_factory, path, value):
    folder = tmp_path_factory.mktemp("fuzz")
    text = folder / REFERENCE_TEXT.name
    shutil.copyfile(REFERENCE_TEXT, text)
    doc = _replaced(yaml.safe_load(REFERENCE_YAML.read_text(encoding="utf-8")), path, value)
    (folder / REFERENCE_YAML.name).write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    try:
        load_annotation(text)
    except AnnotationInvalid as refused:
        assert refused.problems and all(p.field and p.message for p in refused.problems)
