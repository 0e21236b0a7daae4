"""The report's CSV as a newsroom's tools read it: pandas (and Excel, through the byte-order mark) get
the place, unbounded told apart from not applicable, and the verbatim quote beside the guarded one."""

from __future__ import annotations

import io
import json
import math

import pandas as pd
import sqlalchemy as sa

from factcheck.models import Claim, Event
from factcheck.services import reports


def _frame(content: bytes) -> pd.DataFrame:
    # Only an empty cell is missing: a quote such as "NA" or "null" stays text.
    return pd.read_csv(
        io.BytesIO(content), encoding="utf-8-sig", keep_default_na=False, na_values=[""]
    )


def test_pandas_reads_the_csv_back(app, db, reference_imported):
    event_id = db.session.scalar(sa.select(Event.id))
    claims = {c.source_key: c for c in db.session.scalars(sa.select(Claim))}
    report = reports.generate_report(event_id, formats=["csv"])
    content = reports.file_of(report, "csv")[0]
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark, on by default
    frame = _frame(content).set_index("claim_id")
    assert len(frame) == len(claims) and "place" in frame.columns
    more_than = frame.loc[claims["killed-164"].id]
    assert more_than["lower"] == 165 and math.isinf(more_than["upper"])  # unbounded
    statement = frame.loc[claims["no-fire-on-peaceful"].id]
    assert math.isnan(statement["upper"]) and math.isnan(statement["lower"])  # not applicable
    for key, claim in claims.items():
        row = frame.loc[claim.id]
        assert json.loads(row["quote_verbatim_json"]) == claim.exact, key
    assert set(frame["report_status"]) == {"DRAFT"}


def test_the_formula_guard_keeps_the_verbatim_quote(app, db, reference_imported):
    from factcheck.services.reports.tables import render_csv
    from factcheck.services.reports.view import ReportMeta

    event_id = db.session.scalar(sa.select(Event.id))
    snapshot = reports.build_snapshot(event_id)
    snapshot["claims"][0]["quote"] = '=HYPERLINK("http://x.example","12 orang")'
    meta = ReportMeta(1, "2022-01-11T00:00:00Z", None, "f" * 64, "http://h/reports/e/v1", "fc")
    frame = _frame(render_csv(snapshot, meta))
    first = frame.iloc[0]
    assert first["quote"].startswith("'=HYPERLINK")  # a spreadsheet shows it as text
    assert json.loads(first["quote_verbatim_json"]) == '=HYPERLINK("http://x.example","12 orang")'
    assert not first["quote_verbatim_json"].startswith(("=", "+", "-", "@"))
    assert reports.without_bom(render_csv(snapshot, meta)).startswith(b"claim_id,")


def test_the_download_carries_the_mark_unless_asked_not_to(app, db, reference_imported):
    from tests.support.web import login

    event_id = db.session.scalar(sa.select(Event.id))
    reports.generate_report(event_id, formats=["csv"])
    client = app.test_client()
    login(client, db, "reviewer")
    url = "/reports/2022-kazakhstan-unrest/v1.csv"
    assert client.get(url).get_data().startswith(b"\xef\xbb\xbf")
    plain = client.get(url + "?bom=0")
    assert plain.get_data().startswith(b"claim_id,")
    assert plain.headers["Content-Type"] == "text/csv; charset=utf-8"
