"""Extract Presidio's recognizer test sentences into ``presidio_sentences.jsonl`` (data only).

    .venv/bin/python bench/peers/extract_sentences.py --git-dir PATH/TO/presidio/.git
    .venv/bin/python bench/peers/extract_sentences.py --git-dir DIR --commit SHA --out FILE
    .venv/bin/python bench/peers/extract_sentences.py --git-dir DIR --pinned-dir CHECKOUT

Reads ``presidio-analyzer/tests/test_*_recognizer*.py`` from a clone of
microsoft/presidio (now data-privacy-stack/presidio; MIT license) with
``git show COMMIT:PATH``, parses each file with :mod:`ast` (nothing of it is
imported or run) and writes one JSON line per parametrized row of the test
functions listed in ``TESTS``::

    {"source": "PATH::TEST[i]", "entity": "CREDIT_CARD", "text": "...",
     "spans": [[start, end], ...], "expected_len": n}

``spans`` is empty where Presidio expects no match. A row's positions come
from its ``expected_positions``/``expected_res`` column, or are found in the
text from its ``expected_value``/``expected_values`` column; a test with none
(``negative``) holds only negatives. The entity is the spec's, or the row's
``entity`` column; a non-literal column (a recognizer instance) is ignored.

Most tests are read at ``--commit``; a test pinned to another commit (``PINNED``:
the US health-identifier pack, newer than the snapshot fetched here) is read
at its own commit from the same clone, or from ``--pinned-dir``, a checkout of
that commit (or a directory holding those files as of it). The file starts with
``#`` comment lines naming the repository, commits and license; readers skip
them. Only the scoring needs the JSONL; this script is here to regenerate it.
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
_MEMBER_ID = "US_HEALTH_INSURANCE_MEMBER_ID"


# The US health-identifier pack (member ID; prior authorization, claim, prescription,
# referral numbers; provider tax ID) is in presidio-analyzer 2.2.366 (installed here) but
# not yet at the snapshot read at --commit (2.2.363); its tests are read at this later
# commit. Only their rows are used: at that commit the pack's recognizers also carry
# score thresholds (0.4, 0.6) that 2.2.366 lacks, which its negatives rely on.
PINNED = "8ed30dec6b7754b3e9afc6c0618856be0f9cec70"


@dataclass(frozen=True)
class TestSpec:
    """One parametrized Presidio test: its file, function, entity and column names.

    ``entity`` None: the row's ``entity`` column names it. ``negative``: the test's
    rows expect no match (they have no positions). ``commit``: read at this commit
    instead of ``--commit``. ``path``: the file, when not ``test_{stem}_recognizer.py``.
    """

    stem: str
    function: str
    entity: str | None
    text_arg: str = "text"
    negative: bool = False
    commit: str | None = None
    path: str | None = None

    @property
    def file(self) -> str:
        """The test file's path in the repository."""
        return f"{TESTS_DIR}/{self.path or f'test_{self.stem}_recognizer.py'}"


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
    # Added for issue 14 (never below stock Presidio): health identifiers.
    TestSpec(
        "certificate_number", "test_when_all_medical_licence_number_then_succeed", "MEDICAL_LICENSE"
    ),
    TestSpec("us_npi", "test_when_npi_in_text_then_all_us_npis_are_found", "US_NPI"),
    *(
        TestSpec("us_health_insurance_member_id", function, _MEMBER_ID, negative=neg, commit=PINNED)
        for function, neg in (
            ("test_when_member_id_has_context_then_detected", False),
            (
                "test_member_id_matching_is_case_insensitive_and_ignores_trailing_punctuation",
                False,
            ),
            ("test_member_id_minimum_and_maximum_lengths_are_detected", False),
            ("test_when_member_id_lacks_insurance_context_then_below_threshold", True),
            ("test_when_member_id_pattern_is_implausible_then_not_detected", True),
        )
    ),
    *(
        TestSpec(
            "us_healthcare_admin",
            function,
            entity,
            negative=neg,
            commit=PINNED,
            path="test_us_healthcare_admin_recognizers.py",
        )
        for function, entity, neg in (
            ("test_when_us_healthcare_admin_id_has_context_then_detected", None, False),
            ("test_admin_id_matching_is_case_insensitive", None, False),
            ("test_when_text_has_multiple_admin_ids_then_all_are_detected", None, False),
            ("test_admin_id_matching_ignores_trailing_punctuation", None, False),
            ("test_admin_id_minimum_and_maximum_lengths_are_detected", None, False),
            ("test_when_admin_id_follows_label_then_identifier_only_is_detected", None, False),
            (
                "test_when_provider_ein_has_provider_tax_label_then_detected",
                "US_PROVIDER_TAX_ID",
                False,
            ),
            ("test_too_short_and_too_long_admin_ids_do_not_match", None, True),
            ("test_when_us_healthcare_admin_id_lacks_context_then_below_threshold", None, True),
            (
                "test_when_us_healthcare_admin_id_has_unrelated_context_then_not_detected",
                None,
                True,
            ),
            (
                "test_when_ein_lacks_provider_tax_label_then_not_detected",
                "US_PROVIDER_TAX_ID",
                True,
            ),
        )
    ),
)

POSITION_ARGS = ("expected_positions", "expected_res")
VALUE_ARGS = ("expected_value", "expected_values")


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
    """The JSON rows of one test, and how many rows were skipped (no literal text)."""
    names, exprs = parametrize_rows(source, spec.function)
    pos_arg = next((a for a in POSITION_ARGS if a in names), None)
    value_arg = next((a for a in VALUE_ARGS if a in names), None)
    if (pos_arg or value_arg) is None and not spec.negative:
        raise ValueError(f"{path}::{spec.function}: no position column in {names}")
    out: list[dict[str, Any]] = []
    skipped = 0
    for i, expr in enumerate(exprs):
        row = dict(zip(names, _literal_columns(expr, len(names)), strict=True))
        where = f"{path}::{spec.function}[{i}]"
        text = row.get(spec.text_arg)
        if not isinstance(text, str):
            skipped += 1
            continue
        if pos_arg is not None:
            spans = [[int(s), int(e)] for s, e in row[pos_arg]]
        elif value_arg is not None:
            spans = _value_spans(text, row[value_arg], where)
        else:
            spans = []
        expected = int(row.get("expected_len", len(spans)))
        if expected != len(spans):
            raise ValueError(f"{where}: {expected} expected, spans {spans}")
        entity = spec.entity or row.get("entity")
        if not isinstance(entity, str):
            raise ValueError(f"{where}: no entity")
        if "entities" in row and any(e != entity for e in row["entities"]):
            raise ValueError(f"{where}: entities {row['entities']}")
        out.append(
            {
                "source": where,
                "entity": entity,
                "text": text,
                "spans": spans,
                "expected_len": expected,
            }
        )
    return out, skipped


def _literal_columns(expr: ast.expr, width: int) -> list[Any]:
    """A row's column values; a column that is no literal (a recognizer) is None."""
    elts = expr.elts if isinstance(expr, ast.Tuple) else [expr]
    if len(elts) != width:
        if width == 1:
            elts = [expr]
        else:
            raise ValueError(f"row of {len(elts)} columns, {width} names")
    values: list[Any] = []
    for elt in elts:
        try:
            values.append(ast.literal_eval(elt))
        except ValueError:
            values.append(None)
    return values


def _value_spans(text: str, value: str | list[str], where: str) -> list[list[int]]:
    """Where the expected value(s) stand in ``text``, found left to right."""
    spans: list[list[int]] = []
    start = 0
    for v in [value] if isinstance(value, str) else value:
        found = text.find(v, start)
        if found < 0:
            raise ValueError(f"{where}: {v!r} not in {text!r}")
        spans.append([found, found + len(v)])
        start = found + len(v)
    return spans


def read_test(spec: TestSpec, git_dir: Path, sha: str, pinned_dir: Path | None) -> str:
    """The test file's text: at the spec's own commit or ``sha``."""
    if spec.commit is None:
        return git_show(git_dir, sha, spec.file)
    if pinned_dir is not None:
        return (pinned_dir / spec.file).read_text(encoding="utf-8")
    return git_show(git_dir, spec.commit, spec.file)


def main(argv: list[str] | None = None) -> int:
    """Write the JSONL; print a count per entity type."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--git-dir", type=Path, required=True, help="microsoft/presidio git dir")
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--pinned-dir",
        type=Path,
        help=f"the pinned tests as of {PINNED[:10]}, when the clone lacks that commit",
    )
    args = parser.parse_args(argv)

    sha = resolve(args.git_dir, args.commit)
    rows: list[dict[str, Any]] = []
    for spec in TESTS:
        source = read_test(spec, args.git_dir, sha, args.pinned_dir)
        found, skipped = rows_of(spec, source, spec.file)
        if skipped:
            print(f"{spec.file}: {skipped} non-literal rows skipped", file=sys.stderr)
        rows.extend(found)

    pinned = sorted({s.file.rsplit("/", 1)[1] for s in TESTS if s.commit})
    header = [
        "# Presidio recognizer test sentences: the parametrized rows of",
        f"# presidio-analyzer/tests/test_*_recognizer.py of microsoft/presidio at commit {sha},",
        f"# except {' and '.join(pinned)}: read at commit",
        f"# {PINNED} of data-privacy-stack/presidio (the project's new home;",
        "# the US health-identifier pack is newer than the commit above).",
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
