"""Check a quantity claim of a sidecar: vocabulary, locale numbers, bounds, the qualifier's interval."""

from __future__ import annotations

from typing import Any

from factcheck.domain.numbers import NumberFormatError, parse_number
from factcheck.domain.qualifiers import QualifierError, Widths, to_interval
from factcheck.domain.vocabulary import CATEGORIES, METRICS, MODALITIES, QUALIFIERS
from factcheck.domain.yaml_lines import Path


def _number(check, d: dict, path: Path, key: str, language: str) -> float | None:
    value = d.get(key)
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    try:  # "8.000" written as the article wrote it is read in the article's locale
        return parse_number(str(value), language)
    except (NumberFormatError, ValueError) as err:
        check.fail((*path, key), str(err))
        return None


def check_quantity(check, path: Path, d: dict, language: str, widths: Widths) -> dict[str, Any]:
    metric = check.choice(d, path, "metric", METRICS, required=True)
    category = check.choice(d, path, "category", CATEGORIES, required=True)
    qualifier = check.choice(d, path, "qualifier", QUALIFIERS, required=True)
    modality = check.choice(d, path, "modality", MODALITIES) or "count"
    value = _number(check, d, path, "value", language)
    lower = _number(check, d, path, "lower", language)
    upper = _number(check, d, path, "upper", language)
    if lower is not None and upper is not None and lower > upper:
        check.fail((*path, "lower"), f"lower ({lower:g}) is above upper ({upper:g})")
        return {}
    if qualifier is None:
        return {}
    try:
        interval = to_interval(
            qualifier,
            value=value,
            lower=lower,
            upper=upper,
            vague_word=d.get("word"),
            widths=widths,
        )
    except QualifierError as err:
        check.fail((*path, "qualifier"), str(err))
        return {}
    return {
        "metric": metric,
        "category": category,
        "category_label": check.text(d, path, "category_label"),
        "qualifier": qualifier,
        "modality": modality,
        "value": value,
        "lower": interval.lower,
        "upper": interval.upper,
        "point": interval.point,
        "unit": check.text(d, path, "unit") or "people",
    }
