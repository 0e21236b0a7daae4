"""Benchmark: the API's claim list and claim page at 50 concurrent connections, beside a bare endpoint.

    .venv/bin/python -m bench.api --events 50000 --claims-per-event 20   # about 1,000,000 claims (~2 min to generate)
    .venv/bin/python -m bench.api --events 500 --seconds 5              # a quick look
    .venv/bin/python -m bench.api --reuse                               # measure again, same database

A fresh PostgreSQL database gets the synthetic corpus (tests/support/synthetic.py);
gunicorn serves the app on loopback as the Procfile does (sync workers,
`--workers` of them). `--connections` client threads, each on its own
connection, then fetch for `--seconds` each:

- `list`: GET /api/v1/claims (the newest 25 claims, the default order);
- `list_by_event`: GET /api/v1/claims?event=<random event> (the web search's filter);
- `show`: GET /api/v1/claims/<random claim> (with its relations and verdicts, and the ETag).

Latency is from sending the request to reading the whole answer (p50, p95,
max) and includes waiting for a free worker: with more connections than
workers, requests queue. `bare` is the same gunicorn configuration serving a
Flask app whose one view returns two bytes: the ceiling this machine, server
and client reach, against which the API's own cost reads. The per-token rate
limit is lifted (it would stop one token at 600 a minute); its counter still
runs on every request. Prints JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parents[1]

# The bare endpoint: gunicorn loads it as `bench.api:bare_app` from the repository root.
bare_app = Flask("bare")
bare_app.add_url_rule("/", "bare", lambda: "ok")


def serve(app_spec: str, env: dict, workers: int, log: Path) -> tuple[subprocess.Popen, int]:
    """gunicorn as the Procfile starts it (sync workers), on a free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            app_spec,
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, port
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def load(port: int, paths, headers: dict, connections: int, seconds: float) -> dict:
    """`connections` threads, each requesting paths() back to back on its own connection, for `seconds`."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start_all = threading.Barrier(connections)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, seen = [], {}
        start_all.wait()
        stop_at = time.monotonic() + seconds
        while time.monotonic() < stop_at:
            path = paths()
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()  # gunicorn's sync workers answer one request per connection
            except (http.client.HTTPException, OSError):
                conn.close()
                status = 0
            mine.append((time.perf_counter() - began) * 1000)
            seen[status] = seen.get(status, 0) + 1
        with lock:
            latencies.extend(mine)
            for code, n in seen.items():
                statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "max_ms": round(latencies[-1], 1),
    }


DATABASE = "factcheck_bench_api"


def prepare(events: int, claims_per_event: int, reuse: bool) -> tuple[str, str, int, int, int]:
    """The synthetic corpus in its own database and a reviewer's token: (url, token, claims, max claim id, events).

    With `reuse`, the database a previous run left is taken as it is.
    """
    from bench.common import ADMIN_URL, fresh_postgres, make_app
    from tests.support import synthetic

    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + DATABASE if reuse else fresh_postgres(DATABASE)
    app = make_app(url)
    with app.app_context():
        import sqlalchemy as sa

        from factcheck.extensions import db
        from factcheck.models import Claim, Event, User
        from tests.support import factories

        if not reuse:
            started = time.monotonic()
            with db.engine.begin() as conn:
                synthetic.generate(conn, events, claims_per_event)
            print(f"generated in {time.monotonic() - started:.0f} s", file=sys.stderr)
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE"))
        user = db.session.scalar(sa.select(User).where(User.email == "bench@example.org"))
        if user is None:
            user = factories.user(db, "bench@example.org", "reviewer", password=None)
        token = factories.api_token(user, "bench")
        claims = db.session.scalar(sa.select(sa.func.count()).select_from(Claim))
        max_claim = db.session.scalar(sa.select(sa.func.max(Claim.id)))
        max_event = db.session.scalar(sa.select(sa.func.max(Event.id)))
        db.session.remove()
        db.engine.dispose()
    return url, token, claims, max_claim, max_event


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50000)
    parser.add_argument("--claims-per-event", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", 4)),
        help="gunicorn workers (the Procfile's WEB_CONCURRENCY, 4)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help=f"measure the database {DATABASE} a previous run left"
    )
    args = parser.parse_args()
    url, token, claims, max_claim, max_event = prepare(
        args.events, args.claims_per_event, args.reuse
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-" + "k" * 32,
        "FACTCHECK_INSTANCE": tempfile.mkdtemp(),
        "API_RATE_LIMIT": "100000000 per minute",
    }
    logs = Path(tempfile.mkdtemp())
    auth = {"Authorization": f"Bearer {token}"}
    rng = random.Random(7)
    results = {}
    proc, port = serve("wsgi:app", env, args.workers, logs / "api.log")
    try:
        runs = {
            "list": lambda: "/api/v1/claims",
            "list_by_event": lambda: f"/api/v1/claims?event={rng.randint(1, max_event)}",
            "show": lambda: f"/api/v1/claims/{rng.randint(1, max_claim)}",
        }
        for (
            paths
        ) in runs.values():  # warm up every worker on every path: connections, compiled queries
            load(port, paths, auth, args.connections, 2)
        for name, paths in runs.items():
            results[name] = load(port, paths, auth, args.connections, args.seconds)
    finally:
        stop(proc)
    proc, port = serve("bench.api:bare_app", env, args.workers, logs / "bare.log")
    try:
        load(port, lambda: "/", {}, args.connections, 2)
        results["bare"] = load(port, lambda: "/", {}, args.connections, args.seconds)
    finally:
        stop(proc)
    print(
        json.dumps(
            {
                "claims": claims,
                "events": max_event,
                "connections": args.connections,
                "gunicorn_workers": args.workers,
                "seconds_per_run": args.seconds,
                "cores": os.cpu_count(),
                **results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
