"""Hardening a user or an operator would notice: headers, production settings, log-in throttling, upload limits, secrets."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from factcheck.models import Article
from tests.support.factories import user
from tests.support.jobs import on_job
from tests.support.web import PASSWORD, csrf_token, login

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = (
    "5f0c1e9a7b3d2c4e8a6f1b0d9c7e5a3b"  # a test's key: 32 varied characters, never a real one
)


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()
    }


def test_every_page_has_the_security_headers_and_a_policy_without_inline_script(
    client, db, reference_imported
):
    login(client, db)
    for path in (
        "/auth/login",
        "/",
        "/articles/1",
        "/events/",
        "/claims/1/edit",
        "/static/app.js",
        "/nowhere",
    ):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert response.headers["Referrer-Policy"] == "same-origin", path
        policy = _policy(response)
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'", path
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'", path
        assert "unsafe" not in response.headers["Content-Security-Policy"], path
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP in development


def test_templates_carry_no_inline_script_or_handler():
    """What the policy forbids must not be needed: no <script> body, no on…= attribute, no javascript: URL."""
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        for match in re.finditer(r"<script([^>]*)>", text):
            attrs = match.group(1)
            assert "src=" in attrs or 'type="application/ld+json"' in attrs, (
                template,
                match.group(0),
            )
        assert not re.search(r"\son[a-z]+\s*=", text), template
        assert "javascript:" not in text, template


def test_a_published_report_page_gets_a_policy_for_inline_styles_and_no_script(
    app, db, reference_imported, monkeypatch
):
    from factcheck.models import Event
    from factcheck.services import reports

    monkeypatch.setattr("factcheck.services.dispatch.reconcile_groups", lambda groups: 0)
    editor = user(db, "editor@example.org", "editor")
    event_id = db.session.scalar(sa.select(Event.id))
    report = reports.generate_report(event_id, formats=["html"])
    reports.publish_report(report.id, user_id=editor.id)
    response = app.test_client().get("/reports/2022-kazakhstan-unrest/v1")  # public: no session
    assert response.status_code == 200 and b"data:image/svg+xml" in response.data
    policy = _policy(response)
    assert (
        policy["default-src"] == "'none'"
        and policy["style-src"] == "'unsafe-inline'"
        and policy["img-src"] == "data:"
    )
    assert "script-src" not in policy  # default-src 'none': no script runs on a report page
    assert (
        policy["frame-ancestors"] == "'none'"
        and response.headers["X-Content-Type-Options"] == "nosniff"
    )


def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, tmp_path):
    from factcheck.app import create_app
    from factcheck.security import InsecureConfiguration

    monkeypatch.setenv("FACTCHECK_INSTANCE", str(tmp_path))
    monkeypatch.setenv("FACTCHECK_ENV", "production")
    for key in (None, "", "short-key", "a" * 40):
        if key is None:
            monkeypatch.delenv("SECRET_KEY", raising=False)
        else:
            monkeypatch.setenv("SECRET_KEY", key)
        with pytest.raises(InsecureConfiguration, match="needs SECRET_KEY in the environment"):
            create_app()
    assert not (tmp_path / "secret_key").exists()  # production never makes one up


def test_the_server_command_says_why_it_will_not_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env |= {"FACTCHECK_ENV": "production", "FACTCHECK_INSTANCE": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "routes"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    assert "FACTCHECK_ENV=production needs SECRET_KEY" in run.stderr


def test_production_cookies_are_secure_httponly_and_samesite(
    monkeypatch, tmp_path, sqlite_template
):
    import shutil

    from factcheck.app import create_app

    shutil.copyfile(sqlite_template, tmp_path / "db.sqlite")
    monkeypatch.setenv("FACTCHECK_INSTANCE", str(tmp_path))
    monkeypatch.setenv("FACTCHECK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    with app.app_context():
        from factcheck.extensions import db

        user(db, "r@example.org", "reviewer")
        client = app.test_client()
        page = client.get("/auth/login", base_url="https://factcheck.example")
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
        # Over HTTPS Flask-WTF also wants a same-site Referer (which Referrer-Policy: same-origin still sends).
        response = client.post(
            "/auth/login",
            base_url="https://factcheck.example",
            headers={"Referer": "https://factcheck.example/auth/login"},
            data={
                "email": "r@example.org",
                "password": PASSWORD,
                "csrf_token": csrf_token(page.get_data(as_text=True)),
            },
        )
        assert response.status_code == 302
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        db.session.remove()
        db.engine.dispose()


def test_development_cookies_are_httponly_and_samesite(client, db):
    login(client, db)
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


def _attempt(client, email: str, password: str):
    token = csrf_token(client.get("/auth/login").get_data(as_text=True))
    return client.post(
        "/auth/login", data={"email": email, "password": password, "csrf_token": token}
    )


def test_failed_log_ins_are_throttled_per_address_and_account(app, db):
    user(db, "victim@example.org", "reviewer")
    user(db, "other@example.org", "reviewer")
    attacker = app.test_client()
    for _ in range(5):
        assert (
            _attempt(attacker, "victim@example.org", "guess").status_code == 200
        )  # "not right", the form again
    blocked = _attempt(
        attacker, "victim@example.org", PASSWORD
    )  # even the right password waits now
    assert blocked.status_code == 429
    assert "Too many failed log-ins for this account from your address" in blocked.get_data(
        as_text=True
    )
    assert int(blocked.headers["Retry-After"]) <= 60
    # Another account from the same address, and successful log-ins, are not held back by it.
    assert _attempt(attacker, "other@example.org", PASSWORD).status_code == 302
    for _ in range(8):
        fresh = app.test_client()
        assert _attempt(fresh, "other@example.org", PASSWORD).status_code == 302


def test_an_oversized_upload_gets_a_clear_413_and_stores_nothing(client, db, reference_imported):
    token = login(client, db)
    big = io.BytesIO(b"a" * (5 * 1024 * 1024 + 1))
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "upload": (big, "big.txt"),
            "event_id": "1",
            "language": "en",
            "new_outlet": "X",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "larger than this site accepts (5 MiB at most)" in html and "Nothing was stored" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 1


def test_a_long_pasted_article_is_accepted_up_to_the_upload_limit(
    client, db, reference_imported, monkeypatch
):
    on_job(monkeypatch, "tasks.intake.analyse_article", lambda *a: None)
    token = login(client, db)
    text = (
        "Officials said 12 people were killed. " * 20_000
    )  # 760 kB: over Werkzeug's 500 kB default for a field
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "text": text,
            "event_id": "1",
            "language": "en",
            "new_outlet": "Long outlet",
            "utc_offset": "+00:00",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    stored = db.session.scalar(sa.select(Article).where(Article.text == text))
    assert stored.title == text[:200].rstrip()  # no title typed: the first line, cut at 200


def test_no_secret_is_tracked_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [
        p for p in tracked if p.startswith("instance/") or p.endswith((".pem", ".key", ".env"))
    ]
    for path in tracked:
        file = ROOT / path
        if (
            file.suffix in (".py", ".md", ".txt", ".cfg", ".ini", ".toml", ".yaml", ".yml", "")
            and file.is_file()
        ):
            text = file.read_text(errors="ignore")
            # Written so that this line does not match itself once the file is tracked.
            assert not re.search(r"-----BEGIN [A-Z ]*PRIVATE KEY-----", text), path
            assert not re.search(r"SECRET_KEY\s*=\s*['\"][^'\"]{16,}['\"]", text), path


def test_log_in_follows_only_a_next_page_on_this_site(app, db):
    user(db, "r@example.org", "reviewer")
    for target, expected in (
        ("/articles/", "/articles/"),
        ("//evil.example/x", "/"),
        ("https://evil.example/", "/"),
    ):
        client = app.test_client()
        token = csrf_token(client.get("/auth/login").get_data(as_text=True))
        response = client.post(
            f"/auth/login?next={target}",
            data={"email": "r@example.org", "password": PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 302 and response.headers["Location"] == expected, target


def test_the_tests_never_write_into_the_checkouts_instance_folder(app):
    """Jobs no test routed landed in the checkout's instance/broker.sqlite."""
    from pathlib import Path

    checkout = Path(__file__).resolve().parents[2] / "instance"
    assert Path(app.instance_path).resolve() != checkout.resolve()
    if not os.environ.get("CELERY_BROKER_URL"):  # the embedded queue, where jobs go by default
        assert app.config["CELERY"]["broker_url"].endswith(f"{app.instance_path}/broker.sqlite")
