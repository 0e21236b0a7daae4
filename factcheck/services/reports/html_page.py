"""The report as one self-contained HTML page (styles inline, charts as data URIs), and as PDF.

Autoescaping is on for every template and value: quotes, titles and findings
come from untrusted articles and are never marked safe. The PDF is WeasyPrint's
rendering of the very same page, so the two never disagree.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from factcheck.domain.number_format import display_number
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


def http_url(value: str | None) -> str | None:
    """The address if it is http(s), else None: a javascript: link must never become clickable."""
    if value and urlsplit(value.strip()).scheme.lower() in ("http", "https"):
        return value.strip()
    return None


_env.filters["http_url"] = http_url


def render_html_text(snapshot: dict, meta: ReportMeta, charts: bool = True) -> str:
    view = build_view(snapshot, meta)
    for group in view["groups"]:
        group["chart"] = svg_data_uri(timeline_svg(group)) if charts else None
    # No ClaimReview markup here: each verdict's own page carries its one ClaimReview, and the
    # report links there (a second copy per report version would contradict a later correction).
    public_base = meta.page_url.split("/reports/")[0]
    return _env.get_template("reports/report.html").render(**view, public_base=public_base)


def render_html(snapshot: dict, meta: ReportMeta) -> bytes:
    return render_html_text(snapshot, meta).encode("utf-8")


def render_pdf(snapshot: dict, meta: ReportMeta) -> bytes:
    """WeasyPrint's PDF of the HTML page; its creation date is the report's, not the render's."""
    import weasyprint  # imported here: loading Pango is needless for the other formats

    html = render_html_text(snapshot, meta)
    # The page needs nothing but its own data: URIs (the charts): nothing is ever fetched from anywhere.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher).write_pdf()
