"""What every API blueprint shares: a token before each view, documented errors, lists page by page."""

from __future__ import annotations

import http
from collections.abc import Callable
from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask import current_app
from flask_smorest import Blueprint
from kombu.exceptions import OperationalError as QueueUnreachable
from marshmallow import fields, validate
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from factcheck.api import idempotency
from factcheck.api.auth import rate_limit_key, require_token
from factcheck.api.paths import API_PREFIX
from factcheck.api.problems import (
    abort,
    database_refusal,
    from_http_exception,
    problem_response,
    unavailable,
)
from factcheck.extensions import db, limiter


def _status_ref(code: int) -> str:
    """The name of the shared problem+json response documented for `code` (see ProblemApi)."""
    return http.HTTPStatus(code).name


class ApiBlueprint(Blueprint):
    """A flask-smorest blueprint whose views all need a token and document 401 and 429.

    Its name is `api_<tag>` (the web app has blueprints called `claims`, `events`, …);
    the spec groups its operations under `tag`.
    """

    def __init__(self, tag: str, import_name: str, url_prefix: str, description: str):
        super().__init__(
            f"api_{tag}", import_name, url_prefix=API_PREFIX + url_prefix, description=description
        )
        self.tag = tag
        # One count per token across every API view (the limiter checks before the view runs).
        limiter.shared_limit(_rate_limit, scope="api", key_func=rate_limit_key)(self)
        self.before_request(require_token)
        self.before_request(idempotency.before)  # after the token: keys are per account
        self.after_request(idempotency.after)
        self.teardown_request(idempotency.teardown)
        self.register_error_handler(
            HTTPException, from_http_exception
        )  # before the web's HTML pages
        self.register_error_handler(sa.exc.IntegrityError, database_refusal)
        self.register_error_handler(sa.exc.DataError, database_refusal)
        self.register_error_handler(StaleDataError, _stale)
        for lost in (
            sa.exc.OperationalError,
            sa.exc.InterfaceError,
            sa.exc.TimeoutError,
            QueueUnreachable,
        ):
            self.register_error_handler(lost, unavailable)

    def route(self, rule: str, *, parameters=None, tags=None, **options):
        register = super().route(rule, parameters=parameters, tags=tags or [self.tag], **options)

        def decorator(func: Callable) -> Callable:
            # operationId "claims_update": stable names for generated clients and Swagger UI's links.
            documented = self.doc(operationId=f"{self.tag}_{func.__name__}")(func)
            for code in (401, 429):
                documented = self.alt_response(code, response=_status_ref(code))(documented)
            register(documented)
            return func

        return decorator


def _rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def _stale(err: StaleDataError):
    db.session.rollback()
    return problem_response(
        412,
        "Someone changed this record while yours was being saved; nothing was written. "
        "GET it again and apply your change to the new version.",
    )


def documents(blp: Blueprint, *codes: int) -> Callable:
    """Document the problem responses a view can give besides 401 and 429."""

    def decorate(func: Callable) -> Callable:
        for code in codes:
            func = blp.alt_response(code, response=_status_ref(code))(func)
        return func

    return decorate


class Detail:
    """A row with extra attributes for a detail schema (a claim with its relations and verdicts)."""

    def __init__(self, row: Any, **extra: Any):
        self._row, self._extra = row, extra

    def __getattr__(self, name: str) -> Any:
        return self._extra[name] if name in self._extra else getattr(self._row, name)


def get_or_404(model: type, ident: int, what: str | None = None) -> Any:
    row = db.session.get(model, ident)
    if row is None:
        abort(404, f"There is no {what or model.__name__.lower()} {ident}.")
    return row


def must_exist(model: type, ident: int | None, field: str) -> None:
    """422 when a body names a row that is not there (a 404 is for the path's own resource)."""
    if ident is not None and db.session.get(model, ident) is None:
        abort(422, f"{field}: there is no {model.__name__.lower()} {ident}.")


# Lists: ?page=&per_page=&sort=&total=; every list answers {items, page, per_page, has_more, next_page, total}.

MAX_PER_PAGE = 100


class PageArgs(ma.Schema):
    page = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=100_000),
        metadata={"description": "Page number, from 1."},
    )
    per_page = fields.Integer(
        load_default=25,
        validate=validate.Range(min=1, max=MAX_PER_PAGE),
        metadata={"description": f"Items per page (at most {MAX_PER_PAGE})."},
    )
    total = fields.Boolean(
        load_default=False, metadata={"description": "Also count every matching item (slower)."}
    )


def sort_field(columns: dict[str, Any], default: str) -> fields.String:
    """`sort=name` ascending or `sort=-name` descending, over the columns named here; ties go by id."""
    choices = sorted(columns) + sorted(f"-{c}" for c in columns)
    return fields.String(
        load_default=default,
        validate=validate.OneOf(choices),
        metadata={
            "description": f"Order by one field; a leading '-' reverses it. Default {default}."
        },
    )


_page_schemas: dict[str, type[ma.Schema]] = {}


def page_schema(item: type[ma.Schema]) -> type[ma.Schema]:
    """The envelope of a list of `item`, one schema class per item type (named in the spec)."""
    name = item.__name__.removesuffix("Schema") + "PageSchema"
    if name not in _page_schemas:
        _page_schemas[name] = type(
            name,
            (ma.Schema,),
            {
                "items": fields.List(fields.Nested(item), required=True),
                "page": fields.Integer(required=True),
                "per_page": fields.Integer(required=True),
                "has_more": fields.Boolean(
                    required=True, metadata={"description": "Whether a next page exists."}
                ),
                "next_page": fields.Integer(allow_none=True, required=True),
                "total": fields.Integer(
                    allow_none=True,
                    required=True,
                    metadata={"description": "Every matching item; null unless total=true."},
                ),
            },
        )
    return _page_schemas[name]


def page_of(query: sa.Select, args: dict, columns: dict[str, Any], id_column: Any) -> dict:
    """One page of `query` sorted by args['sort'] (ties by id, nulls last), plus whether more follow."""
    key = args["sort"]
    descending = key.startswith("-")
    column = columns[key.lstrip("-")]
    order = [column.desc() if descending else column.asc()]
    if getattr(getattr(column, "expression", column), "nullable", True):
        order = [
            order[0].nulls_last()
        ]  # the same order on both databases; NOT NULL columns keep their index
    if column is not id_column:
        order.append(id_column.desc() if descending else id_column.asc())
    page, per_page = args["page"], args["per_page"]
    ordered = query.order_by(None).order_by(*order)
    rows = (
        db.session.scalars(ordered.limit(per_page + 1).offset((page - 1) * per_page)).unique().all()
    )
    total = count_of(query) if args.get("total") else None
    return envelope(rows[:per_page], page, per_page, len(rows) > per_page, total)


def count_of(query: sa.Select) -> int:
    """How many rows `query` gives (for `total=true`)."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
    )


def envelope(items: list, page: int, per_page: int, has_more: bool, total: int | None) -> dict:
    """A page of a list as page_schema shapes it."""
    return {
        "items": items,
        "page": page,
        "per_page": per_page,
        "has_more": has_more,
        "next_page": page + 1 if has_more else None,
        "total": total,
    }
