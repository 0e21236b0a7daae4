"""What `factcheck import` refuses, where a traceback or a silent skip used to answer: event
`parent` loops and second parents (within one import and across two), folders and files named
like articles, a sidecar with no text, and names that read as glob patterns."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa

from factcheck.models import Article, Event
from tests.support.paths import CORPUS

TIMELINE = CORPUS / "timeline"
WIRE = "tr-2023-02-06-wire"
EVENT = "2023-turkey-syria-earthquakes"


def _copy(tmp_path: Path, *files: str) -> Path:
    folder = tmp_path / "timeline"
    folder.mkdir()
    for file in files:
        for source in TIMELINE.glob(f"{file}.*"):
            shutil.copyfile(source, folder / source.name)
    return folder


def _declare(folder: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    """Edit the sidecar; its path and the line of the first `parent:` that `new` declares."""
    path = folder / f"{file}.claims.yaml"
    source = path.read_text(encoding="utf-8")
    assert source.count(old) == 1, old
    edited = source.replace(old, new)
    path.write_text(edited, encoding="utf-8")
    before = source[: source.index(old)].count("\n")
    within = next((i for i, line in enumerate(new.splitlines()) if "parent:" in line), 0)
    return path, before + within + 1


def _import(cli, *paths: Path):
    return cli.invoke(args=["factcheck", "import", *map(str, paths)])


def _refused(db, result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "nothing was imported" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0
    return result.output


def test_an_event_that_is_its_own_parent_is_refused(db, cli, tmp_path):
    folder = _copy(tmp_path, WIRE)
    path, line = _declare(
        folder, WIRE, "    start: 2023-02-06\n", f"    start: 2023-02-06\n    parent: {EVENT}\n"
    )
    output = _refused(db, _import(cli, folder))
    assert f"{path}:{line}: events[0].parent: 'parent' makes a cycle: {EVENT} → {EVENT}" in output


def test_two_events_each_the_others_parent_are_refused(db, cli, tmp_path):
    folder = _copy(tmp_path, WIRE)
    path, line = _declare(
        folder,
        WIRE,
        "    start: 2023-02-06\n",
        "    start: 2023-02-06\n    parent: hatay-quake\n"
        f"  - slug: hatay-quake\n    title: Hatay\n    parent: {EVENT}\n",
    )
    output = _refused(db, _import(cli, folder))
    loop = f"{EVENT} → hatay-quake → {EVENT}"
    assert f"{path}:{line}: events[0].parent: 'parent' makes a cycle: {loop}" in output
    assert output.count("makes a cycle") == 1  # one loop, told once


def test_a_loop_through_an_event_an_earlier_import_stored_is_refused(db, cli, tmp_path):
    first = _copy(tmp_path, WIRE)
    _declare(
        first,
        WIRE,
        "    start: 2023-02-06\n",
        "    start: 2023-02-06\n    parent: hatay-quake\n  - slug: hatay-quake\n    title: Hatay\n",
    )
    assert _import(cli, first).exit_code == 0
    second = tmp_path / "second"
    second.mkdir()
    (second / "later.en.txt").write_text("Hatay: 3 dead.\n", encoding="utf-8")
    (second / "later.claims.yaml").write_text(
        "article:\n  title: Later\n  outlet: Wire\n  language: en\n  event: hatay-quake\n"
        "outlets:\n  - name: Wire\nclaims:\n  - id: dead\n    kind: quantity\n"
        '    quote: "3 dead"\n    metric: killed\n    value: 3\n    qualifier: exact\n    category: total\n    stated_on: 2023-02-07\n'
        "events:\n"
        f"  - slug: hatay-quake\n    title: Hatay\n    parent: {EVENT}\n",
        encoding="utf-8",
    )
    result = _import(cli, second)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert f"'parent' makes a cycle: hatay-quake → {EVENT} → hatay-quake" in result.output
    stored = db.session.scalar(sa.select(Event).where(Event.slug == "hatay-quake"))
    assert stored.parent_id is None  # the loop was never stored


def test_an_event_given_two_parents_is_refused(db, cli, tmp_path):
    folder = _copy(tmp_path, WIRE, "tr-2023-02-07-anadolu")
    _declare(
        folder,
        WIRE,
        "    start: 2023-02-06\n",
        "    start: 2023-02-06\n    parent: quakes\n  - slug: quakes\n    title: Quakes\n"
        "  - slug: disasters\n    title: Disasters\n",
    )
    path, line = _declare(
        folder,
        "tr-2023-02-07-anadolu",
        "outlets:\n",
        f"events:\n  - slug: {EVENT}\n    title: Earthquakes\n    parent: disasters\noutlets:\n",
    )
    output = _refused(db, _import(cli, folder))
    assert (
        f"{path}:{line}: events[0].parent: event {EVENT!r} has the parent 'quakes' elsewhere"
        in output
    )


def test_a_folder_named_like_an_article_or_a_sidecar_is_refused_not_a_traceback(db, cli, tmp_path):
    folder = _copy(tmp_path, WIRE)
    (folder / f"{WIRE}.en.txt").unlink()
    (folder / f"{WIRE}.en.txt").mkdir()  # a folder where the article should be
    output = _refused(db, _import(cli, folder))
    assert f"{WIRE}.claims.yaml: text: no article text {WIRE}.txt or {WIRE}.LANG.txt" in output

    (tmp_path / "b").mkdir()
    other = _copy(tmp_path / "b", WIRE)
    (other / f"{WIRE}.claims.yaml").unlink()
    (other / f"{WIRE}.claims.yaml").mkdir()  # and one where its sidecar should be
    output = _refused(db, _import(cli, other / f"{WIRE}.en.txt"))
    assert f"{WIRE}.en.txt: sidecar: no annotation file {WIRE}.claims.yaml beside it" in output


def test_a_sidecar_without_its_text_in_a_folder_is_refused_not_skipped(db, cli, tmp_path):
    folder = _copy(tmp_path, WIRE, "tr-2023-02-07-anadolu")
    (folder / "tr-2023-02-07-anadolu.en.txt").unlink()
    output = _refused(db, _import(cli, folder))
    assert "tr-2023-02-07-anadolu.claims.yaml: text: no article text" in output


def test_a_name_with_glob_characters_finds_its_own_text(db, cli, tmp_path):
    folder = _copy(tmp_path, WIRE)
    for path in folder.iterdir():
        path.rename(folder / path.name.replace(WIRE, "[draft] wire"))
    result = _import(cli, folder / "[draft] wire.claims.yaml")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(Article.source_name)) == "[draft] wire"


def test_a_withdrawn_article_takes_no_new_claims_from_a_file(db, cli, tmp_path):
    from factcheck.models import Claim
    from factcheck.services import articles

    folder = _copy(tmp_path, WIRE)
    sidecar = folder / f"{WIRE}.claims.yaml"
    full = sidecar.read_text(encoding="utf-8")
    last = full.index("  - id: killed-projection\n")
    sidecar.write_text(full[:last], encoding="utf-8")  # the file as first imported: one claim less
    assert _import(cli, folder).exit_code == 0
    articles.withdraw_article(db.session.scalar(sa.select(Article)), user_id=None)
    claims = sa.select(sa.func.count()).select_from(Claim)
    stored = db.session.scalar(claims)

    assert _import(cli, folder).exit_code == 0  # the same file again: nothing new, nothing refused
    sidecar.write_text(full, encoding="utf-8")
    result = _import(cli, folder)
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = full[:last].count("\n") + 1
    assert (
        f"{sidecar}:{line}: claims: article 1 with this text is withdrawn: restore it to add "
        "claim 'killed-projection'"
    ) in result.output
    assert db.session.scalar(claims) == stored
