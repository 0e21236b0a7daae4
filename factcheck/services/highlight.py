"""Split an article's text into plain and highlighted runs for display."""

from __future__ import annotations

from typing import Any


def highlight_segments(text: str, spans: list[tuple[int, int, Any]]) -> list[tuple[str, list[Any]]]:
    """Cut `text` at every span edge; each run carries the items whose span covers it.

    Overlapping quotes (a retraction that quotes the figure it withdraws) stay
    visible: the run they share carries both claims.
    """
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((max(0, start), min(len(text), end)))
    edges = sorted(cuts)
    runs: list[tuple[str, list[Any]]] = []
    for a, b in zip(edges, edges[1:]):
        covering = [item for start, end, item in spans if start <= a and b <= end]
        runs.append((text[a:b], covering))
    return runs
