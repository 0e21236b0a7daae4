"""Fixtures some integration modules share."""

from __future__ import annotations

import pytest


@pytest.fixture
def no_broker(db, monkeypatch):
    """Edits ask workers to reconcile; these tests have none (generation reconciles by itself)."""
    from factcheck.services import dispatch

    # The groups stay marked pending, as with a broker away.
    monkeypatch.setattr(dispatch, "reconcile_groups", lambda groups: 0)
