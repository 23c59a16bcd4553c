"""What a whole field value looks like on its own: a date, a card expiry, a PIN, a password.

A lead column called ``c7`` says nothing, so its value has to. These tests read
one whole value (never a phrase inside a note) and answer with what it could
be; :mod:`redaction.record_fields` decides with the rest of the record.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import phonenumbers
import regex

# Every shape a lead vendor writes a date in, as strptime formats (the first parse wins).
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",  # 1958-02-03
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",  # 19580203
    "%m/%d/%Y",  # 02/03/1958, 2/3/1958
    "%m-%d-%Y",
    "%m.%d.%Y",
    "%d.%m.%Y",  # 03.02.1958 (European, when the first reading fails)
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%m%d%Y",  # 02031958
    "%d-%b-%Y",  # 03-Feb-1958
    "%d%b%Y",  # 03FEB1958
    "%d %b %Y",
    "%d-%B-%Y",
    "%d %B %Y",
    "%b %d %Y",  # Feb 3 1958
    "%B %d %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b-%d-%Y",
    "%Y-%b-%d",
)
# Two-digit years, read into the century that makes the date past (2/3/58 -> 1958).
SHORT_YEAR_FORMATS: tuple[str, ...] = (
    "%m/%d/%y",
    "%m-%d-%y",
    "%m.%d.%y",
    "%d-%b-%y",
    "%d %b %y",
    "%b %d %y",
    "%b %d, %y",
)
_DATE_CHARS = regex.compile(r"^[0-9A-Za-z ,./-]{6,20}$")
_ORDINAL = regex.compile(r"(?<=\d)(?:st|nd|rd|th)\b", regex.IGNORECASE)
_SPACES = regex.compile(r"\s+")
# A time of day after the date ("1958-02-03 00:00:00", "1958-02-03T00:00:00Z").
_TIME_TAIL = regex.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


def parse_whole_date(value: str, today: date) -> date | None:
    """The calendar date ``value`` is, when the whole value is one date and nothing else."""
    text = _TIME_TAIL.sub("", value.strip())
    text = _SPACES.sub(" ", _ORDINAL.sub("", text)).strip(" .")
    if not _DATE_CHARS.match(text) or not any(c.isdigit() for c in text):
        return None
    named = any(c.isalpha() for c in text)  # a month name: only the formats with %b/%B
    for fmt, shape in _DATE_SHAPES[named]:
        parsed = _strptime(text, fmt) if shape.fullmatch(text) else None
        if parsed is not None:
            return parsed
    for fmt, shape in _SHORT_YEAR_SHAPES[named]:
        parsed = _strptime(text, fmt) if shape.fullmatch(text) else None
        if parsed is not None:
            return parsed if parsed <= today else parsed.replace(year=parsed.year - 100)
    return None


# What each strptime directive can match, loosened: a shape test admits every text the
# format parses (and some it does not), so strptime runs only where it may succeed.
_DIRECTIVE_SHAPES = {
    "%Y": r"\d{4}",
    "%y": r"\d{2}",
    "%m": r" ?\d{1,2}",
    "%d": r" ?\d{1,2}",
    "%b": r"[^\W\d_]+\.?",
    "%B": r"[^\W\d_]+",
}
_DIRECTIVE = re.compile(r"%[a-zA-Z]|\s+|[^%\s]+")


def format_shape(fmt: str) -> re.Pattern[str]:
    """A loose regex for the texts ``datetime.strptime(text, fmt)`` may accept.

    strptime tells a miss only by raising, about 10 us each; a value tried against
    thirty formats paid that thirty times. A blank in a format matches any run of blanks.
    """
    parts = []
    for piece in _DIRECTIVE.findall(fmt):
        if piece in _DIRECTIVE_SHAPES:
            parts.append(_DIRECTIVE_SHAPES[piece])
        elif piece.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(piece))
    return re.compile("".join(parts), re.IGNORECASE)


def _shapes(formats: tuple[str, ...]) -> dict[bool, tuple[tuple[str, re.Pattern[str]], ...]]:
    """The formats with their shapes, split by whether they name the month (%b/%B)."""
    named = {fmt: "%b" in fmt or "%B" in fmt for fmt in formats}
    return {
        wanted: tuple((fmt, format_shape(fmt)) for fmt in formats if named[fmt] is wanted)
        for wanted in (False, True)
    }


_DATE_SHAPES = _shapes(DATE_FORMATS)
_SHORT_YEAR_SHAPES = _shapes(SHORT_YEAR_FORMATS)


def years_before(earlier: date, later: date) -> int:
    """Whole years from ``earlier`` to ``later`` (an age)."""
    years = later.year - earlier.year
    return years - 1 if (later.month, later.day) < (earlier.month, earlier.day) else years


def is_birth_date_by_age(value: str, today: date, youngest: int = 18, oldest: int = 110) -> bool:
    """A whole date ``youngest`` to ``oldest`` years before ``today``: an adult's birth date."""
    parsed = parse_whole_date(value, today)
    return parsed is not None and youngest <= years_before(parsed, today) <= oldest


_EXPIRY = regex.compile(r"^(?P<m>0?[1-9]|1[0-2])\s?(?P<sep>[/.-]?)\s?(?P<y>\d{2}|\d{4})$")
_EXPIRY_YEAR_FIRST = regex.compile(r"^(?P<y>20\d{2})\s?[/.-]\s?(?P<m>0?[1-9]|1[0-2])$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EXPIRY_NAMED = regex.compile(
    r"^(?P<mon>[a-z]{3})[a-z]*\.?[\s/.-]*(?:'|\u2019)?(?P<y>\d{2}|\d{4})$", regex.IGNORECASE
)


def is_card_expiry(value: str, today: date, years_ahead: int = 20) -> bool:
    """MMYY, MM/YY, MM-YYYY, M/YY, YYYY-MM, Oct 2026: a month and year a card could carry."""
    text = value.strip()
    match = _EXPIRY.match(text) or _EXPIRY_YEAR_FIRST.match(text)
    if match is not None and match.re is _EXPIRY and not match["sep"] and len(match["m"]) == 1:
        return False  # "929" is not a month and a year
    if match is None:
        match = _EXPIRY_NAMED.match(text)
        if match is None or match["mon"].lower() not in _MONTHS:
            return False
    year = int(match["y"])
    year += 2000 if year < 100 else 0
    return today.year - 5 <= year <= today.year + years_ahead


_DIGITS = regex.compile(r"^\d+$")


def digit_count(value: str) -> int:
    """How many digits ``value`` is, when it is digits and nothing else (else 0)."""
    stripped = value.strip()
    return len(stripped) if _DIGITS.match(stripped) else 0


# Letters with a digit or a symbol other than a word's own hyphen, apostrophe or dot.
_PASSWORD = regex.compile(r"^(?=.*\p{L})(?=.*(?:\d|[^\w\s'.-]))[^\s]{6,64}$")
_NOT_A_PASSWORD = regex.compile(
    r"^(?:[\w.+-]+@[\w-]+\.[\w.]+|https?://\S+|www\.\S+|[\d\p{P}\p{S}]+|\$?\d[\d,.]*[kKmM]?)$"
)


def is_password_shaped(value: str) -> bool:
    """One token of 6-64 characters mixing letters with digits or symbols (not a URL or email)."""
    text = value.strip()
    return bool(_PASSWORD.match(text)) and not _NOT_A_PASSWORD.match(text)


def _strptime(text: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(text, fmt).date()
    except ValueError:
        return None


# Identifier shapes a value standing alone in a column has: a letter or three then eight
# or more digits ("X034-4879-6302-06", "CCK527263295474"), or nine digits grouped in
# threes or with a two-digit suffix ("923 766 217", "791295477-03").
_ID_SHAPE = regex.compile(
    r"^(?:[A-Za-z] ?\d{8,16}"  # W22044133118 2, I 923766217661
    r"|[A-Za-z] ?\d{2,5}(?:[ -]\d{1,5}){2,4}"  # X034-4879-6302-06, I 923 766 217 661
    r"|[A-Za-z]{2,3}\d{9,14}"  # CCK527263295474 (a member ID)
    r"|\d{9}-\d{2})$"  # 791295477-03 (a member ID and a dependant suffix)
)


# Eight or nine digits, bare or grouped ("533 646 526", "92 784 367", "15073967"): a state
# license number's shape, and an order number's; only context tells (fail closed there).
_ID_DIGITS = regex.compile(r"^(?!\d{5}-\d{4}$)\d(?:[ -]?\d){7,8}$")  # never a ZIP+4


def is_id_digits(value: str) -> bool:
    """Eight or nine digits, bare or grouped by spaces or dashes (a ZIP+4 is not one)."""
    return bool(_ID_DIGITS.match(value.strip()))


def is_id_shaped(value: str) -> bool:
    """A government or member ID's shape (never a date, a phone or an amount)."""
    return bool(_ID_SHAPE.match(value.strip()))


_MEMORABLE_PASSWORD = regex.compile(
    r"^(?=.{6,})[A-Za-z][a-z]{2,}(?:[A-Z][a-z]+)*[0-9!@#$%^&*?.+=_-]{1,8}$"
)


def is_memorable_password(value: str) -> bool:
    """A word and then digits or symbols ("football2018", "Dallas94!!"): how people pick them."""
    text = value.strip()
    return bool(_MEMORABLE_PASSWORD.match(text)) and any(
        c.isdigit() or not c.isalnum() for c in text
    )


# A phone written as one: "+14179721118", "(415) 555-0132", "415-555-0132", "415 555 0132".
_PHONE_WRITTEN = regex.compile(
    r"^(?:\+1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}$|^\+1?\d{10}$"
)


def is_written_phone(value: str) -> bool:
    """A valid US phone number written the way phone numbers are (not a bare digit run)."""
    text = value.strip()
    if not _PHONE_WRITTEN.match(text):
        return False
    return is_us_phone(text)


def is_us_phone(value: str) -> bool:
    """Ten digits (or 1 and ten) that make a valid US number: an assigned area code."""
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) not in (10, 11):
        return False
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(digits, "US")))
    except phonenumbers.NumberParseException:
        return False


# A coordinate written alone: a signed decimal with at least four places (about 10 m).
_COORDINATE = regex.compile(r"^[-+]?(?P<deg>\d{1,3})\.\d{4,}$")


def coordinate(value: str) -> float | None:
    """The value as one precise coordinate (latitude or longitude), or None."""
    text = value.strip()
    match = _COORDINATE.match(text)
    if match is None or int(match["deg"]) > 180:
        return None
    return float(text)
