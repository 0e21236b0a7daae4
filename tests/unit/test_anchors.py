"""Anchors into the stored article text (factcheck.domain.anchors)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from factcheck.domain.anchors import CONTEXT, Anchor, AnchorError, build_anchor, validate_anchor

CORPUS = Path("/work/shared/corpus")
ARTICLE_PATH = CORPUS / "voa-islam-2022-01-11-kazakhstan.id.txt"
CLAIMS_PATH = CORPUS / "voa-islam-2022-01-11-kazakhstan.claims.yaml"


@pytest.fixture(scope="module")
def article() -> str:
    # newline="" keeps the stored text byte-for-byte: offsets are into it
    with ARTICLE_PATH.open(encoding="utf-8", newline="") as f:
        return f.read()


def _claims() -> list[dict]:
    return yaml.safe_load(CLAIMS_PATH.read_text(encoding="utf-8"))["claims"]


@pytest.mark.parametrize("claim", _claims(), ids=lambda c: c["id"])
def test_every_reference_quote_anchors_once(article: str, claim: dict) -> None:
    quote = claim["quote"]
    anchor = build_anchor(article, quote)
    assert article.count(quote) == 1
    assert article[anchor.start : anchor.end] == quote == anchor.exact
    assert anchor.start == article.index(quote)
    assert anchor.prefix == article[max(0, anchor.start - CONTEXT) : anchor.start]
    assert anchor.suffix == article[anchor.end : anchor.end + CONTEXT]
    validate_anchor(article, anchor)


def test_offsets_are_code_points(article: str) -> None:
    # the en dash before "yang dimulai" is one code point but three UTF-8 bytes
    anchor = build_anchor(article, "yang dimulai dengan unjuk rasa")
    assert article[anchor.start - 2] == "\u2013"
    assert anchor.start == article.index("yang dimulai dengan unjuk rasa")
    assert anchor.start != article.encode("utf-8").index(b"yang dimulai")


def test_ambiguous_quote_is_refused_with_positions(article: str) -> None:
    starts = [i for i in range(len(article)) if article.startswith("Tokayev", i)]
    assert len(starts) == 6
    with pytest.raises(AnchorError) as err:
        build_anchor(article, "Tokayev")
    message = str(err.value)
    assert 'quote "Tokayev" occurs 6 times' in message
    assert ", ".join(map(str, starts)) in message
    assert "give a prefix, suffix or start" in message


def test_ambiguous_quote_resolved_by_prefix(article: str) -> None:
    anchor = build_anchor(article, "Tokayev", prefix="Kassym-Jomart ")
    assert anchor.start == article.index("Kassym-Jomart Tokayev") + len("Kassym-Jomart ")
    assert anchor.prefix.endswith("Kassym-Jomart ") and len(anchor.prefix) == CONTEXT
    validate_anchor(article, anchor)


def test_ambiguous_quote_resolved_by_suffix_and_start(article: str) -> None:
    by_suffix = build_anchor(article, "Tokayev", suffix=" mengklaim dalam pertemuan")
    assert article[by_suffix.end :].startswith(" mengklaim dalam pertemuan")
    by_start = build_anchor(article, "Tokayev", start=by_suffix.start)
    assert by_start == by_suffix


def test_hints_that_still_leave_several_are_reported(article: str) -> None:
    with pytest.raises(AnchorError, match=r"6 times.*; 4 fit suffix ' mengatakan'"):
        build_anchor(article, "Tokayev", suffix=" mengatakan")


def test_hints_that_fit_nothing(article: str) -> None:
    with pytest.raises(AnchorError, match=r"6 times .* but none fits the given prefix 'Presiden '"):
        build_anchor(article, "Tokayev", prefix="Presiden ")
    # a hint that contradicts a unique quote is an error too, not ignored
    with pytest.raises(AnchorError, match=r"occurs once .* but it does not fit the given start 0"):
        build_anchor(article, "Itu adalah percobaan kudeta", start=0)


def test_missing_quote(article: str) -> None:
    with pytest.raises(AnchorError, match=r'quote "Tokayev menang" is not in the article text$'):
        build_anchor(article, "Tokayev menang")


def test_missing_quote_hints_at_whitespace_and_quote_differences(article: str) -> None:
    typographic = "\u201cItu adalah  percobaan\nkudeta,\u201d"
    with pytest.raises(AnchorError) as err:
        build_anchor(article, typographic)
    position = article.index('"Itu adalah percobaan kudeta,"')
    assert "is not in the article text" in str(err.value)
    assert f"found with different whitespace/quotes at {position}" in str(err.value)


def test_empty_quote(article: str) -> None:
    with pytest.raises(AnchorError, match="empty"):
        build_anchor(article, "")


def test_no_silent_whitespace_normalisation(article: str) -> None:
    with pytest.raises(AnchorError):
        build_anchor(article, "Itu adalah  percobaan kudeta")


@pytest.fixture
def coup(article: str) -> Anchor:
    return build_anchor(article, "Itu adalah percobaan kudeta")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(start=-1), "do not fit the article text"),
        (dict(end=10**6), r"do not fit the article text of \d+ characters"),
        (dict(end=0, start=0), "need 0 <= start < end"),
        (dict(start=5, end=3), "need 0 <= start < end"),
    ],
)
def test_validate_rejects_bad_offsets(article: str, coup: Anchor, change, message) -> None:
    with pytest.raises(AnchorError, match=message):
        validate_anchor(article, dataclasses.replace(coup, **change))


def test_validate_says_what_differs(article: str, coup: Anchor) -> None:
    shifted = dataclasses.replace(coup, start=coup.start + 1, end=coup.end + 1)
    with pytest.raises(AnchorError) as err:
        validate_anchor(article, shifted)
    message = str(err.value)
    assert f'text at {coup.start + 1}..{coup.end + 1} is "tu adalah percobaan kudeta,"' in message
    assert '"Itu adalah percobaan kudeta"' in message
    assert f"the quote occurs at {coup.start}" in message


def test_validate_checks_prefix_and_suffix(article: str, coup: Anchor) -> None:
    with pytest.raises(AnchorError, match="prefix"):
        validate_anchor(article, dataclasses.replace(coup, prefix="something else"))
    with pytest.raises(AnchorError, match="suffix"):
        validate_anchor(article, dataclasses.replace(coup, suffix="something else"))
    validate_anchor(article, dataclasses.replace(coup, prefix="", suffix=""))


def test_validate_detects_edited_text(article: str, coup: Anchor) -> None:
    shifted_text = "X" + article  # re-stored with one more character in front
    with pytest.raises(AnchorError, match="but the anchor's exact quote is"):
        validate_anchor(shifted_text, coup)
    after = article[: coup.end] + "!" + article[coup.end :]  # quote intact, suffix changed
    with pytest.raises(AnchorError, match="suffix"):
        validate_anchor(after, coup)


texts = st.text(alphabet="ab \u2013\u00e9\U0001f600", min_size=1, max_size=60)


@given(texts, st.data())
def test_any_slice_anchors_at_its_start(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    anchor = build_anchor(text, text[start:end], start=start)
    assert (anchor.start, anchor.end, anchor.exact) == (start, end, text[start:end])
    validate_anchor(text, anchor)
    # its own prefix and suffix admit it: found again, or (periodic text such as
    # "abab…", where 32 characters of context do not settle it) reported ambiguous
    try:
        again = build_anchor(text, anchor.exact, prefix=anchor.prefix, suffix=anchor.suffix)
    except AnchorError as err:
        assert "none fits" not in str(err) and "fit prefix" in str(err)
    else:
        assert again == anchor


def test_context_can_leave_periodic_text_ambiguous() -> None:
    text = "ab" * 30
    anchor = build_anchor(text, "ab", start=0)
    with pytest.raises(AnchorError, match="30 times.*14 fit prefix ''"):
        build_anchor(text, "ab", prefix=anchor.prefix, suffix=anchor.suffix)
