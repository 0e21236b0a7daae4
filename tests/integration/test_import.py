"""Importing the reference article and its annotation, on both databases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from factcheck.models import Actor, Article, Change, Claim, Event, Outlet, Relation
from tests.support.paths import REFERENCE_TEXT, REFERENCE_YAML


def _counts(db) -> dict[str, int]:
    models = (Outlet, Actor, Event, Article, Claim, Relation, Change)
    return {
        m.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(m))
        for m in models
    }


def test_reference_article_yields_exactly_the_annotated_claims(db, reference_imported):
    annotation = yaml.safe_load(REFERENCE_YAML.read_text(encoding="utf-8"))
    text = REFERENCE_TEXT.read_text(encoding="utf-8")
    claims = {c.source_key: c for c in db.session.scalars(sa.select(Claim))}
    assert sorted(claims) == sorted(c["id"] for c in annotation["claims"])
    assert len(claims) == 11
    for expected in annotation["claims"]:
        claim = claims[expected["id"]]
        assert claim.exact == expected["quote"]
        assert text[claim.anchor_start : claim.anchor_end] == expected["quote"]
        assert claim.kind == expected["kind"]
        for field in ("metric", "category", "category_label", "qualifier", "modality"):
            assert getattr(claim, field) == expected.get(field), (expected["id"], field)
        if "value" in expected:
            assert claim.value == expected["value"]
        actor = claim.attributed_to.name if claim.attributed_to else None
        assert actor == expected.get("attributed_to")


def test_reference_figures_intervals_ranks_and_copy(db, reference_imported):
    by_key = {c.source_key: c for c in db.session.scalars(sa.select(Claim))}
    retracted = by_key["killed-164"]
    assert (retracted.rank, retracted.deprecated_reason) == ("deprecated", "retracted")
    assert (retracted.lower, retracted.upper, retracted.point) == (165, None, 165)
    detained = by_key["detained-8000"]
    assert (detained.lower, detained.upper, detained.point) == (7200, 8000, 8000)
    dozens = by_key["killed-dozens"]
    assert (dozens.lower, dozens.upper, dozens.point) == (12, 99, 12)
    assert all(c.rank == "normal" for k, c in by_key.items() if k != "killed-164")
    assert by_key["killed-164-retraction"].stated_on.isoformat() == "2022-01-09"

    relation = db.session.scalar(sa.select(Relation))
    assert (relation.type, relation.source.source_key, relation.target.source_key) == (
        "retracts",
        "killed-164-retraction",
        "killed-164",
    )
    assert relation.note == "technical error"

    article = db.session.scalar(sa.select(Article))
    assert article.republished_from.name == "TRT"
    assert article.outlet.name == "voa-islam.com"
    assert article.published_local.isoformat() == "2022-01-11T22:25:00+07:00"
    assert article.text == REFERENCE_TEXT.read_text(encoding="utf-8")
    assert {f["kind"] for f in article.findings} == {"calendar_mismatch", "view_count"}

    tokayev = db.session.scalar(sa.select(Actor).where(Actor.name == "Kassym-Jomart Tokayev"))
    assert [e.slug for e in tokayev.party_to] == ["2022-kazakhstan-unrest"]


def test_importing_again_changes_nothing(db, cli, reference_imported):
    before = _counts(db)
    result = cli.invoke(args=["factcheck", "import", str(REFERENCE_TEXT)])
    assert result.exit_code == 0, result.output
    assert "claims: 0 new, 11 already there" in result.output
    assert _counts(db) == before
    # The sidecar or the whole folder name the same article: still nothing new.
    cli.invoke(args=["factcheck", "import", str(REFERENCE_YAML), str(REFERENCE_TEXT.parent)])
    assert _counts(db) == before


def test_import_records_history(db, reference_imported):
    changes = db.session.scalars(sa.select(Change).where(Change.entity_type == "claim")).all()
    created = [c for c in changes if c.action == "create"]
    assert len(created) == 11 and all(c.via == "import" and c.before is None for c in created)
    # The retraction's rank change is in the history with before and after.
    rank_change = next(c for c in changes if c.action == "update")
    assert rank_change.before["rank"] == "normal" and rank_change.after["rank"] == "deprecated"


# --- bad input: a clear error naming file, line and field, and nothing stored ---


def _corpus_copy(tmp_path: Path, edit_yaml=None, text_bytes: bytes | None = None) -> Path:
    text = tmp_path / REFERENCE_TEXT.name
    if text_bytes is None:
        shutil.copyfile(REFERENCE_TEXT, text)
    else:
        text.write_bytes(text_bytes)
    source = REFERENCE_YAML.read_text(encoding="utf-8")
    (tmp_path / REFERENCE_YAML.name).write_text(
        edit_yaml(source) if edit_yaml else source, encoding="utf-8"
    )
    return text


def _line_of(source: str, needle: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if needle in line)


BAD_CASES = {
    "missing quote": (
        lambda s: s.replace(
            'quote: "16 petugas keamanan tewas"', 'quote: "17 petugas keamanan tewas"'
        ),
        '"17 petugas keamanan tewas"',
        "claims[8].quote",
        "not in the article",
    ),
    "lower above upper": (
        lambda s: s.replace("    lower: 12\n    upper: 99", "    lower: 99\n    upper: 12"),
        "lower: 99",
        "claims[9].lower",
        "above upper",
    ),
    "unknown metric": (
        lambda s: s.replace("metric: detained", "metric: arrested"),
        "metric: arrested",
        "claims[10].metric",
        "unknown metric 'arrested'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_annotation_is_refused_whole(db, cli, tmp_path, case):
    edit, needle, field, message = BAD_CASES[case]
    text = _corpus_copy(tmp_path, edit)
    bad_yaml = (tmp_path / REFERENCE_YAML.name).read_text(encoding="utf-8")
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 1
    assert "nothing was imported" in result.output
    expected_where = f"{tmp_path / REFERENCE_YAML.name}:{_line_of(bad_yaml, needle)}: {field}:"
    assert expected_where in result.output
    assert message in result.output
    assert sum(_counts(db).values()) == 0


def test_malformed_yaml_names_the_line(db, cli, tmp_path):
    text = _corpus_copy(
        tmp_path, lambda s: s.replace("    metric: killed\n", "    metric: [killed\n", 1)
    )
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 1
    assert "malformed YAML" in result.output
    assert f"{REFERENCE_YAML.name}:" in result.output
    assert sum(_counts(db).values()) == 0


def test_non_utf8_text_is_refused(db, cli, tmp_path):
    raw = REFERENCE_TEXT.read_text(encoding="utf-8").encode("utf-8")
    latin1 = raw.replace("–".encode(), b"\x96")  # a cp1252 en dash inside the article
    text = _corpus_copy(tmp_path, text_bytes=latin1)
    result = cli.invoke(args=["factcheck", "import", str(text)])
    assert result.exit_code == 1
    assert "not UTF-8: byte 0x96" in result.output
    line = _line_of(REFERENCE_TEXT.read_text(encoding="utf-8"), "–")
    assert f"{text}:{line}: text:" in result.output
    assert sum(_counts(db).values()) == 0


def test_one_bad_file_refuses_the_whole_batch(db, cli, tmp_path):
    good = tmp_path / "good"
    bad = tmp_path / "bad"
    good.mkdir(), bad.mkdir()
    good_text = _corpus_copy(good)
    bad_text = _corpus_copy(bad, lambda s: s.replace("metric: detained", "metric: arrested"))
    result = cli.invoke(args=["factcheck", "import", str(good_text), str(bad_text)])
    assert result.exit_code == 1
    assert sum(_counts(db).values()) == 0
