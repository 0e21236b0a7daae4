"""Score the extractor against annotated articles: precision and recall per language and kind.

    .venv/bin/python scripts/evaluate_extraction.py                 # every public set, one table each
    .venv/bin/python scripts/evaluate_extraction.py --json          # the same, as JSON
    .venv/bin/python scripts/evaluate_extraction.py PATH...         # other folders or files

Matching, one to one: a suggestion matches a gold claim when their anchors overlap
and the kinds agree; a quantity must also have the gold metric, qualifier and
value (lower and upper for range and vague); a retraction must point at (overlap)
one of the claims the gold one retracts. Precision = matched suggestions /
suggestions, recall = matched gold claims / gold claims. The language is detected,
as `factcheck suggest` does without --language; published_at comes from the sidecar.
Metadata: the republished_from suggestion (with the sidecar's outlet known) and the
calendar_mismatch finding are checked against the sidecar.

Fields of quantities (value, qualifier, metric, category, place, as_of), scored apart: a
quantity suggestion is paired with the gold quantity whose anchor it overlaps (one to
one); a field's recall = pairs with the field right / gold quantities that have the field,
its precision = pairs with the field right / suggested quantities that have it. Places
compare through the names and aliases the set's sidecars declare. `place right` is the
share of fully matched quantities with a gold place whose suggested place is that place.
Relations to claims of other articles (`corrects`/`retracts`/`supersedes` to FILE#ID) are
counted found when the matched suggestion proposes that link.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from extraction_fields import (  # noqa: E402
    FIELDS,
    candidates,
    place_names,
    score_fields,
    score_relations,
)

from factcheck.domain.annotation import Annotation, ClaimSpec, load_annotation  # noqa: E402
from factcheck.domain.extraction import Suggestion, findings, suggest  # noqa: E402
from factcheck.domain.extraction.credits import same_outlet  # noqa: E402
from factcheck.domain.extraction.links import propose_links  # noqa: E402

DEFAULT_PATHS = [ROOT.parent / "shared" / "corpus", ROOT / "tests" / "corpus"]
HELDOUT = ROOT / "tests" / "corpus" / "heldout"
HELDOUT_2 = ROOT / "tests" / "corpus" / "heldout2"
TIMELINE = ROOT.parent / "shared" / "corpus" / "timeline"
# Scored apart: each set is its own event world (places, candidates for cross-article links).
PUBLIC_SETS = {
    "reference article + tests/corpus": DEFAULT_PATHS,
    "held-out (tests/corpus/heldout)": [HELDOUT],
    "second held-out (tests/corpus/heldout2)": [HELDOUT_2],
    "timeline (../shared/corpus/timeline)": [TIMELINE],
}
KINDS = ("quantity", "retraction", "allegation", "denial", "statement")
_VALUE_QUALIFIERS = ("exact", "more_than", "at_least", "nearly", "approximately", "at_most")


def text_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out += sorted(path.glob("*.txt")) if path.is_dir() else [path]
    return out


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _same_number(x, y) -> bool:
    return (x is None and y is None) or (x is not None and y is not None and float(x) == float(y))


def fields_right(sug: Suggestion, gold: ClaimSpec, ann: Annotation) -> bool:
    """The fields that must be right beyond overlap and kind."""
    if gold.kind == "quantity":
        if (sug.metric, sug.qualifier) != (gold.metric, gold.qualifier):
            return False
        if gold.qualifier in _VALUE_QUALIFIERS:
            return _same_number(sug.value, gold.value)
        return _same_number(sug.lower, gold.lower) and _same_number(sug.upper, gold.upper)
    if gold.kind == "retraction":
        by_key = {c.key: c for c in ann.claims}
        targets = [
            by_key[r.target].anchor
            for r in gold.relations
            if r.type == "retracts" and r.target in by_key
        ]
        return not targets or any(_overlap(a, t) for a in sug.retracts for t in targets)
    return True


def match(suggestions: list[Suggestion], ann: Annotation) -> tuple[set[int], set[str]]:
    """Indices of matched suggestions and keys of matched gold claims (greedy, in text order)."""
    used: set[int] = set()
    matched: set[str] = set()
    for gold in sorted(ann.claims, key=lambda c: c.anchor.start):
        for i, sug in enumerate(suggestions):
            if i in used or sug.kind != gold.kind or not _overlap(sug.anchor, gold.anchor):
                continue
            if fields_right(sug, gold, ann):
                used.add(i)
                matched.add(gold.key)
                break
    return used, matched


def evaluate(paths: list[Path]) -> dict:
    """Counts and scores per (language, kind), per language and overall, plus metadata checks."""
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: {"gold": 0, "suggested": 0, "tp_gold": 0, "tp_suggested": 0}
    )
    fields: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: {"gold": 0, "suggested": 0, "tp_gold": 0, "tp_suggested": 0}
    )
    articles, metadata = [], []
    loaded = [(path, load_annotation(path)) for path in text_files(paths)]
    places = place_names([ann for _, ann in loaded])
    known = {p.name: p.aliases for _, ann in loaded for p in ann.places}
    areas = {e.slug: e.places for _, ann in loaded for e in ann.events}
    for path, ann in loaded:
        lang = ann.article.language
        sugs = suggest(
            ann.text,
            published_at=ann.article.published_at,
            places=known.items(),
            area=areas.get(ann.article.event, ()),
        )
        sugs = propose_links(sugs, candidates(ann, loaded, places))
        used, matched = match(sugs, ann)
        score_fields(sugs, ann, used, places, fields, lang)
        score_relations(sugs, ann, used, fields, lang)
        for kind in KINDS:
            c = counts[(lang, kind)]
            c["gold"] += sum(1 for g in ann.claims if g.kind == kind)
            c["suggested"] += sum(1 for s in sugs if s.kind == kind)
            c["tp_gold"] += sum(1 for g in ann.claims if g.kind == kind and g.key in matched)
            c["tp_suggested"] += sum(1 for i, s in enumerate(sugs) if s.kind == kind and i in used)
        found = findings(ann.text, published_at=ann.article.published_at, outlet=ann.article.outlet)
        republished = next((f.value for f in found if f.kind == "republished_from"), None)
        gold_calendar = any(f["kind"] == "calendar_mismatch" for f in ann.article.findings)
        metadata.append(
            {
                "article": path.name,
                "language_detected": next(f.value for f in found if f.kind == "language"),
                "language": lang,
                "republished_from": republished,
                "republished_from_gold": ann.article.republished_from,
                "republished_from_right": (
                    republished is None and ann.article.republished_from is None
                )
                or same_outlet(republished, ann.article.republished_from),
                "calendar_mismatch": any(f.kind == "calendar_mismatch" for f in found),
                "calendar_mismatch_gold": gold_calendar,
            }
        )
        articles.append(
            {
                "article": path.name,
                "language": lang,
                "claims": len(ann.claims),
                "suggestions": len(sugs),
                "matched": len(matched),
            }
        )
    return {
        "rows": _rows(counts),
        "fields": _field_rows(fields),
        "articles": articles,
        "metadata": metadata,
    }


def _score(c: dict[str, int]) -> dict:
    precision = c["tp_suggested"] / c["suggested"] if c["suggested"] else None
    recall = c["tp_gold"] / c["gold"] if c["gold"] else None
    return {**c, "precision": precision, "recall": recall}


def _rows(counts: dict[tuple[str, str], dict[str, int]]) -> list[dict]:
    rows = []
    languages = sorted({lang for lang, _ in counts})
    for lang in [*languages, "all"]:
        for kind in [*KINDS, "all"]:
            total = {"gold": 0, "suggested": 0, "tp_gold": 0, "tp_suggested": 0}
            for (l, k), c in counts.items():
                if lang in ("all", l) and kind in ("all", k):
                    for key in total:
                        total[key] += c[key]
            if total["gold"] or total["suggested"]:
                rows.append({"language": lang, "kind": kind, **_score(total)})
    return rows


def _field_rows(counts: dict[tuple[str, str], dict[str, int]]) -> list[dict]:
    rows = []
    for lang in [*sorted({lang for lang, _ in counts}), "all"]:
        for name in [*FIELDS, "place right", "cross-article links"]:
            total = {"gold": 0, "suggested": 0, "tp_gold": 0, "tp_suggested": 0}
            for (l, n), c in counts.items():
                if lang in ("all", l) and n == name:
                    for key in total:
                        total[key] += c[key]
            if total["gold"] or total["suggested"]:
                rows.append({"language": lang, "field": name, **_score(total)})
    return rows


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def table(result: dict) -> str:
    lines = [
        "| language | kind | gold | suggested | matched | precision | recall |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['language']} | {r['kind']} | {r['gold']} | {r['suggested']} | {r['tp_gold']} | "
            f"{_pct(r['precision'])} | {_pct(r['recall'])} |"
        )
    lines += [
        "",
        "| language | field | gold | suggested | right | precision | recall |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["fields"]:
        lines.append(
            f"| {r['language']} | {r['field']} | {r['gold']} | {r['suggested']} | {r['tp_gold']} | "
            f"{_pct(r['precision'])} | {_pct(r['recall'])} |"
        )
    meta = result["metadata"]
    lines += [
        "",
        f"language detected right: {sum(m['language_detected'] == m['language'] for m in meta)}/{len(meta)}; "
        f"republished_from right: {sum(m['republished_from_right'] for m in meta)}/{len(meta)}; "
        f"calendar_mismatch right: {sum(m['calendar_mismatch'] == m['calendar_mismatch_gold'] for m in meta)}/{len(meta)}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, help="folders or .txt files (default: every public set)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print JSON instead of a Markdown table"
    )
    args = parser.parse_args(argv)
    sets = {"given": args.paths} if args.paths else PUBLIC_SETS
    results = {name: evaluate(paths) for name, paths in sets.items()}
    if args.json:
        print(json.dumps(results if len(results) > 1 else results["given"], indent=2))
    else:
        for name, result in results.items():
            if len(results) > 1:
                print(f"\n## {name}\n")
            print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
