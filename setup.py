"""Build hook: the reconciliation engine compiled with mypyc, or left as plain Python.

pyproject.toml holds the project's metadata; this file only adds the compiled
engine. The engine's modules are ordinary typed Python (the source of truth,
read and tested as such); mypyc turns them into C extensions about 1.7× as
fast, with identical results (tests/unit/reconciliation/test_compiled_engine.py).
Where compiling is impossible (no C compiler) or refused (FACTCHECK_PURE_ENGINE=1),
the package installs as plain Python and runs the same code, slower.
"""

import importlib.util
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).parent


def engine_modules() -> list[str]:
    """The files to compile: exactly those the runtime check (compiled_engine.py) compares.

    Loaded by path, not imported: importing the package would run its __init__, which
    needs the project's dependencies that a build environment does not have.
    """
    path = ROOT / "factcheck" / "domain" / "compiled_engine.py"
    spec = importlib.util.spec_from_file_location("_factcheck_compiled_engine", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [str(p.relative_to(ROOT)) for p in module.engine_sources().values()]


def engine_extensions() -> list:
    if os.environ.get("FACTCHECK_PURE_ENGINE") == "1":
        return []
    missing = _missing_compiler()
    if missing:
        print(f"setup.py: the engine stays plain Python: {missing}", file=sys.stderr)
        return []
    from mypyc.build import mypycify

    # A type error stops the build here, loudly: compiled code trusts the annotations.
    return mypycify(
        engine_modules(),
        opt_level="3",
        # The shared runtime library lives inside the package, where the editable
        # install finds it, instead of as a top-level module beside it.
        group_name="factcheck.domain.engine_native",
    )


def _missing_compiler() -> str:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    if not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")):
        return "no Python headers (Python.h)"
    return ""


setup(ext_modules=engine_extensions())
