# ruff: noqa: N802, N806, E501, B905, SIM300  (data tables and one-letter builders, kept as written)
"""Generate ``bench/corpus2/leads.jsonl``: an independent corpus of synthetic lead records.

Run from the repository root::

    .venv/bin/python -m bench.corpus2.generate_leads          # writes leads.jsonl, prints counts
    .venv/bin/python -m bench.corpus2.generate_leads -v       # also prints every style

Each record is a lead as a lead vendor would export it (one schema per vendor; see
``SCHEMAS``).  The generator was written without reading the redaction engine or the first
corpus; it only imports the scorer's own functions from ``bench/eval.py`` to check every
record (see ``check``).  Everything is synthetic: names and streets come from Faker, numbers are
drawn from a seeded ``random.Random`` and given valid checksums/layouts.  The output is
deterministic (fixed seed, byte-identical on every run).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import re
import string
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from faker import Faker

from bench.eval import gold_survives, normalize_digits, oracle_output, original_output, score_record

SEED = 20241104
OUT = Path(__file__).with_name("leads.jsonl")

# --------------------------------------------------------------------------------------------
# Pieces of a field value and the lead builder
# --------------------------------------------------------------------------------------------

CHAR_TYPES = {"IBAN_CODE", "US_DRIVER_LICENSE", "US_PASSPORT", "US_MBI", "HEALTH_PLAN_ID"}
DIGIT_TYPES = {
    "US_SSN",
    "US_ITIN",
    "CREDIT_CARD",
    "CARD_EXPIRY",
    "CARD_SECURITY_CODE",
    "ABA_ROUTING_NUMBER",
    "US_BANK_NUMBER",
    "DATE_OF_BIRTH",
    "ACCOUNT_SECRET",
    "CHILD_AGE",
}


class G:
    """A sensitive value (gold)."""

    def __init__(
        self, text: str, type_: str, style: str, mode: str | None = None, value: str | None = None
    ) -> None:
        self.text, self.type, self.style, self.mode, self.value = text, type_, style, mode, value


class N:
    """A harmless value that must be kept (negative)."""

    def __init__(self, text: str, kind: str) -> None:
        self.text, self.kind = text, kind


def flatten(parts: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for p in parts:
        if p is None:
            continue
        if isinstance(p, (list, tuple)):
            out.extend(flatten(p))
        else:
            out.append(p)
    return out


def gold_item(p: G, field: str, start: int, end: int) -> dict[str, Any]:
    mode = p.mode
    if mode is None:
        if p.type in CHAR_TYPES:
            mode = "chars"
        elif p.type in DIGIT_TYPES and not re.search(r"[^\W\d_]", p.text):
            mode = "digits"
        else:
            mode = "text"
    if p.value is not None:
        value = p.value
    elif mode == "digits":
        value = "".join(ch for ch in p.text if ch.isdigit())
    elif mode == "chars":
        value = re.sub(r"[^A-Za-z0-9]", "", p.text)
    else:
        value = p.text
    return {
        "type": p.type,
        mode: value,
        "fields": [field],
        "spans": [[field, start, end]],
        "style": p.style,
    }


class Lead:
    def __init__(self, rid: str, owner: str, campaign: str, state: str, schema: str) -> None:
        self.rid, self.owner, self.campaign, self.state, self.schema = (
            rid,
            owner,
            campaign,
            state,
            schema,
        )
        self.fields: dict[str, str] = {}
        self.gold: list[dict[str, Any]] = []
        self.negs: list[dict[str, Any]] = []

    def put(self, name: str, *parts: Any) -> None:
        assert name not in self.fields, name
        buf: list[str] = []
        pos = 0
        for p in flatten(parts):
            text = p if isinstance(p, str) else p.text
            start, pos = pos, pos + len(text)
            buf.append(text)
            if isinstance(p, G):
                self.gold.append(gold_item(p, name, start, pos))
            elif isinstance(p, N) and text:
                self.negs.append({"kind": p.kind, "text": text, "field": name, "start": start})
        self.fields[name] = "".join(buf)

    def record(self) -> dict[str, Any]:
        return {
            "id": self.rid,
            "owner": self.owner,
            "campaign_id": self.campaign,
            "consumer_state": self.state,
            "schema": self.schema,
            "fields": self.fields,
            "gold": self.gold,
            "negatives": self.negs,
        }


# --------------------------------------------------------------------------------------------
# Valid synthetic identifiers
# --------------------------------------------------------------------------------------------


def rdigits(r: random.Random, n: int, first_nonzero: bool = False) -> str:
    s = "".join(r.choice(string.digits) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = str(r.randint(1, 9)) + s[1:]
    return s


def ssn(r: random.Random) -> str:
    while True:
        area = r.randint(1, 899)
        if area != 666:
            break
    return f"{area:03d}{r.randint(1, 99):02d}{r.randint(1, 9999):04d}"


def fmt_ssn(s: str, form: str) -> str:
    return {
        "dash": f"{s[:3]}-{s[3:5]}-{s[5:]}",
        "plain": s,
        "space": f"{s[:3]} {s[3:5]} {s[5:]}",
        "dot": f"{s[:3]}.{s[3:5]}.{s[5:]}",
    }[form]


def itin(r: random.Random) -> str:
    group = r.choice(
        list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))
    )
    return f"9{r.randint(0, 99):02d}{group:02d}{r.randint(1, 9999):04d}"


def luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def luhn_ok(num: str) -> bool:
    return luhn_complete(num[:-1]) == num


def card(r: random.Random) -> tuple[str, str]:
    brand = r.choices(["visa", "mc", "amex", "disc"], [45, 30, 12, 13])[0]
    if brand == "visa":
        prefix, length = "4", 16
    elif brand == "mc":
        prefix = str(r.randint(51, 55)) if r.random() < 0.75 else str(r.randint(2221, 2720))
        length = 16
    elif brand == "amex":
        prefix, length = r.choice(["34", "37"]), 15
    else:
        prefix, length = r.choice(["6011", "65", "644", "649"]), 16
    body = prefix + rdigits(r, length - len(prefix) - 1)
    return brand, luhn_complete(body)


def fmt_card(num: str, form: str) -> str:
    if form == "plain":
        return num
    sep = " " if form == "spaced" else "-"
    if len(num) == 15:
        groups = [num[:4], num[4:10], num[10:]]
    else:
        groups = [num[i : i + 4] for i in range(0, len(num), 4)]
    return sep.join(groups)


ABA_PREFIXES = [f"{i:02d}" for i in list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73))]


def aba(r: random.Random) -> str:
    d = [int(c) for c in r.choice(ABA_PREFIXES) + rdigits(r, 6)]
    partial = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    d.append((-partial) % 10)
    return "".join(map(str, d))


def aba_ok(s: str) -> bool:
    d = [int(c) for c in s]
    return (
        len(d) == 9
        and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0
    )


def bank_account(r: random.Random) -> str:
    return rdigits(r, r.randint(8, 12), first_nonzero=True)


def _iban_num(s: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in s))


def iban(r: random.Random, country: str) -> str:
    if country == "DE":
        bban = rdigits(r, 8, True) + rdigits(r, 10)
    elif country == "AT":
        bban = rdigits(r, 5, True) + rdigits(r, 11)
    elif country == "GB":
        bban = r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + rdigits(r, 6) + rdigits(r, 8)
    elif country == "FR":
        bank, branch, acct = rdigits(r, 5, True), rdigits(r, 5), rdigits(r, 11)
        key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)
        bban = f"{bank}{branch}{acct}{key:02d}"
    elif country == "ES":
        bank, branch, acct = rdigits(r, 4, True), rdigits(r, 4), rdigits(r, 10)

        def ctl(digits: str, weights: list[int]) -> int:
            v = 11 - sum(int(a) * b for a, b in zip(digits, weights)) % 11
            return {11: 0, 10: 1}.get(v, v)

        w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
        c1 = ctl("00" + bank + branch, w)
        c2 = ctl(acct, w)
        bban = f"{bank}{branch}{c1}{c2}{acct}"
    else:
        raise ValueError(country)
    check = 98 - _iban_num(bban + country + "00") % 97
    return f"{country}{check:02d}{bban}"


def iban_ok(s: str) -> bool:
    s = s.replace(" ", "")
    return _iban_num(s[4:] + s[:4]) % 97 == 1


def fmt_iban(s: str, spaced: bool) -> str:
    return " ".join(s[i : i + 4] for i in range(0, len(s), 4)) if spaced else s


MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"


def mbi(r: random.Random) -> str:
    def a() -> str:
        return r.choice(MBI_ALPHA)

    def n() -> str:
        return r.choice(string.digits)

    def an() -> str:
        return r.choice(MBI_ALPHA + string.digits)

    return str(r.randint(1, 9)) + a() + an() + n() + a() + an() + n() + a() + a() + n() + n()


def mbi_ok(s: str) -> bool:
    s = s.replace("-", "")
    pat = "CAXNAXNAANN"
    for ch, p in zip(s, pat):
        ok = {
            "C": ch in "123456789",
            "A": ch in MBI_ALPHA,
            "N": ch.isdigit(),
            "X": ch in MBI_ALPHA or ch.isdigit(),
        }[p]
        if not ok:
            return False
    return len(s) == 11


def fmt_mbi(s: str, dashed: bool) -> str:
    return f"{s[:4]}-{s[4:7]}-{s[7:]}" if dashed else s


def L(r: random.Random) -> str:
    return r.choice(string.ascii_uppercase)


def dl(r: random.Random, state: str) -> tuple[str, str]:
    """A driver's license number in the layout of ``state``: (as written, layout name)."""
    if state == "CA":
        return L(r) + rdigits(r, 7), "CA_L7"
    if state == "FL":
        d = rdigits(r, 12)
        if r.random() < 0.6:
            return f"{L(r)}{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:11]}-{d[11]}", "FL_L12_dashed"
        return L(r) + d, "FL_L12"
    if state == "NY":
        d = rdigits(r, 9)
        return (f"{d[:3]} {d[3:6]} {d[6:]}", "NY_9_spaced") if r.random() < 0.4 else (d, "NY_9")
    if state == "WA":
        body = "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(9))
        return "WDL" + body, "WA_WDL9"
    if state == "TX":
        return rdigits(r, 8, True), "TX_8"
    if state == "IL":
        d = rdigits(r, 11)
        return f"{L(r)}{d[:3]}-{d[3:7]}-{d[7:]}", "IL_L11_dashed"
    if state == "PA":
        d = rdigits(r, 8)
        return (f"{d[:2]} {d[2:5]} {d[5:]}", "PA_8_spaced") if r.random() < 0.5 else (d, "PA_8")
    if state == "OH":
        return L(r) + L(r) + rdigits(r, 6), "OH_LL6"
    if state == "MI":
        d = rdigits(r, 12)
        return f"{L(r)} {d[:3]} {d[3:6]} {d[6:9]} {d[9:]}", "MI_L12_spaced"
    if state == "NJ":
        d = rdigits(r, 14)
        return f"{L(r)}{d[:4]} {d[4:9]} {d[9:]}", "NJ_L14_spaced"
    if state == "GA":
        return rdigits(r, 9, True), "GA_9"
    if state == "AZ":
        return L(r) + rdigits(r, 8), "AZ_L8"
    if state == "MA":
        return "S" + rdigits(r, 8), "MA_S8"
    if state == "CO":
        d = rdigits(r, 9)
        return f"{d[:2]}-{d[2:5]}-{d[5:]}", "CO_9_dashed"
    if state == "MN":
        return L(r) + rdigits(r, 12), "MN_L12"
    if state == "MO":
        return L(r) + rdigits(r, 9), "MO_L9"
    if state == "NC":
        return rdigits(r, 12), "NC_12"
    if state == "VA":
        d = rdigits(r, 8)
        return f"{L(r)}{d[:2]}-{d[2:4]}-{d[4:]}", "VA_L8_dashed"
    if state == "MD":
        d = rdigits(r, 12)
        return f"{L(r)}-{d[:3]}-{d[3:6]}-{d[6:9]}-{d[9:]}", "MD_L12_dashed"
    if state == "TN":
        return rdigits(r, 9, True), "TN_9"
    if state == "NV":
        return rdigits(r, 10, True), "NV_10"
    if state == "WI":
        d = rdigits(r, 13)
        return f"{L(r)}{d[:3]}-{d[3:7]}-{d[7:11]}-{d[11:]}", "WI_L13_dashed"
    if state == "LA":
        return "00" + rdigits(r, 7), "LA_9"
    if state == "NM":
        return rdigits(r, 9, True), "NM_9"
    if state == "SD":
        return rdigits(r, 8, True), "SD_8"
    if state == "OK":
        return L(r) + rdigits(r, 9), "OK_L9"
    if state == "KY":
        return L(r) + rdigits(r, 8), "KY_L8"
    if state == "HI":
        return "H" + rdigits(r, 8), "HI_H8"
    if state == "MS":
        return "8" + rdigits(r, 8), "MS_9"
    raise ValueError(state)


def passport(r: random.Random) -> tuple[str, str]:
    kind = r.random()
    if kind < 0.35:
        return rdigits(r, 9, True), "9digit"
    if kind < 0.7:
        return r.choice("ACEFGHKMNPX") + rdigits(r, 8), "letter8"
    d = rdigits(r, 8)
    return f"{r.choice('ACEFGHKMNPX')} {d[:4]} {d[4:]}", "letter8_spaced"


def health_plan_id(r: random.Random, carrier: str) -> str:
    if carrier == "Humana":
        return "H" + rdigits(r, 8)
    if carrier == "Aetna":
        return "W" + rdigits(r, 9, True)
    if carrier in ("UnitedHealthcare", "AARP/UnitedHealthcare"):
        return rdigits(r, 9, True) + "-0" + str(r.randint(1, 4))
    if carrier == "Medicaid":
        return rdigits(r, 10, True)
    # BCBS-style: three-letter prefix + 9-12 digits
    return "".join(r.choice("BCDFGHJKLMNPQRSTVWXYZ") for _ in range(3)) + rdigits(
        r, r.choice([9, 12])
    )


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MON = [m[:3] for m in MONTHS]
ES_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
DE_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]

DOB_SHAPES: dict[str, Callable[[dt.date], str]] = {
    "dd-mon-yyyy": lambda d: f"{d.day:02d}-{MON[d.month - 1]}-{d.year}",
    "dd-MON-yy": lambda d: f"{d.day:02d}-{MON[d.month - 1].upper()}-{d.year % 100:02d}",
    "yyyymmdd": lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
    "mmddyyyy": lambda d: f"{d.month:02d}{d.day:02d}{d.year}",
    "m/d/yy": lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
    "m/d/yyyy": lambda d: f"{d.month}/{d.day}/{d.year}",
    "mm/dd/yyyy": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    "mm-dd-yyyy": lambda d: f"{d.month:02d}-{d.day:02d}-{d.year}",
    "yyyy-mm-dd": lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    "mon d yyyy": lambda d: f"{MON[d.month - 1]} {d.day} {d.year}",
    "month d, yyyy": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "dd/mm/yyyy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "dd.mm.yyyy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "es_long": lambda d: f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year}",
    "fr_long": lambda d: f"{d.day} {FR_MONTHS[d.month - 1]} {d.year}",
    "de_long": lambda d: f"{d.day}. {DE_MONTHS[d.month - 1]} {d.year}",
}


def shape_name(shape: str) -> str:
    """A shape as used in a style string: '/' and ' ' become '_' so a style has exactly one '/'."""
    return shape.replace("/", "_").replace(" ", "_").replace(",", "")


def dob_piece(d: dt.date, shape: str, ctx: str) -> G:
    return G(DOB_SHAPES[shape](d), "DATE_OF_BIRTH", f"{ctx}/dob_{shape_name(shape)}")


EXP_SHAPES: dict[str, Callable[[int, int], str]] = {
    "mmyy": lambda m, y: f"{m:02d}{y % 100:02d}",
    "mm/yy": lambda m, y: f"{m:02d}/{y % 100:02d}",
    "m/yy": lambda m, y: f"{m}/{y % 100:02d}",
    "m/yyyy": lambda m, y: f"{m}/{y}",
    "mm/yyyy": lambda m, y: f"{m:02d}/{y}",
    "mm-yy": lambda m, y: f"{m:02d}-{y % 100:02d}",
    "yyyy-mm": lambda m, y: f"{y}-{m:02d}",
    "mon yyyy": lambda m, y: f"{MON[m - 1]} {y}",
}


def exp_piece(r: random.Random, shape: str, ctx: str) -> G:
    return G(
        EXP_SHAPES[shape](r.randint(1, 12), r.randint(2026, 2031)),
        "CARD_EXPIRY",
        f"{ctx}/exp_{shape_name(shape)}",
    )


def cvv_piece(r: random.Random, brand: str, ctx: str) -> G:
    n = 4 if brand == "amex" else 3
    return G(rdigits(r, n), "CARD_SECURITY_CODE", f"{ctx}/cvv_{n}")


def card_pieces(r: random.Random, ctx: str, form: str | None = None) -> tuple[str, G]:
    brand, num = card(r)
    form = form or r.choice(["plain", "spaced", "dashed"])
    return brand, G(fmt_card(num, form), "CREDIT_CARD", f"{ctx}/card_{brand}_{form}")


# --------------------------------------------------------------------------------------------
# People and places
# --------------------------------------------------------------------------------------------

# city, state, zip prefix, county, area codes
PLACES = [
    ("Tampa", "FL", "336", "Hillsborough County", ["813"]),
    ("Ocala", "FL", "344", "Marion County", ["352"]),
    ("Miami", "FL", "331", "Miami-Dade County", ["305", "786"]),
    ("The Villages", "FL", "321", "Sumter County", ["352"]),
    ("Houston", "TX", "770", "Harris County", ["713", "832", "281"]),
    ("El Paso", "TX", "799", "El Paso County", ["915"]),
    ("San Antonio", "TX", "782", "Bexar County", ["210"]),
    ("Fresno", "CA", "937", "Fresno County", ["559"]),
    ("Riverside", "CA", "925", "Riverside County", ["951"]),
    ("Sacramento", "CA", "958", "Sacramento County", ["916"]),
    ("Buffalo", "NY", "142", "Erie County", ["716"]),
    ("Yonkers", "NY", "107", "Westchester County", ["914"]),
    ("Spokane", "WA", "992", "Spokane County", ["509"]),
    ("Tacoma", "WA", "984", "Pierce County", ["253"]),
    ("Dearborn", "MI", "481", "Wayne County", ["313"]),
    ("Flint", "MI", "485", "Genesee County", ["810"]),
    ("Toledo", "OH", "436", "Lucas County", ["419"]),
    ("Dayton", "OH", "454", "Montgomery County", ["937"]),
    ("Joliet", "IL", "604", "Will County", ["815", "779"]),
    ("Peoria", "IL", "616", "Peoria County", ["309"]),
    ("Allentown", "PA", "181", "Lehigh County", ["610", "484"]),
    ("Erie", "PA", "165", "Erie County", ["814"]),
    ("Elizabeth", "NJ", "072", "Union County", ["908"]),
    ("Paterson", "NJ", "075", "Passaic County", ["973"]),
    ("Canton", "GA", "301", "Cherokee County", ["770", "678"]),
    ("Macon", "GA", "312", "Bibb County", ["478"]),
    ("Show Low", "AZ", "859", "Navajo County", ["928"]),
    ("Mesa", "AZ", "852", "Maricopa County", ["480"]),
    ("Worcester", "MA", "016", "Worcester County", ["508", "774"]),
    ("Pueblo", "CO", "810", "Pueblo County", ["719"]),
    ("Burnsville", "MN", "553", "Dakota County", ["952"]),
    ("Apple Valley", "MN", "551", "Dakota County", ["952"]),
    ("Ozark", "MO", "657", "Christian County", ["417"]),
    ("Independence", "MO", "640", "Jackson County", ["816"]),
    ("Fayetteville", "NC", "283", "Cumberland County", ["910"]),
    ("Norfolk", "VA", "235", "Norfolk city", ["757"]),
    ("Hagerstown", "MD", "217", "Washington County", ["240", "301"]),
    ("Knoxville", "TN", "379", "Knox County", ["865"]),
    ("Henderson", "NV", "890", "Clark County", ["702"]),
    ("Green Bay", "WI", "543", "Brown County", ["920"]),
    ("Metairie", "LA", "700", "Jefferson Parish", ["504"]),
    ("Gallup", "NM", "873", "McKinley County", ["505"]),
    ("Rapid City", "SD", "577", "Pennington County", ["605"]),
    ("Tahlequah", "OK", "744", "Cherokee County", ["918"]),
    ("Lexington", "KY", "405", "Fayette County", ["859"]),
    ("Hilo", "HI", "967", "Hawaii County", ["808"]),
    ("Jackson", "MS", "392", "Hinds County", ["601", "769"]),
]

HOMOGRAPH_FIRST = [
    "Christian",
    "Faith",
    "Hope",
    "Trinity",
    "Destiny",
    "Jordan",
    "Cheyenne",
    "Dakota",
    "Israel",
    "Mercedes",
    "Precious",
    "Grace",
    "Deacon",
    "Bishop",
    "Sunny",
    "Justice",
]
HOMOGRAPH_LAST = [
    "Black",
    "White",
    "Bishop",
    "Pope",
    "Christian",
    "Gay",
    "English",
    "French",
    "Baptiste",
    "Deacon",
    "Parrish",
    "Church",
    "Temple",
    "Friday",
    "Young",
    "Savage",
]
HOMOGRAPH_STREETS = [
    "Union Street",
    "Gay Street",
    "Temple Ave",
    "Church St",
    "Mission Blvd",
    "Liberty Ave",
    "Independence Dr",
    "Pilgrim Way",
    "Cherokee Trail",
    "Navajo Rd",
    "Sioux Ln",
    "Mercy Dr",
    "Republic Ave",
    "Congress St",
    "Chapel Hill Rd",
    "Shiloh Church Rd",
    "Victory Ln",
    "Pride Ct",
    "Seminole Blvd",
    "Mohawk Dr",
]
DOMAINS = [
    "gmail.com",
    "yahoo.com",
    "aol.com",
    "hotmail.com",
    "outlook.com",
    "icloud.com",
    "comcast.net",
    "att.net",
    "bellsouth.net",
    "sbcglobal.net",
    "msn.com",
    "verizon.net",
]

BASE_DAY = dt.date(2024, 9, 16)


def ascii_fold(s: str) -> str:
    table = str.maketrans("áéíóúñüàèçâêîôûëïäöß", "aeiounuaecaeioueiaos")
    return re.sub(r"[^a-z]", "", s.lower().translate(table))


class Person:
    pass


def age_range(campaign: str) -> tuple[int, int]:
    if campaign.startswith("medicare"):
        return 64, 88
    if campaign in ("final-expense",):
        return 50, 84
    if campaign.startswith("edu"):
        return 19, 46
    if campaign == "life-term":
        return 21, 58
    return 22, 72


def rand_dob(r: random.Random, today: dt.date, lo: int, hi: int) -> dt.date:
    age = r.randint(lo, hi)
    y = today.year - age - 1
    m = r.randint(1, 12)
    d = r.randint(1, calendar.monthrange(y, m)[1])
    return dt.date(y, m, d)


def age_on(dob: dt.date, today: dt.date) -> int:
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))


def make_person(
    r: random.Random,
    fk: Faker,
    campaign: str,
    names: Faker | None = None,
    place: tuple | None = None,
) -> Person:
    p = Person()
    names = names or fk
    p.city, p.state, z3, p.county, acs = place or r.choice(PLACES)
    p.first = r.choice(HOMOGRAPH_FIRST) if r.random() < 0.08 else names.first_name()
    p.last = r.choice(HOMOGRAPH_LAST) if r.random() < 0.08 else names.last_name()
    if r.random() < 0.2:
        p.street = f"{r.randint(100, 9899)} {r.choice(HOMOGRAPH_STREETS)}"
    else:
        p.street = fk.street_address()
    p.zip = z3 + f"{r.randint(1, 99):02d}"
    p.zip4 = f"{r.randint(1, 9999):04d}"
    p.phone = r.choice(acs) + str(r.randint(2, 9)) + rdigits(r, 2) + rdigits(r, 4)
    p.phone2 = r.choice(acs) + str(r.randint(2, 9)) + rdigits(r, 2) + rdigits(r, 4)
    user = r.choice(
        [
            f"{p.first}.{p.last}",
            f"{p.first}{p.last[0]}",
            f"{p.first[0]}{p.last}",
            f"{p.last}{p.first[0]}",
            f"{p.first}_{p.last}",
        ]
    )
    user = ascii_fold(user)
    if r.random() < 0.6:
        user += str(r.randint(1, 99))
    p.email = f"{user}@{r.choice(DOMAINS)}"
    p.created = dt.datetime.combine(
        BASE_DAY + dt.timedelta(days=r.randint(0, 190)), dt.time()
    ) + dt.timedelta(seconds=r.randint(7 * 3600, 21 * 3600))
    lo, hi = age_range(campaign)
    p.dob = rand_dob(r, p.created.date(), lo, hi)
    p.age = age_on(p.dob, p.created.date())
    p.sex = r.choice("MF")
    return p


def fmt_phone(d: str, form: str) -> str:
    a, b, c = d[:3], d[3:6], d[6:]
    return {
        "paren": f"({a}) {b}-{c}",
        "dash": f"{a}-{b}-{c}",
        "dot": f"{a}.{b}.{c}",
        "plain": d,
        "e164": f"+1{d}",
        "intl": f"+1 {a} {b} {c}",
        "one": f"1-{a}-{b}-{c}",
        "space": f"{a} {b} {c}",
        "paren_nospace": f"({a}){b}-{c}",
    }[form]


PHONE_FORMS = ["paren", "dash", "dot", "plain", "e164", "intl", "one", "space", "paren_nospace"]


def phone(r: random.Random, d: str, forms: list[str] | None = None) -> N:
    return N(fmt_phone(d, r.choice(forms or PHONE_FORMS)), "phone")


def ts(d: dt.datetime, form: str = "iso") -> str:
    if form == "iso":
        return d.strftime("%Y-%m-%d %H:%M:%S")
    if form == "isoT":
        return d.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == "us":
        return d.strftime("%m/%d/%Y %I:%M %p")
    if form == "eu":
        return d.strftime("%d/%m/%Y %H:%M")
    if form == "de":
        return d.strftime("%d.%m.%Y %H:%M")
    raise ValueError(form)


def near_date(r: random.Random, p: Person, lo: int = 1, hi: int = 14) -> dt.date:
    return p.created.date() + dt.timedelta(days=r.randint(lo, hi))


def fmt_date(d: dt.date, form: str) -> str:
    return {
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "iso": d.isoformat(),
        "short": f"{d.month}/{d.day}",
        "eu": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "de": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "long": f"{MON[d.month - 1]} {d.day}",
        "uslong": f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    }[form]


def rtime(r: random.Random, form: str = "ampm") -> str:
    h = r.randint(8, 19)
    m = r.choice([0, 0, 15, 30, 45])
    h12 = (h - 1) % 12 + 1
    ap = "AM" if h < 12 else "PM"
    if form == "ampm":
        return f"{h12}:{m:02d} {ap}"
    if form == "short":
        return f"{h12}{ap.lower()}" if m == 0 else f"{h12}:{m:02d}{ap.lower()}"
    return f"{h:02d}:{m:02d}"


def money(r: random.Random, lo: float, hi: float, cents: bool = False) -> str:
    v = r.uniform(lo, hi)
    return f"${v:,.2f}" if cents else f"${int(v):,}"


def hexid(r: random.Random, n: int) -> str:
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def uuid(r: random.Random) -> str:
    h = hexid(r, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{r.choice('89ab')}{h[17:20]}-{h[20:]}"


def alnum(r: random.Random, n: int, upper: bool = True) -> str:
    pool = (string.ascii_uppercase if upper else string.ascii_lowercase) + string.digits
    return "".join(r.choice(pool) for _ in range(n))


def contact(p: Person, r: random.Random) -> dict[str, N]:
    return {
        "first": N(p.first, "name"),
        "last": N(p.last, "name"),
        "email": N(p.email, "email"),
        "street": N(p.street, "street_address"),
        "city": N(p.city, "city"),
        "state": N(p.state, "state"),
        "zip": N(p.zip, "zip"),
        "county": N(p.county, "county"),
    }


# --------------------------------------------------------------------------------------------
# Free-text snippets (agent notes).  Markup: {CODE:text} is gold, {~kind:text} is a negative.
# --------------------------------------------------------------------------------------------

CODE_TYPE = {
    "H": "HEALTH_CONDITION",
    "M": "MEDICATION",
    "T": "MEDICAL_TREATMENT",
    "E": "RACIAL_ETHNIC_ORIGIN",
    "R": "RELIGION",
    "U": "UNION_MEMBERSHIP",
    "S": "SEXUAL_ORIENTATION_SEX_LIFE",
    "C": "CITIZENSHIP_IMMIGRATION",
    "P": "POLITICAL_OPINION",
    "GN": "GENETIC_DATA",
    "B": "BIOMETRIC_DATA",
    "K": "CHILD_NAME",
    "A": "CHILD_AGE",
    "GEO": "PRECISE_GEOLOCATION",
    "AS": "ACCOUNT_SECRET",
}
CODE_STYLE = {
    "H": "condition",
    "M": "medication",
    "T": "treatment",
    "E": "ethnicity",
    "R": "religion",
    "U": "union",
    "S": "orientation",
    "C": "citizenship",
    "P": "politics",
    "GN": "genetic",
    "B": "biometric",
    "K": "child_name",
    "A": "child_age",
    "GEO": "latlong",
    "AS": "secret",
}
MARK = re.compile(r"\{(~?)([A-Za-z_]+):([^{}]*)\}")


def parse(tpl: str, ctx: str = "notes") -> list[Any]:
    parts: list[Any] = []
    pos = 0
    for m in MARK.finditer(tpl):
        if m.start() > pos:
            parts.append(tpl[pos : m.start()])
        neg, code, text = m.group(1), m.group(2), m.group(3)
        if neg:
            parts.append(N(text, code))
        else:
            parts.append(G(text, CODE_TYPE[code], f"{ctx}/{CODE_STYLE[code]}"))
        pos = m.end()
    if pos < len(tpl):
        parts.append(tpl[pos:])
    return parts


TEMPLATES: dict[str, list[str]] = {
    "H": [
        "{H:hard of hearing} - speak up",
        "{H:cracked vertebra} 2019, {H:migraines} since the fall",
        "{H:diabetic type 2}, on {M:metformin}",
        "{H:COPD}, on {T:home oxygen}",
        "wife says he has {H:early dementia}, she handles the mail",
        "had a {H:stroke} last yr, {H:left side weakness}",
        "cust is a {H:recovering alcoholic} - no wine gift basket",
        "{H:BMI 34} per cust",
        "{H:pregnant} w/ 2nd, due in march",
        "{H:smokes 1 ppd}, trying to quit w/ {M:Chantix}",
        "{H:60 percent VA rating}",
        "{H:PTSD} from deployment, dont call late",
        "{H:breast cancer} in remission, {T:chemo} done in june",
        "{H:legally blind}, dtr reads the mail to her",
        "{H:uses a walker}, give her time to get to phone",
        "on {M:Eliquis} for {H:afib}",
        "{H:type 1 diabetic}, has {T:insulin pump}",
        "doing {H:IVF} w/ husband, 3rd round",
        "{H:depression and anxiety}, takes {M:zoloft}",
        "{H:HIV positive}, on {M:Biktarvy}",
        "{H:bipolar} - may get agitated, stay calm",
        "{H:in a wheelchair} since the accident",
        "{H:sleep apnea}, uses {T:CPAP}",
        "{H:stage 3 kidney disease}",
        "{H:asthma}, {M:albuterol} inhaler",
        "{H:congestive heart failure}, on {M:Entresto}",
        "{H:opioid addiction} in recovery, on {M:Suboxone}",
        "{H:seizures} - cant drive, son brings her",
        "{H:multiple sclerosis} dx 2015",
        "{H:hep C} treated",
        "{H:left leg amputee}",
        "{H:chronic back pain}, {T:physical therapy} 2x wk",
        "{H:deaf} - use relay service",
        "{H:high blood pressure}, {M:lisinopril 20mg}",
        "{H:high cholesterol} - {M:atorvastatin}",
        "{H:neuropathy} in feet, {M:gabapentin}",
        "{H:morbidly obese}, asking abt {M:Ozempic}",
        "{H:miscarriage} in spring, go easy",
        "{H:ADHD}, {M:Adderall}",
        "{H:herniated disc} + {H:whiplash} from the wreck",
        "{H:parkinsons}, hands shake - cant sign well",
        "{H:heart attack} 2021, {T:stents} x2",
        "{H:lupus} flare ups",
        "{H:glaucoma}, cant read small print",
        "{H:crohns disease}, on {M:Humira}",
        "{H:dialysis patient}",
        "{H:non-smoker} (quit 2015)",
        "{H:tobacco user} - chews",
        "{H:schizophrenia}, sister is guardian",
        "{H:cerebral palsy}, aide on the line",
        "{H:alzheimers} - son is POA",
        "{H:prediabetic}",
        "{H:gout} flare, rescheduled",
        "{H:osteoporosis}, broke hip 2022",
        "{H:emphysema}",
        "{H:kidney stones} last month",
    ],
    "M": [
        "takes {M:metformin 500mg} 2x day",
        "meds: {M:Eliquis}, {M:lisinopril}, {M:atorvastatin}",
        "on {M:Ozempic} - wants plan that covers it",
        "{M:insulin glargine} 30 units",
        "rx {M:levothyroxine}",
        "needs {M:Xarelto} covered",
        "on {M:Trulicity} weekly",
        "{M:Jardiance} is too expensive now",
        "takes {M:Lexapro}",
        "{M:prednisone} taper",
        "{M:Humira} pens - specialty tier",
        "on {M:Truvada} for {T:PrEP}",
        "{M:oxycodone} after surgery",
        "{M:Eliquis 5mg} and {M:Farxiga}",
        "{M:Entresto} copay $47",
        "{M:methadone} daily",
        "{M:Seroquel} at night",
        "{M:warfarin} - needs INR checks",
        "{M:Symbicort} inhaler",
        "{M:Dupixent} shots",
    ],
    "T": [
        "{T:dialysis} MWF mornings - call after 2pm",
        "{T:knee replacement} 2022, doing fine",
        "{T:spinal fusion} 2021, still on {M:oxycodone}",
        "{T:bypass surgery} 2018",
        "{T:radiation} for {H:prostate cancer}",
        "{T:home health aide} comes tues/thurs",
        "just got out of {T:rehab stay} in march",
        "{T:chiropractor} 2x a month",
        "{T:cataract surgery} next month",
        "{T:gastric bypass} 2019",
        "{T:weekly therapy sessions}",
        "goes to {T:methadone clinic} every morning",
        "{T:hip replacement} scheduled jan",
        "{T:chemo} every other wk",
        "{T:pacemaker} put in 2020",
        "{T:oxygen} at night",
        "{T:infusions} at the cancer center",
        "{T:occupational therapy} after stroke",
        "{T:mastectomy} 2017",
        "{T:hysterectomy} last yr",
    ],
    "E": [
        "cust is {E:Hmong}, dtr translates",
        "{E:Navajo}, lives out past Window Rock",
        "{E:Lakota}, prefers mornings",
        "enrolled {E:Cherokee Nation} citizen",
        "{E:Haitian} - may need interpreter",
        "{E:African American} male, retired",
        "{E:Puerto Rican}, spanish preferred",
        "{E:Somali}, husband handles calls",
        "{E:Native Hawaiian}",
        "{E:Vietnamese}, son helps w/ english",
        "{E:Mexican American}",
        "{E:Black} woman, 60s",
        "{E:Latina}, single mom",
        "{E:Choctaw} tribal member",
        "{E:Filipino}",
        "{E:Arab American}",
        "{E:Ojibwe}",
        "{E:Korean American}",
        "{E:Dominican}",
        "{E:Cuban American}",
    ],
    "R": [
        "{R:Jehovah's Witness} - no blood products",
        "devout {R:catholic}, no calls sun am",
        "{R:muslim} - no interest-bearing loans",
        "{R:Orthodox Jewish}, no calls fri night - sat",
        "{R:LDS}, asked abt church discount lol",
        "{R:Seventh-day Adventist}, no sat appts",
        "{R:Southern Baptist}, deacon at his church",
        "says she's {R:atheist}, dont bring up prayer",
        "{R:Hindu}, vegetarian",
        "{R:Sikh}",
        "{R:evangelical}",
        "{R:Buddhist}",
        "{R:Amish} - no phone after dark",
        "{R:Mennonite}",
        "{R:Mormon}",
        "{R:Pentecostal}",
        "{R:Jewish}",
        "{R:Christian Scientist}, declines meds",
    ],
    "U": [
        "{U:UAW} retiree",
        "member of the {U:carpenters union}",
        "{U:IBEW Local 98}",
        "{U:SEIU 1199} member",
        "{U:Teamsters} - has union dental",
        "{U:AFSCME Council 31}",
        "{U:United Auto Workers}, laid off",
        "in the {U:teachers union}",
        "{U:NEA} member, teacher",
        "{U:UFCW Local 7}",
        "{U:CWA} member",
        "{U:Steelworkers} retiree",
        "{U:IBEW} lineman",
        "{U:ILA} longshoreman",
        "{U:pipefitters union}",
        "{U:Teamsters Local 710}",
        "{U:AFT} member",
    ],
    "S": [
        "cust is {S:gay}, wants partner Mark on policy",
        "{S:lesbian} couple, both on app",
        "identifies as {S:bisexual}",
        "{S:same-sex spouse} Daniel",
        "{S:gay} man, husband David",
        "{S:queer}",
        "{S:asexual}",
        "{S:multiple sexual partners}",
        "{S:polyamorous}",
        "{S:lesbian}",
        "{S:gay}",
        "{S:pansexual}",
    ],
    "C": [
        "{C:green card holder}",
        "{C:DACA recipient}",
        "{C:not a citizen yet}, applying",
        "{C:naturalized citizen}",
        "on {C:H-1B visa}",
        "{C:undocumented}, cash only",
        "{C:permanent resident}",
        "{C:TPS holder}",
        "{C:asylum case pending}",
        "{C:visa overstay}",
        "{C:work permit} expires may",
        "{C:no papers}",
        "{C:non-citizen}",
        "{C:refugee status}",
    ],
    "P": [
        "cust says {P:leans left}, {P:anti-abortion} tho",
        "{P:committed independent}",
        "{P:ward chairman for the Republicans}",
        "{P:votes straight-ticket Democrat}",
        "{P:big Trump supporter}, wouldnt stop talking",
        "{P:MAGA} hat guy lol",
        "{P:progressive democrat}",
        "{P:very conservative}",
        "{P:libertarian}, anti-tax",
        "{P:pro-choice} volunteer",
        "{P:Bernie supporter}",
        "{P:precinct captain for the Democrats}",
        "{P:registered Green Party}",
        "{P:far right}",
        "{P:hates Biden}",
        "{P:pro-life}",
    ],
    "GN": [
        "{GN:BRCA1 positive} per genetic test",
        "23andMe says {GN:APOE4 carrier}",
        "{GN:Lynch syndrome gene mutation}",
        "{GN:Huntingtons gene positive}",
        "{GN:sickle cell trait}",
        "{GN:Factor V Leiden} carrier",
        "{GN:BRCA2 mutation}",
        "{GN:cystic fibrosis carrier}",
        "{GN:MTHFR variant}",
        "{GN:Tay-Sachs carrier}",
        "dna test showed {GN:hemochromatosis gene}",
        "{GN:BRCA1} + per Invitae",
    ],
    "B": [
        "ID verified w/ {B:voiceprint}",
        "{B:thumbprint} collected at kiosk",
        "{B:selfie face match} passed",
        "{B:fingerprint scan} on file w/ app",
        "{B:facial scan} done for e-sign",
        "{B:retina scan}",
        "{B:palm vein scan} at branch",
        "{B:voice biometric} enrolled",
        "{B:faceprint} stored by kyc vendor",
        "{B:iris scan} at enrollment",
    ],
}

NEUTRAL: list[str] = [
    "callback {~date:$short} @ {~time:$stime}",
    "wants quote by friday",
    "mentioned the {~phrase:Black Friday promo}",
    "{~phrase:party of four} for the dinner seminar",
    "gave {~phrase:a conservative estimate} on the bill",
    "{~phrase:independent contractor}, 1099 income",
    "{~phrase:pride of ownership} - house looks great",
    "drops off at {~phrase:the Catholic Charities food bank} tues",
    "has a {~year:$vyear} {~phrase:Jeep Grand Cherokee}",
    "order #{~order_number:$order}",
    "budget {~price:$price}/mo",
    "current w/ {~org:Progressive}, paying {~price:$price}/mo",
    "confirm # {~confirmation_number:$conf}",
    "promo {~promo_code:$promo}",
    "appt {~date:$short} {~time:$stime}",
    "office is on {~phrase:Gay Street} downtown",
    "pays {~price:$price} to {~org:Liberty Mutual}",
    "{~phrase:Christian Brothers Automotive} did the last repair",
    "wants the {~product:Medicare Advantage} info pack",
    "{~quantity:3 bedroom} ranch",
    "house built {~year:$byear}",
    "{~lead_score:lead score $score}",
    "rate lock til {~date:$short}",
    "house is off {~phrase:Cherokee Trail}",
    "vm left",
    "no answer x2",
    "cust busy, call back later",
    "sent brochure",
    "spouse on the line too",
    "wants everything in writing",
    "transferred to licensed agent",
    "asked for {~phrase:Spanish line}",
    "prefers text over call",
    "interested but wants to talk to son first",
    "said the {~phrase:Democrat and Chronicle} ad brought him in",
    "referred by neighbor",
    "works at {~org:Union Pacific} rail yard",
    "quote {~quote_number:$quote}",
    "trash pickup through {~org:Republic Services}, not interested in bundle",
    "{~phrase:Independence Blue Cross} letter came in the mail",
    "has the {~phrase:Liberty Mutual} app",
    "saw the ad during {~phrase:Sunday Night Football}",
]


def fill(tpl: str, r: random.Random, p: Person) -> str:
    def sub(m: re.Match) -> str:
        key = m.group(1)
        if key == "short":
            return fmt_date(near_date(r, p, -5, 14), "short")
        if key == "htime":
            return rtime(r, "24h")
        if key == "stime":
            return rtime(r, "short")
        if key == "vyear":
            return str(r.randint(2008, 2024))
        if key == "byear":
            return str(r.randint(1962, 2015))
        if key == "order":
            return r.choice(["A-", "ORD-", "", "W"]) + rdigits(r, r.randint(5, 7), True)
        if key == "price":
            return money(r, 39, 480)
        if key == "eur":
            return f"{r.randint(120, 4800)},{r.randint(0, 99):02d} €"
        if key == "conf":
            return r.choice(["CNF-", "CF", "", "C-"]) + alnum(r, 6)
        if key == "promo":
            return r.choice(
                ["FALL24", "AEP2025", "SAVE50", "BF24DEAL", "FREEQUOTE", "WINTER25", "NEWYR25"]
            )
        if key == "score":
            return str(r.randint(40, 99))
        if key == "quote":
            return "Q" + rdigits(r, 8, True)
        raise KeyError(key)

    return re.sub(r"\$([a-z]+)", sub, tpl)


def lower_parts(parts: list[Any]) -> list[Any]:
    out: list[Any] = []
    keep_case = {
        "CREDIT_CARD",
        "US_MBI",
        "US_PASSPORT",
        "US_DRIVER_LICENSE",
        "IBAN_CODE",
        "HEALTH_PLAN_ID",
        "ACCOUNT_SECRET",
        "DATE_OF_BIRTH",
        "CARD_EXPIRY",
    }
    for p in parts:
        if isinstance(p, str):
            out.append(p.lower())
        elif isinstance(p, G) and p.type not in keep_case:
            out.append(G(p.text.lower(), p.type, p.style, p.mode, p.value))
        elif isinstance(p, N) and p.kind in ("phrase", "time"):
            out.append(N(p.text.lower(), p.kind))
        else:
            out.append(p)
    return out


# ---- snippet generators for values that need a generator, not a fixed phrase ---------------

KID_NAMES = [
    "Leo",
    "Ava",
    "Max",
    "Noah",
    "Emma",
    "Liam",
    "Mia",
    "Chloe",
    "Jayden",
    "Zoe",
    "Sofia",
    "Mateo",
    "Elijah",
    "Harper",
    "Wyatt",
    "Aria",
    "Caleb",
    "Nora",
    "Luca",
    "Ivy",
    "Ezra",
    "Lily",
    "Owen",
    "Ruby",
    "Isaiah",
    "Hazel",
    "Kai",
    "Stella",
    "Levi",
    "Aubrey",
    "Diego",
    "Camila",
    "Santiago",
    "Valentina",
    "Gianna",
    "Maddox",
    "Paisley",
    "Brody",
    "Khloe",
]
AGE_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
]


def kid_age(r: random.Random, words: bool, ctx: str, form: str) -> G:
    age = r.randint(1, 17)
    if words:
        return G(AGE_WORDS[age - 1], "CHILD_AGE", f"{ctx}/child_age_word_{form}")
    return G(str(age), "CHILD_AGE", f"{ctx}/child_age_digits_{form}")


def snip_kids(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    names = r.sample([k for k in KID_NAMES if k not in (p.first, p.last)], 3)
    form = r.choice(
        ["list_paren", "list_plain", "and", "dash", "dtr", "son", "grandkids", "age_word"]
    )
    K = lambda n: G(n, "CHILD_NAME", f"{ctx}/child_name_{form}")  # noqa: E731
    w = r.random() < 0.3
    if form == "list_paren":
        return [
            "kids: ",
            K(names[0]),
            " (",
            kid_age(r, False, ctx, form),
            "), ",
            K(names[1]),
            " (",
            kid_age(r, False, ctx, form),
            ")",
        ]
    if form == "list_plain":
        return [
            "children: ",
            K(names[0]),
            " (",
            kid_age(r, False, ctx, form),
            "), ",
            K(names[1]),
            " ",
            kid_age(r, w, ctx, form),
        ]
    if form == "and":
        return [
            K(names[0]),
            " ",
            kid_age(r, False, ctx, form),
            " and ",
            K(names[1]),
            " ",
            kid_age(r, True, ctx, form),
        ]
    if form == "dash":
        return [
            "kids - ",
            K(names[0]),
            " ",
            kid_age(r, False, ctx, form),
            ", ",
            K(names[1]),
            " ",
            kid_age(r, w, ctx, form),
            ", ",
            K(names[2]),
            " ",
            kid_age(r, False, ctx, form),
        ]
    if form == "dtr":
        return ["dtr ", K(names[0]), " is ", kid_age(r, w, ctx, form), ", wants her on the plan"]
    if form == "son":
        return ["son ", K(names[0]), ", ", kid_age(r, False, ctx, form), " - needs braces"]
    if form == "grandkids":
        return [
            "raising grandkids ",
            K(names[0]),
            " (",
            kid_age(r, False, ctx, form),
            ") & ",
            K(names[1]),
            " (",
            kid_age(r, False, ctx, form),
            ")",
        ]
    form = "age_paren"
    return [
        G(names[0], "CHILD_NAME", f"{ctx}/child_name_{form}"),
        " (age ",
        kid_age(r, True, ctx, form),
        ")",
    ]


SECRETS_PETS = [
    "Biscuit",
    "Rocky",
    "Buster",
    "Peanut",
    "Duke",
    "Coco",
    "Shadow",
    "Bandit",
    "Pepper",
    "Ginger",
]
SECRETS_MAIDEN = [
    "Kowalski",
    "Ferraro",
    "Lindqvist",
    "Okafor",
    "Delacroix",
    "Brennan",
    "Nakamura",
    "Szabo",
    "Castellanos",
    "McAllister",
    "Haverford",
    "Pruitt",
]
SECRETS_OTHER = [
    "Ridgemont High",
    "Tupelo",
    "Mrs Abernathy",
    "blue Camaro",
    "Lake Okoboji",
    "Sunnyvale",
]


def password(r: random.Random, p: Person) -> str:
    base = r.choice(
        [
            "Summer",
            "Winter",
            "Tigers",
            "Lucky",
            "Jesus",
            "Dallas",
            "Buddy",
            "Mustang",
            "Rosebud",
            "Monkey",
            "Sunshine",
            "Football",
            "Grandma",
            "Harley",
            "Bella",
        ]
    )
    tail = r.choice([str(r.randint(2015, 2025)), str(r.randint(1, 99)), rdigits(r, 4)])
    sym = r.choice(["!", "#", "$", "!!", "", "@", "*"])
    style = r.random()
    if style < 0.4:
        return base + tail + sym
    if style < 0.6:
        return base.lower() + sym + tail
    if style < 0.8:
        return (base[0].lower() + base[1:].replace("o", "0").replace("a", "@")) + tail
    return alnum(r, 3, False) + r.choice(["#", "$", "%"]) + alnum(r, 5) + sym


def username(r: random.Random, p: Person) -> str:
    return ascii_fold(
        r.choice([p.first[0] + p.last, p.first + p.last[0], p.last + p.first[0]])
    ) + str(r.randint(1, 99))


def snip_pin(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    pin = rdigits(r, r.choice([4, 4, 4, 5, 6]))
    lead = r.choice(
        ["acct pin ", "pin ", "pin is ", "phone pin ", "verbal pin ", "PIN: ", "online pin "]
    )
    return [lead, G(pin, "ACCOUNT_SECRET", f"{ctx}/pin_{len(pin)}")]


def snip_password(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    pw = password(r, p)
    form = r.choice(["u_p", "login_pw", "portal", "pwd"])
    if form == "u_p":
        return ["u: ", username(r, p), " p: ", G(pw, "ACCOUNT_SECRET", f"{ctx}/password_u_p")]
    if form == "login_pw":
        return [
            "login ",
            username(r, p),
            " / pw ",
            G(pw, "ACCOUNT_SECRET", f"{ctx}/password_login"),
        ]
    if form == "portal":
        return ["portal pw ", G(pw, "ACCOUNT_SECRET", f"{ctx}/password_portal")]
    return ["pwd=", G(pw, "ACCOUNT_SECRET", f"{ctx}/password_eq")]


def snip_security(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    form = r.choice(["pet", "maiden", "mmn", "other"])
    if form == "pet":
        return [
            "sec q first pet = ",
            G(r.choice(SECRETS_PETS), "ACCOUNT_SECRET", f"{ctx}/security_answer"),
        ]
    if form == "maiden":
        return [
            "mothers maiden ",
            G(r.choice(SECRETS_MAIDEN), "ACCOUNT_SECRET", f"{ctx}/maiden_name"),
        ]
    if form == "mmn":
        return ["MMN: ", G(r.choice(SECRETS_MAIDEN), "ACCOUNT_SECRET", f"{ctx}/maiden_name")]
    return [
        "security answer: ",
        G(r.choice(SECRETS_OTHER), "ACCOUNT_SECRET", f"{ctx}/security_answer"),
    ]


def snip_ssn(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    if r.random() < 0.15:
        s = ssn(r)[5:]
        return [r.choice(["ssn last 4 ", "last4 ss ", "ss4: "]), G(s, "US_SSN", f"{ctx}/ssn_last4")]
    form = r.choice(["dash", "dash", "plain", "space", "dot"])
    lead = r.choice(["ss# ", "ssn ", "SSN: ", "soc ", "social is ", "verified ssn ", "SS "])
    return [lead, G(fmt_ssn(ssn(r), form), "US_SSN", f"{ctx}/ssn_{form}")]


def snip_itin(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    form = r.choice(["dash", "plain", "space"])
    lead = r.choice(["no ssn - itin ", "ITIN# ", "uses itin ", "tax id (itin) "])
    return [lead, G(fmt_ssn(itin(r), form), "US_ITIN", f"{ctx}/itin_{form}")]


def snip_dob(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    shape = r.choice(
        [
            "m/d/yy",
            "mm/dd/yyyy",
            "mon d yyyy",
            "dd-mon-yyyy",
            "m/d/yyyy",
            "month d, yyyy",
            "yyyy-mm-dd",
        ]
    )
    lead = r.choice(["dob ", "DOB: ", "bday ", "born ", "d.o.b. ", "birthdate "])
    return [lead, dob_piece(p.dob, shape, ctx)]


def snip_card(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    brand, c = card_pieces(r, ctx)
    shape = r.choice(["mm/yy", "mmyy", "m/yy", "mm/yyyy"])
    return [
        r.choice(["card ", "cc ", brand + " ", "card on file "]),
        c,
        r.choice([" exp ", " x ", " exp: "]),
        exp_piece(r, shape, ctx),
        r.choice([" cvv ", " cvc ", " sec code "]),
        cvv_piece(r, brand, ctx),
    ]


def snip_passport(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    pp, form = passport(r)
    return [
        r.choice(["pp# ", "passport ", "US passport no. ", "ppt "]),
        G(pp, "US_PASSPORT", f"{ctx}/passport_{form}"),
    ]


def snip_dl(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    num, layout = dl(r, p.state)
    form = r.choice(["DL", "lic", "paren"])
    if form == "DL":
        return ["DL ", p.state, " ", G(num, "US_DRIVER_LICENSE", f"{ctx}/dl_{layout}")]
    if form == "lic":
        return ["drivers lic ", G(num, "US_DRIVER_LICENSE", f"{ctx}/dl_{layout}")]
    return ["lic# ", G(num, "US_DRIVER_LICENSE", f"{ctx}/dl_{layout}"), " (", p.state, ")"]


def snip_mbi(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    dashed = r.random() < 0.5
    return [
        r.choice(["medicare # ", "MBI ", "new medicare card # ", "mbi: "]),
        G(fmt_mbi(mbi(r), dashed), "US_MBI", f"{ctx}/mbi_{'dashed' if dashed else 'plain'}"),
    ]


def snip_hpid(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    carrier = r.choice(["Humana", "Aetna", "UnitedHealthcare", "Medicaid", "BCBS"])
    lead = {
        "Humana": "humana id ",
        "Aetna": "aetna member id ",
        "UnitedHealthcare": "UHC id ",
        "Medicaid": "medicaid # ",
        "BCBS": "BCBS id ",
    }[carrier]
    return [
        lead,
        G(health_plan_id(r, carrier), "HEALTH_PLAN_ID", f"{ctx}/member_id_{carrier.lower()}"),
    ]


def snip_bank(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    form = r.choice(["rtn_acct", "routing_checking", "bank"])
    rt = G(aba(r), "ABA_ROUTING_NUMBER", f"{ctx}/routing_{form}")
    ac = G(bank_account(r), "US_BANK_NUMBER", f"{ctx}/account_{form}")
    if form == "rtn_acct":
        return ["rtn ", rt, " acct ", ac]
    if form == "routing_checking":
        return ["routing ", rt, ", checking ", ac]
    return ["bank: ", N(r.choice(BANKS), "org"), " rt ", rt, " ac ", ac]


def snip_iban(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    c = r.choice(["DE", "GB", "FR", "ES", "AT"])
    spaced = r.random() < 0.6
    return [
        r.choice(["iban ", "refund to IBAN ", "IBAN: "]),
        G(
            fmt_iban(iban(r, c), spaced),
            "IBAN_CODE",
            f"{ctx}/iban_{c}_{'spaced' if spaced else 'plain'}",
        ),
    ]


def snip_geo(r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    lat, lng = geo_for(r, p)
    return [
        r.choice(["pin drop ", "gps ", "coords "]),
        G(f"{lat}, {lng}", "PRECISE_GEOLOCATION", f"{ctx}/latlong_pair"),
    ]


BANKS = [
    "Chase",
    "Wells Fargo",
    "Bank of America",
    "Regions",
    "PNC",
    "Navy Federal",
    "USAA",
    "Fifth Third",
    "Truist",
    "Huntington",
    "Citizens",
    "Capital One",
    "US Bank",
    "Woodforest",
]

# approximate centre coordinates per city for lat/long
CITY_COORD = {
    "Tampa": (27.95, -82.46),
    "Ocala": (29.19, -82.14),
    "Miami": (25.76, -80.19),
    "The Villages": (28.93, -81.96),
    "Houston": (29.76, -95.37),
    "El Paso": (31.76, -106.49),
    "San Antonio": (29.42, -98.49),
    "Fresno": (36.74, -119.79),
    "Riverside": (33.95, -117.40),
    "Sacramento": (38.58, -121.49),
    "Buffalo": (42.89, -78.88),
    "Yonkers": (40.93, -73.90),
    "Spokane": (47.66, -117.43),
    "Tacoma": (47.25, -122.44),
    "Dearborn": (42.32, -83.18),
    "Flint": (43.01, -83.69),
    "Toledo": (41.65, -83.54),
    "Dayton": (39.76, -84.19),
    "Joliet": (41.53, -88.08),
    "Peoria": (40.69, -89.59),
    "Allentown": (40.60, -75.47),
    "Erie": (42.13, -80.09),
    "Elizabeth": (40.66, -74.21),
    "Paterson": (40.92, -74.17),
    "Canton": (34.24, -84.49),
    "Macon": (32.84, -83.63),
    "Show Low": (34.25, -110.03),
    "Mesa": (33.42, -111.83),
    "Worcester": (42.26, -71.80),
    "Pueblo": (38.25, -104.61),
    "Burnsville": (44.77, -93.28),
    "Apple Valley": (44.73, -93.22),
    "Ozark": (37.02, -93.21),
    "Independence": (39.09, -94.42),
    "Fayetteville": (35.05, -78.88),
    "Norfolk": (36.85, -76.29),
    "Hagerstown": (39.64, -77.72),
    "Knoxville": (35.96, -83.92),
    "Henderson": (36.04, -114.98),
    "Green Bay": (44.51, -88.01),
    "Metairie": (29.98, -90.15),
    "Gallup": (35.53, -108.74),
    "Rapid City": (44.08, -103.23),
    "Tahlequah": (35.92, -94.97),
    "Lexington": (38.04, -84.50),
    "Hilo": (19.72, -155.08),
    "Jackson": (32.30, -90.18),
}


def geo_for(r: random.Random, p: Person) -> tuple[str, str]:
    la, lo = CITY_COORD[p.city]
    nd = r.choice([5, 6, 6, 7])
    lat = f"{la + r.uniform(-0.08, 0.08):.{nd}f}"
    lng = f"{lo + r.uniform(-0.08, 0.08):.{nd}f}"
    return lat, lng


GEN_SNIPPETS: dict[str, Callable[..., list[Any]]] = {
    "KIDS": snip_kids,
    "PIN": snip_pin,
    "PW": snip_password,
    "SEC": snip_security,
    "SSN": snip_ssn,
    "ITIN": snip_itin,
    "DOB": snip_dob,
    "CARD": snip_card,
    "PP": snip_passport,
    "DL": snip_dl,
    "MBI": snip_mbi,
    "HPID": snip_hpid,
    "BANK": snip_bank,
    "IBAN": snip_iban,
    "GEO": snip_geo,
}
# which gold types each snippet category mainly produces (for balancing)
CAT_TYPES = {
    "H": "HEALTH_CONDITION",
    "M": "MEDICATION",
    "T": "MEDICAL_TREATMENT",
    "E": "RACIAL_ETHNIC_ORIGIN",
    "R": "RELIGION",
    "U": "UNION_MEMBERSHIP",
    "S": "SEXUAL_ORIENTATION_SEX_LIFE",
    "C": "CITIZENSHIP_IMMIGRATION",
    "P": "POLITICAL_OPINION",
    "GN": "GENETIC_DATA",
    "B": "BIOMETRIC_DATA",
    "KIDS": "CHILD_NAME",
    "PIN": "ACCOUNT_SECRET",
    "PW": "ACCOUNT_SECRET",
    "SEC": "ACCOUNT_SECRET",
    "SSN": "US_SSN",
    "ITIN": "US_ITIN",
    "DOB": "DATE_OF_BIRTH",
    "CARD": "CREDIT_CARD",
    "PP": "US_PASSPORT",
    "DL": "US_DRIVER_LICENSE",
    "MBI": "US_MBI",
    "HPID": "HEALTH_PLAN_ID",
    "BANK": "ABA_ROUTING_NUMBER",
    "IBAN": "IBAN_CODE",
    "GEO": "PRECISE_GEOLOCATION",
}


# relative share of each snippet category in notes (types rarely found outside notes get more)
CAT_WEIGHT = {"B": 2.2, "S": 1.8, "GN": 1.5, "H": 1.5, "E": 1.2, "R": 1.2, "DOB": 0.7, "CARD": 0.8}


class Balancer:
    """Counts the snippet categories used in accepted notes, so notes favour the rarer ones."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.pending: list[str] = []

    def start(self) -> None:
        self.pending = []

    def pick(self, r: random.Random, cats: list[str], k: int) -> list[str]:
        chosen: list[str] = []
        pool = list(cats)
        for _ in range(min(k, len(pool))):
            ranked = sorted(
                pool, key=lambda c: (self.counts[c] / CAT_WEIGHT.get(c, 1.0), cats.index(c))
            )
            c = r.choice(ranked[:3])
            chosen.append(c)
            pool.remove(c)
        self.pending += chosen
        return chosen

    def accept(self) -> None:
        self.counts.update(self.pending)
        self.pending = []


def snippet(cat: str, r: random.Random, p: Person, ctx: str = "notes") -> list[Any]:
    if cat in GEN_SNIPPETS:
        return GEN_SNIPPETS[cat](r, p, ctx)
    return parse(fill(r.choice(TEMPLATES[cat]), r, p), ctx)


def notes(
    r: random.Random,
    p: Person,
    bal: Balancer,
    cats: list[str],
    n_gold: int,
    n_neutral: int,
    lc: float = 0.5,
    seps: tuple[str, ...] = ("; ", ". ", " - ", " / ", ", ", " -- "),
    extra: list[list[Any]] | None = None,
) -> list[Any]:
    chunks = [snippet(c, r, p) for c in bal.pick(r, cats, n_gold)]
    chunks += [parse(fill(t, r, p)) for t in r.sample(NEUTRAL, n_neutral)]
    chunks += extra or []
    r.shuffle(chunks)
    lower = r.random() < lc
    sep = r.choice(seps)
    out: list[Any] = []
    for i, ch in enumerate(chunks):
        if i:
            out.append(sep)
        out.extend(lower_parts(ch) if lower else ch)
    return out


# --------------------------------------------------------------------------------------------
# Schemas: one function per vendor export.  Each gets (lead, r, fk, bal) and fills the lead.
# --------------------------------------------------------------------------------------------

SCHEMAS: list[tuple[str, str, list[str], int, Callable[..., None]]] = []


def schema(name: str, owner: str, campaigns: list[str], count: int):
    def deco(fn: Callable[..., None]) -> Callable[..., None]:
        SCHEMAS.append((name, owner, campaigns, count, fn))
        return fn

    return deco


def yn(r: random.Random, p_yes: float = 0.5, forms: tuple[str, str] = ("Y", "N")) -> str:
    return forms[0] if r.random() < p_yes else forms[1]


def flag(text: str) -> N:
    return N(text, "flag")


def blank_or(r: random.Random, p_present: float, fn: Callable[[], Any]) -> Any:
    return fn() if r.random() < p_present else ""


@schema(
    "pinnacle_wide_v3",
    "pinnacle-data-partners",
    ["medicare-aep", "final-expense", "aca-open-enrollment"],
    22,
)
def s_pinnacle(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Wide 62-column CSV export with positional column names col_01..col_62."""
    c = contact(p, r)
    camp = lead.campaign
    med = camp.startswith("medicare")
    spouse = r.random() < 0.45
    cols: list[Any] = [
        N(f"PDP24-{rdigits(r, 7, True)}", "tracking_id"),
        N(ts(p.created), "timestamp"),
        N(r.choice(["fb_leadform", "google_ppc", "tv_dr", "mailer_bre", "native_taboola"]), "utm"),
        N(r.choice(["facebook", "google", "taboola", "outbrain", "bing"]), "utm"),
        N(r.choice(["cpc", "paid_social", "display", "cpl"]), "utm"),
        N(
            f"{camp.split('-')[0][:4]}24_{p.state.lower()}_{r.choice(['medadv', 'fe_gen', 'aca_oe', 'seminar'])}",
            "utm",
        ),
        c["first"],
        c["last"],
        phone(r, p.phone),
        blank_or(r, 0.4, lambda: phone(r, p.phone2)),
        c["email"],
        c["street"],
        c["city"],
        c["state"],
        N(p.zip + "-" + p.zip4, "zip") if r.random() < 0.35 else c["zip"],
        c["county"],
        dob_piece(
            p.dob,
            r.choice(["mm/dd/yyyy", "mm/dd/yyyy", "yyyy-mm-dd", "m/d/yy", "dd-mon-yyyy"]),
            "opaque_field",
        ),
        flag(p.sex),
        N(str(p.age), "adult_age"),
        N(
            r.choice(["Original Medicare", "Employer plan", "None", "Medicare Advantage"])
            if med
            else r.choice(["None", "Employer plan", "Marketplace", "COBRA"]),
            "product",
        ),
        N(
            r.choice(
                [
                    "Medicare Advantage",
                    "Medicare Supplement Plan G",
                    "Part D only",
                    "Dental Vision Hearing",
                ]
            )
            if med
            else r.choice(["Final Expense $10k", "Final Expense $25k", "Bronze HSA", "Silver 87"]),
            "product",
        ),
        N(str(r.randint(1, 5)), "quantity"),
        N(money(r, 14000, 90000), "price"),
        N(str(r.randint(30, 99)), "lead_score"),
        flag("Y"),
        flag(yn(r, 0.7)),
        flag(yn(r, 0.5)),
        N(f"https://cert.trustedform.com/{hexid(r, 40)}", "tracking_id"),
        N(uuid(r).upper(), "tracking_id"),
        N(
            f"https://{r.choice(['medicareplans-help.com', 'seniorbenefitsnow.org', 'finalexpensequotes.net'])}/lp{r.randint(1, 9)}?s={r.choice(['fb', 'g', 'tb'])}",
            "url",
        ),
        N(f"s{r.randint(1, 9)}-{r.randint(100, 999)}", "tracking_id"),
        N(f"P{r.randint(1000, 9999)}", "tracking_id"),
        N(alnum(r, 22, False), "tracking_id"),
        N(money(r, 9, 45, cents=True), "price"),
        N(fmt_date(near_date(r, p), "us"), "date"),
        N(rtime(r), "time"),
        flag(r.choice(["EST", "CST", "MST", "PST", "HST"])),
        flag(r.choice(["morning", "afternoon", "evening", "anytime"])),
        flag(r.choice(["EN", "EN", "ES"])),
        G(fmt_mbi(mbi(r), r.random() < 0.4), "US_MBI", "opaque_field/mbi")
        if med and r.random() < 0.75
        else "",
        N(f"{r.randint(2012, 2024)}-{r.randint(1, 12):02d}-01", "date") if med else "",
        N(
            r.choice(
                [
                    "Humana",
                    "Aetna",
                    "UnitedHealthcare",
                    "Wellcare",
                    "Devoted",
                    "Mutual of Omaha",
                    "Cigna",
                ]
            ),
            "org",
        ),
        G(fmt_ssn(ssn(r), r.choice(["dash", "dash", "plain"])), "US_SSN", "opaque_field/ssn")
        if r.random() < 0.4
        else "",
        flag("N"),
        N(f"B{p.created:%Y%m%d}-{r.randint(1, 20):02d}", "tracking_id"),
        N(f"A{r.randint(1000, 1999)}", "tracking_id"),
        flag(r.choice(["NEW", "NEW", "CALLBACK", "APPT_SET"])),
        N(f"{fmt_date(near_date(r, p), 'us')} {rtime(r)}", "date"),
        flag(yn(r, 0.7)),
        flag(r.choice(["Married", "Single", "Widowed", "Divorced"]) if not spouse else "Married"),
    ]
    if spouse:
        sp_first = fk.first_name()
        sp_dob = rand_dob(r, p.created.date(), max(p.age - 8, 21), p.age + 6)
        cols += [
            N(sp_first, "name"),
            dob_piece(sp_dob, r.choice(["m/d/yy", "mm/dd/yyyy", "mmddyyyy"]), "opaque_field"),
        ]
    else:
        cols += ["", ""]
    cols += [
        N("Q" + rdigits(r, 9, True), "quote_number"),
        N(money(r, 0, 160, cents=True), "price"),
        N(r.choice(["AEP2025", "FREEMEAL", "BF24", "SENIOR10", "OE25"]), "promo_code"),
        flag("0"),
        N("I agree to be contacted by phone, text and email", "phrase"),
        flag(r.choice(["mobile", "desktop", "tablet"])),
        flag(r.choice(["Chrome 129", "Safari 17", "Edge 128", "Samsung Internet 25"])),
        N(f"https://{r.choice(['www.facebook.com', 'www.google.com', 'news.yahoo.com'])}/", "url"),
        flag(yn(r, 0.3)),
    ]
    note = notes(
        r,
        p,
        bal,
        ["H", "M", "T", "R", "E", "P", "GN", "B", "S"],
        r.choice([0, 1, 1, 2]),
        r.choice([0, 1, 1]),
    )
    cols.append(note)
    assert len(cols) == 62, len(cols)
    for i, v in enumerate(cols, 1):
        lead.put(f"col_{i:02d}", v)


@schema(
    "bluecrest_custom_fields", "bluecrest-marketing", ["auto-insurance", "auto-home-bundle"], 22
)
def s_bluecrest(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Wide export: 15 named contact columns plus custom_1..custom_47."""
    c = contact(p, r)
    lead.put("lead_id", N(f"BC-{rdigits(r, 8, True)}", "tracking_id"))
    lead.put("created_at", N(ts(p.created, "isoT"), "timestamp"))
    lead.put("first_name", c["first"])
    lead.put("last_name", c["last"])
    lead.put("phone_home", blank_or(r, 0.3, lambda: phone(r, p.phone2)))
    lead.put("phone_cell", phone(r, p.phone))
    lead.put("email", c["email"])
    lead.put("address1", c["street"])
    lead.put(
        "address2",
        N(f"Apt {r.randint(1, 40)}{r.choice('ABCD')}", "street_address")
        if r.random() < 0.2
        else "",
    )
    lead.put("city", c["city"])
    lead.put("state", c["state"])
    lead.put("zip", c["zip"])
    lead.put("opt_in_sms", flag(yn(r, 0.7)))
    lead.put("opt_in_email", flag(yn(r, 0.6)))
    lead.put("tcpa_consent", flag("Y"))
    has_card = r.random() < 0.6
    brand, card_g = card_pieces(r, "opaque_field")
    codriver = r.random() < 0.45
    vals: list[Any] = [
        N(r.choice(["auto", "auto+home"]), "product"),
        flag(yn(r, 0.8)),
        N(
            r.choice(
                [
                    "Progressive",
                    "GEICO",
                    "State Farm",
                    "Liberty Mutual",
                    "Allstate",
                    "Farmers",
                    "Nationwide",
                ]
            ),
            "org",
        ),
        N(str(r.randint(3, 96)), "quantity"),
        N(r.choice(["state minimum", "standard", "premium"]), "product"),
        N(str(r.randint(1, 3)), "quantity"),
        N(str(r.randint(2006, 2024)), "year"),
        N(
            r.choice(
                ["Jeep", "Dodge", "Honda", "Toyota", "Ford", "Chevrolet", "Chrysler", "Nissan"]
            ),
            "vehicle",
        ),
        N(
            r.choice(
                [
                    "Grand Cherokee",
                    "Dakota",
                    "Civic",
                    "Camry",
                    "F-150",
                    "Silverado",
                    "Pacifica",
                    "Liberty",
                    "Rogue",
                ]
            ),
            "vehicle",
        ),
        flag(r.choice(["commute", "pleasure", "business"])),
        N(str(r.choice([7500, 10000, 12000, 15000, 20000])), "quantity"),
        dob_piece(p.dob, r.choice(["yyyymmdd", "yyyymmdd", "mmddyyyy"]), "opaque_field"),
        flag(p.sex),
        flag(r.choice(["married", "single", "divorced"])),
    ]
    if r.random() < 0.75:
        num, layout = dl(r, p.state)
        vals += [G(num, "US_DRIVER_LICENSE", f"opaque_field/dl_{layout}"), N(p.state, "state")]
    else:
        vals += ["", ""]
    vals += [
        flag("valid"),
        N(str(r.randint(15, 21)), "quantity"),
        N(str(r.randint(0, 2)), "quantity"),
        N(str(r.randint(0, 3)), "quantity"),
    ]
    if has_card:
        vals += [
            card_g,
            exp_piece(r, r.choice(["mmyy", "mm/yy", "m/yyyy", "mm/yyyy"]), "opaque_field"),
            cvv_piece(r, brand, "opaque_field"),
        ]
    else:
        vals += ["", "", ""]
    vals += [
        flag(r.choice(["excellent", "good", "fair", "poor"])),
        flag(yn(r, 0.6)),
        N(str(r.randint(1, 25)), "quantity"),
    ]
    if codriver:
        vals += [
            N(fk.first_name(), "name"),
            dob_piece(
                rand_dob(r, p.created.date(), 17, 70),
                r.choice(["m/d/yy", "mm-dd-yyyy"]),
                "opaque_field",
            ),
            flag(r.choice(["spouse", "child", "parent", "roommate"])),
        ]
    else:
        vals += ["", "", ""]
    vals += [
        flag(r.choice(["High School", "Some College", "Bachelors", "Masters"])),
        N(
            r.choice(
                ["independent contractor", "teacher", "nurse", "retired", "truck driver", "sales"]
            ),
            "phrase",
        ),
        N(r.choice(["50/100", "100/300", "250/500"]), "quantity"),
        N(r.choice(["$250", "$500", "$1,000"]), "price"),
        N(money(r, 60, 320, cents=True), "price"),
        N(f"Q-2024-{rdigits(r, 6, True)}", "quote_number"),
        N(f"sub{r.randint(10, 99)}", "tracking_id"),
        N("Cj0KCQ" + alnum(r, 18, False), "tracking_id"),
        N(r.choice(["google", "bing", "facebook"]), "utm"),
        N(r.choice(["auto_bf24", "auto_fall24", "bundle_q4", "auto_newyr"]), "utm"),
        N(f"https://quotes.bluecrestauto.com/{r.choice(['start', 'v2', 'bundle'])}", "url"),
        N(money(r, 4, 30, cents=True), "price"),
        N(str(r.randint(20, 99)), "lead_score"),
        flag(r.choice(["morning", "afternoon", "evening"])),
        N(fmt_date(near_date(r, p), r.choice(["us", "iso"])), "date"),
        N(r.choice(["BLACKFRIDAY24", "SAVE15", "BUNDLE20", ""]), "promo_code"),
        flag("N"),
    ]
    vals.append(
        notes(
            r,
            p,
            bal,
            ["U", "H", "C", "P", "R", "KIDS", "B"],
            r.choice([0, 1, 1]),
            r.choice([0, 1, 2]),
        )
    )
    assert len(vals) == 47, len(vals)
    for i, v in enumerate(vals, 1):
        lead.put(f"custom_{i}", v)


@schema(
    "cardpath_xfer", "cardpath-direct", ["credit-card-balance-transfer", "credit-card-rebuild"], 22
)
def s_cardpath(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Compact card-application export with anonymous x_fN columns."""
    c = contact(p, r)
    lead.put("ref", N(f"CPX{rdigits(r, 9, True)}", "tracking_id"))
    lead.put("ts", N(ts(p.created, "us"), "timestamp"))
    lead.put("fn", c["first"])
    lead.put("ln", c["last"])
    lead.put("ph", phone(r, p.phone))
    lead.put("em", c["email"])
    lead.put("addr1", c["street"])
    lead.put("city", c["city"])
    lead.put("st", c["state"])
    lead.put("zip", c["zip"])
    brand, card_g = card_pieces(r, "opaque_field")
    vals: list[Any] = [
        N(
            r.choice(["balance transfer card", "secured card", "cash back card", "0% APR 18mo"]),
            "product",
        ),
        N(r.choice(["$2,500", "$5,000", "$7,500", "$10,000"]), "price"),
        N(money(r, 24000, 140000), "price"),
        card_g,
        exp_piece(
            r, r.choice(["mmyy", "mm/yy", "m/yyyy", "mm-yy", "yyyy-mm", "m/yy"]), "opaque_field"
        ),
        cvv_piece(r, brand, "opaque_field"),
        dob_piece(
            p.dob, r.choice(["mm/dd/yyyy", "yyyy-mm-dd", "mon d yyyy", "m/d/yyyy"]), "opaque_field"
        ),
        r.choice(
            [G(fmt_ssn(ssn(r), r.choice(["plain", "dash"])), "US_SSN", "opaque_field/ssn")] * 11
            + [G(fmt_ssn(itin(r), r.choice(["plain", "dash"])), "US_ITIN", "opaque_field/itin")] * 4
            + [""] * 5
        ),
        flag(r.choice(["rent", "own", "family"])),
        N(money(r, 600, 2600), "price"),
        N(
            r.choice(
                ["Walmart", "Amazon", "Kroger", "Self", "Home Depot", "County Schools", "Ford"]
            ),
            "org",
        ),
        N(str(r.randint(0, 30)), "quantity"),
        N(r.choice(["BT0APR", "CARD18", "CB150", "REBUILD24"]), "promo_code"),
        N(ts(p.created, "isoT"), "timestamp"),
        N(f"APP-{rdigits(r, 7, True)}", "order_number"),
        N(money(r, 800, 9000, cents=True), "price"),
    ]
    for i, v in enumerate(vals, 1):
        lead.put(f"x_f{i}", v)


@schema(
    "segurolatino_export",
    "seguro-latino-leads",
    ["aca-open-enrollment", "final-expense", "auto-insurance"],
    18,
)
def s_segurolatino(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Spanish-language vendor export (fecha_nac, nr_ss, no_tarjeta, Vencimiento, cod_seg)."""
    c = contact(p, r)
    lead.put("id_lead", N(f"SL-{rdigits(r, 6, True)}", "tracking_id"))
    lead.put("nombre", c["first"])
    lead.put("apellidos", c["last"])
    lead.put(
        "fecha_nac",
        dob_piece(
            p.dob,
            r.choice(["dd/mm/yyyy", "dd/mm/yyyy", "es_long", "yyyy-mm-dd", "dd-mon-yyyy"]),
            "foreign_named_field",
        ),
    )
    if r.random() < 0.25:
        lead.put(
            "nr_ss",
            G(fmt_ssn(itin(r), r.choice(["dash", "plain"])), "US_ITIN", "foreign_named_field/itin"),
        )
    elif r.random() < 0.7:
        lead.put(
            "nr_ss",
            G(
                fmt_ssn(ssn(r), r.choice(["dash", "plain", "space"])),
                "US_SSN",
                "foreign_named_field/ssn",
            ),
        )
    else:
        lead.put("nr_ss", "")
    lead.put("tel_movil", phone(r, p.phone))
    lead.put("tel_casa", blank_or(r, 0.3, lambda: phone(r, p.phone2)))
    lead.put("correo", c["email"])
    lead.put("direccion", c["street"])
    lead.put("ciudad", c["city"])
    lead.put("estado", c["state"])
    lead.put("cp", c["zip"])
    lead.put("idioma", flag("ES"))
    lead.put(
        "producto",
        N(
            {
                "aca-open-enrollment": "plan de salud ACA",
                "final-expense": "gastos finales",
                "auto-insurance": "seguro de auto",
            }[lead.campaign],
            "product",
        ),
    )
    if r.random() < 0.55:
        brand, cg = card_pieces(r, "foreign_named_field")
        lead.put("no_tarjeta", cg)
        lead.put(
            "Vencimiento",
            exp_piece(r, r.choice(["mm/yy", "mm/yy", "mm/yyyy", "mmyy"]), "foreign_named_field"),
        )
        lead.put("cod_seg", cvv_piece(r, brand, "foreign_named_field"))
    else:
        lead.put("no_tarjeta", "")
        lead.put("Vencimiento", "")
        lead.put("cod_seg", "")
    lead.put("fecha_cita", N(fmt_date(near_date(r, p), "eu"), "date"))
    lead.put("hora_cita", N(rtime(r, "24h"), "time"))
    lead.put("puntaje", N(str(r.randint(20, 99)), "lead_score"))
    lead.put("acepta_sms", flag(r.choice(["Sí", "No"])))
    kids = [
        K
        for K in [
            "Mateo",
            "Sofia",
            "Diego",
            "Valentina",
            "Camila",
            "Santiago",
            "Lucas",
            "Isabella",
            "Emiliano",
            "Ximena",
            "Daniel",
            "Regina",
        ]
        if K != p.first
    ]
    es_gold = [
        "cliente {H:diabética}, toma {M:metformina}",
        "es {C:residente permanente}",
        "{R:católica}, no llamar domingo",
        "tiene {H:presión alta}",
        "{C:sin papeles}, paga en efectivo",
        "esposo en {T:diálisis}",
        "{H:embarazada} de 5 meses",
        "{P:vota republicano}",
        "es del {U:sindicato SEIU}",
        "{R:testigo de Jehová}",
        "{H:asma}, usa {M:albuterol}",
        "{C:DACA}",
        "{E:mexicana}, prefiere español",
        "{T:quimioterapia} en marzo",
        "{H:artritis} en las rodillas",
        "{R:evangélico}",
    ]
    es_neutral = [
        "llamar después de las {~time:$htime}",
        "cita el {~date:$short}",
        "tiene {~year:$vyear} Toyota Corolla",
        "quiere pagar {~price:$price} al mes",
        "vive cerca del {~phrase:Walmart de la Union}",
        "prefiere mensaje de texto",
        "no contesta en la mañana",
    ]
    chunks: list[list[Any]] = []
    for _ in range(r.choice([1, 1, 2])):
        chunks.append(parse(fill(r.choice(es_gold), r, p)))
    if r.random() < 0.5:
        a, b = r.sample(kids, 2)
        chunks.append(
            [
                "hijos: ",
                G(a, "CHILD_NAME", "notes/child_name_es"),
                " (",
                kid_age(r, False, "notes", "es"),
                "), ",
                G(b, "CHILD_NAME", "notes/child_name_es"),
                " ",
                kid_age(r, False, "notes", "es"),
            ]
        )
    if r.random() < 0.2:
        chunks.append(
            [
                "no tiene seguro social, usa ITIN ",
                G(fmt_ssn(itin(r), "dash"), "US_ITIN", "notes/itin_es"),
            ]
        )
    chunks.append(parse(fill(r.choice(es_neutral), r, p)))
    r.shuffle(chunks)
    out: list[Any] = []
    for i, ch in enumerate(chunks):
        out += (["; "] if i else []) + ch
    lead.put("notas", out)


@schema("eurofin_fr", "eurofin-remboursements", ["intl-refund", "expat-tax-refund"], 12)
def s_eurofin_fr(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """French-language refund-claim export: dt_naiss, iban, no_passeport."""
    c = contact(p, r)
    lead.put("ref_dossier", N(f"RD-{p.created:%Y}-{rdigits(r, 5, True)}", "confirmation_number"))
    lead.put("date_creation", N(ts(p.created, "eu"), "timestamp"))
    lead.put("nom", c["last"])
    lead.put("prenom", c["first"])
    lead.put(
        "dt_naiss",
        dob_piece(
            p.dob,
            r.choice(["dd/mm/yyyy", "dd/mm/yyyy", "fr_long", "dd.mm.yyyy"]),
            "foreign_named_field",
        ),
    )
    lead.put("tel", phone(r, p.phone))
    lead.put(
        "tel_etranger",
        N(
            f"+33 {r.choice('67')} {rdigits(r, 2)} {rdigits(r, 2)} {rdigits(r, 2)} {rdigits(r, 2)}",
            "phone",
        )
        if r.random() < 0.5
        else "",
    )
    lead.put("courriel", c["email"])
    lead.put("adresse", c["street"])
    lead.put("ville", c["city"])
    lead.put("etat", c["state"])
    lead.put("code_postal", c["zip"])
    country = r.choice(["FR", "FR", "ES", "GB"])
    spaced = r.random() < 0.6
    lead.put(
        "iban",
        G(
            fmt_iban(iban(r, country), spaced),
            "IBAN_CODE",
            f"foreign_named_field/iban_{country}_{'spaced' if spaced else 'plain'}",
        ),
    )
    lead.put(
        "bic",
        N(
            r.choice(
                ["BNPAFRPPXXX", "SOGEFRPP", "AGRIFRPP882", "CRLYFRPP", "BBVAESMMXXX", "NWBKGB2L"]
            ),
            "bic",
        ),
    )
    lead.put("titulaire", N(f"{p.first} {p.last}", "name"))
    if r.random() < 0.6:
        pp, form = passport(r)
        lead.put("no_passeport", G(pp, "US_PASSPORT", f"foreign_named_field/passport_{form}"))
    else:
        lead.put("no_passeport", "")
    lead.put(
        "montant_remb",
        N(f"{r.randint(120, 4800):,}".replace(",", " ") + f",{r.randint(0, 99):02d} €", "price"),
    )
    lead.put(
        "motif",
        N(
            r.choice(
                ["remboursement TVA", "trop-perçu impôt", "frais bancaires", "assurance voyage"]
            ),
            "phrase",
        ),
    )
    fr_gold = [
        "client {H:diabétique}",
        "{C:titre de séjour} en cours",
        "{R:musulman}, pas d'appel le vendredi midi",
        "{H:malentendant} - parler fort",
        "{C:green card holder}",
        "{M:Lévothyrox} tous les jours",
        "membre du {U:syndicat CGT}",
    ]
    chunks = [parse(fill(r.choice(fr_gold), r, p))] if r.random() < 0.7 else []
    if r.random() < 0.3:
        chunks.append(snip_passport(r, p))
    chunks.append(
        parse(
            fill(
                r.choice(
                    [
                        "rappeler le {~date:$short} à {~time:$htime}",
                        "dossier complet",
                        "attend les pièces justificatives",
                        "préfère l'anglais",
                        "montant confirmé {~price:$eur}",
                    ]
                ),
                r,
                p,
            )
        )
    )
    r.shuffle(chunks)
    out: list[Any] = []
    for i, ch in enumerate(chunks):
        out += ([" ; "] if i else []) + ch
    lead.put("commentaire", out)
    lead.put("consentement", flag("oui"))


@schema("eurofin_de", "eurofin-erstattung", ["intl-refund", "expat-tax-refund"], 12)
def s_eurofin_de(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """German-language refund-claim export: geb_datum, iban, reisepass_nr."""
    c = contact(p, r)
    lead.put("vorgang_nr", N(f"VG{rdigits(r, 8, True)}", "confirmation_number"))
    lead.put("erstellt", N(ts(p.created, "de"), "timestamp"))
    lead.put("nachname", c["last"])
    lead.put("vorname", c["first"])
    lead.put(
        "geb_datum",
        dob_piece(
            p.dob,
            r.choice(["dd.mm.yyyy", "dd.mm.yyyy", "de_long", "yyyy-mm-dd"]),
            "foreign_named_field",
        ),
    )
    lead.put("telefon", phone(r, p.phone))
    lead.put("email", c["email"])
    lead.put("strasse", c["street"])
    lead.put("ort", c["city"])
    lead.put("bundesstaat", c["state"])
    lead.put("plz", c["zip"])
    country = r.choice(["DE", "DE", "AT"])
    spaced = r.random() < 0.6
    lead.put(
        "iban",
        G(
            fmt_iban(iban(r, country), spaced),
            "IBAN_CODE",
            f"foreign_named_field/iban_{country}_{'spaced' if spaced else 'plain'}",
        ),
    )
    lead.put(
        "bic",
        N(r.choice(["COBADEFFXXX", "DEUTDEFF", "GENODEF1M04", "BKAUATWW", "INGDDEFFXXX"]), "bic"),
    )
    lead.put("kontoinhaber", N(f"{p.first} {p.last}", "name"))
    if r.random() < 0.6:
        pp, form = passport(r)
        lead.put("reisepass_nr", G(pp, "US_PASSPORT", f"foreign_named_field/passport_{form}"))
    else:
        lead.put("reisepass_nr", "")
    lead.put(
        "betrag",
        N(f"{r.randint(120, 4800):,}".replace(",", ".") + f",{r.randint(0, 99):02d} €", "price"),
    )
    de_gold = [
        "Kunde ist {H:schwerhörig}",
        "{R:katholisch}",
        "{C:Green Card} seit 2019",
        "nimmt {M:Metformin}",
        "{H:Diabetiker}",
        "{U:IG Metall} Mitglied",
        "{E:Sinti}",
    ]
    chunks = [parse(fill(r.choice(de_gold), r, p))] if r.random() < 0.7 else []
    if r.random() < 0.35:
        chunks.append(snip_iban(r, p))
    chunks.append(
        parse(
            fill(
                r.choice(
                    [
                        "Rückruf am {~date:$short} um {~time:$htime}",
                        "Unterlagen vollständig",
                        "bevorzugt Englisch",
                        "Betrag bestätigt {~price:$eur}",
                    ]
                ),
                r,
                p,
            )
        )
    )
    r.shuffle(chunks)
    out: list[Any] = []
    for i, ch in enumerate(chunks):
        out += ([" | "] if i else []) + ch
    lead.put("bemerkung", out)
    lead.put("einwilligung", flag("ja"))


CARRIERS = ["Humana", "Aetna", "UnitedHealthcare", "BCBS", "Wellcare", "Medicaid"]
RX_POOL = [
    "metformin 500mg",
    "Eliquis 5mg",
    "lisinopril 10mg",
    "atorvastatin 40mg",
    "Ozempic 1mg",
    "Januvia",
    "Xarelto 20mg",
    "levothyroxine 75mcg",
    "amlodipine 5mg",
    "Farxiga",
    "Trelegy Ellipta",
    "Jardiance 25mg",
    "insulin lispro",
    "Entresto",
    "gabapentin 300mg",
    "furosemide 40mg",
    "tamsulosin",
    "donepezil 10mg",
    "Breztri",
    "warfarin 5mg",
    "carvedilol",
    "Trulicity 1.5mg",
    "omeprazole",
    "sertraline 50mg",
]
COND_POOL = [
    "COPD",
    "CHF",
    "type 2 diabetes",
    "atrial fibrillation",
    "ESRD",
    "hypertension",
    "dementia",
    "rheumatoid arthritis",
    "chronic kidney disease",
    "osteoarthritis",
    "macular degeneration",
    "coronary artery disease",
    "Parkinson's",
    "peripheral neuropathy",
    "lung cancer",
    "depression",
]


@schema(
    "silverline_medicare_feed",
    "silverline-senior-leads",
    ["medicare-aep", "medicare-supplement", "medicare-sep"],
    20,
)
def s_silverline(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Medicare feed with CamelCase names and opaque attr/udf slots for MBI and plan member ID."""
    c = contact(p, r)
    lead.put("LeadID", N(str(r.randint(10_000_000, 99_999_999)), "tracking_id"))
    lead.put("CreateDt", N(ts(p.created, "us"), "timestamp"))
    lead.put("BeneFirst", c["first"])
    lead.put("BeneLast", c["last"])
    lead.put(
        "BirthDt",
        dob_piece(
            p.dob,
            r.choice(["mon d yyyy", "mm/dd/yyyy", "month d, yyyy", "yyyy-mm-dd", "m/d/yyyy"]),
            "named_field",
        ),
    )
    lead.put("Gender", flag(p.sex))
    lead.put("Phone1", phone(r, p.phone))
    lead.put("Phone2", blank_or(r, 0.35, lambda: phone(r, p.phone2)))
    lead.put("Email", c["email"] if r.random() < 0.8 else "")
    lead.put("Addr1", c["street"])
    lead.put("Addr2", N(f"Unit {r.randint(1, 300)}", "street_address") if r.random() < 0.2 else "")
    lead.put("City", c["city"])
    lead.put("St", c["state"])
    lead.put("Zip5", c["zip"])
    lead.put("Zip4", N(p.zip4, "zip"))
    lead.put("County", c["county"])
    lead.put(
        "attr9",
        G(fmt_mbi(mbi(r), r.random() < 0.5), "US_MBI", "opaque_field/mbi")
        if r.random() < 0.85
        else "",
    )
    lead.put("attr10", N(f"{r.randint(1, 12):02d}/01/{r.randint(2010, 2024)}", "date"))
    lead.put("attr11", N(f"{r.randint(1, 12):02d}/01/{r.randint(2010, 2024)}", "date"))
    carrier = r.choice(CARRIERS[:-1])
    lead.put(
        "udf_03",
        G(health_plan_id(r, carrier), "HEALTH_PLAN_ID", f"opaque_field/member_id_{carrier.lower()}")
        if r.random() < 0.7
        else "",
    )
    lead.put("udf_04", N(carrier, "org"))
    lead.put(
        "udf_05",
        N(
            f"{carrier} {r.choice(['Gold Plus', 'Choice PPO', 'Value Rx', 'Dual Complete'])} "
            f"H{r.randint(1000, 9999)}-{r.randint(1, 300):03d}",
            "product",
        ),
    )
    rx = r.sample(RX_POOL, r.randint(0, 4))
    rx_parts: list[Any] = []
    sep = r.choice(["; ", ", ", " | "])
    for i, m in enumerate(rx):
        rx_parts += ([sep] if i else []) + [G(m, "MEDICATION", "named_field/rx_list")]
    lead.put("Rx_List", rx_parts)
    conds = r.sample(COND_POOL, r.randint(0, 3))
    cparts: list[Any] = []
    for i, m in enumerate(conds):
        cparts += ([", "] if i else []) + [G(m, "HEALTH_CONDITION", "named_field/conditions_list")]
    lead.put("Conditions", cparts)
    lead.put("ApptDate", N(fmt_date(near_date(r, p), r.choice(["us", "uslong"])), "date"))
    lead.put("ApptTime", N(rtime(r), "time"))
    lead.put(
        "SEP_Reason",
        N(r.choice(["moved", "lost coverage", "AEP", "turning 65", "5-star plan"]), "phrase"),
    )
    lead.put(
        "Notes",
        notes(
            r,
            p,
            bal,
            ["H", "T", "M", "R", "E", "GN", "HPID", "KIDS", "P", "B", "S", "MBI"],
            r.choice([1, 1, 2]),
            r.choice([0, 1, 1]),
        ),
    )


@schema("ledgerline_debt", "ledgerline-debt-relief", ["debt-relief", "tax-debt"], 18)
def s_ledgerline(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Debt-relief CRM export: banking, login and security answers in udf_NN slots."""
    c = contact(p, r)
    lead.put("lead_uid", N(uuid(r), "tracking_id"))
    lead.put("first", c["first"])
    lead.put("last", c["last"])
    lead.put("cell", phone(r, p.phone))
    lead.put("email", c["email"])
    lead.put("street", c["street"])
    lead.put("city", c["city"])
    lead.put("state", c["state"])
    lead.put("zip", c["zip"])
    lead.put("total_debt", N(money(r, 8000, 90000), "price"))
    lead.put("num_creditors", N(str(r.randint(2, 11)), "quantity"))
    lead.put("udf_01", N(r.choice(BANKS), "org"))
    lead.put("udf_02", G(aba(r), "ABA_ROUTING_NUMBER", "opaque_field/routing"))
    lead.put("udf_03", G(bank_account(r), "US_BANK_NUMBER", "opaque_field/account"))
    lead.put("udf_04", flag(r.choice(["checking", "savings", "CHK"])))
    lead.put("udf_05", username(r, p) if r.random() < 0.7 else p.email)
    lead.put("udf_06", G(password(r, p), "ACCOUNT_SECRET", "opaque_field/password_beside_username"))
    lead.put(
        "udf_07",
        G(rdigits(r, r.choice([4, 4, 5, 6])), "ACCOUNT_SECRET", "opaque_field/pin_beside_password"),
    )
    lead.put(
        "udf_08",
        N(
            r.choice(
                [
                    "GM Flint Assembly",
                    "Kroger",
                    "Amazon",
                    "Self-employed",
                    "County of Erie",
                    "Tyson Foods",
                    "Ford Rouge",
                    "UPS",
                    "Walmart",
                ]
            ),
            "org",
        ),
    )
    if r.random() < 0.6:
        u = r.choice(
            [
                "yes - UAW",
                "yes - UAW",
                "Y - SEIU 1199",
                "yes (Teamsters)",
                "IBEW",
                "yes - AFSCME",
                "Y",
                "no",
                "N",
            ]
        )
        lead.put("union_member", G(u, "UNION_MEMBERSHIP", "fact_named_field/union_member"))
    else:
        lead.put("union_member", "")
    lead.put("udf_09", N(money(r, 1800, 7400), "price"))
    hardship = [
        "laid off from plant, {U:UAW Local 600} strike pay ran out",
        "medical bills from {T:chemo}",
        "husband had {H:stroke}, lost 2nd income",
        "divorce, ex left the cards",
        "{H:back injury} at work, on disability",
        "hours cut at the warehouse",
        "{H:cancer} treatment bills",
        "business closed",
        "card balances from {T:IVF}",
        "helping daughter w/ rent",
    ]
    hp = parse(fill(r.choice(hardship), r, p))
    lead.put(
        "udf_10",
        notes(
            r,
            p,
            bal,
            ["PIN", "SEC", "PW", "BANK", "SSN", "U", "B", "ITIN"],
            r.choice([0, 1]),
            0,
            lc=0.7,
            extra=[hp],
        ),
    )
    lead.put(
        "udf_11", r.choice(["mother's maiden name", "first pet", "street you grew up on", "mmn"])
    )
    ans = r.choice(SECRETS_MAIDEN + SECRETS_PETS + ["Elm St", "Oak Hollow Rd"])
    lead.put("udf_12", G(ans, "ACCOUNT_SECRET", "opaque_field/security_answer_beside_question"))
    lead.put("enrolled_dt", N(fmt_date(near_date(r, p, 0, 20), "iso"), "date"))


@schema(
    "vitalquote_health",
    "vitalquote-insurance",
    ["life-term", "life-term", "aca-open-enrollment"],
    20,
)
def s_vitalquote(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Life/health quote form with columns named after the health fact (pregnant_yn, smoker, hiv_status)."""
    c = contact(p, r)
    F = lambda v, what: G(v, "HEALTH_CONDITION", f"fact_named_field/{what}")  # noqa: E731
    lead.put("quote_id", N(f"VQ{rdigits(r, 7, True)}", "quote_number"))
    lead.put("created", N(ts(p.created), "timestamp"))
    lead.put("first_name", c["first"])
    lead.put("last_name", c["last"])
    lead.put(
        "dob",
        dob_piece(
            p.dob, r.choice(["mm/dd/yyyy", "yyyy-mm-dd", "m/d/yy", "mmddyyyy"]), "named_field"
        ),
    )
    lead.put("gender", flag(p.sex))
    lead.put("phone", phone(r, p.phone))
    lead.put("email", c["email"])
    lead.put("address", c["street"])
    lead.put("city", c["city"])
    lead.put("state", c["state"])
    lead.put("zip", c["zip"])
    lead.put(
        "coverage_amt",
        N(r.choice(["$100,000", "$250,000", "$500,000", "$25,000", "$10,000"]), "price"),
    )
    lead.put("term_years", N(r.choice(["10", "20", "30"]), "quantity"))
    if p.sex == "F" and p.age < 50:
        lead.put("pregnant_yn", F(r.choice(["Y", "N"]), "pregnant_yn"))
    else:
        lead.put("pregnant_yn", "N/A" if r.random() < 0.5 else "")
    tobacco = r.random() < 0.3
    lead.put(
        "uses_tobacco",
        F(
            r.choice(
                ["yes", "Y", "yes - cigarettes"] if tobacco else ["no", "N", "never", "quit 2019"]
            ),
            "uses_tobacco",
        ),
    )
    lead.put("smoker", F("1" if tobacco else "0", "smoker"))
    lead.put(
        "hiv_status",
        F(r.choice(["negative"] * 5 + ["never tested", "positive"]), "hiv_status")
        if r.random() < 0.8
        else "",
    )
    lead.put("disability", F(r.choice(["Y", "N", "N"]), "disability"))
    inches = r.randint(60, 70) if p.sex == "F" else r.randint(64, 76)
    weight = r.randint(115, 300)
    lead.put("height", f"{inches // 12}'{inches % 12}\"")
    lead.put("weight_lbs", str(weight))
    lead.put("bmi", F(f"{703 * weight / inches**2:.1f}", "bmi"))
    pre = r.sample(
        [
            "type 2 diabetes",
            "high blood pressure",
            "sleep apnea",
            "asthma",
            "depression",
            "afib",
            "COPD",
            "kidney disease",
            "arthritis",
            "anxiety",
            "hypothyroidism",
        ],
        r.randint(0, 2),
    )
    pp: list[Any] = []
    for i, m in enumerate(pre):
        pp += ([", "] if i else []) + [G(m, "HEALTH_CONDITION", "fact_named_field/preexisting")]
    lead.put("preexisting", pp)
    if r.random() < 0.45:
        lead.put(
            "family_hx",
            parse(
                r.choice(
                    [
                        "mother - {GN:BRCA1+}",
                        "{GN:BRCA2 positive} (tested 2022)",
                        "dad {GN:Lynch syndrome carrier}",
                        "{GN:APOE4} per 23andMe",
                        "{GN:Factor V Leiden heterozygous}",
                        "{GN:sickle cell trait}",
                    ]
                ),
                "fact_named_field",
            ),
        )
    else:
        lead.put("family_hx", "")
    meds = r.sample(
        [
            "metformin",
            "lisinopril",
            "atorvastatin",
            "sertraline",
            "albuterol",
            "levothyroxine",
            "Eliquis",
            "Adderall",
            "Wellbutrin",
            "CPAP only",
        ],
        r.randint(0, 2),
    )
    mp: list[Any] = []
    for i, m in enumerate(meds):
        t = "MEDICAL_TREATMENT" if m == "CPAP only" else "MEDICATION"
        mp += ([", "] if i else []) + [G(m, t, "named_field/meds")]
    lead.put("meds", mp)
    if r.random() < 0.4:
        lead.put(
            "hospitalized_5yr",
            G(
                r.choice(
                    [
                        "yes - knee replacement",
                        "Y - gallbladder surgery",
                        "yes, heart stent 2021",
                        "yes - c-section",
                        "rehab 30 days",
                    ]
                ),
                "MEDICAL_TREATMENT",
                "fact_named_field/hospitalized_5yr",
            ),
        )
    else:
        lead.put("hospitalized_5yr", "")
    lead.put("quote_premium", N(money(r, 18, 260, cents=True), "price"))
    if r.random() < 0.35:
        brand, cg = card_pieces(r, "named_field")
        lead.put("cc_num", cg)
        lead.put("cc_exp", exp_piece(r, r.choice(["mm/yy", "mmyy", "m/yyyy"]), "named_field"))
        lead.put("cc_cvv", cvv_piece(r, brand, "named_field"))
    lead.put(
        "agent_notes",
        notes(r, p, bal, ["H", "GN", "B", "M", "S", "R"], r.choice([0, 1, 1]), r.choice([0, 1])),
    )


@schema(
    "civicpulse_coreg", "civicpulse-research", ["survey-coreg", "legal-claims", "debt-relief"], 18
)
def s_civicpulse(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Co-registration survey export: demographic answers in columns named after the fact."""
    c = contact(p, r)
    F = lambda v, t, what: G(v, t, f"fact_named_field/{what}")  # noqa: E731
    lead.put("sub_id", N(f"cp_{alnum(r, 10, False)}", "tracking_id"))
    lead.put("first", c["first"])
    lead.put("last", c["last"])
    lead.put("email", c["email"])
    lead.put("phone", phone(r, p.phone))
    lead.put("zip", c["zip"])
    lead.put("state", c["state"])
    lead.put("age", N(str(p.age), "adult_age"))
    opt = r.random
    if opt() < 0.75:
        lead.put(
            "religion",
            F(
                r.choice(
                    [
                        "Catholic",
                        "Baptist",
                        "Muslim",
                        "Jewish",
                        "LDS",
                        "None/Atheist",
                        "Jehovah's Witness",
                        "Hindu",
                        "Evangelical Christian",
                        "Orthodox",
                    ]
                ),
                "RELIGION",
                "religion",
            ),
        )
    if opt() < 0.8:
        lead.put(
            "party",
            F(
                r.choice(["R", "D", "I", "Rep", "Dem", "Independent", "Libertarian", "Green"]),
                "POLITICAL_OPINION",
                "party",
            ),
        )
    if opt() < 0.75:
        lead.put(
            "ethnicity",
            F(
                r.choice(
                    [
                        "Hispanic/Latino",
                        "Black/African American",
                        "White",
                        "Asian",
                        "American Indian (Navajo)",
                        "Native Hawaiian",
                        "Hmong",
                        "Two or more",
                        "Lakota Sioux",
                        "Haitian",
                    ]
                ),
                "RACIAL_ETHNIC_ORIGIN",
                "ethnicity",
            ),
        )
    if opt() < 0.6:
        lead.put(
            "union_member",
            F(
                r.choice(
                    [
                        "yes - UAW",
                        "yes - UAW",
                        "Y",
                        "no",
                        "SEIU",
                        "yes - IBEW Local 58",
                        "N",
                        "Teamsters",
                    ]
                ),
                "UNION_MEMBERSHIP",
                "union_member",
            ),
        )
    if opt() < 0.5:
        lead.put(
            "orientation",
            F(
                r.choice(["straight", "gay", "lesbian", "bisexual", "asexual"]),
                "SEXUAL_ORIENTATION_SEX_LIFE",
                "orientation",
            ),
        )
    if opt() < 0.55:
        lead.put(
            "citizenship",
            F(
                r.choice(["US citizen", "green card", "naturalized", "non-citizen", "DACA"]),
                "CITIZENSHIP_IMMIGRATION",
                "citizenship",
            ),
        )
    if opt() < 0.45:
        lead.put(
            "va_rating",
            F(r.choice(["60%", "100%", "30%", "70%", "10%"]), "HEALTH_CONDITION", "va_rating"),
        )
    lead.put(
        "income_bracket", N(r.choice(["$25k-$50k", "$50k-$75k", "<$25k", "$75k-$100k"]), "price")
    )
    lead.put(
        "interests",
        N(
            r.choice(["gardening;travel", "fishing;hunting", "cooking;crafts", "sports;grilling"]),
            "phrase",
        ),
    )
    lead.put("opt_in_sms", flag(yn(r, 0.6)))
    lead.put("opt_in_email", flag(yn(r, 0.8)))
    lead.put("created", N(ts(p.created, "isoT"), "timestamp"))
    pol = [
        "{P:leans left}",
        "{P:anti-abortion}",
        "{P:committed independent}",
        "{P:votes straight-ticket Democrat}",
        "{P:ward chairman for the Republicans}",
        "{P:strong conservative}",
        "{P:liberal}",
        "{P:pro-gun}",
        "{P:supports Medicare for All}",
    ]
    if r.random() < 0.5:
        lead.put("q14_politics_other", parse(r.choice(pol), "fact_named_field"))
    lead.put(
        "survey_comments",
        notes(r, p, bal, ["P", "C", "B", "GN"], r.choice([0, 1]), r.choice([0, 1])),
    )


@schema(
    "callbridge_transfer_notes",
    "callbridge-live-transfers",
    [
        "medicare-aep",
        "final-expense",
        "debt-relief",
        "auto-insurance",
        "mva-injury",
        "personal-loan",
    ],
    36,
)
def s_callbridge(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Live-transfer vendor: one-line address and a long free-text agent note."""
    lead.put("lead", N(f"CB{rdigits(r, 6, True)}", "tracking_id"))
    lead.put(
        "full_name",
        N(f"{p.first} {p.last}", "name") if r.random() < 0.7 else N(f"{p.last}, {p.first}", "name"),
    )
    lead.put("phone", phone(r, p.phone))
    lead.put("email", N(p.email, "email"))
    zipv = N(p.zip, "zip") if r.random() < 0.6 else N(f"{p.zip}-{p.zip4}", "zip")
    lead.put(
        "addr",
        N(p.street, "street_address"),
        ", ",
        N(p.city, "city"),
        ", ",
        N(p.state, "state"),
        " ",
        zipv,
    )
    lead.put("product", N(lead.campaign.replace("-", " "), "product"))
    lead.put("xfer_time", N(ts(p.created, "us"), "timestamp"))
    lead.put("agent_name", N(fk.first_name(), "name"))
    cats = [
        "SSN",
        "DOB",
        "PIN",
        "PW",
        "SEC",
        "PP",
        "DL",
        "KIDS",
        "H",
        "M",
        "T",
        "E",
        "R",
        "U",
        "S",
        "C",
        "P",
        "GN",
        "B",
        "CARD",
        "BANK",
        "ITIN",
        "MBI",
        "HPID",
        "GEO",
    ]
    extra = []
    if r.random() < 0.3:
        extra.append(["alt # ", phone(r, p.phone2)])
    if r.random() < 0.2:
        extra.append(
            [
                "spoke w/ ",
                r.choice(["wife", "husband", "son", "daughter"]),
                " ",
                N(fk.first_name(), "name"),
            ]
        )
    lead.put(
        "agent_notes",
        notes(r, p, bal, cats, r.choice([3, 3, 4, 5]), r.choice([1, 1, 2]), lc=0.65, extra=extra),
    )
    lead.put("dispo", flag(r.choice(["XFER", "SALE", "CB", "NI"])))


@schema("sunray_solar", "sunray-home-pros", ["solar-install", "roofing", "home-warranty"], 16)
def s_sunray(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Solar / home-services canvass export with roof coordinates."""
    c = contact(p, r)
    lead.put("lead_id", N(f"SR-{rdigits(r, 6, True)}", "tracking_id"))
    lead.put("homeowner_name", N(f"{p.first} {p.last}", "name"))
    lead.put("phone", phone(r, p.phone))
    lead.put("email", c["email"])
    lead.put("site_address", c["street"])
    lead.put("city", c["city"])
    lead.put("state", c["state"])
    lead.put("zip", c["zip"])
    lat, lng = geo_for(r, p)
    lead.put("lat", G(lat, "PRECISE_GEOLOCATION", "named_field/latitude"))
    lead.put("lng", G(lng, "PRECISE_GEOLOCATION", "named_field/longitude"))
    lead.put("roof_age", N(str(r.randint(1, 30)), "quantity"))
    lead.put("roof_type", N(r.choice(["asphalt shingle", "metal", "tile", "flat/TPO"]), "phrase"))
    lead.put("avg_electric_bill", N(money(r, 80, 420), "price"))
    lead.put(
        "utility",
        N(
            r.choice(
                [
                    "Duke Energy",
                    "FPL",
                    "Georgia Power",
                    "Xcel Energy",
                    "PG&E",
                    "Entergy",
                    "APS",
                    "Dominion Energy",
                ]
            ),
            "org",
        ),
    )
    lead.put("credit_band", flag(r.choice(["650+", "700+", "600-649", "unknown"])))
    lead.put("hoa", flag(yn(r, 0.3)))
    lead.put("shade", flag(r.choice(["none", "partial", "heavy"])))
    lead.put("appt_date", N(fmt_date(near_date(r, p), r.choice(["us", "iso", "long"])), "date"))
    lead.put("appt_window", N(r.choice(["10-12", "12-2", "2-4", "4-6", "9am-11am"]), "time"))
    lead.put("canvasser", N(fk.first_name(), "name"))
    solar_gold = [
        "{H:hard of hearing} - knock loud",
        "husband {H:in a wheelchair}, use side door",
        "{H:legally blind}, wife signs",
        "{P:anti-solar Republican} neighbor, lol hes fine",
        "{R:Jehovah's Witness}, no saturday mornings",
        "{H:oxygen dependent} - power outages scare her",
        "{T:home dialysis} machine - needs backup battery",
        "{E:Hmong} family, son translates",
    ]
    extra = [parse(fill(r.choice(solar_gold), r, p))] if r.random() < 0.55 else []
    lead.put(
        "notes",
        notes(r, p, bal, ["KIDS", "GEO", "H"], r.choice([0, 1]), r.choice([1, 2]), extra=extra),
    )


@schema(
    "lexclaim_intake",
    "lexclaim-mass-tort",
    ["mass-tort-camp-lejeune", "mass-tort-talc", "mva-injury", "mass-tort-roundup"],
    16,
)
def s_lexclaim(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Legal-claim intake export: injury, treatment, DOB_dt, nr_ss, Medicaid number."""
    c = contact(p, r)
    lead.put("intake_id", N(f"LX-{rdigits(r, 7, True)}", "tracking_id"))
    lead.put("claimant_first", c["first"])
    lead.put("claimant_last", c["last"])
    lead.put(
        "DOB_dt",
        dob_piece(
            p.dob, r.choice(["mm/dd/yyyy", "m/d/yyyy", "yyyy-mm-dd", "dd-mon-yyyy"]), "named_field"
        ),
    )
    lead.put("phone", phone(r, p.phone))
    lead.put("email", c["email"])
    lead.put("mailing_address", c["street"])
    lead.put("city", c["city"])
    lead.put("state", c["state"])
    lead.put("zip", c["zip"])
    lead.put(
        "case_type",
        N(
            {
                "mass-tort-camp-lejeune": "Camp Lejeune water",
                "mass-tort-talc": "talc",
                "mva-injury": "MVA",
                "mass-tort-roundup": "Roundup",
            }[lead.campaign],
            "product",
        ),
    )
    injuries = {
        "mass-tort-camp-lejeune": [
            "kidney cancer",
            "bladder cancer",
            "Parkinson's disease",
            "leukemia",
            "non-Hodgkin lymphoma",
            "liver cancer",
        ],
        "mass-tort-talc": ["ovarian cancer", "mesothelioma"],
        "mva-injury": [
            "herniated disc",
            "whiplash",
            "broken femur",
            "concussion",
            "torn rotator cuff",
            "TBI",
        ],
        "mass-tort-roundup": ["non-Hodgkin lymphoma", "B-cell lymphoma"],
    }[lead.campaign]
    inj = r.sample(injuries, r.randint(1, 2))
    ip: list[Any] = []
    for i, m in enumerate(inj):
        ip += ([" + "] if i else []) + [G(m, "HEALTH_CONDITION", "named_field/injury")]
    lead.put("injury", ip)
    lead.put("dx_year", str(r.randint(2005, 2024)))
    tr = r.sample(
        [
            "chemo",
            "radiation",
            "nephrectomy",
            "surgery",
            "physical therapy",
            "epidural injections",
            "hysterectomy",
            "stem cell transplant",
            "spinal fusion",
        ],
        r.randint(0, 2),
    )
    tp: list[Any] = []
    for i, m in enumerate(tr):
        tp += ([", "] if i else []) + [G(m, "MEDICAL_TREATMENT", "named_field/treatment")]
    lead.put("treatment", tp)
    lead.put(
        "nr_ss",
        G(fmt_ssn(ssn(r), r.choice(["dash", "plain"])), "US_SSN", "foreign_named_field/ssn")
        if r.random() < 0.5
        else "",
    )
    lead.put(
        "medicaid_no",
        G(health_plan_id(r, "Medicaid"), "HEALTH_PLAN_ID", "named_field/medicaid_no")
        if r.random() < 0.35
        else "",
    )
    lead.put("signed_date", N(fmt_date(near_date(r, p, 0, 10), "us"), "date"))
    lead.put("retainer_no", N(f"RET{rdigits(r, 6, True)}", "confirmation_number"))
    lead.put("referral_src", N(r.choice(["tv", "facebook", "radio", "google"]), "utm"))
    extra = []
    if lead.campaign == "mva-injury":
        acc = p.created.date() - dt.timedelta(days=r.randint(5, 120))
        extra.append(
            [
                "MVA ",
                N(f"{acc.month}/{acc.day}/{acc.year % 100}", "date"),
                " rear-ended on ",
                N(r.choice(["I-4", "I-75", "Hwy 59", "US-1"]), "phrase"),
            ]
        )
    if lead.campaign == "mass-tort-camp-lejeune" and p.dob.year + 18 <= 1987:
        start = r.randint(max(p.dob.year + 18, 1953), 1987)
        end = r.randint(start + 1, min(start + 4, 1990))
        extra.append(["stationed ", N(str(start), "year"), "-", N(str(end), "year")])
    lead.put(
        "intake_notes",
        notes(
            r,
            p,
            bal,
            ["H", "M", "T", "KIDS", "SSN", "HPID", "E", "GN", "S", "C"],
            r.choice([1, 1, 2]),
            r.choice([0, 1]),
            lc=0.6,
            extra=extra,
        ),
    )


@schema(
    "campusreach_edu",
    "campusreach-edu",
    ["edu-nursing", "edu-online-degree", "edu-trade-school"],
    14,
)
def s_campusreach(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Education lead export: DOB_dt, CitizenshipStatus, Ethnicity, Children."""
    c = contact(p, r)
    lead.put("FirstName", c["first"])
    lead.put("LastName", c["last"])
    lead.put("Email", c["email"])
    lead.put("Phone", phone(r, p.phone))
    lead.put("Zip", c["zip"])
    lead.put("State", c["state"])
    lead.put(
        "DOB_dt",
        dob_piece(p.dob, r.choice(["m/d/yyyy", "mm/dd/yyyy", "yyyy-mm-dd"]), "named_field"),
    )
    lead.put("GradYear", N(str(p.dob.year + 18), "year"))
    lead.put("HSGradYN", flag("Y"))
    lead.put(
        "ProgramInterest",
        N(
            r.choice(
                [
                    "Nursing RN-BSN",
                    "Medical Assisting",
                    "HVAC",
                    "Business Admin BS",
                    "Criminal Justice AS",
                    "Welding",
                ]
            ),
            "product",
        ),
    )
    lead.put("StartTerm", N(r.choice(["Spring 2025", "Summer 2025", "Fall 2025"]), "term"))
    if r.random() < 0.6:
        lead.put(
            "CitizenshipStatus",
            G(
                r.choice(
                    [
                        "US Citizen",
                        "Permanent Resident",
                        "DACA",
                        "F-1 visa",
                        "Eligible non-citizen",
                        "Naturalized",
                    ]
                ),
                "CITIZENSHIP_IMMIGRATION",
                "fact_named_field/citizenship_status",
            ),
        )
    else:
        lead.put("CitizenshipStatus", "")
    if r.random() < 0.5:
        lead.put(
            "Ethnicity",
            G(
                r.choice(
                    [
                        "Hispanic",
                        "African American",
                        "Asian",
                        "Cherokee Nation",
                        "Two or more races",
                        "Pacific Islander",
                    ]
                ),
                "RACIAL_ETHNIC_ORIGIN",
                "fact_named_field/ethnicity",
            ),
        )
    else:
        lead.put("Ethnicity", "")
    if r.random() < 0.6:
        lead.put(
            "Children",
            lower_parts(snip_kids(r, p, "named_field"))
            if r.random() < 0.4
            else snip_kids(r, p, "named_field"),
        )
    else:
        lead.put("Children", "")
    lead.put("ContactTime", flag(r.choice(["Morning", "Afternoon", "Evening"])))
    lead.put("LeadScore", N(str(r.randint(10, 99)), "lead_score"))
    lead.put("OptInSMS", flag(yn(r, 0.7)))
    lead.put(
        "Notes", notes(r, p, bal, ["KIDS", "C", "H", "B", "E"], r.choice([0, 1]), r.choice([0, 1]))
    )


@schema("quickfund_loans", "quickfund-lending", ["personal-loan", "payday-loan"], 18)
def s_quickfund(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Loan application export with short opaque names c1..c24."""
    c = contact(p, r)
    vals: list[Any] = [
        c["first"],
        c["last"],
        phone(r, p.phone),
        c["email"],
        c["street"],
        c["city"],
        dob_piece(
            p.dob, r.choice(["dd-mon-yyyy", "dd-MON-yy", "m/d/yyyy", "dd-mon-yyyy"]), "opaque_field"
        ),
    ]
    if r.random() < 0.2:
        vals.append(
            G(fmt_ssn(itin(r), r.choice(["dash", "plain"])), "US_ITIN", "opaque_field/itin")
        )
    else:
        vals.append(
            G(fmt_ssn(ssn(r), r.choice(["dash", "plain", "space"])), "US_SSN", "opaque_field/ssn")
        )
    has_dl = r.random() < 0.75
    if has_dl:
        num, layout = dl(r, p.state)
        vals += [G(num, "US_DRIVER_LICENSE", f"opaque_field/dl_{layout}"), N(p.state, "state")]
    else:
        vals += ["", ""]
    vals += [
        G(aba(r), "ABA_ROUTING_NUMBER", "opaque_field/routing"),
        G(bank_account(r), "US_BANK_NUMBER", "opaque_field/account"),
        N(r.choice(BANKS), "org"),
        flag(r.choice(["biweekly", "weekly", "monthly", "semi-monthly"])),
        N(fmt_date(near_date(r, p, 2, 16), r.choice(["us", "iso"])), "date"),
        N(money(r, 1400, 6200), "price"),
        N(
            r.choice(
                [
                    "Amazon",
                    "Dollar General",
                    "Home Depot",
                    "Self",
                    "US Army",
                    "Target",
                    "McDonald's",
                ]
            ),
            "org",
        ),
        N(str(r.randint(1, 120)), "quantity"),
        N(r.choice(["$500", "$1,000", "$1,500", "$2,500", "$5,000"]), "price"),
        c["state"],
        c["zip"],
    ]
    if not has_dl or r.random() < 0.2:
        pp, form = passport(r)
        vals.append(G(pp, "US_PASSPORT", f"opaque_field/passport_{form}"))
    else:
        vals.append("")
    vals += [flag("US"), N(ts(p.created, "isoT"), "timestamp")]
    assert len(vals) == 24
    for i, v in enumerate(vals, 1):
        lead.put(f"c{i}", v)


@schema("homeshield_fields", "homeshield-warranty", ["home-warranty", "roofing"], 16)
def s_homeshield(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Home-warranty sale export with anonymous field_NN columns, card and DOB inside."""
    c = contact(p, r)
    brand, cg = card_pieces(r, "opaque_field")
    vals: list[Any] = [
        c["first"],
        c["last"],
        phone(r, p.phone),
        c["email"],
        c["street"],
        c["city"],
        c["state"],
        c["zip"],
        N(r.choice(["single family", "townhome", "condo", "mobile home"]), "phrase"),
        N(f"{r.randint(900, 3800):,}", "quantity"),
        N(str(r.randint(1955, 2022)), "year"),
        N(r.choice(["Silver", "Gold", "Platinum"]), "product"),
        N(money(r, 39, 89, cents=True) + "/mo", "price"),
        cg,
        exp_piece(r, r.choice(["mmyy", "mm/yy", "m/yyyy", "mm/yyyy", "mon yyyy"]), "opaque_field"),
        cvv_piece(r, brand, "opaque_field"),
        N(p.zip, "zip"),
        dob_piece(
            p.dob,
            r.choice(["mon d yyyy", "month d, yyyy", "yyyymmdd", "dd-mon-yyyy"]),
            "opaque_field",
        )
        if r.random() < 0.7
        else "",
        N(f"HS{rdigits(r, 8, True)}", "order_number"),
        notes(
            r,
            p,
            bal,
            ["H", "KIDS", "PIN", "S", "B", "GN", "CARD"],
            r.choice([0, 1]),
            r.choice([1, 1, 2]),
        ),
    ]
    for i, v in enumerate(vals, 1):
        lead.put(f"field_{i:02d}", v)


@schema(
    "apexmedia_flat",
    "apex-media-group",
    ["family-dental", "child-life-insurance", "529-savings"],
    12,
)
def s_apexmedia(lead: Lead, r: random.Random, fk: Faker, bal: Balancer, p: Person) -> None:
    """Flattened JSON export with dotted keys, including household.children[i].name/age."""
    c = contact(p, r)
    lead.put("meta.lead_id", N(uuid(r), "tracking_id"))
    lead.put("meta.created_at", N(ts(p.created, "isoT"), "timestamp"))
    lead.put("meta.utm_source", N(r.choice(["facebook", "tiktok", "google"]), "utm"))
    lead.put(
        "meta.utm_campaign", N(r.choice(["fam_dental_q4", "kids_life_bf", "529_newyr"]), "utm")
    )
    lead.put("contact.first_name", c["first"])
    lead.put("contact.last_name", c["last"])
    lead.put("contact.phone", phone(r, p.phone))
    lead.put("contact.email", c["email"])
    lead.put("contact.address.street", c["street"])
    lead.put("contact.address.city", c["city"])
    lead.put("contact.address.state", c["state"])
    lead.put("contact.address.zip", c["zip"])
    lead.put(
        "applicant.dob",
        dob_piece(p.dob, r.choice(["yyyy-mm-dd", "yyyy-mm-dd", "mm/dd/yyyy"]), "named_field"),
    )
    if r.random() < 0.5:
        lead.put("applicant.ssn_last4", G(ssn(r)[5:], "US_SSN", "named_field/ssn_last4"))
    n = r.randint(1, 3)
    names = r.sample([k for k in KID_NAMES if k != p.first], n)
    for i, nm in enumerate(names):
        lead.put(
            f"household.children[{i}].name", G(nm, "CHILD_NAME", "named_field/child_name_json")
        )
        age = r.randint(0, 17)
        lead.put(
            f"household.children[{i}].age", G(str(age), "CHILD_AGE", "named_field/child_age_json")
        )
    lead.put("household.size", N(str(n + r.randint(1, 2)), "quantity"))
    lead.put(
        "offer.product",
        N(
            {
                "family-dental": "Family Dental PPO",
                "child-life-insurance": "Whole Life Juvenile $25k",
                "529-savings": "529 College Plan",
            }[lead.campaign],
            "product",
        ),
    )
    lead.put("offer.price", N(money(r, 12, 90, cents=True), "price"))
    if lead.campaign == "family-dental" and r.random() < 0.6:
        brand, cg = card_pieces(r, "named_field")
        lead.put("payment.card.number", cg)
        lead.put("payment.card.exp", exp_piece(r, r.choice(["mm/yy", "mmyy"]), "named_field"))
        lead.put("payment.card.cvc", cvv_piece(r, brand, "named_field"))
    lead.put("consent.tcpa", flag("true"))
    lead.put("consent.sms", flag(r.choice(["true", "false"])))


# --------------------------------------------------------------------------------------------
# Checks and main
# --------------------------------------------------------------------------------------------


def check(rec: dict[str, Any]) -> list[str]:
    errs: list[str] = []
    fields = rec["fields"]
    for g in rec["gold"]:
        modes = [m for m in ("digits", "text", "chars") if m in g]
        if len(modes) != 1:
            errs.append(f"gold modes {modes}")
        for f, s, e in g["spans"]:
            span = fields[f][s:e]
            if "digits" in g and "".join(ch for ch in span if ch.isdigit()) != g["digits"]:
                errs.append(f"digits mismatch {span!r} {g['digits']}")
            if "chars" in g and re.sub(r"[^A-Za-z0-9]", "", span) != g["chars"]:
                errs.append(f"chars mismatch {span!r}")
            if "text" in g and span != g["text"]:
                errs.append(f"text mismatch {span!r}")
        if g["type"] == "CREDIT_CARD" and not luhn_ok(g["digits"]):
            errs.append("luhn")
        if g["type"] == "ABA_ROUTING_NUMBER" and not aba_ok(g["digits"]):
            errs.append("aba")
        if g["type"] == "IBAN_CODE" and not iban_ok(g["chars"]):
            errs.append("iban")
        if g["type"] == "US_MBI" and not mbi_ok(g["chars"]):
            errs.append("mbi")
    spans = [(f, s, e) for g in rec["gold"] for f, s, e in g["spans"]]
    for n in rec["negatives"]:
        t = fields[n["field"]]
        s = n["start"]
        if t[s : s + len(n["text"])] != n["text"]:
            errs.append(f"negative offset {n}")
        for f, gs, ge in spans:
            if f == n["field"] and s < ge and gs < s + len(n["text"]):
                errs.append(f"negative overlaps gold {n['text']!r}")
    original = original_output(rec)
    for g in rec["gold"]:
        if "digits" in g and g["digits"] not in "".join(
            normalize_digits(original[f]) for f in g["fields"]
        ):
            errs.append(f"digits not in stream {g['style']}")
        if not gold_survives(g, original):
            errs.append(f"gold_survives false {g['style']}")
    orig = score_record(rec, original)
    for g in orig.gold:
        if not g.leaked:
            errs.append(f"original does not leak {g.type} {g.style}")
    for n in orig.negatives:
        if n.destroyed:
            errs.append(f"original destroys {n.text!r}")
    orc = score_record(rec, oracle_output(rec))
    for g in orc.gold:
        if g.leaked:
            errs.append(f"oracle leaks {g.type} {g.style} in {g.where}")
    for n in orc.negatives:
        if n.destroyed:
            errs.append(f"oracle destroys {n.kind} {n.text!r} in {n.where}")
    return errs


def build(verbose: bool = False) -> list[dict[str, Any]]:
    locales = {
        "en": Faker("en_US"),
        "es": Faker("es_MX"),
        "fr": Faker("fr_FR"),
        "de": Faker("de_DE"),
    }
    bal = Balancer()
    records: list[dict[str, Any]] = []
    assert len({name for name, *_ in SCHEMAS}) == len(SCHEMAS)
    redraws: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    # interleave schemas so that the balancer sees a mix
    plan: list[tuple[str, str, list[str], Callable[..., None]]] = []
    queues = [[(name, owner, camps, fn)] * count for name, owner, camps, count, fn in SCHEMAS]
    while any(queues):
        for q in queues:
            if q:
                plan.append(q.pop())
    for idx, (name, owner, camps, fn) in enumerate(plan, 1):
        for attempt in range(200):
            seed = SEED * 1000 + idx * 7919 + attempt * 1_000_003
            r = random.Random(seed)
            for fk in locales.values():
                fk.seed_instance(seed)
            campaign = r.choice(camps)
            names = {
                "segurolatino_export": locales["es"],
                "eurofin_fr": locales["fr"],
                "eurofin_de": locales["de"],
            }.get(name, locales["en"])
            p = make_person(r, locales["en"], campaign, names=names)
            lead = Lead(f"l2-{idx:04d}", owner, campaign, p.state, name)
            bal.start()
            fn(lead, r, locales["en"], bal, p)
            rec = lead.record()
            errs = check(rec)
            if not errs:
                break
            redraws[name] += 1
            for e in errs:
                reasons[e.split(" ")[0] + " " + e.split(" ")[1]] += 1
            if verbose:
                print(f"redraw {rec['id']} {name}: {errs[:3]}", file=sys.stderr)
        else:
            raise RuntimeError(f"could not draw a clean record for {name}")
        bal.accept()
        records.append(rec)
    if redraws:
        print(f"redraws by schema: {dict(redraws)}; reasons: {dict(reasons.most_common(8))}")
    return records


def report(records: list[dict[str, Any]], verbose: bool) -> None:
    by_type: Counter[str] = Counter()
    by_style: Counter[str] = Counter()
    by_ctx: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    schemas: Counter[str] = Counter()
    ncols: dict[str, int] = {}
    for rec in records:
        schemas[rec["schema"]] += 1
        ncols[rec["schema"]] = max(ncols.get(rec["schema"], 0), len(rec["fields"]))
        for g in rec["gold"]:
            by_type[g["type"]] += 1
            by_style[g["style"]] += 1
            by_ctx[(g["type"], g["style"].split("/")[0])] += 1
        for n in rec["negatives"]:
            by_kind[n["kind"]] += 1
    print(
        f"records: {len(records)}  gold: {sum(by_type.values())}  negatives: {sum(by_kind.values())}"
    )
    print("schemas:")
    for s, n in sorted(schemas.items()):
        print(f"  {s:28s} {n:4d} records, up to {ncols[s]} columns")
    print(
        "gold by type (total | opaque_field named_field foreign_named_field fact_named_field notes):"
    )
    for t, n in sorted(by_type.items()):
        parts = " ".join(
            f"{by_ctx[(t, c)]:4d}"
            for c in (
                "opaque_field",
                "named_field",
                "foreign_named_field",
                "fact_named_field",
                "notes",
            )
        )
        print(f"  {t:30s} {n:5d} | {parts}")
    print("negatives by kind:")
    for k, n in sorted(by_kind.items()):
        print(f"  {k:22s} {n:5d}")
    contact_kinds = {"name", "phone", "email", "street_address", "zip", "state", "city"}
    print(f"contact negatives: {sum(n for k, n in by_kind.items() if k in contact_kinds)}")
    if verbose:
        print("gold by style:")
        for s, n in sorted(by_style.items()):
            print(f"  {s:60s} {n:4d}")
    else:
        print(f"distinct styles: {len(by_style)} (use -v to list)")


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    records = build(verbose)
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    report(records, verbose)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
