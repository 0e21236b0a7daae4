"""API tokens: stored as a hash, shown once, revocable from the web app and the CLI; every API route needs one."""

from __future__ import annotations

import re

import sqlalchemy as sa

from tests.support.api import ApiClient, assert_problem
from tests.support.factories import account
from tests.support.web import csrf_token, login

PUBLIC = {
    "api-docs.openapi_json",
    "api_reference.docs",
    "api_reference.docs_script",
    "api_reference.docs_file",
}


def test_only_a_hash_of_the_token_is_stored_and_use_is_recorded(app, db):
    from factcheck.models import ApiToken

    user, secret = account(db, "reviewer")
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == user.id))
    stored = " ".join(str(v) for v in db.session.execute(sa.select(ApiToken.__table__)).one())
    assert secret not in stored and secret.split("_", 2)[2] not in stored
    assert secret.startswith(f"fct_{row.prefix}_") and len(row.token_hash) == 64
    assert row.last_used_at is None
    assert ApiClient(app.test_client(), secret).get("/claims").status_code == 200
    db.session.expire_all()
    assert db.session.get(ApiToken, row.id).last_used_at is not None


def test_requests_without_a_valid_token_get_401(app, db, client):
    user, secret = account(db, "editor")
    cases = {
        "no header": {},
        "another scheme": {"Authorization": f"Basic {secret}"},
        "malformed": {"Authorization": "Bearer nonsense"},
        "unknown": {"Authorization": "Bearer fct_000000000000_" + "A" * 43},
        "wrong secret": {"Authorization": f"Bearer {secret[:-3]}AAA"},
    }
    for name, headers in cases.items():
        response = client.get("/api/v1/claims", headers=headers)
        body = assert_problem(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Bearer"), name
        assert ("Send an API token" in body["detail"]) == (name == "no header"), name
    user.active = False
    db.session.commit()
    assert_problem(ApiClient(client, secret).get("/claims"), 401, "disabled")


def test_every_api_route_needs_a_token(app, client, db, reference_imported):
    """The API's own walk (the web walk skips /api/): each route and method answers 401 problem+json."""
    walked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or rule.endpoint in PUBLIC:
            continue
        path = re.sub(r"<[^>]+>", "1", rule.rule).replace("/files/1", "/files/json")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            assert_problem(client.open(path, method=method, json={}), 401)
            walked += 1
    assert walked >= 40
    assert client.get("/api/v1/openapi.json").status_code == 200  # the description is public
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.get_data(as_text=True)
    assert (
        "script-src 'self';" in docs.headers["Content-Security-Policy"]
    )  # no inline script allowed, and no other origin (Swagger UI is served from its package)
    assert "/api/v1/openapi.json" in client.get("/api/v1/docs/init.js").get_data(as_text=True)


def test_cli_creates_lists_and_revokes_tokens(app, db, cli):
    from factcheck.models import ApiToken

    account(db, "reviewer", email="script@example.org")
    created = cli.invoke(
        args=["factcheck", "token", "create", "script@example.org", "--name", "import script"]
    )
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert ApiClient(app.test_client(), secret).get("/claims").status_code == 200
    listed = cli.invoke(args=["factcheck", "token", "list", "script@example.org"]).output
    assert "import script" in listed and secret not in listed
    token_id = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.name == "import script"))
    assert cli.invoke(args=["factcheck", "token", "revoke", str(token_id)]).exit_code == 0
    assert_problem(ApiClient(app.test_client(), secret).get("/claims"), 401, "revoked")
    again = cli.invoke(args=["factcheck", "token", "revoke", str(token_id)])
    assert again.exit_code == 0 and f"Token {token_id} (fct_" in again.output
    assert "was revoked already" in again.output and "Revoked token" not in again.output
    refused = cli.invoke(args=["factcheck", "token", "create", "nobody@example.org"])
    assert refused.exit_code == 1 and "no account" in refused.output
    for beyond in ("99999999999999999999", "2147483648", "0"):  # past an INTEGER: no token's
        unknown = cli.invoke(args=["factcheck", "token", "revoke", beyond])
        assert unknown.exit_code == 1 and unknown.exception.__class__ is SystemExit
        assert f"Refused: there is no token {beyond}." in unknown.output


def test_web_pages_show_a_new_token_once_and_revoke_it(app, db, client):
    from factcheck.models import ApiToken

    login(client, db, "reviewer")
    page = client.get("/account/tokens/")
    assert page.status_code == 200 and "API tokens" in client.get("/").get_data(as_text=True)
    assert (
        client.post("/account/tokens/", data={"name": "no csrf"}).status_code == 400
    )  # CSRF kept on the pages
    created = client.post(
        "/account/tokens/",
        data={"name": "newsroom", "csrf_token": csrf_token(page.get_data(as_text=True))},
    )
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    secret = re.search(r'value="(fct_[^"]+)"', created.get_data(as_text=True)).group(1)
    assert ApiClient(app.test_client(), secret).get("/claims").status_code == 200
    listing = client.get("/account/tokens/").get_data(as_text=True)
    assert "newsroom" in listing and secret not in listing  # shown once, never again
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "newsroom"))
    assert (
        client.post(f"/account/tokens/{token.id}/revoke").status_code == 400
    )  # no CSRF token: refused
    assert ApiClient(app.test_client(), secret).get("/claims").status_code == 200
    revoked = client.post(
        f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(listing)}
    )
    assert revoked.status_code == 302
    assert_problem(ApiClient(app.test_client(), secret).get("/claims"), 401)
    _, other = account(db, "editor", email="other@example.org")
    theirs = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.name == "editor tests"))
    assert (
        client.post(
            f"/account/tokens/{theirs}/revoke", data={"csrf_token": csrf_token(listing)}
        ).status_code
        == 404
    )
    assert ApiClient(app.test_client(), other).get("/claims").status_code == 200
