"""What a whole field value looks like on its own: a date, a card expiry, a PIN, a password.

A lead column called ``c7`` says nothing, so its value has to. These tests read
one whole value (never a phrase inside a note) and answer with what it could
be; :mod:`redaction.record_fields` decides with the rest of the record.
"""

from __future__ import annotations

from datetime import date, datetime

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
    for fmt in DATE_FORMATS:
        parsed = _strptime(text, fmt)
        if parsed is not None:
            return parsed
    for fmt in SHORT_YEAR_FORMATS:
        parsed = _strptime(text, fmt)
        if parsed is not None:
            return parsed if parsed <= today else parsed.replace(year=parsed.year - 100)
    return None


def years_before(earlier: date, later: date) -> int:
    """Whole years from ``earlier`` to ``later`` (an age)."""
    years = later.year - earlier.year
    return years - 1 if (later.month, later.day) < (earlier.month, earlier.day) else years


def is_birth_date_by_age(value: str, today: date, youngest: int = 18, oldest: int = 110) -> bool:
    """A whole date ``youngest`` to ``oldest`` years before ``today``: an adult's birth date."""
    parsed = parse_whole_date(value, today)
    return parsed is not None and youngest <= years_before(parsed, today) <= oldest


_EXPIRY = regex.compile(r"^(?P<m>0?[1-9]|1[0-2])\s?(?P<sep>[/.-]?)\s?(?P<y>\d{2}|\d{4})$")


def is_card_expiry(value: str, today: date, years_ahead: int = 20) -> bool:
    """MMYY, MM/YY, MM-YYYY, M/YY: a month and a year a card could still (or lately) carry."""
    match = _EXPIRY.match(value.strip())
    if match is None:
        return False
    if not match["sep"] and len(match["m"]) == 1:
        return False  # "929" is not a month and a year
    year = int(match["y"])
    year += 2000 if year < 100 else 0
    return today.year - 5 <= year <= today.year + years_ahead


_DIGITS = regex.compile(r"^\d+$")


def digit_count(value: str) -> int:
    """How many digits ``value`` is, when it is digits and nothing else (else 0)."""
    stripped = value.strip()
    return len(stripped) if _DIGITS.match(stripped) else 0


_PASSWORD = regex.compile(r"^(?=.*\p{L})(?=.*[\d\p{P}\p{S}])[^\s]{6,64}$")
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
