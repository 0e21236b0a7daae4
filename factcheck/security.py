"""Security headers on every response, the production settings check, and login throttling keys.

docs/security.md lists each protection with the test that proves it.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

# The app's pages: one script and one stylesheet of our own, nothing inline, never framed.
APP_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# A report page is one self-contained file: inline styles, charts as data: URIs, and no script at all
# (its JSON-LD block is data, which no policy runs).
REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
REPORT_BLUEPRINT = "reports"

MIN_SECRET_KEY_CHARS = 32


class InsecureConfiguration(RuntimeError):
    """Production settings that must not serve anybody; create_app refuses to start."""


def check_production(config: dict) -> None:
    """Refuse to run in production without a real SECRET_KEY (from the environment, 32+ varied characters)."""
    if config.get("FACTCHECK_ENV") != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if len(key) < MIN_SECRET_KEY_CHARS or len(set(key)) < 10:
        raise InsecureConfiguration(
            "FACTCHECK_ENV=production needs SECRET_KEY in the environment: at least "
            f"{MIN_SECRET_KEY_CHARS} random characters, the same on every machine "
            "(python -c 'import secrets; print(secrets.token_hex(32))'). Refusing to start."
        )


def login_key() -> str:
    """Throttle failed log-ins per address and account: one attacker cannot lock everybody out."""
    email = (request.form.get("email") or "").strip().lower()
    return f"{request.remote_addr}|{email}"


def _headers(response: Response) -> Response:
    policy = REPORT_POLICY if request.blueprint == REPORT_BLUEPRINT else APP_POLICY
    response.headers.setdefault("Content-Security-Policy", policy)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors for old browsers
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault(
        "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
    )
    if seconds := current_app.config.get("HSTS_SECONDS", 0):
        response.headers.setdefault("Strict-Transport-Security", f"max-age={seconds}")
    return response


def init_app(app: Flask) -> None:
    """Check production settings, trust the reverse proxy's headers if told to, add the headers."""
    check_production(app.config)
    if app.config.get("FACTCHECK_ENV") == "production" and str(
        app.config.get("RATELIMIT_STORAGE_URI", "")
    ).startswith("memory"):
        # RabbitMQ gives Flask-Limiter no store: each process would count failed log-ins alone.
        app.logger.warning(
            "log-in throttle counts per process (memory://): set RATELIMIT_STORAGE_URI=redis://… "
            "so every web process sees every failed log-in (docs/deploy.md)"
        )
    proxies = app.config.get("PROXY_COUNT", 0)
    if proxies:
        # Behind nginx (or a load balancer and nginx): the client's address and scheme come from
        # X-Forwarded-For / -Proto, set by exactly this many proxies; a client cannot forge them past it.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.after_request(_headers)
