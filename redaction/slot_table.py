"""The slot table: what an agent (or a caller) can ask for, and what shape the answer has.

Data, not code: one row per kind of value. ``request`` is how it is asked
for or named, in the spoken form the engine reads (numbers as digits, so
"last four" reads "last 4"); ``shape`` and the lengths say what a value
that fills it looks like; ``open_turns`` how many caller turns without a
value the slot waits before it closes. Rows are tried in order where two
requests overlap, so the more specific ("last four of the social") wins.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Shape(enum.Enum):
    """What fills a slot."""

    DIGITS = "digits"  # a number, however it was said (arrives as digits)
    ALNUM = "alnum"  # an ID of letters and digits, typed or spelled
    DATE = "date"  # a date in any shape
    SECRET = "secret"  # the words of the answer (PIN, password, security answer)
    CHILD = "child"  # children's names and ages


class Check(enum.Enum):
    """A checksum a digits value is tried against when it could be cut in two places."""

    NONE = "none"
    LUHN = "luhn"
    SSN = "ssn"
    ABA = "aba"


@dataclass(frozen=True)
class SlotSpec:
    """One row of the slot table."""

    entity_type: str
    request: str
    shape: Shape
    min_len: int = 1
    max_len: int = 40
    check: Check = Check.NONE
    open_turns: int = 3
    typical_len: int = 0  # where to cut a number that also answers the next slot
    takes_dates: bool = False  # a DIGITS slot a date said with a month name also fills
    topic: str = ""  # asked only while the call is about this ("children"): "how old is he?"
    asks: str = ""  # of children: "names", "ages", or both ("")

    def __post_init__(self) -> None:
        if not self.typical_len:
            object.__setattr__(self, "typical_len", self.max_len)


CHILDREN = "children"
# Words that make the call about the caller's children for the next few turns.
CHILDREN_TOPIC = (
    r"\b(?:kids?|children|child|sons?|daughters?|grand(?:kids?|children|sons?|daughters?)"
    r"|step(?:sons?|daughters?|kids?)|little\s+ones?|bab(?:y|ies)|toddlers?|teen(?:ager)?s?"
    r"|dependents?|minors?)['\u2019]?s?\b"
)
TOPIC_TURNS = 8

_PL = r"(?:['\u2019]?s|s['\u2019])?"  # plural or possessive: "socials", "kids'", "card's"
_NO = r"(?:\s+(?:number|no|num|#|id)" + _PL + r")?"

SLOT_TABLE: tuple[SlotSpec, ...] = (
    SlotSpec(
        "LAST_FOUR_DIGITS",
        r"\blast\s+(?:4|four)(?:\s+digits)?(?:\s+(?:of|on)\s+(?:the|your|my|his|her|their)?\s*"
        r"(?:social(?:\s+security)?|ssn|card|account|checking|savings)" + _PL + _NO + r")?",
        Shape.DIGITS,
        4,
        4,
    ),
    SlotSpec(
        "US_SSN",
        r"\b(?:social(?:\s+security)?" + _PL + _NO + r"|ssn" + _PL + r"|ss\s?#|socials)(?!\w)",
        Shape.DIGITS,
        9,
        9,
        Check.SSN,
    ),
    SlotSpec(
        "US_ITIN",
        r"\b(?:itin"
        + _PL
        + r"|individual\s+taxpayer|taxpayer\s+id\w*"
        + _NO
        + r"|tax\s+id"
        + _NO
        + r")(?!\w)",
        Shape.DIGITS,
        9,
        9,
    ),
    SlotSpec(
        "CARD_EXPIRY",
        r"\b(?:expir\w*|exp(?:\.|\s+date)|valid\s+(?:thru|through|until)"
        r"|good\s+(?:thru|through|until))(?!\w)"
        # the expiry of a passport, a license or a policy is no card's
        r"(?!(?:\s+date)?\s+(?:on|of|for)\s+(?:the|your|my|his|her)\s+(?:passport|licen[cs]e|id"
        r"|policy|plan|lease|contract|coverage|membership|registration))",
        Shape.DIGITS,
        3,
        6,
        typical_len=4,
        takes_dates=True,
    ),
    SlotSpec(
        "ACCOUNT_SECRET",  # one-time codes: digits, read back at once or in parts
        r"\b(?:(?:4|5|6|7|8|four|five|six|seven|eight)[\s-]+digit\s+(?:code|passcode|pin)"
        r"|one[\s-]time\s+(?:code|pass\w*)|verification\s+code|(?:code|text)\s+(?:we|i)\s+"
        r"(?:just\s+)?(?:sent|texted|emailed)|(?:sent|texted|emailed)\s+(?:you\s+)?(?:a|the)\s+"
        r"(?:\w+[\s-]+)?(?:digit\s+)?code)(?!\w)",
        Shape.DIGITS,
        4,
        8,
        typical_len=6,
    ),
    SlotSpec(
        "CARD_SECURITY_CODE",
        r"\b(?:cvv\d?|cvc\d?|cid|security\s+codes?|verification\s+(?:code|number|value)"
        r"|(?:3|4|three|four)[\s-]+digits?\s+(?:security\s+)?code(?:\s+on\s+the\s+back)?"
        r"|(?:3|4|three|four)[\s-]+digits?\s+on\s+the\s+back"
        r"|(?:code|digits|numbers?)\s+on\s+the\s+back)(?!\w)",
        Shape.DIGITS,
        3,
        4,
        typical_len=3,
    ),
    SlotSpec(
        "CREDIT_CARD",
        r"\b(?:(?:credit|debit|visa|master\s?card|amex|discover|bank)\s+card"
        + _PL
        + _NO
        + r"|card\s+(?:number|no|num|#)"
        + _PL
        + r"|(?:number|digits)\s+on\s+(?:the|your)"
        r"\s+(?:front\s+of\s+(?:the|your)\s+)?card|which\s+card|other\s+card|long\s+number|(?:twelve|thirteen|fifteen|sixteen|nineteen|1[2-9])\s+digits"
        r"|(?:digits|numbers?)\s+(?:on|across)\s+the\s+front)(?!\w)",
        Shape.DIGITS,
        12,
        19,
        Check.LUHN,
        typical_len=16,
    ),
    SlotSpec(
        "ABA_ROUTING_NUMBER",
        r"\b(?:routing" + _PL + _NO + r"|aba(?:\s+number)?|transit\s+number)(?!\w)",
        Shape.DIGITS,
        9,
        9,
        Check.ABA,
    ),
    SlotSpec(
        "IBAN_CODE",
        r"\b(?:iban" + _PL + r"|international\s+(?:bank\s+)?account" + _NO + r")(?!\w)",
        Shape.ALNUM,
        15,
        34,
    ),
    SlotSpec(
        "US_BANK_NUMBER",
        r"\b(?:(?:bank|checking|savings)\s+account"
        + _PL
        + _NO
        + r"|account\s+(?:number|no|#)"
        + _PL
        + r"|acct"
        + _NO
        + r")(?!\w)",
        Shape.DIGITS,
        4,
        17,
    ),
    SlotSpec(
        "US_MBI",
        r"\b(?:medicare(?:\s+(?:beneficiary|claim|card))?\s+(?:number|no|id|#)"
        + _PL
        + r"|mbi"
        + _PL
        + r"|medicare\s+card)(?!\w)",
        Shape.ALNUM,
        11,
        11,
    ),
    SlotSpec(
        "HEALTH_PLAN_ID",
        r"\b(?:member\s+(?:id|number|#)" + _PL + r"|(?:medicaid|insurance|subscriber)"
        r"\s+(?:id|number|#)" + _PL + r"|medicaid" + _PL + r"|id\s+on\s+(?:the|your)"
        r"\s+(?:insurance\s+)?card)(?!\w)",
        Shape.ALNUM,
        5,
        20,
    ),
    SlotSpec(
        "US_DRIVER_LICENSE",
        r"\b(?:driver['\u2019]?s?\s+licen[cs]e" + _PL + _NO + r"|licen[cs]e\s+(?:number|no|#)"
        r"|licen[cs]e\s+numbers|dl" + _NO + r"|state\s+id" + _NO + r")(?!\w)",
        Shape.ALNUM,
        4,
        20,
    ),
    SlotSpec(
        "US_PASSPORT",
        r"\b(?:passport" + _PL + _NO + r"|travel\s+document" + _PL + _NO + r")(?!\w)",
        Shape.ALNUM,
        6,
        12,
    ),
    SlotSpec(
        "DATE_OF_BIRTH",
        r"\b(?:dates?\s+of\s+birth|birth\s*dates?|birthdays?|birthday['\u2019]?s|dob|d\.o\.b"
        r"|(?:when|what\s+(?:day|date|year))\s+(?:were|was)"
        r"\s+(?:you|he|she|they)\s+born|born\s+on|year\s+of\s+birth)(?!\w)",
        Shape.DATE,
        3,
        8,
    ),
    SlotSpec(
        "ACCOUNT_SECRET",
        r"\b(?:pin" + _NO + r"(?!\s+(?:at\b|(?:on|for)\s+(?:the\s+|a\s+)?map|drop))"
        r"|passcode|password|pass\s+word|security\s+(?:question|answer|word)"
        r"|mother['\u2019]?s\s+maiden\s+name|first\s+pet['\u2019]?s?(?:\s+name)?"
        r"|(?:one[\s-]time|verification|access)\s+code|secret\s+(?:word|answer|question))(?!\w)",
        Shape.SECRET,
        1,
        12,
    ),
    SlotSpec(
        "CHILD_AGE",
        r"\b(?:(?:kid|child|children|son|daughter|grandkid|grandchild|grandchildren)"
        + _PL
        + r"\s+(?:names?|ages?)|names?\s+and\s+ages?|ages?\s+of\s+(?:the|your)\s+(?:kids|children)"
        r"|how\s+old\s+(?:are|is)\s+(?:the|your|his|her)\s+(?:kids?|children|son|daughter|little"
        r"\s+one)" + _PL + r"|anyone\s+else\s+(?:in|at)\s+(?:the|your)\s+(?:household|home|house)"
        r"|who\s+(?:else\s+)?lives\s+with\s+you|household\s+members?|dependents?)(?!\w)",
        Shape.CHILD,
        1,
        4,
    ),
    SlotSpec(
        "CHILD_NAME",
        r"\b(?:(?:first\s+)?names?\s+of\s+(?:the\s+|your\s+)?(?:oldest|youngest|next|other|older"
        r"|younger|middle)|next\s+(?:child|kid|one)|(?:the\s+)?(?:oldest|youngest|middle)(?:\s+one)?"
        r"|(?:his|her|their)\s+names?)(?!\w)",
        Shape.CHILD,
        1,
        4,
        topic=CHILDREN,
        asks="names",
    ),
    SlotSpec(
        "CHILD_AGE",
        r"\b(?:how\s+old\s+(?:are|is|was)\s+(?:they|he|she|[a-z]+)|(?:his|her|their)\s+ages?)(?!\w)",
        Shape.CHILD,
        1,
        4,
        topic=CHILDREN,
        asks="ages",
    ),
)

# An agent turn that asks a question (speech recognizers often drop the "?").
QUESTION = (
    r"\?|^\W*(?:(?:and|so|okay|ok|alright|great|now|also|then)\W+)*(?:is|are|was|were|do|does"
    r"|did|can|could|would|will|have|has|what|what['\u2019]s|when|where|which|who|whose|how|why)\b"
    # an elliptical one: "and your annual income roughly", "now the address"
    r"|^\W*(?:and|now|also|next|then)\s+(?:your|the)\s+\w+"
)
# An agent turn that asks for ordinary lead data: the answer is the lead, no open slot's.
ORDINARY_REQUEST = (
    r"\b(?:(?:phone|cell|callback|call\s+back|contact|good|best)\s+(?:phone\s+)?number"
    r"|number\s+to\s+reach|zip(?:\s+code)?|(?:street|mailing|home|e-?mail)\s+address|e-?mail"
    r"|address|first\s+and\s+last\s+name|full\s+name|your\s+name|how\s+old\s+are\s+you"
    r"|what\s+time|appointment|call\s+you\s+back)\b"
)
# An agent turn that asks for the same again, for someone or something else.
FOLLOW_UP = (
    r"^\W*+(?:(?:okay|ok|great|thanks|thank\s+you|got\s+it|perfect|alright)\W++)*+"
    r"(?:and|what\s+about|how\s+about|now|also|then)?\s*+(?:for\s+)?(?:(?:your|the|his|her)\s+)?"
    r"(?!(?:what|that|it|there|here|who|where|how|let|he|she)['\u2019]s)"
    r"(?:his|hers|her|theirs|their|him|them|[a-z]+['\u2019]s|[a-z]+s['\u2019]"
    r"|(?:wife|husband|spouse|partner|son|daughter|kids?|children|mom|dad|mother|father)"
    r"|(?:the\s+)?other\s+(?:one|card|account|number))\b"
)
# A date asked a part at a time ("what day were you born?" / "what month?" / "and the
# year?"): a question naming a part keeps the date's slot open, and a turn that is only
# a part (a day, a month, a year, in words or digits) fills it.
# The part is what is asked: "what year?", not "what year is the car?".
DATE_PART_QUESTION = (
    r"\b(?:month|year|day)\b\W*+"
    r"(?:(?:please|again|of\s+birth|(?:were|was)\s+\w+\s+born)\W*+)?$"
)
_NUMBER_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth|eleventh|twelfth|[a-z]+teenth|twentieth|thirtieth|january|february"
    r"|march|april|may|june|july|august|september|october|november|december|\d{1,4}(?:st|nd|rd|th)?)"
)
DATE_PART_ANSWER = (
    r"^\W*+(?:(?:um|uh|the|it's|its|it\s+is|in|of|okay|ok|yes|yeah|so)\W++)*+"
    r"(?P<part>" + _NUMBER_WORD + r"(?:[\s-]++" + _NUMBER_WORD + r")*+)\W*+$"
)
# An agent turn that asks for the same value again: the last request reopens.
REPEAT = (
    r"\b(?:once\s+more|one\s+more\s+time|again|(?:to\s+)?confirm|repeat\s+(?:that|it)"
    r"|say\s+(?:that|it)\s+again)\b"
)
# An agent turn that waits for more of the same value: the slot stays open.
CONTINUE = (
    r"\b(?:go\s+on|go\s+ahead|keep\s+going|the\s+rest|and\s+then|what\s+else|next|after\s+that"
    r"|continue|i['\u2019]?m\s+ready|ready|sorry\W+(?:what|say\s+(?:that|again)|again)"
    r"|(?:say|repeat)\s+(?:that|it)\s+again|one\s+more\s+time|come\s+again)\b"
)
# Words after a number that make it money, a time or a quantity, never a slot's value.
NOT_A_VALUE_AFTER = (
    r"\s*(?:dollars?|usd|bucks|cents|percent|%|a\s+month|per\s+month|a\s+year|months?|years?"
    r"|weeks?|days?|hours?|minutes?|am|pm|a\.m|p\.m|o['\u2019]clock|miles|pounds|lbs)\b"
)
NOT_A_VALUE_BEFORE = (
    r"(?:\$|\b(?:at|price|costs?|pay|paid|owe|area\s+code|zip(?:\s+code)?|ext(?:ension)?|apt"
    r"|apartment|suite|unit|room|version|model|year|page|flight|floor|number\s+of|i['\u2019]?m"
    r"|i\s+am|is\s+about|about|around|over|under|not))\W{0,3}$"
)
# Words in a short answer about children that are not a child's name.
CHILD_ANSWER_WORDS = frozenset(
    """
    a an and are at be but by from got has have he he's her hers him his i i'm in is it it's just
    my no not of oh okay ok on one only our she she's so that the their them then there they
    they're this to turned turns turning um uh was we well with yeah yes you your years year old
    months month kids kid child children son daughter sons daughters boy girl boys girls baby
    youngest oldest middle twins twin both all little big age ages name names named called
    will be gonna going next week soon almost about around like still now last just recently
    """.split()
)
