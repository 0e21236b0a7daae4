"""The rebuild benchmark at several commits, one after the other in one run, ratios side by side.

    git worktree add --detach /tmp/bench-b18 b18fd9b
    git worktree add --detach /tmp/bench-9d3 9d3f7dd
    .venv/bin/python -m bench.rebuild_commits --events 10000 \\
        b18fd9b=/tmp/bench-b18 9d3f7dd=/tmp/bench-9d3 rebuild=.

Each checkout runs its own `bench.rebuild` (its own migrations, generator and
engine) with this venv, imported from the checkout (cwd and PYTHONPATH there),
into a database of its own. The first commit named is the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path


def run_at(label: str, checkout: Path, events: int, extra: list[str]) -> dict:
    # Older checkouts ran their benchmarks as scripts (`python bench/rebuild.py`).
    as_module = (checkout / "bench" / "__init__.py").exists()
    command = ["-m", "bench.rebuild"] if as_module else ["bench/rebuild.py"]
    path = f"{checkout}" if as_module else f"{checkout / 'bench'}:{checkout}"
    out = subprocess.run(
        [sys.executable, *command, "--events", str(events)]
        + ["--database", f"factcheck_bench_{label}", *extra],
        cwd=checkout,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout[out.stdout.index("{") :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("checkouts", nargs="+", help="label=path, the baseline first")
    parser.add_argument("--last-args", default="", help="extra bench.rebuild flags for the last")
    args = parser.parse_args()
    reports = {}
    for i, pair in enumerate(args.checkouts):
        label, path = pair.split("=", 1)
        extra = args.last_args.split() if i == len(args.checkouts) - 1 else []
        reports[label] = run_at(label, Path(path).resolve(), args.events, extra)
        print(f"{label}: {json.dumps(reports[label])}", file=sys.stderr)
    base = next(iter(reports.values()))["rebuild_s"]
    summary = {
        label: {
            "rebuild_s": r["rebuild_s"],
            "floor_s": r["floor_s"],
            "ratio_to_floor": r["ratio_to_floor"],
            "time_vs_first": round(r["rebuild_s"] / base, 2),
        }
        for label, r in reports.items()
    }
    print(json.dumps({"runs": reports, "summary": summary}, indent=2))


if __name__ == "__main__":
    main()
