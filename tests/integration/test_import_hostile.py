"""`factcheck import` refuses hostile and careless sidecars as FILE:LINE: FIELD: message (issue #15)."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from factcheck.models import Article, Claim, Event, Relation
from tests.support.paths import REFERENCE_TEXT, REFERENCE_YAML
from tests.unit.test_yaml_safety import BILLION_LAUGHS


def _copy(tmp_path: Path, edit=None, text: str | None = None) -> Path:
    target = tmp_path / REFERENCE_TEXT.name
    if text is None:
        shutil.copyfile(REFERENCE_TEXT, target)
    else:
        target.write_bytes(text.encode("utf-8"))
    source = REFERENCE_YAML.read_text(encoding="utf-8")
    (tmp_path / REFERENCE_YAML.name).write_text(edit(source) if edit else source, "utf-8")
    return target


def _line_of(source: str, needle: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if needle in line)


def _once(old: str, new: str):
    def edit(source: str) -> str:
        assert old in source, old
        return source.replace(old, new, 1)

    return edit


CASES = {
    "slug with a slash": (
        _once("- slug: 2022-kazakhstan-unrest", "- slug: 2022/kazakhstan"),
        "- slug: 2022/kazakhstan",
        "events[0].slug",
        "lower-case letters, digits and hyphens",
    ),
    "slug with a newline": (
        _once("- slug: 2022-kazakhstan-unrest", '- slug: "2022-kaz\\nakhstan"'),
        "- slug: ",
        "events[0].slug",
        "control characters or line breaks",
    ),
    "duplicate key": (
        _once("    value: 164\n", "    value: 164\n    value: 165\n"),
        "value: 165",
        "claims[5].value",
        "duplicate key 'value'",
    ),
    "unknown top-level field": (
        lambda s: s + "extras: 1\n",
        "extras: 1",
        "extras",
        "unknown field 'extras'",
    ),
    "unknown article field": (
        _once("  language: id\n", "  language: id\n  langauge: en\n"),
        "langauge: en",
        "article.langauge",
        "unknown field 'langauge'",
    ),
    "value beyond the API's cap": (
        _once("    value: 164\n", "    value: 1e30\n"),
        "value: 1e30",
        "claims[5].value",
        "At most 1,000,000,000,000,000",
    ),
    "5,000-digit value": (
        _once("    value: 164\n", "    value: " + "9" * 5000 + "\n"),
        "value: 999",
        "claims[5].value",
        "at most 40 characters",
    ),
    "non-text prefix": (
        _once("    value: 164\n", "    value: 164\n    prefix: [1, 2]\n"),
        "prefix: [1, 2]",
        "claims[5].prefix",
        "must be text, not list",
    ),
    "year-0 date": (
        _once("    stated_on: 2022-01-09\n", "    stated_on: 0000-01-09\n"),
        "stated_on: 0000",
        "claims[6].stated_on",
        "not a date",
    ),
    "year-0022 date": (
        _once("    stated_on: 2022-01-09\n", "    stated_on: 0022-01-09\n"),
        "stated_on: 0022",
        "claims[6].stated_on",
        "between 1900 and 2100",
    ),
    "extreme offset": (
        _once('"2022-01-11T22:25:00+07:00"', '"2022-01-11T22:25:00+23:59"'),
        "published_at",
        "article.published_at",
        "UTC offset",
    ),
    "1:30 is text": (
        _once("    value: 164\n", "    value: 1:30\n"),
        "value: 1:30",
        "claims[5].value",
        "1:30",
    ),
    "NUL in a name": (
        _once("  - name: TRT\n", '  - name: "TR\\0T"\n'),
        "TR\\0T",
        "outlets[1].name",
        "NUL",
    ),
    "NUL in a finding": (
        _once("    - kind: view_count\n", '    - kind: "view\\0count"\n'),
        "view\\0count",
        "article.findings[1].kind",
        "NUL",
    ),
    "NUL in a relation target": (
        _once("    retracts: killed-164\n", '    retracts: "other#kil\\0led"\n'),
        "other#kil",
        "claims[6].retracts",
        "NUL",
    ),
    "a proposition past what every path takes": (
        _once(
            '    proposition: "The January 2022 unrest was an attempted coup"\n',
            f'    proposition: "{"coup " * 20_001}"\n',
        ),
        'proposition: "coup coup',
        "claims[0].proposition",
        "At most 100,000 characters",
    ),
    # The article's link is opened by readers of reports and verdict pages, as the web form's is.
    "a script as the article's address": (
        _once("  language: id\n", '  language: id\n  url: "javascript:alert(1)"\n'),
        "url: ",
        "article.url",
        "only http:// and https://",
    ),
    "an address Python cannot split": (
        _once("  language: id\n", '  language: id\n  url: "http://[zz]/"\n'),
        "url: ",
        "article.url",
        "host is not a valid name or IP address: 'http://[zz]/'",
    ),
    "a blank claim id": (
        _once("  - id: coup\n", '  - id: "  "\n'),
        'id: "  "',
        "claims[0].id",
        "is required and may not be blank",
    ),
    # A title is one line on every path (the web's input, intake_article): a heading, not prose.
    "a title over two lines": (
        _once('    title: "2022 Kazakhstan unrest"\n', '    title: "2022 Kazakhstan\\nunrest"\n'),
        'title: "2022 Kazakhstan',
        "events[0].title",
        "control characters or line breaks",
    ),
    "billion laughs": (lambda s: BILLION_LAUGHS, "b: &b", "yaml", "aliases"),
    # Null is no date given: with no publication date to fall back on, the claim has none.
    "a null stated_on where the article gives no date": (
        lambda s: _once("    stated_on: 2022-01-09\n", "    stated_on: null\n")(
            _once('  published_at: "2022-01-11T22:25:00+07:00"', "  # published_at: unknown")(s)
        ),
        "stated_on: null",
        "claims[6].stated_on",
        "required when the article has no published_at",
    ),
    "a null among a relation's targets": (
        _once("    retracts: killed-164\n", "    retracts: [killed-164, null]\n"),
        "retracts: [killed-164, null]",
        "claims[6].retracts",
        "must be a claim's id (ID or FILE#ID), not null",
    ),
    # A kind no form offers: its outlet would read as the form's first kind when edited.
    "an outlet kind outside the list": (
        _once("    kind: state media\n", "    kind: tabloid\n"),
        "kind: tabloid",
        "outlets[1].kind",
        "unknown kind 'tabloid'; expected one of: news agency",
    ),
    # The form and the API offer id and en: a figure's digits are read in that language.
    "an article language outside the list": (
        _once("  language: id\n", "  language: EN\n"),
        "language: EN",
        "article.language",
        "unknown language 'EN'; expected one of: id, en",
    ),
    # Stored nowhere: a statement's figure was dropped without a word.
    "a statement given a figure": (
        _once(
            '    proposition: "CSTO troops will leave Kazakhstan soon"\n',
            '    proposition: "CSTO troops will leave Kazakhstan soon"\n    value: 5\n',
        ),
        "    value: 5",
        "claims[4].value",
        "only a figure (kind: quantity) has one, not a statement",
    ),
    "an actor kind outside the list": (
        _once("    kind: person\n", "    kind: celebrity\n"),
        "kind: celebrity",
        "actors[0].kind",
        "unknown kind 'celebrity'; expected one of: person",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_sidecar_is_refused_with_file_line_field(db, cli, tmp_path, case):
    edit, needle, field, message = CASES[case]
    text = _copy(tmp_path, edit)
    sidecar = tmp_path / REFERENCE_YAML.name
    began = time.perf_counter()
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert time.perf_counter() - began < 5
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    line = _line_of(sidecar.read_text(encoding="utf-8"), needle)
    assert f"{sidecar}:{line}: " in result.output, result.output
    assert f": {field}" in result.output and message in result.output, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_crlf_text_is_stored_with_lf_and_anchors_match(db, cli, tmp_path):
    crlf = REFERENCE_TEXT.read_text(encoding="utf-8").replace("\n", "\r\n")
    text = _copy(tmp_path, text=crlf)
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 0, result.output
    article = db.session.scalar(sa.select(Article))
    assert "\r" not in article.text
    for claim in db.session.scalars(sa.select(Claim)):
        assert article.text[claim.anchor_start : claim.anchor_end] == claim.exact
    assert db.session.scalar(sa.select(Event.slug)) == "2022-kazakhstan-unrest"


def test_nul_in_the_text_is_refused(db, cli, tmp_path):
    source = REFERENCE_TEXT.read_text(encoding="utf-8")
    text = _copy(tmp_path, text=source.replace("\n", "\n\x00", 1))
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 1
    assert f"{text}:2: text: contains a NUL character" in result.output


@pytest.mark.parametrize("times", [150_000, 600_000])  # 1.2 million characters, and 4.8 (unread)
def test_a_text_past_what_every_path_takes_is_refused(db, cli, tmp_path, times):
    text = _copy(tmp_path, text="Banjir. " * times)
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert f"{text}: text: longer than 1,000,000 characters" in result.output


def test_a_text_is_measured_as_stored_with_its_line_endings_as_lf(db, cli, tmp_path):
    """Past the limit only as CRLF: 1.3 million characters sent, 0.6 million stored."""
    source = REFERENCE_TEXT.read_text(encoding="utf-8").replace("\n", "\r\n")
    text = _copy(tmp_path, text=source + "\r\n" * 600_000)
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 0, result.output
    stored = db.session.scalar(sa.select(Article.text))
    assert "\r" not in stored and len(stored) < 1_000_000 < len(text.read_bytes())


def test_a_blank_url_is_no_url(db, cli, tmp_path):
    """`url` is optional: left blank, it is absent, as before the address was checked."""
    edit = _once("  language: id\n", '  language: id\n  url: ""\n')
    text = _copy(tmp_path, edit)
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(Article.url)) is None


# An optional field written `null` is the field left out (docs/import-format.md), whatever it holds.
NULL_IS_ABSENT = {
    "date (stated_on: the article's local date)": (
        _once("    stated_on: 2022-01-09\n", "    stated_on: null\n"),
        "killed-164-retraction",
        lambda claim: claim.stated_on == date(2022, 1, 11),
    ),
    "date (as_of)": (
        _once("    value: 164\n", "    value: 164\n    as_of: null\n"),
        "killed-164",
        lambda claim: claim.as_of is None and claim.stated_on == date(2022, 1, 11),
    ),
    "text (place)": (
        _once("    value: 164\n", "    value: 164\n    place: null\n"),
        "killed-164",
        lambda claim: claim.place_id is None,
    ),
    "number (lower of an exact figure)": (
        _once("    value: 26\n", "    value: 26\n    lower: null\n"),
        "killed-assailants-26",
        lambda claim: claim.value == 26 and claim.lower == 26,
    ),
    "list (retracts)": (
        _once("    retracts: killed-164\n", "    retracts: null\n"),
        "killed-164-retraction",
        lambda claim: claim.stated_on == date(2022, 1, 9),
    ),
}


@pytest.mark.parametrize("case", sorted(NULL_IS_ABSENT))
def test_a_null_optional_field_is_the_field_left_out(db, cli, tmp_path, case):
    edit, key, holds = NULL_IS_ABSENT[case]
    text = _copy(tmp_path, edit)
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == key))
    assert claim is not None and holds(claim)
    relations = db.session.scalar(sa.select(sa.func.count()).select_from(Relation))
    assert relations == (0 if case.startswith("list") else 1)


def test_a_claim_that_is_no_mapping_is_one_problem(db, cli, tmp_path):
    text = _copy(tmp_path, _once("claims:\n", "claims:\n  - null\n"))
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 1, result.output
    assert result.output.count("claims[0]: must be a mapping") == 1, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_a_folder_with_no_article_is_refused_not_imported_as_none(db, cli, tmp_path):
    """A mistyped folder (or "", read as the current one) said "Imported 0 article(s)." and
    exited 0, as if the import had worked."""
    (tmp_path / "notes.txt").write_text("no sidecar beside me", "utf-8")
    result = cli.invoke(args=["factcheck", "import", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path}: path: no article here" in result.output, result.output
    assert "Imported" not in result.output


def test_a_sidecar_without_its_article_section_says_so_once(db, cli, tmp_path):
    text = _copy(tmp_path, _once("article:\n", "artikel:\n"))
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 1, result.output
    assert ": article: is required and must be a mapping" in result.output, result.output
    assert "article: article:" not in result.output
