"""The timeline case end to end, as a new user runs it: `factcheck import` then `reconcile --inline`.

Every row of ../shared/corpus/timeline/README.md's table, on both databases.
"""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Claim, Conflict, Event, Place, Reconciliation
from tests.support.paths import CORPUS

TIMELINE = CORPUS / "timeline"


def _reconciled(cli, db) -> dict[tuple[str, str | None], Reconciliation]:
    imported = cli.invoke(args=["factcheck", "import", str(TIMELINE)])
    assert imported.exit_code == 0, imported.output
    done = cli.invoke(args=["factcheck", "reconcile", "--inline"])
    assert done.exit_code == 0, done.output
    rows = db.session.execute(
        sa.select(Reconciliation, Place.name)
        .outerjoin(Place, Place.id == Reconciliation.place_id)
        .where(Reconciliation.category == "total")
    ).all()
    return {(r.metric, place): r for r, place in rows}


def test_every_row_of_the_analysts_table(cli, db):
    groups = _reconciled(cli, db)
    expected = {
        ("killed", "Turkey"): 41156,
        ("killed", "Hatay"): 1370,
        ("killed", "government-held Syria"): 1414,
        ("killed", "northwest Syria"): 4400,
        ("killed", "Syria"): 5814,
        ("killed", None): 46970,
        ("injured", "Turkey"): 31777,
    }
    for key, value in expected.items():
        assert (groups[key].low, groups[key].best) == (value, value), key
    turkey = groups[("killed", "Turkey")]
    assert turkey.low == turkey.best == turkey.high == 41156 and turkey.grade == "weak"
    origin = next(s["text"] for s in turkey.steps if s["rule"] == "origin")
    assert origin.startswith("Current count figures come from 1 origin") and "AFAD" in origin
    # Each earlier AFAD figure (three names, two languages) is superseded by the next.
    superseded = [reason for _, reason in turkey.claims_set_aside]
    assert len(superseded) == 4 and all(r.startswith("superseded") for r in superseded)


def test_the_printed_table_names_each_groups_place(cli, db):
    """Six "killed total" groups print as six lines a reader can tell apart."""
    imported = cli.invoke(args=["factcheck", "import", str(TIMELINE)])
    assert imported.exit_code == 0, imported.output
    done = cli.invoke(args=["factcheck", "reconcile", "--inline"])
    assert done.exit_code == 0, done.output
    header = next(line for line in done.output.splitlines() if line.startswith("event "))
    assert header.split()[:5] == [
        "event",
        "metric",
        "category",
        "place",
        "low",
    ]
    killed = [
        line for line in done.output.splitlines() if "  killed  " in line and " total " in line
    ]
    places = {
        place
        for place in ("Turkey", "Hatay", "government-held Syria", "northwest Syria", "(whole)")
        for line in killed
        if f"  {place}  " in line
    }
    assert places == {"Turkey", "Hatay", "government-held Syria", "northwest Syria", "(whole)"}
    assert any("  Syria  " in line and "  5814  " in line for line in killed)
    assert any("  (whole)  " in line and "  46970  " in line for line in killed)


def test_no_value_conflict_or_downward_revision_in_the_event(cli, db):
    _reconciled(cli, db)
    kinds = set(db.session.scalars(sa.select(Conflict.kind)))
    assert not kinds & {"value_conflict", "downward_revision"}
    flags = {f for r in db.session.scalars(sa.select(Reconciliation)) for f in r.flags}
    assert not flags & {"value_conflict", "downward_revision"}


def test_the_hatay_1700_is_deprecated_as_corrected(cli, db):
    groups = _reconciled(cli, db)
    hatay_1700 = db.session.scalar(sa.select(Claim).where(Claim.value == 1700))
    assert (hatay_1700.rank, hatay_1700.deprecated_reason) == ("deprecated", "corrected")
    assert dict(groups[("killed", "Hatay")].claims_set_aside)[hatay_1700.id] == "corrected"


def test_the_whole_area_series_rises_day_by_day_to_46970(cli, db):
    whole = _reconciled(cli, db)[("killed", None)]
    assert [(p["on"], p["best"]) for p in whole.series] == [
        ("2023-02-06", 2351),
        ("2023-02-07", 7266),
        ("2023-02-08", 11104),
        ("2023-02-12", 34106),
        ("2023-02-20", 46970),
    ]
    assert db.session.scalar(sa.select(Event.slug)) == "2023-turkey-syria-earthquakes"


def test_the_series_reaches_api_clients_and_the_export_as_stored(cli, db, app):
    """A client of the API and a reader of the export get the same day-by-day series."""
    import json

    from tests.support import factories
    from tests.support.api import ApiClient

    whole = _reconciled(cli, db)[("killed", None)]
    _, secret = factories.account(db, "reviewer", "series@example.org")
    api = ApiClient(app.test_client(), secret)
    event_id = db.session.scalar(sa.select(Event.id))
    page = api.get(f"/events/{event_id}/reconciliations?metric=killed&whole_area=true")
    assert page.status_code == 200, page.get_data(as_text=True)
    (served,) = [r for r in page.json["items"] if r["category"] == "total"]
    assert served["series"] == whole.series and served["series"][-1]["best"] == 46970
    exported = json.loads(cli.invoke(args=["factcheck", "export", "-"]).output)
    stored = next(r for r in exported["reconciliations"] if r["fingerprint"] == whole.fingerprint)
    assert stored["series"] == whole.series


def test_the_whole_areas_summary_names_everyone_its_sum_comes_from(cli, db, client):
    """46,970 is Turkey's count plus Syria's: the page must not say it is one ministry's."""
    import re

    from tests.support.web import login

    _reconciled(cli, db)
    login(client, db)
    html = client.get("/events/2023-turkey-syria-earthquakes").get_data(as_text=True)
    summaries = re.findall(r'<p class="summary">([^<]*)</p>', html)
    whole = next(s for s in summaries if s.startswith("46,970 people were killed"))
    assert whole.startswith("46,970 people were killed, worked out from the counts of ")
    assert "by the count of" not in whole and "AFAD" in whole


def test_the_event_page_gives_the_series_in_numbers_not_only_as_a_picture(cli, db, client):
    """The chart's alt text cannot hold a series: a table beside it does, in the reader's words."""
    import re

    from tests.support.web import login

    _reconciled(cli, db)
    login(client, db)

    def whole_area_series(language: str) -> list[list[str]]:
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        html = client.get("/events/2023-turkey-syria-earthquakes").get_data(as_text=True)
        group = html[html.index('id="group-killed-total"') :]
        table = group[
            group.index('<table class="series">') : group.index(
                "</table>", group.index('<table class="series">')
            )
        ]
        return [
            re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        ]

    english = whole_area_series("en")
    assert [(day, best) for day, _, best, _, _ in english] == [
        ("2023-02-06", "2,351"),
        ("2023-02-07", "7,266"),
        ("2023-02-08", "11,104"),
        ("2023-02-12", "34,106"),
        ("2023-02-20", "46,970"),
    ]
    indonesian = whole_area_series("id")
    assert indonesian[0][:3] == ["6 Feb 2023", "2.351", "2.351"]
    assert indonesian[-1][2] == "46.970"
