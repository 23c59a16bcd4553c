"""``leadgate audit --html``: one self-contained page for a client's compliance officer.

Everything is inline (CSS, charts as base64 PNG) so the file can be mailed or
archived and opened offline. Charts are drawn on a bare ``Figure`` with the Agg
canvas: no pyplot, so no global state and nothing left open in a long process.
Every string that reaches the page goes through ``html.escape``.
"""

from __future__ import annotations

import base64
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path

from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gateway.custody.status import EntryState
from gateway.custody.store.protocol import AuditQuery
from gateway.reports.audit import TOMBSTONE_LABELS, AuditSummary, iso_utc
from redaction.catalogue import CATALOGUE

NO_RECORDS = "No records match these filters."
LEDGER_NOTE = (
    "The ledger holds counts, tags and keyed hashes of what passed through the gateway,"
    " never the values themselves: this report shows no consumer's personal information."
)
_FIGSIZE = (9.0, 3.6)  # inches
_DPI = 100
_BAR_DAYS = 92  # up to this many days, one bar per day; beyond, stacked areas
_MAX_OWNERS_IN_TITLE = 5
_MAX_DAY_TICKS = 12
_MIN_BAR_SLOTS = 7  # the x axis spans at least a week of slots
_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       margin: 2rem auto; max-width: 60rem; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.period { color: #444; margin-top: 0; }
.note { background: #f3f6fa; border-left: 4px solid #4a78b5; padding: .5rem .8rem; }
.empty { font-size: 1.2rem; font-weight: bold; padding: 1rem; background: #fff6e0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.figures { display: flex; flex-wrap: wrap; gap: .8rem; }
.figure { border: 1px solid #ccc; padding: .5rem 1rem; min-width: 9rem; }
.figure .value { font-size: 1.6rem; font-weight: bold; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; }
footer { margin-top: 2rem; color: #666; font-size: .85rem; }
"""


def write_html_report(
    summary: AuditSummary, query: AuditQuery, path: Path, generated_at: datetime
) -> None:
    """Write the report for ``summary`` (the rows ``query`` matched) to ``path``.

    An empty summary gives a page that says no records match, with no charts.
    """
    path.write_text(render_html_report(summary, query, generated_at), encoding="utf-8")


def render_html_report(summary: AuditSummary, query: AuditQuery, generated_at: datetime) -> str:
    """The report as one HTML string (``write_html_report`` without the file)."""
    title = f"Compliance ledger report: {_owners_text(summary, query)}"
    period = _period_text(summary, query)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)} ({_e(period)})</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="period">Period: {_e(period)}</p>',
        f'<p class="note">{_e(LEDGER_NOTE)}</p>',
        "</header>",
        '<section id="filters">',
        "<h2>Filters</h2>",
        _table(("Filter", "Value"), _filter_rows(query)),
        "</section>",
    ]
    if summary.records == 0:
        parts.append(f'<p class="empty" id="no-records">{_e(NO_RECORDS)}</p>')
    else:
        parts += _body(summary)
    parts += [
        "<footer>",
        f"<p>Generated {_e(_when(generated_at))} by leadgate. Times are UTC.</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# -- text ------------------------------------------------------------------------


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _when(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _owners_text(summary: AuditSummary, query: AuditQuery) -> str:
    if query.owner is not None:
        return query.owner
    owners = sorted(summary.by_owner)
    if not owners:
        return "all clients"
    shown = ", ".join(owners[:_MAX_OWNERS_IN_TITLE])
    more = len(owners) - _MAX_OWNERS_IN_TITLE
    return f"{shown} and {more} more" if more > 0 else shown


def _period_text(summary: AuditSummary, query: AuditQuery) -> str:
    """The filter's bounds where given, else the data's; ``until`` is exclusive."""
    start = query.since or summary.first_received
    if query.until is not None:
        end = f"before {_when(query.until)}"
    elif summary.last_received is not None:
        end = _when(summary.last_received)
    else:
        end = "now"
    return f"{_when(start)} to {end}" if start is not None else f"up to {end}"


def _filter_rows(query: AuditQuery) -> list[tuple[str, str]]:
    def shown(value: str | None) -> str:
        return "any" if value is None else value

    return [
        ("Client (owner)", shown(query.owner)),
        ("Received at or after", shown(iso_utc(query.since))),
        ("Received before", shown(iso_utc(query.until))),
        ("Data or sensitive category", shown(query.category)),
        ("Entity type", shown(query.entity_type)),
        ("Deleted and expired records", "included" if query.include_tombstones else "excluded"),
    ]


def _table(
    header: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()
) -> str:
    """An HTML table; columns at ``numeric`` positions are right-aligned."""
    lines = ["<table>", "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in header) + "</tr>"]
    lines.append("</thead><tbody>")
    count = 0
    for row in rows:
        cells = "".join(
            f'<td class="num">{_e(cell)}</td>' if i in numeric else f"<td>{_e(cell)}</td>"
            for i, cell in enumerate(row)
        )
        lines.append(f"<tr>{cells}</tr>")
        count += 1
    if not count:
        lines.append(f'<tr><td colspan="{len(header)}">none</td></tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _counts_table(header: tuple[str, str], counts: Counter[str], empty_label: str = "") -> str:
    rows = [(key or empty_label or "(none)", value) for key, value in _ranked(counts)]
    return _table(header, rows, numeric=(1,))


def _ranked(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Largest first, then by name; tombstone buckets ("(deleted)"...) always last."""
    tombstones = set(TOMBSTONE_LABELS.values())
    return sorted(counts.items(), key=lambda item: (item[0] in tombstones, -item[1], item[0]))


# -- body ------------------------------------------------------------------------


def _body(summary: AuditSummary) -> list[str]:
    deleted = summary.by_status.get(EntryState.DELETED, 0)
    expired = summary.by_status.get(EntryState.EXPIRED, 0)
    figures = [
        ("Records", summary.records, "ledger entries, one per pass of a record"),
        ("Sensitive findings", summary.sensitive_findings, "in live records"),
        ("Findings redacted", summary.removed, "not passed on as received"),
        ("Deleted", deleted, "on a consumer's request (tombstones)"),
        ("Expired", expired, "past their retention (tombstones)"),
        ("Children's data", summary.child_data_records, "records flagged"),
    ]
    parts = ['<section id="key-figures">', "<h2>Key figures</h2>", '<div class="figures">']
    for label, value, hint in figures:
        parts.append(
            f'<div class="figure"><div class="label">{_e(label)}</div>'
            f'<div class="value">{_e(f"{value:,}")}</div>'
            f'<div class="hint">{_e(hint)}</div></div>'
        )
    parts += [
        "</div>",
        "<h3>Delivery status</h3>",
        _counts_table(("Delivery status", "Records"), summary.by_delivery_status),
        "<h3>Record status</h3>",
        _counts_table(("Status", "Records"), summary.by_status),
        "</section>",
        '<section id="charts">',
        "<h2>Over time</h2>",
        _records_chart(summary),
        _sensitive_over_time_chart(summary),
        "<h2>Sensitive categories</h2>",
        _sensitive_totals_chart(summary),
        _counts_table(("Sensitive category", "Findings"), summary.sensitive_by_category),
        "</section>",
        '<section id="entity-types">',
        "<h2>Findings by entity type</h2>",
        _table(
            ("Entity type", "Category", "Findings"),
            [
                (entity, _entity_category(entity), count)
                for entity, count in _ranked(summary.findings_by_entity)
            ],
            numeric=(2,),
        ),
        "</section>",
        '<section id="legal">',
        "<h2>Legal terms and jurisdictions</h2>",
        _counts_table(("Role", "Records"), summary.by_role),
        _counts_table(("Legal term", "Records"), summary.by_legal_term),
        _counts_table(("Jurisdiction", "Records"), summary.by_jurisdiction),
        "</section>",
        '<section id="processing">',
        "<h2>Processing</h2>",
        _counts_table(("Data category", "Records"), summary.by_data_category),
        _counts_table(("Record kind", "Records"), summary.by_kind),
        _counts_table(("Door", "Records"), summary.by_door),
        _counts_table(("Policy", "Records"), summary.by_policy),
        _counts_table(("Engine version", "Records"), summary.by_engine_version),
        "</section>",
        '<section id="daily">',
        "<h2>Daily figures</h2>",
        _daily_table(summary),
        "</section>",
    ]
    return parts


def _entity_category(entity: str) -> str:
    spec = CATALOGUE.get(entity)
    return spec.category if spec is not None else "(unknown)"


def _days(summary: AuditSummary) -> list[date]:
    """Every UTC day from the first receipt to the last, gaps included."""
    if summary.first_received is None or summary.last_received is None:
        return []
    first, last = summary.first_received.date(), summary.last_received.date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _daily_table(summary: AuditSummary) -> str:
    """The charts' numbers as text, for readers who cannot see images."""
    rows = []
    for day in sorted(summary.records_per_day):
        records = summary.records_per_day[day]
        sensitive = summary.sensitive_per_day.get(day, Counter())
        rows.append(
            (
                day.isoformat(),
                sum(records.values()),
                _counts_text(records),
                sum(sensitive.values()),
                _counts_text(sensitive),
            )
        )
    header = ("Day (UTC)", "Records", "By data category", "Sensitive findings", "By category")
    return "<details><summary>Per day</summary>\n" + _table(header, rows, (1, 3)) + "\n</details>"


def _counts_text(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in _ranked(counts)) or "-"


# -- charts ----------------------------------------------------------------------


def _label(text: str) -> str:
    """Matplotlib reads '$' as maths and hides legend labels starting with '_'."""
    text = text.replace("$", r"\$")
    return " " + text if text.startswith("_") else text


def _series_order(per_day: Mapping[date, Counter[str]]) -> list[str]:
    """Biggest series first (at the bottom of the stack); tombstones on top."""
    totals: Counter[str] = Counter()
    for counts in per_day.values():
        totals.update(counts)
    return [name for name, _ in _ranked(totals)]


def _stacked_by_day(
    per_day: Mapping[date, Counter[str]], days: Sequence[date], ylabel: str
) -> Figure:
    """Per-day stacked bars (stacked areas over long periods), one series per key."""
    figure = Figure(figsize=_FIGSIZE, dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    xs = list(range(len(days)))
    names = _series_order(per_day)
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
    return figure


def _palette(count: int) -> list[tuple[float, float, float, float]]:
    cmap = colormaps["tab10" if count <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(count)]


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI)
    figure.clear()
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure_html(figure: Figure, alt: str, caption: str, chart_id: str) -> str:
    return (
        f'<figure id="{_e(chart_id)}">'
        f'<img src="data:image/png;base64,{_png(figure)}" alt="{_e(alt)}">'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


def _span(days: Sequence[date]) -> str:
    return days[0].isoformat() if len(days) == 1 else f"{days[0]} to {days[-1]}"


def _records_chart(summary: AuditSummary) -> str:
    days = _days(summary)
    figure = _stacked_by_day(summary.records_per_day, days, "records")
    totals: Counter[str] = Counter()
    for counts in summary.records_per_day.values():
        totals.update(counts)
    alt = (
        f"Stacked bar chart of records received per day (UTC) by data category, {_span(days)}:"
        f" {_counts_text(totals)}."
    )
    caption = "Records per day by data category; deleted and expired ones have lost theirs."
    return _figure_html(figure, alt, caption, "chart-records")


def _sensitive_over_time_chart(summary: AuditSummary) -> str:
    if not summary.sensitive_per_day:
        return '<p id="chart-sensitive-days">No sensitive findings in this period.</p>'
    days = _days(summary)
    figure = _stacked_by_day(summary.sensitive_per_day, days, "sensitive findings")
    alt = (
        f"Stacked bar chart of sensitive findings per day (UTC) by category, {_span(days)}:"
        f" {_counts_text(summary.sensitive_by_category)}."
    )
    return _figure_html(
        figure, alt, "Sensitive findings per day by category.", "chart-sensitive-days"
    )


def _sensitive_totals_chart(summary: AuditSummary) -> str:
    if not summary.sensitive_by_category:
        return '<p id="chart-sensitive-totals">No sensitive findings in this period.</p>'
    ranked = _ranked(summary.sensitive_by_category)[::-1]  # largest at the top
    height = max(2.0, 0.8 + 0.35 * len(ranked))
    figure = Figure(figsize=(_FIGSIZE[0], height), dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    names = [_label(name) for name, _ in ranked]
    values = [value for _, value in ranked]
    bars = axes.barh(names, values, color=_palette(1)[0])
    axes.bar_label(bars, padding=3)
    axes.set_xlabel("sensitive findings")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(x=0.1)
    axes.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    alt = (
        "Horizontal bar chart of sensitive findings by category: "
        f"{_counts_text(summary.sensitive_by_category)}."
    )
    return _figure_html(figure, alt, "Sensitive findings by category.", "chart-sensitive-totals")
