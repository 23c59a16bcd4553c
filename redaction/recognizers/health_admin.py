"""US health-care administrative numbers: Presidio's health-identifier pack, cued our way.

Prior authorization, claim, prescription and referral numbers and a provider's
tax ID (EIN) have no universal syntax or checksum. Presidio's recognizers
(``UsPriorAuthorizationNumberRecognizer`` and its siblings) anchor a number on
its label ("prior authorization PA-987654321", "Rx #1234567") and keep a weak
prefixed pattern ("CLM456789123") that only context lifts. Their patterns are
used here as they are: a labelled one counts alone (the label is the cue), a
weak one needs one of Presidio's context words nearby, looked for in a
character window on either side (as our other cued recognizers do) instead
of by spaCy tokens, so no text is tokenized for them. A business reference
named nearer ("order number PA-...") wins over the cue.

Member IDs, the pack's sixth type, are ``HEALTH_PLAN_ID`` here:
``InsuranceMemberIdRecognizer`` widens our member-ID recognizer to the shapes
and phrasings Presidio's finds.
"""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    UsClaimNumberRecognizer,
    UsPrescriptionNumberRecognizer,
    UsPriorAuthorizationNumberRecognizer,
    UsProviderTaxIdRecognizer,
    UsReferralNumberRecognizer,
)

from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, CuedPattern
from redaction.recognizers.bank_account import NUMBER_WORD, NearestCuePatternRecognizer
from redaction.recognizers.drivers_license import NOT_AN_ID, alnum
from redaction.recognizers.health_plan_member_id import HealthPlanMemberIdRecognizer

MAX_MEMBER_ID = 20
_FLAGS = regex.IGNORECASE | regex.UNICODE
# Presidio scores a pattern anchored on its label 0.35 or more, a bare prefixed one 0.1.
_LABELLED_SCORE = 0.3
# Business references and contact numbers: named nearer than the cue, they win.
_COUNTER_CUE = (
    r"\b(?:(?:order|confirmation|conf|tracking|reference|invoice|case|ticket|transaction"
    r"|serial|model|sku|item|account|acct|routing|phone|cell|mobile|fax|extension|ext)"
    + NUMBER_WORD
    + r")(?!\w)"
)


def _patterns(presidio: list[Pattern]) -> tuple[CuedPattern, ...]:
    """Presidio's patterns: labelled ones count alone, weak ones need a cue."""
    return tuple(
        CuedPattern(
            pattern.name,
            pattern.regex,
            0.6 if pattern.score >= _LABELLED_SCORE else 0.3,
            needs_cue=pattern.score < _LABELLED_SCORE,
        )
        for pattern in presidio
    )


def _cue(context: list[str]) -> str:
    """Presidio's context words as whole words (a space: any run of whitespace)."""
    words = (word.replace(" ", r"\s+") for word in context)
    return r"\b(?:" + "|".join(words) + r")(?!\w)"


class _HealthAdminRecognizer(NearestCuePatternRecognizer):
    """One of Presidio's health administrative recognizers: its patterns and context words.

    Every label Presidio anchors a number on holds one of its context words (or
    ``LABEL_WORDS``), and a weak match needs one nearby, so a text with none of
    them is skipped without running the patterns.
    """

    COUNTER_CUE: ClassVar[str] = _COUNTER_CUE
    LABEL_WORDS: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self._gate = regex.compile(self.CUE + self.LABEL_WORDS, _FLAGS)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Nothing when no cue or label word is in the text; else the cued patterns' results."""
        if self._gate.search(text, timeout=REGEX_TIMEOUT_SECONDS) is None:
            return []
        return super().analyze(text, entities, nlp_artifacts)


class PriorAuthorizationNumberRecognizer(_HealthAdminRecognizer):
    """Prior authorization numbers ("prior auth 987654321", "PA-987654321")."""

    ENTITY: ClassVar[str] = "US_PRIOR_AUTHORIZATION_NUMBER"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = _patterns(
        UsPriorAuthorizationNumberRecognizer.PATTERNS
    )
    CUE: ClassVar[str] = _cue(UsPriorAuthorizationNumberRecognizer.CONTEXT)


class HealthClaimNumberRecognizer(_HealthAdminRecognizer):
    """Claim numbers ("claim CLM456789123", "claim number: 1234567890123").

    A claim label alone counts, as in Presidio, so an auto or home insurance
    claim number labelled so goes too: a reference lost, never a health one kept.
    """

    ENTITY: ClassVar[str] = "US_CLAIM_NUMBER"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = _patterns(UsClaimNumberRecognizer.PATTERNS)
    CUE: ClassVar[str] = _cue(UsClaimNumberRecognizer.CONTEXT)


class PrescriptionNumberRecognizer(_HealthAdminRecognizer):
    """Prescription (Rx) numbers ("Rx #1234567", "prescription RX789456123")."""

    ENTITY: ClassVar[str] = "US_PRESCRIPTION_NUMBER"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = _patterns(UsPrescriptionNumberRecognizer.PATTERNS)
    CUE: ClassVar[str] = _cue(UsPrescriptionNumberRecognizer.CONTEXT)
    LABEL_WORDS: ClassVar[str] = r"|\brx(?!\w)"


class ReferralNumberRecognizer(_HealthAdminRecognizer):
    """Referral numbers ("referral REF123456", "infusion referral number: 2025001234")."""

    ENTITY: ClassVar[str] = "US_REFERRAL_NUMBER"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = _patterns(UsReferralNumberRecognizer.PATTERNS)
    CUE: ClassVar[str] = _cue(UsReferralNumberRecognizer.CONTEXT)


class ProviderTaxIdRecognizer(_HealthAdminRecognizer):
    """A provider's EIN under a provider tax label ("billing provider EIN: 12-3456789")."""

    ENTITY: ClassVar[str] = "US_PROVIDER_TAX_ID"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = _patterns(UsProviderTaxIdRecognizer.PATTERNS)
    CUE: ClassVar[str] = _cue(UsProviderTaxIdRecognizer.CONTEXT)


class InsuranceMemberIdRecognizer(HealthPlanMemberIdRecognizer):
    """Our member-ID recognizer, widened to what Presidio's member-ID recognizer finds.

    IDs up to 20 characters, a dash included (Medicaid's T-MSIS member ID field), an insurance
    plan named ("insurance plan ID UHC-12345AB"), and "patient" as a cue: a
    health policy's ID ("policy ID CIGNA123456 belongs to the patient").
    """

    CUE: ClassVar[str] = (
        HealthPlanMemberIdRecognizer.CUE
        + r"|\b(?:insurance\s+plan(?:\s+member)?"
        + NUMBER_WORD
        + r"|patient['\u2019]?s?)(?!\w)"
    )

    def is_valid(self, matched: str) -> bool:
        """6-20 characters, at least four digits; not a phone or date shape."""
        chars = alnum(matched)
        return (
            len(chars) >= 6
            and len(matched.replace(" ", "")) <= MAX_MEMBER_ID
            and sum(ch.isdigit() for ch in chars) >= 4
            and NOT_AN_ID.fullmatch(matched, timeout=REGEX_TIMEOUT_SECONDS) is None
        )
