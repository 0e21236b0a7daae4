"""Two clients save the same claim with the same ETag at the same moment, against gunicorn: exactly one
wins, the other gets 412 (tests/api/test_concurrency.py forces the interleaving this race hits only
sometimes)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import requests
import sqlalchemy as sa

from tests.support.factories import account

ROUNDS = 8


def test_two_clients_racing_with_one_etag_one_wins(app, db, reference_imported, live_server):
    from factcheck.models import Change, Claim

    _, token = account(db, "reviewer")
    claim_id = db.session.scalar(sa.select(Claim.id).where(Claim.source_key == "detained-8000"))
    url = f"{live_server.url}/api/v1/claims/{claim_id}"
    sessions = [requests.Session() for _ in range(2)]
    for s in sessions:
        s.headers["Authorization"] = f"Bearer {token}"
    outcomes = []
    for round_ in range(ROUNDS):
        etag = sessions[0].get(url, timeout=30).headers["ETag"]
        changes_before = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Change)
            .where(Change.entity_id == claim_id, Change.entity_type == "claim")
        )
        start = threading.Barrier(2)
        values = [10_000 + 2 * round_, 10_001 + 2 * round_]

        def save(
            i: int, start=start, values=values, etag=etag
        ) -> requests.Response:  # bound now: the loop moves on
            start.wait()
            return sessions[i].patch(
                url, json={"value": values[i]}, headers={"If-Match": etag}, timeout=30
            )

        with ThreadPoolExecutor(2) as pool:
            responses = list(pool.map(save, range(2)))
        statuses = [r.status_code for r in responses]
        assert sorted(statuses) == [200, 412], [r.text for r in responses]
        loser = responses[statuses.index(412)]
        assert (
            loser.headers["Content-Type"] == "application/problem+json"
            and "nothing was written" in loser.json()["detail"]
        )
        winner = statuses.index(200)
        db.session.expire_all()
        stored = db.session.get(Claim, claim_id)
        assert stored.value == values[winner], "the loser's value must not be written"
        assert f'"claim-{claim_id}-v{stored.version}"' == responses[winner].headers["ETag"] != etag
        changes_after = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Change)
            .where(Change.entity_id == claim_id, Change.entity_type == "claim")
        )
        assert changes_after == changes_before + 1
        outcomes.append(winner)
    assert len(outcomes) == ROUNDS
