"""A metadata finding keeps its detail as a sentence id and arguments that write it again."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from factcheck.domain.extraction import findings
from factcheck.domain.extraction.finding_words import WRITERS, detail_text
from tests.unit.extraction.scoring import CORPUS

# Headers and bodies that make every sentence the extractor writes, each way it can go.
COMPOSED = [
    "Selasa, 27 Jumadil Awwal 1446 H / 11 Januari 2022 22:25 wib\nBody 1.234 kali dibaca.",
    "Rabu, 27 Jumadil Awwal 1443 H / 11 Januari 2022 22:25 wib\nBody dibaca 5.000 kali.",
    "Selasa, 8 Jumadil Awwal 1443 H / 11 Januari 2022 22:25 wib\nBody",  # weekday: Gregorian
    "Ahad, 8 Jumadil Awwal 1443 H / 11 Januari 2022 22:25 wib\nBody",  # weekday: Hijri
    "Senin, 8 Jumadil Awwal 1300 H / 11 Januari 2022 22:25 wib\nBody",  # outside the tables
    "Sunday 17 September 2023 11.05 BST\nSeen 1,200 views and 3.5 views.",
    "Monday 17 September 2023 11.05 BST\nBody",
    "Это текст на русском языке о событиях, которые произошли вчера в городе.",
    "ANKARA (Anadolu) - The death toll rose to 5,000 on Tuesday, officials said.\n\nSource: Reuters",
]


def _found():
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))] + COMPOSED
    published = datetime(2022, 1, 15, 3, tzinfo=UTC)
    for i, text in enumerate(texts):
        others = [(j, t) for j, t in enumerate(texts) if j != i][:4]
        yield from findings(text, published_at=published, candidates=[*others, (99, text[:400])])


FOUND = list(_found())


def test_every_sentence_is_made_by_some_text():
    assert set(WRITERS) <= {f.kind for f in FOUND}
    agreements = [f.words[1][3] for f in FOUND if f.kind == "calendar_mismatch"]
    assert {("gregorian",), ("hijri",)} <= {a[2] for a in agreements if a}


@pytest.mark.parametrize("dumps", [json.dumps, lambda v: json.dumps(v, ensure_ascii=False)])
def test_a_stored_finding_writes_its_detail_again_word_for_word(dumps):
    for finding in FOUND:
        stored = json.loads(dumps(finding.to_dict()))  # as the JSON column keeps it
        assert stored["words"][0] == finding.kind
        assert detail_text(stored["words"], "as stored") == finding.detail, finding


def test_the_english_reads_as_before():
    weekday = next(f for f in FOUND if f.kind == "weekday_mismatch" and f.detail[:8] == '"Monday"')
    assert weekday.detail == '"Monday" is a Monday but 2023-09-17 is a Sunday'
    unreadable = next(f for f in FOUND if f.kind == "calendar_unreadable")
    assert unreadable.detail == (
        '"8 Jumadil Awwal 1300 H" is outside the Umm al-Qura tables; not checked.'
    )
    both = next(f for f in FOUND if f.kind == "calendar_mismatch" and "(Sunday)" in f.detail)
    assert both.detail.endswith('The weekday "Ahad" (Sunday) agrees with the Hijri date.')


@pytest.mark.parametrize(
    "words",
    [
        None,
        [],
        "dateline",
        ["dateline"],
        ["no such sentence", []],
        ["dateline", ["only one"]],
        ["dateline", "not a list"],
        [7, []],
        ["weekday_mismatch", ["Senin", 9, "2022-01-11", 1]],
        ["calendar_mismatch", [[], [], 3, None]],
        ["calendar_mismatch", [["a", "b", 1], ["c", "d", 1, 1, "m", 1], 2, ["Senin", 0, ["x"]]]],
        # What a restored backup may hold: each would have written something, or raised
        # past the fallback (a huge number), or picked a weekday by a negative index.
        ["weekday_mismatch", ["Senin", -1, "2022-01-11", 1]],
        ["weekday_mismatch", ["Senin", True, "2022-01-11", 1]],
        ["republished_from", ["middle", "TRT", "TRT"]],
        ["language", ["id", 10**400, True]],
        ["language", ["id", "0.5", True]],
        ["republishes", [10**400, 3]],
        ["view_count", ["x", "abc", "id"]],
        ["view_count", ["x", [1], "id"]],
        ["view_count", ["x", float("nan"), "id"]],
        [
            "calendar_mismatch",
            [["a", "b", 1], ["c", "d", 1, 1, "m", 1], 2, ["Senin", 0, ["hijri", "hijri"]]],
        ],
        [
            "calendar_mismatch",
            [["a", "b", 1], ["c", "d", 1, 1, "m", 1], 2, ["S", 0, ["hijri", "gregorian", "x"]]],
        ],
    ],
)
def test_words_that_cannot_be_written_leave_the_stored_detail(words):
    assert detail_text(words, "as stored") == "as stored"
