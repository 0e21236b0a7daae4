"""Nothing a user entered is lost: withdraw and restore instead of delete, history of every change,
and an edit over a newer version refused with the other person's change shown beside one's own."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from factcheck.models import Article, Change, Claim, Conflict, Reconciliation, Relation
from tests.support import factories
from tests.support.jobs import on_job
from tests.support.web import log_in, login

EVENT = "/events/2022-kazakhstan-unrest"


@pytest.fixture(autouse=True)
def no_worker(app, monkeypatch):
    """These tests reconcile inline; the tasks an edit sends would go to a broker nobody reads."""
    on_job(monkeypatch, "tasks.reconcile.reconcile_group", lambda *a: None)


def _log_in(app, db, email: str, role: str):
    client = app.test_client()
    factories.user(db, email, role)
    return client, log_in(client, email)


def _reconcile(cli):
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0


def _killed_total(db) -> Reconciliation:
    db.session.expire_all()
    return db.session.scalar(sa.select(Reconciliation).filter_by(metric="killed", category="total"))


def _changes(db, entity_type: str, entity_id: int) -> list[Change]:
    db.session.expire_all()
    return db.session.scalars(
        sa.select(Change)
        .filter_by(entity_type=entity_type, entity_id=entity_id)
        .order_by(Change.id)
    ).all()


def test_two_reviewers_edit_one_claim_the_second_sees_the_first_change_and_keeps_their_own(
    app, db, reference_imported
):
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    first, first_token = _log_in(app, db, "first@example.org", "reviewer")
    second, second_token = _log_in(app, db, "second@example.org", "reviewer")
    form = {
        "kind": "quantity",
        "event_id": str(claim.event_id),
        "attributed_to_id": str(claim.attributed_to_id),
        "stated_on": "2022-01-10",
        "metric": "detained",
        "category": "total",
        "qualifier": "nearly",
        "modality": "count",
        "value": "8000",
        "version": "1",
    }
    for client in (first, second):  # both open the form on version 1
        assert 'name="version" type="hidden" value="1"' in client.get(
            f"/claims/{claim.id}/edit"
        ).get_data(as_text=True)
    assert (
        first.post(
            f"/claims/{claim.id}/edit", data=form | {"csrf_token": first_token, "place": "Almaty"}
        ).status_code
        == 302
    )

    response = second.post(
        f"/claims/{claim.id}/edit", data=form | {"csrf_token": second_token, "place": "Astana"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this claim first" in html
    changed = html[html.index("What changed since you opened the form") :]
    assert (
        '<span class="field">place</span>: — → <strong>Almaty</strong>' in changed
        and "first@example.org" in changed
    )
    assert 'value="Astana"' in html  # mine, kept in the form
    assert (
        'name="version" type="hidden" value="2"' in html
    )  # saving again goes over theirs, knowingly
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).place_name == "Almaty"

    again = second.post(
        f"/claims/{claim.id}/edit",
        data=form | {"csrf_token": second_token, "place": "Astana", "version": "2"},
    )
    assert again.status_code == 302
    db.session.expire_all()
    assert (
        db.session.get(Claim, claim.id).place_name,
        db.session.get(Claim, claim.id).version,
    ) == (
        "Astana",
        3,
    )
    places = [
        (c.before["place"], c.after["place"])
        for c in _changes(db, "claim", claim.id)
        if c.action == "update"
    ]
    assert places == [(None, "Almaty"), ("Almaty", "Astana")]  # both saves, each once, in order


def test_withdraw_from_a_stale_page_is_refused(app, db, reference_imported):
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    client, token = _log_in(app, db, "r@example.org", "reviewer")
    from factcheck.services import claims as claim_service

    claim_service.update_claim(claim, {"place": "Almaty"}, expected_version=1, user_id=None)
    response = client.post(
        f"/claims/{claim.id}/withdraw",
        data={"csrf_token": token, "version": "1"},
        follow_redirects=True,
    )
    assert "Not done: claim" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).withdrawn_at is None
    client.post(f"/claims/{claim.id}/withdraw", data={"csrf_token": token, "version": "2"})
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).withdrawn_at is not None


def test_a_relation_is_withdrawn_and_restored_never_deleted(app, db, cli, reference_imported):
    _reconcile(cli)
    relation = db.session.scalar(sa.select(Relation).filter_by(type="retracts"))
    relation_id, retracted = relation.id, relation.target_id  # a rebuild detaches loaded rows
    client, token = _log_in(app, db, "r@example.org", "reviewer")
    page = client.get(f"/claims/{retracted}").get_data(as_text=True)
    assert f"Withdraw link {relation_id}" in page

    stale = client.post(
        f"/relations/{relation_id}/withdraw",
        data={"csrf_token": token, "version": "0"},
        follow_redirects=True,
    )
    assert "Not done: relation" in stale.get_data(as_text=True)
    client.post(
        f"/relations/{relation_id}/withdraw",
        data={"csrf_token": token, "version": "1", "claim_id": retracted},
    )
    db.session.expire_all()
    assert db.session.get(Relation, relation_id).withdrawn_at is not None
    assert (
        db.session.get(Claim, retracted).rank == "normal"
    )  # "more than 164" is no longer retracted
    page = client.get(f"/claims/{retracted}").get_data(as_text=True)
    assert "<s>" in page and f"Restore link {relation_id}" in page and "withdraw relation" in page
    _reconcile(cli)
    assert retracted in _killed_total(db).claims_used  # the figure counts again

    client.post(f"/relations/{relation_id}/restore", data={"csrf_token": token, "version": "2"})
    db.session.expire_all()
    assert db.session.get(Claim, retracted).rank == "deprecated"
    _reconcile(cli)
    assert retracted not in _killed_total(db).claims_used
    assert (_killed_total(db).low, _killed_total(db).best, _killed_total(db).high) == (42, 42, 99)
    assert [c.action for c in _changes(db, "relation", relation_id)] == [
        "create",
        "withdraw",
        "restore",
    ]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Relation)) == 1


def test_an_article_is_withdrawn_with_its_figures_and_restored(app, db, cli, reference_imported):
    _reconcile(cli)
    article = db.session.scalar(sa.select(Article))
    article_id, title = article.id, article.title
    client, token = _log_in(app, db, "r@example.org", "reviewer")
    client.post(f"/articles/{article_id}/withdraw", data={"csrf_token": token})
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "Withdrawn on" in page and "Restore the article" in page and "withdraw article" in page
    assert title not in client.get("/articles/").get_data(as_text=True)
    assert title in client.get("/articles/?withdrawn=1").get_data(as_text=True)
    pending = db.session.execute(sa.text("SELECT metric, category FROM pending_groups")).all()
    assert ("killed", "total") in {tuple(p) for p in pending}  # its groups wait for the workers
    _reconcile(cli)
    assert _killed_total(db).grade == "discounted" and _killed_total(db).best is None

    again = client.post(
        f"/articles/{article_id}/withdraw", data={"csrf_token": token}, follow_redirects=True
    )
    assert "withdrawn already" in again.get_data(as_text=True)
    client.post(f"/articles/{article_id}/restore", data={"csrf_token": token})
    _reconcile(cli)
    assert (_killed_total(db).low, _killed_total(db).best, _killed_total(db).high) == (42, 42, 99)
    changes = _changes(db, "article", article_id)
    assert [c.action for c in changes] == ["create", "withdraw", "restore"]
    assert (
        changes[1].before["withdrawn_at"] is None and changes[1].after["withdrawn_at"] is not None
    )
    assert "text" not in changes[1].after  # the frozen text is in the create row only
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == 11


def test_an_editor_resolving_a_conflict_someone_else_closed_sees_their_note_and_keeps_theirs(
    app, db, cli, reference_imported
):
    _reconcile(cli)
    conflict = db.session.scalar(
        sa.select(Conflict).filter_by(kind="single_partisan_source", category="total")
    )
    first, first_token = _log_in(app, db, "first@example.org", "editor")
    second, second_token = _log_in(app, db, "second@example.org", "editor")
    page = second.get(EVENT).get_data(as_text=True)  # the second editor opens the page first
    version = re.search(
        rf'/conflicts/{conflict.id}".*?name="c{conflict.id}-version" type="hidden" value="(\d+)"',
        page,
        re.S,
    ).group(1)
    url = f"{EVENT}/conflicts/{conflict.id}"
    first.post(
        url,
        data={
            "csrf_token": first_token,
            "status": "dismissed",
            "note": "Only officials so far.",
            "version": version,
        },
    )
    response = second.post(
        url,
        data={
            "csrf_token": second_token,
            "status": "resolved",
            "note": "Settled by AP.",
            "version": version,
        },
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert (
        "Not saved: conflict" in html
        and "dismissed now" in html
        and "Only officials so far." in html
    )
    assert "Settled by AP." in html  # the note they typed is shown back, not thrown away
    db.session.expire_all()
    assert (
        db.session.get(Conflict, conflict.id).status,
        db.session.get(Conflict, conflict.id).note,
    ) == ("dismissed", "Only officials so far.")
    history = second.get(f"/history/conflict/{conflict.id}").get_data(as_text=True)
    assert "dismiss conflict" in history and "first@example.org" in history


def test_the_engine_settling_a_conflict_is_in_its_history(app, db, cli, reference_imported):
    _reconcile(cli)
    security = db.session.scalar(sa.select(Claim).where(Claim.source_key == "killed-security-16"))
    security_id = security.id
    conflict_id = db.session.scalar(
        sa.select(Conflict.id).filter_by(kind="single_partisan_source", category="security forces")
    )
    from factcheck.services import claims as claim_service

    claim_service.withdraw_claim(security, user_id=None)
    _reconcile(cli)
    (settled,) = _changes(db, "conflict", conflict_id)
    assert (settled.action, settled.via, settled.before["status"], settled.after["status"]) == (
        "resolve",
        "engine",
        "open",
        "resolved",
    )
    claim_service.restore_claim(db.session.get(Claim, security_id), user_id=None)
    _reconcile(cli)
    assert [
        (c.before["status"], c.after["status"]) for c in _changes(db, "conflict", conflict_id)
    ] == [("open", "resolved"), ("resolved", "open")]


def test_the_history_page_shows_any_record_and_no_other_kind(app, db, client, reference_imported):
    login(client, db)
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    html = client.get(f"/history/claim/{claim.id}").get_data(as_text=True)
    assert "create claim" in html and "import" in html
    assert client.get(f"/history/users/{claim.id}").status_code == 404


def test_two_saves_from_one_loaded_state_run_one_after_the_other_and_the_second_is_refused(app, db):
    """Two editors save an actor they loaded in the same state at the same moment: the second
    waits for the first (a row lock on PostgreSQL, the write lock on SQLite), then reads its
    change and is refused, instead of both passing the check and the first save being lost."""
    import threading

    from factcheck.models import Actor
    from factcheck.services import sources
    from factcheck.services.edit_tokens import ChangedSince, check_unchanged, edit_token

    editor = factories.user(db, "race@example.org", "editor")
    actor = Actor(name="Ministry of Health", kind="government")
    db.session.add(actor)
    db.session.commit()
    actor_id, editor_id, seen = actor.id, editor.id, edit_token(actor)
    first_holds, release, second_started = threading.Event(), threading.Event(), threading.Event()
    outcome = {}

    def first():
        with app.app_context():
            mine = db.session.get(Actor, actor_id)
            check_unchanged(mine, seen)
            mine.notes = "First editor's note."
            db.session.flush()
            first_holds.set()
            release.wait(10)
            db.session.commit()

    def second():
        with app.app_context():
            mine = db.session.get(Actor, actor_id)
            second_started.set()
            try:
                sources.update_actor(
                    mine, sources.ActorChange(notes="Second editor's note.", seen=seen), editor_id
                )
                outcome["second"] = "saved"
            except ChangedSince:
                outcome["second"] = "refused"

    one = threading.Thread(target=first)
    one.start()
    assert first_holds.wait(10)
    two = threading.Thread(target=second)
    two.start()
    assert second_started.wait(10)
    two.join(0.5)
    assert two.is_alive(), "the second save must wait for the first to commit"
    release.set()
    one.join(10)
    two.join(10)
    assert outcome == {"second": "refused"}
    db.session.expire_all()
    assert db.session.get(Actor, actor_id).notes == "First editor's note."
