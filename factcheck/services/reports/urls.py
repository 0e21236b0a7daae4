"""The stable public addresses of reports: one per event (or claim), version and format.

/reports/<event-slug>/v<version>                      the HTML page
/reports/<event-slug>/v<version>.<ext>                pdf, jsonld, csv, json (and .html)
/reports/<event-slug>/claims/<claim-id>/v<version>    a single-claim report, likewise
"""

from __future__ import annotations

from urllib.parse import quote

EXTENSIONS = {"html": "html", "pdf": "pdf", "jsonld": "jsonld", "csv": "csv", "json": "json"}


def report_path(slug: str, version: int, fmt: str = "html", claim_id: int | None = None) -> str:
    """The path of a report file; the HTML page has no extension."""
    base = f"/reports/{quote(slug, safe='')}" + (
        f"/claims/{claim_id}" if claim_id is not None else ""
    )
    return f"{base}/v{version}" + ("" if fmt == "html" else f".{EXTENSIONS[fmt]}")


def download_name(slug: str, version: int, fmt: str, claim_id: int | None = None) -> str:
    """A file name for Content-Disposition or the CLI: 2022-kazakhstan-unrest-v3.pdf."""
    subject = slug + (f"-claim-{claim_id}" if claim_id is not None else "")
    return f"{subject}-v{version}.{EXTENSIONS[fmt]}"
