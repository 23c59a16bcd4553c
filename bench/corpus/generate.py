"""Deterministic generator of the development corpus: synthetic lead-call transcripts and leads.

    .venv/bin/python bench/corpus/generate.py           # writes calls.jsonl and leads.jsonl here
    .venv/bin/python bench/corpus/generate.py --check   # exit 1 if the files are not up to date

Every value is synthetic: SSNs follow the SSA's issuable ranges, card numbers
pass Luhn, routing numbers pass the ABA 3-7-1 checksum, MBIs follow CMS's
position rules; names and streets come from Faker with a fixed seed. The
same seed gives the same files with the same Faker version (the committed
JSONL is the reference; regenerate after changing this file).

Call line: ``{"id", "owner", "campaign_id", "consumer_state", "segments":
[{"speaker", "text"}], "gold": [...], "negatives": [...]}``.

- gold item: ``{"type", "digits" | "text" | "chars", "segments": [i, ...],
  "spans": [[i, start, end], ...], "style", "render"?}`` -- ``digits`` for
  numbers (what must not be recoverable), ``text`` for words (health terms,
  month-name dates), ``chars`` for alphanumeric IDs (MBI). ``spans`` give
  where the value was said, so a perfect redactor can be simulated.
- negative: ``{"kind", "text", "segment", "start"}`` -- text that must be kept.

Lead line: ``{"id", "owner", "fields": {...}, "gold": [...], "negatives": [...]}``
with ``"fields": [name]`` / ``"field": name`` in place of segment indices.

Before writing, every record is checked with the scorer (bench/eval.py): left
as it is, every gold value must count as leaked and no negative as destroyed;
with exactly the gold spans replaced, nothing may leak and no negative may be
destroyed. A record that fails (a chance digit collision, an ambiguous
reading) is drawn again with the next sub-seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faker import Faker

SEED = 20240611
N_CALLS = 156
N_LEADS = 120
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MAX_ATTEMPTS = 60

UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
ORDINAL_UNITS = (
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
)
ORDINAL_TEENS = (
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
FILLERS = ("um", "uh", "sorry", "let me see", "hold on", "uh let me see", "hang on", "uhh")
BACKCHANNELS = ("uh huh", "okay", "go ahead", "mm-hmm", "got it", "yep", "okay go ahead", "mhm")
STATES = ("CA", "TX", "FL", "VA", "CO", "AZ", "OH", "GA", "NC", "PA", "NY", "OR", "UT", "CT")
STATE_NAMES = {
    "CA": "California",
    "TX": "Texas",
    "FL": "Florida",
    "VA": "Virginia",
    "CO": "Colorado",
    "AZ": "Arizona",
    "OH": "Ohio",
    "GA": "Georgia",
    "NC": "North Carolina",
    "PA": "Pennsylvania",
    "NY": "New York",
    "OR": "Oregon",
    "UT": "Utah",
    "CT": "Connecticut",
}

# ----------------------------------------------------------------------------- number words


def cardinal(n: int) -> str:
    """``1234`` -> ``"one thousand two hundred thirty four"`` (0 <= n < 1,000,000)."""
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        tens, unit = divmod(n, 10)
        return TENS[tens] + (f" {UNITS[unit]}" if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{UNITS[hundreds]} hundred" + (f" {cardinal(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{cardinal(thousands)} thousand" + (f" {cardinal(rest)}" if rest else "")


def ordinal(n: int) -> str:
    """Day of month as spoken: ``3`` -> ``"third"``, ``21`` -> ``"twenty first"``."""
    if n < 10:
        return ORDINAL_UNITS[n]
    if n < 20:
        return ORDINAL_TEENS[n - 10]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return TENS[tens][:-1] + "ieth"
    return f"{TENS[tens]} {ORDINAL_UNITS[unit]}"


def year_words(year: int) -> str:
    """``1952`` -> ``"nineteen fifty two"``; ``2028`` -> ``"twenty twenty eight"``."""
    high, low = divmod(year, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    if low < 10:
        return f"{cardinal(high)} oh {UNITS[low]}"
    return f"{cardinal(high)} {cardinal(low)}"


def pair_words(pair: str, rng: random.Random) -> str:
    """Two digits read as one number: ``"36"`` thirty six, ``"07"`` oh seven, ``"00"`` oh oh."""
    if pair == "00":
        return rng.choice(("oh oh", "double oh", "zero zero"))
    if pair[0] == "0":
        return f"{rng.choice(('oh', 'oh', 'zero'))} {UNITS[int(pair[1])]}"
    return cardinal(int(pair))


def tens_reading(group: str, rng: random.Random) -> str:
    """A digit group read in tens: ``"536"`` five thirty six, ``"8174"`` eighty one seventy four."""
    if len(group) == 1:
        return UNITS[int(group)]
    if len(group) == 3 and group[1:] == "00":
        return f"{UNITS[int(group[0])]} hundred"
    words = []
    rest = group
    if len(group) % 2 == 1:
        words.append(UNITS[int(group[0])])
        rest = group[1:]
    words += [pair_words(rest[i : i + 2], rng) for i in range(0, len(rest), 2)]
    return " ".join(words)


def digit_words(digits: str, zero: str = "zero") -> list[str]:
    """One word per digit."""
    return [zero if d == "0" else UNITS[int(d)] for d in digits]


def runs_reading(group: str, rng: random.Random) -> str:
    """Runs read as "double five", "triple seven"; other digits one by one."""
    words: list[str] = []
    i = 0
    zero = rng.choice(("oh", "zero"))
    while i < len(group):
        j = i
        while j < len(group) and group[j] == group[i]:
            j += 1
        word = zero if group[i] == "0" else UNITS[int(group[i])]
        run = j - i
        if run == 2:
            words.append(f"double {word}")
        elif run == 3:
            words.append(f"triple {word}")
        elif run == 4:
            words.append(f"double {word} double {word}")
        else:
            words += [word] * run
        i = j
    return " ".join(words)


def group_reading(group: str, mode: str, rng: random.Random) -> str:
    """Read one digit group in a mode: typed, spaced, words, oh, tens, runs."""
    if mode == "typed":
        return group
    if mode == "spaced":
        return " ".join(group)
    if mode == "words":
        return " ".join(digit_words(group))
    if mode == "oh":
        return " ".join(rng.choice(("oh", "oh", "o")) if d == "0" else UNITS[int(d)] for d in group)
    if mode == "tens":
        return tens_reading(group, rng)
    if mode == "runs":
        return runs_reading(group, rng)
    raise ValueError(mode)


def split_groups(digits: str, sizes: Sequence[int]) -> list[str]:
    """``split_groups("536228174", (3, 2, 4))`` -> ``["536", "22", "8174"]``."""
    out, at = [], 0
    for size in sizes:
        out.append(digits[at : at + size])
        at += size
    if at < len(digits):
        out.append(digits[at:])
    return out


def has_run(groups: Sequence[str], length: int) -> bool:
    """True when some group holds ``length`` equal digits in a row."""
    return any(str(d) * length in g for g in groups for d in range(10))


# ----------------------------------------------------------------------------- values


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass Luhn."""
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def luhn_valid(digits: str) -> bool:
    """Luhn (mod 10) checksum."""
    return digits.isdigit() and luhn_check_digit(digits[:-1]) == digits[-1]


def aba_valid(digits: str) -> bool:
    """ABA routing checksum: weights 3, 7, 1 repeating; sum divisible by ten."""
    weights = (3, 7, 1) * 3
    return (
        len(digits) == 9
        and digits.isdigit()
        and sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 10 == 0
    )


def ssn_valid(digits: str) -> bool:
    """Issuable SSN: area 001-899 except 666, group 01-99, serial 0001-9999."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
    return 1 <= area <= 899 and area != 666 and group >= 1 and serial >= 1


def make_ssn(rng: random.Random) -> str:
    """A random issuable SSN, nine digits."""
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


CARD_BRANDS: dict[str, tuple[tuple[str, ...], int]] = {
    "visa": (("4",), 16),
    "mastercard": (("51", "52", "53", "54", "55", "2221", "2720"), 16),
    "amex": (("34", "37"), 15),
    "discover": (("6011", "65", "644"), 16),
}
CARD_GROUPS = {16: (4, 4, 4, 4), 15: (4, 6, 5)}
BRAND_WORDS = {"visa": "Visa", "mastercard": "Mastercard", "amex": "Amex", "discover": "Discover"}


def make_card(rng: random.Random, brand: str) -> str:
    """A Luhn-valid card number of the brand's prefix and length."""
    prefixes, length = CARD_BRANDS[brand]
    body = rng.choice(prefixes)
    while len(body) < length - 1:
        body += str(rng.randint(0, 9))
    return body + luhn_check_digit(body)


ROUTING_PREFIXES = [f"{n:02d}" for n in (*range(1, 13), *range(21, 33))]


def make_routing(rng: random.Random) -> str:
    """A nine-digit routing number with a Fed prefix and a valid 3-7-1 checksum."""
    body = rng.choice(ROUTING_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(6))
    weights = (3, 7, 1, 3, 7, 1, 3, 7)
    check = (-sum(w * int(d) for w, d in zip(weights, body, strict=True))) % 10
    return body + str(check)


def make_account(rng: random.Random) -> str:
    """A bank account number of 8 to 12 digits."""
    length = rng.randint(8, 12)
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))


MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"


def make_mbi(rng: random.Random) -> str:
    """A Medicare Beneficiary Identifier by CMS's position rules (11 characters)."""
    alnum = MBI_LETTERS + "0123456789"
    digits = "0123456789"
    spec = (
        *("123456789", MBI_LETTERS, alnum, digits, MBI_LETTERS, alnum, digits),
        *(MBI_LETTERS, MBI_LETTERS, digits, digits),
    )
    return "".join(rng.choice(chars) for chars in spec)


# ----------------------------------------------------------------------------- records


@dataclass
class Piece:
    """A stretch of a segment: plain text, a gold value (index) or a negative (kind)."""

    text: str
    gold: int | None = None
    neg: str | None = None


def secret(index: int, text: str) -> Piece:
    """A piece that carries gold item ``index``."""
    return Piece(text, gold=index)


def kept(kind: str, text: str) -> Piece:
    """A piece that must be kept (a hard negative)."""
    return Piece(text, neg=kind)


@dataclass
class Line:
    """One segment under construction."""

    speaker: str
    pieces: list[Piece]
    asr: bool = False


@dataclass
class Gold:
    """One gold value: what it is, its digits/text/chars, and how it was said."""

    type: str
    style: str
    render: str
    digits: str | None = None
    text: str | None = None
    chars: str | None = None


def asr_text(text: str) -> str:
    """Lowercase, no punctuation, as a plain speech recognizer writes; spacing kept."""
    out = []
    for i, ch in enumerate(text):
        between_digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        if ch in ',?!;"()' or (ch in ".:" and not between_digits):
            continue
        out.append(" " if ch == "-" else ch.lower())
    return "".join(out)


def collapse_spaces(text: str) -> tuple[str, list[int]]:
    """Single-space ``text`` and trim it; ``mapping[i]`` is old index ``i``'s new index."""
    out: list[str] = []
    mapping: list[int] = []
    for ch in text:
        mapping.append(len(out))
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        out.append(ch)
    mapping.append(len(out))
    new = "".join(out)
    if new.endswith(" "):
        new = new[:-1]
        mapping = [min(m, len(new)) for m in mapping]
    return new, mapping


@dataclass
class Builder:
    """Accumulates lines, gold items and negatives; renders the JSON record."""

    lines: list[Line] = field(default_factory=list)
    golds: list[Gold] = field(default_factory=list)

    def say(self, speaker: str, *parts: str | Piece, asr: bool = False) -> None:
        """Add a segment made of plain strings and pieces."""
        pieces = [p if isinstance(p, Piece) else Piece(p) for p in parts]
        self.lines.append(Line(speaker, pieces, asr))

    def agent(self, *parts: str | Piece) -> None:
        """Add an agent segment."""
        self.say("agent", *parts)

    def customer(self, *parts: str | Piece, asr: bool = False) -> None:
        """Add a customer segment."""
        self.say("customer", *parts, asr=asr)

    def gold(self, item: Gold) -> int:
        """Register a gold item; returns its index for ``secret``."""
        self.golds.append(item)
        return len(self.golds) - 1

    def render(self, whole_call_asr: bool) -> dict[str, Any]:
        """Segments, gold and negatives with spans in the final text."""
        segments: list[dict[str, str]] = []
        spans: dict[int, list[list[int]]] = {}
        negatives: list[dict[str, Any]] = []
        for index, line in enumerate(self.lines):
            asr = whole_call_asr or line.asr
            raw = ""
            marks: list[tuple[Piece, int, int]] = []
            for piece in line.pieces:
                chunk = asr_text(piece.text) if asr else piece.text
                start = len(raw)
                raw += chunk
                # Marked spans never start or end on whitespace.
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk) - len(chunk.rstrip())
                if chunk.strip():
                    marks.append((piece, start + lead, len(raw) - trail))
            text, mapping = collapse_spaces(raw)
            segments.append({"speaker": line.speaker, "text": text})
            for piece, start, end in marks:
                new_start, new_end = mapping[start], mapping[end - 1] + 1
                if piece.gold is not None:
                    spans.setdefault(piece.gold, []).append([index, new_start, new_end])
                if piece.neg is not None:
                    negatives.append(
                        {
                            "kind": piece.neg,
                            "text": text[new_start:new_end],
                            "segment": index,
                            "start": new_start,
                        }
                    )
        gold = []
        for index, item in enumerate(self.golds):
            where = spans.get(index, [])
            entry: dict[str, Any] = {"type": item.type}
            for key in ("digits", "text", "chars"):
                value = getattr(item, key)
                if value is not None:
                    entry[key] = value
            entry["segments"] = sorted({s[0] for s in where})
            entry["spans"] = where
            entry["style"] = item.style
            if item.render != item.style:
                entry["render"] = item.render
            gold.append(entry)
        return {"segments": segments, "gold": gold, "negatives": negatives}


# ----------------------------------------------------------------------------- negatives


def phone_digits(rng: random.Random) -> str:
    """A ten-digit NANP-shaped number (fictional 555-01xx line numbers)."""
    area = rng.choice((212, 312, 415, 512, 602, 704, 813, 919, 303, 503, 614, 470, 267))
    return f"{area}555{rng.randint(100, 199):04d}"


def phone_typed(digits: str, rng: random.Random) -> str:
    """A phone number as typed."""
    a, b, c = digits[:3], digits[3:6], digits[6:]
    return rng.choice((f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"{a} {b} {c}"))


def phone_spoken(digits: str, rng: random.Random) -> str:
    """A phone number read out: "three one two, five five five, oh one four seven"."""
    groups = split_groups(digits, (3, 3, 4))
    mode = rng.choice(("oh", "words", "runs"))
    return ", ".join(group_reading(g, mode, rng) for g in groups)


def price(rng: random.Random) -> str:
    """A price in one of the ways people and recognizers write it (no "a month")."""
    choice = rng.randrange(7)
    if choice == 0:
        return f"${rng.randint(29, 399)}.99"
    if choice == 1:
        return f"{cardinal(rng.choice((49, 59, 79, 89, 99, 129, 149)))} dollars"
    if choice == 2:
        return f"${rng.randint(2, 60) * 500:,}"
    if choice == 3:
        return f"${rng.randint(35, 420)}"
    if choice == 4:
        return f"{cardinal(rng.randint(2, 9) * 50)} dollars"
    if choice == 5:
        dollars, cents = rng.randint(19, 89), rng.choice((99, 49, 95))
        return f"{cardinal(dollars)} {cardinal(cents)}"
    return f"${rng.randint(100, 999)}.{rng.randint(10, 99)}"


def time_of_day(rng: random.Random) -> str:
    """A time to call back."""
    hour = rng.randint(1, 11)
    minute = rng.choice((0, 15, 30, 45))
    choice = rng.randrange(5)
    if choice == 0:
        return f"{cardinal(hour)} {cardinal(minute) if minute else 'o' + chr(39) + 'clock'}"
    if choice == 1:
        return f"{hour}:{minute:02d}"
    if choice == 2:
        return f"{hour} {rng.choice(('am', 'pm', 'a.m.', 'p.m.'))}"
    if choice == 3:
        return f"{cardinal(hour)} thirty"
    return f"quarter after {cardinal(hour)}"


def date_phrase(rng: random.Random) -> str:
    """A date that is not a birth date: appointment, start date, due date."""
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    choice = rng.randrange(5)
    if choice == 0:
        return f"{MONTHS[month - 1].title()} {day}{_suffix(day)}"
    if choice == 1:
        return f"{MONTHS[month - 1]} {ordinal(day)}"
    if choice == 2:
        return f"{month:02d}/{day:02d}/{rng.choice((2025, 2026))}"
    if choice == 3:
        weekday = rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"))
        return f"next {weekday} the {day}{_suffix(day)}"
    return f"the {ordinal(day)}"


def _suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def number_said(n: int, rng: random.Random) -> str:
    """A small number as digits or words."""
    return str(n) if rng.random() < 0.5 else cardinal(n)


def order_number(rng: random.Random) -> str:
    """An order number: bare nine/ten digits, grouped, or with letters."""
    choice = rng.randrange(4)
    if choice == 0:
        return "".join(str(rng.randint(0, 9)) for _ in range(9)).replace("0", "7", 1)
    if choice == 1:
        return f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{rng.randint(10, 99)}"
    if choice == 2:
        return f"A{rng.randint(10_000_000, 99_999_999)}"
    return str(rng.randint(1_000_000_000, 9_999_999_999))


def confirmation_number(rng: random.Random) -> str:
    """A confirmation number: letters and digits, or spoken digits."""
    choice = rng.randrange(4)
    if choice == 0:
        letters = "".join(rng.choice("BCDFGHJKLMNPRTVWXZ") for _ in range(3))
        return f"{letters}-{rng.randint(10000, 99999)}"
    if choice == 1:
        return str(rng.randint(10_000_000, 99_999_999))
    if choice == 2:
        return " ".join(digit_words(str(rng.randint(10000, 99999))))
    return f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def tracking_number(rng: random.Random) -> str:
    """A UPS-shaped tracking number."""
    chars = "".join(rng.choice("0123456789ABCDEFGHJKLMNPRTVWXY") for _ in range(16))
    return "1Z" + chars


def zip_code(fake: Faker, rng: random.Random) -> str:
    """A five-digit zip, sometimes zip+4."""
    code = fake.postcode()[:5]
    return f"{code}-{rng.randint(1000, 9999)}" if rng.random() < 0.15 else code


# ----------------------------------------------------------------------------- health

CONDITIONS_PLAIN = (
    "type 2 diabetes",
    "COPD",
    "high blood pressure",
    "congestive heart failure",
    "atrial fibrillation",
    "asthma",
    "rheumatoid arthritis",
    "depression",
    "sleep apnea",
    "chronic kidney disease",
    "breast cancer",
    "prostate cancer",
    "Parkinson's",
    "emphysema",
    "anxiety",
    "epilepsy",
    "multiple sclerosis",
    "hepatitis C",
    "lupus",
    "neuropathy",
    "dementia",
    "high cholesterol",
    "osteoporosis",
    "glaucoma",
)
CONDITIONS_COLLOQUIAL = (
    "sugar diabetes",
    "a fib",
    "c o p d",
    "the sugar",
    "pre diabetic",
    "bad heart",
    "bipolar",
    "the big c",
    "heart trouble",
    "a bad back",
)
MEDICATIONS_PLAIN = (
    "metformin",
    "lisinopril",
    "Eliquis",
    "atorvastatin",
    "Lipitor",
    "insulin",
    "Ozempic",
    "Januvia",
    "albuterol",
    "Xarelto",
    "gabapentin",
    "levothyroxine",
    "amlodipine",
    "Plavix",
    "warfarin",
    "Humira",
    "prednisone",
    "Zoloft",
    "Lasix",
    "Trulicity",
    "Symbicort",
    "Spiriva",
)
MEDICATIONS_MISSPELLED = ("met forman", "zarelto", "eloquis", "lisinapril", "ozempik", "jardience")
TREATMENTS = (
    "dialysis",
    "chemo",
    "a knee replacement",
    "hip replacement surgery",
    "bypass surgery",
    "physical therapy",
    "radiation",
    "a pacemaker",
    "a stent",
    "cataract surgery",
)
NON_HEALTH = (
    "stroke of luck",
    "pain in the neck",
    "Blue Cross",
    "Humana",
    "UnitedHealthcare",
    "dental and vision",
    "my heart is set on",
    "sugar free",
)


def health_segment(b: Builder, rng: random.Random, kinds: int) -> None:
    """One customer segment mentioning ``kinds`` (1-3) health facts, with their gold."""
    style = rng.choice(("plain", "plain", "colloquial", "asr_misspelled", "asr_lowercase"))
    if style == "colloquial":
        condition = rng.choice(CONDITIONS_COLLOQUIAL)
    else:
        condition = rng.choice(CONDITIONS_PLAIN)
    if style == "asr_misspelled":
        medication = rng.choice(MEDICATIONS_MISSPELLED)
    else:
        medication = rng.choice(MEDICATIONS_PLAIN)
    treatment = rng.choice(TREATMENTS)
    if style == "asr_lowercase":
        condition, medication, treatment = condition.lower(), medication.lower(), treatment.lower()
    c = b.gold(Gold("HEALTH_CONDITION", style, "text", text=condition))
    pieces: list[Piece] = [
        Piece(rng.choice(("Well, I have ", "I've got ", "Yeah, I was diagnosed with ", "Just "))),
        secret(c, condition),
    ]
    if kinds >= 2:
        m = b.gold(Gold("MEDICATION", style, "text", text=medication))
        pieces += [
            Piece(rng.choice((" and I take ", ", I'm on ", " so they put me on "))),
            secret(m, medication),
        ]
        if rng.random() < 0.4:
            pieces += [Piece(" twice a day")]
    if kinds >= 3:
        t = b.gold(Gold("MEDICAL_TREATMENT", style, "text", text=treatment))
        pieces += [
            Piece(rng.choice((", and I had ", ". I also had ", ", plus I did "))),
            secret(t, treatment),
        ]
        pieces += [Piece(" back in "), kept("year", str(rng.randint(2012, 2023)))]
    pieces.append(Piece("."))
    b.customer(*pieces, asr=style == "asr_lowercase")


# ----------------------------------------------------------------------------- sensitive numbers

DIGIT_STYLES_SSN = (
    "typed",
    "digits_spaced",
    "words",
    "oh_for_zero",
    "zero_word",
    "double_triple",
    "grouped_tens",
    "mixed",
    "fillers",
    "punctuated_groups",
    "asr_lowercase",
    "cue_after",
    "split_segments",
    "split_backchannel",
    "agent_readback",
)
DIGIT_STYLES_CARD = (*DIGIT_STYLES_SSN, "card_four_segments")
DIGIT_STYLES_ROUTING = (
    "typed",
    "words",
    "grouped_tens",
    "fillers",
    "split_backchannel",
    "asr_lowercase",
    "cue_after",
)
DIGIT_STYLES_ACCOUNT = (
    "typed",
    "words",
    "oh_for_zero",
    "mixed",
    "fillers",
    "split_segments",
    "asr_lowercase",
    "cue_after",
)
CVV_STYLES = ("typed", "words", "grouped_tens", "cue_after", "fillers", "asr_lowercase")
EXPIRY_STYLES = (
    "typed",
    "spoken_oh",
    "month_name",
    "words_slash",
    "asr_lowercase",
    "split_backchannel",
)

CUES_BEFORE = {
    "US_SSN": (
        "My social is ",
        "Sure, it's ",
        "Okay, my social security number is ",
        "The social is ",
        "SSN is ",
        "Yeah it's ",
    ),
    "CREDIT_CARD": (
        "The card number is ",
        "Okay the number is ",
        "It's {article} {brand}, ",
        "Card number ",
        "Alright, it's ",
    ),
    "ABA_ROUTING_NUMBER": ("The routing number is ", "Routing is ", "Okay, routing number "),
    "US_BANK_NUMBER": (
        "The account number is ",
        "Account number ",
        "My checking account is ",
        "It's ",
    ),
}
CUES_AFTER = {
    "US_SSN": (", that's my social.", " is my social.", ", that's the social security number."),
    "CREDIT_CARD": (", that's the card number.", " is the {brand}.", ", that's my card."),
    "ABA_ROUTING_NUMBER": (", that's the routing number.", " is the routing."),
    "US_BANK_NUMBER": (", that's my account number.", " is the checking account."),
}
ASKS = {
    "US_SSN": (
        "For the application I'll need your social security number.",
        "Can you verify your social security number for me?",
        "And what is your social?",
        "For the enrollment I need the social security number.",
    ),
    "CREDIT_CARD": (
        "What card would you like to use for the first payment?",
        "Go ahead with the card number whenever you're ready.",
        "I can take the payment now. What's the card number?",
    ),
    "ABA_ROUTING_NUMBER": (
        "For the bank draft I'll need the routing number on your checks.",
        "Can you read me the routing number?",
    ),
    "US_BANK_NUMBER": ("And the account number?", "Now the account number, please."),
}
GROUPS_FOR = {"US_SSN": (3, 2, 4), "ABA_ROUTING_NUMBER": (3, 3, 3)}
TYPED_SEPARATORS = {
    "US_SSN": ("-", " ", ""),
    "CREDIT_CARD": (" ", "-", ""),
    "ABA_ROUTING_NUMBER": ("",),
    "US_BANK_NUMBER": ("", " "),
}


def groups_for(entity: str, digits: str) -> tuple[int, ...]:
    """How a value is grouped when read out."""
    if entity == "CREDIT_CARD":
        return CARD_GROUPS[len(digits)]
    if entity == "US_BANK_NUMBER":
        return (4,) * (len(digits) // 4) + ((len(digits) % 4,) if len(digits) % 4 else ())
    return GROUPS_FOR[entity]


def value_for(entity: str, style: str, rng: random.Random, brand: str) -> str:
    """Draw a value that suits the style (a zero for "oh", a run for "double")."""
    make: Callable[[], str] = {
        "US_SSN": lambda: make_ssn(rng),
        "CREDIT_CARD": lambda: make_card(rng, brand),
        "ABA_ROUTING_NUMBER": lambda: make_routing(rng),
        "US_BANK_NUMBER": lambda: make_account(rng),
    }[entity]
    want_triple = style == "double_triple" and rng.random() < 0.5
    for _ in range(5000):
        value = make()
        groups = split_groups(value, groups_for(entity, value))
        if style in ("oh_for_zero", "zero_word") and "0" not in value:
            continue
        if style == "double_triple" and not has_run(groups, 3 if want_triple else 2):
            continue
        return value
    raise AssertionError(f"no value for {entity}/{style}")


def read_groups(groups: Sequence[str], mode: str, rng: random.Random) -> list[str]:
    """Each group read in ``mode``; "mixed" alternates typed digits and words."""
    if mode == "mixed":
        first = rng.randrange(2)
        return [
            group_reading(g, "typed" if (i + first) % 2 == 0 else "words", rng)
            for i, g in enumerate(groups)
        ]
    return [group_reading(g, mode, rng) for g in groups]


def number_text(groups: Sequence[str], style: str, entity: str, rng: random.Random) -> str:
    """A whole number said in one go, in a non-split style."""
    if style == "typed":
        return rng.choice(TYPED_SEPARATORS[entity]).join(groups)
    if style == "digits_spaced":
        return rng.choice((" ", ", ")).join(read_groups(groups, "spaced", rng))
    if style in ("words", "zero_word"):
        return rng.choice((" ", ", ")).join(read_groups(groups, "words", rng))
    if style == "oh_for_zero":
        return rng.choice((" ", ", ")).join(read_groups(groups, "oh", rng))
    if style == "double_triple":
        return ", ".join(read_groups(groups, "runs", rng))
    if style == "grouped_tens":
        return ", ".join(read_groups(groups, "tens", rng))
    if style == "mixed":
        return " ".join(read_groups(groups, "mixed", rng))
    if style == "fillers":
        parts: list[str] = []
        for i, g in enumerate(groups):
            words = digit_words(g)
            if len(words) >= 3 and rng.random() < 0.35:
                cut = rng.randint(1, len(words) - 1)
                words = [*words[:cut], f"{rng.choice(FILLERS)},", *words[cut:]]
                words[cut - 1] += ","
            parts.append(" ".join(words))
            if i < len(groups) - 1:
                parts.append(f", {rng.choice(FILLERS)}, " if rng.random() < 0.7 else ", ")
        return "".join(parts)
    if style == "punctuated_groups":
        mode = rng.choice(("words", "typed", "words"))
        sep = rng.choice((". ", ", ", "... "))
        read = read_groups(groups, mode, rng)
        if sep == ". ":
            read = [r[:1].upper() + r[1:] for r in read]
        return sep.join(read)
    if style in ("asr_lowercase", "cue_after", "agent_readback"):
        if style == "asr_lowercase":
            mode = rng.choice(("words", "words", "tens", "runs", "oh"))
        else:
            mode = rng.choice(("words", "tens", "typed", "oh"))
        if mode == "typed":
            return rng.choice(TYPED_SEPARATORS[entity]).join(groups)
        return " ".join(read_groups(groups, mode, rng))
    raise ValueError(style)


def sensitive_number(b: Builder, entity: str, style: str, rng: random.Random) -> str:
    """Dialog where the customer gives one number (SSN, card, routing, account) in ``style``.

    Returns the card brand for card numbers (the caller asks CVV and expiry next).
    """
    brand = rng.choice(("visa", "visa", "mastercard", "amex", "discover"))
    if style == "card_four_segments" and brand == "amex":
        brand = "visa"
    value = value_for(entity, style, rng, brand)
    groups = split_groups(value, groups_for(entity, value))
    b.agent(rng.choice(ASKS[entity]))
    article = "an" if brand == "amex" else "a"
    cue = rng.choice(CUES_BEFORE[entity]).format(brand=BRAND_WORDS[brand], article=article)
    if style in ("split_segments", "split_backchannel", "card_four_segments"):
        mode = rng.choice(("words", "words", "tens", "typed", "oh"))
        if style == "card_four_segments":
            chunks = list(groups)
        elif len(groups) > 3:
            half = len(groups) // 2
            chunks = ["".join(groups[:half]), "".join(groups[half:])]
            if len(chunks[0]) > 6 and rng.random() < 0.5:
                chunks = [groups[0], "".join(groups[1:half]), "".join(groups[half:])]
        else:
            chunks = list(groups)
        item = b.gold(Gold(entity, style, mode, digits=value))
        for i, chunk in enumerate(chunks):
            read = " ".join(read_groups([chunk], mode, rng)) if mode != "typed" else chunk
            if i == 0:
                b.customer(cue, secret(item, read))
            else:
                b.customer(secret(item, read), rng.choice(("", "", ".", " yeah")))
            wants_backchannel = style == "split_backchannel" or rng.random() < 0.6
            if i < len(chunks) - 1 and style != "split_segments" and wants_backchannel:
                b.agent(rng.choice(BACKCHANNELS))
        b.agent(rng.choice(("Thank you.", "Got it, thank you.", "Perfect.")))
        return brand
    render = style
    text = number_text(groups, style, entity, rng)
    item = b.gold(Gold(entity, style, render, digits=value))
    asr = style == "asr_lowercase"
    if style == "cue_after":
        after = rng.choice(CUES_AFTER[entity]).format(brand=BRAND_WORDS[brand])
        b.customer(rng.choice(("", "Yeah, ", "Okay ")), secret(item, text), after)
    else:
        tail = rng.choice(("", "", ".", ", I think.", " and that's it."))
        extra: list[str | Piece] = []
        if rng.random() < 0.25 and entity == "US_SSN":
            tail = tail or "."
            extra = [" And my zip is ", kept("zip", str(rng.randint(10001, 99950))), "."]
        b.customer(cue, secret(item, text), tail, *extra, asr=asr)
    if style == "agent_readback":
        if rng.random() < 0.5 and entity in ("US_SSN", "CREDIT_CARD"):
            last4 = " ".join(digit_words(value[-4:]))
            b.agent("Okay, that's the one ending in ", secret(item, last4), ", correct?")
        else:
            said = ", ".join(read_groups(groups, "words", rng))
            b.agent("Let me read that back: ", secret(item, said), ". Is that right?")
        b.customer(rng.choice(("Yes.", "That's right.", "Yep, that's it.")))
    else:
        b.agent(rng.choice(("Thank you.", "Got it.", "Perfect, thank you.", "Okay, thanks.")))
    return brand


def card_extras(b: Builder, brand: str, rng: random.Random, index: int) -> None:
    """Expiry and security code after a card number, styles cycling with ``index``."""
    month = rng.randint(1, 12)
    year = rng.randint(2025, 2031)
    yy = f"{year % 100:02d}"
    style = EXPIRY_STYLES[index % len(EXPIRY_STYLES)]
    b.agent(rng.choice(("And the expiration date?", "What's the expiration on the card?")))
    mm = f"{month:02d}"
    if style == "typed":
        text = rng.choice((f"{mm}/{yy}", f"{mm}/{year}", f"{month}/{yy}"))
        digits = "".join(ch for ch in text if ch.isdigit())
        item = b.gold(Gold("CARD_EXPIRY", style, "typed", digits=digits))
        b.customer(rng.choice(("It's ", "Expires ", "")), secret(item, text), ".")
    elif style == "spoken_oh":
        mw = f"oh {UNITS[month]}" if month < 10 else cardinal(month)
        text = f"{mw} {cardinal(int(yy))}" if int(yy) >= 10 else f"{mw} oh {UNITS[int(yy)]}"
        item = b.gold(Gold("CARD_EXPIRY", style, "words", digits=mm + yy))
        b.customer(rng.choice(("It's ", "Expiration is ", "")), secret(item, text), ".")
    elif style == "month_name":
        text = rng.choice(
            (
                f"{MONTHS[month - 1]} {year_words(year)}",
                f"{MONTHS[month - 1]} of {year_words(year)}",
                f"{MONTHS[month - 1].title()} {year_words(year)}",
            )
        )
        item = b.gold(Gold("CARD_EXPIRY", style, "month_name", text=text))
        b.customer(rng.choice(("It expires ", "Good through ", "")), secret(item, text), ".")
    elif style == "words_slash":
        text = f"{' '.join(digit_words(mm))} slash {' '.join(digit_words(yy))}"
        item = b.gold(Gold("CARD_EXPIRY", style, "words", digits=mm + yy))
        b.customer("Um, ", secret(item, text), ".")
    elif style == "asr_lowercase":
        text = f"{' '.join(digit_words(mm, 'o'))} {cardinal(int(yy))}"
        item = b.gold(Gold("CARD_EXPIRY", style, "words", digits=mm + yy))
        b.customer("its ", secret(item, text), asr=True)
    else:
        item = b.gold(Gold("CARD_EXPIRY", style, "words", digits=mm + yy))
        b.customer("Expiration ", secret(item, " ".join(digit_words(mm, "oh"))))
        b.agent(rng.choice(BACKCHANNELS))
        b.customer(secret(item, cardinal(int(yy))), ".")
    cvv_len = 4 if brand == "amex" else 3
    cvv = str(rng.randint(10 ** (cvv_len - 1), 10**cvv_len - 1))
    cvv_style = CVV_STYLES[index % len(CVV_STYLES)]
    where = "four digit code on the front" if brand == "amex" else "three digit code on the back"
    b.agent(f"And the {where}?")
    item = b.gold(Gold("CARD_SECURITY_CODE", cvv_style, cvv_style, digits=cvv))
    if cvv_style == "typed":
        b.customer(rng.choice(("It's ", "The code is ", "")), secret(item, cvv), ".")
    elif cvv_style == "words":
        b.customer(
            rng.choice(("It's ", "Security code ", "")), secret(item, " ".join(digit_words(cvv)))
        )
    elif cvv_style == "grouped_tens":
        b.customer("It's ", secret(item, tens_reading(cvv, rng)), ".")
    elif cvv_style == "cue_after":
        text = " ".join(digit_words(cvv)) if rng.random() < 0.6 else cvv
        b.customer(secret(item, text), rng.choice((", that's the security code.", " is the CVV.")))
    elif cvv_style == "fillers":
        words = digit_words(cvv)
        b.customer(
            f"Uh, {rng.choice(FILLERS)}, ", secret(item, f"{words[0]}, um, {' '.join(words[1:])}")
        )
    else:
        b.customer("ok its ", secret(item, " ".join(digit_words(cvv, "o"))), asr=True)
    b.agent(rng.choice(("Thank you, that went through.", "Perfect, the payment is approved.")))


def dob_exchange(b: Builder, rng: random.Random) -> None:
    """Date of birth: typed or spoken."""
    year = rng.randint(1938, 1962)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    b.agent(rng.choice(("Can I get your date of birth?", "And your date of birth?")))
    if rng.random() < 0.5:
        text = rng.choice((f"{month:02d}/{day:02d}/{year}", f"{month}/{day}/{year}"))
        digits = "".join(ch for ch in text if ch.isdigit())
        item = b.gold(Gold("DATE_OF_BIRTH", "typed", "typed", digits=digits))
    else:
        text = f"{MONTHS[month - 1]} {ordinal(day)} {year_words(year)}"
        item = b.gold(Gold("DATE_OF_BIRTH", "spoken", "month_name", text=text))
    b.customer(rng.choice(("It's ", "I was born ", "")), secret(item, text), ".")


def mbi_exchange(b: Builder, rng: random.Random) -> None:
    """Medicare number read from the red-white-and-blue card."""
    mbi = make_mbi(rng)
    b.agent("Do you have your red, white and blue Medicare card handy? I need the Medicare number.")
    if rng.random() < 0.5:
        text = rng.choice((mbi, f"{mbi[:4]}-{mbi[4:7]}-{mbi[7:]}"))
        style = "typed"
    else:
        text = " ".join(mbi)
        style = "spelled"
    item = b.gold(Gold("US_MBI", style, style, chars=mbi))
    b.customer("Okay, it's ", secret(item, text), ".")
    b.agent("Thank you.")


# ----------------------------------------------------------------------------- dialog


@dataclass
class Persona:
    """The people and the place of one call or lead."""

    first: str
    last: str
    agent: str
    state: str
    phone: str
    zip: str
    street: str
    city: str
    email: str
    doctor: str


def persona(fake: Faker, rng: random.Random) -> Persona:
    """A synthetic consumer and agent."""
    first, last = fake.first_name(), fake.last_name()
    state = rng.choice(STATES)
    return Persona(
        first=first,
        last=last,
        agent=fake.first_name(),
        state=state,
        phone=phone_digits(rng),
        zip=zip_code(fake, rng),
        street=f"{fake.building_number()} {fake.street_name()}",
        city=fake.city(),
        email=f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.com",
        doctor=fake.last_name(),
    )


COMPANIES = {
    "insurance": ("Shield Mutual", "acme-insurance"),
    "solar": ("SunPeak Solar", "sunpeak-solar"),
    "medicare": ("MediBridge Health", "medibridge"),
    "debt": ("ClearPath Debt Relief", "clearpath-debt"),
}


def opening(b: Builder, p: Persona, campaign: str, rng: random.Random) -> None:
    """Greeting, name, phone and zip confirmation."""
    company = COMPANIES[campaign][0]
    topic = {
        "insurance": "the auto insurance quote",
        "solar": "the solar savings estimate",
        "medicare": "the Medicare Advantage plans in your area",
        "debt": "the debt relief consultation",
    }[campaign]
    if rng.random() < 0.5:
        b.agent(f"Hi, this is {p.agent} with {company}, calling about {topic} you requested. ")
        b.customer("Yes, this is ", kept("name", f"{p.first} {p.last}"), ".")
    else:
        b.agent(f"Thank you for calling {company}, this is {p.agent}. Who am I speaking with?")
        b.customer("Hi, it's ", kept("name", f"{p.first} {p.last}"), ".")
    if rng.random() < 0.5:
        b.agent("Is ", kept("phone", phone_typed(p.phone, rng)), " the best number to reach you?")
        b.customer(rng.choice(("Yes it is.", "Yeah, that's my cell.", "That's right.")))
    else:
        b.agent("What's the best callback number?")
        b.customer("It's ", kept("phone", phone_spoken(p.phone, rng)), ".")
    b.agent("And your zip code?")
    if rng.random() < 0.6:
        b.customer(kept("zip", p.zip), ".")
    else:
        spoken = ", ".join(read_groups(split_groups(p.zip[:5], (5,)), "oh", rng))
        b.customer("It's ", kept("zip", spoken), ".")


Exchange = list[tuple[str, tuple[str | Piece, ...]]]


def ask(*parts: str | Piece) -> tuple[str, tuple[str | Piece, ...]]:
    """An agent line of an exchange."""
    return "agent", parts


def ans(*parts: str | Piece) -> tuple[str, tuple[str | Piece, ...]]:
    """A customer line of an exchange."""
    return "customer", parts


def play(b: Builder, exchanges: Sequence[Exchange]) -> None:
    """Add the lines of each exchange, in order."""
    for exchange in exchanges:
        for speaker, parts in exchange:
            b.say(speaker, *parts)


def body_insurance(b: Builder, p: Persona, rng: random.Random) -> None:
    """Auto/home insurance small talk with prices, years, quantities."""
    options: list[Exchange] = [
        [
            ask("What year is the vehicle?"),
            ans(
                "It's a ",
                kept("year", str(rng.randint(2008, 2023))),
                rng.choice((" Honda Accord", " Ford F-150", " Toyota Camry", " Chevy Malibu")),
                ", and we have ",
                kept("quantity", f"{cardinal(rng.randint(2, 4))} cars"),
                " total.",
            ),
        ],
        [
            ask("About how much are you paying right now?"),
            ans("About ", kept("price", price(rng)), " a month with my current company."),
        ],
        [
            ask(
                "Good news, I can get you full coverage for ",
                kept("price", price(rng)),
                " a month.",
            ),
            ans("That's a lot better than what I have."),
        ],
        [
            ask("How many drivers in the household?"),
            ans(
                kept("quantity", f"{cardinal(rng.randint(2, 4))} drivers"),
                ", me, my wife and my son who's ",
                kept("age", number_said(rng.randint(16, 19), rng)),
                ".",
            ),
        ],
        [
            ask("And the address where the car is parked overnight?"),
            ans(kept("street_number", p.street), f", {p.city}."),
        ],
        [
            ask("How old are you, if you don't mind me asking?"),
            ans("I'm ", kept("age", number_said(rng.randint(24, 80), rng)), "."),
        ],
        [
            ask("The policy can start on ", kept("date", date_phrase(rng)), ". Does that work?"),
            ans("Yes, that works."),
        ],
        [
            ask("Any accidents or tickets in the last three years?"),
            ans(
                "Just one ticket, that was a ",
                kept("non_health", "stroke of luck"),
                " it wasn't worse.",
            ),
        ],
    ]
    play(b, rng.sample(options, rng.randint(2, 3)))


def body_solar(b: Builder, p: Persona, rng: random.Random) -> None:
    """Solar qualification with bills, panels, appointments."""
    options: list[Exchange] = [
        [
            ask("What's your average electric bill?"),
            ans(
                "Around ",
                kept("price", price(rng)),
                " in the summer, maybe ",
                kept("price", price(rng)),
                " in winter.",
            ),
        ],
        [
            ask("Do you own the home?"),
            ans(
                "Yes, since ",
                kept("year", str(rng.randint(1995, 2020))),
                ". It's about ",
                kept("quantity", f"{rng.randint(12, 32) * 100:,} square feet"),
                ".",
            ),
        ],
        [
            ask(
                "You'd need about ",
                kept("quantity", f"{cardinal(rng.randint(14, 34))} panels"),
                " and the federal credit covers ",
                kept("quantity", rng.choice(("thirty percent", "30%"))),
                ".",
            ),
            ans("Okay, my ", kept("non_health", "heart is set on"), " doing this."),
        ],
        [
            ask(
                "The tech can come out ",
                kept("date", date_phrase(rng)),
                " at ",
                kept("time", time_of_day(rng)),
                ".",
            ),
            ans("That works for me."),
        ],
        [
            ask("What's the address for the site survey?"),
            ans(kept("street_number", p.street), f" in {p.city}."),
        ],
        [
            ask("How old is the roof?"),
            ans("About ", kept("quantity", f"{cardinal(rng.randint(3, 25))} years"), "."),
        ],
    ]
    play(b, rng.sample(options, rng.randint(2, 3)))


def body_medicare(b: Builder, p: Persona, rng: random.Random) -> None:
    """Medicare Advantage plan review with ages, copays, carriers."""
    options: list[Exchange] = [
        [
            ask("Are you enrolled in Medicare Parts A and B?"),
            ans(
                "Yes, since I turned ",
                kept("age", number_said(65, rng)),
                " back in ",
                kept("year", str(rng.randint(2010, 2023))),
                ".",
            ),
        ],
        [
            ask(
                "This plan has a ",
                kept("price", "$0"),
                " premium and ",
                kept("price", f"${rng.choice((10, 20, 35, 45))}"),
                " specialist copays.",
            ),
            ans("Does it have ", kept("non_health", "dental and vision"), "?"),
        ],
        [
            ask("Which carrier do you have now?"),
            ans(
                "I have ",
                kept("non_health", rng.choice(("Humana", "Blue Cross", "UnitedHealthcare"))),
                " right now.",
            ),
        ],
        [
            ask("Enrollment would be effective ", kept("date", date_phrase(rng)), "."),
            ans("Okay."),
        ],
        [
            ask("You'd also get a Part B giveback of ", kept("price", price(rng)), " a month."),
            ans("Oh that's nice."),
        ],
        [
            ask("How old are you now?"),
            ans("I'll be ", kept("age", number_said(rng.randint(66, 88), rng)), " in June."),
        ],
        [
            ask("Which doctor do you see?"),
            ans("Dr. ", kept("name", p.doctor), rng.choice((".", " over at the clinic."))),
        ],
    ]
    play(b, rng.sample(options, rng.randint(2, 3)))


def body_debt(b: Builder, p: Persona, rng: random.Random) -> None:
    """Debt relief qualification with balances, payments, months, scores."""
    options: list[Exchange] = [
        [
            ask("How much unsecured debt are you carrying?"),
            ans(
                "About ",
                kept("price", f"${rng.randint(8, 80) * 500:,}"),
                " across ",
                kept("quantity", f"{cardinal(rng.randint(2, 9))} credit cards"),
                ".",
            ),
        ],
        [
            ask("What are your minimum payments?"),
            ans("Roughly ", kept("price", price(rng)), " a month."),
        ],
        [
            ask(
                "The program would be ",
                kept("price", price(rng)),
                " a month for ",
                kept("quantity", f"{cardinal(rng.choice((24, 36, 48)))} months"),
                ".",
            ),
            ans("That's a ", kept("non_health", "pain in the neck"), " but I can do it."),
        ],
        [
            ask("Do you know your credit score?"),
            ans("It's around ", kept("credit_score", str(rng.randint(520, 720))), "."),
        ],
        [
            ask("Are you behind on any of them?"),
            ans(
                "Two of them, about ",
                kept("quantity", f"{cardinal(rng.choice((30, 60, 90)))} days"),
                " late.",
            ),
        ],
        [
            ask("How old are you?"),
            ans(kept("age", number_said(rng.randint(25, 75), rng)), "."),
        ],
    ]
    play(b, rng.sample(options, rng.randint(2, 3)))


BODIES = {
    "insurance": body_insurance,
    "solar": body_solar,
    "medicare": body_medicare,
    "debt": body_debt,
}
HEALTH_ASKS = {
    "insurance": "For the life rider, any health conditions or medications?",
    "solar": "Is anyone home during the day for the install?",
    "medicare": "Do you have any health conditions or take any prescriptions?",
    "debt": "What caused the hardship, if you don't mind me asking?",
}


def closing(b: Builder, rng: random.Random) -> None:
    """Confirmation/order/tracking numbers and a callback time."""
    choice = rng.randrange(3)
    if choice == 0:
        b.agent(
            "Your confirmation number is ",
            kept("confirmation_number", confirmation_number(rng)),
            ".",
        )
    elif choice == 1:
        b.agent("Your order number is ", kept("order_number", order_number(rng)), ".")
    else:
        b.agent(
            "The welcome kit ships today, tracking number ",
            kept("tracking_number", tracking_number(rng)),
            ".",
        )
    if rng.random() < 0.6:
        b.customer("Can you call me back at ", kept("time", time_of_day(rng)), " tomorrow?")
        b.agent("Sure, I'll call you then.")
    b.customer(rng.choice(("Thank you.", "Thanks, bye.", "Okay, thank you so much.")))


# ----------------------------------------------------------------------------- privacy categories

# The sensitive categories of US privacy law beyond numbers and health: one gold kind per call
# slot, cycling so every kind appears in calls of every campaign. "CHILD_DATA" gives a child's
# name and/or age (CHILD_NAME, CHILD_AGE).
PRIVACY_KINDS = (
    "US_ITIN",
    "US_DRIVER_LICENSE",
    "US_PASSPORT",
    "HEALTH_PLAN_ID",
    "ACCOUNT_SECRET",
    "PRECISE_GEOLOCATION",
    "RACIAL_ETHNIC_ORIGIN",
    "RELIGION",
    "UNION_MEMBERSHIP",
    "SEXUAL_ORIENTATION_SEX_LIFE",
    "CITIZENSHIP_IMMIGRATION",
    "POLITICAL_OPINION",
    "GENETIC_DATA",
    "BIOMETRIC_DATA",
    "CHILD_DATA",
)
PRIVACY_PER_CALL = 2
PRIVACY_NEGATIVES_PER_CALL = 2
ITIN_GROUPS = (*range(50, 66), *range(70, 89), *range(90, 93), *range(94, 100))
DL_FORMATS = ("L7", "L12", "D8", "D9", "LL6", "L8", "D7")
PLAN_ID_FORMATS = ("LLL9", "W9", "LL5L", "D10", "LLL8")
ID_LETTERS = "ABCDEFGHJKLMNPRSTWXYZ"
PASSWORD_WORDS = ("bluebird", "sunflower", "tigers", "grandma", "mustang", "Cowboys", "Buster")
MAIDEN_NAMES = ("garcia", "kowalski", "o'brien", "nguyen", "henderson", "rossi", "lindqvist")
PET_NAMES = ("buster", "biscuit", "duchess", "rocky", "pepper", "sadie")
CHILD_NAMES = (
    "jacob",
    "emma",
    "liam",
    "sophia",
    "mason",
    "ava",
    "noah",
    "chloe",
    "ethan",
    "lily",
    "caleb",
    "maya",
)
ETHNICITIES = (
    "hispanic",
    "latina",
    "african american",
    "black",
    "puerto rican",
    "native american",
    "korean american",
    "mexican american",
    "asian",
)
RELIGIONS = (
    "catholic",
    "baptist",
    "muslim",
    "jewish",
    "mormon",
    "jehovah's witness",
    "seventh day adventist",
    "buddhist",
)
UNIONS = ("teamsters union", "union member", "ibew", "uaw", "seiu", "carpenters union", "afscme")
ORIENTATIONS = ("gay", "lesbian", "bisexual", "same sex partner", "transgender")
CITIZENSHIP = (
    "green card holder",
    "work visa",
    "h-1b visa",
    "not a us citizen",
    "naturalized citizen",
    "daca recipient",
    "undocumented",
    "permanent resident",
)
POLITICS = ("republican", "democrat", "libertarian", "trump supporter", "progressive")
GENETIC = ("brca test", "brca2 mutation", "genetic test", "23andme results", "apoe4 gene")
BIOMETRIC = ("fingerprints", "voiceprint", "face scan", "retina scan", "palm scan")


def cap(term: str) -> str:
    """Capitalize each word ("jehovah's witness" -> "Jehovah's Witness"; str.title breaks it)."""
    return " ".join(w[:1].upper() + w[1:] for w in term.split(" "))


def make_itin(rng: random.Random) -> str:
    """An ITIN: 9XX-GG-SSSS with a group in 50-65, 70-88, 90-92 or 94-99."""
    group = rng.choice(ITIN_GROUPS)
    return f"9{rng.randint(0, 99):02d}{group:02d}{rng.randint(1, 9999):04d}"


def itin_valid(digits: str) -> bool:
    """Shape of an ITIN (IRS): nine digits, first 9, fourth-fifth in the issued groups."""
    return (
        len(digits) == 9
        and digits.isdigit()
        and digits[0] == "9"
        and int(digits[3:5]) in ITIN_GROUPS
    )


def id_from(spec: str, rng: random.Random) -> str:
    """An ID from a compact format: ``L`` a letter, ``LL6`` two letters and six digits, etc."""
    out = ""
    i = 0
    while i < len(spec):
        ch = spec[i]
        j = i + 1
        while j < len(spec) and spec[j].isdigit():
            j += 1
        count = int(spec[i + 1 : j]) if j > i + 1 else 1
        pool = ID_LETTERS if ch == "L" else "0123456789"
        out += "".join(rng.choice(pool) for _ in range(count))
        i = j
    if out[0] == "0":
        out = "7" + out[1:]
    return out


def make_driver_license(rng: random.Random) -> str:
    """A state-shaped driver's license number (letter + digits, or all digits)."""
    return id_from(rng.choice(DL_FORMATS), rng)


def make_passport(rng: random.Random) -> str:
    """A US passport book number: nine digits, or a letter and eight digits."""
    return id_from(rng.choice(("D9", "L8")), rng)


def make_plan_id(rng: random.Random) -> str:
    """A health plan member ID or Medicaid number."""
    return id_from(rng.choice(PLAN_ID_FORMATS), rng)


def make_coordinates(rng: random.Random) -> tuple[str, str]:
    """A latitude and longitude inside the lower 48, 4 to 6 decimals."""
    places = rng.choice((4, 4, 5, 6))
    return f"{rng.uniform(25.5, 48.5):.{places}f}", f"-{rng.uniform(71.5, 123.5):.{places}f}"


def id_said(value: str, rng: random.Random) -> str:
    """An alphanumeric ID as typed or spelled out character by character."""
    return value if rng.random() < 0.55 else " ".join(value)


def digits_said(value: str, rng: random.Random, groups: Sequence[int] = ()) -> str:
    """A short number as typed or as digit words (grouped when ``groups`` is given)."""
    parts = split_groups(value, groups) if groups else [value]
    mode = rng.choice(("typed", "words", "words", "tens"))
    if mode == "typed":
        return "-".join(parts)
    return ", ".join(read_groups(parts, mode, rng))


def told(b: Builder, entity: str, style: str, text: str, **value: str) -> Piece:
    """Register a gold item said as ``text``; ``value`` is digits= or chars=, else the text."""
    if not value:
        value = {"text": text}
    return secret(b.gold(Gold(entity, style, style, **value)), text)


def privacy_exchange(b: Builder, kind: str, campaign: str, rng: random.Random, asr: bool) -> None:
    """A short agent/customer exchange disclosing one item of ``kind``."""
    style = "asr_lowercase" if asr else "dialog"

    def say(*parts: str | Piece) -> None:
        b.customer(*parts, asr=asr)

    def pick(options: Sequence[str]) -> str:
        return rng.choice(options)

    if kind == "US_ITIN":
        v = make_itin(rng)
        b.agent(pick(("I'll need a social security number or an ITIN.", "Do you have a social?")))
        text = digits_said(v, rng, (3, 2, 4))
        say(
            pick(("I don't have a social, I file with an ITIN, it's ", "My itin is ")),
            told(b, kind, style, text, digits=v),
            ".",
        )
    elif kind == "US_DRIVER_LICENSE":
        v = make_driver_license(rng)
        b.agent(pick(("Can I get your driver's license number?", "And the license number?")))
        text = id_said(v, rng)
        if rng.random() < 0.7:
            say("Sure, my driver's license is ", told(b, kind, style, text, chars=v), ".")
        else:
            say(told(b, kind, style, text, chars=v), ", that's my driver's license number.")
    elif kind == "US_PASSPORT":
        v = make_passport(rng)
        b.agent("To verify your identity I can take a driver's license or a passport.")
        say(
            pick(("Let me grab my passport. Okay, it's ", "My passport number is ")),
            told(b, kind, style, id_said(v, rng), chars=v),
            ".",
        )
    elif kind == "HEALTH_PLAN_ID":
        v = make_plan_id(rng)
        b.agent(pick(("Do you have your insurance card handy?", "What's on your plan card?")))
        cue = pick(("My member id is ", "The member ID is ", "My medicaid number is "))
        say(cue, told(b, kind, style, id_said(v, rng), chars=v), ".")
    elif kind == "ACCOUNT_SECRET":
        secret_kind = rng.randrange(5)
        if secret_kind == 0:
            pw = f"{pick(PASSWORD_WORDS)}{rng.randint(10, 2019)}{pick(('', '', '!', '#'))}"
            b.agent("I can link your online account if you give me the login.")
            say("My password is ", told(b, kind, style, pw), ".")
        elif secret_kind == 1:
            pin = f"{rng.randint(1000, 9999)}"
            b.agent("The bank draft form asks for the account PIN.")
            say("The pin is ", told(b, kind, style, digits_said(pin, rng), digits=pin), ".")
        elif secret_kind == 2:
            code = f"{rng.randint(100000, 999999)}"
            b.agent("I just sent a verification code to your phone.")
            say(
                "Okay, the code they texted me is ",
                told(b, kind, style, digits_said(code, rng), digits=code),
                ".",
            )
        elif secret_kind == 3:
            b.agent("For the security question, what's your mother's maiden name?")
            say("My mother's maiden name is ", told(b, kind, style, pick(MAIDEN_NAMES)), ".")
        else:
            b.agent("And the answer to your security question?")
            say("My first pet's name, ", told(b, kind, style, pick(PET_NAMES)), ".")
    elif kind == "PRECISE_GEOLOCATION":
        lat, lng = make_coordinates(rng)
        if campaign == "solar" or rng.random() < 0.5:
            b.agent("I'm pulling up the satellite view of the roof.")
            say(
                "My phone says I'm at ",
                told(b, kind, style, lat),
                ", ",
                told(b, kind, style, lng),
                ", if that helps.",
            )
        else:
            b.agent(
                "I have the pin at ",
                told(b, kind, "agent_readback", lat),
                ", ",
                told(b, kind, "agent_readback", lng),
                ", is that your house?",
            )
            say("Yes, that's us.")
    elif kind == "RACIAL_ETHNIC_ORIGIN":
        b.agent("There's an optional demographic question, you can skip it.")
        say(
            pick(("No that's fine, I'm ", "I'm ", "Well, we're ")),
            told(b, kind, style, pick(ETHNICITIES) if asr else cap(pick(ETHNICITIES))),
            pick((".", ", if that matters.", ", my whole family.")),
        )
    elif kind == "RELIGION":
        b.agent(pick(("Is Sunday a good day for the appointment?", "Anything we should know?")))
        say(
            pick(("No, I'm ", "We're ", "Well, I'm a ")),
            told(b, kind, style, pick(RELIGIONS) if asr else cap(pick(RELIGIONS))),
            pick((", so we're at church Sunday mornings.", ", so no blood transfusions.", ".")),
        )
    elif kind == "UNION_MEMBERSHIP":
        b.agent("Do you get any coverage through work?")
        union = pick(UNIONS)
        if union == "union member":
            say("I'm a ", told(b, kind, style, union), ", local 46.")
        else:
            say("I'm in the ", told(b, kind, style, union), ", so some of it.")
    elif kind == "SEXUAL_ORIENTATION_SEX_LIFE":
        b.agent("Would anyone else be on the policy?")
        term = pick(ORIENTATIONS)
        if term == "same sex partner":
            say("My ", told(b, kind, style, term), ", we're not married yet.")
        else:
            say("I'm ", told(b, kind, style, term), ", so my partner, if that's allowed.")
    elif kind == "CITIZENSHIP_IMMIGRATION":
        b.agent("Are you a U.S. citizen or permanent resident?")
        term = pick(CITIZENSHIP)
        article = "" if term in ("undocumented", "not a us citizen") else "a "
        if term == "work visa" or term == "h-1b visa":
            article = "on a "
        say("I'm ", article, told(b, kind, style, term), ".")
    elif kind == "POLITICAL_OPINION":
        b.agent("The federal credit is part of the new energy bill.")
        say(
            pick(("I'm a registered ", "Honestly I'm a ", "Well, I'm a ")),
            told(b, kind, style, pick(POLITICS)),
            ", but if it saves me money I'm in.",
        )
    elif kind == "GENETIC_DATA":
        b.agent("Any family history we should know about for the life rider?")
        term = pick(GENETIC)
        if term.endswith("mutation") or term.endswith("gene"):
            say("They found the ", told(b, kind, style, term), " in me.")
        else:
            say("My ", told(b, kind, style, term), " came back positive.")
    elif kind == "BIOMETRIC_DATA":
        b.agent("We'll need to verify you before the change.")
        say(
            pick(("You have my ", "Don't you have my ", "I set up the ")),
            told(b, kind, style, pick(BIOMETRIC)),
            " on file.",
        )
    else:  # CHILD_DATA
        b.agent(pick(("Anyone else in the household?", "Any dependents?")))
        age_value = rng.randint(1, 12)
        age = str(age_value) if rng.random() < 0.4 else cardinal(age_value)
        shape = rng.randrange(3)
        if shape == 0:
            who = pick(("son", "daughter"))
            name = pick(CHILD_NAMES)
            say(
                f"My {who} ",
                told(b, "CHILD_NAME", style, name.title() if not asr else name),
                " is ",
                told(b, "CHILD_AGE", style, age),
                ".",
            )
        elif shape == 1:
            say(f"My {pick(('son', 'daughter'))} is ", told(b, "CHILD_AGE", style, age), ".")
        else:
            name = pick(CHILD_NAMES)
            say(
                "Just ",
                told(b, "CHILD_NAME", style, name.title() if not asr else name),
                ", she just turned ",
                told(b, "CHILD_AGE", style, age),
                ".",
            )


def privacy_negative(b: Builder, which: int, rng: random.Random) -> None:
    """A line with a hard negative that resembles a privacy category but is not one."""
    choice = which % 15
    if choice == 0:
        b.customer("I'm a ", kept("membership", "member of the gym"), " down the street.")
    elif choice == 1:
        b.customer("Can we do it after ", kept("event", "the party on Saturday"), "?")
    elif choice == 2:
        b.customer("We're right off ", kept("street_name", "Union Street"), ".")
    elif choice == 3:
        b.customer("Just put it on the ", kept("card_brand", "Visa card"), " like last time.")
    elif choice == 4:
        age = rng.choice(("25", "twenty five", "31", "forty"))
        b.customer("No, my son is ", kept("adult_age", age), ", he has his own place.")
    elif choice == 5:
        b.customer("Hang on, I'm ", kept("duration", "7 minutes"), " away from the house.")
    elif choice == 6:
        b.agent("That's on ", kept("plan_name", "the savings plan"), ".")
    elif choice == 7:
        b.customer("Sorry, I was watching ", kept("team", "the Temple University game"), ".")
    elif choice == 8:
        b.agent("Use ", kept("promo_code", "promo code SAVE10"), " on the website.")
    elif choice == 9:
        b.customer("It's ", kept("area_code", "area code 503"), ", not 505.")
    elif choice == 10:
        b.agent("That's a ", kept("phrase", "conservative estimate"), " of the savings.")
    elif choice == 11:
        amount = f"${rng.randint(12, 95)}.{rng.randint(10, 99)}"
        b.agent("The fee would be ", kept("price", amount), " a month.")
    elif choice == 12:
        b.customer("It's ", kept("phrase", "my wife and I"), " on the account.")
    elif choice == 13:
        version = f"{rng.randint(2, 9)}.{rng.randint(1, 20)}.{rng.randint(0, 9)}"
        b.customer("The app says version ", kept("version", version), ".")
    else:
        b.customer("I have to stop by ", kept("bank", "the credit union"), " to get the checks.")


def privacy_section(b: Builder, index: int, campaign: str, attempt: int) -> None:
    """Privacy-category disclosures and their hard negatives, with their own sub-seed."""
    rng = random.Random(f"{SEED}/call/{index}/{attempt}/privacy")
    asr = rng.random() < 0.35
    for k in range(PRIVACY_PER_CALL):
        kind = PRIVACY_KINDS[(index * PRIVACY_PER_CALL + k) % len(PRIVACY_KINDS)]
        privacy_exchange(b, kind, campaign, rng, asr and k == 0)
    for k in range(PRIVACY_NEGATIVES_PER_CALL):
        privacy_negative(b, index * PRIVACY_NEGATIVES_PER_CALL + k + index // 15, rng)


# Each call's primary sensitive item cycles through these, so every style appears several times.
PRIMARY: tuple[tuple[str, str], ...] = (
    *(("US_SSN", s) for s in DIGIT_STYLES_SSN),
    *(("CREDIT_CARD", s) for s in DIGIT_STYLES_CARD),
    *(("ABA_ROUTING_NUMBER", s) for s in DIGIT_STYLES_ROUTING),
    *(("US_BANK_NUMBER", s) for s in DIGIT_STYLES_ACCOUNT),
    # the hardest shapes once more
    ("CREDIT_CARD", "card_four_segments"),
    ("US_SSN", "split_backchannel"),
    ("CREDIT_CARD", "double_triple"),
    ("US_SSN", "grouped_tens"),
)
CAMPAIGNS_FOR = {
    "US_SSN": ("debt", "solar", "medicare", "insurance"),
    "CREDIT_CARD": ("insurance", "debt", "insurance"),
    "ABA_ROUTING_NUMBER": ("insurance", "debt"),
    "US_BANK_NUMBER": ("insurance", "debt"),
}


def build_call(index: int, attempt: int) -> dict[str, Any]:
    """One call transcript; ``attempt`` changes the sub-seed for a redraw."""
    rng = random.Random(f"{SEED}/call/{index}/{attempt}")
    fake = Faker("en_US")
    fake.seed_instance(rng.getrandbits(32))
    entity, style = PRIMARY[index % len(PRIMARY)]
    campaign = rng.choice(CAMPAIGNS_FOR[entity])
    p = persona(fake, rng)
    b = Builder()
    opening(b, p, campaign, rng)
    BODIES[campaign](b, p, rng)
    items = [(entity, style)]
    if entity == "ABA_ROUTING_NUMBER":
        items.append(("US_BANK_NUMBER", rng.choice(DIGIT_STYLES_ACCOUNT)))
    if rng.random() < 0.35:
        other = rng.choice(PRIMARY)
        if other[0] not in {e for e, _ in items}:
            items.append(other)
    if campaign == "medicare" and rng.random() < 0.5:
        mbi_exchange(b, rng)
    if campaign in ("medicare", "insurance") and rng.random() < 0.4:
        dob_exchange(b, rng)
    for item_entity, item_style in items:
        brand = sensitive_number(b, item_entity, item_style, rng)
        if item_entity == "CREDIT_CARD":
            card_extras(b, brand, rng, index // len(PRIMARY) + index)
    health_chance = {"medicare": 0.9, "insurance": 0.5, "debt": 0.35, "solar": 0.2}[campaign]
    if rng.random() < health_chance:
        b.agent(HEALTH_ASKS[campaign])
        health_segment(b, rng, rng.choice((1, 2, 2, 3)))
        b.agent("Thank you for sharing that.")
    privacy_section(b, index, campaign, attempt)
    closing(b, rng)
    whole_asr = rng.random() < 0.2
    record = b.render(whole_asr)
    return {
        "id": f"call-{index + 1:04d}",
        "owner": COMPANIES[campaign][1],
        "campaign_id": f"{campaign}-2024q3",
        "consumer_state": p.state,
        **record,
    }


# ----------------------------------------------------------------------------- leads

LEAD_SENSITIVE: tuple[tuple[str, str, str], ...] = (
    # (field name, entity, style)
    ("ssn", "US_SSN", "named_field"),
    ("SSN", "US_SSN", "named_field"),
    ("social_security_no", "US_SSN", "named_field"),
    ("SocialSecurityNumber", "US_SSN", "named_field"),
    ("ss_num", "US_SSN", "named_field"),
    ("custom_17", "US_SSN", "unknown_field"),
    ("notes", "US_SSN", "free_text"),
    ("comments", "US_SSN", "free_text_words"),
    ("cc", "CREDIT_CARD", "named_field"),
    ("card_number", "CREDIT_CARD", "named_field"),
    ("CCNumber", "CREDIT_CARD", "named_field"),
    ("field_22", "CREDIT_CARD", "unknown_field"),
    ("comments", "CREDIT_CARD", "free_text"),
    ("cvv", "CARD_SECURITY_CODE", "named_field"),
    ("card_exp", "CARD_EXPIRY", "named_field"),
    ("exp_date", "CARD_EXPIRY", "named_field"),
    ("dob", "DATE_OF_BIRTH", "named_field"),
    ("DOB", "DATE_OF_BIRTH", "named_field"),
    ("birth_date", "DATE_OF_BIRTH", "named_field"),
    ("routing_number", "ABA_ROUTING_NUMBER", "named_field"),
    ("custom_4", "ABA_ROUTING_NUMBER", "unknown_field"),
    ("bank_account", "US_BANK_NUMBER", "named_field"),
    ("acct_no", "US_BANK_NUMBER", "named_field"),
    ("medical_conditions", "HEALTH_CONDITION", "named_field"),
    ("notes", "HEALTH_CONDITION", "free_text"),
    ("current_medications", "MEDICATION", "named_field"),
    ("comments", "MEDICATION", "free_text"),
    ("custom_9", "HEALTH_CONDITION", "unknown_field"),
    ("medicare_id", "US_MBI", "named_field"),
)


# (field name, entity, style): privacy categories in leads, one or two per lead, cycling.
LEAD_PRIVACY: tuple[tuple[str, str, str], ...] = (
    ("itin", "US_ITIN", "named_field"),
    ("notes", "US_ITIN", "free_text"),
    ("dl_number", "US_DRIVER_LICENSE", "named_field"),
    ("notes", "US_DRIVER_LICENSE", "free_text"),
    ("passport_no", "US_PASSPORT", "named_field"),
    ("comments", "US_PASSPORT", "free_text"),
    ("member_id", "HEALTH_PLAN_ID", "named_field"),
    ("notes", "HEALTH_PLAN_ID", "free_text"),
    ("password", "ACCOUNT_SECRET", "named_field"),
    ("pin", "ACCOUNT_SECRET", "named_field"),
    ("notes", "ACCOUNT_SECRET", "free_text"),
    ("lat", "PRECISE_GEOLOCATION", "named_field"),
    ("notes", "PRECISE_GEOLOCATION", "free_text"),
    ("race", "RACIAL_ETHNIC_ORIGIN", "named_field"),
    ("comments", "RACIAL_ETHNIC_ORIGIN", "free_text"),
    ("religion", "RELIGION", "named_field"),
    ("notes", "RELIGION", "free_text"),
    ("union_affiliation", "UNION_MEMBERSHIP", "named_field"),
    ("comments", "UNION_MEMBERSHIP", "free_text"),
    ("orientation", "SEXUAL_ORIENTATION_SEX_LIFE", "named_field"),
    ("notes", "SEXUAL_ORIENTATION_SEX_LIFE", "free_text"),
    ("citizenship", "CITIZENSHIP_IMMIGRATION", "named_field"),
    ("comments", "CITIZENSHIP_IMMIGRATION", "free_text"),
    ("party_affiliation", "POLITICAL_OPINION", "named_field"),
    ("notes", "POLITICAL_OPINION", "free_text"),
    ("genetic_test", "GENETIC_DATA", "named_field"),
    ("notes", "GENETIC_DATA", "free_text"),
    ("custom_31", "BIOMETRIC_DATA", "unknown_field"),
    ("notes", "BIOMETRIC_DATA", "free_text"),
    ("kids", "CHILD_DATA", "named_field"),
    ("notes", "CHILD_DATA", "free_text"),
)
# (field name, kind, text before, kept text, text after): hard negatives in leads.
LEAD_PRIVACY_NEGATIVES: tuple[tuple[str, str, str, str, str], ...] = (
    ("promo_code", "promo_code", "", "SAVE10", ""),
    ("agent_notes", "membership", "Caller is a ", "member of the gym", " near the office."),
    ("agent_notes", "event", "Call after ", "the party on Saturday", "."),
    ("address2", "street_name", "Corner of ", "Union Street", ""),
    ("payment_pref", "card_brand", "", "Visa card", " on file"),
    ("agent_notes", "adult_age", "Son is ", "25", ", lives at home, not on policy."),
    ("agent_notes", "duration", "Was ", "7 minutes", " away, call back."),
    ("plan_interest", "plan_name", "", "the savings plan", ""),
    ("agent_notes", "team", "Rescheduled for ", "the Temple University game", "."),
    ("area_code", "area_code", "", "503", ""),
    ("estimate_note", "phrase", "", "conservative estimate", " of 30% offset"),
    ("app_version", "version", "", "2.4.1", ""),
    ("agent_notes", "price", "Quoted ", "$37.77", " monthly."),
    ("agent_notes", "phrase", "Said ", "my wife and I", " both drive."),
    ("bank_name", "bank", "", "the credit union", ""),
)


Parts = list[str | tuple[Gold, str]]


def lead_privacy_parts(entity: str, name: str, style: str, rng: random.Random) -> Parts:
    """A field's text as plain strings and (gold, text) pairs for one privacy item."""
    free = style == "free_text"

    def g(entity_type: str, text: str, **value: str) -> tuple[Gold, str]:
        return Gold(entity_type, style, style, **(value or {"text": text})), text

    if entity == "US_ITIN":
        v = make_itin(rng)
        typed = rng.choice((f"{v[:3]}-{v[3:5]}-{v[5:]}", v))
        return (
            ["No SSN, ITIN ", g(entity, typed, digits=v), "."]
            if free
            else [g(entity, typed, digits=v)]
        )
    if entity == "US_DRIVER_LICENSE":
        v = make_driver_license(rng)
        return (
            ["Driver's license ", g(entity, v, chars=v), "."] if free else [g(entity, v, chars=v)]
        )
    if entity == "US_PASSPORT":
        v = make_passport(rng)
        return (
            ["Passport # ", g(entity, v, chars=v), " for ID."] if free else [g(entity, v, chars=v)]
        )
    if entity == "HEALTH_PLAN_ID":
        v = make_plan_id(rng)
        cue = rng.choice(("Member ID ", "Medicaid number "))
        return [cue, g(entity, v, chars=v), "."] if free else [g(entity, v, chars=v)]
    if entity == "ACCOUNT_SECRET":
        if name == "pin":
            pin = str(rng.randint(1000, 9999))
            return [g(entity, pin, digits=pin)]
        pw = f"{rng.choice(PASSWORD_WORDS)}{rng.randint(10, 2019)}{rng.choice(('', '!', '#'))}"
        if not free:
            return [g(entity, pw)]
        if rng.random() < 0.5:
            return ["Portal password is ", g(entity, pw), "."]
        return ["Mother's maiden name ", g(entity, rng.choice(MAIDEN_NAMES).title()), "."]
    if entity == "PRECISE_GEOLOCATION":
        lat, lng = make_coordinates(rng)
        if free:
            return ["Roof pin ", g(entity, lat), ", ", g(entity, lng), "."]
        return [g(entity, lng if name == "lng" else lat)]
    if entity == "RACIAL_ETHNIC_ORIGIN":
        term = cap(rng.choice(ETHNICITIES))
        return ["Caller said she's ", g(entity, term), "."] if free else [g(entity, term)]
    if entity == "RELIGION":
        term = cap(rng.choice(RELIGIONS))
        return ["Family is ", g(entity, term), ", no Sunday appts."] if free else [g(entity, term)]
    if entity == "UNION_MEMBERSHIP":
        term = rng.choice(UNIONS)
        term = term.upper() if len(term) <= 6 else cap(term)
        return ["Coverage via ", g(entity, term), "."] if free else [g(entity, term)]
    if entity == "SEXUAL_ORIENTATION_SEX_LIFE":
        term = rng.choice(ORIENTATIONS)
        if free:
            return ["Caller is ", g(entity, term), ", asked about partner coverage."]
        return [g(entity, cap(term))]
    if entity == "CITIZENSHIP_IMMIGRATION":
        term = rng.choice(CITIZENSHIP)
        return ["Customer is ", g(entity, term), "."] if free else [g(entity, cap(term))]
    if entity == "POLITICAL_OPINION":
        term = rng.choice(POLITICS)
        return (
            ["Registered ", g(entity, term), ", likes the tax credit."]
            if free
            else [g(entity, cap(term))]
        )
    if entity == "GENETIC_DATA":
        term = rng.choice(GENETIC)
        return (
            ["Mentioned ", g(entity, term), " positive."]
            if free
            else [g(entity, term), " positive"]
        )
    if entity == "BIOMETRIC_DATA":
        term = rng.choice(BIOMETRIC)
        return (
            ["Customer has ", g(entity, term), " on file."]
            if free
            else [g(entity, term), " on file"]
        )
    # CHILD_DATA
    first, second = rng.sample(CHILD_NAMES, 2)
    age1, age2 = rng.sample(range(1, 17), 2)
    if free:
        return [
            "Son ",
            g("CHILD_NAME", first.title()),
            " is ",
            g("CHILD_AGE", str(age1)),
            ", daughter is ",
            g("CHILD_AGE", str(age2)),
            ".",
        ]
    return [
        g("CHILD_NAME", first.title()),
        " (",
        g("CHILD_AGE", str(age1)),
        "), ",
        g("CHILD_NAME", second.title()),
        " (",
        g("CHILD_AGE", str(age2)),
        ")",
    ]


def lead_value(entity: str, style: str, rng: random.Random) -> tuple[str, Gold, str, str]:
    """(field text before, gold, value text, field text after) for one sensitive field."""
    if entity == "US_SSN":
        v = make_ssn(rng)
        typed = rng.choice((f"{v[:3]}-{v[3:5]}-{v[5:]}", v, f"{v[:3]} {v[3:5]} {v[5:]}"))
        if style == "free_text":
            before = rng.choice(("Cust gave SSN ", "ssn ", "called in, social "))
            return before, Gold(entity, style, "typed", digits=v), typed, ", will call back."
        if style == "free_text_words":
            words = " ".join(digit_words(v))
            gold = Gold(entity, style, "words", digits=v)
            return "per call: social is ", gold, words, " (from recording)"
        if style == "unknown_field":
            return "", Gold(entity, style, "typed", digits=v), rng.choice((v, typed)), ""
        return "", Gold(entity, style, "typed", digits=v), typed, ""
    if entity == "CREDIT_CARD":
        v = make_card(rng, rng.choice(tuple(CARD_BRANDS)))
        sep = rng.choice((" ", "-", ""))
        typed = sep.join(split_groups(v, CARD_GROUPS[len(v)]))
        if style == "free_text":
            gold = Gold(entity, style, "typed", digits=v)
            return "Paid by card ", gold, typed, " - first draft on the 1st."
        return "", Gold(entity, style, "typed", digits=v), typed, ""
    if entity == "CARD_SECURITY_CODE":
        v = str(rng.randint(100, 9999 if rng.random() < 0.2 else 999))
        return "", Gold(entity, style, "typed", digits=v), v, ""
    if entity == "CARD_EXPIRY":
        month, year = rng.randint(1, 12), rng.randint(2025, 2031)
        text = rng.choice(
            (f"{month:02d}/{year % 100:02d}", f"{month:02d}/{year}", f"{month:02d}{year % 100:02d}")
        )
        digits = "".join(ch for ch in text if ch.isdigit())
        return "", Gold(entity, style, "typed", digits=digits), text, ""
    if entity == "DATE_OF_BIRTH":
        y, m, d = rng.randint(1938, 2000), rng.randint(1, 12), rng.randint(1, 28)
        text = rng.choice((f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{m}/{d}/{y}"))
        digits = "".join(ch for ch in text if ch.isdigit())
        return "", Gold(entity, style, "typed", digits=digits), text, ""
    if entity == "ABA_ROUTING_NUMBER":
        v = make_routing(rng)
        return "", Gold(entity, style, "typed", digits=v), v, ""
    if entity == "US_BANK_NUMBER":
        v = make_account(rng)
        return "", Gold(entity, style, "typed", digits=v), v, ""
    if entity == "US_MBI":
        v = make_mbi(rng)
        text = rng.choice((v, f"{v[:4]}-{v[4:7]}-{v[7:]}"))
        return "", Gold(entity, style, "typed", chars=v), text, ""
    if entity == "HEALTH_CONDITION":
        term = rng.choice(CONDITIONS_PLAIN + CONDITIONS_COLLOQUIAL[:3])
        if style == "free_text":
            return "Spouse has ", Gold(entity, style, "text", text=term), term, ", wants PPO."
        return "", Gold(entity, style, "text", text=term), term, ""
    term = rng.choice(MEDICATIONS_PLAIN)
    if style == "free_text":
        return "Currently on ", Gold(entity, style, "text", text=term), term, " - check formulary"
    return "", Gold(entity, style, "text", text=term), term, ""


def build_lead(index: int, attempt: int) -> dict[str, Any]:
    """One lead record with kept contact fields, sensitive fields and hard negatives."""
    rng = random.Random(f"{SEED}/lead/{index}/{attempt}")
    fake = Faker("en_US")
    fake.seed_instance(rng.getrandbits(32))
    p = persona(fake, rng)
    campaign = rng.choice(tuple(COMPANIES))
    fields: dict[str, str] = {}
    gold: list[dict[str, Any]] = []
    negatives: list[dict[str, Any]] = []

    def keep(name: str, kind: str, value: str) -> None:
        fields[name] = value
        negatives.append({"kind": kind, "text": value, "field": name, "start": 0})

    keep(rng.choice(("first_name", "FirstName", "fname")), "name", p.first)
    keep(rng.choice(("last_name", "LastName", "lname")), "name", p.last)
    keep(rng.choice(("phone", "Phone1", "cell", "home_phone")), "phone", phone_typed(p.phone, rng))
    keep(rng.choice(("zip", "ZipCode", "postal_code")), "zip", p.zip)
    keep(rng.choice(("state", "State")), "state", rng.choice((p.state, STATE_NAMES[p.state])))
    if rng.random() < 0.6:
        keep(rng.choice(("address", "address1", "street")), "street_number", p.street)
    if rng.random() < 0.5:
        keep("email", "email", p.email)
    first = LEAD_SENSITIVE[index % len(LEAD_SENSITIVE)]
    chosen = [first, *rng.sample(LEAD_SENSITIVE, rng.randint(0, 3))]
    for name, entity, style in chosen:
        if name in fields:
            continue
        before, item, value, after = lead_value(entity, style, rng)
        fields[name] = before + value + after
        entry: dict[str, Any] = {"type": item.type}
        for key in ("digits", "text", "chars"):
            if getattr(item, key) is not None:
                entry[key] = getattr(item, key)
        entry |= {
            "fields": [name],
            "spans": [[name, len(before), len(before) + len(value)]],
            "style": item.style,
        }
        gold.append(entry)
        if style.startswith("free_text") and rng.random() < 0.6:
            extra = rng.choice(
                (
                    ("price", f"${rng.randint(49, 399)}.99"),
                    ("time", f"{rng.randint(1, 11)}:{rng.choice(('00', '30'))}"),
                    ("date", date_phrase(rng)),
                )
            )
            label = {"price": " Quoted ", "time": " Call back at ", "date": " Follow up "}
            prefix = fields[name] + label[extra[0]]
            fields[name] = prefix + extra[1] + "."
            negatives.append(
                {"kind": extra[0], "text": extra[1], "field": name, "start": len(prefix)}
            )
    extras: list[tuple[str, str, str]] = [
        ("order_id", "order_number", order_number(rng)),
        ("lead_score", "quantity", str(rng.randint(10, 99))),
        ("monthly_bill", "price", f"${rng.randint(60, 420)}"),
        ("age", "age", str(rng.randint(25, 88))),
        ("sub_id", "order_number", str(rng.randint(1000, 99999))),
        ("household_size", "quantity", str(rng.randint(1, 6))),
        ("loan_amount", "price", f"${rng.randint(5, 90) * 1000:,}"),
        ("appointment", "date", date_phrase(rng)),
        ("best_time", "time", time_of_day(rng)),
        ("custom_2", "confirmation_number", confirmation_number(rng)),
    ]
    for name, kind, value in rng.sample(extras, rng.randint(1, 3)):
        keep(name, kind, value)

    def add_text(name: str, parts: Sequence[str | tuple[Gold, str] | tuple[str, str]]) -> None:
        """Write (or append to) a field: strings, (gold, text) and (negative kind, text)."""
        text = fields[name] + " " if fields.get(name) else ""
        for part in parts:
            if isinstance(part, str):
                text += part
                continue
            start = len(text)
            text += part[1]
            if isinstance(part[0], Gold):
                entry = {"type": part[0].type}
                for key in ("digits", "text", "chars"):
                    if getattr(part[0], key) is not None:
                        entry[key] = getattr(part[0], key)
                entry |= {
                    "fields": [name],
                    "spans": [[name, start, len(text)]],
                    "style": part[0].style,
                }
                gold.append(entry)
            else:
                negatives.append({"kind": part[0], "text": part[1], "field": name, "start": start})
        fields[name] = text

    prng = random.Random(f"{SEED}/lead/{index}/{attempt}/privacy")
    for k in range(2 if prng.random() < 0.6 else 1):
        name, entity, style = LEAD_PRIVACY[(index * 2 + k) % len(LEAD_PRIVACY)]
        if name == "lat":
            lat, lng = make_coordinates(prng)
            add_text("lat", [(Gold(entity, style, style, text=lat), lat)])
            add_text("lng", [(Gold(entity, style, style, text=lng), lng)])
            continue
        add_text(name, lead_privacy_parts(entity, name, style, prng))
    neg_name, neg_kind, before, neg_text, after = LEAD_PRIVACY_NEGATIVES[
        index % len(LEAD_PRIVACY_NEGATIVES)
    ]
    add_text(neg_name, [before, (neg_kind, neg_text), after])
    return {
        "id": f"lead-{index + 1:04d}",
        "owner": COMPANIES[campaign][1],
        "campaign_id": f"{campaign}-2024q3",
        "fields": fields,
        "gold": gold,
        "negatives": negatives,
    }


# ----------------------------------------------------------------------------- checks and output


def self_check(record: dict[str, Any]) -> str | None:
    """Why ``record`` is unfit (scorer disagrees with its construction), or None."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.eval import oracle_output, original_output, score_record

    identity = score_record(record, original_output(record))
    if not all(g.leaked for g in identity.gold):
        return "a gold value is not recoverable from the original text"
    if any(n.destroyed for n in identity.negatives):
        return "a negative is not in its original text"
    oracle = score_record(record, oracle_output(record))
    if any(g.leaked for g in oracle.gold):
        return "a gold value survives a perfect redaction (collision)"
    if any(n.destroyed for n in oracle.negatives):
        return "a negative overlaps a gold span"
    return None


def build_all(build: Callable[[int, int], dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """Build ``count`` records, redrawing any that fail the self-check."""
    records = []
    for index in range(count):
        for attempt in range(MAX_ATTEMPTS):
            record = build(index, attempt)
            if self_check(record) is None:
                records.append(record)
                break
        else:
            raise AssertionError(f"record {index}: {self_check(record)}")
    return records


def to_jsonl(records: Sequence[dict[str, Any]]) -> str:
    """One compact JSON object per line."""
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def generate() -> dict[str, str]:
    """File name -> content for the whole corpus."""
    return {
        "calls.jsonl": to_jsonl(build_all(build_call, N_CALLS)),
        "leads.jsonl": to_jsonl(build_all(build_lead, N_LEADS)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check, compare) calls.jsonl and leads.jsonl."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="directory to write to")
    parser.add_argument("--check", action="store_true", help="exit 1 if files differ")
    args = parser.parse_args(argv)
    stale = []
    for name, content in generate().items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(name)
            continue
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path} ({len(content.encode()) // 1024} KB, {content.count(chr(10))} lines)")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run bench/corpus/generate.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
