# ruff: noqa: N806, E731  (data tables and one-letter builders, kept as written)
"""Held-out synthetic lead corpus (corpus3) for leadgate.

Regenerate from the repo root:

    .venv/bin/python -m bench.corpus3.generate_leads

Writes bench/corpus3/leads.jsonl deterministically (Faker + random, fixed seeds).
Every record is self-checked: the oracle redaction (gold spans -> <TYPE>) must leak
no gold item and destroy no negative, and the untouched record must leak every
gold item. A record failing the check is regenerated with the next sub-seed.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

SEED = 30303
N_PER_SCHEMA = 20
OUT = Path(__file__).with_name("leads.jsonl")


# --------------------------------------------------------------------------- parts
class G:
    """A gold span. mode: digits | text | chars. group: merge across fields."""

    def __init__(self, type_, text, mode, group=None):
        self.type, self.text, self.mode, self.group = type_, text, mode, group


class N:
    """A negative (harmless text that must survive)."""

    def __init__(self, kind, text):
        self.kind, self.text = kind, text


class Rec:
    def __init__(self, style):
        self.style = style
        self.fields: dict[str, str] = {}
        self.gold: list[dict] = []
        self.negs: list[dict] = []
        self._groups: dict[str, dict] = {}

    def put(self, field, parts, style=None):
        style = style or self.style
        if isinstance(parts, (str, G, N)):
            parts = [parts]
        buf = ""
        for p in parts:
            if isinstance(p, str):
                buf += p
            elif isinstance(p, N):
                self.negs.append(
                    {"kind": p.kind, "text": p.text, "field": field, "start": len(buf)}
                )
                buf += p.text
            else:
                start, end = len(buf), len(buf) + len(p.text)
                buf += p.text
                self._add_gold(p, field, start, end, style)
        self.fields[field] = buf

    def _add_gold(self, p, field, start, end, style):
        if p.mode == "digits":
            value = re.sub(r"\D", "", p.text)
        elif p.mode == "chars":
            value = re.sub(r"[^a-z0-9]", "", p.text.lower())
        else:
            value = p.text
        if p.group and p.group in self._groups:
            item = self._groups[p.group]
            item["fields"].append(field)
            item["spans"].append([field, start, end])
            item[p.mode] += value if p.mode != "text" else " " + value
            return
        item = {
            "type": p.type,
            p.mode: value,
            "fields": [field],
            "spans": [[field, start, end]],
            "style": style,
        }
        if p.group:
            self._groups[p.group] = item
        self.gold.append(item)


# --------------------------------------------------------------------------- values
MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"


def luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


def card_number(r):
    kind = r.choice(["visa", "visa", "mc", "amex", "disc"])
    if kind == "visa":
        body = "4" + "".join(r.choice("0123456789") for _ in range(14))
        groups = (4, 4, 4, 4)
    elif kind == "mc":
        body = str(r.randint(51, 55)) + "".join(r.choice("0123456789") for _ in range(13))
        groups = (4, 4, 4, 4)
    elif kind == "amex":
        body = r.choice(["34", "37"]) + "".join(r.choice("0123456789") for _ in range(12))
        groups = (4, 6, 5)
    else:
        body = "6011" + "".join(r.choice("0123456789") for _ in range(11))
        groups = (4, 4, 4, 4)
    num = luhn_complete(body)
    sep = r.choice(["", " ", "-", " "])
    out, i = [], 0
    for g in groups:
        out.append(num[i : i + g])
        i += g
    return sep.join(out), kind == "amex"


def routing_number(r):
    prefix = r.choice(list(range(1, 13)) + list(range(21, 33)))
    d = [int(c) for c in f"{prefix:02d}"] + [r.randint(0, 9) for _ in range(6)]
    s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    d.append((10 - s % 10) % 10)
    return "".join(map(str, d))


def ssn(r):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    a, g, s = f"{a:03d}", f"{r.randint(1, 99):02d}", f"{r.randint(1, 9999):04d}"
    return r.choice([f"{a}-{g}-{s}", f"{a}-{g}-{s}", f"{a}{g}{s}", f"{a} {g} {s}"])


def itin(r):
    mid = r.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    a, s = f"9{r.randint(0, 99):02d}", f"{r.randint(0, 9999):04d}"
    return r.choice([f"{a}-{mid}-{s}", f"{a}{mid}{s}"])


def mbi(r):
    an = MBI_ALPHA + "0123456789"
    c = [
        str(r.randint(1, 9)),
        r.choice(MBI_ALPHA),
        r.choice(an),
        str(r.randint(0, 9)),
        r.choice(MBI_ALPHA),
        r.choice(an),
        str(r.randint(0, 9)),
        r.choice(MBI_ALPHA),
        r.choice(MBI_ALPHA),
        str(r.randint(0, 9)),
        str(r.randint(0, 9)),
    ]
    s = "".join(c)
    return r.choice([s, f"{s[:4]}-{s[4:7]}-{s[7:]}"])


def digits(r, n):
    return str(r.randint(1, 9)) + "".join(r.choice("0123456789") for _ in range(n - 1))


def health_plan_id(r):
    return r.choice(
        [
            lambda: r.choice(["XZH", "JQU", "MKB", "YRT"]) + digits(r, 9),
            lambda: "W" + digits(r, 9),
            lambda: "MCD-" + digits(r, 8),
            lambda: r.choice(["H", "R"]) + digits(r, 8) + "-0" + str(r.randint(1, 9)),
        ]
    )()


def driver_license(r, state):
    L = lambda: r.choice("ABCDEFGHJKLMNPRSTWY")
    fmt = {
        "TX": lambda: digits(r, 8),
        "CA": lambda: L() + digits(r, 7),
        "FL": lambda: (
            f"{L()}{digits(r, 3)}-{digits(r, 3)}-{digits(r, 2)}-{digits(r, 3)}-{r.randint(0, 9)}"
        ),
        "NY": lambda: f"{digits(r, 3)} {digits(r, 3)} {digits(r, 3)}",
        "IL": lambda: f"{L()}{digits(r, 3)}-{digits(r, 4)}-{digits(r, 4)}",
        "AZ": lambda: L() + digits(r, 8),
        "GA": lambda: digits(r, 9),
        "OH": lambda: L() + L() + digits(r, 6),
    }
    return fmt.get(state, fmt["CA"])()


def passport(r):
    return r.choice([digits(r, 9), r.choice("ACEGHKLMN") + digits(r, 8)])


def dob_parts(r, style=None):
    d = date(1936, 1, 1) + timedelta(days=r.randint(0, 365 * 64))
    style = style or r.choice(["mdY", "mdY", "Ymd", "mdy", "long", "dbY", "mdY_dash"])
    if style == "mdY":
        return G("DATE_OF_BIRTH", d.strftime("%m/%d/%Y"), "digits")
    if style == "mdY_dash":
        return G("DATE_OF_BIRTH", d.strftime("%m-%d-%Y"), "digits")
    if style == "Ymd":
        return G("DATE_OF_BIRTH", d.isoformat(), "digits")
    if style == "mdy":
        return G("DATE_OF_BIRTH", f"{d.month}/{d.day}/{d.strftime('%y')}", "digits")
    if style == "long":
        return G("DATE_OF_BIRTH", f"{d.strftime('%B')} {d.day}, {d.year}", "text")
    return G("DATE_OF_BIRTH", d.strftime("%d-%b-%Y"), "text")


def expiry(r):
    m, y = r.randint(1, 12), r.randint(2026, 2031)
    return r.choice(
        [
            G("CARD_EXPIRY", f"{m:02d}/{y % 100:02d}", "digits"),
            G("CARD_EXPIRY", f"{m:02d}/{y}", "digits"),
            G("CARD_EXPIRY", f"{m:02d}{y % 100:02d}", "digits"),
            G("CARD_EXPIRY", f"{date(2000, m, 1).strftime('%b')} {y}", "text"),
        ]
    )


SECRET_WORDS = ["Bluebird", "Chevy", "Packers", "Grandma", "Sunflower", "Rocket", "Maple", "Tigers"]


def secret(r):
    k = r.choice(["pin", "pin", "pw", "pw", "answer"])
    if k == "pin":
        return G("ACCOUNT_SECRET", digits(r, r.choice([4, 4, 6])), "digits")
    if k == "pw":
        return G(
            "ACCOUNT_SECRET",
            r.choice(SECRET_WORDS) + r.choice(["#", "!", "$", ""]) + str(r.randint(10, 99)),
            "text",
        )
    return G(
        "ACCOUNT_SECRET",
        r.choice(["Kowalski", "Abernathy", "Pruitt", "Vasquez-Lund", "Ostrowski"]),
        "text",
    )


# vocabularies (English; Spanish list for schema 5)
CONDITIONS = [
    "type 2 diabetes",
    "COPD",
    "atrial fibrillation",
    "congestive heart failure",
    "breast cancer",
    "Parkinson's",
    "rheumatoid arthritis",
    "sleep apnea",
    "bipolar disorder",
    "chronic kidney disease",
    "epilepsy",
    "hepatitis C",
    "multiple sclerosis",
    "high blood pressure",
    "asthma",
    "depression",
]
MEDS = [
    "metformin",
    "Eliquis",
    "lisinopril",
    "Ozempic",
    "atorvastatin",
    "Humira",
    "Xarelto",
    "insulin glargine",
    "sertraline",
    "albuterol",
    "levothyroxine",
    "Trulicity",
    "gabapentin",
    "Jardiance",
]
TREATMENTS = [
    "dialysis",
    "chemotherapy",
    "knee replacement",
    "triple bypass",
    "radiation therapy",
    "physical therapy",
    "hip replacement",
    "cataract surgery",
    "stent placement",
    "IVF treatment",
]
ETHNIC = [
    "Hispanic",
    "Vietnamese",
    "African American",
    "Navajo",
    "Puerto Rican",
    "Korean American",
    "Somali",
    "Filipino",
    "Cuban American",
    "Haitian",
]
RELIGION = [
    "Catholic",
    "Jehovah's Witness",
    "Muslim",
    "Mormon",
    "Orthodox Jewish",
    "Southern Baptist",
    "Seventh-day Adventist",
    "Sikh",
    "Pentecostal",
    "Buddhist",
]
UNION = [
    "Teamsters Local 705",
    "UAW",
    "IBEW",
    "SEIU",
    "AFSCME",
    "United Steelworkers",
    "NEA",
    "Pipefitters union",
]
ORIENT = ["gay", "lesbian", "bisexual", "same-sex partner", "transgender"]
CITIZEN = [
    "green card holder",
    "DACA recipient",
    "undocumented",
    "H-1B visa",
    "naturalized citizen",
    "asylum case pending",
    "TPS status",
    "not a US citizen",
]
POLITICS = [
    "registered Republican",
    "Democrat",
    "Trump supporter",
    "Green Party",
    "pro-life",
    "Bernie supporter",
    "Libertarian",
    "NRA member",
]
GENETIC = [
    "BRCA1 positive",
    "BRCA2 mutation",
    "APOE4 carrier",
    "Lynch syndrome gene",
    "sickle cell trait",
    "23andMe results",
]
BIOMETRIC = ["fingerprint scan", "voiceprint", "face scan", "retina scan", "palm vein scan"]
KIDS = [
    "Mia",
    "Leo",
    "Ava",
    "Noah",
    "Zoe",
    "Eli",
    "Luna",
    "Owen",
    "Ivy",
    "Jude",
    "Nora",
    "Finn",
    "Kai",
    "Lila",
]
MARKETING = ["yes", "no", "Y", "N", "TRUE", "FALSE"]

SP_CONDITIONS = [
    "diabetes",
    "asma",
    "artritis",
    "epilepsia",
    "presion alta",
    "fractura de cadera",
    "hernia discal",
]
SP_RELIGION = ["Catolica", "Adventista", "Cristiana", "Musulmana", "Mormona", "Testigo de Jehova"]
SP_CITIZEN = [
    "residente permanente",
    "indocumentado",
    "ciudadano naturalizado",
    "visa de trabajo",
    "DACA",
]
SP_ETHNIC = ["Hispano", "Mexicano", "Salvadorena", "Guatemalteco", "Indigena mixteco"]


# --------------------------------------------------------------------------- look-alike negatives
def order_no(r):
    return r.choice([f"ORD-{digits(r, 6)}", f"#{digits(r, 7)}", f"SO{digits(r, 8)}"])


def quote_no(r):
    return r.choice([f"Q-{digits(r, 6)}", f"QT{digits(r, 7)}", f"{digits(r, 3)}-{digits(r, 4)}Q"])


def conf_no(r):
    return r.choice(
        [
            f"CNF{digits(r, 6)}",
            f"{r.choice('ABCDEFGH')}{r.choice('JKLMNP')}{digits(r, 5)}",
            f"C-{digits(r, 8)}",
        ]
    )


def price(r):
    return r.choice(
        [
            f"${r.randint(40, 400)}.{r.randint(0, 99):02d}",
            f"${r.randint(5, 95)},{r.randint(0, 999):03d}",
            f"${r.randint(60, 300)}/mo",
        ]
    )


def appt(r):
    d = date(2026, 1, 5) + timedelta(days=r.randint(0, 330))
    return r.choice(
        [
            d.strftime("%m/%d/%Y"),
            d.isoformat(),
            f"{d.strftime('%B')} {d.day}, 2026",
            d.strftime("%m/%d/%Y") + f" {r.randint(9, 11)}:{r.choice(['00', '30'])} AM",
        ]
    )


def promo(r):
    return r.choice(["SAVE", "SUN", "FREE", "MED", "HELP"]) + str(
        r.choice([10, 15, 20, 25, 50, 2026])
    )


def vehicle_year(r):
    return str(r.randint(2004, 2025))


def lead_score(r):
    return str(r.randint(12, 99))


# --------------------------------------------------------------------------- person + notes
class Ctx:
    def __init__(self, fake: Faker, r: random.Random, names_fake: Faker | None = None):
        nf = names_fake or fake
        self.r = r
        self.first = nf.first_name()
        self.last = nf.last_name()
        self.phone = r.choice(
            [
                fake.phone_number(),
                f"({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(0, 9999):04d}",
                f"{r.randint(201, 989)}-{r.randint(200, 999)}-{r.randint(0, 9999):04d}",
            ]
        )
        self.email = (
            f"{self.first.lower()}.{self.last.lower()}{r.randint(1, 99)}@{fake.free_email_domain()}"
        )
        self.email = re.sub(r"[^a-z0-9.@-]", "", self.email)
        self.street = fake.street_address()
        self.city = fake.city()
        self.state = r.choice(
            ["TX", "CA", "FL", "NY", "IL", "AZ", "GA", "OH", "PA", "NC", "MI", "NV"]
        )
        self.zip = fake.zipcode()


def frag(cat, r, kids_used=None):
    """One sensitive note fragment as a list of parts."""
    c = r.choice
    if cat == "HEALTH":
        cond, med = c(CONDITIONS), c(MEDS)
        return c(
            [
                ["dx ", G("HEALTH_CONDITION", cond, "text"), ", on ", G("MEDICATION", med, "text")],
                [
                    "says she has ",
                    G("HEALTH_CONDITION", cond, "text"),
                    " and takes ",
                    G("MEDICATION", med, "text"),
                    " daily",
                ],
                ["pt w/ ", G("HEALTH_CONDITION", cond, "text")],
                ["scripts: ", G("MEDICATION", med, "text")],
            ]
        )
    if cat == "TREAT":
        return c(
            [
                ["had ", G("MEDICAL_TREATMENT", c(TREATMENTS), "text"), " last spring"],
                ["getting ", G("MEDICAL_TREATMENT", c(TREATMENTS), "text"), " twice a week"],
                ["scheduled for ", G("MEDICAL_TREATMENT", c(TREATMENTS), "text")],
            ]
        )
    if cat == "ETHNIC":
        return c(
            [
                ["caller is ", G("RACIAL_ETHNIC_ORIGIN", c(ETHNIC), "text")],
                [
                    "family is ",
                    G("RACIAL_ETHNIC_ORIGIN", c(ETHNIC), "text"),
                    ", prefers Spanish mailers",
                ],
            ]
        )
    if cat == "RELIGION":
        return c(
            [
                ["", G("RELIGION", c(RELIGION), "text"), " - no calls on Sundays"],
                ["very ", G("RELIGION", c(RELIGION), "text"), ", asked about church discount"],
            ]
        )
    if cat == "UNION":
        return c(
            [
                ["retired ", G("UNION_MEMBERSHIP", c(UNION), "text"), " member"],
                ["has ", G("UNION_MEMBERSHIP", c(UNION), "text"), " coverage thru work"],
            ]
        )
    if cat == "ORIENT":
        return c(
            [
                ["lives w/ ", G("SEXUAL_ORIENTATION_SEX_LIFE", "same-sex partner", "text")],
                [
                    "mentioned he is ",
                    G("SEXUAL_ORIENTATION_SEX_LIFE", c(["gay", "bisexual"]), "text"),
                ],
                [
                    "she is ",
                    G("SEXUAL_ORIENTATION_SEX_LIFE", c(["lesbian", "bisexual"]), "text"),
                    ", add spouse to quote",
                ],
            ]
        )
    if cat == "CITIZEN":
        return c(
            [
                ["", G("CITIZENSHIP_IMMIGRATION", c(CITIZEN), "text"), ", asked if that matters"],
                ["spouse is ", G("CITIZENSHIP_IMMIGRATION", c(CITIZEN), "text")],
            ]
        )
    if cat == "POLITICS":
        return c(
            [
                ["", G("POLITICAL_OPINION", c(POLITICS), "text"), ", rambled about the election"],
                ["says hes a ", G("POLITICAL_OPINION", c(POLITICS), "text")],
            ]
        )
    if cat == "GENETIC":
        return c(
            [
                ["", G("GENETIC_DATA", c(GENETIC), "text"), " per her doctor"],
                ["asked if ", G("GENETIC_DATA", c(GENETIC), "text"), " affects rates"],
            ]
        )
    if cat == "BIOMETRIC":
        return c(
            [
                ["bank wants ", G("BIOMETRIC_DATA", c(BIOMETRIC), "text"), " to verify"],
                ["sent ", G("BIOMETRIC_DATA", c(BIOMETRIC), "text"), " template to enroll"],
            ]
        )
    if cat == "GEO":
        lat, lon = f"{r.uniform(26, 45):.5f}", f"-{r.uniform(75, 120):.5f}"
        return c(
            [
                ["pin dropped at ", G("PRECISE_GEOLOCATION", f"{lat}, {lon}", "text")],
                ["gps ", G("PRECISE_GEOLOCATION", f"{lat},{lon}", "text"), " for site visit"],
            ]
        )
    if cat == "KIDS":
        names = [k for k in KIDS if k not in (kids_used or ())]
        a, b = r.sample(names, 2)
        if kids_used is not None:
            kids_used.update({a, b})
        x, y = r.randint(1, 12), r.randint(1, 12)
        return c(
            [
                [
                    f"{r.choice(['2', 'two'])} kids - ",
                    G("CHILD_NAME", a, "text"),
                    " ",
                    G("CHILD_AGE", str(x), "text"),
                    ", ",
                    G("CHILD_NAME", b, "text"),
                    " ",
                    G("CHILD_AGE", str(y), "text"),
                ],
                [
                    "daughter ",
                    G("CHILD_NAME", a, "text"),
                    " (",
                    G("CHILD_AGE", str(x), "text"),
                    ")",
                ],
                [
                    "son ",
                    G("CHILD_NAME", a, "text"),
                    " is ",
                    G("CHILD_AGE", str(x), "text"),
                    " yrs",
                ],
            ]
        )
    if cat == "SECRET":
        s = secret(r)
        lead = {
            "digits": c(["acct pin ", "PIN is ", "verbal pin: "]),
            "text": c(["pw ", "online password ", "security answer "]),
        }
        return [lead[s.mode], s]
    if cat == "ID":
        return c(
            [
                ["SSN ", G("US_SSN", ssn(r), "digits")],
                ["ITIN ", G("US_ITIN", itin(r), "digits")],
                ["passport ", G("US_PASSPORT", passport(r), "chars")],
                ["medicare # ", G("US_MBI", mbi(r), "chars")],
                ["DL ", G("US_DRIVER_LICENSE", driver_license(r, c(["TX", "CA", "FL"])), "chars")],
            ]
        )
    raise KeyError(cat)


NOTE_CATS = [
    "HEALTH",
    "TREAT",
    "ETHNIC",
    "RELIGION",
    "UNION",
    "ORIENT",
    "CITIZEN",
    "POLITICS",
    "GENETIC",
    "BIOMETRIC",
    "GEO",
    "KIDS",
    "SECRET",
    "ID",
]


def harmless(ctx, r):
    c = r.choice
    return c(
        [
            ["call back ", N("phone", ctx.phone)],
            ["quote ", N("quote_number", quote_no(r)), " sent"],
            ["appt ", N("appointment_date", appt(r))],
            ["drives a ", N("vehicle_year", vehicle_year(r)), " Camry"],
            ["used promo ", N("promo_code", promo(r))],
            ["budget ", N("price", price(r))],
            ["conf ", N("confirmation_number", conf_no(r))],
            ["prefers email ", N("email", ctx.email)],
            ["lives in ", N("city", ctx.city)],
            ["order ", N("order_number", order_no(r))],
        ]
    )


def notes(ctx, r, idx, k=3, lead=None):
    parts = [] if lead is None else list(lead)
    cats = [NOTE_CATS[(idx * 3 + j) % len(NOTE_CATS)] for j in range(k)]
    chunks = [frag(cat, r, set()) for cat in cats] + [
        harmless(ctx, r) for _ in range(r.randint(1, 2))
    ]
    r.shuffle(chunks)
    for i, ch in enumerate(chunks):
        if i or parts:
            parts.append(r.choice(["; ", ". ", " -- ", " / "]))
        parts.extend(ch)
    return parts


def fact(r, type_, yes_only=False):
    v = r.choice(
        ["Y", "yes", "Yes", "TRUE", "1"] if yes_only else ["Y", "N", "yes", "no", "Yes", "No"]
    )
    return G(type_, v, "text" if not v.isdigit() else "digits")


# --------------------------------------------------------------------------- schemas
def s_shieldline(ctx, r, idx):
    rec = Rec("opaque_column")
    rec.put("fld01", N("name", ctx.first))
    rec.put("fld02", N("name", ctx.last))
    rec.put("fld03", N("phone", ctx.phone))
    rec.put("fld04", N("email", ctx.email))
    rec.put("fld05", N("street_address", ctx.street))
    rec.put("fld06", N("city", ctx.city))
    rec.put("fld07", N("state", ctx.state))
    rec.put("fld08", N("zip", ctx.zip))
    rec.put("fld09", dob_parts(r))
    rec.put("fld10", G("US_DRIVER_LICENSE", driver_license(r, ctx.state), "chars"))
    rec.put("fld11", G("US_SSN", ssn(r), "digits"))
    rec.put("fld12", N("vehicle_year", vehicle_year(r)))
    rec.put("fld13", N("quote_number", quote_no(r)))
    rec.put("fld14", N("price", price(r)))
    rec.put("fld15", notes(ctx, r, idx), style="free_text")
    rec.put("fld16", N("marketing_flag", r.choice(MARKETING)))
    return rec, "ShieldLine Leads LLC", "auto_home_insurance", f"SL-AUTO-{r.randint(100, 999)}"


def s_medicare(ctx, r, idx):
    rec = Rec("named_column")
    rec.put("first_name", N("name", ctx.first))
    rec.put("last_name", N("name", ctx.last))
    rec.put("phone_primary", N("phone", ctx.phone))
    rec.put("email", N("email", ctx.email))
    rec.put("address_line1", N("street_address", ctx.street))
    rec.put("city", N("city", ctx.city))
    rec.put("state", N("state", ctx.state))
    rec.put("zip_code", N("zip", ctx.zip))
    rec.put("date_of_birth", dob_parts(r))
    rec.put("medicare_number", G("US_MBI", mbi(r), "chars"))
    rec.put("current_plan_member_id", G("HEALTH_PLAN_ID", health_plan_id(r), "chars"))
    m1, m2 = r.sample(MEDS, 2)
    rec.put(
        "medications",
        [G("MEDICATION", m1, "text"), r.choice([", ", "; ", " + "]), G("MEDICATION", m2, "text")],
    )
    rec.put("is_smoker", fact(r, "HEALTH_CONDITION"), style="fact_column")
    rec.put("diabetic", fact(r, "HEALTH_CONDITION"), style="fact_column")
    rec.put("on_oxygen", fact(r, "MEDICAL_TREATMENT"), style="fact_column")
    rec.put("preferred_appt", N("appointment_date", appt(r)))
    rec.put("agent_notes", notes(ctx, r, idx), style="free_text")
    rec.put("sms_opt_in", N("marketing_flag", r.choice(MARKETING)))
    rec.put("lead_score", N("lead_score", lead_score(r)))
    return rec, "Medicare Connect Partners", "medicare_advantage", f"MCP-AEP26-{r.randint(10, 99)}"


def s_debt(ctx, r, idx):
    rec = Rec("opaque_column")
    rec.put("data_1", [N("name", ctx.first), " ", N("name", ctx.last)])
    rec.put("data_2", N("phone", ctx.phone))
    rec.put("data_3", N("email", ctx.email))
    rec.put(
        "data_4",
        [
            N("street_address", ctx.street),
            ", ",
            N("city", ctx.city),
            ", ",
            N("state", ctx.state),
            " ",
            N("zip", ctx.zip),
        ],
    )
    rec.put("data_5", N("price", price(r)))
    card, amex = card_number(r)
    rec.put("data_6", G("CREDIT_CARD", card, "digits"))
    rec.put("data_7", expiry(r))
    rec.put("data_8", G("CARD_SECURITY_CODE", digits(r, 4 if amex else 3), "digits"))
    rec.put("data_9", G("ABA_ROUTING_NUMBER", routing_number(r), "digits"))
    rec.put("data_10", G("US_BANK_NUMBER", digits(r, r.randint(8, 12)), "digits"))
    rec.put("data_11", secret(r))
    rec.put(
        "data_12",
        G("US_ITIN", itin(r), "digits") if idx % 3 == 0 else G("US_SSN", ssn(r), "digits"),
    )
    rec.put("data_13", dob_parts(r))
    rec.put("data_14", notes(ctx, r, idx), style="free_text")
    rec.put("data_15", N("lead_score", lead_score(r)))
    rec.put("data_16", N("confirmation_number", conf_no(r)))
    rec.put("data_17", N("marketing_flag", r.choice(MARKETING)))
    return rec, "ClearPath Debt Relief", "debt_settlement", f"CPD-{r.randint(1000, 9999)}"


def s_solar(ctx, r, idx):
    rec = Rec("wide_column")
    c = {}
    lat, lon = f"{r.uniform(26, 45):.6f}", f"-{r.uniform(75, 120):.6f}"
    m, y = r.randint(1, 12), r.randint(2026, 2031)
    c[1] = N("order_number", order_no(r))
    c[2] = N("name", ctx.first)
    c[3] = N("name", ctx.last)
    c[4] = N("street_address", ctx.street)
    c[5] = N("city", ctx.city)
    c[6] = N("state", ctx.state)
    c[7] = N("zip", ctx.zip)
    c[8] = N("phone", ctx.phone)
    c[9] = N("email", ctx.email)
    c[10] = r.choice(["Oncor", "PG&E", "FPL", "Duke Energy", "APS", "ComEd"])
    c[11] = N("price", price(r))
    c[12] = r.choice(["asphalt shingle", "tile", "metal", "flat"])
    c[13] = str(r.randint(2, 25))  # roof age, harmless
    c[14] = N("marketing_flag", r.choice(MARKETING))  # homeowner
    c[15] = dob_parts(r)
    c[16] = G("US_SSN", ssn(r), "digits")
    c[17] = G("PRECISE_GEOLOCATION", lat, "text", group="geo")
    c[18] = G("PRECISE_GEOLOCATION", lon, "text", group="geo")
    c[19] = N("appointment_date", appt(r))
    c[20] = N("promo_code", promo(r))
    c[21] = N("lead_score", lead_score(r))
    c[22] = G("ABA_ROUTING_NUMBER", routing_number(r), "digits")
    c[23] = G("US_BANK_NUMBER", digits(r, r.randint(9, 12)), "digits")
    c[24] = r.choice(["checking", "savings"])
    card, amex = card_number(r)
    c[25] = G("CREDIT_CARD", card, "digits")
    c[26] = G("CARD_EXPIRY", f"{m:02d}", "digits", group="exp")
    c[27] = G("CARD_EXPIRY", f"{y % 100:02d}", "digits", group="exp")
    c[28] = G("CARD_SECURITY_CODE", digits(r, 4 if amex else 3), "digits")
    c[29] = N("quote_number", quote_no(r))
    c[30] = r.choice(["Google Ads", "Facebook", "door knock", "referral"])
    c[31] = G("UNION_MEMBERSHIP", r.choice(UNION), "text")
    c[32] = G("RACIAL_ETHNIC_ORIGIN", r.choice(ETHNIC), "text")
    c[33] = G("US_DRIVER_LICENSE", driver_license(r, ctx.state), "chars")
    c[34] = N("marketing_flag", r.choice(MARKETING))
    c[35] = N("confirmation_number", conf_no(r))
    c[36] = str(r.randint(6, 14)) + " kW"
    c[37] = G("BIOMETRIC_DATA", r.choice(BIOMETRIC), "text")
    c[38] = notes(ctx, r, idx)
    c[39] = N("vehicle_year", vehicle_year(r))  # EV charger: car year
    c[40] = r.choice(["new", "contacted", "sat", "sold"])
    for k in range(1, 41):
        rec.put(f"Column{k}", c[k], style="free_text" if k == 38 else None)
    return rec, "Sunward Solar Marketing", "residential_solar", f"SUN-{r.randint(100, 999)}-TX"


def s_legal_es(ctx, r, idx):
    rec = Rec("spanish_column")
    rec.put("nombre", N("name", ctx.first))
    rec.put("apellidos", N("name", ctx.last))
    rec.put("telefono_movil", N("phone", ctx.phone))
    rec.put("correo", N("email", ctx.email))
    rec.put("domicilio", N("street_address", ctx.street))
    rec.put("ciudad", N("city", ctx.city))
    rec.put("estado", N("state", ctx.state))
    rec.put("codigo_postal", N("zip", ctx.zip))
    rec.put("fecha_nacimiento", dob_parts(r, r.choice(["mdY", "Ymd", "mdY_dash"])))
    rec.put(
        "numero_seguro_social",
        G("US_ITIN", itin(r), "digits") if idx % 2 else G("US_SSN", ssn(r), "digits"),
    )
    rec.put("licencia_conducir", G("US_DRIVER_LICENSE", driver_license(r, ctx.state), "chars"))
    rec.put("numero_pasaporte", G("US_PASSPORT", passport(r), "chars"))
    rec.put("estatus_migratorio", G("CITIZENSHIP_IMMIGRATION", r.choice(SP_CITIZEN), "text"))
    rec.put("religion", G("RELIGION", r.choice(SP_RELIGION), "text"))
    rec.put("origen", G("RACIAL_ETHNIC_ORIGIN", r.choice(SP_ETHNIC), "text"))
    rec.put("lesiones", G("HEALTH_CONDITION", r.choice(SP_CONDITIONS), "text"))
    a, b = r.sample(KIDS, 2)
    if idx % 2:
        rec.put(
            "hijos",
            [
                G("CHILD_NAME", a, "text"),
                " ",
                G("CHILD_AGE", str(r.randint(1, 12)), "text"),
                " anos, ",
                G("CHILD_NAME", b, "text"),
                " ",
                G("CHILD_AGE", str(r.randint(1, 12)), "text"),
                " anos",
            ],
        )
    else:
        rec.put(
            "hijos",
            [G("CHILD_NAME", a, "text"), " (", G("CHILD_AGE", str(r.randint(1, 12)), "text"), ")"],
        )
    rec.put("fecha_cita", N("appointment_date", appt(r)))
    rec.put("numero_caso", N("confirmation_number", conf_no(r)))
    rec.put("notas", notes(ctx, r, idx), style="free_text")
    rec.put("acepta_sms", N("marketing_flag", r.choice(["si", "no", "SI", "NO"])))
    return rec, "Reclamos Legales USA", "legal_claims_es", f"RL-ACC-{r.randint(10, 99)}"


def s_claims(ctx, r, idx):
    rec = Rec("opaque_column")
    rec.put("ext_1", [N("name", ctx.last), ", ", N("name", ctx.first)])
    rec.put("ext_2", N("phone", ctx.phone))
    rec.put("ext_3", N("email", ctx.email))
    rec.put("ext_4", N("street_address", ctx.street))
    rec.put("ext_5", [N("city", ctx.city), " ", N("state", ctx.state), " ", N("zip", ctx.zip)])
    rec.put("ext_6", dob_parts(r))
    rec.put("ext_7", G("US_SSN", ssn(r), "digits"))
    rec.put(
        "ext_8", G("US_MBI", mbi(r), "chars") if idx % 2 else G("US_PASSPORT", passport(r), "chars")
    )
    rec.put("ext_9", G("HEALTH_CONDITION", r.choice(CONDITIONS), "text"))
    rec.put("ext_10", G("MEDICAL_TREATMENT", r.choice(TREATMENTS), "text"))
    rec.put("ext_11", G("GENETIC_DATA", r.choice(GENETIC), "text"))
    rec.put("ext_12", N("confirmation_number", conf_no(r)))
    rec.put("ext_13", N("order_number", order_no(r)))
    rec.put("ext_14", notes(ctx, r, idx, k=4), style="free_text")
    rec.put("union", fact(r, "UNION_MEMBERSHIP"), style="fact_column")
    rec.put("cancer_dx", fact(r, "HEALTH_CONDITION"), style="fact_column")
    rec.put("dialysis", fact(r, "MEDICAL_TREATMENT"), style="fact_column")
    rec.put("tcpa_consent", N("marketing_flag", r.choice(MARKETING)))
    rec.put("ext_15", N("lead_score", lead_score(r)))
    return rec, "ClaimBridge Intake", "mass_tort_claims", f"CB-TORT-{r.randint(100, 999)}"


SCHEMAS = [
    ("shieldline_v2", s_shieldline),
    ("medicare_connect_std", s_medicare),
    ("clearpath_raw", s_debt),
    ("sunward_wide_export", s_solar),
    ("reclamos_es", s_legal_es),
    ("claimbridge_ext", s_claims),
]


# --------------------------------------------------------------------------- check
def check(record) -> str | None:
    from bench.eval import oracle_output, original_output, score_record

    orig = original_output(record)
    for item in record["gold"]:
        for f, s, e in item["spans"]:
            seg = orig[f][s:e]
            if item.get("text") is not None and len(item["spans"]) == 1 and seg != item["text"]:
                return f"text span mismatch {seg!r} vs {item['text']!r}"
    for neg in record["negatives"]:
        if orig[neg["field"]][neg["start"] : neg["start"] + len(neg["text"])] != neg["text"]:
            return f"neg offset {neg}"
    o = score_record(record, oracle_output(record), orig)
    if any(g.leaked for g in o.gold):
        return "oracle leaks " + ", ".join(f"{g.type}" for g in o.gold if g.leaked)
    if any(n.destroyed for n in o.negatives):
        return "oracle destroys " + ", ".join(n.kind for n in o.negatives if n.destroyed)
    u = score_record(record, orig, orig)
    if not all(g.leaked for g in u.gold):
        return "original does not leak " + ", ".join(g.type for g in u.gold if not g.leaked)
    return None


def build(idx: int) -> dict:
    schema, fn = SCHEMAS[idx % len(SCHEMAS)]
    for attempt in range(50):
        sub = SEED * 1000 + idx * 50 + attempt
        r = random.Random(sub)
        fake = Faker("en_US")
        fake.seed_instance(sub)
        names = None
        if schema == "reclamos_es":
            names = Faker("es_MX")
            names.seed_instance(sub)
        ctx = Ctx(fake, r, names)
        rec, owner, _vertical, campaign = fn(ctx, r, idx // len(SCHEMAS))
        record = {
            "id": f"l3-{idx + 1:04d}",
            "owner": owner,
            "campaign_id": campaign,
            "consumer_state": ctx.state,
            "schema": schema,
            "fields": rec.fields,
            "gold": rec.gold,
            "negatives": rec.negs,
        }
        why = check(record)
        if why is None:
            return record
    raise RuntimeError(f"record {idx}: {why}")


def main() -> int:
    records = [build(i) for i in range(N_PER_SCHEMA * len(SCHEMAS))]
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    by_type = Counter(g["type"] for r in records for g in r["gold"])
    by_style = Counter(g["style"] for r in records for g in r["gold"])
    by_neg = Counter(n["kind"] for r in records for n in r["negatives"])
    print(f"wrote {len(records)} records to {OUT}")
    print("gold by type:", dict(sorted(by_type.items())))
    print("gold by style:", dict(sorted(by_style.items())))
    print("negatives by kind:", dict(sorted(by_neg.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
