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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import regex

from redaction.field_names import classify_field, name_tokens
from redaction.recognizers.payment_card import luhn_valid
from redaction.value_shapes import (
    digit_count,
    is_birth_date_by_age,
    is_card_expiry,
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


def name_says_nothing(name: str) -> bool:
    """``custom_12``, ``c7``, ``udf_03``: no token but generic words, short stubs and digits."""
    tokens = [t for t in name_tokens(name).split("_") if t and not t.isdigit()]
    words = [regex.sub(r"\d+", "", t) for t in tokens]
    return all(w in OPAQUE_TOKENS or len(w) <= 1 for w in words)


def names_other_date(name: str) -> bool:
    """``appt_date``, ``created_at``: the field is a date, but not a birth date."""
    return bool(OTHER_DATE_TOKENS.intersection(name_tokens(name).split("_")))


@dataclass(frozen=True)
class RecordFacts:
    """What the record holds elsewhere, which types a field that says nothing."""

    card: bool = False
    expiry: bool = False
    account: bool = False
    login: bool = False
    identity: bool = False

    @property
    def financial(self) -> bool:
        return self.card or self.account


def record_facts(fields: Mapping[str, str], today: date) -> RecordFacts:
    """The card, account, login and identity data the record's names or values show."""
    named = {name: rule.entity_type for name in fields if (rule := classify_field(name))}
    filled = {name for name, value in fields.items() if value.strip()}
    kinds = {kind for name, kind in named.items() if name in filled}
    card = "CREDIT_CARD" in kinds or any(_holds_card_number(v) for v in fields.values())
    return RecordFacts(
        card=card,
        expiry="CARD_EXPIRY" in kinds
        or any(is_card_expiry(v, today) for n, v in fields.items() if n not in named and card),
        account=bool(kinds & (FINANCIAL_TYPES - {"CREDIT_CARD"})),
        login=bool(kinds & SECRET_TYPES)
        or any(USERNAME_NAMES.search(name_tokens(n)) for n in filled),
        identity=bool(kinds & IDENTITY_TYPES),
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
    if facts.card and is_card_expiry(text, today):
        return "CARD_EXPIRY"
    if facts.card and digits in (3, 4):
        return "CARD_SECURITY_CODE"
    if (facts.account or facts.login) and 4 <= digits <= 6:
        return "ACCOUNT_SECRET"
    if facts.login and is_password_shaped(text):
        return "ACCOUNT_SECRET"
    if (facts.financial or facts.identity) and 3 <= digits <= 6:
        return "ACCOUNT_SECRET"  # fail closed: a code of some kind beside financial data
    return None


def classify_record(fields: Mapping[str, str], today: date) -> dict[str, str]:
    """Entity types for the fields no name rule classifies, decided by value and record."""
    facts = record_facts(fields, today)
    found: dict[str, str] = {}
    for name, value in fields.items():
        if classify_field(name) is not None:
            continue
        kind = classify_by_value(name, value, facts, today)
        if kind is not None:
            found[name] = kind
    return found


def _holds_card_number(value: str) -> bool:
    """A Luhn-valid 13-19 digit run anywhere in the value (spaces or dashes between groups)."""
    for match in _CARD_DIGITS.finditer(value):
        digits = "".join(c for c in match.group() if c.isdigit())
        if 13 <= len(digits) <= 19 and len(set(digits)) > 1 and luhn_valid(digits):
            return True
    return False
