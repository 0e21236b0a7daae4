"""The JSON API at /api/v1: thin views over the services, bearer tokens, problem+json errors, OpenAPI.

`init_app(app)` wires it into an app; create_app calls it after the web app's
blueprints and error pages. The document is at /api/v1/openapi.json and
Swagger UI at /api/v1/docs (docs/api.md).
"""

from __future__ import annotations

from flask import Flask

from factcheck.api.paths import API_PREFIX


def init_app(app: Flask) -> None:
    """Register the API's blueprints and its OpenAPI document; answer errors under /api/v1 as problem+json."""
    from factcheck.api import (
        articles,
        claims,
        docs,
        events,
        history,
        jobs,
        problems,
        relations,
        reports,
        reviews,
        sources,
        spec,
    )
    from factcheck.extensions import csrf

    spec.configure(app, API_PREFIX)
    api = spec.ProblemApi(app)
    for module in (articles, claims, relations, events, jobs, reviews, reports, sources, history):
        csrf.exempt(module.bp)  # bearer tokens, not cookies: a cross-site request cannot carry one
        api.register_blueprint(module.bp)
    app.register_blueprint(docs.bp)
    problems.install(app, API_PREFIX)
