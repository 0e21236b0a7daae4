"""The report's PDF as a reader gets it: drawn to PNG pages (test-artifacts/), numbers whole,
the plain summary on the first pages, and no link into a part of the appendix that was cut."""

from __future__ import annotations

import io
import logging
import re

import pypdfium2
import sqlalchemy as sa
from pypdf import PdfReader

from factcheck.models import Event
from factcheck.services import reports
from tests.support.paths import ROOT

ARTIFACTS = ROOT / "test-artifacts"


def test_the_pdf_reads_whole_and_draws_to_pages(cli, db, reference_imported, caplog):
    assert cli.invoke(args=["factcheck", "reconcile", "--inline"]).exit_code == 0
    event_id = db.session.scalar(sa.select(Event.id))
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        report = reports.generate_report(event_id, formats=["pdf"])
        pdf = reports.file_of(report, "pdf")[0]
    assert not [r for r in caplog.records if "No anchor" in r.getMessage()]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    opening = " ".join(pages[:3])
    assert "people were killed" in opening  # the plain summary comes first
    assert "8,000" in opening and not re.search(r"8,\s+000|8\s*\n\s*,000", opening)
    ARTIFACTS.mkdir(exist_ok=True)
    document = pypdfium2.PdfDocument(pdf)
    for number in range(min(3, len(document))):
        image = document[number].render(scale=1.5).to_pil()
        image.save(ARTIFACTS / f"report-pdf-page-{number + 1}.png")
        grey = image.convert("L")
        inked = sum(1 for value in grey.getdata() if value < 128)
        assert image.width > 800 and inked > 1000  # a drawn page, not a blank one
