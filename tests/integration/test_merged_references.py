"""A record merged away is no longer offered, and a claim or article naming it by id goes to
the record it was merged into until the merge is undone (DOMAIN.md §11), on SQLite and PostgreSQL.

Its id still reaches the services from a form opened before the merge, an API client that
kept it, or a claim stored before this rule: such a reference is moved as the merge moved
the others, and the merge notes it, so that undoing the merge puts it back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from factcheck.domain.claim_rules import ClaimChange, ClaimDraft
from factcheck.extensions import db as _db
from factcheck.models import Article, Change, Claim, Merge, PendingGroup
from factcheck.services import articles, claims, dispatch, merged_references, merges, places
from factcheck.web.forms import actor_choices, outlet_choices
from tests.integration import names_world
from tests.support.jobs import on_job
from tests.support.web import form_as_served, login

QUOTE = "20,534 were injured"


@pytest.fixture
def world(app, monkeypatch):
    on_job(monkeypatch, dispatch.RECONCILE_GROUP, lambda *group: None)
    on_job(monkeypatch, dispatch.ANALYSE_ARTICLE, lambda *ids: None)
    return names_world.build()


def _afad_article() -> Article:
    return _db.session.scalar(sa.select(Article).where(Article.text == names_world.AFAD_TEXT))


def _log(world, **named) -> Claim:
    draft = ClaimDraft(
        exact=QUOTE,
        kind="statement",
        event_id=world.event.id,
        stated_on=date(2023, 2, 6),
        proposition="injured",
        **named,
    )
    return claims.create_claim(_afad_article(), draft, user_id=None)


def _claim(claim_id: int) -> Claim:
    _db.session.expire_all()
    return _db.session.get(Claim, claim_id)


def test_a_claim_naming_a_merged_away_speaker_goes_to_the_survivor_and_back(db, world):
    row = merges.merge("actor", world.dema, world.afad, user_id=None)
    claim = _log(world, attributed_to_id=world.dema.id, cites_id=world.dema.id)
    assert (claim.attributed_to_id, claim.cites_id) == (world.afad.id, world.afad.id)
    assert claim.attributed_to == world.afad  # the relationship is read again
    assert claim.id in db.session.get(Merge, row.id).moved["claims.attributed_to_id"]
    merges.undo_merge(db.session.get(Merge, row.id), user_id=None)
    back = _claim(claim.id)
    assert (back.attributed_to_id, back.cites_id) == (world.dema.id, world.dema.id)


def test_through_two_merges_to_the_last_survivor_and_back_one_undo_at_a_time(db, world):
    first = merges.merge("actor", world.dema, world.afad, user_id=None).id
    later = merges.merge("actor", world.afad, world.army, user_id=None).id
    claim_id = _log(world, attributed_to_id=world.dema.id).id
    assert _claim(claim_id).attributed_to_id == world.army.id
    merges.undo_merge(db.session.get(Merge, later), user_id=None)
    assert _claim(claim_id).attributed_to_id == world.afad.id
    merges.undo_merge(db.session.get(Merge, first), user_id=None)
    assert _claim(claim_id).attributed_to_id == world.dema.id


def test_a_change_naming_a_merged_away_source_goes_to_the_survivor_and_back(db, world):
    claim = _log(world, attributed_to_id=world.army.id)
    row_id = merges.merge("actor", world.dema, world.afad, user_id=None).id
    claims.update_claim(claim, ClaimChange(cites_id=world.dema.id), claim.version, None)
    assert _claim(claim.id).cites_id == world.afad.id
    merges.undo_merge(db.session.get(Merge, row_id), user_id=None)
    assert _claim(claim.id).cites_id == world.dema.id


def test_an_article_naming_a_merged_away_outlet_goes_to_the_survivor_and_back(db, world):
    row_id = merges.merge("outlet", world.wire_copy, world.wire, user_id=None).id
    article = articles.create_article(
        text="Rescuers said 300 people were pulled alive from the rubble.",
        title="Rescues",
        outlet=world.wire_copy,
        language="en",
        published_at=datetime(2023, 2, 7, 9, tzinfo=UTC),
        url=None,
        event=world.event,
        republished_from=world.wire_copy,
        user_id=None,
    )
    db.session.commit()
    assert (article.outlet, article.republished_from) == (world.wire, world.wire)
    merges.undo_merge(db.session.get(Merge, row_id), user_id=None)
    db.session.expire_all()
    stored = db.session.get(Article, article.id)
    assert (stored.outlet_id, stored.republished_from_outlet_id) == (world.wire_copy.id,) * 2


def test_a_merged_away_place_is_not_offered_and_its_name_finds_the_survivor(db, world):
    assert "Hatay" in places.event_place_names(world.event.id)
    merges.merge("place", world.hatay, world.turkiye, user_id=None)
    assert "Hatay" not in places.event_place_names(world.event.id)
    assert _log(world, place="hatay").place_id == world.turkiye.id


def test_choices_and_lookups_offer_live_records_and_the_one_chosen(app, db, world):
    merges.merge("actor", world.dema, world.afad, user_id=None)
    merges.merge("outlet", world.wire_copy, world.wire, user_id=None)
    with app.test_request_context():
        assert str(world.dema.id) not in [c.value for c in actor_choices()]
        assert str(world.wire_copy.id) not in [c.value for c in outlet_choices()]
        # A claim or form naming it already keeps it shown, not silently dropped on save.
        assert str(world.dema.id) in [c.value for c in actor_choices(chosen=world.dema.id)]
        assert str(world.wire_copy.id) in [c.value for c in outlet_choices([world.wire_copy.id])]
    client = app.test_client()
    login(client, db)
    found = client.get("/lookup/actors?q=disaster").get_json()
    assert [a["id"] for a in found] == [world.afad.id]  # by its alias, once, live
    form = client.get(f"/articles/{_afad_article().id}/claims/new").text
    assert f'value="{world.dema.id}"' not in form and f'value="{world.afad.id}"' in form
    new_article = client.get("/articles/new").text
    assert f'value="{world.wire_copy.id}"' not in new_article
    assert "Wire Service</option>" not in client.get("/search/").text


def test_a_form_sent_before_the_merge_logs_its_claim_under_the_survivor(client, db, world):
    token = login(client, db)
    article = _afad_article()
    url = f"/articles/{article.id}/claims/new"
    assert f'value="{world.dema.id}"' in client.get(url).text  # opened before the merge
    merges.merge("actor", world.dema, world.afad, user_id=None)
    sent = client.post(
        url,
        data={
            "csrf_token": token,
            "exact": QUOTE,
            "kind": "statement",
            "event_id": str(world.event.id),
            "attributed_to_id": str(world.dema.id),
            "stated_on": "2023-02-06",
            "proposition": "injured",
            **dict.fromkeys(("metric", "category", "qualifier"), ""),  # "—", as a browser sends
        },
    )
    assert sent.status_code == 302, sent.text
    claim = db.session.scalar(sa.select(Claim).where(Claim.exact == QUOTE))
    assert claim.attributed_to_id == world.afad.id


def test_a_claim_stored_naming_a_merged_away_speaker_is_moved_when_saved_as_served(
    client, db, world
):
    """Stored before this rule (the API took the id): its edit form shows the speaker it names,
    not a blank that would drop it, and saving moves it as the merge would have."""
    row_id = merges.merge("actor", world.dema, world.afad, user_id=None).id
    claim_id = _log(world, attributed_to_id=world.army.id).id
    db.session.execute(
        sa.update(Claim).where(Claim.id == claim_id).values(attributed_to_id=world.dema.id)
    )
    db.session.commit()
    login(client, db)
    url = f"/claims/{claim_id}/edit"
    served = form_as_served(client.get(url).text)
    assert served["attributed_to_id"] == [str(world.dema.id)]
    saved = client.post(url, data=served)
    assert saved.status_code == 302, saved.text
    assert _claim(claim_id).attributed_to_id == world.afad.id
    merges.undo_merge(db.session.get(Merge, row_id), user_id=None)
    assert _claim(claim_id).attributed_to_id == world.dema.id


def test_rows_stored_naming_merged_away_records_are_moved_by_the_repair_and_back_on_undo(db, world):
    """A claim and an article stored naming merged-away records before the rule: one command
    moves them as the merge would have, notes them for its undo, and queues their groups."""
    actor_merge = merges.merge("actor", world.dema, world.afad, user_id=None).id
    outlet_merge = merges.merge("outlet", world.wire_copy, world.wire, user_id=None).id
    claim_id = _log(world, attributed_to_id=world.army.id, cites_id=world.army.id).id
    article_id = _afad_article().id
    db.session.execute(
        sa.update(Claim).where(Claim.id == claim_id).values(attributed_to_id=world.dema.id)
    )
    db.session.execute(
        sa.update(Article)
        .where(Article.id == article_id)
        .values(outlet_id=world.wire_copy.id, republished_from_outlet_id=world.wire_copy.id)
    )
    db.session.commit()
    db.session.execute(sa.delete(PendingGroup))  # what the merges queued: done
    db.session.commit()
    assert merged_references.repoint_stored(via="cli") == 2
    claim, article = _claim(claim_id), db.session.get(Article, article_id)
    assert (claim.attributed_to_id, claim.cites_id) == (world.afad.id, world.army.id)
    assert (article.outlet_id, article.republished_from_outlet_id) == (world.wire.id,) * 2
    # The article's outlet is its figures' origin: their groups are reconciled again.
    queued = db.session.execute(sa.select(PendingGroup.event_id, PendingGroup.metric)).all()
    assert queued == [(world.event.id, "killed")]  # the article's count of the dead
    changes = db.session.scalars(
        sa.select(Change).where(Change.via == "cli").order_by(Change.id)
    ).all()
    assert [(c.entity_type, c.entity_id) for c in changes] == [
        ("claim", claim_id),
        ("article", article_id),
    ]
    assert changes[0].before["attributed_to_id"] == world.dema.id
    assert merged_references.repoint_stored(via="cli") == 0  # nothing left to move
    merges.undo_merge(db.session.get(Merge, actor_merge), user_id=None)
    merges.undo_merge(db.session.get(Merge, outlet_merge), user_id=None)
    db.session.expire_all()
    assert _claim(claim_id).attributed_to_id == world.dema.id
    article = db.session.get(Article, article_id)
    assert (article.outlet_id, article.republished_from_outlet_id) == (world.wire_copy.id,) * 2


def test_the_repair_command_says_how_many_rows_it_moved(app, db, world):
    merges.merge("actor", world.dema, world.afad, user_id=None)
    claim_id = _log(world, attributed_to_id=world.army.id).id
    db.session.execute(sa.update(Claim).where(Claim.id == claim_id).values(cites_id=world.dema.id))
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["factcheck", "repoint-merged"])
    again = runner.invoke(args=["factcheck", "repoint-merged"])
    assert (first.exit_code, again.exit_code) == (0, 0)
    assert "Moved 1 row(s)" in first.output and "Moved 0 row(s)" in again.output
    assert _claim(claim_id).cites_id == world.afad.id
