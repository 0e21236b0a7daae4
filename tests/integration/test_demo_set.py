"""The demo articles `scripts/run` loads: they import on their own and read as demo/README.md says."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Actor, Claim, Place, Reconciliation
from tests.support.paths import ROOT

DEMO = ROOT / "demo"


def _groups(cli, db) -> dict[tuple[str, str | None], Reconciliation]:
    for args in (["import", str(DEMO)], ["reconcile", "--inline"]):
        done = cli.invoke(args=["factcheck", *args])
        assert done.exit_code == 0, done.output
    rows = db.session.execute(
        sa.select(Reconciliation, Place.name).outerjoin(Place, Place.id == Reconciliation.place_id)
    ).all()
    return {(r.metric, place): r for r, place in rows}


def test_the_demo_toll_rises_and_the_retracted_dozens_is_struck(cli, db):
    groups = _groups(cli, db)
    killed = groups[("killed", "Demak")]
    assert (killed.low, killed.best, killed.high, killed.grade) == (5, 5, 5, "weak")
    assert [p["best"] for p in killed.series] == [2, 2, 4, 5]
    dozens = db.session.scalar(sa.select(Claim).where(Claim.exact == "dozens dead"))
    assert (dozens.rank, dozens.deprecated_reason) == ("deprecated", "retracted")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == 1  # one agency


def test_the_district_is_a_part_of_its_regency(cli, db):
    groups = _groups(cli, db)
    assert groups[("displaced", "Karanganyar")].best == 9000
    assert groups[("displaced", "Demak")].best == 21000
    assert not any(r.flags for r in groups.values())


def test_the_retracted_dozens_reads_as_its_words_on_the_event_page(client, cli, db):
    from tests.support.web import login

    _groups(cli, db)
    login(client, db)
    page = client.get("/events/2024-demak-floods").get_data(as_text=True)
    assert "the vague “dozens dead”" in page and "a figure of 12" not in page
