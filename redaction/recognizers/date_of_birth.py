"""Dates of birth, typed or spoken, counted only next to a birth cue.

A sales call is full of dates (appointments, policy starts, card expiry), and
a date alone says nothing about whose birthday it is, so every form here needs
a birth cue ("date of birth", "dob", "born", "birthday") nearby. Transcripts
are scanned as written and again with spoken numbers rewritten as digits
(``redaction.normalize``): "oh three one five nineteen fifty" arrives as
"03151950" and "march twenty three nineteen fifty four" as "march 231954",
while ordinal days ("twenty third") stay words. Both shapes are matched here.

A month and year alone ("born in march 1954") and a year alone are not
matched: they are not a date, and "born in 1954" is said of cars and houses
too. A month and day without a year counts only right after the cue ("my
birthday is march 23rd").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers._cued import (
    REGEX_TIMEOUT_SECONDS,
    CuedPattern,
    CuedPatternRecognizer,
    all_matches,
)

_FLAGS = regex.IGNORECASE | regex.UNICODE

EARLIEST_YEAR = 1900
# Nobody is born in the future; read once, at import, like the patterns.
LATEST_YEAR = date.today().year
# A whole date this many years back or more is removed even without a birth cue.
ADULT_YEARS = 18
ADULT_DATE_SCORE = 0.5

_MONTH = (
    r"(?<!\w)(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\w)\.?"
)
_ORDINAL_UNIT = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
# Days as callers say them: "third", "twenty third", "thirtieth".
_DAY_WORD = (
    r"(?:twenty[\s-]{0,2}(?:" + _ORDINAL_UNIT + r")|thirty[\s-]{0,2}first|twentieth|thirtieth"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    r"|eighteenth|nineteenth|" + _ORDINAL_UNIT + r")(?!\w)"
)
_DAY = r"(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d:])|(?P<dw>" + _DAY_WORD + r"))"
_UNIT = "one|two|three|four|five|six|seven|eight|nine"
# A two-digit year left in words: the normalizer rewrites runs of three digits or more only.
_YEAR_WORDS = (
    r"(?:(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-]{1,2}(?:" + _UNIT + r"))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:oh|o)[\s-]{1,2}(?:" + _UNIT + r"))(?!\w)"
)
_YEAR = r"(?:(?P<y>\d{4}|['\u2019]?\d{2})(?![\w/]|[.:-]\d)|(?P<yw>" + _YEAR_WORDS + r"))"
_BEFORE_YEAR = r"(?:\s*,\s*|\s+)(?:(?:of|in)\s+)?"

# No digit group, price or path may run into a numeric date on either side.
_NOT_AFTER = r"(?<![\w$/.])(?<!\d[-:,])"
_NOT_BEFORE = r"(?![\w/%]|[.:,-]\d)"
# Digits right after a month name are a day and year ("march 231954"), read by their own pattern.
_NOT_AFTER_MONTH = (
    r"(?<!\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s{1,3}(?:the\s+)?)"
)
# Where a sentence or a transcript segment ends.
_SENTENCE_END = regex.compile(r"[.!?;](?:\s|$)|\n", _FLAGS)
# Amounts and counts that a bare digit run may be followed by.
_NOT_AN_AMOUNT = r"(?!\s*(?:dollars|bucks|cents|percent|miles|a\s+month|a\s+year|per)\b)"

# The cue itself, right before a month and day without a year.
_ADJACENT_CUE = (
    r"(?<=\b(?:birthday|b-?day|birth\s*date|date\s+of\s+birth|d\.?o\.?b\.?|born\s+on)"
    r"(?:\s+is|\s+was|['\u2019]s)?\s{0,3}[:,-]?\s{1,3}(?:on\s+)?(?:the\s+)?)"
)


class DateOfBirthRecognizer(CuedPatternRecognizer):
    """A full date (numeric, ISO, month name, spoken digits) with a birth cue near it.

    Month must be 1-12, day 1-31 and a four-digit year 1900 to this year.
    Where a typed date reads both ways (05/04/1950) either order counts.
    The nearest phrase before the date decides: a birth cue, or a phrase
    that names another date ("policy started", "appointment", "expires")
    unless that phrase only rode along in the birth question ("your date of
    birth on the policy?").
    A cue after the date counts unless it leads into another date ("03/15/2019,
    my birthday is ...") or another date phrase stands between.
    """

    ENTITY: ClassVar[str] = "DATE_OF_BIRTH"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "dob_numeric",  # 3/15/1950, 03-15-50, 15.03.1950
            _NOT_AFTER
            + r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
            + _NOT_BEFORE,
            0.5,
            needs_cue=True,
        ),
        CuedPattern(
            "dob_iso",  # 1950-03-15
            _NOT_AFTER
            + r"(?P<y>\d{4})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
            + _NOT_BEFORE,
            0.5,
            needs_cue=True,
        ),
        CuedPattern(
            "dob_digits",  # spoken "oh three one five nineteen fifty" -> 03151950
            r"(?<![\w$.,/:-])"
            + _NOT_AFTER_MONTH
            + r"(?P<digits>\d{6,8})(?![\w%]|[.,/:-]\d)"
            + _NOT_AN_AMOUNT,
            0.5,
            needs_cue=True,
        ),
        CuedPattern(
            "dob_month_day_year",  # march 3rd, 1954 / march the third 54 / mar 3 '54
            _MONTH + r",?\s+(?:the\s+)?" + _DAY + _BEFORE_YEAR + _YEAR,
            0.5,
            needs_cue=True,
        ),
        CuedPattern(
            "dob_month_digits",  # spoken "march twenty three nineteen fifty four" -> march 231954
            _MONTH + r",?\s+(?:the\s+)?(?P<run>\d{3,6})(?![\w/]|[.,:-]\d)" + _NOT_AN_AMOUNT,
            0.5,
            needs_cue=True,
        ),
        CuedPattern(
            "dob_day_month_year",  # 23rd march 1954 / twenty third of march 1954
            r"(?<![\w$/.])" + _DAY + r"\s+(?:of\s+)?" + _MONTH + _BEFORE_YEAR + _YEAR,
            0.5,
            needs_cue=True,
        ),
        CuedPattern(
            "dob_day_mon_year_joined",  # 03-Feb-1958, 3/feb/58, 03.Feb.1958
            r"(?<![\w$/.])(?P<d>\d{1,2})(?P<sep>[-/.])"
            + _MONTH
            + r"(?P=sep)(?P<y>\d{4}|\d{2})"
            + _NOT_BEFORE,
            0.5,
            needs_cue=True,
        ),
        CuedPattern(
            "dob_day_mon_year_compact",  # 03FEB1958, as mainframes and vendors export it
            r"(?<![\w$/.])(?P<d>\d{2})(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
            r"(?P<y>\d{4})(?!\w)",
            0.5,
            needs_cue=True,
        ),
        CuedPattern(
            "dob_month_day",  # "my birthday is march 23rd": no year, cue right before
            _ADJACENT_CUE
            + r"(?:"
            + _MONTH
            + r"\s+(?:the\s+)?"
            + _DAY
            + r"|"
            + _DAY
            + r"\s+(?:of\s+)?"
            + _MONTH
            + r"|(?<![\w/])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.:-]\d))",
            0.5,
            needs_cue=True,
        ),
    )
    CUE: ClassVar[str] = (
        r"\b(?:dates?\s+of\s+birth|d\.?\s?o\.?\s?b|birth\s*dates?|birthdays?|b-?days?"
        r"|year\s+of\s+birth|born(?!\s+(?:and\s+raised|again)\b))(?!\w)"
    )
    # Phrases that name some other date; nearer to the date than the cue, they win.
    COUNTER_CUE: ClassVar[str] = (
        r"\b(?:appointments?|appt|schedul(?:e|ed|ing)|polic(?:y|ies)|effective|coverage"
        r"|start(?:s|ed|ing)?|began|begins?|expir(?:es|ed|y|ation|ing)|exp|due|renew(?:s|ed|al)?"
        r"|deliver(?:y|ed)|install(?:ed|ation)?|moved|married|anniversary|hired|paid|payments?"
        r"|purchased?|bought|ordered|since|visit(?:ed)?|surgery|today['\u2019]?s\s+date"
        r"|today\s+is|call(?:ed)?\s+(?:back|on)|last\s+(?:seen|paid))(?!\w)"
    )
    CUE_SCORE: ClassVar[float] = 0.85
    # The agent asks ("what's your date of birth?") a segment before the answer.
    WINDOW_BEFORE: ClassVar[int] = 100
    WINDOW_AFTER: ClassVar[int] = 40
    # An after-cue followed this closely by another date is that date's cue.
    CUE_LEAD_IN: ClassVar[int] = 25

    def __init__(self) -> None:
        super().__init__()
        self._counter_cue = regex.compile(self.COUNTER_CUE, _FLAGS)

    def is_valid(self, matched: str) -> bool:
        """True when ``matched`` alone is a full date some pattern reads as valid."""
        return any(
            (m := compiled.fullmatch(matched, timeout=REGEX_TIMEOUT_SECONDS)) is not None
            and is_plausible_birth_date(m)
            for _, compiled in self._compiled
        )

    def has_cue(self, text: str, start: int, end: int) -> bool:
        """True when a birth cue, not another date phrase, is the nearest phrase."""
        return self._birth_cued(text, start, end, ())

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Find valid dates, keep those a birth cue names, drop spans inside longer ones."""
        found: dict[tuple[int, int], CuedPattern] = {}
        adult: set[tuple[int, int]] = set()
        for cued, compiled in self._compiled:
            for match in all_matches(compiled, text):
                if match.end() > match.start() and is_plausible_birth_date(match):
                    found.setdefault(match.span(), cued)
                    if is_adult_full_date(match):
                        adult.add(match.span())
        starts = sorted(start for start, _ in found)
        results: list[RecognizerResult] = []
        widest_end = -1
        # Longest first at each start, so a span inside an earlier one is seen as such.
        for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
            inside = end <= widest_end
            widest_end = max(widest_end, end)
            if inside:
                continue
            cued = found[(start, end)]
            if self._birth_cued(text, start, end, starts):
                score = max(cued.score, self.CUE_SCORE)
            elif (start, end) in adult:
                score = ADULT_DATE_SCORE  # no cue, but a whole date an adult lifetime ago
            else:
                continue
            results.append(self._result(start, end, score, cued.name))
        return results

    def _birth_cued(self, text: str, start: int, end: int, starts: Sequence[int]) -> bool:
        """Nearest phrase before the date is a birth cue, or a clean birth cue follows it."""
        low = max(0, start - self.WINDOW_BEFORE)
        cue = _last_span(self._cue, text, low, start)
        if cue is not None:
            counter = _last_span(self._counter_cue, text, low, start)
            if (
                counter is None
                or counter[1] <= cue[1]
                or not _names_other_date(text, cue, counter, start)
            ):
                return True
        high = min(len(text), end + self.WINDOW_AFTER)
        after = self._cue.search(text, end, high, timeout=REGEX_TIMEOUT_SECONDS)
        if after is None:
            return False
        if self._counter_cue.search(text, end, after.start(), timeout=REGEX_TIMEOUT_SECONDS):
            return False
        # Another date starting just after the cue is the one it introduces.
        first = bisect_left(starts, after.end())
        return not (first < len(starts) and starts[first] <= after.end() + self.CUE_LEAD_IN)


def _last_span(
    pattern: regex.Pattern[str], text: str, low: int, high: int
) -> tuple[int, int] | None:
    """Span of the last match of ``pattern`` inside ``text[low:high]``, if any."""
    last = None
    for match in pattern.finditer(text, low, high, timeout=REGEX_TIMEOUT_SECONDS):
        last = match.span()
    return last


def _names_other_date(
    text: str, cue: tuple[int, int], counter: tuple[int, int], start: int
) -> bool:
    """True when a counter-cue between the cue and the date is what the date answers.

    It is, when it stands in the date's own sentence ("... your policy started
    03/15/2019") or in a later sentence than the cue (the agent has moved on).
    A counter-cue in the cue's own sentence, with the date in the next one,
    is part of the question ("your date of birth on the policy?", then the date).
    """
    if not _SENTENCE_END.search(text, counter[1], start, timeout=REGEX_TIMEOUT_SECONDS):
        return True
    return bool(_SENTENCE_END.search(text, cue[1], counter[0], timeout=REGEX_TIMEOUT_SECONDS))


def is_plausible_birth_date(match: regex.Match[str]) -> bool:
    """True when the month, day and year a pattern captured make a possible birth date."""
    groups = match.groupdict()
    if groups.get("digits"):
        return _digits_are_date(groups["digits"])
    year = groups.get("y")
    if year is not None and not _year_ok(year.lstrip("'\u2019")):
        return False
    if groups.get("run"):
        return _run_is_day_and_year(groups["run"])
    if groups.get("a") and groups.get("b"):
        first, second = int(groups["a"]), int(groups["b"])
        return (_month_ok(first) and _day_ok(second)) or (_month_ok(second) and _day_ok(first))
    if groups.get("m"):
        return _month_ok(int(groups["m"])) and _day_ok(int(groups["d"]))
    if groups.get("d"):
        return _day_ok(int(groups["d"]))
    return bool(groups.get("dw"))


def is_adult_full_date(match: regex.Match[str]) -> bool:
    """A whole date (day, month, four-digit year) at least ``ADULT_YEARS`` years ago.

    Without a cue such a date is still far likelier a birth date than anything a
    sales call schedules, and identifying either way: it is removed (fail safe),
    as stock Presidio removes every date.
    """
    groups = match.groupdict()
    year = groups.get("y") or ""
    run = groups.get("run") or ""
    digits = groups.get("digits") or ""
    if run and len(run) in (5, 6) and _run_is_day_and_year(run):
        year = run[-4:]  # spoken "may six nineteen ninety four" -> "may 61994"
    elif len(digits) in (6, 7, 8) and _mdy_year_last(digits):
        year = digits[-4:]  # spoken "three eleven nineteen fifty four" -> "3111954"
    elif len(digits) == 8 and _mdy(digits[4:6], digits[6:], digits[:4]):
        year = digits[:4]  # typed "19580203" (yyyymmdd)
    elif len(year) != 4 or not year.isdigit():
        return False
    else:
        day = groups.get("d") or groups.get("dw") or (groups.get("a") and groups.get("b"))
        if not day:
            return False
    return EARLIEST_YEAR <= int(year) <= LATEST_YEAR - ADULT_YEARS


def _mdy_year_last(digits: str) -> bool:
    """True when the digits read month, day, then a four-digit year ("361972", "3111954")."""
    head, year = digits[:-4], digits[-4:]
    splits = [(head[:i], head[i:]) for i in (1, 2) if 0 < i < len(head) and len(head) - i <= 2]
    return any(_mdy(month, day, year) for month, day in splits)


def _month_ok(month: int) -> bool:
    return 1 <= month <= 12


def _day_ok(day: int) -> bool:
    return 1 <= day <= 31


def _year_ok(year: str) -> bool:
    """Two-digit years fit some century; four-digit ones must be 1900 to this year."""
    if len(year) == 2:
        return year.isdigit()
    return len(year) == 4 and year.isdigit() and EARLIEST_YEAR <= int(year) <= LATEST_YEAR


def _mdy(month: str, day: str, year: str) -> bool:
    return _month_ok(int(month)) and _day_ok(int(day)) and _year_ok(year)


def _digits_are_date(digits: str) -> bool:
    """A bare run read as m/d/y in any split its length allows (or yyyymmdd)."""
    n = len(digits)
    if n == 8:
        return _mdy(digits[:2], digits[2:4], digits[4:]) or _mdy(
            digits[4:6], digits[6:], digits[:4]
        )
    if n == 7:
        return _mdy(digits[:1], digits[1:3], digits[3:]) or _mdy(
            digits[:2], digits[2:3], digits[3:]
        )
    if n == 6:
        return _mdy(digits[:2], digits[2:4], digits[4:]) or _mdy(
            digits[:1], digits[1:2], digits[2:]
        )
    return False


def _run_is_day_and_year(run: str) -> bool:
    """Digits after a month name: a day then a year ("231954", "354"), never a year alone."""
    n = len(run)
    if n == 4 and _year_ok(run):
        return False  # "march 1954": month and year only
    if n in (3, 5):
        return _day_ok(int(run[0])) and _year_ok(run[1:])
    if n in (4, 6):
        return _day_ok(int(run[:2])) and _year_ok(run[2:])
    return False
