"""Benchmark: extraction throughput in articles per second per core, on ~5 KB articles.

    .venv/bin/python -m bench.extraction --articles 200 --seed 7 [--out bench/extraction.json]

Builds ~5 KB articles per language by concatenating the texts of ../shared/corpus
and tests/corpus (whole articles, shuffled with the seed, cut at the paragraph that
passes 5,000 characters) and times, in one process (one core):

- `suggest` with the language given (what `factcheck suggest --language` does);
- `suggest` + `findings` with the language detected (the full pass on an unknown text);
- the floor: one pass of the number tokenizer's regex over the same text, the least
  any extractor that reads the text must do.

Prints JSON (and writes it to --out when given). The language detector's one-off
model load is timed apart, as `detector_load_s`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from factcheck.domain.extraction import findings, suggest  # noqa: E402
from factcheck.domain.extraction.language import _identifier  # noqa: E402

CORPORA = [ROOT.parent / "shared" / "corpus", ROOT / "tests" / "corpus"]
TARGET_CHARS = 5000
FLOOR = re.compile(r"[0-9](?:[.,]?[0-9])*|[^\W\d_]+")  # numbers.py's token pattern


def corpus_texts() -> dict[str, list[str]]:
    by_language: dict[str, list[str]] = {}
    for folder in CORPORA:
        for path in sorted(folder.glob("*.txt")):
            by_language.setdefault(path.name.split(".")[-2], []).append(
                path.read_text(encoding="utf-8")
            )
    return by_language


def make_articles(texts: list[str], count: int, rng: random.Random) -> list[str]:
    """`count` articles of about TARGET_CHARS, each a shuffled concatenation of whole texts."""
    paragraphs_pool = list(texts)
    out = []
    for _ in range(count):
        rng.shuffle(paragraphs_pool)
        parts: list[str] = []
        size = 0
        for text in paragraphs_pool:
            for paragraph in text.split("\n"):
                parts.append(paragraph)
                size += len(paragraph) + 1
                if size >= TARGET_CHARS:
                    break
            if size >= TARGET_CHARS:
                break
        out.append("\n".join(parts) + "\n")
    return out


def rate(func, articles: list[tuple[str, str]], repeat: int = 3) -> float:
    """Best of `repeat` runs, in articles per second."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for language, text in articles:
            func(language, text)
        best = min(best, time.perf_counter() - start)
    return len(articles) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="articles per language")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = [
        (lang, text)
        for lang, texts in sorted(corpus_texts().items())
        for text in make_articles(texts, args.articles, rng)
    ]
    started = time.perf_counter()
    _identifier()
    detector_load = time.perf_counter() - started
    given = rate(lambda lang, text: suggest(text, language=lang), articles)
    detected = rate(lambda lang, text: (suggest(text), findings(text)), articles)
    floor = rate(lambda lang, text: sum(1 for _ in FLOOR.finditer(text)), articles)
    sizes = [len(text.encode("utf-8")) for _, text in articles]
    result = {
        "benchmark": "extraction",
        "articles": len(articles),
        "languages": sorted({lang for lang, _ in articles}),
        "mean_article_bytes": round(sum(sizes) / len(sizes)),
        "suggest_articles_per_s_per_core": round(given, 1),
        "suggest_and_findings_detected_articles_per_s_per_core": round(detected, 1),
        "floor_one_regex_pass_articles_per_s_per_core": round(floor, 1),
        "suggest_vs_floor": f"{floor / given:.0f}x slower",
        "detector_load_s": round(detector_load, 3),
        "cores_used": 1,
        "machine_cores": os.cpu_count(),
        "python": platform.python_version(),
        "seed": args.seed,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
