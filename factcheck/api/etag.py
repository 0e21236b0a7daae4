"""Optimistic concurrency over HTTP: a claim's ETag names its version; a change must quote it in If-Match."""

from __future__ import annotations

import re

from flask import request

from factcheck.api.problems import abort
from factcheck.models import Claim
from factcheck.services.edit_tokens import edit_token

IF_MATCH_REQUIRED = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "schema": {"type": "string"},
    "description": "The ETag of the claim as you last read it. Missing: 428. Stale: 412, nothing written.",
}
IF_MATCH_OPTIONAL = {
    **IF_MATCH_REQUIRED,
    "required": False,
    "description": "The claim's ETag; when given and stale, 412 and nothing is written.",
}
ETAG_HEADER = {
    "ETag": {
        "schema": {"type": "string"},
        "required": True,
        "description": "The claim's current version; quote it in If-Match to change the claim.",
    }
}


def claim_etag(claim: Claim) -> str:
    """A strong ETag, quoted as the header carries it: "claim-12-v3"."""
    return f'"claim-{claim.id}-v{claim.version}"'


def expected_version(claim: Claim, required: bool = True) -> int | None:
    """The version the client last saw, from If-Match; 428 when it is missing, 412 when it is not this claim's.

    The version goes to the service, which refuses a stale one (StaleVersion), and
    the database refuses an edit that lost a race (the version column).
    """
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        if required:
            abort(
                428,
                f"Changing claim {claim.id} needs If-Match with its ETag; GET it first (it is at {claim_etag(claim)}).",
            )
        return None
    if header.strip() == "*":
        abort(428, "If-Match: * does not say which version you changed; send the claim's ETag.")
    versions = [int(v) for v in re.findall(rf'"claim-{claim.id}-v(\d{{1,9}})"', header)]
    if not versions:
        abort(
            412,
            f"If-Match names no version of claim {claim.id}; nothing was written. Its ETag is {claim_etag(claim)}.",
        )
    if claim.version in versions:
        return claim.version
    abort(
        412,
        f"Claim {claim.id} is at version {claim.version}, not {versions[0]}; nothing was written. "
        "GET it again and apply your change to the new version.",
    )


SOURCE_IF_MATCH = {
    **IF_MATCH_REQUIRED,
    "required": False,
    "description": "The record's ETag as you last read it; when given and no longer the record's, "
    "412 and nothing is written.",
}
SOURCE_ETAG_HEADER = {
    "ETag": {
        "schema": {"type": "string"},
        "required": True,
        "description": "The record's current state; quote it in If-Match so that a change "
        "never overwrites one you have not seen.",
    }
}


def source_etag(kind: str, record, token: str | None = None) -> str:
    """A strong ETag of an actor, outlet or place: "actor-12-<its edit token>" (the token
    given, when it was read already, e.g. under the row lock that refused a change)."""
    return f'"{kind}-{record.id}-{token or edit_token(record)}"'


def seen_token(kind: str, record) -> str | None:
    """The edit token the client last saw, from If-Match (None: none given); 412 when the
    header names no state of this record."""
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        return None
    tokens = re.findall(rf'"{kind}-{record.id}-([0-9a-f]{{16}})"', header)
    if not tokens:
        abort(
            412,
            f"If-Match names no state of {kind} {record.id}; nothing was written. "
            f"Its ETag is {source_etag(kind, record)}.",
        )
    return tokens[0]
