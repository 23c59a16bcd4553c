"""Values that are wholly what their field's name says, with no room for anything else.

A field named for ordinary PI (a phone, a name, a ZIP) is still scanned for numbers
and IDs typed into the wrong box: an SSN in ``phone``, a card in ``last_name``. When
the whole value has the exact shape of the named kind and holds nothing a sensitive
value is made of (no digit a number could use, no number word, no second token), no
such value can be in it, and the scan is skipped: it could only find nothing. On a
lead file most ordinary fields are of this kind; each cost a full scan before.

Each shape is a table row, deliberately narrow: a value off its row is scanned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import regex

from redaction.normalize import may_hold_numbers
from redaction.us_states import state_code
from redaction.value_shapes import is_written_phone

# Letters only: one to four words joined by a blank, hyphen, apostrophe or dot.
_NAME = regex.compile(r"^\p{L}+(?:[ '\u2019.-]{1,2}\p{L}+){0,3}\.?$")
# A mailbox of letters with at most two digits at its end (jo.ann.lee7@...), a domain
# of letters: no digit run a number could be read from.
_EMAIL = regex.compile(r"^[A-Za-z]+(?:[._+-][A-Za-z]+)*\d{0,2}@[A-Za-z-]+(?:\.[A-Za-z-]+)+$")
_ZIP = regex.compile(r"^\d{5}$")


def _plain_name(value: str) -> bool:
    text = value.strip()
    return bool(_NAME.match(text)) and not may_hold_numbers(text)


def _plain_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def _plain_state(value: str) -> bool:
    return bool(state_code(value))


def _plain_zip(value: str) -> bool:
    return bool(_ZIP.match(value.strip()))


def _plain_phone(value: str) -> bool:
    return is_written_phone(value)


# Entity type a field's name gives -> the test that its whole value is only that.
PLAIN_SHAPES: Mapping[str, Callable[[str], bool]] = {
    "PERSON": _plain_name,
    "EMAIL_ADDRESS": _plain_email,
    "US_STATE": _plain_state,
    "ZIP_CODE": _plain_zip,
    "PHONE_NUMBER": _plain_phone,
}


def is_plain(entity_type: str, value: str) -> bool:
    """True when ``value`` is wholly a plain ``entity_type`` (then it is not scanned)."""
    shape = PLAIN_SHAPES.get(entity_type)
    return shape is not None and shape(value)
