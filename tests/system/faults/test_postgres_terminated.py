"""PostgreSQL connections terminated (pg_terminate_backend) mid-request, between requests and under a
running job: a clear 503 or a retry, nothing half-written, and the next try saves exactly once."""

from __future__ import annotations

import http.client
import os
import re
import urllib.parse

import pytest
import sqlalchemy as sa

from tests.support import synthetic
from tests.support.databases import POSTGRES_ADMIN_URL
from tests.support.paths import REFERENCE_TEXT
from tests.support.polling import wait_for_rows
from tests.support.processes import Server
from tests.support.web import login


@pytest.fixture
def admin():
    """A superuser connection of its own, to terminate the app's backends from outside."""
    engine = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        yield conn
    engine.dispose()


def _terminate(admin, pid: int) -> None:
    # With a timeout, pg_terminate_backend waits until the backend has really gone.
    assert (
        admin.execute(sa.text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": pid}).scalar()
        is True
    )


def _edit_form(claim, token: str, value: str) -> dict:
    return {
        "csrf_token": token,
        "version": "1",
        "kind": "quantity",
        "event_id": str(claim.event_id),
        "attributed_to_id": str(claim.attributed_to_id),
        "stated_on": "2022-01-10",
        "metric": "detained",
        "category": "total",
        "qualifier": "nearly",
        "modality": "count",
        "value": value,
    }


def test_a_connection_killed_mid_save_gives_503_saves_nothing_and_the_retry_saves_once(
    pg_app, admin, monkeypatch
):
    from factcheck.extensions import db
    from factcheck.models import Change, Claim, PendingGroup

    monkeypatch.setattr(
        "factcheck.services.dispatch.reconcile_groups", lambda groups: 0
    )  # the broker is not under test here
    assert (
        pg_app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code
        == 0
    )
    client = pg_app.test_client()
    token = login(client, db)
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    claim_id = claim.id
    killed = []

    def kill_before_history(conn, cursor, statement, parameters, context, executemany):
        # The claim's UPDATE has run in this transaction; its history row is next. Terminate now.
        if not killed and statement.startswith("INSERT INTO changes"):
            pid = conn.connection.driver_connection.info.backend_pid
            _terminate(admin, pid)
            killed.append(pid)

    sa.event.listen(db.engine, "before_cursor_execute", kill_before_history)
    try:
        response = client.post(f"/claims/{claim_id}/edit", data=_edit_form(claim, token, "9100"))
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", kill_before_history)
    assert killed, "the hook never ran: the save did not reach its history row"
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "The database connection was lost" in response.get_data(as_text=True)

    db.session.expire_all()
    stored = db.session.get(Claim, claim_id)
    assert (stored.value, stored.version) == (8000, 1)  # the UPDATE went with its transaction
    updates = (
        sa.select(sa.func.count())
        .select_from(Change)
        .filter_by(entity_type="claim", entity_id=claim_id, action="update")
    )
    assert db.session.scalar(updates) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup)) == 0

    retry = client.post(
        f"/claims/{claim_id}/edit", data=_edit_form(claim, token, "9100")
    )  # the same form, again
    assert retry.status_code == 302
    db.session.expire_all()
    assert (db.session.get(Claim, claim_id).value, db.session.get(Claim, claim_id).version) == (
        9100,
        2,
    )
    assert db.session.scalar(updates) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingGroup)) == 1


def test_connections_killed_between_requests_are_replaced_unnoticed(
    pg_app, admin, postgres_migrated, tmp_path
):
    """gunicorn keeps pooled connections between requests; killed ones are found by the pre-ping and replaced."""
    from factcheck.extensions import db
    from tests.support.factories import PASSWORD, user

    assert (
        pg_app.test_cli_runner().invoke(args=["factcheck", "import", str(REFERENCE_TEXT)]).exit_code
        == 0
    )
    user(db, "r@example.org", "reviewer")
    db.session.remove()
    env = {
        **os.environ,
        "DATABASE_URL": postgres_migrated,
        "SECRET_KEY": "fault-test-" + "k" * 24,
        "FACTCHECK_INSTANCE": str(tmp_path),
    }
    server = Server(env, tmp_path / "server.log", workers=1)
    server.start()
    try:
        cookie = http_login(server.port, "r@example.org", PASSWORD)
        assert http_get(server.port, "/articles/1", cookie) == 200
        database = sa.engine.make_url(postgres_migrated).database
        pids = (
            admin.execute(
                sa.text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"
                ),
                {"d": database},
            )
            .scalars()
            .all()
        )
        assert pids  # gunicorn's pooled connections (and none of ours: the session was removed)
        for pid in pids:
            _terminate(admin, pid)
        for path in ("/articles/1", "/events/2022-kazakhstan-unrest", "/claims/1"):
            assert http_get(server.port, path, cookie) == 200, path
    finally:
        server.stop()
    assert "Traceback" not in (tmp_path / "server.log").read_text()


def http_login(port: int, email: str, password: str) -> str:
    """Log in over HTTP with the page's CSRF token; the session cookie."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/auth/login")
    response = conn.getresponse()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', response.read().decode()
    ).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token})
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


def http_get(port: int, path: str, cookie: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    return response.status


def test_a_job_whose_connection_is_killed_is_retried_and_ends_as_if_uninterrupted(
    pg_app, admin, worker, postgres_migrated
):
    from factcheck.extensions import db
    from factcheck.models import Conflict, Job, Reconciliation
    from factcheck.services.rebuild import run_rebuild, start_job
    from tests.support.reconciliations import results

    with db.engine.begin() as conn:
        synthetic.generate(conn, events=300, claims_per_event=12, seed=5)
    run_rebuild(start_job().id)
    uninterrupted = results(db)
    db.session.execute(sa.delete(Reconciliation))
    db.session.execute(sa.delete(Conflict))
    db.session.commit()

    # Writes to the results wait behind a lock held here, so a batch is caught holding its
    # connection mid-transaction: the kill lands there every time, not only when a poll happens
    # to fall inside a batch (between batches the pool's pre-ping would hide it).
    database = sa.engine.make_url(postgres_migrated).database
    locker = sa.create_engine(postgres_migrated)
    try:
        with locker.connect() as hold:
            hold.execute(sa.text("LOCK TABLE reconciliations IN SHARE MODE"))
            worker.start()
            cli = pg_app.test_cli_runner().invoke(args=["factcheck", "reconcile"])
            assert cli.exit_code == 0, cli.output
            job_id = db.session.scalar(sa.select(sa.func.max(Job.id)))
            db.session.commit()  # our own snapshot ends: only the worker is left to wait
            # The worker's own backends (it names them), not any other waiting on a lock here.
            waiting = sa.text(
                "SELECT pid FROM pg_stat_activity WHERE datname = :d AND application_name = :worker"
                " AND wait_event_type = 'Lock'"
            )
            blocked = wait_for_rows(
                lambda: (
                    admin.execute(waiting, {"d": database, "worker": worker.name}).scalars().all()
                ),
                60,
                "a batch to wait to write its results",
            )
            for pid in blocked:
                _terminate(admin, pid)  # the worker's connection, mid-batch
            hold.rollback()
    finally:
        locker.dispose()

    job = wait_for_rows(
        lambda: (lambda j: j if j.status == "done" else None)(db.session.get(Job, job_id)),
        120,
        "the retried rebuild to finish",
    )
    assert _retried(job_id) and job.done == job.total and job.error is None
    assert results(db) == uninterrupted
    log = worker.log.read_text()
    assert (
        "retry: Retry in" in log and "OperationalError" in log
    )  # Celery's retry, on the lost connection


def _retried(job_id: int) -> bool:
    """Whether a batch of the job ran again (retried after its connection was killed)."""
    from factcheck.extensions import db
    from factcheck.models import RebuildBatch

    attempts = sa.select(sa.func.max(RebuildBatch.attempts)).where(RebuildBatch.job_id == job_id)
    return (db.session.scalar(attempts) or 0) >= 2
