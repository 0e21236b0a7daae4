"""A save that loses the race after its ETag check writes nothing: the interleaving that two clients
racing against gunicorn (tests/system/api/test_etag_race.py) hit only sometimes, forced in-process."""

from __future__ import annotations

import sqlalchemy as sa


def test_a_save_that_loses_the_race_after_its_etag_check_writes_nothing(
    api, db, reference_imported, monkeypatch
):
    """Another client commits between this request's If-Match check and its write; the database's
    version check refuses the write."""
    from factcheck.models import Change, Claim
    from factcheck.services import claims as claim_service

    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    claim_id, etag = claim.id, api.get(f"/claims/{claim.id}").headers["ETag"]
    real_update = claim_service.update_claim

    def other_client_commits_first(claim, changes, **kwargs):
        with db.engine.begin() as conn:  # its own connection: a concurrent winner
            conn.execute(
                sa.update(Claim)
                .where(Claim.id == claim.id)
                .values(category_label="Almaty's count", version=Claim.version + 1)
            )
        return real_update(claim, changes, **kwargs)

    monkeypatch.setattr(claim_service, "update_claim", other_client_commits_first)
    changes = db.session.scalar(sa.select(sa.func.count()).select_from(Change))
    lost = api.patch(f"/claims/{claim_id}", json={"place": "Astana"}, headers={"If-Match": etag})
    assert lost.status_code == 412 and lost.mimetype == "application/problem+json", lost.get_data(
        as_text=True
    )
    assert "nothing was written" in lost.get_json()["detail"]
    db.session.expire_all()
    stored = db.session.get(Claim, claim_id)
    assert (stored.category_label, stored.place_name, stored.version) == ("Almaty's count", None, 2)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Change)) == changes
