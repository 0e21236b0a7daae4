"""The issue's acceptance checks on the shared reference article, scored against its annotation."""

from __future__ import annotations

from factcheck.domain.annotation import load_annotation
from factcheck.domain.extraction import findings, suggest
from tests.unit.extraction.scoring import REFERENCE, evaluate_extraction, row


def test_quantity_recall_and_overall_precision():
    result = evaluate_extraction.evaluate([REFERENCE])
    quantities = row(result, "id", "quantity")
    assert quantities["recall"] >= 0.9, quantities
    overall = row(result, "all", "all")
    assert overall["precision"] >= 0.8, overall


def test_the_retraction_is_tied_to_the_164_figure():
    ann = load_annotation(REFERENCE)
    retractions = [
        s
        for s in suggest(ann.text, published_at=ann.article.published_at)
        if s.kind == "retraction"
    ]
    assert len(retractions) == 1
    (retraction,) = retractions
    assert "mencabut" in retraction.quote
    assert [a.exact for a in retraction.retracts] == ["lebih dari 164 orang tewas"]
    assert (
        retraction.stated_on.isoformat() == "2022-01-09"
    )  # "Pada hari Ahad" before Tuesday 11 January


def test_detained_figure_reads_the_indonesian_locale_and_the_speaker():
    text = REFERENCE.read_text(encoding="utf-8")
    (detained,) = [s for s in suggest(text) if s.metric == "detained"]
    assert (detained.qualifier, detained.value, detained.lower, detained.upper) == (
        "nearly",
        8000,
        7200,
        8000,
    )
    assert detained.attributed_to == "Kementerian Dalam Negeri"
    assert detained.stated_on.isoformat() == "2022-01-10"  # "pada Senin"


def test_calendar_mismatch_and_original_outlet_are_found():
    text = REFERENCE.read_text(encoding="utf-8")
    found = {f.kind: f for f in findings(text, outlet="voa-islam.com")}
    mismatch = found["calendar_mismatch"]
    assert mismatch.value.isoformat() == "2024-11-29"
    assert mismatch.data["gregorian"] == "2022-01-11"
    assert "Selasa" in mismatch.detail and "Gregorian date" in mismatch.detail
    assert found["republished_from"].value == "TRT"
    assert found["language"].value == "id"
    assert found["view_count"].value == 3952
