"""The application factory; kept apart so importing the domain never loads Flask."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext

from factcheck import config
from factcheck.extensions import csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app from the environment, then apply `test_config` on top."""
    app = Flask(
        __name__,
        # instance/ holds the SQLite files and the generated key; FACTCHECK_INSTANCE moves it.
        instance_path=os.environ.get("FACTCHECK_INSTANCE") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
    )
    app.config.from_mapping(config.load(Path(app.instance_path)))
    if test_config:
        app.config.update(test_config)
    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from factcheck import (
        i18n,
        input_guard,
        models,  # noqa: F401  (registers the tables on the metadata)
        security,
    )
    from factcheck.celery_app import celery_init_app

    security.init_app(app)  # first: production refuses to start without a real SECRET_KEY
    input_guard.init_app(app)  # before any route: `<int:…>` is bounded to the database's range
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = lazy_gettext("Please log in to access this page.")
    i18n.init_app(app)
    celery_init_app(app)


def register_blueprints(app: Flask) -> None:
    from factcheck import api
    from factcheck.web import (
        admin,
        article_suggestions,  # noqa: F401  (its routes join the articles blueprint)
        article_urls,  # noqa: F401  (its routes join the articles blueprint)
        articles,
        auth,
        claim_links,  # noqa: F401  (its routes join the claims blueprint)
        claims,
        conflicts,  # noqa: F401  (its routes join the events blueprint)
        errors,
        events,
        fact_checks,
        history,
        lookup,
        reports,
        search,
        sources,
        suggestion_decisions,  # noqa: F401  (its routes join the claims blueprint)
        tokens,
    )
    from factcheck.web.filters import register_filters

    register_filters(app)
    for module in (
        auth,
        articles,
        claims,
        events,
        search,
        sources,
        admin,
        reports,
        fact_checks,
        history,
        tokens,
    ):
        app.register_blueprint(module.bp)
    app.register_blueprint(lookup.bp, url_prefix="/lookup")
    app.add_url_rule("/", endpoint="index", view_func=articles.index)
    errors.register(app)
    api.init_app(app)  # after the error pages: the API answers its own errors as problem+json


def register_commands(app: Flask) -> None:
    from factcheck.cli import factcheck_cli

    app.cli.add_command(factcheck_cli)
