"""``leadgate audit --html``: one self-contained page for a client's compliance officer.

Everything is inline (CSS, charts as base64 PNG) so the file can be mailed or
archived and opened offline. The charts need matplotlib, the ``reports`` extra
(``pip install 'leadgate[reports]'``): ``gateway.reports.charts`` is imported only
when a page with records is rendered. Every string that reaches the page goes
through ``html.escape``.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from gateway.custody.status import EntryState
from gateway.custody.store.protocol import AuditQuery
from gateway.reports.audit import AuditSummary, iso_utc
from gateway.reports.html_parts import (
    counts_table,
    counts_text,
    escape_html,
    html_table,
    ranked,
)
from redaction import CATALOGUE

# How to get the charts' library where it is missing.
REPORTS_EXTRA = "pip install 'leadgate[reports]'"

NO_RECORDS = "No records match these filters."
LEDGER_NOTE = (
    "The ledger holds counts, tags and keyed hashes of what passed through the gateway,"
    " never the values themselves: this report shows no consumer's personal information."
)
# What a PCI assessor asks: how often card data reached a call's recording, per client.
CAPTURED_LABEL = "Values captured while recording"
_MAX_OWNERS_IN_TITLE = 5
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


def charts_available() -> bool:
    """Whether matplotlib (the ``reports`` extra) can be imported to draw the charts."""
    try:
        import matplotlib  # noqa: F401  # only its presence is checked here
    except ImportError:
        return False
    return True


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
        f"<title>{escape_html(title)} ({escape_html(period)})</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape_html(title)}</h1>",
        f'<p class="period">Period: {escape_html(period)}</p>',
        f'<p class="note">{escape_html(LEDGER_NOTE)}</p>',
        "</header>",
        '<section id="filters">',
        "<h2>Filters</h2>",
        html_table(("Filter", "Value"), _filter_rows(query)),
        "</section>",
    ]
    if summary.records == 0:
        parts.append(f'<p class="empty" id="no-records">{escape_html(NO_RECORDS)}</p>')
    else:
        parts += _body(summary)
    parts += [
        "<footer>",
        f"<p>Generated {escape_html(_when(generated_at))} by leadgate. Times are UTC.</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# -- header ------------------------------------------------------------------------


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


# -- sections --------------------------------------------------------------------


def _body(summary: AuditSummary) -> list[str]:
    from gateway.reports.charts import charts_section  # matplotlib: only for a page with records

    return [
        *_key_figures_section(summary),
        *charts_section(summary),
        *_entity_types_section(summary),
        *_legal_section(summary),
        *_processing_section(summary),
        '<section id="daily">',
        "<h2>Daily figures</h2>",
        _daily_table(summary),
        "</section>",
    ]


def _key_figures_section(summary: AuditSummary) -> list[str]:
    figures = [
        ("Records", summary.records, "ledger entries, one per pass of a record"),
        ("Sensitive findings", summary.sensitive_findings, "in live records"),
        ("Findings redacted", summary.removed, "not passed on as received"),
        (
            CAPTURED_LABEL,
            summary.captured_while_recording,
            "card, bank, SSN or secret values said while a call's recording ran",
        ),
        (
            "Deleted",
            summary.by_status.get(EntryState.DELETED, 0),
            "on a consumer's request (tombstones)",
        ),
        (
            "Expired",
            summary.by_status.get(EntryState.EXPIRED, 0),
            "past their retention (tombstones)",
        ),
        ("Children's data", summary.child_data_records, "records flagged"),
    ]
    parts = ['<section id="key-figures">', "<h2>Key figures</h2>", '<div class="figures">']
    for label, value, hint in figures:
        parts.append(
            f'<div class="figure"><div class="label">{escape_html(label)}</div>'
            f'<div class="value">{escape_html(f"{value:,}")}</div>'
            f'<div class="hint">{escape_html(hint)}</div></div>'
        )
    return [
        *parts,
        "</div>",
        f"<h3>{escape_html(CAPTURED_LABEL)}, by client</h3>",
        counts_table(
            ("Client (owner)", "Findings captured while recording"),
            summary.captured_while_recording_by_owner,
        ),
        "<h3>Delivery status</h3>",
        counts_table(("Delivery status", "Records"), summary.by_delivery_status),
        "<h3>Record status</h3>",
        counts_table(("Status", "Records"), summary.by_status),
        "</section>",
    ]


def _entity_types_section(summary: AuditSummary) -> list[str]:
    rows = [
        (entity, _entity_category(entity), count)
        for entity, count in ranked(summary.findings_by_entity)
    ]
    return [
        '<section id="entity-types">',
        "<h2>Findings by entity type</h2>",
        html_table(("Entity type", "Category", "Findings"), rows, numeric=(2,)),
        "</section>",
    ]


def _legal_section(summary: AuditSummary) -> list[str]:
    return [
        '<section id="legal">',
        "<h2>Legal terms and jurisdictions</h2>",
        counts_table(("Role", "Records"), summary.by_role),
        counts_table(("Legal term", "Records"), summary.by_legal_term),
        counts_table(("Jurisdiction", "Records"), summary.by_jurisdiction),
        "</section>",
    ]


def _processing_section(summary: AuditSummary) -> list[str]:
    return [
        '<section id="processing">',
        "<h2>Processing</h2>",
        counts_table(("Data category", "Records"), summary.by_data_category),
        counts_table(("Record kind", "Records"), summary.by_kind),
        counts_table(("Door", "Records"), summary.by_door),
        counts_table(("Policy", "Records"), summary.by_policy),
        counts_table(("Engine version", "Records"), summary.by_engine_version),
        "</section>",
    ]


def _entity_category(entity: str) -> str:
    spec = CATALOGUE.get(entity)
    return spec.category if spec is not None else "(unknown)"


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
                counts_text(records),
                sum(sensitive.values()),
                counts_text(sensitive),
            )
        )
    header = ("Day (UTC)", "Records", "By data category", "Sensitive findings", "By category")
    return (
        "<details><summary>Per day</summary>\n" + html_table(header, rows, (1, 3)) + "\n</details>"
    )
