"""An identifier that stands alone: a line (a note, a transcript segment) that is one ID.

"078051121" in a notes field, or a caller's turn that is nothing but
"A12803456", has no cue, but no words either that could make it harmless:
it is not money, a time, a count or a phone number, and it has an
identifier's shape. Stock Presidio removes such values (its weakest SSN,
passport and bank patterns score 0.05 and it applies no threshold), so
leadgate does too, typed by shape. A value with words around it still needs
the cue its own recognizer asks for.

Shapes: nine digits (an SSN if issuable, an ITIN if in the ITIN ranges),
a 3-2-4 grouping of nine digits, one or two letters then six to nine
digits (a passport or a driver's license), ten to seventeen digits (a bank
account). Only ungrouped values and the SSN's 3-2-4 count: a possible US phone
number, any other grouping (a zip+4, a phone abroad, a reference in threes),
a date and anything shorter are left.
"""

from __future__ import annotations

from typing import ClassVar

import phonenumbers
import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, all_matches
from redaction.recognizers.itin import is_itin
from redaction.recognizers.ssn import is_issuable_ssn

_FLAGS = regex.IGNORECASE | regex.UNICODE
# A line holding one value and nothing else (surrounding quotes, punctuation, "it's" allowed).
# The value is read possessively, once: letters and digits, single separators between,
# two characters at least (backtracking into it was quadratic in "1-1-1-...").
_LONE = regex.compile(
    r"^(?P<label>[A-Za-z][\w \t]{0,30}:)?[ \t\"'(#:]*+(?:(?:it['\u2019]?s|its|um+|uh+)[ \t,]++)?"
    r"(?P<value>(?=[A-Z0-9 .-]*\d)[A-Z0-9](?:[-. ]?+[A-Z0-9])++)"
    r"[ \t\"').,;!?]*+$",
    _FLAGS | regex.MULTILINE,
)
_DATE = regex.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}")
# The one grouping an identifier standing alone keeps: an SSN's 3-2-4.
_SSN_GROUPS = regex.compile(r"\d{3}([- .])\d{2}\1\d{4}")
# A label (a field name, "Order:") that names a harmless number.
_HARMLESS_LABEL = regex.compile(
    r"\b(?:order|confirmation|conf|tracking|reference|ref|invoice|claim|case|ticket|policy"
    r"|transaction|receipt|serial|model|sku|item|product|promo|coupon|campaign|source|lead"
    r"|zip|postal|price|amount|total|balance|quote|estimate|proposal|vorgang|auftrag|bestellung"
    r"|pedido|cotizacion|folio|expediente|commande|devis|dossier)\b",
    _FLAGS,
)
# A label for a phone: it excuses a phone-length value (ten digits or more) only.
_PHONE_LABEL = regex.compile(
    r"\b(?:phone|cell|mobile|fax|tel|desk|office|work|home|direct|main|landline)\b", _FLAGS
)


def lone_identifier_type(value: str) -> str | None:
    """The entity type a value standing alone has by its shape, or None."""
    chars = "".join(ch for ch in value if ch.isalnum()).upper()
    digits = sum(ch.isdigit() for ch in chars)
    letters = len(chars) - digits
    if _DATE.fullmatch(value) or (digits in (10, 11) and _is_phone(chars)):
        return None
    if not (value.isalnum() or _SSN_GROUPS.fullmatch(value)):
        return None  # grouped some other way: a phone abroad, a reference, a zip+4
    if letters == 0 and len(chars) == 9:
        if is_itin(chars):
            return "US_ITIN"
        return "US_SSN" if is_issuable_ssn(chars) else "US_PASSPORT"
    if letters == 0 and 10 <= len(chars) <= 17:
        return "US_BANK_NUMBER"
    if 1 <= letters <= 2 and chars[:letters].isalpha() and 6 <= digits <= 9:
        return "US_PASSPORT" if letters == 1 and digits == 8 else "US_DRIVER_LICENSE"
    return None


def _is_phone(digits: str) -> bool:
    """Ten digits (or eleven with a leading 1) a US phone number could be."""
    try:
        number = phonenumbers.parse(digits, "US")
    except phonenumbers.NumberParseException:
        return False
    return len(digits) in (10, 11) and bool(phonenumbers.is_possible_number(number))


class LoneIdentifierRecognizer(LocalRecognizer):
    """One identifier-shaped value that is a whole line of the text."""

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
        """The pattern is compiled at import; nothing to load."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Lines of ``text`` that are one identifier-shaped value, typed by shape."""
        results = []
        for match in all_matches(_LONE, text):
            label = match.group("label") or ""
            value = match.group("value")
            if _HARMLESS_LABEL.search(label, timeout=REGEX_TIMEOUT_SECONDS) or (
                _PHONE_LABEL.search(label, timeout=REGEX_TIMEOUT_SECONDS)
                and sum(ch.isdigit() for ch in value) >= 10
            ):
                continue
            entity = lone_identifier_type(value)
            if entity is None or entity not in entities:
                continue
            results.append(
                RecognizerResult(
                    entity_type=entity,
                    start=match.start("value"),
                    end=match.end("value"),
                    score=self.SCORE,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
