"""`Idempotency-Key` on the API's creates: a POST sent twice with the same key makes one record.

The second answer repeats the first (its status, Location, ETag and body),
marked `Idempotent-Replayed: true`. The same key with another body is 422; a
repeat while the first is still running is 409. A request that failed gives
its key back. services/submissions.py keeps the keys.
"""

from __future__ import annotations

from flask import Response, g, request

from factcheck.api.auth import current_user
from factcheck.api.problems import abort
from factcheck.extensions import db
from factcheck.services import submissions

HEADER = "Idempotency-Key"
KEPT_HEADERS = ("Location", "ETag")
PREFIX = "api:"  # keys are kept per account, apart from the web forms' "form:" keys
LONGEST = submissions.MAX_KEY - len(PREFIX)  # what a client may send (the column holds both)


def before() -> Response | None:
    """Reserve the key, or answer with the first request's response."""
    key = request.headers.get(HEADER)
    if request.method != "POST" or key is None:
        return None
    key = key.strip(" \t")  # a field value's surrounding spaces are not part of it (RFC 9110)
    user = current_user()
    sent = submissions.fingerprint(request.method, request.path, request.get_data(cache=True))
    try:
        # The client's key itself: an empty one is no key (it was kept as "api:"), and the
        # length is the client's, not the stored one's.
        submissions.check_key(key, LONGEST)
        outcome = submissions.reserve(user.id, PREFIX + key, sent)
    except submissions.KeyRefused as err:
        abort(err.status, str(err))
    if outcome is None:
        g.idempotency = (user.id, PREFIX + key)
        return None
    headers = dict(line.split(": ", 1) for line in (outcome.location or "").splitlines() if line)
    response = Response(outcome.body, outcome.status, headers, mimetype="application/json")
    response.headers["Idempotent-Replayed"] = "true"
    return response


def after(response: Response) -> Response:
    """Keep a success for repeats; give the key back after a failure."""
    reserved = g.pop("idempotency", None)
    if reserved is None:
        return response
    if response.status_code < 400:
        kept = "\n".join(
            f"{h}: {response.headers[h]}" for h in KEPT_HEADERS if h in response.headers
        )
        submissions.complete(*reserved, response.status_code, kept, response.get_data(as_text=True))
    else:
        submissions.release(*reserved)
    return response


def teardown(_exc: BaseException | None) -> None:
    """A request that ended in an unhandled error never reached `after`: give its key back."""
    reserved = g.pop("idempotency", None)
    if reserved is not None:
        db.session.rollback()
        submissions.release(*reserved)
