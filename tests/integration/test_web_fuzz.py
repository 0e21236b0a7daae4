"""Fuzz every web form and GET parameter with hostile values: no answer may be a 5xx (issue #15).

Hypothesis draws a route of the web app (every rule but the API's, static
files and the few that end the session), its path arguments (stored ids,
ids past the INTEGER range, odd text), query parameters and form fields (the
names of every form the pages show, with the values they offer and hostile
ones: NUL, control characters, CRLF, NaN, sNaN, 1e30, 400 digits, year 0022,
open redirects). Form posts carry a valid CSRF token so that they reach the
forms. The first response ≥ 500 (or an exception) fails the test and prints
the request. Bounded: EXAMPLES (1,000) requests per database, in-process;
together with tests/system/api/test_schemathesis.py (2,120 per database) that
is over 5,000 requests on SQLite and PostgreSQL.
"""

from __future__ import annotations

import html
import os
import re
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from factcheck.models import Article, Claim, Conflict, Event, Relation, Review, User
from tests.support.web import csrf_token, login

# Per database (WEB_FUZZ_EXAMPLES to change it): about 50 s each on this machine.
EXAMPLES = int(os.environ.get("WEB_FUZZ_EXAMPLES", 1000))
# Routes left out: they end or lock the fuzzing session (tested in test_sessions_passwords.py).
SKIPPED = {"static", "auth.logout", "auth.change_password", "admin.reset_password", "auth.login"}
HOSTILE = [
    "",
    "   ",  # spaces where an id goes: Optional() took them for empty and int() got them
    " \t ",
    "++07:00",
    "\ufeff",
    "0",
    "-1",
    "1.5",
    "2147483648",
    "99999999999999999999",
    "9" * 400,
    "NaN",
    "sNaN",
    "-Infinity",
    "1e30",
    "0022-01-10",
    "0000-00-00",
    "9999-12-31",
    "2022-01-10",
    "2022-01-10T10:00",
    "+99:00",
    "abc",
    "a\x00b",
    "\x07\x1b",
    "line\r\nbreak\rcr",
    "/%09/evil.example/phish",
    "//evil.example",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "ü" * 300,
    "x" * 3000,
]
# Every query parameter a web view reads (grep `args.get`), and `next` and `sort` besides.
GET_PARAMS = [
    "page",
    "q",
    "start",
    "end",
    "suggestion",
    "outlet",
    "event",
    "actor",
    "language",
    "conflicts",
    "place",
    "metric",
    "category",
    "rank",
    "kind",
    "next",
    "sort",
    "status",
    "conflict",
    "withdrawn",
]
FORM = re.compile(r'<form[^>]*action="([^"]*)"[^>]*>(.*?)</form>', re.S)
NAMED = re.compile(r'<(?:input|select|textarea)[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?', re.S)
OPTION = re.compile(r'<option[^>]*value="([^"]*)"')


def _samples(db) -> dict[str, list]:
    claim_ids = db.session.scalars(sa.select(Claim.id)).all()
    return {
        "article_id": db.session.scalars(sa.select(Article.id)).all(),
        "claim_id": claim_ids,
        "entity_id": claim_ids,
        "slug": db.session.scalars(sa.select(Event.slug)).all(),
        "conflict_id": db.session.scalars(sa.select(Conflict.id)).all() or [1],
        "review_id": db.session.scalars(sa.select(Review.id)).all() or [1],
        "relation_id": db.session.scalars(sa.select(Relation.id)).all() or [1],
        "user_id": db.session.scalars(sa.select(User.id)).all(),
        "suggestion_id": [1, 2],
        "decision": ["accept", "reject"],
        "version": [1, 2],
        "report_id": [1],
        "ext": ["pdf", "html", "json", "csv", "jsonld"],
        "metric": ["killed", "detained"],
        "category": ["total", "civilians"],
        "entity_type": ["claim", "article", "event"],
        "plural": ["actors", "outlets", "places"],
        "record_id": [1, 2],
        "into_id": [2, 1],
        "merge_id": [1],
        "token_id": [1],
        "fetch_id": [1],
        "link": [0],
    }


def _forms(client, app, samples) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]]]:
    """The fields of every form the GET pages show: by action, and all together."""
    by_action: dict[str, dict[str, list[str]]] = {}
    pool: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith("/api") or rule.endpoint == "static":
            continue
        path = rule.build({k: samples[k][0] for k in rule.arguments}, append_unknown=False)[1]
        page = client.get(path).get_data(as_text=True)
        for action, body in FORM.findall(page):
            fields = by_action.setdefault(html.unescape(action) or path, {})
            for name, value in NAMED.findall(body):
                values = [html.unescape(value)] + [html.unescape(v) for v in OPTION.findall(body)]
                fields.setdefault(name, []).extend(values[:10])
                pool.setdefault(name, []).extend(values[:3])
    return by_action, pool


@pytest.fixture
def fuzzed(app, client, db, cli, reference_imported, no_broker):
    cli.invoke(args=["factcheck", "reconcile", "--inline"])
    login(client, db, "admin")
    samples = _samples(db)
    by_action, pool = _forms(client, app, samples)
    rules = [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in SKIPPED and not rule.rule.startswith("/api")
        for method in sorted(rule.methods & {"GET", "POST"})
    ]
    return samples, by_action, pool, rules


def _value(data, candidates: list[str]) -> str:
    if candidates and data.draw(st.booleans()):
        return data.draw(st.sampled_from(candidates))
    return data.draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40)))


def test_no_web_request_gets_a_server_error(app, client, db, fuzzed):
    samples, by_action, pool, rules = fuzzed
    token = csrf_token(client.get("/articles/new").get_data(as_text=True))
    sent = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],  # no shrinking: the first 5xx fails with its request
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        rule, method = data.draw(st.sampled_from(rules))
        args = {}
        for name in rule.arguments:
            hostile = st.sampled_from([0, 2**31, 10**20]) if name.endswith("_id") else st.text()
            args[name] = data.draw(st.one_of(st.sampled_from(samples.get(name) or [1]), hostile))
            if rule._converters[name].__class__.__name__ == "AnyConverter":
                args[name] = data.draw(st.sampled_from(samples[name]))
        try:
            path = rule.build(args, append_unknown=False)[1]
        except Exception:  # a value its converter cannot write (not a request anybody can send)
            path = rule.build({k: samples[k][0] for k in rule.arguments}, append_unknown=False)[1]
        names = data.draw(st.lists(st.sampled_from(GET_PARAMS), max_size=3, unique=True))
        query = {name: _value(data, []) for name in names}
        if query:
            path += "?" + urlencode(query)
        form = None
        if method == "POST":
            fields = by_action.get(path.split("?")[0]) or {}
            names = list(fields) or data.draw(
                st.lists(st.sampled_from(sorted(pool)), max_size=12, unique=True)
            )
            form = {name: _value(data, fields.get(name) or pool.get(name, [])) for name in names}
            form["csrf_token"] = token
        sent.append(f"{method} {path} {form!r}"[:3000])
        try:
            response = client.open(path, method=method, data=form)
        except Exception as err:  # TESTING propagates what would be a 500
            pytest.fail(f"{type(err).__name__}: {err}\n  request: {sent[-1]}")
        assert response.status_code < 500, f"{response.status_code}\n  request: {sent[-1]}"
        db.session.rollback()  # nothing of one request leaks into the next

    run()
    assert len(sent) >= EXAMPLES * 0.9
