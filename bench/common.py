"""Helpers the benchmarks share: a fresh migrated PostgreSQL database and peak memory."""

from __future__ import annotations

import os
import resource
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]

ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def fresh_postgres(name: str) -> str:
    """Drop, create and migrate database `name`; return its URL."""
    engine = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    from flask_migrate import upgrade

    app = make_app(url)
    with app.app_context():
        upgrade()
    return url


def make_app(url: str):
    from factcheck.app import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url})


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
