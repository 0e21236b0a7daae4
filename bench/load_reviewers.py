"""The reviewers of bench/load.py: threads that log in and log and edit claims through the web forms.

Each reviewer has its own HTTP session and CSRF token, reads the form a browser
would submit, and answers a 409 as a person would, by saving again over the
newer version. Stats are the requests' latencies and statuses; the outcome is
which saves were acknowledged and which refused, for bench/load.py to verify.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

PASSWORD = "load test password"


class FormFields(HTMLParser):
    """The fields a browser would submit from the page's form with `form_class`: inputs, selects, textareas."""

    def __init__(self, form_class: str):
        super().__init__()
        self.form_class, self.inside, self.fields = form_class, False, {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form_class in (a.get("class") or "").split():
            self.inside = True
        if not self.inside:
            return
        if (
            tag == "input"
            and a.get("name")
            and a.get("type") not in ("submit", "checkbox", "radio")
        ):
            self.fields[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            if self._select not in self.fields or "selected" in a:
                self.fields[self._select] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str, form_class: str = "claim-form") -> dict[str, str]:
    parser = FormFields(form_class)
    parser.feed(html)
    # A browser drops one leading newline (which WTForms writes as CRLF) from a textarea's content.
    return {
        k: v.removeprefix("\r\n") if v.startswith("\r\n") else v.removeprefix("\n")
        for k, v in parser.fields.items()
    }


class Session:
    """One reviewer's browser: a cookie, keep-alive when the server allows it, every request timed."""

    def __init__(self, port: int, stats: Stats):
        self.port, self.stats, self.cookie, self.conn = port, stats, "", None

    def request(
        self, action: str, method: str, path: str, body: dict | None = None
    ) -> tuple[int, dict, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request(method, path, data, headers)
            response = self.conn.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException) as err:
            self.conn = None
            self.stats.record(
                action, None, time.perf_counter() - start, f"{type(err).__name__}: {err}"
            )
            raise
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        if cookie := response.getheader("Set-Cookie"):
            self.cookie = cookie.split(";")[0]
        self.stats.record(action, response.status, time.perf_counter() - start)
        return response.status, dict(response.getheaders()), text

    def log_in(self, email: str) -> None:
        _, _, html = self.request("login_page", "GET", "/auth/login")
        token = form_fields(html, "form")["csrf_token"]
        status, _, _ = self.request(
            "login",
            "POST",
            "/auth/login",
            {"email": email, "password": PASSWORD, "csrf_token": token},
        )
        assert status == 302, f"log-in of {email} answered {status}"


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(
        self, action: str, status: int | None, seconds: float, error: str | None = None
    ) -> None:
        with self.lock:
            self.latencies[action].append(seconds * 1000)
            if status is not None:
                self.statuses[action][status] += 1
            # Every request the reviewers send is valid: any 4xx but a 409 (someone saved first)
            # is a refused save, not a fast answer to count as a success.
            if error or (status is not None and status >= 400 and status != 409):
                self.errors.append(f"{action}: {error or status}")


@dataclass
class Outcome:
    """What the server acknowledged (302 to the claim) and what it refused (409), by marker."""

    created: dict[str, int] = field(default_factory=dict)  # marker (the proposition) -> claim id
    edited: dict[str, int] = field(default_factory=dict)  # marker (the place) -> claim id
    refused: dict[str, int] = field(default_factory=dict)  # marker -> claim id: 409, never stored
    attempted: int = 0  # actions begun (each ends saved, or the run stops on an error)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _claim_id(headers: dict) -> int:
    return int(re.search(r"/claims/(\d+)$", headers["Location"]).group(1))


def reviewer(
    n: int,
    port: int,
    run: str,
    pool: list[int],
    articles: list[tuple[int, int]],
    stats: Stats,
    outcome: Outcome,
    until: float,
    max_actions: int,
    create_share: float,
    seed: int,
) -> None:
    """One reviewer's session: edit claims of the shared pool, sometimes log a new one."""
    rng = random.Random(seed * 1000 + n)
    session = Session(port, stats)
    try:
        session.log_in(f"reviewer{n}@load.example")
        done = 0
        while done < max_actions and time.monotonic() < until:
            done += 1
            marker = f"{run}-r{n}-{done}"
            with outcome.lock:
                outcome.attempted += 1
            if rng.random() < create_share:
                article_id, length = rng.choice(articles)
                start = rng.randrange(0, max(1, length - 40))
                _, _, html = session.request(
                    "new_form",
                    "GET",
                    f"/articles/{article_id}/claims/new?start={start}&end={start + 24}",
                )
                fields = form_fields(html) | {
                    "kind": "quantity",
                    "metric": "injured",
                    "category": "civilians",
                    "qualifier": "exact",
                    "modality": "count",
                    "value": str(rng.randint(1, 500)),
                    "proposition": marker,
                }
                status, headers, _ = session.request(
                    "create", "POST", f"/articles/{article_id}/claims/new", fields
                )
                if status == 302:
                    with outcome.lock:
                        outcome.created[marker] = _claim_id(headers)
                    session.request(
                        "claim_page", "GET", urllib.parse.urlsplit(headers["Location"]).path
                    )
                continue
            claim_id = rng.choice(pool)
            _, _, html = session.request("edit_form", "GET", f"/claims/{claim_id}/edit")
            fields = form_fields(html) | {"place": marker}
            status, headers, html = session.request(
                "edit", "POST", f"/claims/{claim_id}/edit", fields
            )
            for again in range(
                1, 31
            ):  # someone saved first: their change is shown, mine kept; save mine over it
                if status != 409:
                    break
                time.sleep(
                    rng.uniform(0, 0.05 * again)
                )  # a reviewer reads the other change before saving again
                with outcome.lock:
                    outcome.refused[marker] = claim_id
                marker = f"{marker.split('~')[0]}~{again}"
                fields = form_fields(html) | {"place": marker}
                status, headers, html = session.request(
                    "edit_again", "POST", f"/claims/{claim_id}/edit", fields
                )
            if status == 302:
                with outcome.lock:
                    outcome.edited[marker] = claim_id
                session.request(
                    "claim_page", "GET", urllib.parse.urlsplit(headers["Location"]).path
                )
    except (OSError, http.client.HTTPException, AssertionError) as err:
        stats.record("reviewer", None, 0, f"reviewer {n} stopped: {err}")


def run_load(
    port: int,
    reviewers: int,
    pool: list[int],
    articles: list[tuple[int, int]],
    seconds: float,
    max_actions: int = 10**9,
    create_share: float = 0.2,
    seed: int = 1,
) -> tuple[Stats, Outcome, float]:
    stats, outcome = Stats(), Outcome()
    run = f"L{int(time.time() * 1000) % 10**8}"
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=reviewer,
            args=(
                n,
                port,
                run,
                pool,
                articles,
                stats,
                outcome,
                started + seconds,
                max_actions,
                create_share,
                seed,
            ),
        )
        for n in range(reviewers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats, outcome, time.monotonic() - started
