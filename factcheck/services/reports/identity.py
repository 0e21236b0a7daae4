"""Who publishes, and where: the identity a report snapshot freezes and every format reads back.

Read from the settings once, when a snapshot is made; a report renders from its
snapshot's copy, so one version never carries two publisher identities (a page
saying one author and its `.jsonld` another) whatever the rendering process's
settings are later.
"""

from __future__ import annotations

from flask import current_app


def _setting(name: str) -> str | None:
    return current_app.config.get(name) or None


def public_base_url() -> str:
    """Where the public pages live (FACTCHECK_PUBLIC_URL; config.py defaults it to the served port)."""
    return (_setting("FACTCHECK_PUBLIC_URL") or "http://127.0.0.1:5000").rstrip("/")


def publisher_identity() -> dict:
    """{"name", "url", "public_url"}: the organisation authoring the reviews, its address (without
    one set: the public site) and the public base URL, as a snapshot stores them."""
    public = public_base_url()
    return {
        "name": _setting("FACTCHECK_PUBLISHER") or "factcheck",
        "url": _setting("FACTCHECK_PUBLISHER_URL") or public,
        "public_url": public,
    }


def frozen_identity(snapshot: dict) -> dict:
    """The identity a snapshot froze; one made before snapshots carried it reads today's settings."""
    return snapshot.get("publisher") or publisher_identity()
