"""Errors as RFC 9457 problem details (application/problem+json), each with a detail a script can show."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import marshmallow as ma
import sqlalchemy as sa
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, InternalServerError

PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger(__name__)


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details; `errors` lists what was wrong with each parameter."""

    type = ma.fields.String(
        required=True,
        metadata={
            "description": "A URI naming the kind of problem; about:blank for plain HTTP statuses."
        },
    )
    title = ma.fields.String(required=True, metadata={"description": "The HTTP status phrase."})
    status = ma.fields.Integer(required=True, metadata={"description": "The HTTP status code."})
    detail = ma.fields.String(
        required=True, metadata={"description": "What went wrong with this request, in a sentence."}
    )
    instance = ma.fields.String(metadata={"description": "The path that was asked for."})
    errors = ma.fields.Dict(
        metadata={"description": "Per-location, per-field messages (validation errors)."}
    )


class Problem(HTTPException):
    """An HTTP error whose detail is written for the API's users; raise it from a view."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None):
        self.code = status
        super().__init__(description=detail)
        self.extra_headers = headers or {}


def abort(status: int, detail: str, headers: dict[str, str] | None = None):
    raise Problem(status, detail, headers)


def refused(status: int, err: BaseException):
    """A service's refusal as the problem's detail: one sentence, one full stop (a message
    ending "(… if none)." got a second)."""
    text = str(err)
    abort(status, text if text.endswith((".", "?", "!")) else f"{text}.")


def problem_response(
    status: int, detail: str, headers: dict[str, str] | None = None, errors: dict | None = None
) -> Response:
    from http import HTTPStatus

    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _messages(messages: dict, path: str = "") -> list[str]:
    """webargs' nested {location: {field: [message]}} as "location.field: message" lines."""
    out: list[str] = []
    for key, value in messages.items():
        where = f"{path}.{key}" if path else str(key)
        if isinstance(value, dict):
            out.extend(_messages(value, where))
        else:
            for message in value if isinstance(value, list) else [value]:
                out.extend(
                    _messages(message, where)
                    if isinstance(message, dict)
                    else [f"{where}: {str(message).rstrip('.')}"]
                )
    return out


def from_http_exception(err: HTTPException) -> Response:
    """The problem document for any HTTP error raised while serving the API."""
    status = err.code or 500
    headers = {k: v for k, v in err.get_headers() if k.lower() != "content-type"}
    headers.update(getattr(err, "extra_headers", {}))
    data = getattr(err, "data", None) or {}  # webargs' abort() puts validation messages here
    errors = data.get("messages")
    if errors:
        lines = _messages(errors)
        detail = (
            "The request is invalid: " + "; ".join(lines[:5]) + ("; …" if len(lines) > 5 else "")
        )
        headers.update(data.get("headers") or {})
    elif status == 429:
        detail = f"Too many requests for this token (limit: {err.description}). Wait and try again."
    elif isinstance(err, InternalServerError):
        detail = "The server failed to answer this request; it has been logged."
    else:
        detail = err.description or ""
    if status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="factcheck API"')
    return problem_response(status, detail, headers, errors)


def database_refusal(err: sa.exc.DBAPIError) -> Response:
    """A change the database refused (a duplicate, a broken rule): 409 or 422, nothing written."""
    from factcheck.extensions import db

    db.session.rollback()
    message = str(getattr(err, "orig", err)).strip().splitlines()[0]
    duplicate = "unique" in message.lower() or "duplicate key" in message.lower()
    # The database's own words stay in the log: they name tables and constraints, not fields.
    log.info("database refused an API change: %s", message[:200])
    if duplicate:
        return problem_response(
            409,
            "This duplicates a record stored already (a name, slug, e-mail or text that is "
            "taken); nothing was written.",
        )
    return problem_response(
        422, "The database refused a value (too long or out of range); nothing was written."
    )


def unavailable(err: Exception) -> Response:
    """The database or the queue went away mid-request: 503 with Retry-After, saying what was kept."""
    from factcheck.extensions import db

    log.warning("service unavailable during an API request: %s", err)
    try:
        db.session.rollback()
    except sa.exc.SQLAlchemyError:
        db.session.remove()
    if type(err).__module__.startswith("kombu"):
        detail = (
            "The job queue did not answer, so the background work was not started; what was saved "
            "is kept. Try again in a minute."
        )
        return problem_response(503, detail, {"Retry-After": "30"})
    detail = (
        "The database did not answer; a change is stored whole or not at all. Try again shortly."
    )
    return problem_response(503, detail, {"Retry-After": "5"})


def install(app: Flask, prefix: str) -> None:
    """Answer HTTP errors under `prefix` as problem documents; leave the web pages' handler the rest.

    Registered after the web app's error pages (factcheck/web/errors.py) so that
    unknown API paths and wrong methods, which match no blueprint, answer in JSON too.
    """
    # Every HTTP error class the web app has a page for (413 from an oversized body, CSRF, …)
    # is wrapped too: Flask picks the most specific class first, which would answer HTML.
    # Flask files them by status code (None for the catch-all), and looks by code first.
    pages = [
        (cls, handler)
        for handlers in app.error_handler_spec[None].values()
        for cls, handler in list(handlers.items())
        if issubclass(cls, HTTPException)
    ]
    if not any(cls is HTTPException for cls, _ in pages):
        pages.append((HTTPException, None))
    for cls, handler in pages:
        app.register_error_handler(cls, _problem_or(handler, prefix))


def _problem_or(previous: Callable | None, prefix: str) -> Callable:
    def handle(err: HTTPException):
        if request.path == prefix or request.path.startswith(prefix + "/"):
            return from_http_exception(err)
        return previous(err) if previous is not None else err

    return handle
