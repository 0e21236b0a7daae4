"""Benchmark: the event page of an event with 10,000 claims, served by gunicorn on loopback.

    .venv/bin/python -m bench.event_page --claims 10000 --users 10 --seconds 30

Logs in once, then `--users` threads fetch the event page back to back for
`--seconds`; reports p50 / p95 / max latency and requests per second, beside
the same load on the login page (no database work) for the server's floor.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.common import fresh_postgres, make_app
from tests.support import factories, synthetic
from tests.support.processes import Server


def _login(port: int, email: str, password: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/auth/login")
    response = conn.getresponse()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', response.read().decode()
    ).group(1)
    body = f"email={email}&password={password}&csrf_token={token}"
    conn.request(
        "POST",
        "/auth/login",
        body,
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = conn.getresponse()
    response.read()
    assert response.status == 302, response.status
    return response.getheader("Set-Cookie").split(";")[0]


def load(port: int, path: str, cookie: str, users: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
            bad += response.status != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=user) for _ in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "max_ms": round(latencies[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    args = parser.parse_args()
    url = fresh_postgres("factcheck_bench_page")
    app = make_app(url)
    with app.app_context():
        from factcheck.extensions import db
        from factcheck.models import Event
        from factcheck.services.rebuild import run_rebuild, start_job

        with db.engine.begin() as conn:
            claims = synthetic.generate(conn, 1, args.claims)
        run_rebuild(start_job().id)
        slug = db.session.scalar(db.select(Event.slug))
        factories.user(db, "bench@example.org", "reviewer", password="bench password")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "FACTCHECK_INSTANCE": tempfile.mkdtemp(),
    }
    server = Server(env, Path(tempfile.mkdtemp()) / "server.log", workers=args.workers)
    server.start()
    try:
        cookie = _login(server.port, "bench@example.org", "bench%20password")
        load(server.port, f"/events/{slug}", cookie, 2, 3)  # warm up
        page = load(server.port, f"/events/{slug}", cookie, args.users, args.seconds)
        floor = load(server.port, "/auth/login", "", args.users, min(args.seconds, 10))
    finally:
        server.stop()
    print(
        json.dumps(
            {
                "claims": claims,
                "users": args.users,
                "gunicorn_workers": args.workers,
                "event_page": page,
                "login_page_floor": floor,
                "target_p95_ms": 200,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
