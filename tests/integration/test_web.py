"""The browser-facing pages: login required, and the reference article readable with its claims."""

from __future__ import annotations

import re

import sqlalchemy as sa

from factcheck.models import Article, User
from tests.support import factories
from tests.support.web import PASSWORD, csrf_token


def _login(client, email="rev@example.org", password=PASSWORD):
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    return client.post(
        "/auth/login", data={"email": email, "password": password, "csrf_token": token}
    )


def test_pages_need_a_session(client, db, reference_imported):
    article_id = db.session.scalar(sa.select(Article.id))
    for path in ("/", "/articles/", f"/articles/{article_id}"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], path


def test_login_needs_the_csrf_token(client, db):
    factories.user(db, "rev@example.org")
    response = client.post("/auth/login", data={"email": "rev@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/articles/").status_code == 302


def test_wrong_password_keeps_the_email_and_says_so(client, db):
    factories.user(db, "rev@example.org")
    response = _login(client, password="wrong")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Email or password is not right" in html
    assert 'value="rev@example.org"' in html
    assert client.get("/articles/").status_code == 302


def test_disabled_account_cannot_log_in(client, db):
    user = factories.user(db, "rev@example.org")
    user.active = False
    db.session.commit()
    _login(client)
    assert client.get("/articles/").status_code == 302


def test_reviewer_reads_the_reference_article_with_its_claims(client, db, reference_imported):
    factories.user(db, "rev@example.org")
    assert _login(client).status_code == 302
    listing = client.get("/articles/").get_data(as_text=True)
    assert "Presiden Kazakhstan Klaim Negaranya Kalahkan Upaya Kudeta" in listing
    assert "(from TRT)" in listing
    article_id = db.session.scalar(sa.select(Article.id))
    html = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert "Republished from</dt><dd>TRT" in html
    assert "2022-01-11T22:25:00+07:00" in html
    assert "calendar mismatch" in html
    assert re.search(
        r'<mark class="claim" data-href="/claims/11" title="#11 quantity — click to open">'
        r"hampir 8.000 orang telah ditahan untuk diinterogasi</mark>"
        r'<a class="claim-open" href="/claims/11" aria-label="Open claim 11 \(quantity\)"></a>',
        html,
    )
    # The retracted figure lies inside the live retraction's quote: the run they share is drawn
    # as both (not struck as if the retraction were withdrawn too), and struck in the table.
    assert re.search(
        r'<mark class="claim mixed"[^>]*title="[^"]*\(retracted\)[^"]*">lebih dari 164 orang tewas</mark>',
        html,
    )
    assert "<s>lebih dari 164 orang tewas</s>" in html
    assert "deprecated: retracted" in html


def test_logout_ends_the_session(client, db):
    factories.user(db, "rev@example.org")
    _login(client)
    page = client.get("/articles/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/auth/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/articles/").status_code == 302


def test_create_user_command(cli, db):
    result = cli.invoke(
        args=["factcheck", "create-user", "Ed@Example.org", "--role", "editor", "--generate"]
    )
    assert result.exit_code == 0, result.output
    password = result.output.rsplit("password: ", 1)[1].strip()
    user = db.session.scalar(sa.select(User))
    assert (user.email, user.role) == ("ed@example.org", "editor") and user.check_password(password)
    again = cli.invoke(args=["factcheck", "create-user", "ed@example.org", "--generate"])
    assert again.exit_code == 1 and "exists already" in again.output
    for bad in ("not-an-email", "a" * 250 + "@example.org", "two words@example.org"):
        refused = cli.invoke(args=["factcheck", "create-user", bad, "--generate"])
        assert refused.exit_code == 1 and "is not an e-mail address" in refused.output, bad
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
    assert (
        cli.invoke(
            args=["factcheck", "create-user", "ed@example.org", "--if-missing", "--generate"]
        ).exit_code
        == 0
    )
