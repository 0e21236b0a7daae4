"""Importing the timeline case (five files: places, aliases, FILE#ID), on both databases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from factcheck.models import Actor, Alias, Article, Claim, Event, Place, Relation
from factcheck.services.names import aliases_of
from tests.integration.test_import import _counts
from tests.support.paths import CORPUS

TIMELINE = CORPUS / "timeline"


def _all_counts(db) -> dict[str, int]:
    counts = _counts(db)
    for model in (Place, Alias):
        counts[model.__tablename__] = db.session.scalar(
            sa.select(sa.func.count()).select_from(model)
        )
    counts["event_places"] = (
        len(db.session.scalar(sa.select(Event)).places) if counts["events"] else 0
    )
    return counts


@pytest.fixture
def timeline(cli):
    result = cli.invoke(args=["factcheck", "import", str(TIMELINE)])
    assert result.exit_code == 0, result.output
    return result


def _claim(db, file: str, key: str) -> Claim:
    return db.session.scalar(
        sa.select(Claim)
        .join(Article, Article.id == Claim.article_id)
        .where(Article.source_name == file, Claim.source_key == key)
    )


def test_all_five_articles_import_with_one_record_per_origin(db, timeline):
    assert "Imported 5 article(s)" in timeline.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 5
    for name, others in {
        "AFAD": {
            "Turkey's disaster and emergency management authority",
            "Disaster and Emergency Management Authority",
            "Badan Penanggulangan Bencana dan Darurat Turki",
        },
        "Ministry of Health of Syria": {"Syria's health ministry", "Kementerian Kesehatan Suriah"},
        "White Helmets": {"Syria Civil Defence", "Helm Putih"},
    }.items():
        actors = db.session.scalars(sa.select(Actor).where(Actor.name.in_([name, *others]))).all()
        assert [a.name for a in actors] == [name]
        assert set(aliases_of("actor", actors[0].id)) == others
    afad = db.session.scalar(sa.select(Actor).where(Actor.name == "AFAD"))
    turkey_claims = db.session.scalars(
        sa.select(Claim).where(Claim.source_key.in_(["killed-turkey", "injured-turkey"]))
    ).all()
    assert len(turkey_claims) == 6
    assert {c.attributed_to_id for c in turkey_claims} == {afad.id}
    health = db.session.scalars(
        sa.select(Claim).where(Claim.source_key.in_(["killed-syria-gov", "killed-syria"]))
    ).all()
    assert {c.attributed_to.name for c in health} == {"Ministry of Health of Syria"}
    nw = db.session.scalars(sa.select(Claim).where(Claim.source_key == "killed-syria-nw")).all()
    assert len(nw) == 4 and {c.attributed_to.name for c in nw} == {"White Helmets"}


def test_places_tree_event_cover_and_aliases(db, timeline):
    places = {p.name: p for p in db.session.scalars(sa.select(Place))}
    assert set(places) == {"Turkey", "Hatay", "Syria", "government-held Syria", "northwest Syria"}
    assert places["Hatay"].within.name == "Turkey"
    assert places["government-held Syria"].within.name == "Syria"
    assert places["northwest Syria"].within.name == "Syria"
    assert places["Turkey"].within is None and places["Syria"].within is None
    event = db.session.scalar(sa.select(Event))
    assert [p.name for p in event.places] == ["Syria", "Turkey"]
    # "Turki" in the Indonesian article is Turkey; "wilayah barat laut" is northwest Syria.
    assert _claim(db, "tr-2023-02-08-kompas", "killed-turkey").place.name == "Turkey"
    assert _claim(db, "tr-2023-02-08-kompas", "killed-syria-nw").place.name == "northwest Syria"
    assert _claim(db, "tr-2023-02-06-wire", "killed-total-2300").place is None


def test_cross_file_correction_deprecates_the_earlier_figure(db, timeline):
    correction = _claim(db, "tr-2023-02-12-wire", "killed-hatay-corrected")
    corrected = _claim(db, "tr-2023-02-07-anadolu", "killed-hatay")
    relation = db.session.scalar(sa.select(Relation))
    assert (relation.type, relation.source_id, relation.target_id) == (
        "corrects",
        correction.id,
        corrected.id,
    )
    assert relation.note == "some victims had been registered twice in two hospitals"
    assert (corrected.rank, corrected.deprecated_reason) == ("deprecated", "corrected")
    assert correction.rank == "normal"


def test_importing_twice_changes_nothing(db, cli, timeline):
    before = _all_counts(db)
    result = cli.invoke(args=["factcheck", "import", str(TIMELINE)])
    assert result.exit_code == 0, result.output
    assert "claims: 0 new, 22 already there" in result.output
    assert _all_counts(db) == before


def test_a_target_stored_by_an_earlier_import_is_found(db, cli, tmp_path):
    folder = _copy(tmp_path)
    later = [folder / f"tr-2023-02-12-wire.{ext}" for ext in ("en.txt", "claims.yaml")]
    for path in later:
        path.rename(tmp_path / path.name)
    first = cli.invoke(args=["factcheck", "import", str(folder)])
    assert first.exit_code == 0, first.output
    second = cli.invoke(args=["factcheck", "import", str(tmp_path / later[0].name)])
    assert second.exit_code == 0, second.output
    assert "relations: 1 new" in second.output
    assert _claim(db, "tr-2023-02-07-anadolu", "killed-hatay").deprecated_reason == "corrected"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "timeline"
    shutil.copytree(TIMELINE, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def _edit(folder: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    path = folder / f"{file}.claims.yaml"
    source = path.read_text(encoding="utf-8")
    assert source.count(old) == 1, old
    edited = source.replace(old, new)
    path.write_text(edited, encoding="utf-8")
    line = next(i for i, text in enumerate(edited.splitlines(), 1) if new.splitlines()[-1] in text)
    return path, line


BAD = {
    "unknown FILE#ID target": (
        "tr-2023-02-12-wire",
        "corrects: tr-2023-02-07-anadolu#killed-hatay",
        "corrects: tr-2023-02-07-anadolu#killed-hataj",
        "claims[1].corrects",
        "no claim with id 'killed-hataj' in tr-2023-02-07-anadolu",
    ),
    "unknown file in FILE#ID": (
        "tr-2023-02-12-wire",
        "corrects: tr-2023-02-07-anadolu#killed-hatay",
        "corrects: tr-2023-02-07-antara#killed-hatay",
        "claims[1].corrects",
        "no claim 'tr-2023-02-07-antara#killed-hatay': tr-2023-02-07-antara is not in this import",
    ),
    "unknown place": (
        "tr-2023-02-08-kompas",
        "place: Turki",
        "place: Turky",
        "claims[1].place",
        "unknown place 'Turky': declare it under places:",
    ),
    "within an unknown place": (
        "tr-2023-02-06-wire",
        "within: Turkey",
        "within: Turkiye",
        "places[1].within",
        "unknown place 'Turkiye'",
    ),
    "within cycle": (
        "tr-2023-02-06-wire",
        "  - name: Turkey\n",
        "  - name: Turkey\n    within: Hatay\n",
        "places[0].within",
        "'within' makes a cycle: Turkey → Hatay → Turkey",
    ),
    "alias claimed by two actors of the import": (
        "tr-2023-02-06-wire",
        'aliases: ["Syria Civil Defence", "Helm Putih"]',
        'aliases: ["Syria Civil Defence", "Helm Putih", "AFAD"]',
        "actors[2].aliases[2]",
        "'AFAD' is a name of actor 'AFAD' in this import already, not of 'White Helmets'",
    ),
    "unknown field": (
        "tr-2023-02-06-wire",
        "    aliases: [Turki, Türkiye]",
        "    aliasses: [Turki, Türkiye]",
        "places[0].aliasses",
        "unknown field 'aliasses'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_timeline_is_refused_whole(db, cli, tmp_path, case):
    file, old, new, field, message = BAD[case]
    folder = _copy(tmp_path)
    path, line = _edit(folder, file, old, new)
    result = cli.invoke(args=["factcheck", "import", str(folder)])
    assert result.exit_code == 1, result.output
    assert "nothing was imported" in result.output
    assert f"{path}:{line}: {field}: {message}" in result.output, result.output
    assert sum(_all_counts(db).values()) == 0


def test_an_alias_naming_another_stored_actor_is_refused(db, cli, tmp_path, timeline):
    folder = tmp_path / "later"
    folder.mkdir()
    shutil.copyfile(TIMELINE / "tr-2023-02-20-aa.en.txt", folder / "later.en.txt")
    source = (TIMELINE / "tr-2023-02-20-aa.claims.yaml").read_text(encoding="utf-8")
    source = source.replace(
        "  - name: White Helmets\n    kind: NGO\n",
        "  - name: White Helmets\n    kind: NGO\n    aliases: [AFAD]\n",
    )
    (folder / "later.claims.yaml").write_text(source, encoding="utf-8")
    before = _all_counts(db)
    result = cli.invoke(args=["factcheck", "import", str(folder)])
    assert result.exit_code == 1, result.output
    line = next(i for i, t in enumerate(source.splitlines(), 1) if "aliases: [AFAD]" in t)
    expected = (
        f"{folder / 'later.claims.yaml'}:{line}: actors[2].aliases[0]: 'AFAD' names another "
        "stored actor already ('AFAD', id"
    )
    assert expected in result.output, result.output
    assert _all_counts(db) == before


def test_a_new_speaker_that_looks_like_a_stored_one_is_told_with_where_it_was_declared(
    db, cli, tmp_path
):
    """The import goes on (a near name may be another body), but says which new speaker looks
    like which stored one, at the line that declared it, so a reviewer can merge them."""
    from factcheck.models import Actor

    first = cli.invoke(args=["factcheck", "import", str(TIMELINE)])
    assert first.exit_code == 0, first.output
    assert "looks like" not in first.output  # its names are declared as one actor's aliases
    folder = _copy(tmp_path)
    path = folder / "tr-2023-02-06-wire.claims.yaml"
    afad = (
        "  - name: AFAD\n    kind: government\n    affiliation: Turkey\n    aliases:\n"
        '      - "Turkey\'s disaster and emergency management authority"\n'
        '      - "Disaster and Emergency Management Authority"\n'
        '      - "Badan Penanggulangan Bencana dan Darurat Turki"\n'
    )
    new_name = "Turkish Disaster and Emergency Management Authority"
    text = path.read_text(encoding="utf-8")
    assert text.count(afad) == 1
    text = text.replace(afad, f"  - name: {new_name}\n    kind: government\n")
    text = text.replace("attributed_to: AFAD", f"attributed_to: {new_name}")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  - name: {new_name}") + 1
    second = cli.invoke(args=["factcheck", "import", str(folder / "tr-2023-02-06-wire.en.txt")])
    assert second.exit_code == 0, second.output
    notices = [n for n in second.output.splitlines() if "looks like" in n]
    assert len(notices) == 1, second.output
    assert notices[0].startswith(f"notice: {path}:{line}: ")
    assert (
        "'Turkish Disaster and Emergency Management Authority' looks like the stored 'AFAD'"
        in (notices[0])
    )
    assert db.session.scalar(
        sa.select(Actor.id).where(
            Actor.name == "Turkish Disaster and Emergency Management Authority"
        )
    )


def test_a_retraction_in_a_later_file_withdraws_a_figure_of_an_earlier_one(db, cli, tmp_path):
    """FILE#ID works for a retraction as for a correction: the earlier article's figure is
    withdrawn by the later article's claim, and the engine sets it aside as retracted."""
    folder = _copy(tmp_path)
    text = folder / "tr-2023-02-12-wire.en.txt"
    withdrawn = "The health ministry withdrew the figure of 812 dead it gave on Feb. 7."
    text.write_text(text.read_text(encoding="utf-8").rstrip("\n") + f"\n{withdrawn}\n", "utf-8")
    sidecar = folder / "tr-2023-02-12-wire.claims.yaml"
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8").rstrip("\n")
        + "\n  - id: syria-gov-812-withdrawn\n    kind: retraction\n"
        + f'    quote: "{withdrawn}"\n'
        + "    retracts: tr-2023-02-07-anadolu#killed-syria-gov\n"
        + '    reason: "counted before the lists were checked"\n'
        + "    attributed_to: Ministry of Health of Syria\n    stated_on: 2023-02-12\n",
        "utf-8",
    )
    imported = cli.invoke(args=["factcheck", "import", str(folder)])
    assert imported.exit_code == 0, imported.output
    retraction = _claim(db, "tr-2023-02-12-wire", "syria-gov-812-withdrawn")
    retracted = _claim(db, "tr-2023-02-07-anadolu", "killed-syria-gov")
    relation = db.session.scalar(sa.select(Relation).where(Relation.type == "retracts"))
    assert (relation.source_id, relation.target_id) == (retraction.id, retracted.id)
    assert (retracted.rank, retracted.deprecated_reason) == ("deprecated", "retracted")
    retracted_id, place_id = retracted.id, retracted.place_id
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    from factcheck.models import Reconciliation

    group = db.session.scalar(
        sa.select(Reconciliation).where(
            Reconciliation.metric == "killed",
            Reconciliation.place_id == place_id,
            Reconciliation.category == "total",
        )
    )
    assert [retracted_id, "retracted"] in group.claims_set_aside
    assert retracted_id not in group.claims_used
