"""Configuration from the environment: one path, read once by create_app."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from celery.schedules import crontab


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated into instance/ on first run.

    The generated key is kept so that sessions survive a restart; it never
    lives in the repository (instance/ is ignored).
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
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
    return os.environ.get("CELERY_BROKER_URL") or f"sqla+sqlite:///{instance_path / 'broker.sqlite'}"


def transport_options(broker: str) -> dict:
    """CELERY_BROKER_TRANSPORT_OPTIONS (JSON) over the defaults for the broker in use.

    Redis hides a delivered message until it is acknowledged or visibility_timeout
    seconds pass; a killed worker's job is then delivered again. The SQLite
    transport takes no such option (its options go to create_engine).
    """
    defaults = {"visibility_timeout": 3600} if broker.startswith(("redis", "rediss")) else {}
    return {**defaults, **json.loads(os.environ.get("CELERY_BROKER_TRANSPORT_OPTIONS", "{}"))}


def load(instance_path: Path) -> dict:
    """The settings create_app applies before any test overrides."""
    return {
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
            "broker_transport_options": transport_options(broker_url(instance_path)),
            "beat_schedule": {
                "nightly-rebuild": {"task": "tasks.reconcile.nightly_rebuild", "schedule": crontab(hour=3, minute=0)},
                "stale-check": {"task": "tasks.reconcile.check_stale", "schedule": crontab(minute=15, hour="*/6")},
            },
        },
        # Events a rebuild reads, reconciles and commits at a time: bounds memory, moves progress.
        "RECONCILE_BATCH_EVENTS": int(os.environ.get("FACTCHECK_BATCH_EVENTS", 200)),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 5 * 1024 * 1024)),
        # The 0.9 / 1.1 widths of "nearly" and "approximately" are a project choice.
        "QUALIFIER_WIDTHS": {
            "nearly": float(os.environ.get("FACTCHECK_NEARLY_WIDTH", 0.9)),
            "approx_low": float(os.environ.get("FACTCHECK_APPROX_LOW", 0.9)),
            "approx_high": float(os.environ.get("FACTCHECK_APPROX_HIGH", 1.1)),
        },
    }
