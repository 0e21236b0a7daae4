"""Offsets as the page shows the text (CRLF, NUL), as JavaScript counts them, and whole characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.domain.text_offsets import from_utf16, splits_character, stored_offset, utf16_offset

CRLF_ARTICLE = "Banjir Demak\r\nDua orang meninggal.\r\n14 orang tewas di Karanganyar."


def _page(text: str) -> str:
    """What an HTML parser leaves of the text: CRLF and CR as LF, no NUL."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "")


def test_an_offset_counted_on_the_page_finds_the_stored_words_after_crlf():
    page = _page(CRLF_ARTICLE)
    start = page.index("14 orang tewas")
    stored = stored_offset(CRLF_ARTICLE, start)
    end = stored_offset(CRLF_ARTICLE, start + len("14 orang tewas"), end=True)
    assert CRLF_ARTICLE[stored:end] == "14 orang tewas"


@given(st.text(alphabet=st.sampled_from(["a", "b", "\r", "\n", "\0", "é", "😀"]), max_size=40))
def test_every_page_offset_maps_to_the_same_character_in_the_stored_text(text):
    page = _page(text)
    for offset, shown in enumerate(page):
        stored = stored_offset(text, offset)
        assert text[stored] == shown or (shown == "\n" and text[stored] == "\r")
        ends = stored_offset(text, offset + 1, end=True)
        assert _page(text[stored:ends]) == shown


def test_javascript_offsets_count_emoji_twice_and_map_back():
    text = "Korban 😀 12 orang"
    start = text.index("12")
    assert utf16_offset(text, start) == start + 1
    assert from_utf16(text, start + 1) == start
    assert from_utf16(text, text.index("😀") + 1) is None  # inside the emoji's two units


def test_a_cut_inside_an_emoji_sequence_or_an_accent_splits_a_character():
    family = "x👨\u200d👩\u200d👧y"
    assert splits_character(family, family.index("\u200d"))
    assert splits_character(family, family.index("\u200d") + 1)
    thumbs = "👍🏽 ok"
    assert splits_character(thumbs, 1) and not splits_character(thumbs, 2)
    accent = "Cafe\u0301 tutup"
    assert splits_character(accent, 4) and not splits_character(accent, 5)
    flags = "🇹🇷🇸🇾"
    assert splits_character(flags, 1) and not splits_character(flags, 2)
    assert not splits_character("14 orang", 3)


def test_a_quote_that_cuts_an_emoji_in_two_is_refused_with_a_message():
    import pytest

    from factcheck.domain.anchors import AnchorError, build_anchor

    text = "Warga 👍🏽 mengungsi"
    with pytest.raises(AnchorError, match="inside a character a reader sees as one"):
        build_anchor(text, "Warga 👍")  # the thumb without its skin tone
    assert build_anchor(text, "Warga 👍🏽").end == text.index(" mengungsi")


def test_the_first_part_of_a_long_text_ends_at_a_line_break_never_inside_a_character():
    from factcheck.domain.text_offsets import first_part

    assert first_part("short", 100) == 5
    text = "one line\nanother line\nthird"
    assert first_part(text, 25) == text.index("\nthird")
    assert first_part("word " * 10, 22) == 19  # no line break: the last space
    emoji = "a" + "👍🏽" * 10
    assert not splits_character(emoji, first_part(emoji, 4))
