"""`leadgate audit --html`: the page is parsed back, its charts decoded and looked at."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from gateway.custody.entry import LedgerEntry
from gateway.custody.store.protocol import AuditQuery
from gateway.reports.audit import summarize
from gateway.reports.html import LEDGER_NOTE, NO_RECORDS, write_html_report
from tests.gateway.reports.test_audit import (
    CALLS,
    CLOSED_AT,
    ENTRIES,
    Ledger,
    at,
    make_entry,
    populate,
)

GENERATED = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
VOID = frozenset({"meta", "img", "br", "hr", "link", "input", "col", "wbr"})


class Page(HTMLParser):
    """What a reader of the page sees: sections, tables, figures, images; and any bad nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.images: list[dict[str, str]] = []
        self.texts: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.figures: dict[str, str] = {}  # key figure label -> value
        self.stack: list[str] = []
        self._cell: list[str] | None = None
        self._figure: list[str] | None = None
        self._figure_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        if "id" in values:
            self.ids.append(values["id"])
        if tag == "img":
            self.images.append(values)
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "div" and values.get("class") == "figure":
            self._figure, self._figure_depth = [], len(self.stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        if self._figure is not None and len(self.stack) == self._figure_depth:
            label, value, *_ = self._figure
            self.figures[label] = value
            self._figure = None
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._figure is not None and data.strip():
            self._figure.append(data.strip())

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def rows(self) -> set[tuple[str, ...]]:
        return {tuple(row) for table in self.tables for row in table}

    def table(self, *header: str) -> list[tuple[str, ...]]:
        """The body rows of the one table with this header."""
        (found,) = [table for table in self.tables if tuple(table[0]) == header]
        return [tuple(row) for row in found[1:]]


def render(ledger: Ledger, query: AuditQuery, path: Path) -> tuple[str, Page]:
    summary = summarize(ledger.store.query(query))
    write_html_report(summary, query, path, GENERATED)
    html = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    page.close()
    assert page.errors == [] and page.stack == [], "the page is not well formed"
    assert html.startswith("<!DOCTYPE html>")
    return html, page


def decode_png(image: dict[str, str]) -> np.ndarray:
    prefix = "data:image/png;base64,"
    assert image["src"].startswith(prefix)
    data = base64.b64decode(image["src"][len(prefix) :], validate=True)
    assert data.startswith(PNG_SIGNATURE)
    pixels: np.ndarray = imread(io.BytesIO(data), format="png")
    return pixels


def assert_drawn(pixels: np.ndarray) -> None:
    """Not a blank canvas: several colours, and a fair share of non-white pixels."""
    rgb = pixels[..., :3].reshape(-1, 3)
    assert len(np.unique(rgb, axis=0)) > 20
    assert (rgb < 0.95).any(axis=1).mean() > 0.02


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = populate(tmp_path / "ledger.sqlite3")
    yield ledger
    ledger.store.close()


def test_when_ledger_has_records_then_page_has_every_section(
    ledger: Ledger, tmp_path: Path
) -> None:
    html, page = render(ledger, AuditQuery(), tmp_path / "report.html")
    for section in ("filters", "key-figures", "charts", "entity-types", "legal", "daily"):
        assert section in page.ids
    title = "Compliance ledger report: acme, globex"
    assert title in page.text
    assert "Period: 2026-03-01 09:00 UTC to 2026-03-04 12:00 UTC" in page.text
    assert LEDGER_NOTE in page.text and "never the values" in page.text
    assert "Generated 2026-04-01 12:00 UTC" in page.text
    assert NO_RECORDS not in page.text
    assert not {"script", "link", "iframe"} & set(page.tags)
    assert "http://" not in html and "https://" not in html  # nothing fetched: offline


def test_when_ledger_has_records_then_key_figures_match_the_ledger(
    ledger: Ledger, tmp_path: Path
) -> None:
    _, page = render(ledger, AuditQuery(), tmp_path / "report.html")
    assert page.figures == {
        "Records": "7",
        "Sensitive findings": "8",
        "Findings redacted": "9",
        "Values captured while recording": "2",
        "Deleted": "1",
        "Expired": "1",
        "Children's data": "1",
    }
    rows = page.rows()
    for expected in [
        ("queued", "1"),
        ("written", "2"),
        ("delivered", "1"),
        ("returned", "1"),
        ("US_SSN", "GOVERNMENT_ID", "3"),
        ("CREDIT_CARD", "FINANCIAL_ACCOUNT", "2"),
        ("PERSON", "IDENTIFIERS", "1"),
        ("CCPA: service provider", "2"),
        ("CCPA: business", "1"),
        ("VCDPA: processor", "1"),
        ("US-CA", "3"),
        ("US-VA", "1"),
        ("GOVERNMENT_ID", "3"),
        ("2026-03-01", "3", "DATA_ENHANCEMENT 1, LEAD_DATA 1, (expired) 1", "5"),
        ("Client (owner)", "any"),
        ("Deleted and expired records", "included"),
    ]:
        assert any(row[: len(expected)] == expected for row in rows), expected


def test_when_ledger_has_records_then_three_charts_decode_and_are_drawn(
    ledger: Ledger, tmp_path: Path
) -> None:
    _, page = render(ledger, AuditQuery(), tmp_path / "report.html")
    assert [image["alt"][:30] for image in page.images] == [
        "Stacked bar chart of records r",
        "Stacked bar chart of sensitive",
        "Horizontal bar chart of sensit",
    ]
    assert "GOVERNMENT_ID 3" in page.images[2]["alt"]
    sizes = []
    for image in page.images:
        pixels = decode_png(image)
        assert_drawn(pixels)
        sizes.append(pixels.shape)
    assert sizes[0] == sizes[1] == (360, 900, 4)
    assert sizes[2][1] == 900 and sizes[2][0] > 100


def test_when_filtered_then_filters_and_period_are_shown(ledger: Ledger, tmp_path: Path) -> None:
    query = AuditQuery(owner="acme", since=at(1), until=at(5), entity_type="US_SSN")
    _, page = render(ledger, query, tmp_path / "report.html")
    assert "Compliance ledger report: acme" in page.text and "globex" not in page.text
    assert "Period: 2026-03-01 00:00 UTC to before 2026-03-05 00:00 UTC" in page.text
    rows = page.rows()
    for expected in [
        ("Client (owner)", "acme"),
        ("Received at or after", "2026-03-01T00:00:00+00:00"),
        ("Received before", "2026-03-05T00:00:00+00:00"),
        ("Data or sensitive category", "any"),
        ("Entity type", "US_SSN"),
    ]:
        assert expected in rows
    assert page.figures["Records"] == "1"  # L1; L3 lost its findings when deleted


def test_when_nothing_matches_then_page_says_so_without_charts(
    ledger: Ledger, tmp_path: Path
) -> None:
    _, page = render(ledger, AuditQuery(owner="initech"), tmp_path / "report.html")
    assert NO_RECORDS in page.text and "no-records" in page.ids
    assert page.images == [] and "img" not in page.tags
    assert "Compliance ledger report: initech" in page.text
    assert LEDGER_NOTE in page.text and ("Client (owner)", "initech") in page.rows()


def test_when_ledger_is_empty_then_page_says_so(tmp_path: Path) -> None:
    ledger = populate(tmp_path / "ledger.sqlite3", ())
    _, page = render(ledger, AuditQuery(), tmp_path / "report.html")
    assert NO_RECORDS in page.text and page.images == []
    assert "Compliance ledger report: all clients" in page.text
    ledger.store.close()


LONG = tuple(
    make_entry(f"L{n}", received_at=at(1) + timedelta(days=2 * n), sensitive={"HEALTH": 1 + n % 3})
    for n in range(100)
)


@pytest.mark.parametrize(
    ("entries", "images", "messages"),
    [
        pytest.param(ENTRIES[:2], 3, 0, id="one-day"),
        pytest.param(ENTRIES[4:5], 1, 2, id="one-day-nothing-sensitive"),
        pytest.param(LONG, 3, 0, id="200-days-as-areas"),
    ],
)
def test_when_data_is_small_or_long_then_charts_still_drawn(
    tmp_path: Path, entries: tuple[LedgerEntry, ...], images: int, messages: int
) -> None:
    ledger = populate(tmp_path / "ledger.sqlite3", entries)
    _, page = render(ledger, AuditQuery(), tmp_path / "report.html")
    assert len(page.images) == images
    assert page.text.count("No sensitive findings in this period.") == messages
    for image in page.images:
        assert image["alt"]
        assert_drawn(decode_png(image))
    ledger.store.close()


HOSTILE_OWNER = "<script>alert('owner')</script>"
HOSTILE_ENTITY = '<img src=x onerror="alert(1)">'
HOSTILE_CATEGORY = "<b>$\\notacommand{$</b> & _HIDDEN"


def test_when_strings_hold_markup_then_escaped_and_shown_as_text(tmp_path: Path) -> None:
    entry = make_entry(
        "<script>alert('record')</script>",
        owner=HOSTILE_OWNER,
        findings={HOSTILE_ENTITY: 2},
        removed=2,
        sensitive={HOSTILE_CATEGORY: 2},
        legal_terms=("<i>LAW</i>: term",),
    )
    ledger = populate(tmp_path / "ledger.sqlite3", (entry,))
    query = AuditQuery(entity_type=HOSTILE_ENTITY)
    html, page = render(ledger, query, tmp_path / "report.html")
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert all(set(image) == {"src", "alt"} for image in page.images)
    assert "&lt;script&gt;" in html
    assert not {"script", "b", "i"} & set(page.tags)
    assert len(page.images) == 3  # "$...$" and a leading "_" do not break the charts
    assert f"Compliance ledger report: {HOSTILE_OWNER}" in page.text
    assert ("Entity type", HOSTILE_ENTITY) in page.rows()
    assert (HOSTILE_ENTITY, "(unknown)", "2") in page.rows()
    assert (HOSTILE_CATEGORY, "2") in page.rows()
    assert ("<i>LAW</i>: term", "1") in page.rows()
    assert HOSTILE_CATEGORY in page.images[2]["alt"]
    ledger.store.close()


CAPTURED_BY_CLIENT = ("Client (owner)", "Findings captured while recording")


@pytest.mark.parametrize(
    ("query", "total", "by_client"),
    [
        (AuditQuery(), "6", [("acme", "3"), ("globex", "3")]),
        (AuditQuery(owner="globex"), "3", [("globex", "3")]),
        (AuditQuery(until=at(2)), "2", [("acme", "2"), ("globex", "0")]),
    ],
)
def test_when_calls_were_recorded_then_card_data_captured_is_shown_in_total_and_per_client(
    tmp_path: Path, query: AuditQuery, total: str, by_client: list[tuple[str, str]]
) -> None:
    ledger = populate(tmp_path / "ledger.sqlite3", CALLS)
    try:
        ledger.store.tombstone([ledger.ids["G-C3"]], CLOSED_AT)  # its count is gone with it
        _, page = render(ledger, query, tmp_path / "report.html")
    finally:
        ledger.store.close()
    assert page.figures["Values captured while recording"] == total
    assert "Values captured while recording, by client" in page.text
    assert page.table(*CAPTURED_BY_CLIENT) == by_client
