"""Every page renders for a logged-in reviewer, and what it shows is what the data says (the forms that
change it: test_web_forms.py)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from factcheck.models import Article, Claim
from tests.support import factories
from tests.support.web import PASSWORD, csrf_token, login


def _reconciled(cli):
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0


def test_every_page_renders(client, db, cli, reference_imported):
    _reconciled(cli)
    login(client, db, "admin")
    article = db.session.scalar(sa.select(Article))
    claim = db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))
    pages = [
        "/",
        "/articles/",
        "/articles/?q=Kazakhstan&language=id",
        f"/articles/{article.id}",
        "/articles/new",
        f"/articles/{article.id}/claims/new?start=10&end=20",
        f"/claims/{claim.id}",
        f"/claims/{claim.id}/edit",
        "/events/",
        "/events/new",
        "/events/2022-kazakhstan-unrest",
        "/events/2022-kazakhstan-unrest/results",
        "/events/2022-kazakhstan-unrest/status.json",
        "/events/2022-kazakhstan-unrest/groups/killed/total",
        "/events/2022-kazakhstan-unrest/charts/killed/total.svg",
        "/search/",
        "/search/?q=tewas&metric=killed&rank=deprecated",
        "/admin/users",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)


def test_a_whole_rebuild_still_planned_says_its_total_still_grows(
    client, db, cli, reference_imported
):
    """A rebuild of every event is planned in steps: until the plan is complete, the event
    page and its status say the total is still being counted."""
    from factcheck.models import Job
    from factcheck.models.types import utcnow

    _reconciled(cli)
    login(client, db)
    job = Job(kind="rebuild", status="running", done=3, total=40, planned_through=5)
    db.session.add(job)
    db.session.commit()
    page, status = "/events/2022-kazakhstan-unrest", "/events/2022-kazakhstan-unrest/status.json"

    assert "Rebuild running: 3/40 (still counting)" in client.get(page).get_data(as_text=True)
    assert client.get(status).get_json()["job"]["counting"] is True
    indonesian = client.get(page, headers={"Accept-Language": "id"}).get_data(as_text=True)
    assert "3/40 (masih dihitung)" in indonesian

    job.planned_at = utcnow()
    db.session.commit()
    assert "3/40</p>" in client.get(page).get_data(as_text=True)
    assert client.get(status).get_json()["job"]["counting"] is False


def test_event_page_shows_the_reconciled_figures_and_the_struck_retraction(
    client, db, cli, reference_imported
):
    _reconciled(cli)
    login(client, db)
    html = client.get("/events/2022-kazakhstan-unrest").get_data(as_text=True)
    killed = html[html.index('id="group-killed-total"') :]
    killed = killed[: killed.index("</article>")]
    assert (
        'data-label="Low">42</td><td class="best" data-label="Best">42</td>' in killed
        and '<td class="high" data-label="High">99</td>' in killed
    )
    assert (
        "<s><a" in killed
        and "lebih dari 164 orang tewas" in killed
        and "set aside: retracted" in killed
    )
    assert 'data-label="Low">7,200</td><td class="best" data-label="Best">8,000</td>' in html


def test_search_filters_and_pages(client, db, reference_imported):
    login(client, db)
    deprecated = client.get("/search/?rank=deprecated").get_data(as_text=True)
    assert "lebih dari 164 orang tewas" in deprecated and "hampir 8.000" not in deprecated
    detained = client.get("/search/?metric=detained").get_data(as_text=True)
    assert "hampir 8.000 orang" in detained and "164" not in detained.split("<tbody>")[1]
    text = client.get("/search/?q=kudeta").get_data(as_text=True)
    assert "Itu adalah percobaan kudeta" in text


def _found(client, q: str) -> str:
    return client.get("/search/", query_string={"q": q}).get_data(as_text=True).split("<tbody>")[1]


def test_search_reads_numbers_in_either_locale_and_finds_speakers_by_name(
    client, db, reference_imported
):
    login(client, db)
    for typed in ("8000", "8,000", "8.000"):
        assert "hampir 8.000 orang telah ditahan" in _found(client, typed), typed
    by_speaker = _found(client, "Tokayev")  # a name no quote contains
    assert "Itu adalah percobaan kudeta" in by_speaker and "8.000" not in by_speaker
    both = _found(client, "Information 164")  # every word must find the claim
    assert "lebih dari 164 orang tewas" in both and "kudeta" not in both
    assert "lebih dari 164" in _found(client, "voa-islam")  # the outlet's name
    assert "No claim matches." in _found(client, "Tokayev 8000")


def test_cached_results_carry_each_visitors_own_csrf_token(app, db, cli, reference_imported):
    """The results section is rendered once and cached; the token in its forms must be the visitor's."""
    _reconciled(cli)
    pages = []
    for email in ("first@example.org", "second@example.org"):
        visitor = app.test_client()
        factories.user(db, email, "editor")
        token = csrf_token(visitor.get("/auth/login").get_data(as_text=True))
        visitor.post(
            "/auth/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
        )
        html = visitor.get("/events/2022-kazakhstan-unrest").get_data(as_text=True)
        pages.append((visitor, html))
    tokens = [
        set(re.findall(r'name="(?:c\d+-)?csrf_token" type="hidden" value="([^"]+)"', html))
        for _, html in pages
    ]
    assert len(tokens[0]) == 1 and len(tokens[1]) == 1 and tokens[0] != tokens[1]
    visitor, html = pages[1]
    conflict_id = re.search(r'/conflicts/(\d+)"', html).group(1)
    response = visitor.post(
        f"/events/2022-kazakhstan-unrest/conflicts/{conflict_id}",
        data={"csrf_token": tokens[1].pop(), "decision": "dismiss", "note": "Checked."},
    )
    assert response.status_code == 302
    assert "Dismissed" in visitor.get("/events/2022-kazakhstan-unrest").get_data(as_text=True)


def test_the_timeline_chart_marks_the_withdrawn_figure(client, db, cli, reference_imported):
    import re

    from factcheck.services.reports.charts import DEPRECATED, STRIKE, USED

    _reconciled(cli)
    login(client, db)
    killed = client.get("/events/2022-kazakhstan-unrest/charts/killed/total.svg")
    assert killed.status_code == 200 and killed.mimetype == "image/svg+xml"
    svg = killed.get_data(as_text=True)
    assert svg.startswith("<?xml") and DEPRECATED in svg  # the retracted 164 is drawn as withdrawn
    marks = {
        style: shape
        for shape, style in re.findall(
            r'<path id="m[0-9a-f]+" d="([^"]*)"[^>]*style="([^"]*)"', svg
        )
    }
    # A red dot (a round marker, drawn with Bézier curves) struck by a line wider than the dot.
    dot = next(shape for style, shape in marks.items() if DEPRECATED in style)
    strike = next(shape for style, shape in marks.items() if STRIKE in style)
    assert "\nC " in dot and dot.startswith("M 0 2.5")
    ends = [float(x) for x in re.findall(r"[ML] (-?[\d.]+) -?0\b", strike)]
    assert len(ends) == 2 and min(ends) < -2.5 and max(ends) > 2.5
    detained = client.get("/events/2022-kazakhstan-unrest/charts/detained/total.svg").get_data(
        as_text=True
    )
    assert USED in detained and DEPRECATED not in detained
    assert 'src="/events/2022-kazakhstan-unrest/charts/killed/total.svg"' in client.get(
        "/events/2022-kazakhstan-unrest"
    ).get_data(as_text=True)


def test_each_group_on_the_event_page_opens_with_a_plain_summary(
    client, db, cli, reference_imported
):
    _reconciled(cli)
    login(client, db)
    html = client.get("/events/2022-kazakhstan-unrest").get_data(as_text=True)
    killed = html[html.index('id="group-killed-total"') :]
    summary = re.search(r'<p class="summary">([^<]*)</p>', killed).group(1)
    # 42 is the officials' 26 assailants plus 16 officers; 99 the outlet's "dozens": no one
    # source said "between 42 and 99", so both are named as what it was worked out from.
    assert summary.startswith(
        "Between 42 and 99 (most likely 42) people were killed, worked out from the counts of "
        "Kazakh officials (unnamed) and TRT;"
    )
    assert "a figure of 164 (Ministry of Information of Kazakhstan) was withdrawn" in summary
    assert "Grade: weak" in summary
