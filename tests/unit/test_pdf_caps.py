"""The PDF is a summary with a capped appendix: every figure group stays, the long lists are cut and say
how much they left out (the CSV and the HTML report carry everything)."""

from __future__ import annotations

from factcheck.services.reports.html_page import (
    PDF_APPENDIX_CLAIMS,
    PDF_CLAIMS_PER_GROUP,
    PDF_STEPS_PER_GROUP,
    cap_for_pdf,
)


def test_long_lists_are_cut_and_counted_groups_all_stay():
    claims = [{"id": i} for i in range(250)]
    view = {
        "groups": [
            {"steps": [{"rule": "R", "text": str(i)} for i in range(30)], "claims": claims[:40]}
            for _ in range(12)
        ],
        "conflicts": [{} for _ in range(80)],
        "claims": claims,
        "claims_by_article": [
            {"id": 1, "claims": claims[:150]},
            {"id": 2, "claims": claims[150:]},
        ],
        "articles": [{} for _ in range(40)],
    }
    capped = cap_for_pdf(view)
    assert len(capped["groups"]) == 12
    assert all(len(g["steps"]) == PDF_STEPS_PER_GROUP for g in capped["groups"])
    assert capped["groups"][0]["steps_more"] == 30 - PDF_STEPS_PER_GROUP
    assert capped["groups"][0]["claims_more"] == 40 - PDF_CLAIMS_PER_GROUP
    shown = sum(len(a["claims"]) for a in capped["claims_by_article"])
    assert shown == PDF_APPENDIX_CLAIMS and capped["claims_more"] == 250 - PDF_APPENDIX_CLAIMS
    assert capped["conflicts_more"] > 0 and capped["articles_more"] > 0
