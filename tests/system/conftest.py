"""System tests: the app as it runs in production, as separate processes on real services.

Browser (Chromium), fault (Redis restarted, PostgreSQL backends killed, a full
disk), load, deploy (the Procfile under honcho), the API against gunicorn and
the Celery worker. Every test under tests/system is marked `system`, so that
`pytest -m "not system"` runs the rest alone (see docs/testing.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.system)
