"""Metadata is data: ids and field names are screened for sensitive identifiers.

A record's ids (``id``, ``campaign_id``, ``owner``), its field names and a
call's request id go where values never go: to the dialer as keys, into the
ledger and its audit output, into logs. An SSN typed into one would pass
every recognizer untouched, so they are read by the same engine:

- an **id** that holds a sensitive identifier is refused
  (``SensitiveMetadataError``, naming the field, never the value);
- a **field name** that holds one is replaced by the identifier's label
  (``<US_SSN>``; ``<US_SSN>_2``, ``<US_SSN>_3``, ... when the label is
  already a name in the record, numbered in the sorted order of the names
  replaced, so the order of a record's fields, which a protobuf map does not
  keep, changes nothing). The value is redacted as before, under its
  original name, and leaves under the new one.

The rule (``holds_identifier``): the engine's scanner, identifier types only
(``ScanScope.IDENTIFIER``), reads the text with its parts set apart
(``id_view``) and, if that finds nothing, its numbers alone (``numbers_view``:
a word beside them, such as ``phone_``, cannot talk an SSN out of being one).
A finding counts when it is one of the identifier types in
``IDENTIFIER_SCORES`` and the engine is sure of it *from the text alone*: a
cue in the id itself (``ssn:``, ``passport-``, ``acct_``), a Luhn-valid card,
an IBAN or a wallet address with its checksum, an SSN or ITIN in its 3-2-4
groups, a Medicare MBI's fixed letter and digit places. A bare run of digits is not enough: a
9-digit lead id is an SSN, a passport or a routing number by its length
alone (the engine scores that guess 0.5), and lead systems number their
records that way. Words (health, religion, ...) are not judged in ids:
campaigns are named for products.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import regex

from redaction.errors import FieldViolation
from redaction.policy import RedactionPolicy
from redaction.recognizers.payment_card import luhn_valid
from redaction.recognizers.ssn import is_issuable_ssn
from redaction.text_scanner import ScanScope, TextScanner
from redaction.types import Finding, Lead, RedactedLead

# The identifier types an id or a field name may not hold, and the least score the
# engine must give one found there. 0.8 is a cue, a checksum or an SSN's groups; an
# MBI's shape is proof enough (0.6). Bare digit runs score 0.5 and never count.
IDENTIFIER_SCORES: Mapping[str, float] = MappingProxyType(
    {
        "US_SSN": 0.8,
        "US_ITIN": 0.8,
        "CREDIT_CARD": 0.8,
        "US_BANK_NUMBER": 0.8,
        "ABA_ROUTING_NUMBER": 0.8,
        "IBAN_CODE": 0.8,
        "US_DRIVER_LICENSE": 0.8,
        "US_PASSPORT": 0.8,
        "HEALTH_PLAN_ID": 0.8,
        "US_MBI": 0.6,
        "CRYPTO": 0.8,
    }
)
# Words dropped matter only for what a word nearby can argue down: an SSN, ITIN, card
# or IBAN, nine digits or more. With fewer they are not read again.
_FEWEST_DIGITS = 9
# Verdicts kept for texts seen before (field names, campaign ids and owners repeat).
_CACHE_LIMIT = 4096
_DESCRIPTION = "holds a sensitive identifier ({}); ids must not carry personal data"


def holds_identifier(entity_type: str, score: float) -> bool:
    """Whether one finding of the engine in an id or a name counts (see the module rule)."""
    return score >= IDENTIFIER_SCORES.get(entity_type, math.inf)


def _digest(text: str) -> bytes:
    """A key for the verdict cache that is not the text (the text may hold an SSN)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


# A card's name in an id: "cc_4111111111111111" is a card whatever its grouping.
_CARD_CUE = regex.compile(r"(?i)\b(?:cc|card|visa|mc|mastercard|amex|discover|pan)\b")


# The brands' number prefixes and lengths (Visa, Mastercard, Amex, Discover).
_CARD_BRAND = regex.compile(
    r"4\d{15}|5[1-5]\d{14}|2(?:2[2-9]|[3-6]\d|7[01])\d{13}|2720\d{12}|3[47]\d{13}"
    r"|6(?:011|5\d\d|4[4-9]\d)\d{12}"
)


def _bare_card_digits(entity_type: str, matched: str, text: str) -> bool:
    """A card number in an id as one bare run, no card named, no brand's shape.

    A bare digit run passes Luhn one time in ten: a 19-digit snowflake id is no card.
    A run counts when a card is named ("cc_...") or it has a brand's prefix and length.
    """
    return (
        entity_type == "CREDIT_CARD"
        and matched.isdigit()
        and not _CARD_CUE.search(text)
        and not _CARD_BRAND.fullmatch(matched)
    )


def _bare_value_as_name(name: str) -> tuple[str, ...]:
    """A field name that is a bare SSN or card number.

    A CSV read without its header line makes the first record's values the names, so
    names get none of the leniency ids get for bare digit runs.
    """
    digits = name.strip()
    if not digits.isdigit():
        return ()
    if len(digits) == 9 and is_issuable_ssn(digits):
        return ("US_SSN",)
    if 13 <= len(digits) <= 19 and luhn_valid(digits):
        return ("CREDIT_CARD",)
    return ()


def may_hold_identifier(text: str) -> bool:
    """Cheap necessary condition: every identifier type the rule covers has a digit."""
    return any(ch.isdigit() for ch in text)


def id_view(text: str) -> str:
    """The text as the scanner reads it: parts set apart, digit groups kept together.

    A run of separators between two digits becomes one ``-`` (``536_22_8174`` ->
    ``536-22-8174``); any other becomes a space, so ``lead-4111...`` and
    ``ssn_536...`` read as a word and a number, as they would in a sentence.
    """
    out: list[str] = []
    at, end = 0, len(text)
    while at < end:
        if text[at].isalnum():
            out.append(text[at])
            at += 1
            continue
        stop = at
        while stop < end and not text[stop].isalnum():
            stop += 1
        between_digits = at > 0 and stop < end and text[at - 1].isdigit() and text[stop].isdigit()
        out.append("-" if between_digits else " ")
        at = stop
    return "".join(out)


def numbers_view(view: str) -> str:
    """The parts of an ``id_view`` that hold a digit, words dropped."""
    return " ".join(part for part in view.split(" ") if may_hold_identifier(part))


@dataclass(frozen=True)
class FieldNames:
    """A lead's field names that hold an identifier, each with the name it leaves under."""

    renamed: Mapping[str, str] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.renamed)

    def name(self, original: str) -> str:
        """The name a field leaves under."""
        return self.renamed.get(original, original)

    def apply(self, result: RedactedLead) -> RedactedLead:
        """The result with its fields and findings under the new names."""
        if not self.renamed:
            return result
        fields = {self.name(key): value for key, value in result.lead.fields.items()}
        return replace(
            result,
            lead=replace(result.lead, fields=MappingProxyType(fields)),
            findings=tuple(self._finding(f) for f in result.findings),
        )

    def rekey(self, lead: Lead) -> Lead:
        """The original lead, its fields keyed as the result's are (to match findings)."""
        if not self.renamed:
            return lead
        fields = {self.name(key): value for key, value in lead.fields.items()}
        return replace(lead, fields=MappingProxyType(fields))

    def _finding(self, finding: Finding) -> Finding:
        if finding.field_name is None or finding.field_name not in self.renamed:
            return finding
        return replace(finding, field_name=self.renamed[finding.field_name])


class MetadataGuard:
    """Reads ids and field names with the engine's scanner; refuses ids, renames names."""

    def __init__(self, scanner: TextScanner, policy: RedactionPolicy | None = None) -> None:
        # Identifier types are sensitive: no owner's policy keeps them, so the default
        # policy runs the same recognizers as any owner's would.
        self._scanner = scanner
        self._policy = policy or RedactionPolicy()
        self._verdicts: dict[bytes, tuple[str, ...]] = {}

    def identifiers_in(self, text: str) -> tuple[str, ...]:
        """The identifier types the rule finds in ``text``, in order; () when none."""
        if not may_hold_identifier(text):
            return ()
        key = _digest(text)  # a refused id's value is never kept in memory
        known = self._verdicts.get(key)
        if known is not None:
            return known
        view = id_view(text)
        found = self._read(view)
        numbers = numbers_view(view)
        if not found and numbers != view and sum(ch.isdigit() for ch in numbers) >= _FEWEST_DIGITS:
            found = self._read(numbers)
        if len(self._verdicts) >= _CACHE_LIMIT:
            self._verdicts.clear()
        self._verdicts[key] = found
        return found

    def _read(self, text: str) -> tuple[str, ...]:
        spans = self._scanner.find(text, self._policy, ScanScope.IDENTIFIER)
        return tuple(
            dict.fromkeys(
                s.entity_type
                for s in spans
                if holds_identifier(s.entity_type, s.score)
                and not _bare_card_digits(s.entity_type, text[s.start : s.end], text)
            )
        )

    def violations(self, path: str, value: str) -> list[FieldViolation]:
        """The violation of an id at ``path`` holding an identifier (its type, never the value)."""
        found = self.identifiers_in(value)
        if not found:
            return []
        return [FieldViolation(path, _DESCRIPTION.format(", ".join(found)))]

    def field_names(self, names: Iterable[str]) -> FieldNames:
        """Which of a record's field names are replaced, and by what (stable, unique)."""
        taken = set(names)
        found = {
            name: kinds[0]
            for name in taken
            if (kinds := self.identifiers_in(name) or _bare_value_as_name(name))
        }
        if not found:
            return FieldNames()
        renamed: dict[str, str] = {}
        for name in sorted(found):
            label = candidate = f"<{found[name]}>"
            number = 1
            while candidate in taken:
                number += 1
                candidate = f"{label}_{number}"
            taken.add(candidate)
            renamed[name] = candidate
        return FieldNames(MappingProxyType(renamed))
