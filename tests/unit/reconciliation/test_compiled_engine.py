"""The engine compiled by setup.py answers exactly as its source does, and runs only when fresh."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from factcheck.domain import ENGINE_BUILD, compiled_engine
from factcheck.domain.reconciliation import ENGINE_VERSION, group

ROOT = Path(__file__).resolve().parents[3]

# What the engine answers for 400 generated events (seed 3), words, series and fingerprints
# included, per ENGINE_VERSION. Work on its speed must leave this as it is; a change to the
# rules or the wording bumps ENGINE_VERSION (stored results redo) and adds its line here.
ANSWERS = {
    "reconciliation-3": "407e986dfc3b47f7145f7e4a7ab919a75d52ec7b64e443d03ab546529ef05493",
    "reconciliation-4": "4a6b50f3820cef92b77a7e92d8a1b1b1eeaa6fe220f75414b404110cb0b79193",
    "reconciliation-5": "6bae643fb69c0c5c8a1b3b5f99b96d7d07395d14ac1173d97b69cbaeda87e52e",
    "reconciliation-6": "09a4c443c2ba68077fc5f7fb1913421e2c8448321f938d9792f775daf78a44fe",
    "reconciliation-7": "d70d077c9be36a930261f53403557bf570877a6a032ae01e26579c785850c2b2",
}


@functools.cache
def _digest(pure: bool) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("FACTCHECK_PURE_ENGINE", None)
    if pure:
        env["FACTCHECK_PURE_ENGINE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "bench.engine", "--events", "400", "--seed", "3", "--digest"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.strip()


def test_the_installed_engine_is_compiled_and_fresh():
    # scripts/setup compiles it; a silent fallback would leave every rebuild twice as slow.
    expected = "source" if os.environ.get("FACTCHECK_PURE_ENGINE") == "1" else "compiled"
    assert ENGINE_BUILD == expected
    assert group.__file__.endswith(tuple(EXTENSION_SUFFIXES)) == (expected == "compiled")


def test_setup_compiles_exactly_the_modules_the_freshness_check_compares():
    # A module compiled but not compared would run stale; one compared but not compiled
    # would make the engine "stale" forever.
    domain = ROOT / "factcheck" / "domain"
    built = {
        p.relative_to(domain).with_suffix("").with_suffix("")
        for suffix in EXTENSION_SUFFIXES
        for p in domain.rglob("*" + suffix)
        if not p.name.startswith("engine_native")
    }
    compared = {
        p.relative_to(domain).with_suffix("") for p in compiled_engine.engine_sources().values()
    }
    if ENGINE_BUILD == "compiled":
        assert built == compared
    assert "engine_modules()" in (ROOT / "setup.py").read_text()  # setup.py asks the same list


def test_compiled_and_source_engines_give_identical_results_words_and_series():
    compiled, source = _digest(pure=False), _digest(pure=True)
    assert len(compiled) == 64
    assert compiled == source


def test_the_engine_answers_as_its_version_did_when_it_was_set():
    """The same results, words, series and fingerprints as when ENGINE_VERSION was set: a
    faster engine (#17) must not move them, or the stored fingerprints would lie."""
    assert _digest(pure=False) == ANSWERS[ENGINE_VERSION]


def _domain(tmp_path: Path) -> Path:
    """A domain folder shaped like the real one: two modules and the reconciliation package."""
    (tmp_path / "reconciliation").mkdir()
    for name in (
        "ranks.py",
        "vocabulary.py",
        "reconciliation/__init__.py",
        "reconciliation/group.py",
    ):
        (tmp_path / name).write_text("# source\n")
    return tmp_path


def _build(source: Path, at: float) -> None:
    twin = source.with_name(source.stem + EXTENSION_SUFFIXES[0])
    twin.write_bytes(b"")
    os.utime(twin, (at, at))


def test_a_source_edited_after_the_build_makes_the_engine_run_from_source(tmp_path, monkeypatch):
    domain = _domain(tmp_path)
    monkeypatch.delenv("FACTCHECK_PURE_ENGINE", raising=False)
    assert compiled_engine.state(domain) == "source"  # never built
    sources = compiled_engine.engine_sources(domain)
    assert sorted(sources) == [
        "factcheck.domain.ranks",
        "factcheck.domain.reconciliation",
        "factcheck.domain.reconciliation.group",
        "factcheck.domain.vocabulary",
    ]
    for path in sources.values():
        os.utime(path, (1000, 1000))
        _build(path, 2000)
    assert compiled_engine.state(domain) == "compiled"
    os.utime(sources["factcheck.domain.reconciliation.group"], (3000, 3000))  # edited since
    assert compiled_engine.state(domain) == "stale"
    _build(sources["factcheck.domain.reconciliation.group"], 4000)
    assert compiled_engine.state(domain) == "compiled"
    monkeypatch.setenv("FACTCHECK_PURE_ENGINE", "1")
    assert compiled_engine.state(domain) == "source"


def test_running_from_source_imports_each_engine_module_from_its_py_file(tmp_path):
    domain = _domain(tmp_path)
    finder = compiled_engine.SourceFirst(compiled_engine.engine_sources(domain))
    package = finder.find_spec("factcheck.domain.reconciliation")
    module = finder.find_spec("factcheck.domain.reconciliation.group")
    assert package.origin == str(domain / "reconciliation" / "__init__.py")
    assert package.submodule_search_locations == [str(domain / "reconciliation")]
    assert module.origin == str(domain / "reconciliation" / "group.py")
    assert finder.find_spec("factcheck.domain.anchors") is None  # not compiled: left alone
