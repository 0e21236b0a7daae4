"""Merging duplicates and undoing it (DOMAIN.md §11), on SQLite and PostgreSQL.

A merge moves every reference to the record that stays and its undo puts back
exactly what moved; origins are counted after merging, so the group's origin
count drops and comes back.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.models import Actor, Change, Claim, Merge, PendingGroup
from factcheck.services import dispatch, merges, names, places, sources
from tests.integration import names_world
from tests.support.jobs import on_job


@pytest.fixture
def world(app, monkeypatch):
    on_job(monkeypatch, dispatch.RECONCILE_GROUP, lambda *group: None)
    return names_world.build()


def _reconcile(cli) -> None:
    result = cli.invoke(args=["factcheck", "reconcile", "--inline"])
    assert result.exit_code == 0, result.output


def test_aliases_find_the_same_actor(world):
    assert sources.find_actor("turkey’s  Disaster and Emergency Management Authority") == world.afad
    assert sources.find_actor("dema") == world.dema
    assert names.find_named("place", "türkiye") == world.turkiye


def test_a_merge_moves_every_reference_and_its_undo_puts_each_back(db, world):
    before, answers = names_world.references(), _engine_answers()
    claim_ids = sorted(
        db.session.scalars(
            sa.select(Claim.id).where(
                sa.or_(Claim.attributed_to_id == world.dema.id, Claim.cites_id == world.dema.id)
            )
        )
    )
    row = merges.merge("actor", world.dema, world.afad, user_id=None)
    assert row.moved["claims.attributed_to_id"] and row.moved["claims.cites_id"]
    assert sources.find_actor("Disaster and Emergency Management Authority") == world.afad
    assert sources.find_actor("DEMA") == world.afad
    assert {"Disaster and Emergency Management Authority", "DEMA"} <= set(world.afad.aliases)
    for claim_id in claim_ids:
        claim = db.session.get(Claim, claim_id)
        assert world.dema.id not in (claim.attributed_to_id, claim.cites_id)
    merges.merge("outlet", world.wire_copy, world.wire, user_id=None)
    merges.merge("place", world.turkiye, world.turkey, user_id=None)
    merged = names_world.references()
    assert merged != before
    assert _engine_answers() != answers  # one origin fewer, a place fewer
    assert all(outlet != world.wire_copy.id for _, outlet, _ in merged["articles"])
    assert (world.event.id, world.turkiye.id) not in merged["event_places"]
    assert (world.hatay.id, world.turkey.id, None) in merged["places"]

    for row in reversed(db.session.scalars(sa.select(Merge).order_by(Merge.id)).all()):
        merges.undo_merge(row, user_id=None)
    assert names_world.references() == before
    assert _engine_answers() == answers  # the engine reads the same world again


def test_history_rows_on_both_records_and_the_claims(db, world):
    user = db.session.scalar(sa.select(sa.literal(None)))
    row = merges.merge("actor", world.dema, world.afad, user_id=user)
    merges.undo_merge(row, user_id=user)
    actions = db.session.execute(
        sa.select(Change.entity_type, Change.entity_id, Change.action).where(
            Change.action.in_(("merge", "undo merge"))
        )
    ).all()
    for actor in (world.afad, world.dema):
        assert ("actor", actor.id, "merge") in actions
        assert ("actor", actor.id, "undo merge") in actions
    assert {a for t, _, a in actions if t == "claim"} == {"merge", "undo merge"}
    assert row.undone_at is not None


def test_merged_records_are_hidden_and_refused_twice(db, world):
    merges.merge("actor", world.dema, world.afad, user_id=None)
    assert world.dema.id not in {rid for rid, _ in names.known_names("actor")}
    with pytest.raises(merges.MergeRefused):
        merges.merge("actor", world.dema, world.army, user_id=None)
    with pytest.raises(merges.MergeRefused):
        merges.merge("actor", world.army, world.dema, user_id=None)
    with pytest.raises(sources.SourceRefused):
        sources.update_actor(world.dema, sources.ActorChange(kind="person"), user_id=None)


def test_an_undo_waits_for_a_later_merge_of_the_survivor_to_be_undone(db, world):
    first = merges.merge("actor", world.dema, world.afad, user_id=None)
    later = merges.merge("actor", world.afad, world.army, user_id=None)
    with pytest.raises(merges.MergeRefused, match="undo that merge first"):
        merges.undo_merge(first, user_id=None)
    merges.undo_merge(later, user_id=None)
    merges.undo_merge(first, user_id=None)
    with pytest.raises(merges.MergeRefused, match="undone already"):
        merges.undo_merge(first, user_id=None)


def test_merging_marks_the_groups_of_the_claims_touched(db, world):
    db.session.execute(sa.delete(PendingGroup))
    db.session.commit()
    merges.merge("actor", world.dema, world.afad, user_id=None)
    pending = set(db.session.execute(sa.select(PendingGroup.metric, PendingGroup.category)))
    assert ("killed", "total") in pending


def test_a_merge_and_its_undo_change_the_origin_count_and_back(db, cli, world):
    dema, afad = world.dema.id, world.afad.id
    _reconcile(cli)  # the command ends its session: rows are read again after it
    assert "from 2 origins" in names_world.origin_text()
    row = merges.merge("actor", db.session.get(Actor, dema), db.session.get(Actor, afad), None)
    row_id = row.id
    _reconcile(cli)
    assert "from 1 origin," in names_world.origin_text()
    merges.undo_merge(db.session.get(Merge, row_id), user_id=None)
    _reconcile(cli)
    assert "from 2 origins" in names_world.origin_text()


def test_changing_kind_or_sides_reconciles_the_actors_groups(db, world):
    db.session.execute(sa.delete(PendingGroup))
    db.session.commit()
    sources.update_actor(world.dema, sources.ActorChange(aliases=("DEMA", "AFAD Turkey")), None)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup)) == 0
    assert world.dema.aliases == ["DEMA", "AFAD Turkey"]
    sources.update_actor(world.dema, sources.ActorChange(party_to=(world.event.id,)), None)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup)) > 0
    with pytest.raises(sources.DuplicateName):
        sources.update_actor(world.dema, sources.ActorChange(aliases=("AFAD",)), None)


PAIRS = [
    ("actor", "dema", "afad"),
    ("actor", "afad", "dema"),
    ("actor", "army", "dema"),
    ("outlet", "wire_copy", "wire"),
    ("outlet", "wire", "wire_copy"),
    ("place", "turkiye", "turkey"),
    ("place", "turkey", "turkiye"),
    ("place", "hatay", "turkiye"),
    ("place", "turkiye", "hatay"),
]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(PAIRS), min_size=1, max_size=4))
def test_merges_then_their_undos_leave_every_reference_as_it_was(db, world, steps):
    before, answers = names_world.references(), _engine_answers()
    done = []
    for entity_type, loser, keeper in steps:
        try:
            done.append(
                merges.merge(entity_type, getattr(world, loser), getattr(world, keeper), None)
            )
        except merges.MergeRefused:
            db.session.rollback()
    for row in reversed(done):
        merges.undo_merge(row, user_id=None)
    assert names_world.references() == before
    assert _engine_answers() == answers  # the engine reads the same world again


def _engine_answers() -> list[tuple]:
    """What the engine makes of every event now: each group's figures, grade and fingerprint,
    and each conflict found (computed, not stored: no rebuild between the steps)."""
    from datetime import date

    from factcheck.domain.reconciliation import reconcile_event
    from factcheck.extensions import db
    from factcheck.models import Event
    from factcheck.services.engine_facts import event_inputs

    answers = []
    for ev in event_inputs(db.session.scalars(sa.select(Event.id)).all()):
        results, findings = reconcile_event(
            ev.slug, ev.claims, ev.relations, date(2024, 6, 1), ev.is_open, places=ev.places
        )
        answers += [
            (ev.slug, r.metric, r.category, r.place, r.low, r.best, r.high, r.grade, r.fingerprint)
            for r in results
        ]
        answers += [(ev.slug, f.kind, f.metric, sorted(f.claim_ids)) for f in findings]
    return answers


def test_a_place_merge_is_in_the_claims_history_by_name(db, world):
    merges.merge("place", world.hatay, world.turkiye, user_id=None)
    change = db.session.scalar(
        sa.select(Change).where(Change.entity_type == "claim", Change.action == "merge")
    )
    assert (change.before["place"], change.after["place"]) == ("Hatay", "Türkiye")


# (update, change, refusal) per kind of record: what a reviewer's save goes through.
SAVES = {
    "actor": (sources.update_actor, sources.ActorChange, sources.DuplicateName),
    "outlet": (sources.update_outlet, sources.OutletChange, sources.DuplicateName),
    "place": (places.update_place, places.PlaceChange, places.PlaceRefused),
}


@pytest.mark.parametrize(
    "entity_type, loser, keeper, other",
    [
        ("actor", "dema", "afad", "army"),
        ("outlet", "wire_copy", "wire", None),
        ("place", "turkiye", "turkey", "hatay"),
    ],
)
def test_the_survivor_is_saved_with_the_names_it_took_over(
    db, world, entity_type, loser, keeper, other
):
    """A merged-away record keeps its own name (so that an undo can give it back): that name
    is the survivor's, not a name another record goes by."""
    update, change, refused = SAVES[entity_type]
    merged, survivor = getattr(world, loser), getattr(world, keeper)
    merges.merge(entity_type, merged, survivor, user_id=None)
    taken_over = list(survivor.aliases)
    assert merged.name in taken_over
    update(survivor, change(aliases=tuple(taken_over)), None)  # saved as it is
    assert survivor.aliases == taken_over
    update(survivor, change(aliases=()), None)
    update(survivor, change(aliases=(merged.name.upper(),)), None)  # dropped, then given back
    assert survivor.aliases == [merged.name.upper()]
    assert names.find_named(entity_type, merged.name) == survivor
    if other is None:
        other_record = sources.create_outlet(sources.OutletDraft("Kompas", "newspaper"))
    else:
        other_record = getattr(world, other)
    with pytest.raises(refused) as err:  # another live record may not take it
        update(other_record, change(aliases=(merged.name,)), None)
    assert f" {survivor.id} " in str(err.value)  # the live record that goes by it
    db.session.rollback()
    assert merged.name not in db.session.get(type(other_record), other_record.id).aliases


def test_an_undo_takes_back_the_duplicates_name_given_back_to_the_survivor(db, world):
    row = merges.merge("actor", world.dema, world.afad, user_id=None)
    own = "Turkey's disaster and emergency management authority"
    sources.update_actor(world.afad, sources.ActorChange(aliases=(own, "DEMA")), None)
    given_back = (own, "DEMA", "Disaster and Emergency Management Authority")
    sources.update_actor(world.afad, sources.ActorChange(aliases=given_back), None)
    merges.undo_merge(row, user_id=None)
    assert (world.afad.aliases, world.dema.aliases) == ([own], ["DEMA"])
    assert names.find_named("actor", "Disaster and Emergency Management Authority") == world.dema
