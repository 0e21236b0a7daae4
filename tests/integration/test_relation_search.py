"""The relation form finds its target by searching the event's claims across articles."""

from __future__ import annotations

import re
import shutil

import pytest
import sqlalchemy as sa

from factcheck.models import Article, Change, Claim, Relation
from tests.integration.test_import_timeline import TIMELINE
from tests.support.factories import account
from tests.support.web import csrf_token, login


@pytest.fixture
def unlinked(cli, tmp_path):
    """The timeline with the 12 Feb correction not yet linked to what it corrects."""
    folder = tmp_path / "timeline"
    shutil.copytree(TIMELINE, folder)
    sidecar = folder / "tr-2023-02-12-wire.claims.yaml"
    source = sidecar.read_text(encoding="utf-8")
    source = re.sub(r"\n    corrects: .*\n    reason: .*\n", "\n", source)
    sidecar.write_text(source, encoding="utf-8")
    result = cli.invoke(args=["factcheck", "import", str(folder)])
    assert result.exit_code == 0, result.output


def _claim(db, file: str, key: str) -> Claim:
    return db.session.scalar(
        sa.select(Claim)
        .join(Article, Article.id == Claim.article_id)
        .where(Article.source_name == file, Claim.source_key == key)
    )


def _offered(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'name="target_id" value="(\d+)"', html)}


def test_search_offers_the_figure_from_the_other_article_and_links_it(db, client, unlinked):
    token = login(client, db)
    correction = _claim(db, "tr-2023-02-12-wire", "killed-hatay-corrected")
    earlier = _claim(db, "tr-2023-02-07-anadolu", "killed-hatay")
    first = _claim(db, "tr-2023-02-06-wire", "killed-hatay")
    page = client.get(f"/claims/{correction.id}")
    assert page.status_code == 200 and _offered(page.get_data(as_text=True)) == set()

    by_value = client.get(f"/claims/{correction.id}", query_string={"find": "1,700"})
    html = by_value.get_data(as_text=True)
    assert _offered(html) == {earlier.id}
    assert "Turkey quake death toll rises to 5,434" in html  # the other article, named

    by_speaker = client.get(f"/claims/{correction.id}", query_string={"find": "Governor of Hatay"})
    assert _offered(by_speaker.get_data(as_text=True)) == {first.id, earlier.id}
    by_alias = client.get(f"/claims/{correction.id}", query_string={"find": "governor's office"})
    assert _offered(by_alias.get_data(as_text=True)) == {first.id, earlier.id}

    response = client.post(
        f"/claims/{correction.id}/relations",
        data={
            "csrf_token": token,
            "type": "corrects",
            "target_id": earlier.id,
            "note": "registered twice",
            "find": "1,700",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    relation = db.session.scalar(sa.select(Relation))
    assert (relation.type, relation.source_id, relation.target_id) == (
        "corrects",
        correction.id,
        earlier.id,
    )
    db.session.expire_all()
    assert db.session.get(Claim, earlier.id).deprecated_reason == "corrected"


def test_searching_again_keeps_the_type_and_note_typed_first(db, client, unlinked):
    """A reviewer who chose the type and wrote the note before searching keeps both: the
    form's Search button posts them, nothing is stored, and the page comes back as typed."""
    token = login(client, db)
    correction = _claim(db, "tr-2023-02-12-wire", "killed-hatay-corrected")
    earlier = _claim(db, "tr-2023-02-07-anadolu", "killed-hatay")
    page = client.get(f"/claims/{correction.id}").get_data(as_text=True)
    # One form holds the search, the type and the note, the search button first.
    form = page[page.index('action="/claims/') : page.index("</form>", page.index('name="note"'))]
    assert 'name="find"' in form and form.index('value="search"') < form.index('name="note"')
    response = client.post(
        f"/claims/{correction.id}/relations",
        data={
            "csrf_token": token,
            "action": "search",
            "type": "corrects",
            "note": "registered twice — the governor's office",
            "find": "1,700",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="registered twice — the governor&#39;s office"' in html
    assert re.search(r'<option selected value="corrects">|<option value="corrects" selected', html)
    assert _offered(html) == {earlier.id} and 'value="1,700"' in html
    assert "choose the claim it relates to" not in html  # a search is not a refused link
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Relation)) == 0


def test_a_refused_link_keeps_what_was_typed_and_the_results(db, client, unlinked):
    token = login(client, db)
    correction = _claim(db, "tr-2023-02-12-wire", "killed-hatay-corrected")
    earlier = _claim(db, "tr-2023-02-07-anadolu", "killed-hatay")
    response = client.post(
        f"/claims/{correction.id}/relations",
        data={"csrf_token": token, "type": "corrects", "note": "registered twice", "find": "1,700"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "choose the claim it relates to" in html
    assert 'value="registered twice"' in html and 'value="1,700"' in html
    assert _offered(html) == {earlier.id}
    assert csrf_token(html)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Relation)) == 0
    # Without the CSRF token nothing is linked either.
    refused = client.post(
        f"/claims/{correction.id}/relations",
        data={"type": "corrects", "target_id": earlier.id, "note": "x"},
    )
    assert refused.status_code in (400, 422)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Relation)) == 0


def test_a_correction_from_another_voice_waits_for_a_reason_and_keeps_the_note(
    db, client, unlinked
):
    token = login(client, db)
    correction = _claim(db, "tr-2023-02-12-wire", "killed-hatay-corrected")
    afad = _claim(db, "tr-2023-02-07-anadolu", "killed-turkey")  # AFAD's, not the governor's
    typed = {
        "csrf_token": token,
        "type": "corrects",
        "target_id": afad.id,
        "note": "double counted",
        "find": "5,434",
    }
    asked = client.post(f"/claims/{correction.id}/relations", data=typed)
    html = asked.get_data(as_text=True)
    assert asked.status_code == 422
    assert (
        f"claim {correction.id} comes from Governor of Hatay and claim {afad.id} from AFAD" in html
    )
    assert 'value="double counted"' in html and 'name="confirmed"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Relation)) == 0
    confirmed = client.post(
        f"/claims/{correction.id}/relations",
        data=typed | {"confirmed": "the governor relayed AFAD's provincial count"},
    )
    assert confirmed.status_code == 302
    relation = db.session.scalar(sa.select(Relation))
    change = db.session.scalar(
        sa.select(Change).where(Change.entity_type == "relation", Change.entity_id == relation.id)
    )
    assert change.after["confirmed"] == "the governor relayed AFAD's provincial count"
    assert "only who gave a figure can correct it" in change.after["doubts"][0]


def test_the_api_refuses_a_retraction_dated_before_its_figure_unless_confirmed(db, unlinked, app):
    client = app.test_client()
    headers = {"Authorization": f"Bearer {account(db, 'reviewer')[1]}"}
    later = _claim(db, "tr-2023-02-12-wire", "killed-hatay-corrected")
    first = _claim(db, "tr-2023-02-06-wire", "killed-hatay")
    body = {"source_id": first.id, "type": "supersedes", "target_id": later.id, "note": "x"}
    refused = client.post("/api/v1/relations", json=body, headers=headers)
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    assert "it cannot supersede what was not said yet" in refused.json["detail"]
    confirmed = client.post(
        "/api/v1/relations", json=body | {"confirmed": "dated wrongly"}, headers=headers
    )
    assert confirmed.status_code == 201
