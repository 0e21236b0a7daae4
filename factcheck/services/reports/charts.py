"""A static timeline per figure group: each claim's interval at its moment, and the estimate over time.

The band is the estimate as it stood (DOMAIN.md §9): low to high, and the best
line, stepping on each day a figure arrived. Every figure is a point at its
moment (as_of, else the day it was said): filled when it counts today, hollow
when a later count overtook it, struck through when deprecated (retracted, corrected).

Drawn with matplotlib's SVG backend (no screen, no pyplot state), with a fixed
hash salt and no date stamp so that the same data draws the same bytes; the
SVG goes into the page as a data URI, so it prints and needs no script.
"""

from __future__ import annotations

import base64
import io
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")  # no display, ever: workers and the CLI run headless

from matplotlib import dates as mdates  # noqa: E402
from matplotlib import rc_context  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.legend_handler import HandlerTuple  # noqa: E402

from factcheck.domain.input_rules import DEFAULT_DATES  # noqa: E402

STYLE = {
    "svg.hashsalt": "factcheck-report",
    "svg.fonttype": "none",
    "font.size": 8,
    "font.family": "DejaVu Sans",
}
USED, ASIDE, DEPRECATED, BAND = "#1f4e8c", "#8a8a8a", "#b03a2e", "#d9e6f5"
STRIKE = "#2b0a06"  # the line through a deprecated point: dark, so it reads on the red dot
LABEL_AT_MOST = 40  # beyond this many claims, ids would only clutter the chart


def _y(claim: dict) -> float | None:
    for key in ("point", "lower", "upper"):
        if claim[key] is not None:
            return float(claim[key])
    return None


def _kind(claim: dict) -> str:
    if claim["rank"] == "deprecated":
        return "deprecated"
    if claim.get("overtaken"):
        return "overtaken"
    return "used" if claim["used"] else "aside"


def _day(claim: dict) -> date:
    return date.fromisoformat(claim.get("as_of") or claim["stated_on"])


def _drawable(day: date) -> bool:
    """A claim stored before dates were bounded (year 0022, a typo) is left off the chart, not drawn
    across two thousand years: matplotlib fails on such an axis, and with it the report."""
    return DEFAULT_DATES.check(day) is None


def _band(ax, group: dict, last: date | None) -> None:
    """The estimate as it stood: a stepped low-high band and best line, or today's band alone."""
    series = [
        p
        for p in group.get("series") or []
        if p["low"] is not None and _drawable(date.fromisoformat(p["on"]))
    ]
    if not series:
        if group["low"] is not None and group["high"] is not None:
            ax.axhspan(group["low"], group["high"], color=BAND, zorder=0, label="low–high")
        if group["best"] is not None:
            ax.axhline(
                group["best"], color=USED, linewidth=1, linestyle="--", zorder=1, label="best"
            )
        return
    days = [date.fromisoformat(p["on"]) for p in series]
    end = max(d for d in (days[-1], last) if d is not None) + timedelta(days=1)
    days.append(end)  # the last estimate stands until today, drawn to the chart's edge
    lows = [p["low"] for p in series] + [series[-1]["low"]]
    highs = [p["high"] if p["high"] is not None else p["low"] for p in series] + [
        series[-1]["high"] if series[-1]["high"] is not None else series[-1]["low"]
    ]
    bests = [p["best"] if p["best"] is not None else p["low"] for p in series]
    bests.append(bests[-1])
    ax.fill_between(
        days, lows, highs, step="post", color=BAND, zorder=0, label="low–high as it stood"
    )
    ax.step(
        days, bests, where="post", color=USED, linewidth=1, linestyle="--", zorder=1, label="best"
    )


def timeline_svg(group: dict) -> str:
    """SVG text: the group's claims by stated date (interval bars), low–high band and best line."""
    claims = [c for c in group["claims"] if _y(c) is not None and _drawable(_day(c))]
    finite = [
        float(v) for c in claims for v in (c["lower"], c["upper"], c["point"]) if v is not None
    ]
    finite += [float(v) for v in (group["low"], group["best"], group["high"]) if v is not None]
    top = max(finite, default=1.0) * 1.15 or 1.0
    with rc_context(STYLE):
        fig = Figure(figsize=(7.0, 2.4))
        ax = fig.add_subplot()
        _band(ax, group, max((_day(c) for c in claims), default=None))
        struck = None
        # One call per kind of mark (not per claim): a thousand claims stay a handful of SVG paths.
        for kind, color, marker, face in (
            ("used", USED, "o", USED),
            ("aside", ASIDE, "o", ASIDE),
            ("overtaken", ASIDE, "o", "none"),
            ("deprecated", DEPRECATED, "o", DEPRECATED),
        ):
            marks = [c for c in claims if _kind(c) == kind]
            if not marks:
                continue
            days = [_day(c) for c in marks]
            lows = [float(c["lower"]) if c["lower"] is not None else 0.0 for c in marks]
            highs = [float(c["upper"]) if c["upper"] is not None else top for c in marks]
            ax.vlines(days, lows, highs, color=color, linewidth=2, alpha=0.6, zorder=2)
            (dots,) = ax.plot(
                days,
                [_y(c) for c in marks],
                marker=marker,
                color=color,
                markerfacecolor=face,
                markersize=5,
                zorder=3,
                linestyle="none",
                label={"overtaken": "overtaken"}.get(kind),
            )
            if kind == "deprecated":  # struck through, as a withdrawn claim is in the text
                (strike,) = ax.plot(
                    days,
                    [_y(c) for c in marks],
                    marker="_",
                    color=STRIKE,
                    markersize=12,
                    markeredgewidth=1.5,
                    zorder=4,
                    linestyle="none",
                )
                struck = (dots, strike)  # the legend draws the two as one mark
            open_above = [
                d for d, c in zip(days, marks) if c["upper"] is None
            ]  # an arrow says "and more"
            if open_above:
                ax.plot(
                    open_above,
                    [top] * len(open_above),
                    marker="^",
                    color=color,
                    markersize=4,
                    zorder=3,
                    linestyle="none",
                )
            if len(claims) <= LABEL_AT_MOST:
                for day, c in zip(days, marks):
                    ax.annotate(
                        f"#{c['id']}",
                        (mdates.date2num(day), _y(c)),
                        textcoords="offset points",
                        xytext=(4, 2),
                        fontsize=7,
                        color=color,
                    )
        ax.set_ylim(0, top)
        ax.set_ylabel("people")
        _date_axis(ax, [_day(c) for c in claims])
        ax.spines[["top", "right"]].set_visible(False)
        handles, labels = ax.get_legend_handles_labels()
        if struck:
            handles, labels = [*handles, struck], [*labels, "deprecated"]
        if handles:
            ax.legend(
                handles,
                labels,
                loc="upper left",
                fontsize=7,
                frameon=False,
                handler_map={tuple: HandlerTuple(ndivide=None)},
            )
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def _date_axis(ax, days: list[date]) -> None:
    """Days on the x axis; a short span (often one day) gets a day either side and a tick a day."""
    if not days:
        ax.set_xticks([])
        return
    first, last = min(days), max(days)
    if (last - first).days < 10:
        ax.set_xlim(first - timedelta(days=1), last + timedelta(days=1))
        ax.xaxis.set_major_locator(
            mdates.DayLocator(interval=max(1, ((last - first).days + 2) // 6))
        )
    else:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))


def svg_data_uri(svg: str) -> str:
    """The SVG as an <img> source: no markup of ours or of the data enters the page unescaped."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
