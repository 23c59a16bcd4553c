"""Identifiers listed on a line of their own: "078-051121 07805-1121", "123456789 12345679012".

A line (a note, a transcript segment) made of nothing but number-like values
has no words that could make any of them harmless. When one of them is an
identifier by its shape alone (what ``lone_identifier`` removes standing
alone, or an SSN/ITIN typed 3-2-4 or with one dash left out), the line is a
list of identifiers, and each of its values of six digits or more goes, typed
by its own shape where it has one: a 5-4 grouping with an SSN's or ITIN's
digits beside an SSN is that SSN typed another way, not a zip+4, and a 10-17
digit run beside it is an account or license number, not a phone number.
Stock Presidio removes all of these (its SSN, bank and license patterns
match each one and it applies no threshold).

A line without such an anchor is left alone ("62704-1234", two phone numbers),
and so is a phone written as one (3-3-4 with separators), a date, and any line
whose label names a harmless number ("Order:", "Ref:").
"""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, all_matches
from redaction.recognizers.itin import is_itin
from redaction.recognizers.lone_identifier import (
    _HARMLESS_LABEL,
    _PHONE_LABEL,
    lone_identifier_type,
)
from redaction.recognizers.ssn import is_issuable_ssn

_FLAGS = regex.IGNORECASE | regex.UNICODE
# One value: letters, digits and single dashes or dots between them, with a digit.
# Letters and digits, single dots or dashes between them. Possessive: a value is read
# once (backtracking into it, one character at a time, was quadratic in "1 1-1-1-...").
_VALUE = r"(?=[A-Z0-9.-]*\d)[A-Z0-9](?:[-.]?+[A-Z0-9])*+"
_SEPARATOR = r"(?:[ \t]*[,;/|&][ \t]*|[ \t]+(?:or|and)[ \t]+|[ \t]+)"
# A line of two or more values and nothing else (an optional "Label:" first).
_LIST = regex.compile(
    r"^(?P<label>[A-Za-z][\w \t]{0,30}:)?[ \t\"'(#:]*+"
    r"(?P<values>" + _VALUE + r"(?:" + _SEPARATOR + _VALUE + r")++)"
    r"[ \t\"').,;!?]*+$",
    _FLAGS | regex.MULTILINE,
)
# Each value of a listing line, from its first character only (not from inside a run).
_ONE_VALUE = regex.compile(r"(?<![A-Z0-9.-])" + _VALUE, _FLAGS)
# An SSN's or ITIN's groupings: 3-2-4, or with one dash left out (Presidio's SSN2).
_SSN_SHAPED = regex.compile(r"\d{3}([-.])\d{2}\1\d{4}|\d{3}-\d{6}")
_DIGIT_GROUPS = regex.compile(r"\d+(?:-\d+)*")
_DATE = regex.compile(r"\d{1,4}[-.]\d{1,2}[-.]\d{1,4}")
_PHONE = regex.compile(r"(?:1[-.])?\d{3}[-.]\d{3}[-.]\d{4}")
MIN_DIGITS = 6
MAX_DIGITS = 17


def anchor_type(value: str) -> str | None:
    """The type a value has by its shape alone, making its line a list of identifiers."""
    entity = lone_identifier_type(value)
    if entity is not None:
        return entity
    if _SSN_SHAPED.fullmatch(value, timeout=REGEX_TIMEOUT_SECONDS):
        digits = "".join(ch for ch in value if ch.isdigit())
        if is_itin(digits):
            return "US_ITIN"
        if is_issuable_ssn(digits):
            return "US_SSN"
    return None


def listed_type(value: str, anchor: str) -> str | None:
    """The type of a value in a list of identifiers, or None when it is to stay."""
    entity = anchor_type(value)
    if entity is not None:
        return entity
    if not _DIGIT_GROUPS.fullmatch(value, timeout=REGEX_TIMEOUT_SECONDS):
        return None
    if _DATE.fullmatch(value, timeout=REGEX_TIMEOUT_SECONDS) or _PHONE.fullmatch(
        value, timeout=REGEX_TIMEOUT_SECONDS
    ):
        return None
    digits = value.replace("-", "")
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        return None
    if len(digits) == 9:
        if is_itin(digits):
            return "US_ITIN"
        if is_issuable_ssn(digits):
            return "US_SSN"
    if len(digits) >= 10:
        return "US_BANK_NUMBER"
    return anchor


class ListedIdentifierRecognizer(LocalRecognizer):
    """Every identifier of a line that lists identifiers and nothing else."""

    ENTITIES: ClassVar[tuple[str, ...]] = (
        "US_SSN",
        "US_ITIN",
        "US_PASSPORT",
        "US_DRIVER_LICENSE",
        "US_BANK_NUMBER",
    )
    SCORE: ClassVar[float] = 0.5

    def __init__(self) -> None:
        super().__init__(
            supported_entities=list(self.ENTITIES),
            supported_language="en",
            name=type(self).__name__,
        )

    def load(self) -> None:
        """The patterns are compiled at import; nothing to load."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """The values of each listing line that has an identifier, typed by shape."""
        results = []
        for line in all_matches(_LIST, text):
            label = line.group("label") or ""
            if _HARMLESS_LABEL.search(label, timeout=REGEX_TIMEOUT_SECONDS):
                continue
            phone_label = _PHONE_LABEL.search(label, timeout=REGEX_TIMEOUT_SECONDS) is not None
            offset = line.start("values")
            values = list(_ONE_VALUE.finditer(line.group("values"), timeout=REGEX_TIMEOUT_SECONDS))
            anchors = [anchor_type(v.group()) for v in values]
            anchor = next((a for a in anchors if a is not None), None)
            if anchor is None:
                continue
            for value in values:
                entity = listed_type(value.group(), anchor)
                if entity is None or entity not in entities:
                    continue
                if phone_label and sum(ch.isdigit() for ch in value.group()) >= 10:
                    continue
                results.append(
                    RecognizerResult(
                        entity_type=entity,
                        start=offset + value.start(),
                        end=offset + value.end(),
                        score=self.SCORE,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return results
