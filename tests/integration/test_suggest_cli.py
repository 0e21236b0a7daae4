"""`flask factcheck suggest FILE`: JSON suggestions for a text file, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from tests.support.paths import REFERENCE_TEXT


def test_suggest_prints_json_and_stores_nothing(cli, db):
    result = cli.invoke(
        args=["factcheck", "suggest", str(REFERENCE_TEXT), "--language", "id", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    keys = {
        "quote",
        "kind",
        "metric",
        "category",
        "category_label",
        "qualifier",
        "modality",
        "value",
        "lower",
        "upper",
        "attributed_to",
        "stated_on",
    }
    assert all(keys <= set(item) for item in items)
    detained = next(i for i in items if i["metric"] == "detained")
    assert (detained["qualifier"], detained["value"], detained["lower"], detained["upper"]) == (
        "nearly",
        8000,
        7200,
        8000,
    )
    assert (detained["attributed_to"], detained["stated_on"]) == (
        "Kementerian Dalam Negeri",
        "2022-01-10",
    )
    retraction = next(i for i in items if i["kind"] == "retraction")
    assert retraction["retracts_quote"] == "lebih dari 164 orang tewas"
    text = REFERENCE_TEXT.read_text(encoding="utf-8")
    assert all(text[i["start"] : i["end"]] == i["quote"] for i in items)
    with db.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM articles")) == 0


def test_suggest_detects_the_language_and_prints_text_or_findings(cli):
    result = cli.invoke(args=["factcheck", "suggest", str(REFERENCE_TEXT), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "nearly 8000" in result.output
    result = cli.invoke(args=["factcheck", "suggest", str(REFERENCE_TEXT), "--findings"])
    kinds = {f["kind"]: f for f in json.loads(result.output)}
    assert kinds["calendar_mismatch"]["value"] == "2024-11-29"
    assert kinds["republished_from"]["value"] == "TRT"


def test_suggest_refuses_a_file_that_is_not_utf8(cli, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"caf\xe9 12 people were killed")
    result = cli.invoke(args=["factcheck", "suggest", str(path)])
    assert result.exit_code == 1
    assert "not UTF-8" in result.output


def test_the_extraction_corpus_imports_cleanly(cli):
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    result = cli.invoke(args=["factcheck", "import", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "Imported 13 article(s)" in result.output
