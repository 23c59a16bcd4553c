"""CSV cells a spreadsheet shows as text, never runs: the one rule for every CSV we write.

Ids and owners come from clients. Excel, LibreOffice and Google Sheets run a
cell that starts with ``=``, ``+``, ``-`` or ``@`` (and one that starts with a
tab or carriage return before such a character) as a formula, which can read
other cells or reach the network when an operator opens the export. OWASP's
rule for CSV injection: prefix such a cell with a single quote, which the
spreadsheet shows as text and hides. Write with CRLF line ends (RFC
4180): Python's ``csv`` quotes a cell holding a line-end character only when
that character is in its ``lineterminator``, and an unquoted carriage return
would start a new row in the reader.
"""

from __future__ import annotations

__all__ = ["FORMULA_TRIGGERS", "LINE_END", "spreadsheet_text"]

# First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
LINE_END = "\r\n"


def spreadsheet_text(cell: str) -> str:
    """``cell``, with a leading ``'`` if a spreadsheet would otherwise run it."""
    return f"'{cell}" if cell.startswith(FORMULA_TRIGGERS) else cell
