"""The report as one self-contained HTML page (styles inline, charts as data URIs), and as PDF.

Autoescaping is on for every template and value: quotes, titles and findings
come from untrusted articles and are never marked safe. The PDF is WeasyPrint's
rendering of the very same page, so the two never disagree.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path

import jinja2

from factcheck.domain.number_format import display_number
from factcheck.domain.vocabulary import reason_words
from factcheck.domain.web_address import linkable
from factcheck.services.reports.charts import svg_data_uri, timeline_svg
from factcheck.services.reports.view import ReportMeta, build_view

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    autoescape=True,  # every template, whatever its name: nothing from an article is trusted
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["fmtnum"] = display_number  # the web pages' filter of the same name
_env.filters["reason"] = reason_words  # and this one
# A code as words ("calendar_mismatch" -> "calendar mismatch"): a report is read, not parsed;
# the CSV and JSON beside it keep the codes.
_env.filters["words"] = lambda code: str(code).replace("_", " ")


_env.filters["http_url"] = linkable


# The PDF is a summary a reader can hold: every figure group with its chart and table, then the
# claims as an appendix capped here; the CSV beside it has every claim (WeasyPrint costs ~0.1 s a page).
PDF_STEPS_PER_GROUP = 4
PDF_CLAIMS_PER_GROUP = 5
PDF_CONFLICTS = 10
PDF_APPENDIX_CLAIMS = 20
PDF_ARTICLES = 5


def cap_for_pdf(view: dict) -> dict:
    """The view trimmed to the PDF's caps; each list says how many it left out (`*_more`)."""
    for g in view["groups"]:
        g["steps_more"] = max(0, len(g["steps"]) - PDF_STEPS_PER_GROUP)
        g["steps"] = g["steps"][:PDF_STEPS_PER_GROUP]
        g["claims_more"] = max(0, len(g["claims"]) - PDF_CLAIMS_PER_GROUP)
        g["claims"] = g["claims"][:PDF_CLAIMS_PER_GROUP]
    view["conflicts_more"] = max(0, len(view["conflicts"]) - PDF_CONFLICTS)
    view["conflicts"] = view["conflicts"][:PDF_CONFLICTS]
    kept, room = [], PDF_APPENDIX_CLAIMS
    for article in view["claims_by_article"]:
        if room <= 0:
            break
        kept.append(dict(article, claims=article["claims"][:room]))
        room -= len(kept[-1]["claims"])
    view["claims_more"] = len(view["claims"]) - (PDF_APPENDIX_CLAIMS - max(room, 0))
    view["claims_by_article"] = kept
    # Links may only point at claims the appendix kept; the others are in the CSV beside it.
    view["anchored"] = {c["id"] for article in kept for c in article["claims"]}
    view["articles_more"] = max(0, len(view["articles"]) - PDF_ARTICLES)
    view["articles"] = view["articles"][:PDF_ARTICLES]
    view["pdf"] = True
    return view


# A group's chart depends on its data only: the HTML and the PDF of one version draw it once.
_charts: OrderedDict[str, str] = OrderedDict()
CHARTS_KEPT = 256


def _chart(group: dict) -> str:
    key = hashlib.sha256(
        json.dumps(group, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    if key not in _charts:
        _charts[key] = svg_data_uri(timeline_svg(group))
        if len(_charts) > CHARTS_KEPT:
            _charts.popitem(last=False)
    return _charts[key]


def render_html_text(
    snapshot: dict, meta: ReportMeta, charts: bool = True, pdf: bool = False
) -> str:
    view = build_view(snapshot, meta)
    if pdf:
        view = cap_for_pdf(view)
    for group in view["groups"]:
        group["chart"] = _chart(group) if charts else None
    # No ClaimReview markup here: each verdict's own page carries its one ClaimReview, and the
    # report links there (a second copy per report version would contradict a later correction).
    public_base = meta.page_url.split("/reports/")[0]
    return _env.get_template("reports/report.html").render(
        **view,
        public_base=public_base,
        get_more=lambda key: view.get(key) or 0,  # the PDF's caps; the HTML page leaves nothing out
    )


def render_html(snapshot: dict, meta: ReportMeta) -> bytes:
    return render_html_text(snapshot, meta).encode("utf-8")


def render_pdf(snapshot: dict, meta: ReportMeta) -> bytes:
    """WeasyPrint's PDF of the HTML page; its creation date is the report's, not the render's."""
    import weasyprint  # imported here: loading Pango is needless for the other formats

    html = render_html_text(snapshot, meta, pdf=True)
    # The page needs nothing but its own data: URIs (the charts): nothing is ever fetched from anywhere.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher).write_pdf()
