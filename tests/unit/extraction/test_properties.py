"""Properties: any text is handled, every anchor is exact, and the domain stays framework-free."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.domain.extraction import findings, suggest
from factcheck.domain.qualifiers import to_interval
from tests.unit.extraction.scoring import CORPUS, ROOT

_SENTENCES = [
    line
    for path in sorted(CORPUS.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").split("\n")
    if line.strip()
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=8),
    st.sampled_from(["en", "id", None]),
)
def test_anchors_are_exact_and_intervals_consistent(lines, language):
    text = "\n".join(lines)
    for s in suggest(text, language=language):
        assert text[s.anchor.start : s.anchor.end] == s.quote
        if s.kind == "quantity":
            assert s.lower is not None and (s.upper is None or s.lower <= s.upper)
            if s.qualifier not in ("range", "vague"):
                assert to_interval(s.qualifier, value=s.value).lower == s.lower
        for target in s.retracts:
            assert text[target.start : target.end] == target.exact


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    for language in ("en", "id"):
        suggest(text, language=language)
    if text.strip():
        findings(text, language="id")


def test_domain_does_not_import_frameworks():
    code = (
        "import sys, factcheck.domain.extraction as e; e.suggest('Police said 3 people were killed.', 'en'); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'celery', 'wtforms')]; "
        "sys.exit(f'imported {bad}' if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_modules_stay_small():
    for path in (ROOT / "factcheck" / "domain" / "extraction").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 300, path.name
