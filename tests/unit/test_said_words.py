"""A message stored as its words (template and values) is written again as it was said."""

from __future__ import annotations

import json

import pytest

from factcheck.domain.said import Number, Said, said_again, words_of


def test_words_survive_json_and_write_the_same_sentence_again():
    said = Said(
        "the page is larger than %(size)s bytes (%(why)s, %(count)s)",
        size=Number("5,000", 5000),
        why=Said("at most %(n)s", n=Number("2.5", 2.5, places=1)),
        count=3,
    )
    again = said_again(json.loads(json.dumps(words_of(said))), "stored")
    assert isinstance(again, Said) and again == said
    assert again.template == said.template
    assert isinstance(again.values["size"], Number) and again.values["size"].value == 5000
    assert again.values["why"].template == "at most %(n)s"
    assert again.values["why"].values["n"].places == 1


def test_plain_text_has_no_words():
    assert words_of("the page could not be reached") is None


@pytest.mark.parametrize(
    "words",
    [
        None,
        [],
        ["only a template"],
        [1, {}],
        ["%(a)s", []],
        ["%(a)s", {}],
        ["x", {"a": {"number": []}}],
    ],
)
def test_words_that_cannot_be_read_leave_the_stored_text(words):
    assert said_again(words, "as stored") == "as stored"
