"""Verification reports: snapshot the data, render HTML / PDF / JSON-LD / CSV / JSON, version, publish.

Views, tasks and the CLI call these; docs/reports.md describes the report.
"""

from factcheck.services.reports.files import (
    ReportNotFound,
    file_of,
    find_report,
    latest_report,
    list_reports,
    public_url,
    report_file,
)
from factcheck.services.reports.formats import FORMATS
from factcheck.services.reports.generate import (
    NotAllowed,
    current_fingerprint,
    generate_report,
    generate_report_into,
    is_out_of_date,
    publish_report,
    queue_report,
    report_for_job,
    run_report_job,
    start_report_job,
)
from factcheck.services.reports.snapshot import build_snapshot, fingerprint
from factcheck.services.reports.tables import without_bom
from factcheck.services.reports.urls import download_name, report_path

__all__ = [
    "FORMATS",
    "NotAllowed",
    "ReportNotFound",
    "build_snapshot",
    "current_fingerprint",
    "download_name",
    "file_of",
    "find_report",
    "fingerprint",
    "generate_report",
    "generate_report_into",
    "is_out_of_date",
    "latest_report",
    "list_reports",
    "public_url",
    "publish_report",
    "queue_report",
    "report_file",
    "report_for_job",
    "report_path",
    "run_report_job",
    "start_report_job",
    "without_bom",
]
