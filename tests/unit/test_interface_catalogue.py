"""The Indonesian catalogue covers every interface string the code and templates mark, and only those."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from tests.support.interface_language import CATALOGUE
from tests.support.paths import ROOT


def _extracted(tmp_path: Path):
    """What `pybabel extract` finds now, with the project's own babel.cfg and keywords."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg"]
        + ["-k", "_l", "-k", "lazy_gettext", "-k", "Said"]
        + ["--no-location", "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as f:
        return read_po(f)


def _catalogue():
    with CATALOGUE.open("rb") as f:
        return read_po(f, locale="id")


def test_every_marked_string_has_an_indonesian_translation(tmp_path):
    catalogue = _catalogue()
    missing = [
        m.id
        for m in _extracted(tmp_path)
        if m.id and (m.id not in catalogue or not catalogue[m.id].string or catalogue[m.id].fuzzy)
    ]
    assert not missing, (
        f"{len(missing)} strings have no Indonesian translation (docs/translating.md): {missing}"
    )


def test_the_catalogue_holds_no_string_the_code_no_longer_uses(tmp_path):
    marked = {m.id for m in _extracted(tmp_path) if m.id}
    stale = [m.id for m in _catalogue() if m.id and m.id not in marked]
    assert not stale, f"strings no longer in the code or templates: {stale}"


def test_translations_keep_every_placeholder():
    """A translation that drops or renames a %(name)s would fail at run time (KeyError) or lie."""
    problems = [
        (message.id, [str(e) for e in errors]) for message, errors in _catalogue().check() if errors
    ]
    assert not problems, problems
