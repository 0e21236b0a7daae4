"""The formats a report is rendered in: how each is made, its media type and file extension."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factcheck.models.outcome import REPORT_FORMATS
from factcheck.services.reports.html_page import render_html, render_pdf
from factcheck.services.reports.jsonld import render_jsonld
from factcheck.services.reports.tables import render_csv, render_json
from factcheck.services.reports.view import ReportMeta


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    render: Callable[[dict, ReportMeta], bytes]


FORMATS: dict[str, Format] = {
    "html": Format("html", "text/html; charset=utf-8", "html", render_html),
    "pdf": Format("pdf", "application/pdf", "pdf", render_pdf),
    "jsonld": Format("jsonld", "application/ld+json", "jsonld", render_jsonld),
    "csv": Format("csv", "text/csv; charset=utf-8", "csv", render_csv),
    "json": Format("json", "application/json", "json", render_json),
}
assert tuple(FORMATS) == REPORT_FORMATS, "every stored format has a renderer, in the same order"


def check_formats(formats) -> list[str]:
    """The requested formats in generation order, without repeats; ValueError names an unknown one."""
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ValueError(
            f"unknown report format {', '.join(unknown) or '(none given)'}; "
            f"expected some of: {', '.join(FORMATS)}"
        )
    return [f for f in FORMATS if f in wanted]
