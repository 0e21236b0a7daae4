"""The explanation as a reader meets it: stored structured, shown in the engine's words.

A result row keeps sentence ids and their numbers, not sentences; the group page and
the API write the words when they show them, the same words the engine writes. A row
stored before steps were structured still shows the sentence it holds.
"""

from __future__ import annotations

import html
from datetime import date

import sqlalchemy as sa

from factcheck.domain.reconciliation import reconcile_event
from factcheck.domain.report_words import readable_step
from factcheck.models import Event, Reconciliation
from factcheck.services.engine_facts import event_inputs
from tests.support.web import login

SLUG = "2022-kazakhstan-unrest"


def _killed_total(db) -> Reconciliation:
    return db.session.scalar(
        sa.select(Reconciliation).filter_by(metric="killed", category="total", place_id=None)
    )


def _engine_words(db) -> list[str]:
    event = db.session.scalar(sa.select(Event).filter_by(slug=SLUG))
    (ev,) = event_inputs([event.id])
    results, _ = reconcile_event(ev.slug, ev.claims, ev.relations, date.today(), True)
    killed = next(
        r for r in results if (r.metric, r.category, r.place) == ("killed", "total", None)
    )
    return [s.text for s in killed.explanation]


def test_stored_steps_are_shown_in_the_engines_words(api, client, db, cli, reference_imported):
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    row = _killed_total(db)
    assert row.explanation and all("say" in s and "text" not in s for s in row.explanation)
    words = _engine_words(db)
    assert any("retracted by claim" in w for w in words)

    shown = api.get(f"/events/{row.event_id}/reconciliations?metric=killed").get_json()["items"]
    killed = next(r for r in shown if r["category"] == "total" and r["place"] is None)
    assert [s["text"] for s in killed["explanation"]] == words
    assert [s["rule"] for s in killed["explanation"]] == [s["rule"] for s in row.explanation]

    login(client, db)
    page = html.unescape(client.get(f"/events/{SLUG}/groups/killed/total").get_data(as_text=True))
    for word in words:
        assert readable_step(word) in page  # the page's own wording of the engine's codes


def test_a_row_stored_before_steps_were_structured_shows_its_sentence(
    api, client, db, cli, reference_imported
):
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    row = _killed_total(db)
    old = "low = 42: as an older engine wrote it."
    row.explanation = [{"rule": "low", "text": old, "claim_ids": [1]}]
    db.session.commit()

    shown = api.get(f"/events/{row.event_id}/reconciliations?metric=killed").get_json()["items"]
    killed = next(r for r in shown if r["category"] == "total" and r["place"] is None)
    assert killed["explanation"] == [{"rule": "low", "text": old, "claim_ids": [1]}]
    login(client, db)
    page = client.get(f"/events/{SLUG}/groups/killed/total").get_data(as_text=True)
    assert old in html.unescape(page)
