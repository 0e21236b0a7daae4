"""A figure typed on a page is read as the page's language writes numbers, on both databases.

Indonesian groups thousands with "." and writes fractions with ",": "1.250 orang" is a
thousand two hundred and fifty people, as the quotes print it. A number input read it as
1.25; a reviewer copying the figure from the quote stored a fraction of a person.
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from factcheck.models import Claim
from tests.support.web import form_as_served, login


def _claim(db) -> Claim:
    return db.session.scalar(sa.select(Claim).where(Claim.source_key == "detained-8000"))


def _value(db, claim_id: int) -> Decimal:
    db.session.expire_all()
    return Decimal(str(db.session.get(Claim, claim_id).value))


def _edit(client, claim_id: int, **typed):
    url = f"/claims/{claim_id}/edit"
    served = form_as_served(client.get(url).get_data(as_text=True))
    return client.post(url, data={k: v[0] for k, v in served.items()} | typed), served


def test_an_indonesian_page_reads_and_shows_figures_as_indonesian_writes_them(
    client, db, reference_imported
):
    claim_id = _claim(db).id
    login(client, db)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    saved, served = _edit(client, claim_id)  # sent back as served: nothing changes
    assert served["value"] == ["8.000"]
    assert saved.status_code == 302 and _value(db, claim_id) == 8000
    saved, _ = _edit(client, claim_id, value="1.250")
    assert saved.status_code == 302 and _value(db, claim_id) == 1250
    saved, _ = _edit(client, claim_id, value="1.250,5")
    assert saved.status_code == 302 and _value(db, claim_id) == Decimal("1250.5")
    served = form_as_served(client.get(f"/claims/{claim_id}/edit").get_data(as_text=True))
    assert served["value"] == ["1.250,5"]


def test_a_figure_written_the_other_way_is_a_form_error_that_keeps_it(
    client, db, reference_imported
):
    claim_id = _claim(db).id
    login(client, db)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    refused, _ = _edit(client, claim_id, value="1.25")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and _value(db, claim_id) == 8000
    assert "bukan angka" in page and 'value="1.25"' in page  # said in Indonesian, kept


def test_an_english_page_reads_and_shows_figures_as_english_writes_them(
    client, db, reference_imported
):
    claim_id = _claim(db).id
    login(client, db)
    saved, served = _edit(client, claim_id, value="1,250")
    assert served["value"] == ["8,000"]
    assert saved.status_code == 302 and _value(db, claim_id) == 1250
    refused, _ = _edit(client, claim_id, value="1,25")
    assert refused.status_code == 400 and "is not a number as this page writes them" in (
        refused.get_data(as_text=True)
    )
    saved, _ = _edit(client, claim_id, value="8000")  # digits alone read the same everywhere
    assert saved.status_code == 302 and _value(db, claim_id) == 8000


def test_a_figure_stored_past_the_cap_opens_for_editing_and_is_refused_as_sent_back(
    client, db, reference_imported
):
    """Stored before every path capped figures (a suggestion accepted then): the edit page
    writes it out as the page's language does, and sending it back is the cap's form error."""
    claim_id = _claim(db).id
    huge = 2**80  # exactly a float: 1,208,925,819,614,629,174,706,176
    db.session.execute(sa.update(Claim).where(Claim.id == claim_id).values(value=huge))
    db.session.commit()
    login(client, db)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    refused, served = _edit(client, claim_id)
    assert served["value"][0].startswith("1.208.925.819.614.629.")  # the float's shortest form
    assert refused.status_code == 400 and _value(db, claim_id) == Decimal(str(float(huge)))
    assert "Paling banyak 1.000.000.000.000.000." in refused.get_data(as_text=True)
