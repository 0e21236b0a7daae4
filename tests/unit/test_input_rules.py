"""The input rules every entry path shares (domain/input_rules.py), alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from factcheck.domain.input_rules import (
    DateRange,
    check_amount,
    check_day,
    check_moment,
    check_number_text,
    check_slug,
    check_text,
    normalise_newlines,
)


def test_text():
    assert check_text("fine\ttext\nwith lines\r\n") is None
    assert "NUL" in check_text("a\x00b")
    assert "control" in check_text("a\x07b")
    assert "line breaks" in check_text("a\nb", multiline=False)
    assert "surrogates" in check_text("a\ud800")
    assert "At most 3" in check_text("abcd", 3)


def test_line_endings_become_lf():
    assert normalise_newlines("a\r\nb\rc\r\r\nd") == "a\nb\nc\n\nd"


@pytest.mark.parametrize("slug", ["2022-kazakhstan", "a1"])
def test_good_slugs(slug):
    assert check_slug(slug) is None


@pytest.mark.parametrize("slug", ["2022/x", "a\nb", "A", "-a", "a--b", "", "a" * 121])
def test_bad_slugs(slug):
    assert check_slug(slug) is not None


def test_amounts():
    assert check_amount(164) is None and check_amount(1e15) is None
    for bad in (float("nan"), float("inf"), -1, 1e30, 10**400, True):
        assert check_amount(bad) is not None, bad
    assert check_number_text("9" * 41) is not None and check_number_text("8.000") is None


def test_dates_and_offsets():
    assert check_day(date(2022, 1, 10)) is None
    assert "between 1900 and 2100" in check_day(date(22, 1, 10))
    assert DateRange(1800, 1900).check(date(1850, 1, 1)) is None
    assert check_moment(datetime(2022, 1, 1, tzinfo=UTC)) is None
    far = timezone(timedelta(hours=23, minutes=59))
    assert "offset" in check_moment(datetime(2022, 1, 1, tzinfo=far))
