"""Yardstick 1: Presidio's own recognizer test sentences, stock Presidio vs leadgate.

    .venv/bin/python bench/peers/sentences.py [--data PATH] [--json OUT] [--examples N]

A report, not a test: it always exits 0.

Data
====
``bench/peers/presidio_sentences.jsonl``: the parametrized rows of Presidio's
``test_*_recognizer.py`` (credit card, SSN, IBAN, bank number, driver license,
passport, ITIN, ABA routing, MBI, date, email, phone, crypto, NHS, certificate
number = medical license (DEA), NPI, health insurance member ID, and the
health-care administrative numbers: prior authorization, claim, prescription,
referral, provider tax ID) with the spans Presidio's own recognizer is expected
to find; a row with no span is a negative (Presidio expects no match). See
bench/peers/README.md for where it comes from.

Engines (bench/peers/engines.py)
================================
``stock Presidio``  the default analyzer plus the US recognizers for sensitive types
                    Presidio ships disabled (ABA routing, MBI, NPI, the health-
                    identifier pack: ``engines.OPT_IN``), restricted to the row's
                    entity type, then the default anonymizer (``replace``).
``leadgate notes``  ``Redactor.redact_lead`` with the text as the lead field ``notes``.
``leadgate segment`` ``Redactor.redact_transcript`` with the text as one customer segment.
leadgate is not restricted to a type: any finding it does not keep counts.

Scores
======
positives  Each expected span is DETECTED when the engine's removal spans (analyzer
           results / findings not KEPT) cover its letters and digits, leaving no
           run of 4 consecutive ones visible (all of them covered when the span
           has fewer than 4). Columns: detected spans / expected spans.
negatives  A row with no expected span is ALTERED when the engine removed anything
           from it. Columns: altered rows / negative rows.

The scope column says what leadgate's catalogue does with the type: ``removes``
(sensitive), ``keeps`` (contact data the dialer needs: a low leadgate score is
by design), ``DOB only`` (leadgate removes dates of birth, not other dates),
``removes (as TYPE)`` (found under a leadgate type of its own: Presidio's member
ID is leadgate's HEALTH_PLAN_ID) or ``not in catalogue``.

tests/redaction/test_presidio_parity.py holds leadgate to these sentences: it
fails when leadgate misses a span stock Presidio finds in a sensitive type.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent.parent))

from bench.peers.engines import (  # noqa: E402  (needs the repository root on sys.path)
    Leadgate,
    Removal,
    Result,
    StockPresidio,
    clip,
    leadgate_scope,
    pct,
    read_jsonl,
    table,
)

DEFAULT_DATA = HERE / "presidio_sentences.jsonl"
ENGINES = ("stock", "notes", "segment")
LABELS = {"stock": "stock Presidio", "notes": "leadgate notes", "segment": "leadgate segment"}
VISIBLE_RUN = 4


def detected(text: str, span: Sequence[int], removals: Sequence[Removal]) -> bool:
    """Whether ``removals`` cover the span's letters and digits (no visible run of 4)."""
    start, end = span
    covered = [False] * len(text)
    for r in removals:
        for i in range(max(r.start, start), min(r.end, end)):
            covered[i] = True
    alnum = [i for i in range(start, end) if text[i].isalnum()]
    limit = VISIBLE_RUN if len(alnum) >= VISIBLE_RUN else 1
    run = 0
    for i in alnum:
        run = 0 if covered[i] else run + 1
        if run >= limit:
            return False
    return True


@dataclass
class Tally:
    """Counts for one entity type and one engine."""

    positives: int = 0
    detected: int = 0
    negatives: int = 0
    altered: int = 0
    refused: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    altered_rows: list[dict[str, Any]] = field(default_factory=list)


def score_row(row: Mapping[str, Any], result: Result, tally: Tally) -> None:
    """Add one row's verdicts for one engine."""
    text = str(row["text"])
    spans = [tuple(s) for s in row["spans"]]
    tally.refused += result.refused
    if not spans:
        tally.negatives += 1
        if result.removals:
            tally.altered += 1
            tally.altered_rows.append(
                {"source": row["source"], "text": text, "found": _found(text, result)}
            )
        return
    for span in spans:
        tally.positives += 1
        if detected(text, span, result.removals):
            tally.detected += 1
        else:
            tally.missed.append(
                {
                    "source": row["source"],
                    "text": text,
                    "span": list(span),
                    "found": _found(text, result),
                }
            )


def _found(text: str, result: Result) -> list[str]:
    return [f"{r.entity_type}[{r.start}:{r.end}]" for r in result.removals]


def run(data: Path) -> dict[str, Any]:
    """Score every row with every engine; the JSON report."""
    rows = read_jsonl(data)
    began = time.perf_counter()
    stock = StockPresidio(opt_in=True)
    leadgate = Leadgate()
    load_s = time.perf_counter() - began

    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: {e: Tally() for e in ENGINES})
    began = time.perf_counter()
    for row in rows:
        text, entity = str(row["text"]), str(row["entity"])
        results = {
            "stock": stock.run(text, [entity]),
            "notes": leadgate.as_notes(text),
            "segment": leadgate.as_segment(text),
        }
        for engine, result in results.items():
            score_row(row, result, tallies[entity][engine])
    scan_s = time.perf_counter() - began

    types = list(dict.fromkeys(str(r["entity"]) for r in rows))
    return {
        "data": str(data),
        "rows": len(rows),
        "load_s": round(load_s, 2),
        "scan_s": round(scan_s, 2),
        "types": {
            t: {
                "scope": leadgate_scope(t),
                **{
                    e: {
                        "positives": tallies[t][e].positives,
                        "detected": tallies[t][e].detected,
                        "negatives": tallies[t][e].negatives,
                        "altered": tallies[t][e].altered,
                        "refused": tallies[t][e].refused,
                        "missed": tallies[t][e].missed,
                        "altered_rows": tallies[t][e].altered_rows,
                    }
                    for e in ENGINES
                },
            }
            for t in types
        },
    }


def report_lines(report: Mapping[str, Any], examples: int) -> list[str]:
    """The markdown report: positives, negatives, then leadgate's gaps with examples."""
    types: Mapping[str, Any] = report["types"]
    lines = [
        f"Presidio recognizer test sentences: {report['rows']} rows ({report['data']})",
        "",
        "Positives: expected spans detected (letters/digits covered, no visible run of 4)",
        "",
    ]
    lines += table(
        ["type", "scope", "n", *(LABELS[e] for e in ENGINES)],
        [
            [t, v["scope"], v["stock"]["positives"]]
            + [pct(v[e]["detected"], v[e]["positives"]) for e in ENGINES]
            for t, v in types.items()
            if v["stock"]["positives"]
        ],
    )
    lines += ["", "Negatives: rows Presidio expects no match in, where something was removed", ""]
    lines += table(
        ["type", "scope", "n", *(LABELS[e] for e in ENGINES)],
        [
            [t, v["scope"], v["stock"]["negatives"]]
            + [pct(v[e]["altered"], v[e]["negatives"]) for e in ENGINES]
            for t, v in types.items()
            if v["stock"]["negatives"]
        ],
    )
    refused = {e: sum(v[e]["refused"] for v in types.values()) for e in ("notes", "segment")}
    if any(refused.values()):
        lines += ["", f"leadgate refused (fail closed): {refused}"]
    lines += ["", "leadgate below stock Presidio on positives (examples: leadgate missed them):"]
    gaps = [
        t
        for t, v in types.items()
        if min(v["notes"]["detected"], v["segment"]["detected"]) < v["stock"]["detected"]
    ]
    if not gaps:
        lines.append("  none")
    for t in gaps:
        v = types[t]
        lines.append(
            f"  {t} (scope: {v['scope']}): of {v['stock']['positives']} spans stock "
            f"{v['stock']['detected']}, notes {v['notes']['detected']}, "
            f"segment {v['segment']['detected']}"
        )
        missed: dict[tuple[str, int], tuple[dict[str, Any], list[str]]] = {}
        for e in ("notes", "segment"):
            for miss in v[e]["missed"]:
                key = (str(miss["source"]), int(miss["span"][0]))
                missed.setdefault(key, (miss, []))[1].append(e)
        for miss, engines in list(missed.values())[:examples]:
            start, end = miss["span"]
            lines.append(
                f"    - {clip(repr(miss['text']))} [{start}:{end}] missed by {'+'.join(engines)}"
            )
    lines += [
        "",
        f"load {report['load_s']} s, scan {report['scan_s']} s "
        f"({report['rows']} rows x 3 engine runs)",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Score, print the tables, write ``--json``; always 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="write the full report (every miss) here")
    parser.add_argument("--examples", type=int, default=5, help="examples per gap")
    args = parser.parse_args(argv)
    report = run(args.data)
    print("\n".join(report_lines(report, args.examples)))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"JSON -> {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
