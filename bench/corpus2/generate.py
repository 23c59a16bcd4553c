#!/usr/bin/env python3
"""Independent call-transcript corpus for leadgate ("corpus2").

Written by a helper that never read the first corpus generator, the first
corpus, or the redaction engine.  Only the scorer's module docstring and its
``score_record`` / ``original_output`` / ``oracle_output`` API were consulted.

Regenerate (deterministic, fixed seed):

    cd /work/main && .venv/bin/python -m bench.corpus2.generate
    # or: PYTHONPATH=/work/main .venv/bin/python bench/corpus2/generate.py

Writes ``bench/corpus2/calls.jsonl`` and prints a summary (shapes, gold items
per type and style, negatives per kind).

How a call is made
------------------
A *shape* (a function decorated with ``@shape``) scripts one dialogue flow:
who asks what, how the customer answers, whether the agent reads back, which
harmless numbers and contact data appear.  Every random choice inside a shape
(values, phrasing, number rendering, case style) comes from the call's own
``random.Random`` and a per-call seeded Faker, so the file is reproducible.

Sensitive values are inserted as *gold pieces* and harmless text as *negative
pieces*; the builder records their exact character spans while it assembles
each segment, so offsets are right by construction.  Every record is then
checked with the scorer itself: unredacted, every gold item must count as
leaked and no negative destroyed; with exactly the gold spans replaced
(``oracle_output``) nothing may leak and no negative may be destroyed.  A
record failing either check is redrawn with the next seed.

Gold values
-----------
* ``digits``: the digit stream the scorer recovers from what was said
  (``normalize_digits`` of the spoken form), e.g. "seven nine sixty one" ->
  "7961", "ten twenty eight" -> "1028".  For values said in full this equals
  the real value (SSN, card, routing, account ...).
* ``chars``: the scorer compares IDs with everything but ``[a-z0-9]`` removed.
  When an ID is typed or spelled as bare letters and digits this is the real
  ID ("1EG4TE5MK73").  When it is spelled with words ("q as in queen",
  NATO "x-ray", digits as words) the real characters never appear in the
  text, so ``chars`` is the alphanumeric reduction of what was actually said
  (e.g. "1echogolf4...") and ``canonical`` holds the real ID.
* ``text``: the words that must not survive (health terms, month-name dates,
  passwords and security answers, children's names and age phrases).
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from faker import Faker  # noqa: E402

from bench.eval import (  # noqa: E402
    normalize_digits,
    oracle_output,
    original_output,
    score_record,
)

SEED = 73_1961
N_CALLS = 256
OUT = HERE / "calls.jsonl"
MIN_SEGMENTS, MAX_SEGMENTS = 6, 30


class Redraw(Exception):  # noqa: N818 - a control-flow signal, not an error
    """A random draw produced something unusable; try the next seed."""


# =============================================================================
# synthetic sensitive values
# =============================================================================


def rdigits(rng: random.Random, n: int, first_nonzero: bool = False) -> str:
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def gen_ssn(rng: random.Random) -> str:
    """An SSN in the issuable ranges: area 001-899 but not 666, group 01-99, serial 0001-9999."""
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        s = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        if s not in {"078051120", "219099999", "123456789"}:
            return s


def gen_itin(rng: random.Random) -> str:
    """An ITIN: 9xx, group 70-88 (mostly) or 90-92 / 94-99 / 50-65, any serial."""
    group = rng.choice(
        list(range(70, 89)) * 3 + [90, 91, 92, 94, 95, 96, 97, 98, 99] + list(range(50, 66))
    )
    return f"9{rng.randint(0, 99):02d}{group:02d}{rng.randint(1, 9999):04d}"


def luhn_ok(num: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(body: str) -> str:
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError("unreachable")


# brand -> (prefixes, lengths, cvv length)
CARD_BRANDS: dict[str, tuple[list[str], list[int], int]] = {
    "visa": (["4"], [16], 3),
    "mastercard": (["51", "52", "53", "54", "55", "2221", "2300", "2545", "2720"], [16], 3),
    "amex": (["34", "37"], [15], 4),
    "discover": (["6011", "644", "645", "649", "65"], [16], 3),
    "maestro": (["5018", "5020", "5038", "6304", "6759", "6761", "6763"], [12, 13, 19], 3),
    "unionpay": (["62"], [16, 17, 18, 19], 3),
}
BRAND_NAMES = {
    "visa": ["Visa", "visa"],
    "mastercard": ["Mastercard", "master card"],
    "amex": ["American Express", "Amex"],
    "discover": ["Discover", "discover card"],
    "maestro": ["Maestro", "maestro debit"],
    "unionpay": ["UnionPay", "union pay"],
}


def card_groups(length: int, brand: str) -> list[int]:
    if brand == "amex":
        return [4, 6, 5]
    return {
        12: [4, 4, 4],
        13: [4, 4, 5],
        16: [4, 4, 4, 4],
        17: [4, 4, 4, 5],
        18: [4, 4, 4, 6],
        19: [4, 4, 4, 4, 3],
    }[length]


@dataclass
class Card:
    number: str
    brand: str
    groups: list[int]
    expiry_month: int
    expiry_year: int  # four digits
    cvv: str

    @property
    def last4(self) -> str:
        return self.number[-4:]


def gen_card(rng: random.Random, brand: str | None = None) -> Card:
    brand = brand or rng.choice(
        ["visa"] * 5
        + ["mastercard"] * 4
        + ["amex"] * 2
        + ["discover"] * 2
        + ["maestro", "unionpay"]
    )
    prefixes, lengths, cvv_len = CARD_BRANDS[brand]
    prefix = rng.choice(prefixes)
    length = rng.choice(lengths)
    number = luhn_complete(prefix + rdigits(rng, length - len(prefix) - 1))
    assert luhn_ok(number)
    return Card(
        number=number,
        brand=brand,
        groups=card_groups(length, brand),
        expiry_month=rng.randint(1, 12),
        expiry_year=rng.randint(2025, 2031),
        cvv=rdigits(rng, cvv_len),
    )


def aba_ok(n: str) -> bool:
    d = [int(x) for x in n]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def gen_aba(rng: random.Random) -> str:
    """A routing number: Fed prefix 01-12 / 21-32 / 61-72 / 80 and the 3-7-1 checksum."""
    prefix = rng.choice(list(range(1, 13)) * 3 + list(range(21, 33)) + list(range(61, 73)) + [80])
    body = f"{prefix:02d}" + rdigits(rng, 6)
    weights = [3, 7, 1, 3, 7, 1, 3, 7]
    s = sum(int(x) * w for x, w in zip(body, weights, strict=True))
    n = body + str((10 - s % 10) % 10)
    assert aba_ok(n)
    return n


def gen_bank_account(rng: random.Random) -> str:
    return rdigits(rng, rng.choice([8, 9, 10, 10, 11, 12]), first_nonzero=True)


MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"  # A-Z minus S, L, O, I, B, Z


def gen_mbi(rng: random.Random) -> str:
    """CMS Medicare Beneficiary Identifier: C A AN N A AN N A A N N."""
    out = []
    for kind in "CAPNAPNAANN":
        if kind == "C":
            out.append(rng.choice("123456789"))
        elif kind == "A":
            out.append(rng.choice(MBI_LETTERS))
        elif kind == "N":
            out.append(rng.choice("0123456789"))
        else:
            out.append(rng.choice(MBI_LETTERS + "0123456789"))
    return "".join(out)


def mbi_groups(mbi: str) -> list[str]:
    return [mbi[:4], mbi[4:7], mbi[7:]]


UPPER = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I/O/Q in free-form IDs, to keep them readable


def gen_plan_id(rng: random.Random) -> tuple[str, list[int]]:
    """A health-plan member ID, in one of a few carrier-like layouts."""
    kind = rng.choice(["pfx3", "w9", "pfx1", "pfx2-sfx"])
    if kind == "pfx3":
        s = "".join(rng.choice(UPPER) for _ in range(3)) + rdigits(rng, 9, True)
        return s, [3, 4, 5]
    if kind == "w9":
        s = "W" + rdigits(rng, 9, True)
        return s, [4, 3, 3]
    if kind == "pfx1":
        s = rng.choice("HMUKR") + rdigits(rng, 8, True)
        return s, [1, 4, 4]
    s = (
        "".join(rng.choice(UPPER) for _ in range(2))
        + rdigits(rng, 7, True)
        + "0"
        + rng.choice("1234")
    )
    return s, [2, 3, 4, 2]


# state -> license layout (L letter, D digit) and display groups
DL_FORMATS: dict[str, tuple[str, list[int]]] = {
    "CA": ("LDDDDDDD", [1, 7]),
    "FL": ("LDDDDDDDDDDDD", [4, 3, 2, 3, 1]),
    "NY": ("DDDDDDDDD", [3, 3, 3]),
    "TX": ("DDDDDDDD", [4, 4]),
    "VA": ("LDDDDDDDD", [3, 2, 4]),
    "PA": ("DDDDDDDD", [2, 3, 3]),
    "IL": ("LDDDDDDDDDDD", [4, 4, 4]),
    "OH": ("LLDDDDDD", [2, 6]),
    "GA": ("DDDDDDDDD", [3, 3, 3]),
    "NC": ("DDDDDDDDDDDD", [4, 4, 4]),
    "MI": ("LDDDDDDDDDDDD", [1, 3, 3, 3, 3]),
    "NJ": ("LDDDDDDDDDDDDDD", [5, 5, 5]),
    "AZ": ("LDDDDDDDD", [1, 8]),
    "MD": ("LDDDDDDDDDDDD", [1, 3, 3, 3, 3]),
    "MA": ("LDDDDDDDD", [1, 8]),
    "TN": ("DDDDDDDDD", [3, 3, 3]),
    "MO": ("LDDDDDDDDD", [1, 9]),
    "SC": ("DDDDDDDDD", [3, 3, 3]),
    "WI": ("LDDDDDDDDDDDDD", [4, 4, 4, 2]),
    "CO": ("DDDDDDDDD", [2, 3, 4]),
    "KY": ("LDDDDDDDD", [1, 2, 3, 3]),
    "IN": ("DDDDDDDDDD", [4, 3, 3]),
}
STATE_NAMES = {
    "CA": "California",
    "FL": "Florida",
    "NY": "New York",
    "TX": "Texas",
    "VA": "Virginia",
    "PA": "Pennsylvania",
    "IL": "Illinois",
    "OH": "Ohio",
    "GA": "Georgia",
    "NC": "North Carolina",
    "MI": "Michigan",
    "NJ": "New Jersey",
    "AZ": "Arizona",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "TN": "Tennessee",
    "MO": "Missouri",
    "SC": "South Carolina",
    "WI": "Wisconsin",
    "CO": "Colorado",
    "KY": "Kentucky",
    "IN": "Indiana",
}
STATES = list(DL_FORMATS)


def gen_license(rng: random.Random, state: str) -> tuple[str, list[int]]:
    layout, groups = DL_FORMATS[state]
    s = "".join(rng.choice(UPPER) if k == "L" else rng.choice("0123456789") for k in layout)
    return s, groups


def gen_passport(rng: random.Random) -> tuple[str, list[int]]:
    if rng.random() < 0.5:
        return rdigits(rng, 9, True), [3, 3, 3]
    return rng.choice("ABCEFHJKMN") + rdigits(rng, 8), [1, 4, 4]


def iban_check_digits(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    num = int("".join(str(int(ch, 36)) for ch in rearranged))
    return f"{98 - num % 97:02d}"


def iban_ok(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def gen_iban(rng: random.Random, country: str | None = None) -> str:
    country = country or rng.choice(["DE", "GB", "FR"])
    if country == "DE":
        bban = rng.choice("12345678") + rdigits(rng, 7) + rdigits(rng, 10)
    elif country == "GB":
        bank = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA", "ABBY", "RBOS"])
        bban = bank + rdigits(rng, 6) + rdigits(rng, 8)
    else:  # FR: bank, branch, account, RIB key
        bank, branch, acct = rdigits(rng, 5, True), rdigits(rng, 5), rdigits(rng, 11)
        key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)
        bban = bank + branch + acct + f"{key:02d}"
    iban = country + iban_check_digits(country, bban) + bban
    assert iban_ok(iban)
    return iban


def iban_groups(iban: str) -> list[str]:
    return [iban[i : i + 4] for i in range(0, len(iban), 4)]


def gen_dob(rng: random.Random, lo: int, hi: int) -> date:
    start = date(lo, 1, 1)
    span = (date(hi, 12, 31) - start).days
    return start + timedelta(days=rng.randint(0, span))


# =============================================================================
# spoken numbers
# =============================================================================

UNITS = "zero one two three four five six seven eight nine".split()
TEENS = {
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
}
TENS = {
    2: "twenty",
    3: "thirty",
    4: "forty",
    5: "fifty",
    6: "sixty",
    7: "seventy",
    8: "eighty",
    9: "ninety",
}
ORDINALS = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
    11: "eleventh",
    12: "twelfth",
    13: "thirteenth",
    14: "fourteenth",
    15: "fifteenth",
    16: "sixteenth",
    17: "seventeenth",
    18: "eighteenth",
    19: "nineteenth",
    20: "twentieth",
    30: "thirtieth",
}
MONTHS = [
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
]


def ordinal(n: int) -> str:
    if n in ORDINALS:
        return ORDINALS[n]
    return f"{TENS[n // 10]} {ORDINALS[n % 10]}"


def ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def cardinal(n: int) -> str:
    """0..999 as words."""
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + UNITS[n % 10])
    rest = n % 100
    return UNITS[n // 100] + " hundred" + ("" if rest == 0 else " " + cardinal(rest))


def w_digit(ch: str, oh: float, rng: random.Random) -> str:
    if ch == "0":
        return "oh" if rng.random() < oh else "zero"
    return UNITS[int(ch)]


def w_pair(s: str, oh: float, rng: random.Random) -> str:
    """Two digits as a speaker would pair them: "37" -> thirty seven, "05" -> oh five."""
    if s[0] == "0":
        return w_digit("0", max(oh, 0.6), rng) + " " + w_digit(s[1], oh, rng)
    n = int(s)
    if n < 20:
        return TEENS[n]
    return cardinal(n)


def w_year(y: int, rng: random.Random) -> str:
    if 2000 <= y <= 2009:
        return (
            rng.choice(["two thousand " + UNITS[y - 2000], "two thousand and " + UNITS[y - 2000]])
            if y > 2000
            else "two thousand"
        )
    hi, lo = divmod(y, 100)
    if lo == 0:
        return f"{cardinal(hi)} hundred"
    return f"{cardinal(hi)} {w_pair(f'{lo:02d}', 1.0, rng)}"


def r_words(s: str, rng: random.Random, oh: float) -> str:
    return " ".join(w_digit(ch, oh, rng) for ch in s)


def r_pairs(s: str, rng: random.Random, oh: float) -> str:
    head = ""
    if len(s) % 2:
        head, s = w_digit(s[0], oh, rng), s[1:]
    pairs = [w_pair(s[i : i + 2], oh, rng) for i in range(0, len(s), 2)]
    return " ".join(([head] if head else []) + pairs)


def r_hundreds(s: str, rng: random.Random, oh: float) -> str:
    """Three digits as "one forty nine" / "five hundred six"; other lengths fall back to pairs."""
    if len(s) == 3:
        a, rest = s[0], s[1:]
        if a != "0" and rest == "00":
            return UNITS[int(a)] + " hundred"
        if a != "0" and rng.random() < 0.3:
            return (
                cardinal(int(s))
                if rest[0] != "0"
                else UNITS[int(a)] + " hundred " + UNITS[int(rest[1])]
            )
        return w_digit(a, oh, rng) + " " + w_pair(rest, oh, rng)
    if len(s) == 6:
        return r_hundreds(s[:3], rng, oh) + " " + r_hundreds(s[3:], rng, oh)
    if len(s) > 4 and len(s) % 3 == 0:
        return " ".join(r_hundreds(s[i : i + 3], rng, oh) for i in range(0, len(s), 3))
    return r_pairs(s, rng, oh)


def r_double(s: str, rng: random.Random, oh: float) -> str:
    out, i = [], 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        run = j - i
        w = w_digit(s[i], oh, rng)
        if run == 1:
            out.append(w)
        elif run == 2:
            out.append(f"double {w}")
        elif run == 3:
            out.append(f"triple {w}")
        else:
            out.append(f"triple {w}")
            out.extend([w] * (run - 3))
        i = j
    return " ".join(out)


def r_mixed(s: str, rng: random.Random, oh: float) -> str:
    """Sub-runs of typed digits and words, the way recognizers flip between them."""
    parts, i = [], 0
    while i < len(s):
        n = rng.randint(1, min(4, len(s) - i))
        sub = s[i : i + n]
        i += n
        parts.append(sub if rng.random() < 0.45 else r_words(sub, rng, oh))
    if len(parts) > 1 and rng.random() < 0.5:
        k = rng.randint(1, len(parts) - 1)
        parts.insert(k, rng.choice(["uh", "um", "uh,"]))
    return " ".join(parts)


SPOKEN_RENDERS = ["words", "words-oh", "pairs", "hundreds", "double", "mixed"]
TYPED_RENDERS = ["typed", "typed-dashes", "typed-spaced", "typed-odd"]


def render_group(s: str, render: str, rng: random.Random, oh: float) -> str:
    if render.startswith("typed"):
        if render == "typed-spaced":
            return " ".join(s)
        return s
    if render == "words":
        return r_words(s, rng, oh)
    if render == "words-oh":
        return r_words(s, rng, 1.0)
    if render == "pairs":
        return r_pairs(s, rng, oh)
    if render == "hundreds":
        return r_hundreds(s, rng, oh)
    if render == "double":
        return r_double(s, rng, oh)
    if render == "mixed":
        return r_mixed(s, rng, oh)
    raise ValueError(render)


def split_by(value: str, sizes: Iterable[int]) -> list[str]:
    out, i = [], 0
    for n in sizes:
        out.append(value[i : i + n])
        i += n
    assert i == len(value), (value, sizes)
    return out


@dataclass
class Rendered:
    chunks: list[str]
    joiner: str
    render: str

    @property
    def inline(self) -> str:
        return self.joiner.join(self.chunks)


def render_digits(
    rng: random.Random,
    value: str,
    sizes: Iterable[int],
    render: str | None = None,
    bare: bool = False,
) -> Rendered:
    """Render digit groups so that the scorer's normalizer recovers exactly ``value``.

    Tries the requested render a few times (spoken renders are random), then
    falls back to digit words, which always normalize cleanly.
    """
    groups = split_by(value, sizes)
    render = render or rng.choice(SPOKEN_RENDERS + TYPED_RENDERS)
    oh = rng.choice([0.0, 0.5, 0.9])
    for attempt in range(8):
        r = render if attempt < 6 else "words"
        chunks = [render_group(g, r, rng, oh) for g in groups]
        if r == "typed-dashes":
            joiner = "-"
        elif r == "typed-odd":
            joiner = rng.choice(["\u2013", " \u2013 ", ".", " . ", "  ", "/", " -"])  # en dash
        elif r.startswith("typed"):
            joiner = (
                rng.choice(["  ", " "]) if r == "typed-spaced" else rng.choice([" ", " ", "", "-"])
            )
        else:
            joiner = rng.choice([" ", " ", ", "] if bare else [" ", ", ", ", ", "... ", " - "])
        if attempt >= 3:
            joiner = ", "
        if (
            all(normalize_digits(c) == g for c, g in zip(chunks, groups, strict=True))
            and normalize_digits(joiner.join(chunks)) == value
        ):
            return Rendered(chunks, joiner, r)
    raise Redraw(f"cannot render {value}")


def spoken_check(text: str, digits: str) -> str:
    got = normalize_digits(text)
    if got != digits:
        raise Redraw(f"{text!r} normalizes to {got}, wanted {digits}")
    return digits


# -- spelled alphanumerics -----------------------------------------------------

NATO = {
    "a": "alpha",
    "b": "bravo",
    "c": "charlie",
    "d": "delta",
    "e": "echo",
    "f": "foxtrot",
    "g": "golf",
    "h": "hotel",
    "i": "india",
    "j": "juliet",
    "k": "kilo",
    "l": "lima",
    "m": "mike",
    "n": "november",
    "o": "oscar",
    "p": "papa",
    "q": "quebec",
    "r": "romeo",
    "s": "sierra",
    "t": "tango",
    "u": "uniform",
    "v": "victor",
    "w": "whiskey",
    "x": "x-ray",
    "y": "yankee",
    "z": "zulu",
}
AS_IN = {
    "a": ["apple", "adam"],
    "b": ["boy", "baker"],
    "c": ["cat", "charlie"],
    "d": ["dog", "david"],
    "e": ["edward", "easy"],
    "f": ["frank", "fox"],
    "g": ["george", "girl"],
    "h": ["henry", "house"],
    "i": ["ida", "igloo"],
    "j": ["john", "jack"],
    "k": ["king", "kite"],
    "l": ["larry", "lincoln"],
    "m": ["mary", "mike"],
    "n": ["nancy", "nora"],
    "o": ["ocean", "oscar"],
    "p": ["paul", "peter"],
    "q": ["queen", "quilt"],
    "r": ["robert", "red"],
    "s": ["sam", "sugar"],
    "t": ["tom", "tango"],
    "u": ["umbrella", "uncle"],
    "v": ["victor", "violet"],
    "w": ["william", "water"],
    "x": ["x-ray", "xylophone"],
    "y": ["yellow", "young"],
    "z": ["zebra", "zoo"],
}
SPELLS = ["alone", "as-in", "for", "nato", "mixed-spell", "typed"]


def spell_char(ch: str, mode: str, digit_words: bool, rng: random.Random) -> str:
    lc = ch.lower()
    if ch.isdigit():
        return UNITS[int(ch)] if digit_words else ch
    if mode == "mixed-spell":
        mode = rng.choice(["alone", "alone", "as-in", "for"])
    if mode == "alone":
        return lc
    if mode == "as-in":
        return f"{lc} as in {rng.choice(AS_IN[lc])}"
    if mode == "for":
        return f"{lc} for {rng.choice(AS_IN[lc])}"
    if mode == "nato":
        return NATO[lc]
    raise ValueError(mode)


def spell_groups(
    rng: random.Random, groups: list[str], mode: str, bare: bool = False
) -> tuple[list[str], str, str]:
    """Spell an ID group by group; returns chunks, joiner, style label."""
    if mode == "typed":
        return groups, rng.choice(["-", " ", "", " - "]), "typed"
    digit_words = rng.random() < 0.4
    sep_in = rng.choice([" ", " ", ", "]) if not bare else " "
    chunks = [sep_in.join(spell_char(ch, mode, digit_words, rng) for ch in g) for g in groups]
    joiner = rng.choice([", ", " ", "... ", " dash "]) if not bare else rng.choice([" ", " dash "])
    style = mode + ("+digit-words" if digit_words else "")
    return chunks, joiner, style


def alnum(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


# =============================================================================
# the call builder
# =============================================================================


class Piece:
    __slots__ = ("gold", "neg", "text")

    def __init__(self, text: str, gold: Gold | None = None, neg: str | None = None):
        self.text, self.gold, self.neg = text, gold, neg


@dataclass
class Gold:
    type: str
    kind: str  # digits | text | chars
    style: str
    value: str | None = None  # digits / text; chars computed from spans
    canonical: str | None = None
    loose: bool = False
    spans: list[list[int]] = field(default_factory=list)
    span_texts: list[str] = field(default_factory=list)

    def __call__(self, text: str) -> Piece:
        return Piece(text, gold=self)


NO_SPACE_BEFORE = set(",.?!;:)'…")
BARE_STRIP = re.compile(r"[,.?!;:…]")


def flatten(parts: Iterable[Any]) -> Iterable[Any]:
    for p in parts:
        if isinstance(p, (list, tuple)):
            yield from flatten(p)
        elif p is not None and p != "":
            yield p


@dataclass
class Person:
    first: str
    last: str
    gender: str  # "f" / "m"
    dob: date
    phone: str  # digits only
    email: str
    street: str
    city: str
    state: str
    zip: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def title(self) -> str:
        return ("Ms. " if self.gender == "f" else "Mr. ") + self.last

    @property
    def age(self) -> int:
        today = date(2025, 6, 1)
        return (
            today.year - self.dob.year - ((today.month, today.day) < (self.dob.month, self.dob.day))
        )


FAMILIES: dict[str, dict[str, list[str]]] = {
    "medicare": {
        "owners": ["northwind-benefits", "silverline-senior"],
        "campaigns": ["mapd-aep-2025", "medsupp-t65-inbound", "pdp-switch-q1", "dsnp-outreach"],
        "companies": ["Northwind Benefits", "Silverline Senior Advisors", "Keystone Medicare Help"],
    },
    "card": {
        "owners": ["crescent-card-services"],
        "campaigns": [
            "card-activation",
            "balance-transfer-outbound",
            "card-payment-inbound",
            "fraud-callback",
        ],
        "companies": ["Crescent Card Services", "Beacon Rewards Card"],
    },
    "loan": {
        "owners": ["harbor-lending", "fairway-credit"],
        "campaigns": ["personal-loan-preapproval", "debt-consolidation-2025", "auto-refi-outbound"],
        "companies": ["Harbor Lending", "Fairway Credit Union", "Anchor Personal Loans"],
    },
    "utility": {
        "owners": ["summit-energy"],
        "campaigns": [
            "move-in-start-service",
            "autopay-enrollment",
            "hardship-program",
            "solar-lead",
        ],
        "companies": ["Summit Energy", "Tri-County Power and Gas"],
    },
    "insurance": {
        "owners": ["bluepeak-insurance", "evergreen-life"],
        "campaigns": [
            "auto-quote-inbound",
            "multi-car-winback",
            "home-bundle-quote",
            "final-expense-outbound",
            "term-life-quote",
        ],
        "companies": ["BluePeak Insurance", "Evergreen Life", "Redwood Mutual"],
    },
    "health": {
        "owners": ["northwind-benefits", "clearpath-health"],
        "campaigns": ["aca-open-enrollment", "dental-vision-addon", "sep-qualifying-event"],
        "companies": ["ClearPath Health", "Northwind Benefits"],
    },
    "intl": {
        "owners": ["crescent-card-services", "harbor-lending"],
        "campaigns": ["refund-international", "wire-refund", "expat-account-update"],
        "companies": ["Crescent Card Services", "Harbor Lending"],
    },
}

BACKCHANNELS = [
    "mm hmm",
    "okay",
    "go ahead",
    "uh huh",
    "yep",
    "got it",
    "okay, go on",
    "right",
    "mm hmm, okay",
    "okay, and",
    "yes",
    "alright",
    "sure, go ahead",
    "mhm",
    "ok",
    "keep going",
    "yeah",
]
CONFIRMS = [
    "yes",
    "yep",
    "correct",
    "that's right",
    "mm hmm",
    "yes ma'am",
    "yes sir",
    "uh huh, that's it",
    "yeah that's correct",
    "right",
    "that's it",
    "yup",
]
FILLERS = [
    "um",
    "uh",
    "let me see",
    "hold on",
    "okay",
    "um, let me look",
    "uh, hang on",
    "so",
    "well",
]


class Call:
    def __init__(self, rng: random.Random, fake: Faker, family: str):
        self.rng = rng
        self.fake = fake
        self.family = family
        fam = FAMILIES[family]
        self.owner = rng.choice(fam["owners"])
        self.campaign = rng.choice(fam["campaigns"])
        self.company = rng.choice(fam["companies"])
        self.segments: list[dict[str, str]] = []
        self.golds: list[Gold] = []
        self.negatives: list[dict[str, Any]] = []
        self.case = rng.choices(["bare", "lower", "sentence"], [45, 25, 30])[0]
        self.agent_name = fake.first_name()
        self.state = rng.choice(STATES)
        senior = family == "medicare"
        self.cust = self.person(senior=senior)
        self.kids_used: set[str] = set()
        self.kid_gender: dict[str, str] = {}
        self.used_harmless: set[str] = set()

    # -- people ---------------------------------------------------------------

    def person(
        self, senior: bool = False, gender: str | None = None, last: str | None = None
    ) -> Person:
        fake, rng = self.fake, self.rng
        gender = gender or rng.choice("fm")
        first = fake.first_name_female() if gender == "f" else fake.first_name_male()
        last = last or fake.last_name()
        dob = gen_dob(rng, 1938, 1959) if senior else gen_dob(rng, 1952, 1999)
        area = rng.choice("23456789") + rdigits(rng, 2)
        phone = area + rng.choice("23456789") + rdigits(rng, 2) + rdigits(rng, 4)
        domain = fake.free_email_domain()
        email = rng.choice(
            [
                f"{first.lower()}.{last.lower()}@{domain}",
                f"{first[0].lower()}{last.lower()}{rng.randint(1, 99)}@{domain}",
                f"{first.lower()}{last[0].lower()}{rng.randint(50, 99)}@{domain}",
                f"{last.lower()}.{first.lower()}@{domain}",
            ]
        )
        street = fake.street_address()
        return Person(
            first,
            last,
            gender,
            dob,
            phone,
            email,
            street,
            fake.city(),
            self.state,
            fake.zipcode_in_state(self.state),
        )

    def spouse(self) -> Person:
        senior = self.family == "medicare"
        g = "m" if self.cust.gender == "f" else "f"
        sp = self.person(senior=senior, gender=g, last=self.cust.last)
        # spouses are close in age to the customer
        d = self.cust.dob + timedelta(days=self.rng.randint(-2900, 2900))
        if senior and d.year > 1959:
            d = d.replace(year=1959)
        if d.year > 2000:
            d = d.replace(year=2000)
        if d.month == 2 and d.day == 29:
            d = d.replace(day=28)
        sp.dob = d
        return sp

    def kid_name(self, gender: str | None = None) -> str:
        gender = gender or self.rng.choice("fm")
        pool = KID_GIRLS if gender == "f" else KID_BOYS
        for _ in range(50):
            n = self.rng.choice(pool)
            if n not in self.kids_used and n.lower() not in (
                self.cust.first.lower(),
                self.cust.last.lower(),
            ):
                self.kids_used.add(n)
                self.kid_gender[n] = gender
                return n
        raise Redraw("kid names")

    def he(self, name: str) -> str:
        return "she" if self.kid_gender.get(name) == "f" else "he"

    def his(self, name: str) -> str:
        return "her" if self.kid_gender.get(name) == "f" else "his"

    # -- pieces -----------------------------------------------------------------

    def gold(
        self,
        type_: str,
        style: str,
        *,
        digits: str | None = None,
        text: str | None = None,
        chars: bool = False,
        canonical: str | None = None,
        loose: bool = False,
    ) -> Gold:
        if digits is not None:
            g = Gold(type_, "digits", style, digits, canonical, loose)
        elif text is not None:
            g = Gold(type_, "text", style, text, canonical, loose)
        else:
            assert chars
            g = Gold(type_, "chars", style, None, canonical, loose)
        self.golds.append(g)
        return g

    def neg(self, kind: str, text: str) -> Piece:
        return Piece(text, neg=kind)

    @property
    def bare(self) -> bool:
        return self.case == "bare"

    def _case(self, text: str, plain: bool) -> str:
        if self.case in ("bare", "lower"):
            text = text.lower()
        if self.case == "bare" and plain:
            text = BARE_STRIP.sub("", text)
            text = re.sub(r"  +", " ", text)
        return text

    def say(self, speaker: str, *parts: Any) -> int:
        idx = len(self.segments)
        text = ""
        negs: list[tuple[str, int, int]] = []
        for p in flatten(parts):
            if isinstance(p, str):
                t, g, n = self._case(p, True), None, None
            else:
                t, g, n = self._case(p.text, False), p.gold, p.neg
            if isinstance(p, str):
                t = t.strip(" ") if t.strip(" ") else ""
            if not t:
                continue
            if text and not text.endswith((" ", "(", '"', "$")) and t[0] not in NO_SPACE_BEFORE:
                text += " "
            start = len(text)
            text += t
            if g is not None:
                g.spans.append([idx, start, len(text)])
                g.span_texts.append(t)
            if n is not None:
                negs.append((n, start, len(text)))
        if not text:
            raise AssertionError("empty segment")
        if self.case == "sentence" and text[0].islower():
            text = text[0].upper() + text[1:]
            for g in self.golds:
                for k, (si, s0, s1) in enumerate(g.spans):
                    if si == idx and s0 == 0:
                        g.span_texts[k] = text[s0:s1]
        for kind, s0, s1 in negs:
            self.negatives.append({"kind": kind, "text": text[s0:s1], "segment": idx, "start": s0})
        self.segments.append({"speaker": speaker, "text": text})
        return idx

    def a(self, *parts: Any) -> int:
        return self.say("agent", *parts)

    def c(self, *parts: Any) -> int:
        return self.say("customer", *parts)

    def pick(self, seq: list[Any] | tuple[Any, ...]) -> Any:
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def bc(self) -> int:
        return self.a(self.pick(BACKCHANNELS))

    def filler(self, p: float = 0.5) -> str:
        return self.pick(FILLERS) + "," if self.chance(p) else ""

    # -- finishing --------------------------------------------------------------

    def record(self, rid: str) -> dict[str, Any]:
        gold_out = []
        for g in self.golds:
            if not g.spans:
                raise AssertionError(f"gold {g.type} never said")
            spans = sorted(g.spans)
            segs = sorted({s[0] for s in spans})
            item: dict[str, Any] = {"type": g.type}
            texts = [t for _, t in sorted(zip(map(tuple, g.spans), g.span_texts, strict=True))]
            if g.kind == "digits":
                got = "".join(normalize_digits(t) for t in texts)
                if not g.loose and got != g.value:
                    raise AssertionError(
                        f"{g.type} {g.style}: spans say {got}, gold {g.value}: {texts}"
                    )
                item["digits"] = g.value
            elif g.kind == "text":
                item["text"] = g.value
            else:
                said = alnum("".join(texts))
                if g.canonical and said == g.canonical.lower():
                    item["chars"] = g.canonical
                else:
                    item["chars"] = said
            item["segments"] = segs
            item["spans"] = spans
            item["style"] = g.style
            if g.canonical:
                item["canonical"] = g.canonical
            gold_out.append(item)
        return {
            "id": rid,
            "owner": self.owner,
            "campaign_id": self.campaign,
            "consumer_state": self.state,
            "segments": self.segments,
            "gold": gold_out,
            "negatives": self.negatives,
        }


KID_GIRLS = [
    "Brielle",
    "Aaliyah",
    "Kinsley",
    "Nevaeh",
    "Paisley",
    "Adalynn",
    "Camila",
    "Leilani",
    "Saoirse",
    "Anika",
    "Lucia",
    "Isabella",
    "Mackenzie",
    "Ximena",
    "Priya",
    "Addison",
    "Oaklynn",
    "Liliana",
    "Zuri",
    "Kamila",
    "Aubree",
    "Emery",
    "Harper",
]
KID_BOYS = [
    "Kayden",
    "Jaxon",
    "Maddox",
    "Brantley",
    "Zayden",
    "Greyson",
    "Ezekiel",
    "Mateo",
    "Josiah",
    "Declan",
    "Theo",
    "Elijah",
    "Sebastian",
    "Jaylen",
    "Dmitri",
    "Arjun",
    "Keanu",
    "Braxton",
    "Jayceon",
    "Ronan",
    "Colton",
    "Yusuf",
]

CONDITIONS = [
    "diabetes",
    "type 2 diabetes",
    "high blood pressure",
    "COPD",
    "congestive heart failure",
    "atrial fibrillation",
    "AFib",
    "kidney disease",
    "asthma",
    "depression",
    "rheumatoid arthritis",
    "Parkinson's",
    "breast cancer",
    "prostate cancer",
    "sleep apnea",
    "emphysema",
    "hepatitis C",
    "lupus",
    "multiple sclerosis",
    "epilepsy",
    "high cholesterol",
    "neuropathy",
    "glaucoma",
    "macular degeneration",
    "osteoporosis",
    "bipolar disorder",
    "anxiety",
    "dementia",
    "Alzheimer's",
    "HIV",
    "Crohn's disease",
    "a heart murmur",
    "angina",
    "gout",
    "psoriasis",
    "fibromyalgia",
]
MEDICATIONS = [
    "metformin",
    "lisinopril",
    "Eliquis",
    "atorvastatin",
    "insulin",
    "Humira",
    "Ozempic",
    "levothyroxine",
    "Januvia",
    "Xarelto",
    "albuterol",
    "amlodipine",
    "Lipitor",
    "Jardiance",
    "Trulicity",
    "gabapentin",
    "losartan",
    "Entresto",
    "Symbicort",
    "sertraline",
    "Lexapro",
    "prednisone",
    "Plavix",
    "warfarin",
    "Spiriva",
    "Farxiga",
    "Synthroid",
    "omeprazole",
    "donepezil",
    "Biktarvy",
    "Enbrel",
    "Dupixent",
    "hydrochlorothiazide",
    "tamsulosin",
]


# =============================================================================
# delivery helpers: how a value is handed over in the dialogue
# =============================================================================

CONT_LEADS = [
    "and then",
    "the rest is",
    "then it's",
    "and after that",
    "next is",
    "then",
    "and the rest,",
    "okay and then",
]


def deliver(
    c: Call,
    g: Gold,
    r: Rendered,
    mode: str,
    lead: str | list[Any] = "",
    tail: str | list[Any] = "",
) -> list[int]:
    """Put a rendered value into customer turns.

    inline        one customer segment
    backchannel   one group per customer segment, agent back-channel between
    continuation  two customer segments; the second starts with "the rest is"...
    pause         one segment, a filler between two groups (inside the span)
    """
    chunks = r.chunks
    if mode == "backchannel" and len(chunks) < 2:
        mode = "inline"
    if mode == "continuation" and len(chunks) < 2:
        mode = "inline"
    if mode == "inline":
        return [c.c(lead, g(r.inline), tail)]
    if mode == "pause":
        if len(chunks) < 2:
            return [c.c(lead, g(r.inline), tail)]
        k = c.rng.randint(1, len(chunks) - 1)
        mid = c.pick([", um, ", ", uh, ", "... let me see... ", " uh ", ", hang on, ", ", sorry, "])
        if c.bare:
            mid = BARE_STRIP.sub("", mid)
            mid = re.sub(r"  +", " ", mid)
        text = r.joiner.join(chunks[:k]) + mid + r.joiner.join(chunks[k:])
        if normalize_digits(text) != normalize_digits(r.inline):
            text = r.inline
        return [c.c(lead, g(text), tail)]
    out = []
    if mode == "backchannel":
        for i, ch in enumerate(chunks):
            out.append(c.c(lead if i == 0 else "", g(ch), tail if i == len(chunks) - 1 else ""))
            if i < len(chunks) - 1:
                c.bc()
        return out
    if mode == "continuation":
        k = c.rng.randint(1, len(chunks) - 1)
        out.append(c.c(lead, g(r.joiner.join(chunks[:k])), c.pick(["", "", "...", ", um"])))
        c.a(
            c.pick(
                [
                    "mm hmm",
                    "okay",
                    "go ahead",
                    "uh huh",
                    "okay, I'm with you",
                    "got it, and?",
                    "yes",
                ]
            )
        )
        out.append(c.c(c.pick(CONT_LEADS), g(r.joiner.join(chunks[k:])), tail))
        return out
    raise ValueError(mode)


def pick_delivery(c: Call, weights: tuple[int, int, int, int] = (5, 2, 2, 1)) -> str:
    return c.rng.choices(["inline", "backchannel", "continuation", "pause"], weights)[0]


def digits_answer(
    c: Call,
    type_: str,
    value: str,
    sizes: Iterable[int],
    *,
    context: str,
    render: str | None = None,
    mode: str | None = None,
    lead: str | list[Any] = "",
    tail: str | list[Any] = "",
) -> Gold:
    """The customer hands over a digit value (the agent's question is already said)."""
    r = render_digits(c.rng, value, list(sizes), render, c.bare)
    mode = mode or pick_delivery(c)
    g = c.gold(type_, f"{context}/{r.render}/{mode}", digits=value)
    deliver(c, g, r, mode, lead, tail)
    return g


def readback(
    c: Call,
    type_: str,
    value: str,
    sizes: Iterable[int] | None = None,
    *,
    what: str = "",
    confirm: bool = True,
) -> Gold:
    """The agent repeats a digit value back."""
    sizes = list(sizes) if sizes else [len(value)]
    render = c.pick(["typed-spaced", "typed", "typed", "words", "words", "pairs", "mixed"])
    r = render_digits(c.rng, value, sizes, render, c.bare)
    g = c.gold(type_, f"readback/{r.render}", digits=value)
    x = g(r.inline)
    form = c.rng.randrange(6)
    if form == 0:
        c.a("so that's", what, x, ", correct?")
    elif form == 1:
        c.a("let me read that back,", what, x, ". is that right?")
    elif form == 2:
        c.a("I have", what, x, ", is that correct?")
    elif form == 3:
        c.a(what, x, "?")
    elif form == 4:
        c.a("okay,", what, x, ", got it.")
        confirm = False
    else:
        c.a("and that's", what, x, ", yes?")
    if confirm:
        c.c(c.pick(CONFIRMS))
    return g


def chars_answer(
    c: Call,
    type_: str,
    canonical: str,
    groups: list[str],
    *,
    context: str,
    spell: str | None = None,
    mode: str | None = None,
    lead: str | list[Any] = "",
    tail: str | list[Any] = "",
) -> Gold:
    spell = spell or c.pick(SPELLS)
    chunks, joiner, sstyle = spell_groups(c.rng, groups, spell, c.bare)
    mode = mode or c.rng.choices(["inline", "backchannel", "continuation"], [5, 3, 2])[0]
    g = c.gold(type_, f"{context}/{sstyle}/{mode}", chars=True, canonical=canonical)
    r = Rendered(chunks, joiner, sstyle)
    if mode == "continuation":
        # continuation leads go before the span; a chars value must stay contiguous,
        # so the second half starts its segment and the lead is dropped.
        k = c.rng.randint(1, len(chunks) - 1)
        c.c(lead, g(joiner.join(chunks[:k])))
        c.a(c.pick(["mm hmm", "okay", "go ahead", "uh huh"]))
        c.c(g(joiner.join(chunks[k:])), tail)
        return g
    deliver(c, g, r, mode, lead, tail)
    return g


def chars_readback(
    c: Call, type_: str, canonical: str, groups: list[str], confirm: bool = True
) -> Gold:
    style = c.pick(["typed", "alone", "alone", "nato"])
    chunks, joiner, sstyle = spell_groups(c.rng, groups, style, c.bare)
    g = c.gold(type_, f"readback/{sstyle}", chars=True, canonical=canonical)
    c.a(
        c.pick(["let me repeat that:", "so I have", "reading it back,", "okay that's"]),
        g(joiner.join(chunks)),
        c.pick(["?", ", correct?", ". right?", ", is that right?"]),
    )
    if confirm:
        c.c(c.pick(CONFIRMS))
    return g


# -- dates -----------------------------------------------------------------------

DOB_STYLES = [
    "md-yy-words",
    "month-ordinal-text",
    "ordinal-of-month-text",
    "slashes-full",
    "dashes-short",
    "slashes-short",
    "words-full-year",
    "oh-padded-words",
    "dots-full",
    "month-digit-suffix-text",
    "month-day-year-digits-text",
]


def dob_answer(
    c: Call,
    d: date,
    *,
    context: str,
    style: str | None = None,
    lead: Any = "",
    tail: Any = "",
    speaker: str = "customer",
) -> Gold:
    """A date of birth in one of many spoken/typed shapes (one segment)."""
    rng = c.rng
    # the brief's favourites ("seven nine sixty one", "march twenty fourth nineteen forty one",
    # "the eighth of april nineteen forty") come up twice as often as the rest
    style = style or c.rng.choices(DOB_STYLES, [3, 2, 2] + [1] * (len(DOB_STYLES) - 3))[0]
    m, dd, y = d.month, d.day, d.year
    yy = f"{y % 100:02d}"
    month = MONTHS[m - 1]
    if style == "md-yy-words":
        text = f"{cardinal(m)} {cardinal(dd)} {w_pair(yy, 1.0, rng)}"
        digits = f"{m}{dd}{yy}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", digits=spoken_check(text, digits))
    elif style == "words-full-year":
        text = f"{cardinal(m)} {cardinal(dd)} {w_year(y, rng)}"
        digits = normalize_digits(text)
        if digits != f"{m}{dd}{y}":
            raise Redraw("dob words")
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", digits=digits)
    elif style == "oh-padded-words":
        text = (
            f"{w_pair(f'{m:02d}', 1.0, rng)} {w_pair(f'{dd:02d}', 1.0, rng)} {w_pair(yy, 1.0, rng)}"
        )
        digits = f"{m:02d}{dd:02d}{yy}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", digits=spoken_check(text, digits))
    elif style == "slashes-full":
        text = f"{m:02d}/{dd:02d}/{y}" if rng.random() < 0.6 else f"{m}/{dd}/{y}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", digits=normalize_digits(text))
    elif style == "slashes-short":
        text = f"{m}/{dd}/{yy}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", digits=normalize_digits(text))
    elif style == "dashes-short":
        text = f"{m}-{dd}-{yy}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", digits=normalize_digits(text))
    elif style == "dots-full":
        text = f"{m:02d}.{dd:02d}.{y}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", digits=normalize_digits(text))
    elif style == "month-ordinal-text":
        text = f"{month} {ordinal(dd)}{rng.choice([' ', ', '])}{w_year(y, rng)}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", text=text.replace(",", ""))
    elif style == "ordinal-of-month-text":
        core = f"{ordinal(dd)} of {month} {w_year(y, rng)}"
        text = "the " + core
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", text=core)
    elif style == "month-digit-suffix-text":
        text = f"{month} {ordinal_suffix(dd)}, {y}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", text=text.replace(",", ""))
    elif style == "month-day-year-digits-text":
        text = f"{month} {dd} {y}"
        g = c.gold("DATE_OF_BIRTH", f"{context}/dob-{style}", text=text)
    else:
        raise ValueError(style)
    if c.case == "sentence" and g.kind == "text":
        text = (
            text[0].upper() + text[1:]
            if text.startswith(month)
            else text.replace(month, month.capitalize())
        )
    c.say(speaker, lead, g(text), tail)
    return g


EXPIRY_STYLES = [
    "mm-yy-words",
    "slash",
    "oh-words",
    "short-slash",
    "of-words",
    "full-year-slash",
    "full-year-words",
    "month-name-text",
    "month-of-year-text",
]


def expiry_text(c: Call, card: Card, style: str | None = None) -> tuple[str, str, str | None, str]:
    """Return (spoken text, style, digits or None, text term)."""
    rng = c.rng
    style = style or c.pick(EXPIRY_STYLES)
    m, y = card.expiry_month, card.expiry_year
    yy = f"{y % 100:02d}"
    if style == "mm-yy-words":
        oh_month = m < 10 and rng.random() < 0.5  # "oh nine" rather than "nine"
        month_said = w_pair(f"{m:02d}", 1.0, rng) if oh_month else cardinal(m)
        t = f"{month_said} {w_pair(yy, 1.0, rng)}"
    elif style == "slash":
        t = f"{m:02d}/{yy}"
    elif style == "oh-words":
        t = f"{w_pair(f'{m:02d}', 1.0, rng)} {w_pair(yy, 1.0, rng)}"
    elif style == "short-slash":
        t = f"{m}/{yy}"
    elif style == "of-words":
        t = f"{cardinal(m)} of {w_pair(yy, 1.0, rng)}"
    elif style == "full-year-slash":
        t = f"{m:02d}/{y}"
    elif style == "full-year-words":
        t = f"{cardinal(m)} {w_year(y, rng)}"
    elif style == "month-name-text":
        t = f"{MONTHS[m - 1]} {w_year(y, rng) if rng.random() < 0.5 else w_pair(yy, 1.0, rng)}"
        return t, style, None, t
    else:
        t = f"{MONTHS[m - 1]} of {rng.choice([str(y), w_year(y, rng)])}"
        return t, style, None, t
    return t, style, normalize_digits(t), t


def expiry_gold(c: Call, card: Card, context: str, style: str | None = None) -> tuple[Gold, str]:
    t, style, digits, term = expiry_text(c, card, style)
    if digits is not None:
        g = c.gold("CARD_EXPIRY", f"{context}/exp-{style}", digits=digits)
    else:
        g = c.gold("CARD_EXPIRY", f"{context}/exp-{style}", text=term)
    return g, t


def cvv_gold(c: Call, card: Card, context: str, render: str | None = None) -> tuple[Gold, str]:
    render = render or c.pick(["words", "words", "typed", "hundreds", "typed-spaced", "mixed"])
    r = render_digits(c.rng, card.cvv, [len(card.cvv)], render, c.bare)
    return c.gold("CARD_SECURITY_CODE", f"{context}/cvv-{r.render}", digits=card.cvv), r.inline


# =============================================================================
# harmless context: openings, contact data, numbers that must survive
# =============================================================================


def phone_text(c: Call, digits: str, spoken: bool | None = None) -> str:
    a, b, n = digits[:3], digits[3:6], digits[6:]
    if spoken is None:
        spoken = c.chance(0.35)
    if spoken:
        last = c.pick([r_words(n, c.rng, 0.8), r_pairs(n, c.rng, 0.8)])
        return f"{r_words(a, c.rng, 0.8)}, {r_words(b, c.rng, 0.8)}, {last}"
    return c.pick([f"{a}-{b}-{n}", f"({a}) {b}-{n}", f"{a}.{b}.{n}", f"{a} {b} {n}"])


def email_text(c: Call, email: str) -> str:
    if c.chance(0.3):
        user, dom = email.split("@")
        return user.replace(".", " dot ") + " at " + dom.replace(".", " dot ")
    return email


def opening(c: Call, inbound: bool = False) -> None:
    p = c.cust
    co = c.company
    form = c.pick([1, 2, 4]) if inbound else c.rng.randrange(5)
    if form == 0:
        c.a(f"Hi, this is {c.agent_name} with {co}, am I speaking with", c.neg("name", p.full), "?")
        c.c(
            c.pick(
                [
                    "yes it is",
                    "speaking",
                    "yeah that's me",
                    "this is she" if p.gender == "f" else "this is him",
                ]
            )
        )
    elif form == 1:
        c.a(
            f"Thank you for calling {co}, my name is {c.agent_name}. "
            "Who do I have the pleasure of speaking with?"
        )
        c.c("hi, this is", c.neg("name", p.full))
    elif form == 2:
        c.a(f"Good afternoon, {co}, this is {c.agent_name}. Can I get your first and last name?")
        c.c(
            c.filler(0.4),
            "yeah it's",
            c.neg("name", p.first),
            c.pick(["", ","]),
            c.neg("name", p.last),
        )
    elif form == 3:
        c.a("Hello, may I speak with", c.neg("name", p.title), "please?")
        c.c("speaking, who's this?")
        c.a(
            f"Hi, this is {c.agent_name} calling from {co}, "
            "you'd requested some information online."
        )
        c.c(
            c.pick(
                ["oh, okay", "oh right, yes I did", "okay, what's this about?", "yeah I remember"]
            )
        )
    else:
        c.a(f"{co}, {c.agent_name} speaking, how can I help you today?")
        c.c(
            c.pick(
                [
                    "hi yes I got a letter in the mail",
                    "yeah hi I was told to call this number",
                    "hi I'm returning a call",
                    "hey, I had a question about my account",
                ]
            )
        )
        c.a("Sure, I can help with that. What's your full name?")
        c.c(c.neg("name", p.full))


def confirm_contact(c: Call, n: int | None = None) -> None:
    """Zip, address, phone, email: all of it must be kept."""
    p = c.cust
    items = ["zip", "address", "phone", "email", "city"]
    c.rng.shuffle(items)
    n = n if n is not None else c.rng.randint(1, 3)
    for it in items[:n]:
        if it == "zip":
            c.a(
                c.pick(
                    [
                        "What's your zip code?",
                        "And the zip code there?",
                        "Can you confirm your zip?",
                    ]
                )
            )
            c.c(c.pick(["it's", "", "uh"]), c.neg("zip", p.zip))
        elif it == "address":
            c.a(
                c.pick(
                    [
                        "And your street address?",
                        "What's the address on file?",
                        "Where should we mail that?",
                    ]
                )
            )
            c.c(
                c.neg("address", p.street),
                ",",
                c.neg("city", p.city),
                c.pick([",", ""]),
                c.neg("state", STATE_NAMES[p.state] if c.chance(0.5) else p.state),
            )
        elif it == "phone":
            c.a(
                c.pick(
                    [
                        "Best callback number?",
                        "Is this the best number to reach you?",
                        "And a good phone number for you?",
                    ]
                )
            )
            c.c(
                c.pick(["yeah it's", "sure,", "you can use", ""]),
                c.neg("phone", phone_text(c, p.phone)),
            )
        elif it == "email":
            c.a(c.pick(["Do you have an email address?", "And an email for the confirmation?"]))
            c.c(c.pick(["yes it's", "sure,", "", "it's"]), c.neg("email", email_text(c, p.email)))
        else:
            c.a("And what city is that in?")
            c.c(c.neg("city", p.city), c.pick(["", ", " + STATE_NAMES[p.state]]))


def money_text(
    c: Call, lo: int = 10, hi: int = 500, cents: bool | None = None, monthly: bool = False
) -> str:
    v = c.rng.randint(lo, hi)
    cents = c.chance(0.4) if cents is None else cents
    if c.chance(0.5):
        return f"${v:,}" + (f".{c.rng.randint(0, 99):02d}" if cents else "")
    if monthly and 100 <= v < 1000 and v % 100 and c.chance(0.6):
        head = UNITS[v // 100]  # "one twenty nine a month", "two oh five a month"
        tail = cardinal(v % 100) if v % 100 >= 10 else "oh " + UNITS[v % 10]
        return f"{head} {tail} a month"
    if v >= 1000 and c.chance(0.5):
        th, rest = divmod(v, 1000)
        return f"{cardinal(th)} thousand" + (f" {cardinal(rest)}" if rest else "") + " dollars"
    return f"{cardinal(v) if v < 1000 else f'{v:,}'} dollars"


def time_text(c: Call) -> str:
    h = c.rng.randint(8, 12) if c.chance(0.5) else c.rng.randint(1, 6)
    mins = c.pick([0, 15, 30, 45])
    if c.chance(0.5):
        return f"{h}:{mins:02d}" + c.pick([" am", " pm", "", " p.m."]) if mins else f"{h} o'clock"
    w = cardinal(h) + (
        "" if mins == 0 else " " + {15: "fifteen", 30: "thirty", 45: "forty five"}[mins]
    )
    return w + c.pick(["", " in the afternoon", " tomorrow"]) if mins else cardinal(h) + " o'clock"


def appt_date_text(c: Call) -> str:
    d = c.rng.randint(2, 28)
    wd = c.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
    return c.pick(
        [
            f"{wd} the {ordinal_suffix(d)}",
            f"{wd} the {ordinal(d)}",
            f"next {wd}",
            f"{MONTHS[c.rng.randint(5, 11)].capitalize()} {ordinal_suffix(d)}",
            f"the {ordinal_suffix(d)}",
        ]
    )


HARMLESS_BY_FAMILY = {
    "medicare": [
        "premium",
        "copay",
        "plan-price",
        "appointment",
        "adult-age",
        "pharmacy-count",
        "giveback",
    ],
    "card": ["balance", "minimum", "promo-months", "appointment", "credit-limit"],
    "loan": ["loan-amount", "term-months", "income", "dependents", "appointment", "car-year"],
    "utility": ["budget-bill", "move-in", "household", "appointment", "sqft"],
    "insurance": [
        "car-year",
        "cars",
        "premium",
        "mileage",
        "adult-age",
        "appointment",
        "year-built",
    ],
    "health": ["household", "income", "premium", "appointment", "deductible"],
    "intl": ["refund-amount", "appointment", "time-zone"],
}


def harmless(c: Call, kind: str | None = None) -> None:
    """One exchange with numbers that are NOT sensitive and must survive."""
    if kind is None:
        left = [k for k in HARMLESS_BY_FAMILY[c.family] if k not in c.used_harmless]
        kind = c.pick(left or HARMLESS_BY_FAMILY[c.family])
    c.used_harmless.add(kind)
    rng = c.rng
    if kind == "premium":
        c.a(
            "the premium on that one comes out to",
            c.neg("money", money_text(c, 19, 189, monthly=True)),
        )
        c.c(
            c.pick(
                [
                    "okay that's not bad",
                    "hmm, that's a little high",
                    "and that includes everything?",
                ]
            )
        )
    elif kind == "copay":
        c.a(
            "your primary care copay would be",
            c.neg("money", c.pick(["zero dollars", "$0", "$5", "ten dollars", "twenty dollars"])),
            "and specialists are",
            c.neg("money", c.pick(["$35", "forty dollars", "$45", "fifty dollars"])),
        )
        c.c("okay")
    elif kind == "plan-price":
        c.a(
            "the one I'd look at is the",
            c.neg(
                "plan",
                c.pick(
                    [
                        "one forty nine plan",
                        "ninety nine dollar plan",
                        "Plan G",
                        "Plan N",
                        "two nineteen plan",
                    ]
                ),
            ),
        )
        c.c("what does that one cover?")
    elif kind == "appointment":
        c.a(
            "I can have a licensed agent call you back",
            c.neg("date", appt_date_text(c)),
            "at",
            c.neg("time", time_text(c)),
            ", does that work?",
        )
        c.c(c.pick(["that works", "yeah that's fine", "make it a little later if you can"]))
    elif kind == "adult-age":
        age = c.cust.age
        c.a(
            c.pick(
                [
                    "And may I ask your age?",
                    "How old are you, if you don't mind me asking?",
                    "And you're how old?",
                ]
            )
        )
        c.c(
            "I'm",
            c.neg("age", str(age) if c.chance(0.5) else cardinal(age) if age < 100 else str(age)),
            c.pick(["", "years old", "now"]),
            c.pick(["", ", so"]),
        )
    elif kind == "pharmacy-count":
        c.a(c.pick(["Which pharmacy do you use?", "And where do you fill your prescriptions?"]))
        c.c(
            "I use the",
            c.neg("name", c.pick(["Walgreens", "CVS", "Kroger", "Publix", "Rite Aid"])),
            "on",
            c.neg("address", c.fake.street_name()),
        )
    elif kind == "giveback":
        c.a(
            "this plan also has a",
            c.neg("money", c.pick(["$174", "one seventy four", "$90", "$125.50"])),
            "part B giveback",
        )
        c.c("oh that's nice")
    elif kind == "balance":
        c.a("I see a current balance of", c.neg("money", money_text(c, 200, 4800, True)))
        c.c(c.pick(["yeah that sounds right", "okay", "wow, okay"]))
    elif kind == "minimum":
        c.a(
            "minimum payment due is",
            c.neg("money", c.pick(["$35", "$41.00", "thirty five dollars", "$58"])),
            "on",
            c.neg("date", appt_date_text(c)),
        )
        c.c("okay")
    elif kind == "promo-months":
        c.a(
            "you'd get",
            c.neg(
                "quantity",
                c.pick(
                    [
                        "0% for 18 months",
                        "zero percent for fifteen months",
                        "0 percent APR for 21 months",
                    ]
                ),
            ),
        )
        c.c("and then what's the rate after?")
    elif kind == "credit-limit":
        c.a(
            "your limit would go up to",
            c.neg("money", c.pick(["$5,000", "$7,500", "six thousand dollars", "$12,000"])),
        )
        c.c("oh great")
    elif kind == "loan-amount":
        c.a("how much were you looking to borrow?")
        c.c(
            c.pick(["about", "maybe", "around"]),
            c.neg(
                "money",
                c.pick(
                    ["$15,000", "twelve thousand", "$8,500", "twenty thousand dollars", "$4,000"]
                ),
            ),
        )
    elif kind == "term-months":
        c.a(
            "we can do that over",
            c.neg("quantity", c.pick(["36 months", "sixty months", "48 months", "five years"])),
            "at about",
            c.neg("money", money_text(c, 120, 460, monthly=True)),
            "a month",
        )
        c.c("okay")
    elif kind == "income":
        c.a("and your annual household income, roughly?")
        c.c(
            c.neg(
                "money",
                c.pick(
                    [
                        "about $52,000",
                        "sixty two thousand",
                        "$48,000 a year",
                        "around 75 grand",
                        "thirty eight thousand",
                    ]
                ),
            )
        )
    elif kind == "dependents":
        c.a("how many dependents do you claim?")
        c.c(c.neg("quantity", c.pick(["2 dependents", "three", "just one", "none", "two kids"])))
    elif kind == "car-year":
        y = rng.randint(2008, 2024)
        c.a(
            c.pick(
                [
                    "And what vehicle is this for?",
                    "What year, make and model?",
                    "What are you driving these days?",
                ]
            )
        )
        c.c(
            "it's a",
            c.neg("year", str(y)),
            c.neg(
                "name",
                c.pick(
                    [
                        "Honda Civic",
                        "Toyota Camry",
                        "Ford F-150",
                        "Chevy Equinox",
                        "Nissan Rogue",
                        "Jeep Cherokee",
                    ]
                ),
            ),
        )
    elif kind == "cars":
        c.a("how many vehicles are we quoting?")
        c.c(
            c.neg(
                "quantity",
                c.pick(
                    ["three cars", "two cars and a motorcycle", "2 vehicles", "just the one truck"]
                ),
            )
        )
    elif kind == "mileage":
        c.a("about how many miles a year?")
        c.c(
            c.neg(
                "quantity",
                c.pick(
                    [
                        "maybe twelve thousand",
                        "10,000 miles",
                        "about 8,000",
                        "fifteen thousand a year",
                    ]
                ),
            )
        )
    elif kind == "year-built":
        c.a("what year was the home built?")
        c.c(c.neg("year", str(rng.randint(1950, 2015))), c.pick(["I think", "", "roughly"]))
    elif kind == "budget-bill":
        c.a("on budget billing you'd pay", c.neg("money", money_text(c, 80, 240, monthly=True)))
        c.c("okay that helps")
    elif kind == "move-in":
        c.a("and what date are you moving in?")
        c.c(c.neg("date", appt_date_text(c)))
    elif kind == "household":
        c.a("how many people live in the household?")
        c.c(
            c.neg(
                "quantity", c.pick(["four of us", "3 people", "two adults and three kids", "five"])
            )
        )
    elif kind == "sqft":
        c.a("roughly how big is the place?")
        c.c(
            c.neg(
                "quantity",
                c.pick(["about 1,800 square feet", "twelve hundred square feet", "3 bedrooms"]),
            )
        )
    elif kind == "deductible":
        c.a(
            "the deductible is",
            c.neg("money", c.pick(["$1,500", "two thousand dollars", "$750", "$3,200"])),
            "and max out of pocket is",
            c.neg("money", c.pick(["$6,000", "$8,700", "nine thousand"])),
        )
        c.c("hmm okay")
    elif kind == "refund-amount":
        c.a(
            "the refund is for",
            c.neg("money", c.pick(["$312.40", "two hundred forty euros", "€180", "£95.20"])),
        )
        c.c("yes that's the one")
    elif kind == "time-zone":
        c.a("what's a good time to reach you over there?")
        c.c(
            "after",
            c.neg("time", c.pick(["6 pm", "seven in the evening", "10 am your time", "noon"])),
            "usually",
        )
    else:
        raise ValueError(kind)


def closing(c: Call) -> None:
    form = c.rng.randrange(5)
    if form == 2 and "appointment" in c.used_harmless:
        form = 0
    if form == 0:
        c.a("Alright, you're all set. Anything else I can help with today?")
        c.c(c.pick(["no that's it, thank you", "nope, thanks", "no thank you, bye"]))
    elif form == 1:
        c.a(
            "You'll get a confirmation email within",
            c.neg("quantity", c.pick(["24 hours", "two business days", "about an hour"])),
            ".",
        )
        c.c("okay thank you so much")
        c.a(f"Thank you for choosing {c.company}, have a good day.")
    elif form == 2:
        c.a(
            "Perfect. I'll call you back",
            c.neg("date", appt_date_text(c)),
            "around",
            c.neg("time", time_text(c)),
            ".",
        )
        c.c("sounds good, bye")
    elif form == 3:
        c.a("Okay, that's everything I needed. Thanks for your patience.")
        c.c(c.pick(["you too", "thanks, you have a good one", "alright bye bye"]))
    else:
        c.a(
            "If you have questions you can reach us at",
            c.neg(
                "phone",
                c.pick(
                    [
                        "1-800-555-0199",
                        "877-555-0143",
                        "one eight hundred five five five oh one one two",
                    ]
                ),
            ),
            ".",
        )
        c.c("okay, thanks")


# =============================================================================
# shapes
# =============================================================================


@dataclass
class Shape:
    name: str
    family: str
    fn: Callable[[Call], None]
    doc: str


SHAPES: list[Shape] = []


def shape(name: str, family: str) -> Callable[[Callable[[Call], None]], Callable[[Call], None]]:
    def deco(fn: Callable[[Call], None]) -> Callable[[Call], None]:
        SHAPES.append(Shape(name, family, fn, (fn.__doc__ or "").strip()))
        return fn

    return deco


SSN_SIZES = [3, 2, 4]


# SHAPES-BEGIN
def norm_words(s: str) -> str:
    s = s.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def text_gold(c: Call, type_: str, style: str, said: str) -> Gold:
    return c.gold(type_, style, text=norm_words(said))


SSN_ASKS = [
    "Can I get your social security number?",
    "And what's your social?",
    "I'll need your social to run the application.",
    "What's the social security number?",
    "Can you verify your full social for me?",
    "And your SSN?",
    "Okay, and your social please.",
]
LAST4_ASKS = [
    "And the last four of the social?",
    "Can you verify the last four of your social security number?",
    "Last four of your social, please.",
    "And just the last four digits of your SSN?",
    "What are the last four of your social?",
    "I just need the last four of the social.",
]
DOB_ASKS = [
    "And your date of birth?",
    "Can you verify your date of birth?",
    "What's your birthday, month, day and year?",
    "And the birthdate?",
    "Date of birth please.",
    "And when were you born?",
]
CARD_ASKS = [
    "Go ahead with the card number whenever you're ready.",
    "What's the card number?",
    "Okay, the long number on the front of the card?",
    "Can you read me the sixteen digits on the front?",
    "Alright, the card number please.",
    "And which card will you be using? Go ahead with the number.",
]
SSN_LEADS = ["yeah it's", "sure, it's", "it's", "", "okay,", "um", "alright, it's", "yes, it's"]


def last4_answer(c: Call, type_: str, last4: str, context: str, lead: Any = None) -> Gold:
    lead = lead if lead is not None else c.pick(["", "", "", "it's", "uh", "yeah,"])
    render = c.pick(
        ["words", "typed-spaced", "typed", "pairs", "mixed", "words-oh", "double", "hundreds"]
    )
    return digits_answer(
        c, type_, last4, [4], context=context, render=render, mode="inline", lead=lead
    )


def ssn_full(
    c: Call,
    ssn: str,
    context: str,
    *,
    ask: bool = True,
    lead: Any = None,
    tail: Any = "",
    render: str | None = None,
    mode: str | None = None,
) -> Gold:
    if ask:
        c.a(c.pick(SSN_ASKS))
    lead = c.pick(SSN_LEADS) if lead is None else lead
    return digits_answer(
        c, "US_SSN", ssn, SSN_SIZES, context=context, render=render, mode=mode, lead=lead, tail=tail
    )


def card_number(
    c: Call,
    card: Card,
    context: str,
    *,
    ask: bool = True,
    lead: Any = None,
    tail: Any = "",
    render: str | None = None,
    mode: str | None = None,
) -> Gold:
    if ask:
        c.a(c.pick(CARD_ASKS))
    lead = (
        lead if lead is not None else c.pick(["okay it's", "it's", "", "sure,", "alright,", "yeah"])
    )
    return digits_answer(
        c,
        "CREDIT_CARD",
        card.number,
        card.groups,
        context=context,
        render=render,
        mode=mode,
        lead=lead,
        tail=tail,
    )


def conditions_turn(c: Call, n: int, context: str, speaker: str = "customer") -> list[str]:
    conds = c.rng.sample(CONDITIONS, n)
    parts: list[Any] = [
        c.pick(["well I have", "I've got", "I was diagnosed with", "um, I have", "just", "there's"])
    ]
    for i, cond in enumerate(conds):
        g = text_gold(c, "HEALTH_CONDITION", f"{context}/condition", cond)
        if i:
            parts.append("and" if i == n - 1 else ",")
        parts.append(g(cond))
    parts.append(
        c.pick(["", "", "but it's under control", "for a few years now", "that's about it"])
    )
    c.say(speaker, parts)
    return conds


def meds_words(c: Call, meds: list[str], context: str) -> list[Any]:
    parts: list[Any] = []
    for i, m in enumerate(meds):
        g = text_gold(c, "MEDICATION", f"{context}/medication", m)
        if i:
            parts.append("and" if i == len(meds) - 1 else ",")
        parts.append(g(m))
    return parts


def child_age_piece(c: Call, age: int, context: str) -> list[Any]:
    form = c.rng.randrange(4)
    if form == 0:
        said = f"{cardinal(age)} years old"
        return ["is", text_gold(c, "CHILD_AGE", f"{context}/age-years-old", said)(said)]
    if form == 1:
        said = cardinal(age)
        return [
            c.pick(["is", "just turned", "will be"]),
            text_gold(c, "CHILD_AGE", f"{context}/age-bare-word", said)(said),
        ]
    if form == 2:
        said = str(age)
        return ["is", text_gold(c, "CHILD_AGE", f"{context}/age-digit", said)(said)]
    said = f"{cardinal(age)}-year-old" if age > 1 else "one-year-old"
    return ["is my", text_gold(c, "CHILD_AGE", f"{context}/age-hyphenated", said)(said)]


def child_age_answer(c: Call, name: str, age: int, context: str) -> list[Any]:
    """A turn that only gives a child's age: "she's six", "twelve years old", "he just turned 9"."""
    he = c.he(name)
    form = c.rng.randrange(5)
    if form == 0:
        said = cardinal(age)
        return [f"{he}'s", text_gold(c, "CHILD_AGE", f"{context}/age-bare-word", said)(said)]
    if form == 1:
        said = f"{cardinal(age)} years old"
        return [text_gold(c, "CHILD_AGE", f"{context}/age-years-old", said)(said)]
    if form == 2:
        said = str(age)
        return [f"{he} just turned", text_gold(c, "CHILD_AGE", f"{context}/age-digit", said)(said)]
    if form == 3:
        said = cardinal(age)
        return [
            c.pick(["", "um,", "uh"]),
            text_gold(c, "CHILD_AGE", f"{context}/age-only-word", said)(said),
        ]
    said = f"{cardinal(age)} and a half"
    return [f"{he}'s", text_gold(c, "CHILD_AGE", f"{context}/age-and-a-half", said)(said)]


# ----------------------------------------------------------------------------- medicare


@shape("medicare_mbi_nato_readback", "medicare")
def s_medicare_mbi_nato(c: Call) -> None:
    """Medicare number spelled with NATO words, agent reads it back, then DOB."""
    opening(c)
    c.a(
        c.pick(
            [
                "Do you have your red, white and blue Medicare card handy?",
                "Could you grab your Medicare card for me?",
            ]
        )
    )
    c.c(
        c.pick(
            [
                "hold on... okay I've got it",
                "yeah it's right here",
                "let me get my purse. okay",
                "yes",
            ]
        )
    )
    c.a(
        c.pick(
            ["Go ahead and read me the Medicare number.", "What's the Medicare number on there?"]
        )
    )
    mbi = gen_mbi(c.rng)
    chars_answer(
        c,
        "US_MBI",
        mbi,
        mbi_groups(mbi),
        context="answer",
        spell=c.pick(["nato", "nato", "mixed-spell"]),
        lead=c.pick(["okay it's", "", "it's", "alright"]),
    )
    chars_readback(c, "US_MBI", mbi, mbi_groups(mbi))
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    harmless(c)
    closing(c)


@shape("medicare_mbi_group_per_segment", "medicare")
def s_medicare_mbi_groups(c: Call) -> None:
    """MBI read one dash-group per customer turn with agent back-channels in between."""
    opening(c)
    confirm_contact(c, 1)
    c.a("And I'll need the Medicare beneficiary number, it's eleven characters.")
    mbi = gen_mbi(c.rng)
    chars_answer(
        c,
        "US_MBI",
        mbi,
        mbi_groups(mbi),
        context="answer",
        spell=c.pick(["alone", "as-in", "mixed-spell", "for"]),
        mode="backchannel",
        lead=c.pick(["", "okay", "first part is"]),
    )
    c.a(c.pick(["Perfect, thank you.", "Great, got all of it.", "Okay."]))
    harmless(c)
    harmless(c)
    closing(c)


@shape("medicare_verify_answer_only", "medicare")
def s_medicare_verify(c: Call) -> None:
    """Verification: DOB and last four of the social, the customer answers only the values."""
    opening(c)
    c.a("Before we go over plans I need to verify a couple of things. Date of birth?")
    dob_answer(c, c.cust.dob, context="answer-only")
    c.a(c.pick(LAST4_ASKS))
    ssn = gen_ssn(c.rng)
    last4_answer(c, "US_SSN", ssn[-4:], "answer-only", lead="")
    c.a("And your zip code?")
    c.c(c.neg("zip", c.cust.zip))
    c.a("Thank you, you're verified.")
    harmless(c)
    harmless(c)
    closing(c)


@shape("medicare_conditions_meds_readback", "medicare")
def s_medicare_conditions(c: Call) -> None:
    """Health conditions, medications over two turns, agent reads the medications back."""
    opening(c)
    c.a("To find the right plan, are you being treated for any health conditions right now?")
    conditions_turn(c, c.rng.randint(1, 3), "answer")
    c.a("Okay. And what medications do you take on a regular basis?")
    meds = c.rng.sample(MEDICATIONS, 3)
    c.c("let me see,", meds_words(c, meds[:2], "answer"))
    c.a(c.pick(["mm hmm", "okay", "go ahead"]))
    c.c(
        c.pick(["and then", "oh and", "and I also take"]),
        meds_words(c, meds[2:], "answer"),
        c.pick(["", "at night", "once a day"]),
    )
    c.a("So I have", meds_words(c, meds, "readback"), ". Is that everything?")
    c.c(c.pick(["that's it", "yes that's all of them", "I think so"]))
    harmless(c, "plan-price")
    closing(c)


@shape("medicare_spouse_followup", "medicare")
def s_medicare_spouse(c: Call) -> None:
    """Customer DOB, then "and your wife's?"/"and hers?" follow-ups for the spouse's DOB and MBI."""
    opening(c)
    sp = c.spouse()
    rel = "wife" if sp.gender == "f" else "husband"
    pron = "hers" if sp.gender == "f" else "his"
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    c.a(f"And is your {rel} looking for coverage too?")
    c.c(
        f"yes, my {rel}",
        c.neg("name", sp.first),
        ", she's right here" if sp.gender == "f" else ", he's right here",
    )
    c.a(
        c.pick(
            [
                f"And your {rel}'s?",
                f"Okay, and {pron}?",
                f"And {pron} date of birth?" if sp.gender == "m" else "And her date of birth?",
            ]
        )
    )
    dob_answer(c, sp.dob, context="followup")
    c.a(
        c.pick(
            [
                f"Does {'she' if sp.gender == 'f' else 'he'} have the Medicare card there?",
                f"And {'her' if sp.gender == 'f' else 'his'} Medicare number?",
            ]
        )
    )
    mbi = gen_mbi(c.rng)
    chars_answer(
        c,
        "US_MBI",
        mbi,
        mbi_groups(mbi),
        context="followup",
        spell=c.pick(["typed", "alone", "as-in"]),
        lead=c.pick([f"{pron} is", "okay it's", ""]),
    )
    if c.chance(0.5):
        chars_readback(c, "US_MBI", mbi, mbi_groups(mbi))
    harmless(c)
    closing(c)


@shape("medicare_plan_shopping_negatives", "medicare")
def s_medicare_shopping(c: Call) -> None:
    """Mostly harmless numbers: premiums, copays, plan prices, appointment; one DOB."""
    opening(c)
    confirm_contact(c, 3)
    kinds = c.rng.sample(HARMLESS_BY_FAMILY["medicare"], 4)
    for k in kinds[:2]:
        harmless(c, k)
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    for k in kinds[2:]:
        harmless(c, k)
    closing(c)


@shape("medicare_caregiver_for_parent", "medicare")
def s_medicare_caregiver(c: Call) -> None:
    """A daughter/son calls for a parent: parent's DOB, MBI, condition and medication."""
    c.cust = c.person(senior=False)
    parent = c.person(senior=True, gender=c.pick("fm"), last=c.cust.last if c.chance(0.6) else None)
    who = "mother" if parent.gender == "f" else "father"
    opening(c, inbound=True)
    poss = "her" if parent.gender == "f" else "his"
    c.a("What can I help you with today?")
    c.c(
        f"I'm calling on behalf of my {who},",
        c.neg("name", parent.full),
        f", I help with {poss} paperwork",
    )
    c.a(f"Of course. Is your {who} there with you to give permission?")
    if parent.gender == "f":
        c.c(c.pick(["yes, mom says it's fine", "yeah she's here, go ahead", "yes she's listening"]))
    else:
        c.c(c.pick(["yes, dad says it's fine", "yeah he's here, go ahead", "yes he's listening"]))
    c.a(f"Great. What's your {who}'s date of birth?")
    dob_answer(c, parent.dob, context="third-party")
    c.a("And the Medicare number from the card?")
    mbi = gen_mbi(c.rng)
    chars_answer(
        c, "US_MBI", mbi, mbi_groups(mbi), context="third-party", lead=c.pick(["it's", "", "okay"])
    )
    c.a(
        "Is there anything she's being treated for?"
        if parent.gender == "f"
        else "Is he being treated for anything?"
    )
    cond = c.pick(CONDITIONS)
    med = c.pick(MEDICATIONS)
    c.c(
        c.pick(["yeah, the big one is", "mainly", "well"]),
        text_gold(c, "HEALTH_CONDITION", "third-party/condition", cond)(cond),
        ", and the doctor has",
        "her" if parent.gender == "f" else "him",
        "on",
        text_gold(c, "MEDICATION", "third-party/medication", med)(med),
    )
    c.a("And a good number for you?")
    c.c(c.neg("phone", phone_text(c, c.cust.phone)))
    harmless(c, "appointment")
    closing(c)


@shape("medicare_ssn_mistaken_for_mbi", "medicare")
def s_medicare_ssn_mbi(c: Call) -> None:
    """Asked for the Medicare number, the customer reads the social; agent redirects to the MBI."""
    opening(c)
    c.a("Can you read me your Medicare number?")
    ssn = gen_ssn(c.rng)
    digits_answer(
        c,
        "US_SSN",
        ssn,
        SSN_SIZES,
        context="wrong-slot",
        lead=c.pick(["is that my social? it's", "you mean the social? okay", "the number's"]),
    )
    c.a(
        "That's actually your social. The Medicare number has letters in it, "
        "it's on the red, white and blue card."
    )
    c.c(c.pick(["oh, sorry, hold on", "oh okay, let me find it", "oh I see"]))
    c.bc()
    mbi = gen_mbi(c.rng)
    chars_answer(
        c,
        "US_MBI",
        mbi,
        mbi_groups(mbi),
        context="answer",
        lead=c.pick(["okay here it is,", "okay", ""]),
    )
    if c.chance(0.6):
        c.a(c.pick(DOB_ASKS))
        dob_answer(c, c.cust.dob, context="answer")
    harmless(c)
    closing(c)


@shape("medicare_current_plan_member_id", "medicare")
def s_medicare_member_id(c: Call) -> None:
    """Current plan's member ID read off the card, typed-ish; DOB typed."""
    opening(c)
    c.a("Who is your current coverage through?")
    c.c(
        c.neg(
            "org", c.pick(["Humana", "Aetna", "UnitedHealthcare", "Wellcare", "Anthem", "Cigna"])
        ),
        c.pick(["", "I think", "for about three years"]),
    )
    c.a("And the member ID on the front of that card?")
    pid, sizes = gen_plan_id(c.rng)
    chars_answer(
        c,
        "HEALTH_PLAN_ID",
        pid,
        split_by(pid, sizes),
        context="answer",
        spell=c.pick(["typed", "typed", "alone", "mixed-spell"]),
        lead=c.pick(["it says", "it's", "", "member ID"]),
    )
    c.a("And the date of birth on the account?")
    dob_answer(
        c,
        c.cust.dob,
        context="answer",
        style=c.pick(["slashes-full", "dots-full", "slashes-short", "dashes-short"]),
    )
    harmless(c, "premium")
    closing(c)


@shape("medicare_pharmacy_meds_dosage", "medicare")
def s_medicare_pharmacy(c: Call) -> None:
    """Prescription check: medications with doses, agent repeats one, pharmacy and copays stay."""
    opening(c)
    c.a("I want to make sure your prescriptions are covered. What do you take?")
    meds = c.rng.sample(MEDICATIONS, 2)
    g0 = text_gold(c, "MEDICATION", "answer/medication", meds[0])
    g1 = text_gold(c, "MEDICATION", "answer/medication", meds[1])
    c.c(
        g0(meds[0]),
        c.pick(["500 milligrams", "twenty milligrams", "10 mg", "the 40"]),
        c.pick(["twice a day,", "in the morning,", ""]),
        "and",
        g1(meds[1]),
    )
    c.a(
        "Is that the",
        text_gold(c, "MEDICATION", "readback/medication", meds[1])(meds[1]),
        "brand name or generic?",
    )
    c.c(c.pick(["brand I think", "generic", "whatever's cheaper"]))
    harmless(c, "pharmacy-count")
    c.a(
        "On this plan,",
        text_gold(c, "MEDICATION", "readback/medication", meds[0])(meds[0]),
        "is tier one so it'd be",
        c.neg("money", c.pick(["$0", "zero dollars", "$2", "a dollar fifty"])),
        "a fill.",
    )
    c.c("oh good")
    closing(c)


@shape("medicare_dob_text_agent_numeric_readback", "medicare")
def s_medicare_dob_readback(c: Call) -> None:
    """DOB said with a month name; agent reads it back numerically."""
    opening(c)
    c.a(c.pick(DOB_ASKS))
    d = c.cust.dob
    dob_answer(
        c,
        d,
        context="answer",
        style=c.pick(
            [
                "month-ordinal-text",
                "ordinal-of-month-text",
                "month-digit-suffix-text",
                "month-day-year-digits-text",
            ]
        ),
    )
    form = c.pick(["slash", "words"])
    if form == "slash":
        said = f"{d.month}/{d.day}/{d.year}"
    else:
        said = f"{cardinal(d.month)} {cardinal(d.day)} {w_year(d.year, c.rng)}"
    g = c.gold("DATE_OF_BIRTH", f"readback/dob-{form}", digits=normalize_digits(said))
    c.a("So that's", g(said), ", correct?")
    c.c(c.pick(CONFIRMS))
    if c.chance(0.5):
        c.a(c.pick(LAST4_ASKS))
        last4_answer(c, "US_SSN", gen_ssn(c.rng)[-4:], "answer-only")
    harmless(c)
    harmless(c)
    closing(c)


@shape("medicare_enrollment_long", "medicare")
def s_medicare_enroll(c: Call) -> None:
    """A long enrollment: DOB, MBI, last four, conditions, drug list, bank draft for the premium."""
    opening(c)
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    mbi = gen_mbi(c.rng)
    c.a("And your Medicare number?")
    chars_answer(c, "US_MBI", mbi, mbi_groups(mbi), context="answer", mode="inline")
    c.a(c.pick(LAST4_ASKS))
    last4_answer(c, "US_SSN", gen_ssn(c.rng)[-4:], "answer-only")
    c.a("Any conditions we should know about?")
    conditions_turn(c, c.rng.randint(1, 2), "answer")
    c.a("And medications?")
    c.c(meds_words(c, c.rng.sample(MEDICATIONS, 2), "answer"))
    harmless(c, "premium")
    c.a("For the premium we can draft your bank. Routing number first?")
    aba = gen_aba(c.rng)
    digits_answer(
        c,
        "ABA_ROUTING_NUMBER",
        aba,
        [9],
        context="answer",
        mode="inline",
        lead=c.pick(["", "it's", "okay"]),
    )
    c.a("And the account number?")
    acct = gen_bank_account(c.rng)
    digits_answer(
        c,
        "US_BANK_NUMBER",
        acct,
        [len(acct)],
        context="answer",
        mode="inline",
        lead=c.pick(["", "it's"]),
    )
    readback(c, "US_BANK_NUMBER", acct[-4:], what="an account ending in")
    closing(c)


# ----------------------------------------------------------------------------- cards


def exp_cvv_multislot(c: Call, card: Card, context: str = "multi-slot") -> None:
    code = "four digits on the front" if card.brand == "amex" else "three digits on the back"
    c.a(
        c.pick(
            [
                f"And the expiration and the {code}?",
                "Expiration date and security code?",
                "I'll need the exp date and the CVV.",
                f"Then the expiration, and the {code}.",
            ]
        )
    )
    ge, te = expiry_gold(c, card, context)
    gc, tc = cvv_gold(c, card, context)
    form = c.rng.randrange(4)
    if form == 0:
        c.c(ge(te), ",", gc(tc))
    elif form == 1:
        c.c("expiration's", ge(te), "and the code is", gc(tc))
    elif form == 2:
        c.c("the code is", gc(tc), "and it expires", ge(te))
    else:
        c.c(c.filler(1.0), ge(te), ". and", gc(tc))


@shape("card_multislot_exp_cvv", "card")
def s_card_multislot(c: Call) -> None:
    """Card number, then one question for expiry and CVV answered in one breath."""
    opening(c)
    harmless(c)
    card = gen_card(c.rng)
    card_number(c, card, "answer")
    exp_cvv_multislot(c, card)
    if c.chance(0.5):
        readback(c, "CREDIT_CARD", card.last4, what="the card ending in")
    closing(c)


@shape("card_groups_backchannel", "card")
def s_card_backchannel(c: Call) -> None:
    """Card read group by group, agent back-channels between; expiry and CVV asked separately."""
    opening(c)
    card = gen_card(c.rng)
    card_number(c, card, "answer", mode="backchannel", render=c.pick([*SPOKEN_RENDERS, "typed"]))
    c.a(c.pick(["And the expiration?", "Expiration date?", "When does it expire?"]))
    ge, te = expiry_gold(c, card, "answer-only")
    c.c(ge(te))
    c.a(c.pick(["And the security code?", "CVV on the back?", "And the three digit code?"]))
    gc, tc = cvv_gold(c, card, "answer-only")
    c.c(gc(tc))
    harmless(c)
    closing(c)


@shape("card_mixed_continuation", "card")
def s_card_mixed(c: Call) -> None:
    """Mixed digits and words ("one six seven uh nine two 4159"), continued in a second turn."""
    opening(c)
    harmless(c, "balance")
    card = gen_card(c.rng)
    card_number(c, card, "answer", render="mixed", mode="continuation")
    exp_cvv_multislot(c, card)
    closing(c)


@shape("card_pairs_spoken", "card")
def s_card_pairs(c: Call) -> None:
    """Card spoken in pairs ("forty one forty seven"); agent reads back the last four."""
    opening(c)
    card = gen_card(c.rng)
    card_number(
        c,
        card,
        "answer",
        render=c.pick(["pairs", "pairs", "hundreds"]),
        mode=c.pick(["inline", "pause"]),
    )
    readback(c, "CREDIT_CARD", card.last4, what="the card ending in")
    c.a("And the expiration?")
    ge, te = expiry_gold(c, card, "answer-only")
    c.c(c.pick(["", "uh", "it's"]), ge(te))
    harmless(c)
    closing(c)


@shape("card_then_expiry_same_turn", "card")
def s_card_then_exp(c: Call) -> None:
    """Card number immediately followed by its expiry in the same turn ("... 0876 12 27")."""
    opening(c)
    card = gen_card(c.rng)
    c.a(c.pick(CARD_ASKS))
    r = render_digits(
        c.rng, card.number, card.groups, c.pick(["typed", "typed", "words", "mixed"]), c.bare
    )
    g = c.gold("CREDIT_CARD", f"answer/{r.render}/inline+expiry", digits=card.number)
    yy = f"{card.expiry_year % 100:02d}"
    exp_said = c.pick(
        [
            f"{card.expiry_month:02d} {yy}",
            f"{card.expiry_month:02d}/{yy}",
            f"exp {card.expiry_month}/{yy}",
        ]
    )
    ge = c.gold("CARD_EXPIRY", "after-card/exp-typed", digits=normalize_digits(exp_said))
    c.c(c.pick(["", "okay", "it's"]), g(r.inline), ge(exp_said))
    c.a(c.pick(["And the code on the back?", "And the security code?"]))
    gc, tc = cvv_gold(c, card, "answer-only")
    c.c(gc(tc))
    harmless(c)
    closing(c)


@shape("card_amex_four_digit_code", "card")
def s_card_amex(c: Call) -> None:
    """American Express: 4-6-5 grouping and a four-digit code on the front."""
    opening(c)
    card = gen_card(c.rng, "amex")
    c.a("Which card would you like to use today?")
    c.c(c.pick(["my", "the"]), c.pick(BRAND_NAMES["amex"]))
    card_number(c, card, "answer", ask=False, lead=c.pick(["okay it's", "here we go,", ""]))
    c.a("And the four-digit code on the front, above the number?")
    gc, tc = cvv_gold(c, card, "answer-only")
    c.c(c.pick(["", "it's", "um"]), gc(tc))
    c.a("Expiration?")
    ge, te = expiry_gold(c, card, "answer-only")
    c.c(ge(te))
    harmless(c, c.pick(["minimum", "credit-limit"]))
    closing(c)


@shape("card_now_the_other_card", "card")
def s_card_other(c: Call) -> None:
    """First card declines; "now the other card" with its own expiry and code."""
    opening(c)
    c1 = gen_card(c.rng)
    card_number(c, c1, "answer")
    c.a("And expiration?")
    ge, te = expiry_gold(c, c1, "answer-only")
    c.c(ge(te))
    c.a("Hmm, that one's coming back declined. Do you have another card?")
    c.c(
        c.pick(
            [
                "ugh, yeah, hold on",
                "oh that's weird. okay, use the other one",
                "yeah let me get my other one",
            ]
        )
    )
    c.a(
        c.pick(
            [
                "Okay, go ahead with the other card.",
                "Now the other card, go ahead.",
                "Alright, the second card number?",
            ]
        )
    )
    c2 = gen_card(c.rng)
    card_number(c, c2, "other-item", ask=False)
    exp_cvv_multislot(c, c2)
    readback(c, "CREDIT_CARD", c2.last4, what="the card ending in")
    closing(c)


@shape("card_last4_identify", "card")
def s_card_last4(c: Call) -> None:
    """Only the last four of a card to identify the account; agent repeats it; balance talk."""
    opening(c)
    card = gen_card(c.rng)
    c.a(
        c.pick(
            [
                "Which card are you calling about? Just the last four.",
                "Can you give me the last four digits of the card?",
            ]
        )
    )
    last4_answer(c, "CREDIT_CARD", card.last4, "answer-only")
    g = c.gold("CREDIT_CARD", "readback/agent-ending-in", digits=card.last4)
    r = render_digits(c.rng, card.last4, [4], c.pick(["typed", "words", "pairs"]), c.bare)
    c.a("Okay, I see the", c.pick(BRAND_NAMES[card.brand]), "ending in", g(r.inline), ".")
    harmless(c, "balance")
    harmless(c, "minimum")
    closing(c)


@shape("card_typed_odd_separators", "card")
def s_card_odd(c: Call) -> None:
    """Card typed with odd separators (en dash, dots, double spaces, slashes)."""
    opening(c)
    card = gen_card(c.rng)
    card_number(
        c, card, "answer", render="typed-odd", mode=c.pick(["inline", "inline", "continuation"])
    )
    c.a("And the expiration and CVV?")
    ge, te = expiry_gold(c, card, "multi-slot", c.pick(["slash", "short-slash", "full-year-slash"]))
    gc, tc = cvv_gold(c, card, "multi-slot", "typed")
    c.c(ge(te), gc(tc))
    harmless(c)
    closing(c)


@shape("card_correction_sorry", "card")
def s_card_correction(c: Call) -> None:
    """Customer misreads a group, says "sorry", and restates it."""
    opening(c)
    card = gen_card(c.rng)
    c.a(c.pick(CARD_ASKS))
    groups = split_by(card.number, card.groups)
    k = c.rng.randint(1, len(groups) - 1)
    bad = list(groups[k])
    j = c.rng.randrange(len(bad))
    bad[j] = str((int(bad[j]) + c.rng.randint(1, 8)) % 10)
    render = c.pick(["typed", "words", "mixed"])
    oh = 0.5
    said = [render_group(x, render, c.rng, oh) for x in groups]
    wrong = render_group("".join(bad), render, c.rng, oh)
    text = (
        ", ".join(said[:k])
        + ", "
        + wrong
        + c.pick([", sorry, ", ", no wait, ", "... sorry, I mean "])
        + ", ".join(said[k:])
    )
    g = c.gold("CREDIT_CARD", f"answer/{render}/correction", digits=card.number, loose=True)
    c.c(c.pick(["okay", "", "it's"]), g(text))
    c.a("Let me make sure I have it.")
    readback(c, "CREDIT_CARD", card.number, card.groups, confirm=True)
    c.a("And the expiration?")
    ge, te = expiry_gold(c, card, "answer-only")
    c.c(ge(te))
    closing(c)


@shape("card_long_maestro_unionpay", "card")
def s_card_long(c: Call) -> None:
    """A 19-digit Maestro/UnionPay card; the trailing three digits come in their own turn."""
    opening(c)
    card = gen_card(c.rng, c.pick(["maestro", "unionpay"]))
    while len(card.number) < 17:
        card = gen_card(c.rng, card.brand)
    c.a("And the card number? I think those are a little longer.")
    c.c(
        "yeah it's a",
        c.pick(BRAND_NAMES[card.brand]),
        ", it's got",
        c.neg("quantity", f"{cardinal(len(card.number))} digits"),
    )
    card_number(c, card, "answer", ask=False, mode=c.pick(["continuation", "backchannel"]))
    exp_cvv_multislot(c, card)
    closing(c)


@shape("card_expiry_month_name", "card")
def s_card_exp_month(c: Call) -> None:
    """Expiry said with a month name ("october of twenty twenty eight")."""
    opening(c)
    card = gen_card(c.rng)
    card_number(c, card, "answer")
    c.a("When does the card expire?")
    ge, te = expiry_gold(c, card, "answer", c.pick(["month-name-text", "month-of-year-text"]))
    c.c(c.pick(["it expires", "it says", "", "good thru"]), ge(te))
    c.a("And the security code?")
    gc, tc = cvv_gold(c, card, "answer-only")
    c.c(gc(tc))
    harmless(c)
    closing(c)


def secret_word(c: Call) -> str:
    return c.pick(
        [
            "sunflower",
            "bluebird",
            "tigerlily",
            "maverick",
            "snickers",
            "buckeye",
            "peaches",
            "rocket",
            "harley",
            "pumpkin",
        ]
    )


@shape("card_activation_pin_maiden", "card")
def s_card_activation(c: Call) -> None:
    """Card activation: last four, CVV, a new PIN said twice, mother's maiden name."""
    opening(c)
    card = gen_card(c.rng)
    c.a("To activate, can you verify the last four of the new card?")
    last4_answer(c, "CREDIT_CARD", card.last4, "answer-only")
    c.a("And the security code on the back?")
    gc, tc = cvv_gold(c, card, "answer-only")
    c.c(gc(tc))
    c.a("Now go ahead and choose a four digit PIN.")
    pin = rdigits(c.rng, 4)
    r = render_digits(c.rng, pin, [4], c.pick(["words", "typed-spaced", "pairs", "typed"]), c.bare)
    g = c.gold("ACCOUNT_SECRET", f"answer/pin-{r.render}", digits=pin)
    c.c(c.pick(["okay let's do", "um,", "make it"]), g(r.inline))
    c.a("And once more to confirm?")
    r2 = render_digits(c.rng, pin, [4], c.pick(["words", "typed-spaced", "typed"]), c.bare)
    g2 = c.gold("ACCOUNT_SECRET", f"repeat/pin-{r2.render}", digits=pin)
    c.c(g2(r2.inline))
    c.a("Last thing, for the security question: what's your mother's maiden name?")
    maiden = c.fake.last_name()
    if maiden == c.cust.last:
        raise Redraw("maiden = last")
    g3 = text_gold(c, "ACCOUNT_SECRET", "answer/maiden-name", maiden)
    c.c(c.pick(["it's", "", "that'd be"]), g3(maiden), c.pick(["", ", like it sounds"]))
    closing(c)


@shape("card_cvv_expiry_answer_only", "card")
def s_card_answer_only(c: Call) -> None:
    """Every card slot asked separately; each customer turn is only the value."""
    opening(c)
    card = gen_card(c.rng)
    c.a(c.pick(CARD_ASKS))
    digits_answer(c, "CREDIT_CARD", card.number, card.groups, context="answer-only", mode="inline")
    c.a("Expiration?")
    ge, te = expiry_gold(c, card, "answer-only")
    c.c(ge(te))
    c.a("Security code?")
    gc, tc = cvv_gold(c, card, "answer-only")
    c.c(gc(tc))
    c.a("And the billing zip?")
    c.c(c.neg("zip", c.cust.zip))
    harmless(c)
    closing(c)


@shape("card_fillers_let_me_see", "card")
def s_card_fillers(c: Call) -> None:
    """Lots of hesitation: "let me see", "hang on", a filler inside the number."""
    opening(c)
    card = gen_card(c.rng)
    c.a(c.pick(CARD_ASKS))
    c.c(
        c.pick(
            ["let me see, where's my wallet", "hang on, I have to find it", "um, give me a second"]
        )
    )
    c.a(c.pick(["No rush.", "Take your time.", "Sure."]))
    card_number(
        c,
        card,
        "answer",
        ask=False,
        mode="pause",
        lead=c.pick(["okay,", "okay, um,", "alright, so"]),
    )
    c.a("And when does it expire?")
    ge, te = expiry_gold(c, card, "answer")
    c.c(c.pick(["uh,", "let me see,", "um"]), ge(te))
    c.a("And the code on the back?")
    gc, tc = cvv_gold(c, card, "answer")
    c.c(c.pick(["hmm, it's kind of worn off,", "um,", "I think it's"]), gc(tc))
    closing(c)


@shape("card_spouse_card_hers", "card")
def s_card_spouse(c: Call) -> None:
    """Two payments: the customer's card, then "and hers?" for the spouse's card."""
    opening(c)
    sp = c.spouse()
    c1 = gen_card(c.rng)
    card_number(c, c1, "answer")
    c.a("And the expiration?")
    ge, te = expiry_gold(c, c1, "answer-only")
    c.c(ge(te))
    c.c(
        "my",
        "wife" if sp.gender == "f" else "husband",
        c.neg("name", sp.first),
        "wants to pay for her half on her card"
        if sp.gender == "f"
        else "wants to put his half on his card",
    )
    c.a(
        c.pick(["Sure, and hers?", "Okay, go ahead with hers."])
        if sp.gender == "f"
        else c.pick(["Sure, and his?", "Okay, go ahead with his."])
    )
    c2 = gen_card(c.rng)
    card_number(
        c,
        c2,
        "followup",
        ask=False,
        lead=c.pick(["okay it's", "she says it's" if sp.gender == "f" else "he says it's", ""]),
    )
    exp_cvv_multislot(c, c2, "followup-multi-slot")
    closing(c)


# ----------------------------------------------------------------------------- bank / loans

BANKS = [
    "Wells Fargo",
    "Chase",
    "Bank of America",
    "Navy Federal",
    "PNC",
    "Truist",
    "US Bank",
    "Regions",
    "a credit union",
]


@shape("ach_routing_then_account_multislot", "loan")
def s_ach_multislot(c: Call) -> None:
    """Routing "and then" account number, answered in one turn (or two back to back)."""
    opening(c)
    harmless(c, "loan-amount")
    c.a(
        c.pick(
            [
                "For the deposit I'll need the routing and then the account number.",
                "Can I get the routing number and then your account number?",
            ]
        )
    )
    aba, acct = gen_aba(c.rng), gen_bank_account(c.rng)
    ra = render_digits(c.rng, aba, [9] if c.chance(0.5) else [3, 3, 3], None, c.bare)
    rb = render_digits(c.rng, acct, [len(acct)], None, c.bare)
    ga = c.gold("ABA_ROUTING_NUMBER", f"multi-slot/{ra.render}/inline", digits=aba)
    gb = c.gold("US_BANK_NUMBER", f"multi-slot/{rb.render}/inline", digits=acct)
    if c.chance(0.6):
        c.c(
            c.pick(["routing is", "the routing's", "okay routing"]),
            ga(ra.inline),
            c.pick([", and the account is", "and account", ", account number"]),
            gb(rb.inline),
        )
    else:
        c.c(ga(ra.inline))
        c.a(c.pick(["mm hmm", "okay", "and the account?"]))
        c.c(c.pick(["and the account is", "account is", ""]), gb(rb.inline))
    c.a("And that's a checking account with", c.pick(["which bank?", "what bank?"]))
    c.c(c.neg("org", c.pick(BANKS)), c.pick(["", "checking", "yes checking"]))
    closing(c)


@shape("ach_routing_words_full_readback", "loan")
def s_ach_readback(c: Call) -> None:
    """Routing number in digit words; agent reads the whole routing number back; account typed."""
    opening(c)
    aba, acct = gen_aba(c.rng), gen_bank_account(c.rng)
    c.a("What's the routing number on your checks?")
    digits_answer(
        c,
        "ABA_ROUTING_NUMBER",
        aba,
        [9],
        context="answer",
        render=c.pick(["words", "words-oh"]),
        mode="inline",
        lead=c.pick(["it's", "", "okay"]),
    )
    readback(
        c, "ABA_ROUTING_NUMBER", aba, [3, 3, 3] if c.chance(0.5) else [9], what="routing number"
    )
    c.a("And the account number?")
    digits_answer(
        c,
        "US_BANK_NUMBER",
        acct,
        [len(acct)],
        context="answer",
        render=c.pick(["typed", "typed-spaced"]),
        mode="inline",
    )
    harmless(c)
    closing(c)


@shape("ach_account_split_let_me_see", "utility")
def s_ach_split(c: Call) -> None:
    """Account number dribbled out over turns ("let me see... and then...")."""
    opening(c)
    aba, acct = gen_aba(c.rng), gen_bank_account(c.rng)
    c.a("For autopay I'll need your routing number.")
    digits_answer(c, "ABA_ROUTING_NUMBER", aba, [9], context="answer", mode="inline")
    c.a("And then the account number.")
    k = c.rng.randint(3, len(acct) - 3)
    digits_answer(
        c,
        "US_BANK_NUMBER",
        acct,
        [k, len(acct) - k],
        context="answer",
        mode="continuation",
        lead=c.pick(["let me see,", "um, let me see,", "okay it starts"]),
    )
    harmless(c, "budget-bill")
    closing(c)


@shape("loan_ssn_volunteered_prefix", "loan")
def s_loan_volunteer(c: Call) -> None:
    """Customer volunteers "my social is ..." before being asked."""
    opening(c)
    c.a("I can check what you prequalify for. I just need to pull up your file.")
    ssn = gen_ssn(c.rng)
    ssn_full(
        c,
        ssn,
        "volunteered",
        ask=False,
        lead=c.pick(
            [
                "okay, my social is",
                "sure, my social security number is",
                "do you need my social? it's",
            ]
        ),
        tail=c.pick(["", "if that helps", ", if you need it"]),
    )
    c.a(c.pick(["Thank you, that's what I needed.", "Perfect, that works."]))
    harmless(c, "loan-amount")
    harmless(c, "income")
    closing(c)


@shape("loan_ssn_suffix_cue", "loan")
def s_loan_suffix(c: Call) -> None:
    """The value comes first and its cue after: "... that's my social"."""
    opening(c)
    c.a("To get started I'll need some identifying information.")
    ssn = gen_ssn(c.rng)
    ssn_full(
        c,
        ssn,
        "volunteered-suffix-cue",
        ask=False,
        lead=c.pick(["okay,", "", "alright,"]),
        tail=c.pick(
            [
                ", that's my social",
                ". that's my social security number",
                "is my social",
                ", that's the SSN",
            ]
        ),
        mode=c.pick(["inline", "inline", "pause"]),
    )
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    harmless(c)
    closing(c)


@shape("loan_ssn_then_dependents", "loan")
def s_loan_dependents(c: Call) -> None:
    """SSN followed by an unrelated small number in the same turn ("... 2 dependents")."""
    opening(c)
    c.a(
        c.pick(
            [
                "I need your social and how many dependents you have.",
                "Social security number, and number of dependents?",
            ]
        )
    )
    ssn = gen_ssn(c.rng)
    n = c.rng.randint(1, 4)
    dep = c.pick(
        [
            f"{n} dependents" if n > 1 else "1 dependent",
            f"{cardinal(n)} dependents" if n > 1 else "one dependent",
            f"{n} kids",
        ]
    )
    digits_answer(
        c,
        "US_SSN",
        ssn,
        SSN_SIZES,
        context="answer+quantity",
        mode="inline",
        render=c.pick([*TYPED_RENDERS, "words", "mixed"]),
        lead=c.pick(["", "it's", "okay"]),
        tail=[c.pick(["", ",", ", and"]), c.neg("quantity", dep)],
    )
    harmless(c, "income")
    closing(c)


@shape("loan_coapplicant_husband", "loan")
def s_loan_coapplicant(c: Call) -> None:
    """Applicant SSN and DOB, then "and your husband's?" for the co-applicant."""
    opening(c)
    sp = c.spouse()
    rel = "husband" if sp.gender == "m" else "wife"
    ssn = gen_ssn(c.rng)
    ssn_full(c, ssn, "answer")
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    c.a(
        f"And you said your {rel} is on the loan too? "
        f"What's {'his' if sp.gender == 'm' else 'her'} name?"
    )
    c.c(c.neg("name", sp.full))
    c.a(
        c.pick(
            [
                f"And your {rel}'s?",
                f"And {'his' if sp.gender == 'm' else 'hers'}?",
                f"And {'his' if sp.gender == 'm' else 'her'} social?",
            ]
        )
    )
    ssn2 = gen_ssn(c.rng)
    digits_answer(
        c,
        "US_SSN",
        ssn2,
        SSN_SIZES,
        context="followup",
        lead=c.pick(
            [
                "",
                "hold on, honey what's your social... okay it's",
                "his is" if sp.gender == "m" else "hers is",
            ]
        ),
    )
    c.a(f"And {'his' if sp.gender == 'm' else 'her'} date of birth?")
    dob_answer(c, sp.dob, context="followup")
    closing(c)


@shape("loan_itin_instead", "loan")
def s_loan_itin(c: Call) -> None:
    """No SSN; the customer gives an ITIN (9xx-7x-xxxx)."""
    opening(c)
    c.a(c.pick(SSN_ASKS))
    c.c(
        c.pick(
            [
                "I don't have a social, I have an ITIN, is that okay?",
                "I use a tax ID number, the ITIN",
            ]
        )
    )
    c.a("Yes, we can use the ITIN. Go ahead.")
    itin = gen_itin(c.rng)
    digits_answer(
        c, "US_ITIN", itin, SSN_SIZES, context="answer", lead=c.pick(["okay it's", "", "it's"])
    )
    if c.chance(0.6):
        readback(c, "US_ITIN", itin[-4:], what="the tax ID ending in")
    harmless(c, "income")
    closing(c)


def license_turn(
    c: Call, context: str, spell: str | None = None, who: Person | None = None
) -> Gold:
    who = who or c.cust
    dl, sizes = gen_license(c.rng, c.state)
    return chars_answer(
        c,
        "US_DRIVER_LICENSE",
        dl,
        split_by(dl, sizes),
        context=context,
        spell=spell,
        lead=c.pick(["it's", "", "okay it's", "the number is"]),
    )


@shape("loan_drivers_license_spelled", "loan")
def s_loan_dl(c: Call) -> None:
    """Driver's license with letters spelled ("b for boy"); DOB short numeric."""
    opening(c)
    c.a("For identity verification, what's your driver's license number?")
    license_turn(c, "answer", spell=c.pick(["for", "as-in", "mixed-spell"]))
    c.a("And what state issued it?")
    c.c(c.neg("state", STATE_NAMES[c.state]))
    c.a(c.pick(DOB_ASKS))
    dob_answer(
        c,
        c.cust.dob,
        context="answer",
        style=c.pick(["dashes-short", "slashes-short", "md-yy-words"]),
    )
    harmless(c)
    closing(c)


@shape("loan_passport_no_license", "loan")
def s_loan_passport(c: Call) -> None:
    """No license, so a passport number is used for ID."""
    opening(c)
    c.a("Can I get a driver's license number for verification?")
    c.c(c.pick(["I don't drive. can I use my passport?", "I don't have one, I have a passport"]))
    c.a("Sure, the passport number then.")
    pp, sizes = gen_passport(c.rng)
    chars_answer(
        c,
        "US_PASSPORT",
        pp,
        split_by(pp, sizes),
        context="answer",
        lead=c.pick(["okay it's", "", "it's"]),
    )
    if c.chance(0.5):
        chars_readback(c, "US_PASSPORT", pp, split_by(pp, sizes))
    c.a("And the expiration date on the passport?")
    c.c(c.neg("date", f"{c.pick(MONTHS).capitalize()} {c.rng.randint(2027, 2034)}"))
    harmless(c)
    closing(c)


@shape("loan_income_heavy_last4", "loan")
def s_loan_income(c: Call) -> None:
    """Income, amounts, terms (all harmless) and just the last four of the social."""
    opening(c)
    for k in c.rng.sample(["loan-amount", "income", "term-months", "car-year", "dependents"], 3):
        harmless(c, k)
    c.a(c.pick(LAST4_ASKS))
    last4_answer(c, "US_SSN", gen_ssn(c.rng)[-4:], "answer-only")
    c.a("And your email for the documents?")
    c.c(c.neg("email", email_text(c, c.cust.email)))
    closing(c)


@shape("debt_consolidation_card_last4s", "loan")
def s_debt_cards(c: Call) -> None:
    """Listing cards to consolidate: issuer, last four, balance; then the social."""
    opening(c)
    c.a("Which cards are you looking to pay off? Just the last four and the balance is fine.")
    issuers = c.rng.sample(
        ["Chase", "Capital One", "Discover", "Citi", "Synchrony", "Amex", "Barclays"],
        c.rng.randint(2, 3),
    )
    for i, iss in enumerate(issuers):
        card = gen_card(c.rng)
        r = render_digits(c.rng, card.last4, [4], c.pick(["typed", "words", "pairs"]), c.bare)
        g = c.gold("CREDIT_CARD", f"list/last4-{r.render}", digits=card.last4)
        c.c(
            c.pick(["", "then", "and"]) if i else "",
            "the",
            c.neg("org", iss),
            "one ending in",
            g(r.inline),
            c.pick(["has about", "is at", ", around"]),
            c.neg("money", money_text(c, 900, 9000, False)),
        )
        if i < len(issuers) - 1:
            c.bc()
    c.a("Okay. To see the rate I'll need your social.")
    ssn_full(c, gen_ssn(c.rng), "answer", ask=False)
    closing(c)


@shape("loan_refuses_then_gives", "loan")
def s_loan_refuse(c: Call) -> None:
    """Customer balks at giving the social, agent explains, customer gives it."""
    opening(c)
    c.a(c.pick(SSN_ASKS))
    c.c(
        c.pick(
            [
                "I'm not comfortable giving that over the phone",
                "why do you need that?",
                "hmm, I don't usually give that out",
            ]
        )
    )
    c.a("I understand. It's only used for a soft credit pull, it won't affect your score.")
    c.c(c.pick(["well, okay", "alright fine", "okay I guess"]))
    ssn_full(
        c, gen_ssn(c.rng), "answer-after-refusal", ask=False, lead=c.pick(["it's", "okay it's", ""])
    )
    harmless(c)
    closing(c)


@shape("loan_readback_mishear", "loan")
def s_loan_mishear(c: Call) -> None:
    """Agent reads the last four back wrong, customer corrects with the value alone."""
    opening(c)
    ssn = gen_ssn(c.rng)
    ssn_full(c, ssn, "answer")
    l4 = ssn[-4:]
    wrong = list(l4)
    j = c.rng.randrange(4)
    wrong[j] = str((int(wrong[j]) + c.rng.randint(1, 8)) % 10)
    wrong = "".join(wrong)
    rw = render_digits(c.rng, wrong, [4], c.pick(["typed-spaced", "words"]), c.bare)
    gw = c.gold("US_SSN", f"readback-wrong/{rw.render}", digits=wrong)
    c.a("So ending in", gw(rw.inline), "?")
    c.c(
        c.pick(["no,", "no, sorry,", "nope,"]),
        c.pick(["it's", ""]),
        c.gold("US_SSN", "correction/typed-spaced", digits=l4)(" ".join(l4)),
    )
    readback(c, "US_SSN", l4, what="the social ending in")
    harmless(c)
    closing(c)


@shape("loan_ssn_double_oh", "loan")
def s_loan_double(c: Call) -> None:
    """SSN with repeated digits and zeros said as "double five" and "oh"."""
    opening(c)
    for _ in range(200):
        ssn = gen_ssn(c.rng)
        if "0" in ssn and any(ssn[i] == ssn[i + 1] for i in range(8)):
            break
    else:
        raise Redraw("no double ssn")
    ssn_full(
        c,
        ssn,
        "answer",
        render=c.pick(["double", "words-oh"]),
        mode=c.pick(["inline", "backchannel"]),
    )
    harmless(c)
    closing(c)


@shape("loan_account_hundreds", "loan")
def s_loan_hundreds(c: Call) -> None:
    """Funding account said in hundreds ("one forty nine, two oh six...")."""
    opening(c)
    harmless(c, "loan-amount")
    c.a("Where should we deposit the funds? Routing number first.")
    aba = gen_aba(c.rng)
    digits_answer(
        c, "ABA_ROUTING_NUMBER", aba, [3, 3, 3], context="answer", render="hundreds", mode="inline"
    )
    c.a("And the account number?")
    acct = rdigits(c.rng, c.pick([9, 12]), True)
    digits_answer(
        c,
        "US_BANK_NUMBER",
        acct,
        [3] * (len(acct) // 3),
        context="answer",
        render="hundreds",
        mode=c.pick(["inline", "backchannel"]),
    )
    closing(c)


# ----------------------------------------------------------------------------- utilities


@shape("utility_start_service_ssn_split", "utility")
def s_util_start(c: Call) -> None:
    """Start service: move-in date and address stay; SSN one group per turn for the credit check."""
    opening(c)
    harmless(c, "move-in")
    confirm_contact(c, 1)
    c.a("To waive the deposit we run a credit check, so I'll need your social.")
    ssn_full(
        c,
        gen_ssn(c.rng),
        "answer",
        ask=False,
        mode="backchannel",
        lead=c.pick(["okay,", "", "first three are"]),
    )
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    closing(c)


@shape("utility_autopay_ach_last4_readback", "utility")
def s_util_autopay(c: Call) -> None:
    """Autopay enrollment: routing and account, agent confirms the account's last four."""
    opening(c)
    harmless(c, "budget-bill")
    aba, acct = gen_aba(c.rng), gen_bank_account(c.rng)
    c.a("Okay, for autopay, what's the routing number?")
    digits_answer(
        c, "ABA_ROUTING_NUMBER", aba, [9], context="answer", lead=c.pick(["", "it's", "routing is"])
    )
    c.a("And the checking account number?")
    digits_answer(
        c, "US_BANK_NUMBER", acct, [len(acct)], context="answer", lead=c.pick(["", "it's"])
    )
    r = render_digits(c.rng, acct[-4:], [4], c.pick(["typed", "words", "typed-spaced"]), c.bare)
    g = c.gold("US_BANK_NUMBER", f"readback/last4-{r.render}", digits=acct[-4:])
    c.a(
        "Great, so the draft comes from the account ending in",
        g(r.inline),
        "on the",
        c.neg("date", appt_date_text(c)),
        "each month.",
    )
    c.c(c.pick(["perfect", "okay good", "sounds good"]))
    closing(c)


@shape("utility_security_pet_pin", "utility")
def s_util_security(c: Call) -> None:
    """Account security: a security answer (first pet) and a phone PIN."""
    opening(c)
    c.a("For security, what was the name of your first pet?")
    pet = c.pick(
        [
            "Biscuit",
            "Pepper",
            "Rusty",
            "Sir Waddles",
            "Duchess",
            "Tater Tot",
            "Noodle",
            "Bandit",
            "Mister Whiskers",
        ]
    )
    g = text_gold(c, "ACCOUNT_SECRET", "answer/security-answer", pet)
    c.c(c.pick(["", "oh gosh,", "that'd be", "um"]), g(pet))
    c.a("Thank you. And the four digit phone PIN on the account?")
    pin = rdigits(c.rng, c.pick([4, 4, 6]))
    r = render_digits(
        c.rng, pin, [len(pin)], c.pick(["words", "typed", "pairs", "typed-spaced"]), c.bare
    )
    gp = c.gold("ACCOUNT_SECRET", f"answer-only/pin-{r.render}", digits=pin)
    c.c(gp(r.inline))
    c.a("You're verified.")
    harmless(c)
    harmless(c)
    closing(c)


@shape("utility_hardship_kids", "utility")
def s_util_hardship(c: Call) -> None:
    """Hardship program: household members, children's names and ages; income stays."""
    opening(c)
    c.a("For the hardship program I need everyone in the household. Who lives with you?")
    n = c.rng.randint(1, 3)
    kids = [(c.kid_name(), c.rng.randint(1, 15)) for _ in range(n)]
    name0, age0 = kids[0]
    c.c(
        "me and my",
        (
            c.pick(["kids", "children", "two kids" if n == 2 else "kids"])
            if n > 1
            else ("daughter" if c.kid_gender[name0] == "f" else "son")
        ),
        ".",
        text_gold(c, "CHILD_NAME", "answer/child-name", name0)(name0),
        child_age_piece(c, age0, "answer"),
    )
    for name, age in kids[1:]:
        c.a(c.pick(["mm hmm", "okay", "and?"]))
        c.c(
            c.pick(["and", "then", "and my youngest,"]),
            text_gold(c, "CHILD_NAME", "answer/child-name", name)(name),
            child_age_piece(c, age, "answer"),
        )
    c.a("And the adults, just you?")
    c.c(
        c.pick(
            [
                "just me",
                "yeah just me",
                ["me and my mom, she's", c.neg("age", str(c.rng.randint(61, 88)))],
                "just me now",
            ]
        )
    )
    harmless(c, "income" if c.family != "utility" else "budget-bill")
    c.a("And your monthly income?")
    c.c(
        c.neg(
            "money",
            c.pick(
                ["about $2,400", "twenty one hundred a month", "$1,850", "around three thousand"]
            ),
        )
    )
    closing(c)


@shape("utility_one_time_code", "utility")
def s_util_otp(c: Call) -> None:
    """A six-digit one-time code texted to the customer, read back in two halves."""
    opening(c)
    c.a(
        "I just sent a six digit code to the phone ending in",
        c.neg("phone", c.cust.phone[-4:]),
        ". Can you read it to me?",
    )
    c.c(c.pick(["hold on, it's coming in", "okay let me look", "one sec"]))
    code = rdigits(c.rng, 6)
    digits_answer(
        c,
        "ACCOUNT_SECRET",
        code,
        [3, 3],
        context="otp",
        render=c.pick(["words", "typed", "typed-spaced", "mixed"]),
        mode=c.pick(["inline", "continuation", "backchannel"]),
    )
    c.a("Perfect, you're verified.")
    harmless(c)
    closing(c)


# ----------------------------------------------------------------------------- insurance


@shape("auto_quote_license_b_for_boy", "insurance")
def s_auto_dl(c: Call) -> None:
    """Auto quote: cars and years stay; driver's license spelled "b for boy"; DOB."""
    opening(c)
    harmless(c, "cars")
    harmless(c, "car-year")
    c.a("And the driver's license number for the primary driver?")
    license_turn(c, "answer", spell=c.pick(["for", "as-in", "nato", "mixed-spell"]))
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    harmless(c, "mileage")
    closing(c)


@shape("auto_teen_driver_permit", "insurance")
def s_auto_teen(c: Call) -> None:
    """Adding a teen driver: child's name, age, date of birth and permit number."""
    opening(c)
    c.a("You mentioned adding a driver?")
    name = c.kid_name()
    age = c.rng.randint(15, 17)
    c.c(
        "yes, my",
        "daughter" if c.kid_gender[name] == "f" else "son",
        text_gold(c, "CHILD_NAME", "answer/child-name", name)(name),
        ",",
        child_age_answer(c, name, age, "answer"),
        c.pick(
            [
                "",
                "and just got her permit"
                if c.kid_gender[name] == "f"
                else "and just got his permit",
            ]
        ),
    )
    c.a(
        "Okay. And what's",
        text_gold(c, "CHILD_NAME", "agent-mention/child-name", name)(name + "'s"),
        "date of birth?",
    )
    kd = date(2025 - age, c.rng.randint(1, 12), c.rng.randint(1, 28))
    dob_answer(c, kd, context="child")
    c.a("And the permit or license number?")
    license_turn(c, "child")
    harmless(c, "car-year")
    harmless(c, "premium")
    closing(c)


@shape("home_quote_negatives_last4", "insurance")
def s_home_quote(c: Call) -> None:
    """Home quote: address, year built, square footage; last four of the social for the score."""
    opening(c)
    confirm_contact(c, 2)
    harmless(c, "year-built")
    harmless(c, "sqft")
    c.a("For the insurance score I just need the last four of your social.")
    last4_answer(
        c, "US_SSN", gen_ssn(c.rng)[-4:], "answer-only", lead=c.pick(["", "sure,", "it's"])
    )
    c.a("And who holds the mortgage?")
    c.c(c.neg("org", c.pick(["Rocket Mortgage", "Wells Fargo", "Mr. Cooper", "the credit union"])))
    c.a(
        "Dwelling coverage would be",
        c.neg("money", c.pick(["$325,000", "$410,000", "three hundred thousand"])),
        "with a",
        c.neg("money", c.pick(["$1,000", "$2,500", "one thousand dollar"])),
        "deductible.",
    )
    c.c("okay")
    closing(c)


@shape("life_health_questions", "insurance")
def s_life_health(c: Call) -> None:
    """Final expense: adult age and coverage amount stay; conditions and medications go."""
    opening(c)
    harmless(c, "adult-age")
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    c.a("In the last five years have you been diagnosed with or treated for anything?")
    conditions_turn(c, c.rng.randint(1, 2), "answer")
    c.a("And are you taking anything for that?")
    c.c(
        c.pick(["yeah,", "I take", "just"]),
        meds_words(c, c.rng.sample(MEDICATIONS, c.rng.randint(1, 2)), "answer"),
    )
    c.a(
        "Okay. For",
        c.neg("money", c.pick(["$10,000", "fifteen thousand", "$25,000"])),
        "of coverage it's",
        c.neg("money", money_text(c, 30, 120, True, monthly=True)),
        ".",
    )
    c.c(c.pick(["that's doable", "hmm", "okay"]))
    closing(c)


@shape("life_beneficiary_kids", "insurance")
def s_life_beneficiaries(c: Call) -> None:
    """Beneficiaries are minor children: names and ages; percentages stay."""
    opening(c)
    c.a("Who would you like to name as beneficiaries?")
    k1, k2 = c.kid_name(), c.kid_name()
    c.c(
        "my two kids,",
        text_gold(c, "CHILD_NAME", "answer/child-name", k1)(k1),
        "and",
        text_gold(c, "CHILD_NAME", "answer/child-name", k2)(k2),
    )
    c.a("And how old are they?")
    a1, a2 = c.rng.randint(2, 12), c.rng.randint(3, 17)
    c.c(
        text_gold(c, "CHILD_NAME", "answer/child-name", k1)(k1),
        child_age_piece(c, a1, "answer"),
        "and",
        text_gold(c, "CHILD_NAME", "answer/child-name", k2)(k2),
        child_age_piece(c, a2, "answer"),
    )
    c.a(
        "Split evenly,",
        c.neg("quantity", c.pick(["fifty percent each", "50/50", "fifty fifty"])),
        "?",
    )
    c.c(c.pick(CONFIRMS))
    harmless(c, "premium")
    closing(c)


@shape("auto_license_letters_alone_readback", "insurance")
def s_auto_dl_alone(c: Call) -> None:
    """License letters said alone, agent reads the license back."""
    opening(c)
    harmless(c, "cars")
    c.a("Can I get your license number?")
    dl, sizes = gen_license(c.rng, c.state)
    chars_answer(c, "US_DRIVER_LICENSE", dl, split_by(dl, sizes), context="answer", spell="alone")
    chars_readback(c, "US_DRIVER_LICENSE", dl, split_by(dl, sizes))
    harmless(c, "premium")
    closing(c)


# ----------------------------------------------------------------------------- health plans


@shape("aca_household_kids_socials", "health")
def s_aca_kids(c: Call) -> None:
    """The kids' socials: each child's name then SSN, agent prompting for the next one."""
    opening(c)
    harmless(c, "household")
    c.a(
        c.pick(
            [
                "Now I'll need the kids' socials.",
                "And the social security numbers for the children?",
            ]
        )
    )
    kids = [c.kid_name() for _ in range(c.rng.randint(2, 3))]
    for i, k in enumerate(kids):
        if i:
            form = c.rng.randrange(3)
            if form == 0:
                c.a("And", text_gold(c, "CHILD_NAME", "agent-mention/child-name", k)(k + "'s"), "?")
                lead: Any = c.pick(["", "hers is", "his is"])
            elif form == 1:
                c.a(c.pick(["And the next one?", "Okay, and the other one?", "Got it. Next?"]))
                lead = [text_gold(c, "CHILD_NAME", "answer/child-name", k)(k + "'s"), "is"]
            else:
                c.a(c.pick(["And hers?", "And his?"]))
                lead = ""
        else:
            lead = [
                text_gold(c, "CHILD_NAME", "answer/child-name", k)(k + "'s"),
                c.pick(["is", "social is"]),
            ]
        digits_answer(
            c,
            "US_SSN",
            gen_ssn(c.rng),
            SSN_SIZES,
            context="children",
            lead=lead,
            mode=c.pick(["inline", "inline", "pause"]),
        )
    harmless(c, "income")
    closing(c)


@shape("aca_member_id_typed", "health")
def s_aca_member(c: Call) -> None:
    """Health-plan member ID read from the card (typed with spaces/dashes); zip and premium stay."""
    opening(c)
    c.a("Do you have your insurance card? I need the member ID.")
    pid, sizes = gen_plan_id(c.rng)
    chars_answer(
        c,
        "HEALTH_PLAN_ID",
        pid,
        split_by(pid, sizes),
        context="answer",
        spell="typed",
        lead=c.pick(["yeah, it's", "it says", "member ID"]),
        mode=c.pick(["inline", "inline", "backchannel"]),
    )
    c.a("And the group number?")
    c.c(c.pick(["I don't see one", "there isn't one on here", "it just says individual"]))
    harmless(c, "deductible")
    c.a("And your zip to check network?")
    c.c(c.neg("zip", c.cust.zip))
    closing(c)


@shape("dental_member_id_as_in", "health")
def s_dental_member(c: Call) -> None:
    """Member ID spelled letter by letter ("w as in william") over two turns."""
    opening(c)
    c.a("What's the member ID on your dental card?")
    pid, sizes = gen_plan_id(c.rng)
    chars_answer(
        c,
        "HEALTH_PLAN_ID",
        pid,
        split_by(pid, sizes),
        context="answer",
        spell=c.pick(["as-in", "for", "mixed-spell"]),
        mode=c.pick(["inline", "continuation"]),
    )
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    harmless(c, "premium")
    closing(c)


@shape("aca_spouse_dob_hers", "health")
def s_aca_spouse(c: Call) -> None:
    """Customer's DOB, "and hers?" for the spouse, then a child's DOB by name."""
    opening(c)
    sp = c.spouse()
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    c.a("And your spouse's name?")
    c.c(c.neg("name", sp.first))
    c.a(
        c.pick(["And hers?", "And her date of birth?"])
        if sp.gender == "f"
        else c.pick(["And his?", "And his date of birth?"])
    )
    dob_answer(c, sp.dob, context="followup")
    kid = c.kid_name()
    kage = c.rng.randint(1, 17)
    c.a("And the child on the plan? Name and date of birth.")
    kd = date(2025 - kage, c.rng.randint(1, 12), c.rng.randint(1, 28))
    dob_answer(
        c,
        kd,
        context="child",
        lead=[
            text_gold(c, "CHILD_NAME", "answer/child-name", kid)(kid),
            c.pick([", born", ", date of birth is", ","]),
        ],
    )
    harmless(c, "premium")
    closing(c)


# ----------------------------------------------------------------------------- international (IBAN)


def iban_turns(c: Call, country: str, spell: str, mode: str) -> None:
    iban = gen_iban(c.rng, country)
    chars_answer(
        c,
        "IBAN_CODE",
        iban,
        iban_groups(iban),
        context="answer",
        spell=spell,
        mode=mode,
        lead=c.pick(["okay it's", "", "the IBAN is"]),
    )


@shape("iban_de_groups_typed", "intl")
def s_iban_de(c: Call) -> None:
    """German IBAN read in groups of four (typed)."""
    opening(c)
    harmless(c, "refund-amount")
    c.a("Since you're in Germany now, I'll need the IBAN for the refund.")
    iban_turns(c, "DE", "typed", c.pick(["inline", "continuation"]))
    c.a("And the name on the account?")
    c.c(c.neg("name", c.cust.full))
    harmless(c, "time-zone")
    closing(c)


@shape("iban_gb_spelled", "intl")
def s_iban_gb(c: Call) -> None:
    """UK IBAN with the bank letters spelled ("n for november")."""
    opening(c)
    c.a("For the international refund, what's your IBAN?")
    iban_turns(
        c, "GB", c.pick(["nato", "for", "as-in", "alone"]), c.pick(["inline", "backchannel"])
    )
    c.a(
        "Thank you. It can take",
        c.neg("quantity", c.pick(["five to seven business days", "10 days", "about two weeks"])),
        ".",
    )
    c.c("okay")
    closing(c)


@shape("iban_fr_group_per_segment", "intl")
def s_iban_fr(c: Call) -> None:
    """French IBAN, one group of four per customer turn."""
    opening(c)
    harmless(c, "refund-amount")
    c.a("What's the IBAN on your French account?")
    iban_turns(c, "FR", c.pick(["typed", "alone"]), "backchannel")
    c.a("Got it.")
    closing(c)


# ----------------------------------------------------------------------------- general


@shape("rapid_verification_answer_only", "card")
def s_rapid(c: Call) -> None:
    """Rapid-fire verification; each customer turn is only the value (some kept, some removed)."""
    c.a(f"{c.company}, this is {c.agent_name}. Name on the account?")
    c.c(c.neg("name", c.cust.full))
    c.a("Date of birth?")
    dob_answer(c, c.cust.dob, context="answer-only")
    c.a("Last four of the social?")
    last4_answer(c, "US_SSN", gen_ssn(c.rng)[-4:], "answer-only", lead="")
    c.a("Zip?")
    c.c(c.neg("zip", c.cust.zip))
    c.a("Phone number on the account?")
    c.c(c.neg("phone", phone_text(c, c.cust.phone)))
    c.a("Thank you, you're verified. What can I do for you?")
    c.c(
        c.pick(
            [
                "I wanted to check my balance",
                "I need to make a payment",
                "just checking on a charge",
            ]
        )
    )
    harmless(c, "balance")
    closing(c)


@shape("scheduling_only_no_sensitive", "medicare")
def s_scheduling(c: Call) -> None:
    """Nothing sensitive: scheduling a callback. Every number here must survive."""
    opening(c)
    harmless(c, "appointment")
    confirm_contact(c, 2)
    harmless(c, c.pick(["premium", "plan-price", "copay"]))
    c.a("And you're how old now, if you don't mind me asking?")
    age = c.cust.age
    c.c(c.neg("age", c.pick([str(age), cardinal(age)])))
    closing(c)


@shape("wrong_number_short", "utility")
def s_wrong_number(c: Call) -> None:
    """Wrong person on the line: names and numbers only, nothing removed."""
    other = c.person()
    c.a(
        f"Hi, this is {c.agent_name} from {c.company}, may I speak with",
        c.neg("name", other.full),
        "?",
    )
    c.c(
        c.pick(
            ["I think you have the wrong number", "there's nobody here by that name", "no, sorry"]
        )
    )
    c.a("Oh, I'm sorry. Is this", c.neg("phone", phone_text(c, other.phone)), "?")
    c.c(
        c.pick(["yeah but I've had this number since", "it is, but I got it in"]),
        c.neg("year", str(c.rng.randint(2012, 2023))),
    )
    c.a("I'll remove it from our list. Sorry to bother you.")
    c.c(c.pick(["no problem", "okay thanks, bye", "that's fine"]))


@shape("password_reset_secret", "card")
def s_password(c: Call) -> None:
    """Online account reset: one-time code, old password said aloud, security answer."""
    opening(c)
    c.a("I can help reset it. First I sent a code to your email, what does it say?")
    code = rdigits(c.rng, 6)
    digits_answer(
        c,
        "ACCOUNT_SECRET",
        code,
        [6],
        context="otp-answer-only",
        render=c.pick(["typed", "words", "pairs"]),
        mode="inline",
    )
    c.a("Thanks. Do you remember the old password?")
    w = secret_word(c)
    num = str(c.rng.randint(10, 99)) if c.chance(0.5) else str(c.rng.randint(1950, 1999))
    said = c.pick([f"{w}{num}", f"{w} {num}", f"capital {w[0]}, {w}{num} exclamation point"])
    c.c(
        c.pick(["I think it was", "it was", "probably"]),
        text_gold(c, "ACCOUNT_SECRET", "answer/password", said)(said),
    )
    c.a("And the answer to your security question, what city were you born in?")
    city = c.fake.city()
    c.c(text_gold(c, "ACCOUNT_SECRET", "answer/security-answer", city)(city))
    c.a("Okay, you'll get a reset link at", c.neg("email", c.cust.email), ".")
    c.c("thank you")
    closing(c)


@shape("ssn_typed_odd_separators", "loan")
def s_ssn_odd(c: Call) -> None:
    """SSN read off a form with odd separators (dots, en dashes); agent confirms last four."""
    opening(c)
    c.a(c.pick(SSN_ASKS))
    ssn = gen_ssn(c.rng)
    digits_answer(
        c,
        "US_SSN",
        ssn,
        SSN_SIZES,
        context="answer",
        render=c.pick(["typed-odd", "typed-dashes", "typed"]),
        mode="inline",
        lead=c.pick(["", "it's", "it's on the form here,"]),
    )
    readback(c, "US_SSN", ssn[-4:], what="the social ending in")
    harmless(c)
    closing(c)


@shape("dob_every_shape_family", "health")
def s_dob_family(c: Call) -> None:
    """Three dates of birth in three different shapes: customer, spouse, child."""
    opening(c)
    styles = c.rng.sample(DOB_STYLES, 3)
    sp = c.spouse()
    c.a("I'll need dates of birth for everyone on the plan. Yours first?")
    dob_answer(c, c.cust.dob, context="answer", style=styles[0])
    c.a("And your", "wife's?" if sp.gender == "f" else "husband's?")
    dob_answer(c, sp.dob, context="followup", style=styles[1])
    kid = c.kid_name()
    age = c.rng.randint(1, 16)
    c.a("And your", "daughter," if c.kid_gender[kid] == "f" else "son,", "name and date of birth?")
    c.c(
        text_gold(c, "CHILD_NAME", "answer/child-name", kid)(kid),
        ",",
        c.pick(["um", "let me think", "hold on", "and"]),
    )
    kd = date(2025 - age, c.rng.randint(1, 12), c.rng.randint(1, 28))
    dob_answer(c, kd, context="child", style=styles[2])
    harmless(c, "household")
    closing(c)


@shape("intl_passport_nato_and_iban", "intl")
def s_intl_passport(c: Call) -> None:
    """Expat identity check: passport number in NATO words, then an IBAN for the payout."""
    opening(c)
    c.a("Since you're overseas I have to verify with a passport. What's the passport number?")
    pp, sizes = gen_passport(c.rng)
    chars_answer(
        c,
        "US_PASSPORT",
        pp,
        split_by(pp, sizes),
        context="answer",
        spell=c.pick(["nato", "as-in", "alone", "typed"]),
        lead=c.pick(["okay, it's", "", "it's"]),
    )
    c.a("Thank you. And the IBAN where we should send it?")
    iban_turns(
        c,
        c.pick(["DE", "GB", "FR"]),
        c.pick(["typed", "alone", "nato"]),
        c.pick(["inline", "continuation"]),
    )
    harmless(c, "time-zone")
    closing(c)


@shape("tax_itin_couple_and_hers", "loan")
def s_itin_couple(c: Call) -> None:
    """Both spouses use ITINs: the customer's, then "and hers?"/"and his?"."""
    opening(c)
    sp = c.spouse()
    c.a("For the joint application I need a taxpayer ID for each of you. Yours first?")
    itin = gen_itin(c.rng)
    digits_answer(
        c,
        "US_ITIN",
        itin,
        SSN_SIZES,
        context="answer",
        lead=c.pick(["my ITIN is", "it's", "okay,"]),
    )
    c.a(
        c.pick(["And hers?", "And your wife's?"])
        if sp.gender == "f"
        else c.pick(["And his?", "And your husband's?"])
    )
    itin2 = gen_itin(c.rng)
    digits_answer(
        c,
        "US_ITIN",
        itin2,
        SSN_SIZES,
        context="followup",
        lead=c.pick(["", "hers is" if sp.gender == "f" else "his is", "hold on... it's"]),
    )
    c.a("And", "her" if sp.gender == "f" else "his", "full name as it appears on the ITIN letter?")
    c.c(c.neg("name", sp.full))
    harmless(c, "income")
    closing(c)


@shape("aca_kids_names_ages_household", "health")
def s_aca_kids_ages(c: Call) -> None:
    """Household roster: each child's name and age in answer turns, agent repeating names."""
    opening(c)
    c.a("Who else will be on the plan?")
    n = c.rng.randint(2, 3)
    c.c("my", c.neg("quantity", f"{cardinal(n)} kids"), c.pick(["", "and that's it", "and me"]))
    for i in range(n):
        name = c.kid_name()
        age = c.rng.randint(0, 17) if c.chance(0.3) else c.rng.randint(2, 17)
        c.a(
            c.pick(["Okay, first name of the oldest?", "First one's name?"])
            if i == 0
            else c.pick(["And the next?", "Next child?", "And then?"])
        )
        c.c(text_gold(c, "CHILD_NAME", "answer-only/child-name", name)(name))
        c.a(
            c.pick(["And how old is", "And"]),
            text_gold(c, "CHILD_NAME", "agent-mention/child-name", name)(name),
            "?",
        )
        if age == 0:
            said = f"{c.pick(['six', 'eight', 'ten', 'four'])} months"
            c.c(
                f"{c.he(name)}'s",
                c.pick(["just", "only", ""]),
                text_gold(c, "CHILD_AGE", "answer-only/age-months", said)(said),
            )
        else:
            c.c(child_age_answer(c, name, age, "answer-only"))
    harmless(c, "premium")
    closing(c)


@shape("negatives_near_sensitive_cues", "medicare")
def s_neg_cues(c: Call) -> None:
    """Harmless numbers right next to sensitive-sounding words (social security check...)."""
    opening(c)
    c.a("Do you have any income coming in each month?")
    c.c(
        "just my social security check,",
        c.neg(
            "money",
            c.pick(["$1,450", "about fourteen hundred", "$1,212.80", "nineteen hundred dollars"]),
        ),
        "a month, it comes on the",
        c.neg("date", c.pick(["third Wednesday", "3rd", "second Wednesday"])),
    )
    c.a("And do you have a bank account for the premium, or would you rather get a bill?")
    c.c(
        "send me a bill. I don't have my checkbook handy, can you call back at",
        c.neg("time", time_text(c)),
        "?",
    )
    c.a("Sure. Is your spouse on Medicare too?")
    sp = c.spouse()
    age = sp.age
    c.c(
        "yes,",
        c.neg("name", sp.first),
        c.pick(["is", "turned"]),
        c.neg("age", c.pick([str(age), cardinal(age)])),
        c.pick(["", "in March"]),
    )
    c.a("Have you been with your current plan long?")
    c.c(
        "since",
        c.neg("year", str(c.rng.randint(2009, 2021))),
        ", and my card says member since then too",
    )
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    harmless(c, "copay")
    closing(c)


VOLUNTEERED_CONDITIONS = [
    ("I'm a diabetic", "diabetic"),
    ("I'm on dialysis three days a week", "dialysis"),
    ("I had a stroke last year", "stroke"),
    ("I've got COPD", "COPD"),
    ("I'm a breast cancer survivor", "breast cancer"),
    ("with my heart failure", "heart failure"),
    ("I use oxygen for my emphysema", "emphysema"),
    ("I have MS", "MS"),
    ("my kidneys are failing", "kidneys are failing"),
    ("I've got Parkinson's", "Parkinson's"),
]


@shape("medicare_condition_volunteered_readback", "medicare")
def s_medicare_volunteered_condition(c: Call) -> None:
    """Customer volunteers a condition while explaining needs; agent repeats the condition."""
    opening(c)
    c.a("What's most important to you in a new plan?")
    phrase, term = c.pick(VOLUNTEERED_CONDITIONS)
    i = phrase.index(term)
    g = text_gold(c, "HEALTH_CONDITION", "volunteered/condition", term)
    c.c(
        "well,",
        phrase[:i],
        g(phrase[i : i + len(term)]),
        phrase[i + len(term) :],
        ", so I need my doctors to stay in network",
    )
    c.a(
        "Okay, with the",
        text_gold(c, "HEALTH_CONDITION", "readback/condition", term)(term),
        "we'll want low specialist copays.",
    )
    c.c(c.pick(["right, exactly", "yes", "that's what I'm worried about"]))
    harmless(c, "copay")
    c.a(c.pick(DOB_ASKS))
    dob_answer(c, c.cust.dob, context="answer")
    closing(c)


# SHAPES-END


# =============================================================================
# self-check and main
# =============================================================================


def check_record(rec: dict[str, Any]) -> list[str]:
    problems = []
    n = len(rec["segments"])
    if not MIN_SEGMENTS <= n <= MAX_SEGMENTS:
        problems.append(f"{n} segments")
    for neg in rec["negatives"]:
        t = rec["segments"][neg["segment"]]["text"]
        if t[neg["start"] : neg["start"] + len(neg["text"])] != neg["text"]:
            problems.append(f"negative offset {neg}")
    for g in rec["gold"]:
        for si, s0, s1 in g["spans"]:
            for neg in rec["negatives"]:
                if (
                    neg["segment"] == si
                    and neg["start"] < s1
                    and s0 < neg["start"] + len(neg["text"])
                ):
                    problems.append(f"negative {neg['text']!r} overlaps gold {g['type']}")
    orig = original_output(rec)
    plain = score_record(rec, orig)
    for r in plain.gold:
        if not r.leaked:
            problems.append(f"unredacted {r.type} ({r.style}) not seen as leaked")
    for r in plain.negatives:
        if r.destroyed:
            problems.append(f"negative {r.text!r} destroyed without redaction")
    oracle = score_record(rec, oracle_output(rec), orig)
    for r in oracle.gold:
        if r.leaked:
            problems.append(f"oracle leaks {r.type} ({r.style}) in {r.texts}")
    for r in oracle.negatives:
        if r.destroyed:
            problems.append(f"oracle destroys negative {r.kind} {r.text!r}")
    return problems


def build(index: int, sh: Shape, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    fake = Faker("en_US")
    fake.seed_instance(seed)
    c = Call(rng, fake, sh.family)
    sh.fn(c)
    rec = c.record(f"c2-{index + 1:04d}")
    rec["shape"] = sh.name
    return rec


def main(argv: list[str] | None = None) -> int:
    names = [s.name for s in SHAPES]
    dupes = [n for n, k in Counter(names).items() if k > 1]
    assert not dupes, dupes
    order_rng = random.Random(SEED)
    plan: list[Shape] = []
    while len(plan) < N_CALLS:
        batch = list(SHAPES)
        order_rng.shuffle(batch)
        plan.extend(batch)
    plan = plan[:N_CALLS]

    records, redraws, reasons = [], 0, Counter()
    for i, sh in enumerate(plan):
        for attempt in range(200):
            seed = SEED * 10_000 + i * 211 + attempt
            try:
                rec = build(i, sh, seed)
            except Redraw as e:
                reasons[f"{sh.name}: {str(e)[:60]}"] += 1
                redraws += 1
                continue
            problems = check_record(rec)
            if not problems:
                break
            redraws += 1
            reasons[f"{sh.name}: {problems[0][:90]}"] += 1
        else:
            raise SystemExit(f"shape {sh.name} never produced a clean record: {problems}")
        records.append(rec)

    with OUT.open("w") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    summarize(records, redraws, reasons, verbose="-v" in (argv or sys.argv[1:]))
    return 0


def summarize(records: list[dict[str, Any]], redraws: int, reasons: Counter, verbose: bool) -> None:
    by_type: Counter = Counter()
    by_style: Counter = Counter()
    by_kind: Counter = Counter()
    by_shape: Counter = Counter()
    seg_counts = []
    for r in records:
        by_shape[r["shape"]] += 1
        seg_counts.append(len(r["segments"]))
        for g in r["gold"]:
            by_type[g["type"]] += 1
            by_style[g["style"]] += 1
        for n in r["negatives"]:
            by_kind[n["kind"]] += 1
    print(f"wrote {len(records)} calls to {OUT}")
    print(
        f"shapes: {len(by_shape)}; segments per call: min {min(seg_counts)} max {max(seg_counts)} "
        f"mean {sum(seg_counts) / len(seg_counts):.1f}; redraws: {redraws}"
    )
    print(f"gold items: {sum(by_type.values())}; negatives: {sum(by_kind.values())}")
    print("gold by type:")
    for k, v in by_type.most_common():
        print(f"  {k:22s} {v}")
    print("negatives by kind:")
    for k, v in by_kind.most_common():
        print(f"  {k:22s} {v}")
    facets: list[Counter] = [Counter(), Counter(), Counter()]
    for r in records:
        for g in r["gold"]:
            parts = g["style"].split("/")
            facets[0][parts[0]] += 1
            if len(parts) > 1:
                facets[1][parts[1]] += 1
            if len(parts) > 2:
                facets[2][parts[-1]] += 1
    titles = ["context", "render/spelling", "delivery (digits/chars)"]
    for title, f in zip(titles, facets, strict=True):
        print(
            f"gold by style facet [{title}]: " + ", ".join(f"{k} {v}" for k, v in f.most_common())
        )
    if verbose:
        print("gold by style:")
        for k, v in sorted(by_style.items()):
            print(f"  {k:50s} {v}")
        print("redraw reasons:")
        for k, v in reasons.most_common(40):
            print(f"  {v:4d} {k}")


if __name__ == "__main__":
    raise SystemExit(main())
