"""Fixtures for the API tests: accounts with tokens, and a test client that sends one."""

from __future__ import annotations

import pytest

from tests.support import factories
from tests.support.api import ApiClient


@pytest.fixture
def api_as(app, db, client):
    """api_as("editor") -> a client acting with a new editor's token."""
    made = {}

    def make(role: str = "reviewer") -> ApiClient:
        if role not in made:
            made[role] = factories.account(db, role)[1]
        return ApiClient(app.test_client(), made[role])

    return make


@pytest.fixture
def api(api_as):
    return api_as("reviewer")
