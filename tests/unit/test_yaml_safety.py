"""The sidecar loader refuses YAML that can exhaust memory, crash or mislead (issue #15)."""

from __future__ import annotations

import time

import pytest
import yaml

from factcheck.domain.yaml_lines import YamlRefused, load_with_lines

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize(
    "source, line, message",
    [
        (BILLION_LAUGHS, 2, "aliases"),
        ("a: &x [1, *x]\n", 1, "aliases"),
        ("claims:\n  - &c {id: 1}\n  - *c\n", 3, "aliases"),
        ("[" * 20_000 + "]" * 20_000, 1, "nested more than"),
        ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 200)), None, "nested more than"),
        ("article:\n  title: x\n  title: y\n", 3, "duplicate key 'title'"),
        ("x: !!python/object:os.system ls\n", 1, "tag"),
        ("x: !!timestamp 0000-01-01\n", 1, "tag"),
    ],
)
def test_hostile_yaml_is_refused_fast_with_its_line(source, line, message):
    began = time.perf_counter()
    with pytest.raises(YamlRefused) as refused:
        load_with_lines(source)
    # Refused before expanding: a billion laughs expanded would take minutes and gigabytes.
    # The bound only tells that from a refusal, not a speed (it took 1.3 s on a busy machine).
    assert time.perf_counter() - began < 10.0
    assert message in refused.value.problem
    if line is not None:
        assert refused.value.problem_mark.line + 1 == line


def test_duplicate_key_names_the_field():
    with pytest.raises(YamlRefused) as refused:
        load_with_lines("claims:\n  - id: a\n    value: 1\n    value: 2\n")
    assert refused.value.field == "claims[0].value"


def test_scalars_are_read_by_yaml_1_2():
    doc, _ = load_with_lines(
        "a: 1:30\nb: 012\nc: yes\nd: 1e30\ne: 2022-01-10\nf: 0x10\ng: ~\nh: true\ni: .nan\n"
        "j: " + "9" * 5000 + "\n"
    )
    assert doc["a"] == "1:30"  # not 90: sexagesimal is YAML 1.1
    assert doc["b"] == 12  # not octal 10
    assert doc["c"] == "yes"
    assert doc["d"] == 1e30
    assert doc["e"] == "2022-01-10"  # dates stay text; the checker reads and bounds them
    assert doc["f"] == 16
    assert doc["g"] is None and doc["h"] is True
    assert doc["i"] != doc["i"]
    assert doc["j"] == "9" * 5000  # kept as text for the checker to refuse, not int()'d


def test_malformed_yaml_still_raises_a_yaml_error():
    with pytest.raises(yaml.YAMLError):
        load_with_lines("a: [1\n")
