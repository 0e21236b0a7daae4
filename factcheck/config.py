"""Configuration from the environment: one path, read once by create_app."""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from kombu import Queue

# A reviewer's edit is reconciled from a queue of its own, which every worker serves before the
# default one, so it never waits behind the thousands of batches a full rebuild queues.
EDITS_QUEUE = "edits"


def environment() -> str:
    """FACTCHECK_ENV (or FLASK_ENV): "production" turns on secure cookies and the SECRET_KEY check."""
    return (
        (os.environ.get("FACTCHECK_ENV") or os.environ.get("FLASK_ENV") or "development")
        .strip()
        .lower()
    )


def _flag(name: str, default: bool) -> bool:
    """An on/off setting from the environment: 1/true/yes/on or 0/false/no/off."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated into instance/ on first run.

    The generated key is kept so that sessions survive a restart; it never
    lives in the repository (instance/ is ignored). Production never generates
    one: factcheck.security refuses to start without a real key.
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env or environment() == "production":
        return from_env or ""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database_url(instance_path: Path) -> str:
    """DATABASE_URL, defaulting to an SQLite file under instance/."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'factcheck.sqlite'}"
    # Hosted PostgreSQL often hands out postgres:// URLs; psycopg 3 wants its dialect named.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def broker_url(instance_path: Path) -> str:
    """CELERY_BROKER_URL, defaulting to an SQLite-backed transport: no server needed."""
    return (
        os.environ.get("CELERY_BROKER_URL") or f"sqla+sqlite:///{instance_path / 'broker.sqlite'}"
    )


def transport_options(broker: str) -> dict:
    """CELERY_BROKER_TRANSPORT_OPTIONS (JSON) over the defaults for the broker in use.

    Redis hides a delivered message until it is acknowledged or visibility_timeout
    seconds pass; a killed worker's job is then delivered again. The SQLite
    transport takes no such option (its options go to create_engine).
    """
    # A Redis host that does not answer fails a send within 5 s instead of the system's TCP timeout.
    # "priority": a worker polls its queues in the order of -Q (edits first), not in turn.
    defaults = (
        {
            "visibility_timeout": 3600,
            "socket_connect_timeout": 5,
            "queue_order_strategy": "priority",
        }
        if broker.startswith(("redis", "rediss"))
        else {}
    )
    return {**defaults, **json.loads(os.environ.get("CELERY_BROKER_TRANSPORT_OPTIONS", "{}"))}


def production_settings(production: bool, broker: str) -> dict:
    """Cookies only over HTTPS in production, never readable by scripts, not sent on cross-site posts."""
    cookies = {
        f"{prefix}_{name}": value
        for prefix in ("SESSION_COOKIE", "REMEMBER_COOKIE")
        for name, value in (("SECURE", production), ("HTTPONLY", True), ("SAMESITE", "Lax"))
    }
    # Failed log-ins are counted where every web process sees them: Redis in production (the
    # broker's, or RATELIMIT_STORAGE_URI). With only RabbitMQ there is no shared store Flask-Limiter
    # reads: each process counts alone (docs/deploy.md says to set RATELIMIT_STORAGE_URI).
    shared = broker if production and broker.startswith(("redis://", "rediss://")) else "memory://"
    return cookies | {
        "FACTCHECK_ENV": "production" if production else "development",
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "HSTS_SECONDS": int(
            os.environ.get("FACTCHECK_HSTS_SECONDS", 31536000 if production else 0)
        ),
        "PROXY_COUNT": int(os.environ.get("FACTCHECK_PROXY_COUNT", 0)),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI") or shared,
        "RATELIMIT_HEADERS_ENABLED": True,
        # If Redis is away, count in each process's memory rather than refuse every log-in.
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "LOGIN_LIMITS": os.environ.get("FACTCHECK_LOGIN_LIMITS", "5 per minute"),
    }


def load(instance_path: Path) -> dict:
    """The settings create_app applies before any test overrides."""
    return production_settings(environment() == "production", broker_url(instance_path)) | {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "CELERY": {
            "broker_url": broker_url(instance_path),
            # Job progress lives in our own jobs table, so no result backend is needed.
            "task_ignore_result": True,
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "worker_prefetch_multiplier": 1,
            # A worker started without -Q serves both, edits first.
            "task_queues": (Queue(EDITS_QUEUE), Queue("celery")),
            "task_routes": {"tasks.reconcile.reconcile_group": {"queue": EDITS_QUEUE}},
            "broker_transport_options": transport_options(broker_url(instance_path)),
            "beat_schedule": {
                "nightly-rebuild": {
                    "task": "tasks.reconcile.nightly_rebuild",
                    "schedule": crontab(hour=3, minute=0),
                },
                "stale-check": {
                    "task": "tasks.reconcile.check_stale",
                    "schedule": crontab(minute=15, hour="*/6"),
                },
                # pending_groups is the durable record of what needs reconciling; this resends lost messages.
                "requeue-pending": {
                    "task": "tasks.reconcile.requeue_pending",
                    "schedule": timedelta(
                        seconds=float(os.environ.get("FACTCHECK_SWEEP_SECONDS", 300))
                    ),
                },
            },
        },
        # Events a rebuild reads, reconciles and commits at a time: bounds memory, moves progress.
        # Each batch reads the outlets and places and commits once: 500 events cost 6% less
        # than 200 (10,000 events), a 50,000-event rebuild is still 100 tasks to spread.
        "RECONCILE_BATCH_EVENTS": int(os.environ.get("FACTCHECK_BATCH_EVENTS", 500)),
        # The API: requests per token (limits syntax). Swagger UI comes from a package (api/docs.py).
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "600 per minute"),
        # Reports: the address printed in them and the organisation that authors their verdicts.
        # Default: the address being served (PORT, as gunicorn and scripts/run use it), not a fixed 5000.
        "FACTCHECK_PUBLIC_URL": os.environ.get("FACTCHECK_PUBLIC_URL")
        or f"http://127.0.0.1:{os.environ.get('PORT') or 5000}",
        "FACTCHECK_PUBLISHER": os.environ.get("FACTCHECK_PUBLISHER", "factcheck"),
        "FACTCHECK_PUBLISHER_URL": os.environ.get("FACTCHECK_PUBLISHER_URL"),
        # Intake by URL: how much of a page is read, how long the server may take, how many
        # redirects are followed; private and loopback addresses only when allowed (tests).
        "FETCH_MAX_BYTES": int(os.environ.get("FACTCHECK_FETCH_MAX_BYTES", 5 * 1024 * 1024)),
        "FETCH_TIMEOUT_SECONDS": float(os.environ.get("FACTCHECK_FETCH_TIMEOUT", 10)),
        "FETCH_TOTAL_SECONDS": float(os.environ.get("FACTCHECK_FETCH_TOTAL", 30)),
        "FETCH_MAX_REDIRECTS": int(os.environ.get("FACTCHECK_FETCH_MAX_REDIRECTS", 5)),
        "FETCH_ALLOW_PRIVATE": os.environ.get("FACTCHECK_FETCH_ALLOW_PRIVATE", "") == "1",
        # The extraction assistant reads an article's first this many characters (a long
        # paste gets suggestions for its first part, and the page says so).
        "SUGGEST_MAX_CHARS": int(os.environ.get("FACTCHECK_SUGGEST_MAX_CHARS", 100_000)),
        # A verdict is published by someone other than its author (on by default in production).
        "VERDICT_SECOND_PERSON": _flag(
            "FACTCHECK_VERDICT_SECOND_PERSON", environment() == "production"
        ),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 5 * 1024 * 1024)),
        # Werkzeug caps a pasted (non-file) field at 500 kB by default; an article may be pasted up to the upload limit.
        "MAX_FORM_MEMORY_SIZE": int(os.environ.get("MAX_CONTENT_LENGTH", 5 * 1024 * 1024)),
        # The years a claim, event or article date may fall in (every entry path; input_rules).
        "DATE_RANGE": {
            "earliest": int(os.environ.get("FACTCHECK_EARLIEST_YEAR", 1900)),
            "latest": int(os.environ.get("FACTCHECK_LATEST_YEAR", 2100)),
        },
        # The 0.9 / 1.1 widths of "nearly" and "approximately" are a project choice.
        "QUALIFIER_WIDTHS": {
            "nearly": float(os.environ.get("FACTCHECK_NEARLY_WIDTH", 0.9)),
            "approx_low": float(os.environ.get("FACTCHECK_APPROX_LOW", 0.9)),
            "approx_high": float(os.environ.get("FACTCHECK_APPROX_HIGH", 1.1)),
        },
    }
