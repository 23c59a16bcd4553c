"""The HTML report's charts section: figures as inline PNG, drawn with matplotlib.

matplotlib is the ``reports`` extra: only ``gateway.reports.html`` imports this
module, and only when it renders a page with records. Charts are drawn on a bare
``Figure`` with the Agg canvas: no pyplot, so no global state and nothing left
open in a long process. Each figure has an alt text with its numbers.
"""

from __future__ import annotations

import base64
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gateway.reports.audit import AuditSummary
from gateway.reports.html_parts import (
    counts_table,
    counts_text,
    days_covered,
    escape_html,
    ranked,
)

_FIGSIZE = (9.0, 3.6)  # inches
_DPI = 100
_BAR_DAYS = 92  # up to this many days, one bar per day; beyond, stacked areas
_MAX_DAY_TICKS = 12
_MIN_BAR_SLOTS = 7  # the x axis spans at least a week of slots


def charts_section(summary: AuditSummary) -> list[str]:
    """Records and sensitive findings over time, and sensitive findings by category."""
    return [
        '<section id="charts">',
        "<h2>Over time</h2>",
        _records_chart(summary),
        _sensitive_over_time_chart(summary),
        "<h2>Sensitive categories</h2>",
        _sensitive_totals_chart(summary),
        counts_table(("Sensitive category", "Findings"), summary.sensitive_by_category),
        "</section>",
    ]


def _series_order(per_day: Mapping[date, Counter[str]]) -> list[str]:
    """Biggest series first (at the bottom of the stack); tombstones on top."""
    totals: Counter[str] = Counter()
    for counts in per_day.values():
        totals.update(counts)
    return [name for name, _ in ranked(totals)]


def _figure_html(png: str, alt: str, caption: str, chart_id: str) -> str:
    return (
        f'<figure id="{escape_html(chart_id)}">'
        f'<img src="data:image/png;base64,{png}" alt="{escape_html(alt)}">'
        f"<figcaption>{escape_html(caption)}</figcaption></figure>"
    )


def _span(days: Sequence[date]) -> str:
    return days[0].isoformat() if len(days) == 1 else f"{days[0]} to {days[-1]}"


def _records_chart(summary: AuditSummary) -> str:
    days = days_covered(summary)
    per_day = summary.records_per_day
    png = _stacked_by_day_png(per_day, days, _series_order(per_day), "records")
    totals: Counter[str] = Counter()
    for counts in per_day.values():
        totals.update(counts)
    alt = (
        f"Stacked bar chart of records received per day (UTC) by data category, {_span(days)}:"
        f" {counts_text(totals)}."
    )
    caption = "Records per day by data category; deleted and expired ones have lost theirs."
    return _figure_html(png, alt, caption, "chart-records")


def _sensitive_over_time_chart(summary: AuditSummary) -> str:
    if not summary.sensitive_per_day:
        return '<p id="chart-sensitive-days">No sensitive findings in this period.</p>'
    days = days_covered(summary)
    per_day = summary.sensitive_per_day
    png = _stacked_by_day_png(per_day, days, _series_order(per_day), "sensitive findings")
    alt = (
        f"Stacked bar chart of sensitive findings per day (UTC) by category, {_span(days)}:"
        f" {counts_text(summary.sensitive_by_category)}."
    )
    caption = "Sensitive findings per day by category."
    return _figure_html(png, alt, caption, "chart-sensitive-days")


def _sensitive_totals_chart(summary: AuditSummary) -> str:
    if not summary.sensitive_by_category:
        return '<p id="chart-sensitive-totals">No sensitive findings in this period.</p>'
    largest_on_top = ranked(summary.sensitive_by_category)[::-1]
    png = _horizontal_bars_png(largest_on_top, "sensitive findings")
    alt = (
        "Horizontal bar chart of sensitive findings by category: "
        f"{counts_text(summary.sensitive_by_category)}."
    )
    return _figure_html(png, alt, "Sensitive findings by category.", "chart-sensitive-totals")


def _stacked_by_day_png(
    per_day: Mapping[date, Counter[str]], days: Sequence[date], names: Sequence[str], ylabel: str
) -> str:
    """Per-day stacked bars (stacked areas over long periods), one series per name.

    ``names`` bottom first: the biggest series at the bottom, tombstones on top.
    """
    figure = Figure(figsize=_FIGSIZE, dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    xs = list(range(len(days)))
    palette = _palette(len(names))
    series = [[per_day.get(day, Counter()).get(name, 0) for day in days] for name in names]
    if len(days) <= _BAR_DAYS:
        bottom = [0] * len(days)
        for name, values, color in zip(names, series, palette, strict=True):
            axes.bar(xs, values, width=0.8, bottom=bottom, label=_label(name), color=color)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        pad = max(0.0, (_MIN_BAR_SLOTS - len(days)) / 2)  # one day: a bar, not a wall
        axes.set_xlim(-0.6 - pad, len(days) - 0.4 + pad)
    else:
        axes.stackplot(xs, series, labels=[_label(n) for n in names], colors=palette)
        axes.set_xlim(0, len(days) - 1)
    step = -(-len(days) // _MAX_DAY_TICKS)
    ticks = xs[::step]
    axes.set_xticks(ticks, [days[i].isoformat() for i in ticks], rotation=30, ha="right")
    axes.set_xlabel("day received (UTC)")
    axes.set_ylabel(ylabel)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    figure.tight_layout()
    return _png(figure)


def _horizontal_bars_png(ranked: Sequence[tuple[str, int]], xlabel: str) -> str:
    """One labelled bar per name, the first at the bottom."""
    height = max(2.0, 0.8 + 0.35 * len(ranked))
    figure = Figure(figsize=(_FIGSIZE[0], height), dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    names = [_label(name) for name, _ in ranked]
    values = [value for _, value in ranked]
    bars = axes.barh(names, values, color=_palette(1)[0])
    axes.bar_label(bars, padding=3)
    axes.set_xlabel(xlabel)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(x=0.1)
    axes.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    return _png(figure)


def _label(text: str) -> str:
    """Matplotlib reads '$' as maths and hides legend labels starting with '_'."""
    text = text.replace("$", r"\$")
    return " " + text if text.startswith("_") else text


def _palette(count: int) -> list[tuple[float, float, float, float]]:
    cmap = colormaps["tab10" if count <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(count)]


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI)
    figure.clear()
    return base64.b64encode(buffer.getvalue()).decode("ascii")
