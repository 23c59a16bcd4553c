"""Fields a lead's names cannot classify, classified by their values and the rest of the record.

Lead vendors name columns ``custom_12``, ``c7``, ``udf_03``. Such a name says
nothing, so the value and its neighbours decide: a date an adult lifetime ago
is a birth date; MMYY beside a card number is its expiry; three or four digits
beside a card are its security code; four to six digits beside an account,
username or password are a PIN; a password-shaped token beside a username is
its password. Where the shape is ambiguous and the record already holds
financial data, the value is removed (fail closed).

Pure: the record in, a map of field name to entity type out.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import regex

from redaction.field_names import classify_field, name_tokens
from redaction.recognizers.aba_routing import is_aba_routing
from redaction.recognizers.payment_card import luhn_valid
from redaction.us_states import state_code, zip_fits_state
from redaction.value_shapes import (
    digit_count,
    is_birth_date_by_age,
    is_card_expiry,
    is_id_shaped,
    is_memorable_password,
    is_password_shaped,
)

# Name tokens that say nothing about what a column holds (digits never do).
OPAQUE_TOKENS: frozenset[str] = frozenset(
    {"custom", "cust", "field", "fld", "f", "col", "column", "c", "x", "z", "attr", "attribute",
     "udf", "uf", "user", "defined", "cf", "var", "v", "param", "p", "prop", "property", "q",
     "question", "answer", "ans", "a", "response", "resp", "input", "in", "opt", "option",
     "aux", "extra", "misc", "other", "data", "d", "info", "value", "val", "text", "txt", "str",
     "string", "item", "entry", "slot", "key", "tag", "meta", "generic", "free", "form",
     "additional", "add", "addl", "unnamed", "untitled", "blank", "tmp", "temp", "col_",
     "ext", "ud", "uda", "cfield", "customfield", "flex", "flexfield", "spare", "reserved"}
)  # fmt: skip
# Names that say a field is some other date than a birth (never read as one by age).
OTHER_DATE_TOKENS: frozenset[str] = frozenset(
    {"created", "create", "updated", "update", "modified", "mod", "timestamp", "ts", "time",
     "appt", "appointment", "callback", "call", "contact", "contacted", "signup", "registered",
     "registration", "reg", "purchase", "purchased", "order", "effective", "eff", "start",
     "started", "end", "ended", "expires", "expiry", "expiration", "exp", "renewal", "policy",
     "hire", "hired", "move", "moved", "since", "last", "first", "next", "submit", "submitted",
     "received", "sent", "opened", "closed", "close", "due", "paid", "install", "service",
     "visit", "import", "imported", "upload", "uploaded", "lead", "quote", "sold", "built",
     "anniversary", "wedding", "issue", "issued", "delivery", "scheduled", "event", "travel",
     "departure", "arrival", "checkin", "checkout", "enroll", "enrolled", "enrollment"}
)  # fmt: skip
# Names of a login: the account a PIN or a password belongs to.
USERNAME_NAMES = regex.compile(
    r"(?:^|_)(?:user_?name|usr_?name|uname|user_?id|login(?:_?(?:name|id))?|screen_?name"
    r"|handle|u)(?:$|_)"
)
_CARD_DIGITS = regex.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")

FINANCIAL_TYPES = frozenset({"CREDIT_CARD", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "IBAN_CODE"})
IDENTITY_TYPES = frozenset(
    {"US_SSN", "US_ITIN", "US_DRIVER_LICENSE", "US_PASSPORT", "US_MBI", "HEALTH_PLAN_ID"}
)
SECRET_TYPES = frozenset({"ACCOUNT_SECRET"})
HEALTH_TYPES = frozenset(
    {"US_MBI", "HEALTH_PLAN_ID", "HEALTH_CONDITION", "MEDICATION", "MEDICAL_TREATMENT"}
)
# A security question in a column: the next column holds its answer.
SECURITY_QUESTION = regex.compile(
    r"(?i)(?:mother['\u2019]?s?\s+maiden|maiden\s+name|\bmmn\b|first\s+(?:pet|car|school|job|teacher)"
    r"|street\s+you\s+grew\s+up|city\s+(?:you\s+were|were\s+you)\s+born|where\s+you\s+were\s+born"
    r"|favou?rite\s+(?:teacher|color|colour|food|movie|book|team|sport|place)|high\s+school\s+mascot"
    r"|childhood\s+(?:friend|nickname|best\s+friend|hero)|name\s+of\s+your|what\s+(?:is|was)\s+your"
    r"|security\s+question)"
)
# What a first pass finds that a second pass may use (never a code removed to fail closed).
FIRST_PASS_FACTS = FINANCIAL_TYPES | IDENTITY_TYPES | {"DATE_OF_BIRTH"}
# Kinds a value given in two fields of one record cannot be (a secret is given once).
REPEATABLE_NOT = frozenset({"ACCOUNT_SECRET", "CARD_SECURITY_CODE"})


@functools.lru_cache(maxsize=8192)
def name_says_nothing(name: str) -> bool:
    """``custom_12``, ``c7``, ``udf_03``: no token but generic words, short stubs and digits."""
    tokens = [t for t in name_tokens(name).split("_") if t and not t.isdigit()]
    words = [regex.sub(r"\d+", "", t) for t in tokens]
    return all(w in OPAQUE_TOKENS or len(w) <= 1 for w in words)


@functools.lru_cache(maxsize=8192)
def names_other_date(name: str) -> bool:
    """``appt_date``, ``created_at``: the field is a date, but not a birth date."""
    return bool(OTHER_DATE_TOKENS.intersection(name_tokens(name).split("_")))


@dataclass(frozen=True)
class RecordFacts:
    """What the record holds elsewhere, which types a field that says nothing."""

    card: bool = False
    # An American Express card: its security code has four digits, every other brand's three.
    amex: bool = False
    expiry: bool = False
    # A routing number: an account number is beside it.
    routing: bool = False
    account: bool = False
    login: bool = False
    identity: bool = False
    health: bool = False
    # The consumer's state (a two-letter code), where a field gives it.
    state: str = ""

    @property
    def financial(self) -> bool:
        return self.card or self.account or self.routing


def record_facts(
    fields: Mapping[str, str], today: date, found: Mapping[str, str] | None = None
) -> RecordFacts:
    """The card, account, login, identity and health data the record's names or values show.

    ``found``: kinds already given to fields whose names say nothing (a second pass
    sees the routing number or the password the first pass found).
    """
    named = {name: rule.entity_type for name in fields if (rule := classify_field(name))}
    filled = {name for name, value in fields.items() if value.strip()}
    kinds = {kind for name, kind in named.items() if name in filled}
    # What a first pass found counts if it is an account (a PIN beside it), never a code
    # removed to fail closed (that would make every token beside it a password).
    kinds |= {kind for kind in (found or {}).values() if kind in FIRST_PASS_FACTS}
    cards = [number for value in fields.values() for number in _card_numbers(value)]
    card = "CREDIT_CARD" in kinds or bool(cards)
    amex = any(len(n) == 15 and n[:2] in ("34", "37") for n in cards) or any(
        kind == "CREDIT_CARD" and _is_amex(fields[name]) for name, kind in named.items()
    )
    unnamed = [v for n, v in fields.items() if n not in named]
    return RecordFacts(
        card=card,
        amex=amex,
        expiry="CARD_EXPIRY" in kinds or (card and any(is_card_expiry(v, today) for v in unnamed)),
        routing="ABA_ROUTING_NUMBER" in kinds,
        account=bool(kinds & {"US_BANK_NUMBER", "IBAN_CODE"}),
        login=bool(kinds & SECRET_TYPES)
        or any(USERNAME_NAMES.search(name_tokens(n)) for n in filled)
        or any(SECURITY_QUESTION.search(v) for v in unnamed),
        identity=bool(kinds & (IDENTITY_TYPES | {"DATE_OF_BIRTH"})),
        health=bool(kinds & HEALTH_TYPES),
        state=next((code for v in fields.values() if (code := _state_value(v))), ""),
    )


def classify_by_value(name: str, value: str, facts: RecordFacts, today: date) -> str | None:
    """The entity type a field's value is, given the record, when its name says nothing."""
    text = value.strip()
    if not text:
        return None
    if not names_other_date(name) and is_birth_date_by_age(text, today):
        return "DATE_OF_BIRTH"
    if not name_says_nothing(name):
        return None
    digits = digit_count(text)
    if digits == 9 and is_aba_routing(text):
        return "ABA_ROUTING_NUMBER"
    if facts.routing and not facts.account and 6 <= digits <= 17:
        return "US_BANK_NUMBER"  # the one account beside the routing number
    if facts.card and is_card_expiry(text, today):
        return "CARD_EXPIRY"
    if facts.card and digits == (4 if facts.amex else 3):
        return "CARD_SECURITY_CODE"
    round_number = digits >= 4 and text.endswith("00")  # 7500, 20000: an amount
    if digits == 5 and facts.state and zip_fits_state(text, facts.state):
        return None  # the record's ZIP code
    year = digits == 4 and 1900 <= int(text) <= today.year + 1
    if (facts.account or facts.login) and 4 <= digits <= 6 and not round_number:
        return "ACCOUNT_SECRET"
    if facts.login and is_password_shaped(text):
        return "ACCOUNT_SECRET"
    if facts.financial and is_memorable_password(text):
        return "ACCOUNT_SECRET"  # "football2018" beside a bank account: its password
    if (facts.financial or facts.identity) and 3 <= digits <= 6 and not (round_number or year):
        return "ACCOUNT_SECRET"  # fail closed: a code of some kind beside financial data
    if (facts.identity or facts.health or facts.financial) and is_id_shaped(text):
        return "HEALTH_PLAN_ID" if facts.health else "US_DRIVER_LICENSE"  # fail closed
    return None


def classify_record(fields: Mapping[str, str], today: date) -> dict[str, str]:
    """Entity types for the fields no name rule classifies, decided by value and record.

    Two passes: what the first finds (a routing number, a password) is context for
    the second (the account beside it, the PIN beside the password). The answer to
    a security question is the value of the next column.
    """
    # A value said twice in one record (a zip in two address blocks) is no secret.
    seen = Counter(value.strip() for value in fields.values() if value.strip())
    found: dict[str, str] = {}
    for _ in range(2):
        facts = record_facts(fields, today, found)
        found = {}
        after_question = False
        for name, value in fields.items():
            if classify_field(name) is not None:
                after_question = False
                continue
            kind = classify_by_value(name, value, facts, today)
            opaque = name_says_nothing(name)
            if kind is None and after_question and opaque and 0 < len(value.strip()) <= 60:
                kind = "ACCOUNT_SECRET"  # the answer to the question in the column before
            after_question = opaque and len(value) <= 120 and bool(SECURITY_QUESTION.search(value))
            if kind in REPEATABLE_NOT and seen[value.strip()] > 1:
                continue
            if kind is not None:
                found[name] = kind
    return found


def _card_numbers(value: str) -> list[str]:
    """Luhn-valid 13-19 digit runs in the value (spaces or dashes between groups)."""
    found = []
    for match in _CARD_DIGITS.finditer(value):
        digits = "".join(c for c in match.group() if c.isdigit())
        if 13 <= len(digits) <= 19 and len(set(digits)) > 1 and luhn_valid(digits):
            found.append(digits)
    return found


def _state_value(value: str) -> str:
    """A two-letter state code standing alone as a field's value ("WI"), else ""."""
    text = value.strip()
    return state_code(text) if len(text) == 2 and text.isupper() else ""


def _is_amex(value: str) -> bool:
    digits = "".join(c for c in value if c.isdigit())
    return len(digits) == 15 and digits[:2] in ("34", "37")
