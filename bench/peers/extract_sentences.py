"""Extract Presidio's recognizer test sentences into ``presidio_sentences.jsonl`` (data only).

    .venv/bin/python bench/peers/extract_sentences.py --git-dir PATH/TO/presidio/.git
    .venv/bin/python bench/peers/extract_sentences.py --git-dir DIR --commit SHA --out FILE

Reads ``presidio-analyzer/tests/test_*_recognizer.py`` from a clone of
microsoft/presidio (MIT license) with ``git show COMMIT:PATH``, parses each file
with :mod:`ast` (nothing of it is imported or run) and writes one JSON line per
parametrized row of the test functions listed in ``TESTS``::

    {"source": "PATH::TEST[i]", "entity": "CREDIT_CARD", "text": "...",
     "spans": [[start, end], ...], "expected_len": n}

``spans`` is empty where Presidio expects no match. The file starts with ``#``
comment lines naming the repository, commit and license; readers skip them.
Only the scoring needs the JSONL; this script is here to regenerate it.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "presidio_sentences.jsonl"
TESTS_DIR = "presidio-analyzer/tests"


@dataclass(frozen=True)
class TestSpec:
    """One parametrized Presidio test: its file stem, function, entity and column names."""

    stem: str
    function: str
    entity: str
    text_arg: str = "text"


# The tests of the types that matter to leadgate (plus a few optional ones), each
# a default-configured recognizer. Left out on purpose: the phone tests with a
# non-default leniency, and the textual-explanation test (same sentences again).
TESTS: tuple[TestSpec, ...] = (
    TestSpec("credit_card", "test_when_all_credit_cards_then_succeed", "CREDIT_CARD"),
    TestSpec("us_ssn", "test_when_snn_in_text_than_all_us_ssns_are_found", "US_SSN"),
    TestSpec("iban", "test_when_all_ibans_then_succeed", "IBAN_CODE", text_arg="iban"),
    TestSpec("us_bank", "test_when_bank_in_text_then_all_us_banks_found", "US_BANK_NUMBER"),
    TestSpec(
        "us_driver_license",
        "test_when_driver_licenes_in_text_then_all_us_driver_licenses_found",
        "US_DRIVER_LICENSE",
    ),
    TestSpec(
        "us_passport", "test_when_passport_in_text_then_all_us_passports_found", "US_PASSPORT"
    ),
    TestSpec("us_itin", "test_when_itin_in_text_then_all_us_itins_found", "US_ITIN"),
    TestSpec("aba_routing", "test_when_aba_routing_numbers_then_succeed", "ABA_ROUTING_NUMBER"),
    TestSpec("us_mbi", "test_when_mbi_in_text_then_all_us_mbis_are_found", "US_MBI"),
    TestSpec("date", "test_when_all_dates_then_succeed", "DATE_TIME"),
    TestSpec("email", "test_when_all_email_addresses_then_succeed", "EMAIL_ADDRESS"),
    TestSpec("phone", "test_when_all_phones_then_succeed", "PHONE_NUMBER"),
    TestSpec("crypto", "test_when_all_cryptos_then_succeed", "CRYPTO"),
    TestSpec("uk_nhs", "test_when_nhs_in_text_then_all_uk_nhses_found", "UK_NHS"),
)

POSITION_ARGS = ("expected_positions", "expected_res")


def git_show(git_dir: Path, commit: str, path: str) -> str:
    """The text of ``path`` at ``commit`` in the repository at ``git_dir``."""
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def resolve(git_dir: Path, commit: str) -> str:
    """The full sha of ``commit``."""
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "rev-parse", commit],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def parametrize_rows(source: str, function: str) -> tuple[list[str], list[ast.expr]]:
    """The argument names and row expressions of ``function``'s ``parametrize`` decorator."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef) or node.name != function:
            continue
        for deco in node.decorator_list:
            if not (isinstance(deco, ast.Call) and ast.unparse(deco.func).endswith("parametrize")):
                continue
            names = ast.literal_eval(deco.args[0])
            if isinstance(names, str):
                names = [n.strip() for n in names.split(",")]
            rows = deco.args[1]
            if not isinstance(rows, ast.List | ast.Tuple):
                raise ValueError(f"{function}: rows are not a literal list")
            return list(names), list(rows.elts)
    raise LookupError(f"no parametrized test {function}")


def rows_of(spec: TestSpec, source: str, path: str) -> tuple[list[dict[str, Any]], int]:
    """The JSON rows of one test, and how many rows were skipped (not plain literals)."""
    names, exprs = parametrize_rows(source, spec.function)
    pos_arg = next(a for a in POSITION_ARGS if a in names)
    out: list[dict[str, Any]] = []
    skipped = 0
    for i, expr in enumerate(exprs):
        try:
            values = ast.literal_eval(expr)
        except ValueError:
            skipped += 1
            continue
        row = dict(zip(names, values, strict=True))
        spans = [[int(s), int(e)] for s, e in row[pos_arg]]
        expected = int(row["expected_len"])
        if expected != len(spans):
            raise ValueError(f"{path}::{spec.function}[{i}]: {expected} expected, spans {spans}")
        if "entities" in row and any(e != spec.entity for e in row["entities"]):
            raise ValueError(f"{path}::{spec.function}[{i}]: entities {row['entities']}")
        out.append(
            {
                "source": f"{path}::{spec.function}[{i}]",
                "entity": spec.entity,
                "text": row[spec.text_arg],
                "spans": spans,
                "expected_len": expected,
            }
        )
    return out, skipped


def main(argv: list[str] | None = None) -> int:
    """Write the JSONL; print a count per entity type."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--git-dir", type=Path, required=True, help="microsoft/presidio git dir")
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    sha = resolve(args.git_dir, args.commit)
    rows: list[dict[str, Any]] = []
    for spec in TESTS:
        path = f"{TESTS_DIR}/test_{spec.stem}_recognizer.py"
        found, skipped = rows_of(spec, git_show(args.git_dir, sha, path), path)
        if skipped:
            print(f"{path}: {skipped} non-literal rows skipped", file=sys.stderr)
        rows.extend(found)

    header = [
        "# Presidio recognizer test sentences: the parametrized rows of",
        f"# presidio-analyzer/tests/test_*_recognizer.py of microsoft/presidio at commit {sha}.",
        "# Copyright (c) Microsoft Corporation; MIT license. Regenerate with",
        "# bench/peers/extract_sentences.py (see bench/peers/README.md). One JSON object a line.",
    ]
    with args.out.open("w", encoding="utf-8") as fh:
        for line in header:
            fh.write(line + "\n")
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = Counter((r["entity"], bool(r["spans"])) for r in rows)
    for entity in dict.fromkeys(r["entity"] for r in rows):
        pos, neg = counts[entity, True], counts[entity, False]
        print(f"{entity:20} positive rows {pos:4}  negative {neg:4}")
    print(f"{len(rows)} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
