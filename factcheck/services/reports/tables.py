"""The claims and reconciliations of a report as data: CSV (one row per claim) and JSON."""

from __future__ import annotations

import csv
import io
import json

from factcheck.services.reports.view import ReportMeta, build_view, group_label

CSV_COLUMNS = (
    "claim_id",
    "kind",
    "quote",
    "quote_verbatim_json",
    "proposition",
    "speaker",
    "cites",
    "outlet",
    "republished_from",
    "stated_on",
    "article_title",
    "url",
    "published_at",
    "metric",
    "category",
    "category_label",
    "qualifier",
    "modality",
    "value",
    "lower",
    "upper",
    "point",
    "unit",
    "as_of",
    "place",
    "figure",
    "rank",
    "deprecated_reason",
    "rank_note",
    "group",
    "group_low",
    "group_best",
    "group_high",
    "group_grade",
    "group_flags",
    "role_in_group",
    "verdicts",
    "report_status",  # DRAFT until the version is published: a draft's rows say so
)
# A cell a spreadsheet would take for a formula: the quote is untrusted text, so it is kept as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# An interval's upper bound: "inf" when unbounded ("more than 164"), empty when the claim has no
# figure at all. Spreadsheets and pandas read "inf" as infinity, and an empty cell as missing.
UNBOUNDED = "inf"
# Excel reads a CSV as the machine's code page unless it starts with a byte-order mark.
BOM = "\ufeff"


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _role(claim: dict, group: dict | None) -> str:
    if group is None:
        return ""
    if claim["id"] in group["claims_used"]:
        return "used"
    return next((reason for cid, reason in group["claims_set_aside"] if cid == claim["id"]), "")


def render_csv(snapshot: dict, meta: ReportMeta) -> bytes:
    """One row per claim with its figure, rank, its group's low/best/high/grade and its verdicts."""
    view = build_view(snapshot, meta)
    groups = {_key(g): g for g in snapshot["groups"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in view["claims"]:
        g = (
            groups.get((c["metric"], c["category"], c.get("place")))
            if c["kind"] == "quantity"
            else None
        )
        verdicts = "; ".join(f"{r['rating']} ({r['published_at'][:10]})" for r in c["reviews"])
        row = (
            c["id"],
            c["kind"],
            c["quote"],
            # The words exactly as the article has them, in a form no spreadsheet evaluates (a JSON
            # string always starts with '"'); the `quote` column beside it may carry the guard's "'".
            json.dumps(c["quote"], ensure_ascii=False),
            c["proposition"],
            c["speaker"],
            c["cites"],
            c["outlet"],
            c["republished_from"],
            c["stated_on"],
            c["article_title"],
            c["url"],
            c["published_at"],
            c["metric"],
            c["category"],
            c["category_label"],
            c["qualifier"],
            c["modality"],
            c["value"],
            c["lower"],
            UNBOUNDED if c["lower"] is not None and c["upper"] is None else c["upper"],
            c["point"],
            c["unit"] if c["kind"] == "quantity" else None,
            c.get("as_of"),
            c.get("place"),
            c["figure"],
            c["rank"],
            c["deprecated_reason"],
            c["rank_note"],
            group_label(*_key(g)) if g else None,
            g and g["low"],
            g and g["best"],
            g and g["high"],
            g and g["grade"],
            g and ",".join(g["flags"]),
            _role(c, g),
            verdicts,
            "DRAFT" if meta.is_draft else "published",
        )
        writer.writerow([_cell(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")


def without_bom(content: bytes) -> bytes:
    """The CSV for a program that does not want the byte-order mark (`?bom=0` on the download)."""
    return content.removeprefix(BOM.encode("utf-8"))


def _key(group: dict) -> tuple[str, str, str | None]:
    return group["metric"], group["category"], group.get("place")


def render_json(snapshot: dict, meta: ReportMeta) -> bytes:
    """The snapshot's claims, reconciliations, conflicts and verdicts with the report's provenance."""
    doc = {
        "format": "factcheck-report",
        "version": 1,
        "provenance": meta.as_dict(),
        "status": "DRAFT" if meta.is_draft else "published",
        "subject": snapshot["subject"],
        "event": snapshot["event"],
        "articles": snapshot["articles"],
        "claims": snapshot["claims"],
        "relations": snapshot["relations"],
        "reconciliations": snapshot["groups"],
        "conflicts": snapshot["conflicts"],
        "reviews": snapshot["reviews"],
    }
    return (json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
