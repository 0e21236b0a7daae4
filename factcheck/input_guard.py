"""The request-level half of the one input guard (the field rules are domain/input_rules.py).

Before any view runs: ids in URLs past the database's integer range are 404,
not a database error; a NUL or an unpaired surrogate anywhere in the query
string or a form is refused with 400 (PostgreSQL cannot store either, and no
form field has a use for them), and so is a query or form whose bytes are not
UTF-8 (a multipart field: not in the charset Werkzeug reads it in); a multipart
form past Werkzeug's limits is its 413 before the guard reads it all; a JSON
body nested thousands deep or holding a 5,000-digit number is a 400, not a
RecursionError. The web answers with its
error page, the API with problem+json (api/problems.py handles the aborts).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask, abort, current_app, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import MultiPartParser
from werkzeug.routing import IntegerConverter
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from factcheck.domain.input_rules import MAX_NUMBER_CHARS, check_text
from factcheck.domain.said import Said

MAX_ID = 2**31 - 1  # an INTEGER primary key on PostgreSQL
# More pages than this is a typed-in URL, not a list anybody pages through.
MAX_PAGE = 100_000


_WHOLE = re.compile(r"[+-]?[0-9]+")


class RowIdConverter(IntegerConverter):
    """`<int:…>` that matches only what an INTEGER column holds: a larger id is 404, not 500.

    ASCII digits only: Werkzeug's `\\d+` also takes "٣" (Arabic-Indic three), which Python reads
    as 3, so one claim would answer at several addresses.
    """

    regex = "[0-9]+"

    def __init__(self, map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class UnreadableJson(ValueError):
    """A JSON body nested too deeply or holding a number too long to be a figure or an id."""


def _bounded_int(text: str) -> int:
    if len(text.lstrip("+-")) > MAX_NUMBER_CHARS:
        raise UnreadableJson(f"a number of more than {MAX_NUMBER_CHARS} digits")
    if not _WHOLE.fullmatch(text):  # int() would also take "٣", " 3 " and "1_000"
        raise ValueError(f"not a whole number: {text[:40]!r}")
    return int(text)


class GuardedJSONProvider(DefaultJSONProvider):
    """JSON bodies without runaway nesting or numbers: both become ValueError, which Flask answers 400."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        kwargs.setdefault("parse_int", _bounded_int)
        try:
            return json.loads(s, **kwargs)
        except RecursionError:
            raise UnreadableJson("the JSON is nested too deeply") from None


def refuse_unreadable_json() -> None:
    """400 before any parser (webargs reads bodies with json.loads itself) meets a JSON bomb."""
    if not request.is_json or not request.content_length:
        return
    try:
        current_app.json.loads(request.get_data(cache=True))
    except UnreadableJson as err:
        abort(400, description=f"The JSON body cannot be read: {err}.")
    except ValueError:
        return  # malformed JSON: the API's own parser says where


def refuse_unstorable_text() -> None:
    """400 for a NUL or unpaired surrogate in any query or form value (the web and the API alike).

    In the path such a character names nothing that can be stored: 404.
    """
    if "\x00" in request.path or _surrogate(request.path):
        abort(404)
    # Werkzeug keeps bytes that are not UTF-8 as the text "%FF": stored, that is garbage.
    if not _utf8(request.query_string):
        abort(400, description=Said("The address's query is not UTF-8 text."))
    if request.mimetype == "application/x-www-form-urlencoded" and not _utf8(
        request.get_data(cache=True)
    ):
        abort(400, description=Said("The form's data is not UTF-8 text."))
    if request.mimetype == "multipart/form-data" and (
        misread := _misread_field(request.get_data(cache=True))
    ):
        abort(400, description=misread)
    for source in (request.args, request.form if request.mimetype != "application/json" else {}):
        for key, value in source.items(multi=True) if source else ():
            if key is None:  # a multipart part whose Content-Disposition names no field
                abort(400, description=Said("The form has a field without a name."))
            for text in (key, value):
                problem = check_text(text) if ("\x00" in text or _surrogate(text)) else None
                if problem:
                    # a key with a lone surrogate cannot be printed as it came: its repr can
                    abort(
                        400,
                        description=Said(
                            "%(field)s: %(problem)s", field=repr(key[:40]), problem=problem
                        ),
                    )


def _utf8(encoded: bytes) -> bool:
    """URL-encoded bytes (a query string, a form's body) whose values are UTF-8 once decoded."""
    return _decodes(unquote_to_bytes(encoded))


def _misread_field(body: bytes) -> str | None:
    """Why a multipart form's text field would not be stored as sent, else None.

    Werkzeug decodes each text field in the charset its part names (ASCII, UTF-8 or Latin-1;
    any other as UTF-8) with errors="replace", so bytes not in that charset would arrive as
    U+FFFD and be stored as if typed. Each text field's own bytes are read here (files are left
    alone: an upload is read by its own rules), so a typed U+FFFD, or one in an uploaded file,
    neither hides nor stands for a bad field. They are read as Werkzeug reads them, in its
    chunks and within its limits (past one: 413, as soon as Werkzeug would): a boundary that
    straddles a chunk's edge is data to both. The body (at most MAX_CONTENT_LENGTH) is cached,
    and the form is parsed from that copy.
    """
    try:
        boundary = request.mimetype_params.get("boundary", "").encode("ascii")
    except UnicodeEncodeError:
        return None  # Werkzeug reads no form at all, so nothing is stored
    if not boundary:
        return None
    parser = MultiPartParser(
        max_form_memory_size=request.max_form_memory_size,
        max_form_parts=request.max_form_parts,
    )
    try:
        for field, data in _text_fields(parser, boundary, body):
            charset = parser.get_part_charset(field.headers)
            try:
                data.decode(charset)
            except UnicodeDecodeError:
                return Said(
                    "The form's field %(field)s is not %(charset)s text.",
                    field=repr((field.name or "")[:40]),  # a part may name no field
                    charset=charset.upper(),
                )
    except ValueError:
        return _replaced_in_parsed_form(body)
    return None


def _text_fields(
    parser: MultiPartParser, boundary: bytes, body: bytes
) -> Iterator[tuple[Field, bytes]]:
    """Each text field of a multipart body with its bytes, read as MultiPartParser.parse reads.

    ValueError where Werkzeug's parse fails (it then reads an empty form); RequestEntityTooLarge
    past its limits on parts and on a text field's size.
    """
    decoder = MultipartDecoder(
        boundary, max_form_memory_size=parser.max_form_memory_size, max_parts=parser.max_form_parts
    )
    chunks = (body[at : at + parser.buffer_size] for at in range(0, len(body), parser.buffer_size))
    part: Field | File | None = None
    data: list[bytes] = []
    size = 0
    for chunk in itertools.chain(chunks, [None]):
        decoder.receive_data(chunk)
        while not isinstance(event := decoder.next_event(), (Epilogue, NeedData)):
            if isinstance(event, (Field, File)):
                part, data, size = event, [], 0
            elif isinstance(event, Data) and isinstance(part, Field):
                data.append(event.data)
                size += len(event.data)
                if parser.max_form_memory_size is not None and size > parser.max_form_memory_size:
                    raise RequestEntityTooLarge()
                if not event.more_data:
                    yield part, b"".join(data)


def _replaced_in_parsed_form(body: bytes) -> str | None:
    """The safe rule when the guard cannot read a form that Werkzeug may: refused if the parsed
    form holds more U+FFFD than the body holds typed (as the UTF-8 bytes EF BF BD)."""
    typed = body.count("\ufffd".encode())
    parsed = sum(
        (key or "").count("\ufffd") + value.count("\ufffd")
        for key, value in request.form.items(multi=True)
    )
    return Said("The form's data is not UTF-8 text.") if parsed > typed else None


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def whole_number(text: str) -> int:
    """A query or form integer (an id, a version, an offset) within an INTEGER column, else ValueError.

    Use as `request.args.get(name, type=whole_number)`: out of range reads as absent.
    """
    number = _bounded_int(text)
    if not 0 <= number <= MAX_ID:
        raise ValueError("out of range")
    return number


def page_number() -> int:
    """`?page=` as a page number: not a number is page 1, a huge one is the last page we serve."""
    page = request.args.get("page", 1, type=_bounded_int)
    return min(max(page, 1), MAX_PAGE)


def init_app(app: Flask) -> None:
    """Install the guard: before the blueprints, so every `<int:…>` route uses the bounded converter."""
    app.url_map.converters["int"] = RowIdConverter
    app.json = GuardedJSONProvider(app)
    app.before_request(refuse_unstorable_text)
    app.before_request(refuse_unreadable_json)
