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

from redaction.field_names import (
    classify_field,
    classify_value,
    name_says_nothing,
    name_tokens,
)
from redaction.recognizers.aba_routing import is_aba_routing
from redaction.recognizers.payment_card import luhn_valid
from redaction.us_states import state_code, zip_fits_state
from redaction.value_shapes import (
    coordinate,
    digit_count,
    is_birth_date_by_age,
    is_card_expiry,
    is_id_digits,
    is_id_shaped,
    is_memorable_password,
    is_password_shaped,
    is_us_phone,
    parse_whole_date,
)

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
    r"(?:^|_)(?:user_?name|usr_?name|uname|login(?:_?name)?|screen_?name|online_?id|handle)(?:$|_)"
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
    r"(?i)(?:mother['\u2019]?s?\s+maiden|maiden\s+name|\bmmn\b|first\s+(?:pet|car|school|teacher)"
    r"|street\s+you\s+grew\s+up|city\s+(?:you\s+were|were\s+you)\s+born|where\s+you\s+were\s+born"
    r"|favou?rite\s+(?:teacher|childhood|sports?\s+team|pet)|high\s+school\s+mascot"
    r"|childhood\s+(?:friend|nickname|best\s+friend|hero)|security\s+question)"
)
# What one pass finds that the next may use as an anchor. Never a secret it found: a PIN
# taken to fail closed would make every letter-and-digit token beside it a "password".
FIRST_PASS_FACTS = FINANCIAL_TYPES | IDENTITY_TYPES | {"DATE_OF_BIRTH", "CARD_EXPIRY"}
# Kinds a value given in two fields of one record cannot be (a secret is given once).
REPEATABLE_NOT = frozenset({"ACCOUNT_SECRET"})


@functools.lru_cache(maxsize=8192)
def names_other_date(name: str) -> bool:
    """``appt_date``, ``created_at``: the field is a date, but not a birth date."""
    return bool(OTHER_DATE_TOKENS.intersection(name_tokens(name).split("_")))


PASSES = 4
# Where US consumers live: latitudes and longitudes from Puerto Rico and Hawaii to Alaska.
US_LATITUDES = (17.0, 72.0)
US_LONGITUDES = (-180.0, -64.0)


@dataclass(frozen=True)
class RecordFacts:
    """Where the record holds what types a field beside it: column positions, by kind."""

    card: tuple[int, ...] = ()
    # An American Express card: its security code has four digits, every other brand's three.
    amex: bool = False
    expiry: tuple[int, ...] = ()
    routing: tuple[int, ...] = ()
    account: tuple[int, ...] = ()
    login: tuple[int, ...] = ()
    identity: bool = False
    health: bool = False
    # The consumer's state (a two-letter code), where a field gives it.
    state: str = ""

    @property
    def financial(self) -> bool:
        return bool(self.card or self.account or self.routing)


def beside(anchors: tuple[int, ...], index: int) -> bool:
    """True when a field other than column ``index`` is an anchor: "beside" is the record.

    Not the next column: a gRPC lead's fields are a map, which keeps no order, so
    the column next to a card in the vendor's file may arrive anywhere.
    """
    return any(anchor != index for anchor in anchors)


def record_facts(
    fields: Mapping[str, str], today: date, found: Mapping[str, str] | None = None
) -> RecordFacts:
    """Where the card, account, login, identity and health data of the record stand.

    ``found``: kinds already given to fields whose names say nothing (a second pass
    sees the routing number the first pass found, and the account beside it).
    """
    names = list(fields)
    kinds: dict[int, str] = {}
    for index, name in enumerate(names):
        rule = classify_field(name)
        if not fields[name].strip():
            continue
        if rule is not None:
            kinds[index] = rule.entity_type
        elif (found or {}).get(name) in FIRST_PASS_FACTS:
            kinds[index] = (found or {})[name]

    def at(*wanted: str) -> tuple[int, ...]:
        return tuple(i for i, kind in kinds.items() if kind in wanted)

    values = [fields[name] for name in names]
    card = at("CREDIT_CARD") + tuple(i for i, v in enumerate(values) if _card_numbers(v))
    amex = any(_is_amex(values[i]) for i in card) or any(
        len(n) == 15 and n[:2] in ("34", "37") for v in values for n in _card_numbers(v)
    )
    unnamed = [i for i in range(len(names)) if classify_field(names[i]) is None]
    login = (
        at(*SECRET_TYPES)
        + tuple(
            i
            for i, n in enumerate(names)
            if values[i].strip() and USERNAME_NAMES.search(name_tokens(n))
        )
        + tuple(i for i in unnamed if SECURITY_QUESTION.search(values[i]))
    )
    return RecordFacts(
        card=card,
        amex=amex,
        expiry=at("CARD_EXPIRY"),
        routing=at("ABA_ROUTING_NUMBER"),
        account=at("US_BANK_NUMBER", "IBAN_CODE"),
        login=login,
        identity=bool(at(*IDENTITY_TYPES, "DATE_OF_BIRTH")),
        health=bool(at(*HEALTH_TYPES)),
        state=next((code for v in values if (code := _state_value(v))), ""),
    )


def classify_by_value(
    name: str, value: str, facts: RecordFacts, today: date, index: int = -1
) -> str | None:
    """The entity type a field's value is, given the record, when its name says nothing.

    ``index``: the field's column position (an anchor is never the field itself).
    """
    text = value.strip()
    if not text:
        return None
    if not names_other_date(name) and is_birth_date_by_age(text, today):
        return "DATE_OF_BIRTH"
    if not name_says_nothing(name):
        return None
    digits = digit_count(text)
    if digits == 9 and is_aba_routing(text):
        return "ABA_ROUTING_NUMBER"  # the checksum says so (a random SSN passes 1 time in 30)
    if classify_value(name, text) == "US_SSN":
        return "US_SSN"  # an issuable SSN's shape before the fail-closed license rule
    if (
        not any(column != index for column in facts.account)
        and beside(facts.routing, index)
        and 6 <= digits <= 17
        and not is_us_phone(text)
        and not _card_numbers(text)  # a card beside a routing number is still a card
    ):
        return "US_BANK_NUMBER"  # the account beside its routing number
    near_card = beside(facts.card, index)
    if near_card and is_card_expiry(text, today):
        return "CARD_EXPIRY"
    if near_card and digits == (4 if facts.amex else 3):
        return "CARD_SECURITY_CODE"
    if digits == 5 and facts.state and zip_fits_state(text, facts.state):
        return None  # the record's ZIP code
    near_login = beside(facts.login, index)
    if (near_login or beside(facts.account, index)) and 4 <= digits <= 6:
        # A PIN. Not a year (a vehicle's, a roof's) or a round amount: in a wide export
        # beside an account those are far likelier than a PIN shaped like them.
        year = digits == 4 and 1900 <= int(text) <= today.year + 1
        return None if year or text.endswith("00") else "ACCOUNT_SECRET"
    if near_login and is_password_shaped(text):
        return "ACCOUNT_SECRET"
    if beside(facts.account + facts.routing, index) and is_memorable_password(text):
        return "ACCOUNT_SECRET"  # "football2018" beside a bank account: its password
    if (facts.identity or facts.health or facts.financial) and is_id_shaped(text):
        return "HEALTH_PLAN_ID" if facts.health else "US_DRIVER_LICENSE"  # fail closed
    if facts.identity and is_id_digits(text) and parse_whole_date(text, today) is None:
        return "US_DRIVER_LICENSE"  # 8-9 digits beside an SSN or a birth date: fail closed
    return None


def coordinate_pair(fields: Mapping[str, str]) -> set[str]:
    """Fields holding a latitude and a longitude as two precise decimals (one each).

    A location split over two columns says nothing in either alone; together, a
    precise latitude and longitude of the US (Puerto Rico to Alaska) are a place.
    """
    values = {
        name: c
        for name, value in fields.items()
        if classify_field(name) is None and (c := coordinate(value)) is not None
    }
    latitudes = {n for n, c in values.items() if US_LATITUDES[0] <= c <= US_LATITUDES[1]}
    longitudes = {n for n, c in values.items() if US_LONGITUDES[0] <= c <= US_LONGITUDES[1]}
    if not latitudes or not longitudes:
        return set()  # "0.8731" and "0.1234" are scores, not a place
    return latitudes | longitudes


def classify_record(fields: Mapping[str, str], today: date) -> dict[str, str]:
    """Entity types for the fields no name rule classifies, decided by value and record.

    Passes until nothing changes (at most ``PASSES``): what one finds (a routing
    number, a password) is the anchor of the next (the account beside it, the PIN
    beside the password). The answer to a security question is the next column.
    """
    # A value said twice in one record (a zip in two address blocks) is no secret.
    seen = Counter(value.strip() for value in fields.values() if value.strip())
    found: dict[str, str] = dict.fromkeys(coordinate_pair(fields), "PRECISE_GEOLOCATION")
    for _ in range(PASSES):
        facts = record_facts(fields, today, found)
        previous, found = found, dict(found)  # what a pass found stays found
        after_question = False
        for index, (name, value) in enumerate(fields.items()):
            if classify_field(name) is not None:
                after_question = False
                continue
            kind = classify_by_value(name, value, facts, today, index)
            opaque = name_says_nothing(name)
            if kind is None and after_question and opaque and 0 < len(value.strip()) <= 60:
                kind = "ACCOUNT_SECRET"  # the answer to the question in the column before
            after_question = opaque and len(value) <= 120 and bool(SECURITY_QUESTION.search(value))
            if kind in REPEATABLE_NOT and seen[value.strip()] > 1:
                continue
            if kind is not None:
                found.setdefault(name, kind)
        if found == previous:
            break
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
    """A state standing alone as a field's value ("WI", "Illinois"), else ""."""
    text = value.strip()
    if len(text) == 2 and not text.isupper():
        return ""  # "in", "or", "me" are words before they are states
    return state_code(text)


def _is_amex(value: str) -> bool:
    digits = "".join(c for c in value if c.isdigit())
    return len(digits) == 15 and digits[:2] in ("34", "37")
