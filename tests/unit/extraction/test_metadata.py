"""Findings: dateline formats, Hijri dates, weekdays, credit lines, near-duplicates, language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from factcheck.domain.extraction import (
    detect_language,
    find_credits,
    find_hijri,
    findings,
    near_duplicates,
    original_outlet,
    parse_dateline,
)
from factcheck.domain.extraction.lexicon import lexicon
from tests.unit.extraction.scoring import CORPUS


@pytest.mark.parametrize(
    "header, language, expected, offset_hours",
    [
        (
            "Selasa, 27 Jumadil Awwal 1446 H / 11 Januari 2022 22:25 wib\n",
            "id",
            datetime(2022, 1, 11, 22, 25),
            7,
        ),
        ("Sunday 17 September 2023 11.05 BST\n", "en", datetime(2023, 9, 17, 11, 5), 1),
        ("January 10, 2022 3:12 PM GMT+6\n", "en", datetime(2022, 1, 10, 15, 12), 6),
        ("Kompas.com - 22/11/2022, 20:31 WIB\n", "id", datetime(2022, 11, 22, 20, 31), 7),
        ("Minggu, 17 Sep 2023 14:20 WIB\n", "id", datetime(2023, 9, 17, 14, 20), 7),
    ],
)
def test_dateline_formats(header, language, expected, offset_hours):
    dl = parse_dateline(header + "Body.", lexicon(language))
    assert dl.moment == expected.replace(tzinfo=timezone(timedelta(hours=offset_hours)))


def test_dateline_without_a_year_takes_it_from_the_publication():
    dl = parse_dateline(
        "ALMATY, Jan 10 (Reuters) - Body.",
        lexicon("en"),
        datetime(2022, 1, 10, 12, tzinfo=UTC),
    )
    assert dl.day == date(2022, 1, 10)


def test_hijri_month_spellings_convert_with_umm_al_qura():
    (h,) = find_hijri("Senin, 7 Rabiul Awal 1444 H / 3 Oktober 2022")
    assert (h.month, h.gregorian) == (3, date(2022, 10, 3))
    (h,) = find_hijri("27 Jumadil Awwal 1446 H")
    assert h.gregorian == date(2024, 11, 29)


def test_consistent_hijri_header_gives_no_mismatch():
    text = (CORPUS / "hidayatullah-2022-10-03-kanjuruhan.id.txt").read_text(encoding="utf-8")
    kinds = {f.kind for f in findings(text)}
    assert "calendar_mismatch" not in kinds and "weekday_mismatch" not in kinds


def test_weekday_that_does_not_fit_the_date():
    found = findings(
        "Rabu, 11 Januari 2022 10:00 WIB\nPolisi mengatakan 3 orang tewas.", language="id"
    )
    assert any(f.kind == "weekday_mismatch" for f in found)


@pytest.mark.parametrize(
    "text, outlet, original",
    [
        ("ALMATY (voa-islam.com) - Teks.\nPenutup kalimat. (TRT)\n", "voa-islam.com", "TRT"),
        ("Body text here.\n\n— Reuters\n", "Daily Sabah", "Reuters"),
        ("Almaty (ANTARA) - Teks.\n\n(Sumber: Reuters)\n", "ANTARA", "Reuters"),
        ("Jakarta - Teks.\n\n(AFP/Reuters)\n", "detik.com", "AFP"),
        (
            "ALMATY, Jan 10 (Reuters) - Text.\n\n(Reporting by Olzhas Auyezov; Editing by Mark Heinrich)\n",
            "Reuters",
            None,
        ),
        ("ALMATY, Jan 10 (Reuters) - Text.\n", "Daily Sabah", "Reuters"),
        ("JAKARTA, KOMPAS.com - Teks.\n", "Kompas.com", None),
    ],
)
def test_credit_lines_suggest_the_original_outlet(text, outlet, original):
    credit = original_outlet(text, outlet)
    assert (credit.outlets[0] if credit else None) == original


def test_dateline_credit_is_the_outlets_own():
    (credit,) = find_credits("BENGHAZI, Libya (AP) — Text.\n")
    assert (credit.outlets, credit.where) == (("AP",), "dateline")


def test_near_duplicates_find_the_copy_not_other_articles():
    copy = (CORPUS / "dailysabah-2022-01-10-kazakhstan-copy.en.txt").read_text(encoding="utf-8")
    candidates = [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted(CORPUS.glob("*.txt"))
        if not path.name.startswith("dailysabah")
    ]
    found = near_duplicates(copy, candidates)
    assert [d.candidate_id for d in found] == ["reuters-2022-01-10-kazakhstan-detained.en.txt"]
    assert found[0].containment > 0.8
    kinds = [
        f.value
        for f in findings(copy, outlet="Daily Sabah", candidates=candidates)
        if f.kind == "republishes"
    ]
    assert kinds == ["reuters-2022-01-10-kazakhstan-detained.en.txt"]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_language_detection_on_the_corpus(path):
    assert detect_language(path.read_text(encoding="utf-8")).code == path.name.split(".")[-2]


def test_unsupported_language_is_reported():
    guess = detect_language(
        "Le ministère de l'Intérieur a annoncé que douze personnes avaient été tuées."
    )
    assert guess.code == "fr" and not guess.supported
