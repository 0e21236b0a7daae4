"""Walk every route: each needs a session (but login itself), each state change needs a CSRF token."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Article, Claim, Conflict, Event, Relation, Review, User
from tests.support.web import login

# Login, static files, and published reports (public by design: a draft still needs a login, tested below).
OPEN = {
    "auth.login",
    "auth.language",  # the header's language switch, for visitors too (CSRF-checked: walked below)
    "static",
    "reports.event_report",
    "reports.claim_report",
    "fact_checks.show",  # a published verdict's public page
    "fact_checks.jsonld",
}
# The JSON API takes bearer tokens, not sessions or CSRF tokens: tests/api/test_tokens.py walks its routes.
API = "/api/"


def _sample_args(db) -> dict:
    claim = db.session.scalar(sa.select(Claim))
    return {
        "article_id": db.session.scalar(sa.select(Article.id)),
        "claim_id": claim.id,
        "slug": db.session.scalar(sa.select(Event.slug)),
        "conflict_id": db.session.scalar(sa.select(Conflict.id)) or 1,
        "review_id": db.session.scalar(sa.select(Review.id)) or 1,
        "user_id": db.session.scalar(sa.select(User.id)) or 1,
        "suggestion_id": 1,
        "decision": "accept",
        "link": 0,
        "version": 1,
        "report_id": 1,
        "ext": "pdf",
        "metric": "killed",
        "category": "total",
        "relation_id": db.session.scalar(sa.select(Relation.id)) or 1,
        "entity_type": "claim",
        "entity_id": claim.id,
        "token_id": 1,
        "plural": "actors",
        "record_id": 1,
        "into_id": 2,
        "merge_id": 1,
        "fetch_id": 1,
    }


def _routes(app, db):
    args = _sample_args(db)
    for rule in app.url_map.iter_rules():
        if rule.endpoint in OPEN or rule.rule.startswith(API):
            continue
        path = rule.build({k: args[k] for k in rule.arguments}, append_unknown=False)[1]
        yield rule, path


def test_every_route_needs_a_session(app, client, db, cli, reference_imported):
    cli.invoke(args=["factcheck", "reconcile", "--inline"])
    walked = 0
    for rule, path in _routes(app, db):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            app.config["WTF_CSRF_ENABLED"] = (
                False  # so that only the login check can stop the request
            )
            response = client.open(path, method=method)
            app.config["WTF_CSRF_ENABLED"] = True
            assert response.status_code == 302, (method, path, response.status_code)
            assert response.headers["Location"].startswith("/auth/login"), (method, path)
            walked += 1
    assert walked >= 20
    assert client.get("/auth/login").status_code == 200


def test_every_state_changing_route_rejects_a_request_without_csrf(
    app, client, db, cli, reference_imported
):
    cli.invoke(args=["factcheck", "reconcile", "--inline"])
    login(client, db, "admin")
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Claim))
    posts = 0
    for rule, path in _routes(app, db):
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            response = client.open(path, method=method, data={"note": "x", "status": "resolved"})
            assert response.status_code == 400, (method, path, response.status_code)
            assert "did not come from this site" in response.get_data(as_text=True)
            posts += 1
    assert posts >= 10
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Claim)) == before
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Conflict).where(Conflict.status != "open")
        )
        == 0
    )
