"""Say plainly, before any test runs, which service the suite needs is down."""

from __future__ import annotations

import os
import socket
import sys

SERVICES = {
    "PostgreSQL": os.environ.get("TEST_POSTGRES_ADDR", "127.0.0.1:5432"),
    "Redis": os.environ.get("TEST_REDIS_ADDR", "127.0.0.1:6379"),
}


def reachable(address: str) -> bool:
    host, port = address.rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=3):
            return True
    except OSError:
        return False


def main() -> int:
    down = [f"{name} at {address}" for name, address in SERVICES.items() if not reachable(address)]
    if down:
        print(
            "The test suite needs these services and cannot reach them: " + ", ".join(down),
            file=sys.stderr,
        )
        print(
            "Start them (see README, 'Services the tests use'); tests are never skipped for a missing service.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
