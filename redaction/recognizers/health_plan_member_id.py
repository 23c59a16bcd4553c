"""Health plan member IDs (insurer, Medicaid): alphanumeric, only next to a member cue."""

from __future__ import annotations

from typing import ClassVar

from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, CuedPattern
from redaction.recognizers._trie import trie_pattern
from redaction.recognizers.bank_account import NUMBER_WORD, NearestCuePatternRecognizer
from redaction.recognizers.drivers_license import ID_TOKEN, NOT_AN_ID, alnum

# Health insurers whose name before "id" / "#" names a member ID ("humana id H11230720").
INSURERS: tuple[str, ...] = (
    "humana", "uhc", "united healthcare", "unitedhealthcare", "united health care", "bcbs",
    "blue cross", "blue cross blue shield", "blue shield", "aetna", "cigna", "anthem",
    "wellcare", "kaiser", "molina", "centene", "ambetter", "oscar", "caresource", "devoted",
    "elevance", "highmark", "premera", "regence", "tricare", "medica", "health net",
    "healthnet", "amerigroup", "sunshine health", "florida blue", "independence blue cross",
    "horizon bcbs", "empire bcbs", "excellus", "priority health", "scan health",
    "alignment health", "clover health", "bright health",
)  # fmt: skip
# One trie-shaped alternation: forty names tried one by one at every window start is slow.
_INSURER = r"(?:" + trie_pattern(INSURERS, lambda ch: r"\s+" if ch == " " else ch) + r")"


class HealthPlanMemberIdRecognizer(NearestCuePatternRecognizer):
    """A 6-15 character member ID with at least four digits, named by a member cue.

    Insurers use many shapes (9 digits, a 3-letter prefix + digits, a letter +
    digits, Medicaid's state formats), so the cue does the work. A group
    number is deliberately a counter-cue, not a cue: it names the employer's plan
    and is shared by every member, like the Rx BIN/PCN on the same card. A
    bare "policy number" is a counter-cue too (auto, home, life), unless the
    phrase names a health policy.
    """

    ENTITY: ClassVar[str] = "HEALTH_PLAN_ID"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern("health_plan_member_id", ID_TOKEN, 0.3, needs_cue=True),
    )
    CUE: ClassVar[str] = (
        r"\b(?:"
        r"member\s*(?:id(?:entification)?|number|no\.?|\#)"
        + NUMBER_WORD
        + r"|medicaid(?:\s+(?:card|member))?"
        + NUMBER_WORD
        + r"|medi-?cal"
        + NUMBER_WORD
        + r"|(?:health\s+)?insurance\s+(?:card\s+)?(?:member\s+)?(?:id|number|no\.?|\#)"
        + NUMBER_WORD
        + r"|insurance\s+card|policy\s?holder\s+(?:id|number|no\.?)"
        r"|subscriber\s*(?:id|number|no\.?|\#)"
        r"|(?:health|medical|dental|vision)\s+(?:insurance\s+)?(?:plan|policy)"
        + NUMBER_WORD
        + r"|(?:health|medical)\s+insurance|enrollee\s+id"
        r"|" + _INSURER + r"\s*(?:member\s*)?(?:id|number|no\.?|\#|card)"
        r")(?!\w)"
    )
    COUNTER_CUE: ClassVar[str] = (
        r"\b(?:"
        r"(?:group|grp|rx\s*(?:bin|pcn|grp|group)|bin|pcn)"
        + NUMBER_WORD
        + r"|policy\s*(?:number|no\.?|num|\#)"
        r"|(?:claim|reference|ref|confirmation|conf|order|tracking|case|ticket|authorization"
        r"|auth|npi|provider|phone|cell|mobile|fax|extension|ext|zip|postal|social|ssn"
        r"|routing|account|acct|passport|medicare|mbi)"
        + NUMBER_WORD
        + r"|licen[cs]e\s*(?:number|no\.?|\#)|drivers?['\u2019]?s?\s+licen[cs]e"
        r"|call(?:\s+me)?|text\s+me|dob|born|birthday|date\s+of\s+birth"
        r"|copay|deductible|premium|dollars|bucks|promo|coupon|discount|code"
        r")(?!\w)"
    )

    def is_valid(self, matched: str) -> bool:
        """6-15 letters and digits, at least four digits; not a phone or date shape."""
        chars = alnum(matched)
        return (
            6 <= len(chars) <= 15
            and sum(ch.isdigit() for ch in chars) >= 4
            and NOT_AN_ID.fullmatch(matched, timeout=REGEX_TIMEOUT_SECONDS) is None
        )
