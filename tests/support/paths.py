"""Where things are: the repository, the shared corpus beside it, the reference article."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
REFERENCE_TEXT = CORPUS / "voa-islam-2022-01-11-kazakhstan.id.txt"
REFERENCE_YAML = CORPUS / "voa-islam-2022-01-11-kazakhstan.claims.yaml"
