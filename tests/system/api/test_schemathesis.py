"""Schemathesis against the live app: every operation, valid and invalid requests, at least 1,000 of them.

Each response must not be a 5xx and must match the OpenAPI document: its
status code, content type, headers and body schema. Half of the valid
requests aim at rows that exist (ids of the seeded data, a claim's current
ETag), so that success answers are checked as well as refusals.
"""

from __future__ import annotations

import collections

import pytest
import requests
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.factories import account

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 20  # per operation and mode: 53 operations x 2 modes x 20 = 2,120 requests per database
MINIMUM_REQUESTS = 1000
MAY_ONLY_BE_REFUSED = {
    # a random quote is rarely in the article
    "POST /api/v1/articles",
    "POST /api/v1/claims",
    # a random pair of claims rarely makes a link the rules accept without a reason
    "POST /api/v1/relations",
    # each is done once, and an earlier request of the run may have done it (or made the
    # report out of date, or left no conflict open)
    "POST /api/v1/conflicts/{conflict_id}/close",
    "POST /api/v1/conflicts/{conflict_id}/reopen",
    "POST /api/v1/reports/{report_id}/publish",
    "POST /api/v1/suggestions/{suggestion_id}/reject",
    "POST /api/v1/suggestions/{suggestion_id}/links/{link}/accept",
}

# Which stored rows a path parameter or a body field can name.
NAMES = {
    "claim_id": "claims",
    "source_id": "claims",
    "target_id": "claims",
    "article_id": "articles",
    "event_id": "events",
    "relation_id": "relations",
    "conflict_id": "conflicts",
    "job_id": "jobs",
    "review_id": "reviews",
    "report_id": "reports",
    "suggestion_id": "suggestions",
    "actor_id": "actors",
    "attributed_to_id": "actors",
    "cites_id": "actors",
    "outlet_id": "outlets",
    "other_id": "actors",
    "merge_id": "merges",
}


def _stored(db) -> dict[str, list[int]]:
    from factcheck import models

    tables = {
        "claims": models.Claim,
        "articles": models.Article,
        "events": models.Event,
        "relations": models.Relation,
        "conflicts": models.Conflict,
        "jobs": models.Job,
        "reviews": models.Review,
        "reports": models.Report,
        "suggestions": models.SuggestedClaim,
        "actors": models.Actor,
        "outlets": models.Outlet,
        "merges": models.Merge,
    }
    ids = {
        name: db.session.scalars(sa.select(model.id).order_by(model.id)).all()
        for name, model in tables.items()
    }
    assert all(ids.values()), {k: len(v) for k, v in ids.items()}
    return ids


@pytest.fixture
def seeded(app, db, cli, reference_imported):
    """The reference case reconciled, with a verdict, a report, a rebuild job, a pending suggestion
    and a merge (of a new actor into one that speaks)."""
    from factcheck.models import Claim, Event
    from factcheck.services import intake, merges, reviews, sources
    from factcheck.services.rebuild import run_rebuild, start_job
    from factcheck.services.reports import generate_report

    run_rebuild(start_job().id)
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    reviews.draft_review(claim, "mostly accurate", "Ministry figure", [], user_id=None)
    generate_report(db.session.scalar(sa.select(Event.id)), formats=["json"])
    intake.analyse_article(claim.article_id)
    twin = sources.create_actor(sources.ActorDraft("Kazakh health ministry", "government"))
    merges.merge("actor", twin, claim.attributed_to, user_id=None)
    _, token = account(db, "editor")
    return _stored(db), token


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(seeded, live_server):
    stored, token = seeded
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    http = requests.Session()
    sent: collections.Counter[str] = collections.Counter()
    succeeded: set[str] = set()

    def aim_at_stored_rows(case, data) -> None:
        for name in list(case.path_parameters or {}):
            if name in NAMES and data.draw(st.booleans()):
                case.path_parameters[name] = data.draw(st.sampled_from(stored[NAMES[name]]))
        if isinstance(case.body, dict):
            for name in list(case.body):
                if name in NAMES and isinstance(case.body[name], int) and data.draw(st.booleans()):
                    case.body[name] = data.draw(st.sampled_from(stored[NAMES[name]]))
        if (
            case.method in ("PATCH", "POST")
            and "claim_id" in (case.path_parameters or {})
            and data.draw(st.booleans())
        ):
            case.path_parameters["claim_id"] = data.draw(st.sampled_from(stored["claims"]))
            current = http.get(
                f"{live_server.url}/api/v1/claims/{case.path_parameters['claim_id']}",
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            if "ETag" in current.headers:
                case.headers = {**(case.headers or {}), "If-Match": current.headers["ETag"]}

    def fuzz(operation, mode: GenerationMode) -> None:
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
        def run(case, data):
            if mode is GenerationMode.POSITIVE:
                aim_at_stored_rows(case, data)
            response = case.call(
                base_url=live_server.url, session=http, headers={"Authorization": f"Bearer {token}"}
            )
            sent[operation.label] += 1
            if response.status_code < 300:
                succeeded.add(operation.label)
            case.validate_response(response, checks=CHECKS)

        run()

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 45
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode)
    assert set(sent) == {op.label for op in operations}, "every operation was exercised"
    assert sum(sent.values()) >= MINIMUM_REQUESTS, sent
    # Not only refusals: every operation answered a success too, except those that random data
    # or the run's own earlier requests may leave refused throughout. Which of these succeed
    # moves with every change to the document (its draws), so they are named rather than
    # counted: any other operation that never succeeds fails the test.
    refused_throughout = sorted({op.label for op in operations} - succeeded)
    assert set(refused_throughout) <= MAY_ONLY_BE_REFUSED, refused_throughout
