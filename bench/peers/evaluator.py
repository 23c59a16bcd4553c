"""Yardstick 2: presidio-evaluator's synthetic sentences, typed and spoken, stock vs leadgate.

    .venv/bin/python bench/peers/evaluator.py [--typed PATH] [--spoken PATH] [--json OUT]

A report, not a test: it always exits 0.

Data
====
``bench/peers/evaluator_typed.jsonl``: 1,500 sentences from presidio-evaluator's
``PresidioSentenceFaker`` with labelled spans; ``evaluator_spoken.jsonl``: the same
sentences with each sensitive value written the way a speech recognizer writes
it ("five three six", "thirty seven", "oh", "double five", "uh"). Both made by
bench/peers/generate_evaluator.py (see bench/peers/README.md).

Engines (bench/peers/engines.py)
================================
``stock Presidio``   default analyzer (all entities) + default anonymizer, on the
                     text as it is (the spoken text too: no rewriting back).
``leadgate notes``   the text as the free-text lead field ``notes`` (typed set).
``leadgate segment`` the text as one customer segment of a transcript (both sets).

Scores
======
Sensitive types: % of values REMOVED. A value leaked when it survives in the
engine's output text, by bench/eval.py's rules:
    US_SSN, US_ITIN, CREDIT_CARD, US_BANK_NUMBER, ABA_ROUTING_NUMBER, IBAN_CODE:
        any run of 4 consecutive digits of the value (``normalize_digits`` of
        the span, typed or spoken) occurs in ``normalize_digits`` of the output;
    DATE_OF_BIRTH, DATE_TIME: all of the value's digits, consecutive;
    US_DRIVER_LICENSE, US_PASSPORT: typed, the value's letters and digits occur
        in the output's letters and digits (``chars_survive``); spoken, all of
        its digits as for dates (spoken letters are ambiguous words).
Contact types (the dialer needs them): % KEPT, i.e. the value's text occurs in
the output at least as often as in the input (case-sensitive). GPE is scored as
LOCATION. Other labelled types (ORGANIZATION, TITLE, NRP, AGE, ...) are not
scored.

A refused text (``RedactionError``) leaks nothing and keeps nothing.
The scope column says what leadgate's catalogue does with the type.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent.parent))

from bench.eval import chars_survive, digits_survive, normalize_digits  # noqa: E402
from bench.peers.engines import (  # noqa: E402
    Leadgate,
    Result,
    StockPresidio,
    clip,
    leadgate_scope,
    pct,
    read_jsonl,
    table,
)

DEFAULT_TYPED = HERE / "evaluator_typed.jsonl"
DEFAULT_SPOKEN = HERE / "evaluator_spoken.jsonl"
LABELS = {"stock": "stock Presidio", "notes": "leadgate notes", "segment": "leadgate segment"}

RUN4_TYPES = frozenset(
    {"US_SSN", "US_ITIN", "CREDIT_CARD", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "IBAN_CODE"}
)
ALL_DIGIT_TYPES = frozenset({"DATE_OF_BIRTH", "DATE_TIME"})
ID_TYPES = frozenset({"US_DRIVER_LICENSE", "US_PASSPORT"})
SENSITIVE = (
    "CREDIT_CARD", "US_SSN", "IBAN_CODE", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER",
    "US_DRIVER_LICENSE", "US_PASSPORT", "US_ITIN", "DATE_OF_BIRTH", "DATE_TIME",
)  # fmt: skip
CONTACT = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "LOCATION", "ZIP_CODE")
RENAME = {"GPE": "LOCATION"}


def _alnum(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def leaked(entity_type: str, value: str, spoken: bool, output: str) -> bool:
    """Whether a sensitive value survives in ``output`` (rules in the module docstring)."""
    if entity_type in ID_TYPES and not spoken:
        return chars_survive(_alnum(value), [output])
    digits = normalize_digits(value)
    if not digits:
        return chars_survive(_alnum(value), [output])
    run = min(4, len(digits)) if entity_type in RUN4_TYPES else len(digits)
    return digits_survive(digits, [output], run)


def kept(value: str, text: str, output: str) -> bool:
    """Whether a contact value is still there as often as in the input."""
    return output.count(value) >= text.count(value)


@dataclass
class Tally:
    """One type, one engine: values scored, values that passed, and the failures."""

    n: int = 0
    passed: int = 0
    failures: list[str] = field(default_factory=list)  # sentence ids


@dataclass
class SetScore:
    """Every engine's tallies on one sentence set."""

    name: str
    engines: tuple[str, ...]
    rows: int = 0
    scan_s: float = 0.0
    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)
    templates: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    texts: dict[str, str] = field(default_factory=dict)

    def tally(self, entity_type: str, engine: str) -> Tally:
        """The tally of one type and engine (created on first use)."""
        return self.tallies.setdefault(entity_type, {}).setdefault(engine, Tally())


def score_set(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    engines: Mapping[str, Callable[[str], Result]],
) -> SetScore:
    """Run every engine on every sentence of one set and tally the spans."""
    score = SetScore(name, tuple(engines))
    score.rows = len(rows)
    began = time.perf_counter()
    for row in rows:
        text = str(row["text"])
        score.texts[str(row["id"])] = text
        outputs = {engine: run(text) for engine, run in engines.items()}
        for span in row["spans"]:
            entity = RENAME.get(span["type"], span["type"])
            if entity not in SENSITIVE and entity not in CONTACT:
                continue
            score.templates[entity].add(str(row["template"]).split(":", 1)[0])
            value = text[span["start"] : span["end"]]
            for engine, result in outputs.items():
                tally = score.tally(entity, engine)
                tally.n += 1
                if entity in SENSITIVE:
                    ok = result.refused or not leaked(
                        entity, value, bool(span.get("spoken")), result.output
                    )
                else:
                    ok = not result.refused and kept(value, text, result.output)
                tally.passed += ok
                if not ok:
                    tally.failures.append(str(row["id"]))
    score.scan_s = time.perf_counter() - began
    return score


def set_lines(score: SetScore, examples: int) -> list[str]:
    """The two tables of one set, then every type where leadgate is below stock, with examples."""
    header = ["type", "scope", "templates", "n", *(LABELS[e] for e in score.engines)]
    lines = [f"## {score.name}: {score.rows} sentences", "", "Sensitive: % of values removed", ""]

    def row(entity: str) -> list[object]:
        by_engine = score.tallies[entity]
        first = by_engine[score.engines[0]]
        return [
            entity,
            leadgate_scope(entity),
            "+".join(sorted(score.templates[entity])),
            first.n,
            *(pct(by_engine[e].passed, by_engine[e].n) for e in score.engines),
        ]

    lines += table(header, [row(t) for t in SENSITIVE if t in score.tallies])
    lines += ["", "Contact data (must be kept): % of values kept", ""]
    lines += table(header, [row(t) for t in CONTACT if t in score.tallies])
    lines += ["", "leadgate below stock Presidio (examples: stock passed, leadgate failed):"]
    gaps = 0
    for entity in (*SENSITIVE, *CONTACT):
        by_engine = score.tallies.get(entity)
        if not by_engine:
            continue
        stock = by_engine["stock"]
        below = [e for e in score.engines if e != "stock" and by_engine[e].passed < stock.passed]
        if not below:
            continue
        gaps += 1
        counts = ", ".join(f"{LABELS[e]} {by_engine[e].passed}" for e in score.engines)
        lines.append(f"  {entity} (scope: {leadgate_scope(entity)}) of {stock.n}: {counts}")
        stock_failed = set(stock.failures)
        failed: dict[str, list[str]] = {}
        for e in below:
            for sid in by_engine[e].failures:
                if sid not in stock_failed:
                    failed.setdefault(sid, []).append(e)
        for sid, engines in list(failed.items())[:examples]:
            text = clip(repr(score.texts[sid]))
            lines.append(f"    - {sid} {text} failed by {'+'.join(engines)}")
    if not gaps:
        lines.append("  none")
    lines += ["", f"scan {score.scan_s:.1f} s ({score.rows} sentences x {len(score.engines)} runs)"]
    return lines


def to_json(score: SetScore) -> dict[str, Any]:
    """One set's numbers and failing sentence ids."""
    return {
        "rows": score.rows,
        "scan_s": round(score.scan_s, 2),
        "types": {
            t: {
                "scope": leadgate_scope(t),
                "kind": "removed" if t in SENSITIVE else "kept",
                "templates": sorted(score.templates[t]),
                **{
                    e: {"n": v.n, "passed": v.passed, "failures": v.failures}
                    for e, v in by_engine.items()
                },
            }
            for t, by_engine in score.tallies.items()
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Score both sets, print the tables, write ``--json``; always 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--typed", type=Path, default=DEFAULT_TYPED)
    parser.add_argument("--spoken", type=Path, default=DEFAULT_SPOKEN)
    parser.add_argument("--json", type=Path, help="write every number and failing id here")
    parser.add_argument("--examples", type=int, default=5, help="examples per gap")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    stock = StockPresidio()
    leadgate = Leadgate()
    load_s = time.perf_counter() - began

    typed = score_set(
        "typed",
        read_jsonl(args.typed),
        {"stock": stock.run, "notes": leadgate.as_notes, "segment": leadgate.as_segment},
    )
    spoken = score_set(
        "spoken",
        read_jsonl(args.spoken),
        {"stock": stock.run, "segment": leadgate.as_segment},
    )
    lines = [
        "presidio-evaluator synthetic sentences: stock Presidio vs leadgate",
        "",
        *set_lines(typed, args.examples),
        "",
        *set_lines(spoken, args.examples),
        "",
        f"load {load_s:.1f} s",
    ]
    print("\n".join(lines))
    if args.json:
        report = {"load_s": round(load_s, 2), "typed": to_json(typed), "spoken": to_json(spoken)}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print(f"JSON -> {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
