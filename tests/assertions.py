"""Shared assertions for recognizer tables and leak checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from presidio_analyzer import RecognizerResult


def assert_spans(
    results: Sequence[RecognizerResult],
    expected_len: int,
    expected_positions: Sequence[tuple[int, int]],
    entity_type: str | None = None,
) -> None:
    """Check a recognizer's results against a table row: count and (start, end) spans."""
    spans = sorted((r.start, r.end) for r in results)
    assert len(results) == expected_len, f"expected {expected_len} results, got {spans}"
    assert spans == sorted(expected_positions)
    if entity_type is not None:
        assert {r.entity_type for r in results} <= {entity_type}


def assert_no_raw_values(haystack: str, raw_values: Iterable[str]) -> None:
    """Fail if any raw sensitive value (or its digits alone) appears in ``haystack``."""
    digits_only = "".join(ch for ch in haystack if ch.isdigit())
    for value in raw_values:
        assert value not in haystack, "a raw sensitive value leaked"
        value_digits = "".join(ch for ch in value if ch.isdigit())
        if len(value_digits) >= 9:
            assert value_digits not in digits_only, "the digits of a sensitive value leaked"
