"""What an agent's question is about, per type that pauses the call recording (data).

The slot table reads the requests whose answer it can type ("can I get the card
number?"). Pausing needs less: a question or request that is *about* a card, its
code or expiry, a social or a bank account ("what card would you like to use?",
"¿paga con tarjeta?", "the last four of your social?") will be answered with the
value or part of it, so the recording pauses. A pause that turns out needless costs
a few recorded seconds; a missed one puts card data in the recording.
Spanish segments are read in their English gloss; the Spanish words are here too
for mixed segments the gloss leaves as they are.
"""

from __future__ import annotations

from types import MappingProxyType

# Entity type -> the words that name its topic (a regex alternation, matched as words).
PAUSE_TOPICS = MappingProxyType(
    {
        # A payment card, not the insurance, Medicare or ID card, nor "… Card Services".
        "CREDIT_CARD": (
            r"(?<!\b(?:insurance|dental|medical|medicare|medicaid|health|member|id|vision"
            r"|plan|rewards|library|business|green|report|birthday|sim|memory)\s)cards?"
            r"(?!\s+(?:services|company|member))|visa|master\s*card|amex|american\s+express"
            r"|tarjetas?"
        ),
        "CARD_EXPIRY": r"expir\w*|exp\s+date|vencimiento|caducidad",
        "CARD_SECURITY_CODE": (
            r"cvv\d?|cvc\d?|cid|security\s+code|code\s+on\s+the\s+(?:back|front)"
            r"|c[oó]digo\s+de\s+seguridad"
        ),
        "US_SSN": r"social|ssn|social\s+security|seguro\s+social",
        "US_BANK_NUMBER": (
            r"(?:bank|checking|savings)\s+account|account\s+number|routing|cuenta\s+bancaria"
            r"|n[uú]mero\s+de\s+cuenta"
        ),
        "ACCOUNT_SECRET": (
            r"pin|passcode|password|one[\s-]time\s+code|verification\s+code|contrase[nñ]a"
        ),
    }
)
# A turn that asks or tells the customer to say something (beside a question's shape).
REQUEST = (
    r"\b(?:read|give|tell|need|provide|verify|confirm|repeat|please|léame|leame|dígame"
    r"|digame|deme|me\s+da|necesito|confirme|por\s+favor)\b"
)
# Slot types that ask for a part of whatever the turn names ("the last four of your social").
PART_OF_TOPIC = frozenset({"LAST_FOUR_DIGITS"})
# An agent turn that keeps to the value being given: a prompt to go on, a follow-up for
# someone else's, or a read-back announced ("let me make sure I have it"). Never a move on.
STAYS_ON_THE_VALUE = (
    r"\b(?:make\s+sure|read\s+(?:that|it)\s+back|let\s+me\s+(?:repeat|confirm|verify))\b"
    r"|\band\W*$"
)
# Words that lead a read-back when a number follows: "so ending in 6013", "I have 4111 ...".
READ_BACK_LEAD = (
    r"^\W*(?:(?:okay|ok|alright|great)\W+)?(?:so|that['\u2019]?s|that\s+is|i\s+have)\b"
    r"|\b(?:ending|ends)\s+(?:in|with)\b"
)
