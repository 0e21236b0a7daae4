"""The evaluation script's scoring, loaded from scripts/ for the tests (one matching rule)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = ROOT.parent / "shared" / "corpus" / "voa-islam-2022-01-11-kazakhstan.id.txt"
CORPUS = ROOT / "tests" / "corpus"
HELDOUT = CORPUS / "heldout"
TIMELINE = ROOT.parent / "shared" / "corpus" / "timeline"

_spec = importlib.util.spec_from_file_location(
    "evaluate_extraction", ROOT / "scripts" / "evaluate_extraction.py"
)
evaluate_extraction = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluate_extraction)


def row(result: dict, language: str, kind: str) -> dict:
    return next(r for r in result["rows"] if r["language"] == language and r["kind"] == kind)


def field(result: dict, language: str, name: str) -> dict:
    empty = {"gold": 0, "suggested": 0, "tp_gold": 0, "precision": None, "recall": None}
    found = (r for r in result["fields"] if r["language"] == language and r["field"] == name)
    return next(found, empty)
