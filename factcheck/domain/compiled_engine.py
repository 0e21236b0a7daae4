"""Run the compiled engine (setup.py) only when it was built from the source as it is now.

The engine's modules are compiled in place by mypyc when the project is installed
(`pip install -e .`, which scripts/setup runs). Python would import a compiled module
before its source even after the source was edited, so this checks first: when any
engine module is missing its compiled twin or is newer than it, or FACTCHECK_PURE_ENGINE=1,
every engine module is imported from source instead, all together (compiled modules call
each other directly, so a mix would run old code). scripts/setup rebuilds a stale engine.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from pathlib import Path

DOMAIN = Path(__file__).parent
PACKAGE = "factcheck.domain"


def engine_sources(domain: Path = DOMAIN) -> dict[str, Path]:
    """Module name -> source file, for every module setup.py compiles."""
    sources = {
        f"{PACKAGE}.ranks": domain / "ranks.py",
        f"{PACKAGE}.vocabulary": domain / "vocabulary.py",
    }
    for path in sorted((domain / "reconciliation").glob("*.py")):
        name = f"{PACKAGE}.reconciliation"
        sources[name if path.stem == "__init__" else f"{name}.{path.stem}"] = path
    return sources


def _built(source: Path) -> Path | None:
    for suffix in EXTENSION_SUFFIXES:
        candidate = source.with_name(source.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def state(domain: Path = DOMAIN) -> str:
    """'compiled', 'stale' (built, but from older source) or 'source' (never built, or refused)."""
    return _state(engine_sources(domain))[0]


def _state(sources: dict[str, Path]) -> tuple[str, bool]:
    """The state, and whether any compiled module exists (which Python would prefer)."""
    built = {name: _built(path) for name, path in sources.items()}
    if not any(built.values()):
        return "source", False
    for name, path in sources.items():
        twin = built[name]
        if twin is None or twin.stat().st_mtime < path.stat().st_mtime:
            return "stale", True
    return ("source" if os.environ.get("FACTCHECK_PURE_ENGINE") == "1" else "compiled"), True


class SourceFirst:
    """Imports the engine's modules from their .py files, passing over compiled twins."""

    def __init__(self, sources: dict[str, Path]):
        self.sources = sources

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        source = self.sources.get(fullname)
        if source is None:
            return None
        package = [str(source.parent)] if source.stem == "__init__" else None
        return importlib.util.spec_from_file_location(
            fullname, source, submodule_search_locations=package
        )


def choose() -> str:
    """Import the engine from source unless the compiled engine is fresh; the state chosen."""
    sources = engine_sources()
    chosen, any_built = _state(sources)
    # With nothing compiled, Python finds the sources by itself: no importer needed.
    if chosen != "compiled" and any_built:
        if not any(isinstance(f, SourceFirst) for f in sys.meta_path):
            sys.meta_path.insert(0, SourceFirst(sources))
    if chosen == "stale":
        print(
            "factcheck: the compiled engine is older than its source; running the source "
            "(scripts/setup rebuilds it)",
            file=sys.stderr,
        )
    return chosen
