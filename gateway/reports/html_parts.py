"""The HTML report's building blocks: escaping, tables, counts in order, the days covered.

Shared by the page (``gateway.reports.html``) and its charts (``gateway.reports.charts``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from html import escape

from gateway.reports.audit import TOMBSTONE_LABELS, AuditSummary


def escape_html(value: object) -> str:
    """``value`` as text safe in an element or a quoted attribute."""
    return escape(str(value), quote=True)


def html_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()
) -> str:
    """An HTML table; columns at ``numeric`` positions are right-aligned."""
    lines = [
        "<table>",
        "<thead><tr>" + "".join(f"<th>{escape_html(h)}</th>" for h in header) + "</tr>",
    ]
    lines.append("</thead><tbody>")
    count = 0
    for row in rows:
        cells = "".join(
            f'<td class="num">{escape_html(cell)}</td>'
            if i in numeric
            else f"<td>{escape_html(cell)}</td>"
            for i, cell in enumerate(row)
        )
        lines.append(f"<tr>{cells}</tr>")
        count += 1
    if not count:
        lines.append(f'<tr><td colspan="{len(header)}">none</td></tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)


def counts_table(header: tuple[str, str], counts: Counter[str], empty_label: str = "") -> str:
    rows = [(key or empty_label or "(none)", value) for key, value in ranked(counts)]
    return html_table(header, rows, numeric=(1,))


def ranked(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Largest first, then by name; tombstone buckets ("(deleted)"...) always last."""
    tombstones = set(TOMBSTONE_LABELS.values())
    return sorted(counts.items(), key=lambda item: (item[0] in tombstones, -item[1], item[0]))


def days_covered(summary: AuditSummary) -> list[date]:
    """Every UTC day from the first receipt to the last, gaps included."""
    if summary.first_received is None or summary.last_received is None:
        return []
    first, last = summary.first_received.date(), summary.last_received.date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def counts_text(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in ranked(counts)) or "-"
