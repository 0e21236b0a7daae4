"""Closing a conflict decides it (issue #13): prefer a figure, set one aside, or say the
figures count different things; the group is reconciled again, its numbers and grade move,
and the decision is in its explanation."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from factcheck.models import Claim, Conflict, Reconciliation, Relation
from tests.support.web import login

TEXT = (
    "Clashes in the river town killed 40 people, the interior ministry said on Monday. "
    "A rights group said it had counted 120 dead in the same clashes."
)
SIDECAR = """
article:
  title: "River town clashes"
  outlet: Test Wire
  language: en
  published_at: "2024-05-06T12:00:00+00:00"
  event: river-clashes
outlets:
  - name: Test Wire
    kind: news agency
    country: Kenya
events:
  - slug: river-clashes
    title: "River town clashes"
    start: 2024-05-05
actors:
  - name: Interior Ministry
    kind: government
    affiliation: Kenya
  - name: Rights Watchers
    kind: NGO
claims:
  - id: ministry-40
    kind: quantity
    quote: "killed 40 people"
    attributed_to: Interior Ministry
    stated_on: 2024-05-06
    metric: killed
    category: total
    qualifier: exact
    value: 40
  - id: ngo-120
    kind: quantity
    quote: "counted 120 dead"
    attributed_to: Rights Watchers
    stated_on: 2024-05-06
    metric: killed
    category: total
    qualifier: exact
    value: 120
"""
EVENT = "/events/river-clashes"


@pytest.fixture
def clashes(db, cli, tmp_path):
    (tmp_path / "wire-2024-05-06-clashes.en.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "wire-2024-05-06-clashes.claims.yaml").write_text(SIDECAR, encoding="utf-8")
    result = cli.invoke(args=["factcheck", "import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    _reconcile(cli)
    conflict = db.session.scalar(sa.select(Conflict).filter_by(kind="value_conflict"))
    assert conflict is not None and conflict.status == "open"
    return SimpleNamespace(id=conflict.id, version=conflict.version)


def _reconcile(cli):
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0


def _killed(db) -> Reconciliation:
    db.session.expire_all()
    return db.session.scalar(
        sa.select(Reconciliation).filter_by(metric="killed", category="total", place_id=None)
    )


def _claim(db, value: float) -> SimpleNamespace:
    return SimpleNamespace(id=db.session.scalar(sa.select(Claim.id).where(Claim.value == value)))


def _close(client, token, conflict, **data):
    return client.post(
        f"{EVENT}/conflicts/{conflict.id}",
        data={"csrf_token": token, "version": conflict.version, **data},
    )


def _steps(result: Reconciliation) -> str:
    return " ".join(step["text"] for step in result.steps)


def test_before_a_decision_the_group_is_contested(db, clashes):
    killed = _killed(db)
    assert killed.grade == "contested" and "value_conflict" in killed.flags


def test_preferring_a_figure_moves_best_and_ends_contested(client, db, cli, clashes):
    token = login(client, db, "editor")
    ngo = _claim(db, 120)
    response = _close(
        client, token, clashes, decision=f"prefer:{ngo.id}", note="The group named every victim."
    )
    assert response.status_code == 302
    _reconcile(cli)
    killed = _killed(db)
    assert killed.best == 120
    assert killed.grade != "contested" and "value_conflict" not in killed.flags
    assert "preferred by a reviewer" in _steps(killed) and "not a conflict" in _steps(killed)
    db.session.expire_all()
    closed = db.session.get(Conflict, clashes.id)
    assert (closed.status, closed.outcome, closed.outcome_claim_id) == (
        "resolved",
        "prefer",
        ngo.id,
    )
    assert db.session.get(Claim, ngo.id).rank == "preferred"
    assert db.session.get(Claim, ngo.id).preferred_reason == "The group named every victim."
    page = client.get(EVENT).get_data(as_text=True)
    assert "preferred claim" in page and "The group named every victim." in page
    assert ">contested<" not in page


def test_setting_a_figure_aside_takes_it_out_of_the_numbers(client, db, cli, clashes):
    token = login(client, db, "editor")
    ngo = _claim(db, 120)
    assert _killed(db).high == 120
    _close(client, token, clashes, decision=f"set_aside:{ngo.id}", note="Counts a wider area.")
    _reconcile(cli)
    killed = _killed(db)
    assert (killed.low, killed.best, killed.high) == (40, 40, 40)
    assert killed.grade != "contested"
    db.session.expire_all()
    aside = db.session.get(Claim, ngo.id)
    assert (aside.rank, aside.deprecated_reason) == ("deprecated", "set_aside")
    assert "set aside by editor" in _steps(killed)
    assert "set aside by editor" in client.get(EVENT).get_data(as_text=True)


def test_different_scope_ends_the_conflict_but_keeps_both_figures(client, db, cli, clashes):
    token = login(client, db, "editor")
    _close(client, token, clashes, decision="different_scope", note="The group counts the county.")
    _reconcile(cli)
    killed = _killed(db)
    assert (killed.low, killed.high) == (40, 120)  # both still speak
    assert killed.grade != "contested" and "value_conflict" not in killed.flags
    assert "different scope" in _steps(killed)
    db.session.expire_all()
    link = db.session.scalar(sa.select(Relation).filter_by(type="different_scope"))
    assert link is not None and link.note == "The group counts the county."
    assert db.session.get(Conflict, clashes.id).status == "dismissed"


def test_a_value_conflict_cannot_be_merely_dismissed_and_the_note_is_kept(client, db, clashes):
    token = login(client, db, "editor")
    response = _close(client, token, clashes, decision="dismiss", note="Looks fine to me.")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "closed by deciding a figure" in html and "Looks fine to me." in html
    response = _close(client, token, clashes, note="No decision chosen.")
    assert response.status_code == 400 and "No decision chosen." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Conflict, clashes.id).status == "open"


def test_a_note_is_required_and_what_was_chosen_stays(client, db, clashes):
    token = login(client, db, "editor")
    ngo = _claim(db, 120)
    response = _close(client, token, clashes, decision=f"prefer:{ngo.id}", note="  ")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "say why in a note" in html.lower()
    assert re.search(
        rf'value="prefer:{ngo.id}"[^>]*checked|checked[^>]*value="prefer:{ngo.id}"', html
    )


def test_the_cards_show_each_figure_and_group_open_before_decided(client, db, cli, clashes):
    token = login(client, db, "editor")
    page = client.get(EVENT).get_data(as_text=True)
    cards = page[page.index('id="conflicts-h"') :]
    assert "<strong>40</strong>" in cards and "<strong>120</strong>" in cards
    ngo = _claim(db, 120)
    _close(client, token, clashes, decision=f"prefer:{ngo.id}", note="Named victims.")
    _reconcile(cli)
    page = client.get(EVENT).get_data(as_text=True)
    assert page.index('id="conflicts-open"') < page.index('id="conflicts-decided"')


def test_a_stale_conflict_can_be_closed_from_the_web_app(client, db, cli, reference_imported):
    _reconcile(cli)
    stale = db.session.scalar(sa.select(Conflict).filter_by(kind="stale"))
    token = login(client, db, "editor")
    page = client.get("/events/2022-kazakhstan-unrest").get_data(as_text=True)
    assert f'action="/events/2022-kazakhstan-unrest/conflicts/{stale.id}"' in page
    response = client.post(
        f"/events/2022-kazakhstan-unrest/conflicts/{stale.id}",
        data={"csrf_token": token, "decision": "dismiss", "note": "Archived event."},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Conflict, stale.id).status == "dismissed"


def test_reviewers_cannot_close_and_the_api_takes_the_same_outcomes(app, db, cli, clashes):
    from tests.support import factories

    reviewer = app.test_client()
    token = login(reviewer, db, "reviewer")
    assert _close(reviewer, token, clashes, decision="different_scope", note="x").status_code == 403
    _, secret = factories.account(db, "editor", "api-editor@example.org")
    headers = {"Authorization": f"Bearer {secret}"}
    api = app.test_client()
    url = f"/api/v1/conflicts/{clashes.id}/close"
    refused = api.post(url, json={"outcome": "dismiss", "note": "fine"}, headers=headers)
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    ministry = _claim(db, 40)
    done = api.post(
        url,
        json={"outcome": "prefer", "claim_id": ministry.id, "note": "Official register."},
        headers=headers,
    )
    assert done.status_code == 200, done.get_data(as_text=True)
    assert done.json["outcome"] == "prefer" and done.json["outcome_claim_id"] == ministry.id
    _reconcile(cli)
    assert _killed(db).best == 40 and _killed(db).grade != "contested"


def _reopen(client, token, conflict_id: int, version, note: str):
    return client.post(
        f"{EVENT}/conflicts/{conflict_id}/reopen",
        data={"csrf_token": token, f"r{conflict_id}-csrf_token": token}
        | {f"r{conflict_id}-version": version, f"r{conflict_id}-note": note},
    )


def _numbers(db) -> tuple:
    killed = _killed(db)
    return killed.low, killed.best, killed.high, killed.grade


@pytest.mark.parametrize("decision", ["prefer", "set_aside", "different_scope"])
def test_reopening_takes_the_decision_back_and_the_numbers_return(
    client, db, cli, clashes, decision
):
    before = _numbers(db)
    token = login(client, db, "editor")
    ngo = _claim(db, 120)
    chosen = f"{decision}:{ngo.id}" if decision != "different_scope" else decision
    assert _close(client, token, clashes, decision=chosen, note="First look.").status_code == 302
    _reconcile(cli)
    assert _numbers(db) != before  # the decision moved the group
    db.session.expire_all()
    closed = db.session.get(Conflict, clashes.id)
    page = client.get(EVENT).get_data(as_text=True)
    assert "Reopen: take this decision back" in page
    response = _reopen(client, token, clashes.id, closed.version, "Wrong figure chosen.")
    assert response.status_code == 302, response.get_data(as_text=True)
    _reconcile(cli)
    assert _numbers(db) == before
    db.session.expire_all()
    reopened = db.session.get(Conflict, clashes.id)
    assert (reopened.status, reopened.outcome, reopened.outcome_claim_id) == ("open", None, None)
    assert reopened.note == "Wrong figure chosen."
    figure = db.session.get(Claim, ngo.id)
    assert (figure.rank, figure.preferred_reason, figure.set_aside_reason) == ("normal", None, None)
    live_links = db.session.scalars(
        sa.select(Relation).filter_by(type="different_scope", withdrawn_at=None)
    ).all()
    assert live_links == []
    # Open again: the editor can decide it anew, and its history shows both acts.
    assert f'name="c{clashes.id}-decision"' in client.get(EVENT).get_data(as_text=True)
    history = client.get(f"/history/conflict/{clashes.id}").get_data(as_text=True)
    assert "First look." in history and "Wrong figure chosen." in history


def test_reopening_needs_a_note_and_keeps_what_was_typed_and_reviewers_cannot(
    app, client, db, cli, clashes
):
    token = login(client, db, "editor")
    ngo = _claim(db, 120)
    _close(client, token, clashes, decision=f"set_aside:{ngo.id}", note="Counts a wider area.")
    db.session.expire_all()
    version = db.session.get(Conflict, clashes.id).version
    empty = _reopen(client, token, clashes.id, version, "   ")
    assert empty.status_code == 400
    assert "Say why in a note." in empty.get_data(as_text=True)
    stale = _reopen(client, token, clashes.id, version - 1, "My typed reason")
    assert stale.status_code == 409
    body = stale.get_data(as_text=True)
    assert "changed since you opened the page" in body and "My typed reason" in body
    reviewer = app.test_client()
    reviewer_token = login(reviewer, db, "reviewer")
    assert _reopen(reviewer, reviewer_token, clashes.id, version, "x").status_code == 403
    db.session.expire_all()
    assert db.session.get(Conflict, clashes.id).status == "resolved"  # nothing was written
    assert db.session.get(Claim, ngo.id).set_aside_reason == "Counts a wider area."


def test_the_api_reopens_a_decision_but_not_an_open_or_engine_settled_conflict(
    app, db, cli, clashes
):
    from tests.support import factories

    _, secret = factories.account(db, "editor", "api-editor@example.org")
    headers = {"Authorization": f"Bearer {secret}"}
    api = app.test_client()
    url = f"/api/v1/conflicts/{clashes.id}/reopen"
    still_open = api.post(url, json={"note": "why"}, headers=headers)
    assert still_open.status_code == 409 and still_open.mimetype == "application/problem+json"
    ministry = _claim(db, 40)
    api.post(
        f"/api/v1/conflicts/{clashes.id}/close",
        json={"outcome": "prefer", "claim_id": ministry.id, "note": "Official register."},
        headers=headers,
    )
    _reconcile(cli)
    assert _killed(db).best == 40
    blank = api.post(url, json={"note": "  "}, headers=headers)
    assert blank.status_code == 422 and blank.mimetype == "application/problem+json"
    done = api.post(url, json={"note": "The register was incomplete."}, headers=headers)
    assert done.status_code == 200, done.get_data(as_text=True)
    assert done.json["status"] == "open" and done.json["outcome"] is None
    _reconcile(cli)
    assert _killed(db).grade == "contested"
    db.session.expire_all()
    settled = Conflict(
        event_id=db.session.get(Conflict, clashes.id).event_id,
        key="settled-by-engine",
        kind="stale",
        detail="quiet",
        status="resolved",
        note="settled",
    )
    db.session.add(settled)
    db.session.commit()
    refused = api.post(
        f"/api/v1/conflicts/{settled.id}/reopen", json={"note": "x"}, headers=headers
    )
    assert refused.status_code == 409 and "engine" in refused.json["detail"]
