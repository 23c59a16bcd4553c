#!/usr/bin/env python3
"""Spanish / code-switched evaluation corpus for leadgate ("corpus_es").

Written by an independent helper that never read the redaction engine
(``redaction/``), the gateway, or the other corpora's generators and files
(``bench/corpus``, ``bench/corpus3``); it follows the record format of
``bench/corpus2/README.md`` and the scoring rules of ``bench/eval.py``
(including its ``--spanish`` rules, which were written together with this
corpus).

Regenerate (deterministic, fixed seed, a few seconds):

    cd /work/main && .venv/bin/python -m bench.corpus_es.generate      # -v: every style

Writes ``bench/corpus_es/calls.jsonl`` and ``bench/corpus_es/leads.jsonl``
and prints counts.

How a call is made
------------------
A *shape* (``@shape``) scripts one dialogue flow. Segments are assembled
from pieces: literal text, *gold* pieces (what must go) and *negative*
pieces (what must stay); offsets are recorded while assembling, so spans are
right by construction. One of three ASR styles is drawn per call and applied
to every piece:

* ``plano``: lowercase, no punctuation, every number as words;
* ``puntuado``: lowercase with punctuation, accents dropped on part of the
  words ("numero", "telefono", "si"), numbers as words;
* ``oracion``: sentence case, punctuation and accents, some numbers typed
  as digits ("536-22-4513", "4 5 1 3").

Every record is checked with the scorer itself (``spanish=True``) before it
is written: left unredacted, every gold item leaks and (for ``digits``) the
whole gold digit string is recoverable; with exactly the gold spans replaced
nothing leaks and no negative is destroyed; negatives never overlap gold.
A failing record is redrawn with the next seed.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
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

SEED = 5_0326
N_CALLS = 264
CALLS_OUT = HERE / "calls.jsonl"
LEADS_OUT = HERE / "leads.jsonl"
STYLES = ("plano", "puntuado", "oracion")


class Redraw(Exception):  # noqa: N818 - control flow
    """Signal that this draw is unusable; try the next seed."""


def nd(text: str) -> str:
    return normalize_digits(text, spanish=True)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def words_of(text: str) -> str:
    return " ".join(re.findall(r"[0-9a-záéíóúüñ]+", text.lower()))


# =============================================================================
# synthetic values with valid checksums / layouts
# =============================================================================


def rdig(rng: random.Random, n: int, first_nonzero: bool = False) -> str:
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def make_ssn(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        return f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def make_itin(rng: random.Random) -> str:
    group = rng.choice([*range(70, 89), 90, 91, 92, 94, 95, 96, 97, 98, 99])
    return f"9{rng.randint(0, 99):02d}{group:02d}{rng.randint(1, 9999):04d}"


def luhn_valid(num: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


def make_card(rng: random.Random) -> tuple[str, str, str]:
    """Return (number, brand name, cvv)."""
    brand = rng.choice(["visa", "visa", "visa", "mastercard", "mastercard", "amex", "discover"])
    prefix, length, cvv_len, name = {
        "visa": (rng.choice(["4"]), 16, 3, "Visa"),
        "mastercard": (rng.choice(["51", "53", "55", "2221", "2720"]), 16, 3, "Mastercard"),
        "amex": (rng.choice(["34", "37"]), 15, 4, "American Express"),
        "discover": (rng.choice(["6011", "65"]), 16, 3, "Discover"),
    }[brand]
    body = prefix + rdig(rng, length - len(prefix) - 1)
    for c in "0123456789":
        if luhn_valid(body + c):
            number = body + c
            break
    assert luhn_valid(number)
    return number, name, rdig(rng, cvv_len)


def aba_valid(n: str) -> bool:
    d = [int(x) for x in n]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def make_aba(rng: random.Random) -> str:
    prefix = rng.choice(list(range(1, 13)) + list(range(21, 33)))
    body = f"{prefix:02d}" + rdig(rng, 6)
    for c in "0123456789":
        if aba_valid(body + c):
            return body + c
    raise AssertionError


def make_account(rng: random.Random) -> str:
    return rdig(rng, rng.choice([8, 9, 10, 10, 12]), first_nonzero=True)


MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"


def make_mbi(rng: random.Random) -> str:
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
    mbi = "".join(out)
    assert re.fullmatch(r"[1-9][A-Z][A-Z0-9][0-9][A-Z][A-Z0-9][0-9][A-Z]{2}[0-9]{2}", mbi)
    return mbi


DL_LAYOUTS = {  # state -> layout (L letter, D digit)
    "CA": "LDDDDDDD",
    "TX": "DDDDDDDD",
    "FL": "LDDDDDDDDDDDD",
    "IL": "LDDDDDDDDDDD",
    "AZ": "LDDDDDDDD",
    "NY": "DDDDDDDDD",
    "NV": "DDDDDDDDDD",
    "NM": "DDDDDDDDD",
}
ID_LETTERS = "ABCDEFGHJKLMNPRTUVWXY"


def make_license(rng: random.Random, state: str) -> str:
    lay = DL_LAYOUTS[state]
    s = "".join(rng.choice(ID_LETTERS) if ch == "L" else rng.choice("0123456789") for ch in lay)
    if s[0] == "0":
        s = "7" + s[1:]
    return s


def make_passport(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice("56789") + rdig(rng, 8)
    return rng.choice("AC") + rdig(rng, 8, first_nonzero=True)


# =============================================================================
# Spanish (and English) number words
# =============================================================================

ES_DIG = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
EN_DIG = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ES_TEEN = {
    10: "diez",
    11: "once",
    12: "doce",
    13: "trece",
    14: "catorce",
    15: "quince",
    16: "dieciséis",
    17: "diecisiete",
    18: "dieciocho",
    19: "diecinueve",
}
ES_VEINTI = {
    20: "veinte",
    21: "veintiuno",
    22: "veintidós",
    23: "veintitrés",
    24: "veinticuatro",
    25: "veinticinco",
    26: "veintiséis",
    27: "veintisiete",
    28: "veintiocho",
    29: "veintinueve",
}
ES_TENS = {
    3: "treinta",
    4: "cuarenta",
    5: "cincuenta",
    6: "sesenta",
    7: "setenta",
    8: "ochenta",
    9: "noventa",
}
ES_HUND = {
    1: "ciento",
    2: "doscientos",
    3: "trescientos",
    4: "cuatrocientos",
    5: "quinientos",
    6: "seiscientos",
    7: "setecientos",
    8: "ochocientos",
    9: "novecientos",
}
EN_TEEN = [
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
]
EN_TENS = {
    2: "twenty",
    3: "thirty",
    4: "forty",
    5: "fifty",
    6: "sixty",
    7: "seventy",
    8: "eighty",
    9: "ninety",
}
MONTHS = [
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


def es_num(n: int, rng: random.Random | None = None, variants: bool = False) -> str:
    """Spanish cardinal words for 0..9999 (accented); optional ASR split variants."""
    v = variants and rng is not None
    if n < 10:
        return ES_DIG[n]
    if n < 20:
        if v and n >= 16 and rng.random() < 0.35:
            return rng.choice([f"dieci {ES_DIG[n - 10]}", f"diez y {ES_DIG[n - 10]}"])
        return ES_TEEN[n]
    if n < 30:
        if v and n > 20 and rng.random() < 0.35:
            if n == 21:
                return rng.choice(["veintiún", "veinte y uno", "veinti uno"])
            return rng.choice([f"veinti {ES_DIG[n - 20]}", f"veinte y {ES_DIG[n - 20]}"])
        return ES_VEINTI[n]
    if n < 100:
        t, u = divmod(n, 10)
        return ES_TENS[t] + (f" y {ES_DIG[u]}" if u else "")
    if n < 1000:
        h, r = divmod(n, 100)
        if n == 100:
            return "cien"
        return ES_HUND[h] + (" " + es_num(r, rng, variants) if r else "")
    t, r = divmod(n, 1000)
    head = "mil" if t == 1 else es_num(t) + " mil"
    return head + (" " + es_num(r, rng, variants) if r else "")


def es_count(n: int) -> str:
    """Spanish words for a count before a masculine noun ("ochenta y un años", "veintiún")."""
    words = es_num(n)
    if words.endswith("veintiuno"):
        return words[: -len("veintiuno")] + "veintiún"
    if words == "uno" or words.endswith(" uno"):
        return words[:-1]
    return words


def en_num(n: int) -> str:
    if n < 10:
        return EN_DIG[n]
    if n < 20:
        return EN_TEEN[n - 10]
    t, u = divmod(n, 10)
    return EN_TENS[t] + (f" {EN_DIG[u]}" if u else "")


def g_words(rng: random.Random, g: str, lang: str = "es") -> str:
    """Digit by digit, with an occasional "doble"/"triple"."""
    names = ES_DIG if lang == "es" else EN_DIG
    out, i = [], 0
    while i < len(g):
        run = 1
        while i + run < len(g) and g[i + run] == g[i] and run < 3:
            run += 1
        if run >= 2 and rng.random() < 0.6:
            word = {
                ("es", 2): "doble",
                ("es", 3): "triple",
                ("en", 2): "double",
                ("en", 3): "triple",
            }[(lang, run)]
            out.append(f"{word} {names[int(g[i])]}")
            i += run
            continue
        out.append(names[int(g[i])])
        i += 1
    return " ".join(out)


def g_pairs(rng: random.Random, g: str, lang: str = "es") -> str:
    out = []
    if len(g) % 2:
        out.append((ES_DIG if lang == "es" else EN_DIG)[int(g[0])])
        g = g[1:]
    for i in range(0, len(g), 2):
        p = g[i : i + 2]
        if p[0] == "0":
            out.append(g_words(rng, p, lang))
        elif lang == "en" and int(p) % 10 == 0 and int(p) >= 20:
            out.append(g_words(rng, p, lang))  # "thirty" + "five" would join in English
        else:
            out.append(es_num(int(p), rng, True) if lang == "es" else en_num(int(p)))
    return " ".join(out)


def g_hund(rng: random.Random, g: str) -> str:
    if len(g) == 3 and g[0] != "0" and g[1:] != "00":
        return es_num(int(g), rng, True)
    if len(g) in (2, 4):
        return g_pairs(rng, g)
    return g_words(rng, g)


def split_groups(s: str, sizes: list[int]) -> list[str]:
    out, i = [], 0
    for n in sizes:
        out.append(s[i : i + n])
        i += n
    assert i == len(s)
    return out


@dataclass
class Rendered:
    groups: list[str]
    render: str


def render_value(
    c: Call, s: str, sizes: list[int], allow_typed: bool = True, modes: list[str] | None = None
) -> Rendered:
    """Render a digit value group by group in one of the number styles."""
    rng = c.rng
    choices = modes or ["words", "words", "pairs", "hundreds", "mixed", "codeswitch"]
    if c.style == "oracion" and allow_typed:
        choices = [*choices, "typed", "typed", "typed-spaced"]
    mode = rng.choice(choices)
    groups = split_groups(s, sizes)
    if mode == "codeswitch" and len(groups) == 1 and len(s) >= 2:
        half = len(s) // 2
        es_part = rng.choice([g_words, g_pairs])(rng, s[:half])
        en_part = rng.choice([g_words, g_pairs])(rng, s[half:], "en")
        text = c.sty_num(f"{es_part} {en_part}")
        if nd(text) != s:
            raise Redraw(f"render codeswitch of {s}")
        return Rendered([text], mode)
    if mode == "typed":
        return Rendered(list(groups), "typed")
    if mode == "typed-spaced":
        return Rendered([" ".join(g) for g in groups], "typed-spaced")
    out = []
    english_from = rng.randint(1, max(1, len(groups) - 1))
    for k, g in enumerate(groups):
        if mode == "words":
            out.append(g_words(rng, g))
        elif mode == "pairs":
            out.append(g_pairs(rng, g))
        elif mode == "hundreds":
            out.append(g_hund(rng, g))
        elif mode == "mixed":
            out.append(rng.choice([g_words, g_pairs, g_hund])(rng, g))
        else:  # codeswitch: Spanish first, English from some group on
            if k >= english_from:
                out.append(rng.choice([g_words, g_pairs])(rng, g, "en"))
            else:
                out.append(rng.choice([g_words, g_pairs])(rng, g))
    rendered = [c.sty_num(x) for x in out]
    if "".join(nd(x) for x in rendered) != s:
        raise Redraw(f"render {mode} of {s}")
    return Rendered(rendered, mode)


# =============================================================================
# call builder
# =============================================================================


@dataclass
class Piece:
    text: str
    gold: str | None = None
    neg: str | None = None


@dataclass
class GoldItem:
    key: str
    type: str
    style: str
    kind: str  # digits | text | chars
    expect: str | None = None
    canonical: str | None = None
    pieces: list[tuple[int, int, int, str]] = field(default_factory=list)


FILLERS = ["este", "eh", "o sea", "pues", "mmm", "a ver"]
BACKCHANNEL = ["Ajá.", "Sí.", "Okey.", "Ajá, sí.", "Mhm.", "Okay, ajá.", "Sí, le sigo."]


class Call:
    def __init__(self, idx: int, seed: int, shape_name: str) -> None:
        self.idx = idx
        self.rng = random.Random(seed)
        self.mx = Faker("es_MX")
        self.mx.seed_instance(seed)
        self.es = Faker("es_ES")
        self.es.seed_instance(seed + 1)
        self.en = Faker("en_US")
        self.en.seed_instance(seed + 2)
        self.style = self.rng.choice(STYLES)
        self.drop_p = self.rng.uniform(0.3, 0.9)
        self.shape = shape_name
        self.segments: list[dict[str, str]] = []
        self.gold_items: dict[str, GoldItem] = {}
        self.negatives: list[dict[str, Any]] = []
        self.owner = ""
        self.campaign = ""
        self.state = self.rng.choice(["TX", "CA", "FL", "AZ", "IL", "NY", "NM", "NV"])

    # ---- style
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq):
        return self.rng.choice(seq)

    @property
    def typed(self) -> bool:
        return self.style == "oracion"

    def sty(self, text: str, raw: bool = False) -> str:
        if self.style == "oracion":
            return text
        if raw:
            return text.lower()
        t = text.lower()
        if self.style == "plano":
            t = re.sub(r"[.,;:?!¿¡…\"]", "", t)
            t = re.sub(r"(?<=\D)-|-(?=\D)", " ", t)
            return re.sub(r"\s+", " ", t).strip()
        words = t.split(" ")
        return " ".join(strip_accents(w) if self.rng.random() < self.drop_p else w for w in words)

    def sty_num(self, text: str) -> str:
        return self.sty(text)

    # ---- pieces
    def G(self, key: str, text: str, raw: bool = False) -> Piece:  # noqa: N802
        return Piece(self.sty(text, raw), gold=key)

    def N(self, kind: str, text: str, raw: bool = False) -> Piece:  # noqa: N802
        return Piece(self.sty(text, raw), neg=kind)

    def gold(
        self,
        key: str,
        type_: str,
        style: str,
        kind: str = "digits",
        expect: str | None = None,
        canonical: str | None = None,
    ) -> str:
        self.gold_items[key] = GoldItem(key, type_, style, kind, expect, canonical)
        return key

    def say(self, speaker: str, *parts: str | Piece) -> int:
        pieces = [p if isinstance(p, Piece) else Piece(self.sty(p)) for p in parts]
        pieces = [p for p in pieces if p.text]
        if self.style == "oracion" and pieces and pieces[0].text[:1].islower():
            first = pieces[0]
            pieces[0] = Piece(first.text[0].upper() + first.text[1:], first.gold, first.neg)
        seg = len(self.segments)
        text = ""
        for p in pieces:
            if (
                text
                and not text.endswith(("¿", "¡", " ", "("))
                and not p.text.startswith((",", ".", ";", ":", "?", "!", ")"))
            ):
                text += " "
            start = len(text)
            text += p.text
            if p.gold is not None:
                self.gold_items[p.gold].pieces.append((seg, start, len(text), p.text))
            if p.neg is not None:
                self.negatives.append(
                    {"kind": p.neg, "text": p.text, "segment": seg, "start": start}
                )
        if not text:
            raise Redraw("empty segment")
        self.segments.append({"speaker": speaker, "text": text})
        return seg

    def agent(self, *parts: str | Piece) -> int:
        return self.say("agent", *parts)

    def cust(self, *parts: str | Piece) -> int:
        return self.say("customer", *parts)

    def backchannel(self) -> int:
        return self.agent(self.pick(BACKCHANNEL))

    def filler(self) -> str:
        f = self.pick(FILLERS)
        return f + ("..." if self.style == "oracion" else ",")

    # ---- values as pieces
    def value_inline(self, key: str, r: Rendered, fillers: bool = False) -> list[str | Piece]:
        """All groups of a rendered value in one turn, optionally with fillers between."""
        parts: list[str | Piece] = []
        for k, g in enumerate(r.groups):
            if k and fillers and self.chance(0.5) and r.render != "typed":
                parts.append(self.filler())
                item = self.gold_items[key]
                item.style = re.sub(r"/(inline|continuation)$", "/pause", item.style)
            parts.append(
                self.G(
                    key,
                    g
                    + (
                        ","
                        if self.style != "plano" and k < len(r.groups) - 1 and r.render != "typed"
                        else ""
                    ),
                )
            )
        if r.render == "typed" and len(r.groups) > 1:
            sep = self.pick(["-", " ", "-"])
            parts = [self.G(key, sep.join(r.groups))]
        return parts

    # ---- finalize
    def record(self) -> dict[str, Any]:
        gold = []
        for item in self.gold_items.values():
            if not item.pieces:
                raise Redraw(f"gold {item.key} never said")
            segs: list[int] = []
            for seg, *_ in item.pieces:
                if seg not in segs:
                    segs.append(seg)
            spans = [[seg, a, b] for seg, a, b, _ in item.pieces]
            g: dict[str, Any] = {"type": item.type}
            if item.kind == "digits":
                digits = "".join(nd(t) for *_, t in item.pieces)
                if item.expect is not None and digits != item.expect:
                    raise Redraw(f"{item.key}: {digits} != {item.expect}")
                g["digits"] = digits
            elif item.kind == "text":
                g["text"] = " ".join(words_of(t) for *_, t in item.pieces)
            else:
                g["chars"] = re.sub(r"[^a-z0-9]", "", "".join(t for *_, t in item.pieces).lower())
                if item.canonical:
                    g["canonical"] = item.canonical
            g.update({"segments": segs, "spans": spans, "style": item.style})
            gold.append(g)
        return {
            "id": f"ces-{self.idx:04d}",
            "owner": self.owner,
            "campaign_id": self.campaign,
            "consumer_state": self.state,
            "shape": f"{self.shape}/{self.style}",
            "segments": self.segments,
            "gold": gold,
            "negatives": self.negatives,
        }


# =============================================================================
# self-check
# =============================================================================


def check(record: dict[str, Any]) -> None:
    orig = original_output(record)
    for neg in record["negatives"]:
        where = neg.get("segment", neg.get("field"))
        text = orig[where]
        if text[neg["start"] : neg["start"] + len(neg["text"])] != neg["text"]:
            raise Redraw(f"negative offset {neg}")
        for g in record["gold"]:
            for loc, a, b in g["spans"]:
                if loc == where and a < neg["start"] + len(neg["text"]) and neg["start"] < b:
                    raise Redraw(f"negative {neg['text']!r} overlaps gold")
    score = score_record(record, orig, spanish=True)
    for g, res in zip(record["gold"], score.gold, strict=True):
        if not res.leaked:
            raise Redraw(f"original does not leak {g}")
        if "digits" in g:
            stream = "".join(nd(orig[loc]) for loc in g.get("segments", g.get("fields", [])))
            if g["digits"] not in stream:
                raise Redraw(f"digits {g['digits']} not whole in {stream}")
    oracle = oracle_output(record)
    score = score_record(record, oracle, spanish=True)
    for g, res in zip(record["gold"], score.gold, strict=True):
        if res.leaked:
            raise Redraw(f"oracle leaks {g}")
    for res in score.negatives:
        if res.destroyed:
            raise Redraw(f"oracle destroys {res.text!r}")


# =============================================================================
# vocabulary
# =============================================================================

DOMAINS: dict[str, tuple[str, str, list[str]]] = {
    "medicare": (
        "sol-medicare-latino",
        "medicare-advantage",
        ["Sol Medicare Latino", "Beneficios Sol", "Plan Amigo Salud"],
    ),
    "aca": ("salud-para-todos", "aca-enrollment", ["Salud Para Todos", "Cobertura Familiar"]),
    "final": ("paz-eterna-seguros", "final-expense", ["Paz Eterna Seguros", "Protección Final"]),
    "card": (
        "tarjeta-azteca-services",
        "card-activation",
        ["Tarjeta Azteca", "Servicios de Tarjeta Azteca"],
    ),
    "auto": ("credito-familiar-auto", "auto-loans", ["Crédito Familiar Auto", "AutoFácil"]),
    "util": ("luz-y-gas-del-valle", "utilities", ["Luz y Gas del Valle", "Energía del Valle"]),
    "debt": ("libre-de-deudas", "debt-settlement", ["Libre de Deudas", "Alivio Financiero"]),
    "immig": (
        "abogados-esperanza",
        "immigration-legal",
        ["Abogados Esperanza", "Despacho Legal Esperanza"],
    ),
    "bank": ("banco-puente", "account-update", ["Banco Puente", "Puente Financiero"]),
}

PLANS = [
    "Plan Oro Plus",
    "Medicare Advantage HMO",
    "plan dental básico",
    "Plan Bronce",
    "Plan Plata 70",
    "Plan Platino PPO",
    "Protección Final 10 mil",
    "Plan Familiar Plus",
]
CITIES = [
    ("Los Ángeles", "California"),
    ("San José", "California"),
    ("Santa Cruz", "California"),
    ("San Antonio", "Texas"),
    ("El Paso", "Texas"),
    ("Laredo", "Texas"),
    ("Las Vegas", "Nevada"),
    ("Santa Fe", "Nuevo México"),
    ("Las Cruces", "Nuevo México"),
    ("Phoenix", "Arizona"),
    ("Tucson", "Arizona"),
    ("Miami", "Florida"),
    ("Orlando", "Florida"),
    ("Chicago", "Illinois"),
    ("Nueva York", "Nueva York"),
    ("San Diego", "California"),
    ("Fresno", "California"),
    ("Houston", "Texas"),
]
AREA = [
    "213",
    "323",
    "305",
    "786",
    "713",
    "832",
    "915",
    "956",
    "602",
    "520",
    "505",
    "702",
    "718",
    "347",
    "312",
    "773",
    "210",
    "559",
    "408",
]
ZIP_PREFIX = {
    "California": "9",
    "Texas": "7",
    "Nevada": "89",
    "Nuevo México": "87",
    "Arizona": "85",
    "Florida": "33",
    "Illinois": "60",
    "Nueva York": "1",
}

CONDITIONS = [
    "diabetes",
    "presión alta",
    "hipertensión",
    "asma",
    "artritis",
    "colesterol alto",
    "cáncer de mama",
    "insuficiencia renal",
    "depresión",
    "ansiedad",
    "EPOC",
    "insuficiencia cardíaca",
    "epilepsia",
    "VIH",
    "hepatitis C",
    "Parkinson",
    "lupus",
    "neuropatía",
    "apnea del sueño",
    "glaucoma",
    "cáncer de próstata",
    "Alzheimer",
]
MEDS = [
    "metformina",
    "insulina",
    "lisinopril",
    "atorvastatina",
    "losartán",
    "Eliquis",
    "omeprazol",
    "levotiroxina",
    "amlodipino",
    "Ozempic",
    "gabapentina",
    "sertralina",
    "Jardiance",
    "warfarina",
    "prednisona",
    "Trulicity",
    "albuterol",
]
TREATMENTS = [
    ("Estoy en", "diálisis", "tres veces por semana"),
    ("Me están dando", "quimioterapia", "cada quince días"),
    ("Acabo de terminar la", "radioterapia", ""),
    ("Voy a", "terapia física", "por la espalda"),
    ("Uso", "oxígeno en casa", "en la noche"),
    ("Me hicieron un", "reemplazo de rodilla", "el año pasado"),
    ("Me pusieron un", "marcapasos", "hace poco"),
    ("Estoy en", "rehabilitación", "por el derrame"),
]
DISABILITY = [
    ("Uso", "silla de ruedas", ""),
    ("Tengo una", "discapacidad", "desde el accidente"),
    ("Ando con", "andadera", "desde la caída"),
    ("Soy", "sordo", "de un oído"),
    ("Estoy", "ciega", "de un ojo"),
]
PREGNANCY = [
    ("Estoy", "embarazada", "de mi segundo bebé"),
    ("Tengo", "cinco meses de embarazo", ""),
    ("Mi esposa está", "embarazada", "y queremos cubrirla"),
]
RELIGION = [
    ("Soy", "testigo de Jehová", ", no acepto transfusiones"),
    ("Somos", "católicos", ", queremos misa en el funeral"),
    ("Yo soy", "evangélica", ", voy a la iglesia los domingos"),
    ("Soy", "adventista", ", guardo el sábado"),
    ("Soy", "mormón", ""),
    ("Mi familia es", "musulmana", ""),
    ("Soy", "judía", ", el entierro tiene que ser rápido"),
    ("Soy cristiano", "pentecostal", ""),
]
ETHNIC = [
    ("Soy de origen", "guatemalteco", ""),
    ("Soy", "hondureña", ""),
    ("Somos", "indígenas mixtecos", ", mi mamá casi no habla español"),
    ("Soy", "afrolatina", ""),
    ("Soy", "salvadoreño", ""),
    ("Mi familia es de Oaxaca, somos", "zapotecos", ""),
    ("Soy", "puertorriqueño", ""),
    ("Soy", "mexicana", "de nacimiento"),
]
IMMIGRATION = [
    ("Estoy", "indocumentado", ""),
    ("Estoy", "sin papeles", "todavía"),
    ("Soy", "residente permanente", ""),
    ("Tengo", "DACA", ""),
    ("Tengo", "visa de trabajo", ", la H2A"),
    ("Estoy pidiendo", "asilo", ""),
    ("Tengo", "TPS", ""),
    ("Ya tengo la", "green card", ""),
    ("Mi", "permiso de trabajo", "se vence pronto"),
    ("Mi esposo está", "indocumentado", ""),
    ("Entré con", "visa de turista", "y me quedé"),
]
UNION = [
    ("Soy del", "sindicato de maestros", ""),
    ("Estoy en el", "sindicato", "de la construcción"),
    ("Soy miembro de los", "Teamsters", ""),
    ("Pago cuota en la", "unión de campesinos", ""),
    ("Mi esposo es del", "sindicato de enfermeras", ""),
]
ORIENTATION = [
    ("Soy", "gay", ", quiero agregar a mi esposo"),
    ("Mi esposa y yo somos", "lesbianas", ""),
    ("Soy", "bisexual", ""),
    ("Mi pareja y yo somos una pareja", "gay", ""),
]
POLITICS = [
    ("Yo soy", "republicano", "de toda la vida"),
    ("Yo voto", "demócrata", ""),
    ("Soy del", "partido demócrata", ""),
    ("Yo soy bien", "trumpista", ""),
    ("Soy", "republicana", ", para que sepa"),
]
HOMOGRAPHS = [
    ("phrase", "la presión de las llantas"),
    ("org", "la unión de crédito"),
    ("phrase", "me dio mucha pena"),
    ("phrase", "está muy caliente el café"),
    ("phrase", "la iglesia de la esquina"),
    ("phrase", "el sindicato de la película"),
]
EMAIL_DOMAINS = ["gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "icloud.com"]

SPELL = {
    "A": ["a", "a de árbol", "a de amor"],
    "B": ["be", "be grande", "be de burro"],
    "C": ["ce", "ce de casa"],
    "D": ["de de dedo", "de de dado"],
    "E": ["e", "e de elefante"],
    "F": ["efe", "efe de foca"],
    "G": ["ge", "ge de gato"],
    "H": ["hache"],
    "J": ["jota"],
    "K": ["ka", "ka de kilo"],
    "L": ["ele", "ele de luna"],
    "M": ["eme", "eme de mamá"],
    "N": ["ene", "ene de nube"],
    "P": ["pe", "pe de papá"],
    "Q": ["cu", "cu de queso"],
    "R": ["erre", "erre de ratón"],
    "T": ["te", "te de tomate"],
    "U": ["u", "u de uva"],
    "V": ["uve", "ve chica", "ve de vaca"],
    "W": ["doble u", "doble ve"],
    "X": ["equis"],
    "Y": ["ye", "i griega"],
}


def spell_chars(c: Call, chunk: str) -> tuple[str, str]:
    """Say an ID chunk letter by letter in Spanish; returns (text, render)."""
    if c.typed and c.chance(0.4):
        return chunk, "typed"
    out = []
    for ch in chunk:
        out.append(c.pick(SPELL[ch]) if ch.isalpha() else ES_DIG[int(ch)])
    return c.sty(" ".join(out)), "spelled"


# =============================================================================
# negatives and small helpers
# =============================================================================


def ascii_lower(s: str) -> str:
    return re.sub(r"[^a-z]", "", strip_accents(s).lower())


@dataclass
class Person:
    first: str
    last: str
    agent: str
    city: str
    state_name: str
    org: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def intro(c: Call, domain: str) -> Person:
    owner, camp, orgs = DOMAINS[domain]
    c.owner, c.campaign = owner, camp
    city, state_name = c.pick(CITIES)
    p = Person(
        c.mx.first_name(), c.mx.last_name(), c.mx.first_name(), city, state_name, c.pick(orgs)
    )
    c.state = {
        "California": "CA",
        "Texas": "TX",
        "Nevada": "NV",
        "Nuevo México": "NM",
        "Arizona": "AZ",
        "Florida": "FL",
        "Illinois": "IL",
        "Nueva York": "NY",
    }[state_name]
    if c.chance(0.5):
        c.agent(
            "Gracias por llamar a",
            c.N("org", p.org),
            ", le atiende",
            c.N("name", p.agent),
            ". ¿Con quién tengo el gusto?",
        )
        c.cust("Hola, buenas tardes, habla", c.N("name", p.full), ".")
    else:
        c.agent(
            "Buenos días, mi nombre es",
            c.N("name", p.agent),
            "de",
            c.N("org", p.org),
            ". ¿Hablo con",
            c.N("name", p.full),
            "?",
        )
        c.cust(c.pick(["Sí, soy yo.", "Sí, dígame.", "Yes, sí, soy yo.", "Sí, con quien habla."]))
    return p


def phone_text(c: Call) -> str:
    area, mid, last = c.pick(AREA), rdig(c.rng, 3, True), rdig(c.rng, 4)
    if mid[0] in "01":
        mid = "4" + mid[1:]
    if c.typed and c.chance(0.7):
        return c.pick([f"({area}) {mid}-{last}", f"{area}-{mid}-{last}", f"{area} {mid} {last}"])
    groups = [
        g_words(c.rng, area),
        c.pick([g_words, g_pairs])(c.rng, mid),
        c.pick([g_words, g_pairs])(c.rng, last),
    ]
    return ", ".join(groups)


def zip_text(c: Call, state_name: str) -> str:
    z = ZIP_PREFIX[state_name]
    z = z + rdig(c.rng, 5 - len(z))
    if c.typed and c.chance(0.7):
        return z
    return c.pick([g_words, g_pairs])(c.rng, z)


def address_text(c: Call) -> str:
    num = c.rng.randint(100, 9899)
    street = c.en.street_name()
    if c.chance(0.4):
        street = c.pick(["calle", "avenida"]) + " " + c.mx.last_name()
    if c.typed and c.chance(0.7):
        return f"{num} {street}"
    return f"{es_num(num)} {street}"


def email_text(p: Person, c: Call) -> str:
    sep = c.pick([".", "_", ""])
    user = f"{ascii_lower(p.first)}{sep}{ascii_lower(p.last)}{c.rng.randint(1, 99)}"
    return f"{user}@{c.pick(EMAIL_DOMAINS)}"


def money_text(c: Call) -> str:
    dollars, cents = c.rng.choice([19, 29, 39, 49, 59, 89, 120, 250]), c.pick([0, 99, 50])
    if c.typed and c.chance(0.6):
        return f"${dollars}.{cents:02d}" if cents else c.pick([f"${dollars}", f"{dollars} dólares"])
    if cents:
        return f"{es_num(dollars)} con {es_num(cents)}"
    return f"{es_num(dollars)} dólares" + c.pick(["", " al mes"])


def time_text(c: Call) -> str:
    h = c.rng.randint(1, 11)
    if c.typed and c.chance(0.5):
        return f"a las {h}:{c.pick(['00', '30', '15'])}"
    hour = "una" if h == 1 else es_num(h)
    art = "a la" if h == 1 else "a las"
    return f"{art} {hour}" + c.pick([" y media", "", " y cuarto", " en punto"])


def date_text(c: Call) -> str:
    day = c.rng.randint(2, 28)
    wd = c.pick(["lunes", "martes", "miércoles", "jueves", "viernes"])
    if c.typed and c.chance(0.5):
        return f"el {wd} {day}"
    return c.pick([f"el {wd} {es_num(day)}", f"el {es_num(day)} de {c.pick(MONTHS)}"])


def adult_age_text(c: Call) -> str:
    age = c.rng.randint(64, 88)
    return f"{age} años" if c.typed and c.chance(0.5) else f"{es_count(age)} años"


def reference_text(c: Call) -> str:
    ref = rdig(c.rng, c.pick([6, 7, 8]), True)
    if c.typed and c.chance(0.6):
        return c.pick(["", "R", "CF-"]) + ref
    return g_words(c.rng, ref)


def contact_block(c: Call, p: Person, which: str = "pae") -> None:
    """Confirm contact data: phone, address/city/zip, email (all kept)."""
    if "p" in which:
        c.agent("¿Cuál es el mejor número de teléfono para contactarle?")
        c.cust(c.pick(["Es el", "Mi cel es el", "Al", ""]), c.N("phone", phone_text(c)), ".")
    if "a" in which:
        c.agent("¿Y su dirección?")
        c.cust(
            c.N("address", address_text(c)),
            ",",
            c.N("city", p.city),
            ",",
            c.N("state", p.state_name),
            ", código postal",
            c.N("zip", zip_text(c, p.state_name)),
            ".",
        )
    if "e" in which:
        c.agent("¿Tiene correo electrónico?")
        c.cust("Sí, es", Piece(email_text(p, c).lower(), neg="email"), ".")


def sens(
    c: Call, key: str, type_: str, item: tuple[str, str, str], style: str
) -> list[str | Piece]:
    pre, term, post = item
    c.gold(key, type_, style, kind="text")
    out: list[str | Piece] = [pre, c.G(key, term)]
    if post:
        out.append(post)
    return out


# =============================================================================
# number phrases
# =============================================================================


def dob_phrase(c: Call, key: str, context: str) -> tuple[list[str | Piece], str]:
    """A date of birth in one of the Spanish forms; registers the gold item."""
    year = c.rng.randint(1938, 1990)
    month, day = c.rng.randint(1, 12), c.rng.randint(1, 28)
    yy = year % 100
    forms = ["month-name", "month-name", "del", "us-order", "year-split"]
    if c.typed:
        forms += ["typed-slash", "typed-us", "typed-month"]
    form = c.pick(forms)
    if form == "month-name":
        dword = "primero" if day == 1 and c.chance(0.5) else es_num(day, c.rng, True)
        yword = c.pick([f"de {es_num(year)}", f"del {es_num(yy, c.rng, True)}"])
        text = f"{dword} de {MONTHS[month - 1]} {yword}"
        c.gold(key, "DATE_OF_BIRTH", f"{context}/dob-month-name/inline", kind="text")
    elif form == "typed-month":
        text = (
            f"{day} de {MONTHS[month - 1]} del {yy:02d}"
            if c.chance(0.5)
            else f"{day} de {MONTHS[month - 1]} de {year}"
        )
        c.gold(key, "DATE_OF_BIRTH", f"{context}/dob-typed-month/inline", kind="text")
    elif form == "del":
        text = f"{es_num(day, c.rng, True)} del {es_num(month)} del {es_num(yy, c.rng, True)}"
        c.gold(key, "DATE_OF_BIRTH", f"{context}/dob-del/inline")
    elif form == "us-order":
        mm = g_words(c.rng, f"{month:02d}") if month < 10 else es_num(month)
        text = f"{mm}, {es_num(day, c.rng, True)}, {es_num(year)}"
        c.gold(key, "DATE_OF_BIRTH", f"{context}/dob-us-order/inline")
    elif form == "year-split":
        text = f"{es_num(day)} de {es_num(month)} de {es_num(year // 100)} {es_num(yy)}"
        if yy < 10:
            text = f"{es_num(day)} de {es_num(month)} de {es_num(year)}"
        c.gold(key, "DATE_OF_BIRTH", f"{context}/dob-year-split/inline")
    elif form == "typed-slash":
        text = f"{day:02d}/{month:02d}/{year}"
        c.gold(key, "DATE_OF_BIRTH", f"{context}/dob-typed-dmy/inline")
    else:
        text = f"{month}-{day}-{yy:02d}" if c.chance(0.5) else f"{month:02d}/{day:02d}/{year}"
        c.gold(key, "DATE_OF_BIRTH", f"{context}/dob-typed-mdy/inline")
    return [c.G(key, text)], form


def expiry_phrase(c: Call, key: str, context: str) -> list[str | Piece]:
    month, year = c.rng.randint(1, 12), c.rng.randint(2026, 2031)
    yy = year % 100
    mm_words = g_words(c.rng, f"{month:02d}") if month < 10 and c.chance(0.5) else es_num(month)
    forms = ["mm-yy", "del", "vence-en", "long-year", "month-name"]
    if c.typed:
        forms += ["typed", "typed"]
    form = c.pick(forms)
    if form == "month-name":
        c.gold(key, "CARD_EXPIRY", f"{context}/exp-month-name/inline", kind="text")
        return ["Vence en", c.G(key, f"{MONTHS[month - 1]} del {es_num(yy, c.rng, True)}")]
    c.gold(key, "CARD_EXPIRY", f"{context}/exp-{form}/inline")
    if form == "typed":
        return [c.pick(["Es", "Vence el", ""]), c.G(key, f"{month:02d}/{yy:02d}")]
    if form == "mm-yy":
        return [c.G(key, f"{mm_words} {es_num(yy, c.rng, True)}")]
    if form == "del":
        return ["El", c.G(key, f"{mm_words} del {es_num(yy, c.rng, True)}")]
    if form == "vence-en":
        return ["Vence en el", c.G(key, f"{mm_words} del {es_num(yy, c.rng, True)}")]
    return [c.G(key, f"{mm_words} del {es_num(year)}")]


def cvv_phrase(c: Call, key: str, cvv: str, context: str) -> list[str | Piece]:
    r = render_value(c, cvv, [len(cvv)], modes=["words", "words", "hundreds"])
    c.gold(key, "CARD_SECURITY_CODE", f"{context}/{r.render}/inline", expect=cvv)
    return [c.G(key, r.groups[0])]


def card_sizes(number: str) -> list[int]:
    return [4, 6, 5] if len(number) == 15 else [4, 4, 4, 4]


def say_split(c: Call, key: str, r: Rendered, split_at: int, cue: str) -> None:
    """Customer says groups[:split_at], agent back-channels, customer continues with a cue."""
    c.cust(*c.value_inline(key, Rendered(r.groups[:split_at], r.render), fillers=True))
    c.backchannel()
    c.cust(cue, *c.value_inline(key, Rendered(r.groups[split_at:], r.render)))


def say_backchannel(c: Call, key: str, r: Rendered) -> None:
    """One group per customer turn, agent back-channels between."""
    for k, g in enumerate(r.groups):
        if k:
            c.backchannel()
        c.cust(c.G(key, g))


# =============================================================================
# shapes
# =============================================================================

SHAPES: dict[str, tuple[Callable[[Call], None], int]] = {}


def shape(weight: int = 1) -> Callable[[Callable[[Call], None]], Callable[[Call], None]]:
    def deco(fn: Callable[[Call], None]) -> Callable[[Call], None]:
        SHAPES[fn.__name__] = (fn, weight)
        return fn

    return deco


def ssn_ask(c: Call) -> str:
    return c.pick(
        [
            "Para verificar su identidad, ¿me puede dar su número de seguro social?",
            "¿Me regala su número de seguro social, por favor?",
            "Necesito su social security, el número completo.",
            "¿Cuál es su número de seguro social?",
            "Can I get your social? ¿Su número de seguro social?",
            "¿Me da su social, por favor? Nada más para verificar.",
        ]
    )


@shape(3)
def ssn_answer(c: Call) -> None:
    """Agent asks for the social; customer says it in one turn (any number style)."""
    p = intro(c, c.pick(["medicare", "aca", "auto", "final", "debt"]))
    ssn = make_ssn(c.rng)
    r = render_value(c, ssn, [3, 2, 4])
    key = c.gold("ssn", "US_SSN", f"answer/{r.render}/inline", expect=ssn)
    c.agent(ssn_ask(c))
    fill = c.chance(0.4)
    c.cust(
        c.pick(["Sí, es el", "Claro, es", "Mire, es", "", "Okay, my social es", "A ver, es el"]),
        *c.value_inline(key, r, fillers=fill),
    )
    c.agent("Gracias. ¿Y su fecha de nacimiento?")
    parts, _ = dob_phrase(c, "dob", "answer")
    c.cust(c.pick(["Nací el", "Es el", ""]), *parts, ".")
    c.agent("Perfecto. ¿Usted vive en", c.N("city", p.city), "todavía?")
    c.cust("Sí, en", c.N("city", p.city), ",", c.N("state", p.state_name), ".")
    contact_block(c, p, c.pick(["p", "pa", "e", "pe"]))
    c.agent("Muy bien, le llamamos", c.N("date", date_text(c)), c.N("time", time_text(c)), ".")
    c.cust("Está bien, gracias.")


@shape(3)
def ssn_backchannel_readback(c: Call) -> None:
    """Customer gives the social one group per turn with back-channels; agent reads it back."""
    p = intro(c, c.pick(["medicare", "aca", "bank", "debt"]))
    ssn = make_ssn(c.rng)
    r = render_value(c, ssn, [3, 2, 4], allow_typed=False)
    key = c.gold("ssn", "US_SSN", f"answer/{r.render}/backchannel", expect=ssn)
    c.agent(ssn_ask(c))
    say_backchannel(c, key, r)
    rb = render_value(c, ssn, [3, 2, 4], modes=["words", "pairs"])
    kb = c.gold("ssn_rb", "US_SSN", f"readback/{rb.render}/inline", expect=ssn)
    c.agent("Le repito:", *c.value_inline(kb, rb), ". ¿Correcto?")
    c.cust(c.pick(["Sí, correcto.", "Así es.", "Sí, ese mero."]))
    c.agent("Su plan sería de", c.N("money", money_text(c)), ".")
    c.cust("Okey, me parece bien.")
    contact_block(c, p, c.pick(["p", "a", "pe"]))


@shape(3)
def ssn_volunteered_codeswitch(c: Call) -> None:
    """Customer volunteers the social before being asked, switching to English mid-number."""
    p = intro(c, c.pick(["medicare", "aca", "card", "util"]))
    ssn = make_ssn(c.rng)
    r = render_value(c, ssn, [3, 2, 4], allow_typed=False, modes=["codeswitch"])
    key = c.gold("ssn", "US_SSN", f"volunteered/{r.render}/inline", expect=ssn)
    c.agent("¿En qué le puedo ayudar hoy?")
    c.cust(
        "Quiero ver lo de mi plan. Mi social es",
        *c.value_inline(key, r),
        c.pick([", por si lo necesita.", ". Para que me busque.", "."]),
    )
    c.agent("Gracias. Veo que usted tiene", c.N("plan", c.pick(PLANS)), ".")
    c.cust("Sí, y pago", c.N("money", money_text(c)), ".")
    c.agent("Correcto. ¿Sigue en", c.N("city", p.city), "?")
    c.cust("Sí, señorita.")
    contact_block(c, p, c.pick(["p", "ae", "a"]))


@shape(2)
def ssn_last4(c: Call) -> None:
    """Agent asks for the last four of the social; customer answers with the number only."""
    p = intro(c, c.pick(["bank", "card", "util", "auto"]))
    ssn = make_ssn(c.rng)
    last4 = ssn[-4:]
    r = render_value(c, last4, [4])
    key = c.gold("ssn4", "US_SSN", f"answer-only/{r.render}/inline", expect=last4)
    c.agent(
        c.pick(
            [
                "¿Me confirma los últimos cuatro de su seguro social?",
                "Nada más necesito los últimos cuatro dígitos de su social.",
            ]
        )
    )
    c.cust(c.G(key, r.groups[0]))
    c.agent(
        "Gracias. Su cuenta está al corriente; el próximo pago es de",
        c.N("money", money_text(c)),
        c.N("date", date_text(c)),
        ".",
    )
    c.cust("Ah, okey. ¿Y me pueden mandar el recibo al correo?")
    c.agent("Claro.")
    contact_block(c, p, "e")


@shape(2)
def ssn_correction(c: Call) -> None:
    """Customer says the social, then corrects one digit of the last group."""
    p = intro(c, c.pick(["aca", "auto", "medicare"]))
    ssn = make_ssn(c.rng)
    last = ssn[-4:]
    pos = c.rng.randint(0, 3)
    wrong_digit = str((int(last[pos]) + c.rng.randint(1, 8)) % 10)
    wrong = last[:pos] + wrong_digit + last[pos + 1 :]
    key = c.gold("ssn", "US_SSN", "answer/words/correction")
    c.agent(ssn_ask(c))
    head = [g_words(c.rng, ssn[:3]), g_pairs(c.rng, ssn[3:5]), g_words(c.rng, wrong)]
    c.cust(c.G(key, c.sty(head[0])), c.G(key, c.sty(head[1])), c.G(key, c.sty(head[2])))
    c.cust(
        "No, perdón, es",
        c.G(key, ES_DIG[int(last[pos])]),
        ", no",
        c.G(key, ES_DIG[int(wrong_digit)]),
        ". Los últimos son",
        c.G(key, g_words(c.rng, last)),
        ".",
    )
    c.agent("Entendido. ¿Y cuántos años tiene usted?")
    c.cust("Tengo", c.N("age", adult_age_text(c)), ".")
    contact_block(c, p, c.pick(["p", "pa"]))


@shape(2)
def itin_immigration(c: Call) -> None:
    """Caller has an ITIN instead of a social and mentions immigration status."""
    p = intro(c, c.pick(["aca", "auto", "debt", "immig"]))
    itin = make_itin(c.rng)
    c.agent("¿Me da su número de seguro social?")
    c.cust(
        *sens(
            c, "imm", "CITIZENSHIP_IMMIGRATION", c.pick(IMMIGRATION), "volunteered/status/inline"
        ),
        ", no tengo social. Tengo un ITIN.",
    )
    c.agent("No se preocupe, con el ITIN podemos. ¿Me lo da?")
    r = render_value(c, itin, [3, 2, 4])
    key = c.gold("itin", "US_ITIN", f"answer/{r.render}/inline", expect=itin)
    c.cust(*c.value_inline(key, r, fillers=True))
    if c.chance(0.5):
        rb = render_value(c, itin[-4:], [4], modes=["words"])
        kb = c.gold("itin_rb", "US_ITIN", f"readback/{rb.render}/inline", expect=itin[-4:])
        c.agent("Terminado en", c.G(kb, rb.groups[0]), ", ¿verdad?")
        c.cust("Sí.")
    c.agent("Su cita con el asesor es", c.N("date", date_text(c)), c.N("time", time_text(c)), ".")
    c.cust("Gracias.")
    contact_block(c, p, "p")


@shape(4)
def card_activation(c: Call) -> None:
    """Card activation: full number, expiry, security code; agent reads back the last four."""
    intro(c, "card")
    number, brand, cvv = make_card(c.rng)
    sizes = card_sizes(number)
    r = render_value(c, number, sizes)
    key = c.gold("card", "CREDIT_CARD", f"answer/{r.render}/inline", expect=number)
    c.agent("Para activar su tarjeta", c.N("org", brand), ", léame el número completo, por favor.")
    c.cust(*c.value_inline(key, r, fillers=c.chance(0.4)))
    c.agent("¿Y la fecha de vencimiento?")
    c.cust(*expiry_phrase(c, "exp", "answer-only"), ".")
    c.agent(
        c.pick(
            [
                "¿Y el código de seguridad, los tres números de atrás?"
                if len(cvv) == 3
                else "¿Y el código de seguridad, los cuatro números del frente?",
                "Por último, el código de seguridad.",
                "¿El CVV?",
            ]
        )
    )
    c.cust(c.pick(["Es", "Son", ""]), *cvv_phrase(c, "cvv", cvv, "answer-only"), ".")
    rb = render_value(c, number[-4:], [4], modes=["words", "pairs"])
    kb = c.gold("card_rb", "CREDIT_CARD", f"readback/{rb.render}/inline", expect=number[-4:])
    c.agent(
        "Listo, la tarjeta terminada en",
        c.G(kb, rb.groups[0]),
        "ya está activa. Su límite es de",
        c.N("money", money_text(c)),
        ".",
    )
    c.cust("Muchas gracias.")


@shape(3)
def card_continuation(c: Call) -> None:
    """Card number over two customer turns ("y luego...") then expiry/CVV answer-only."""
    intro(c, c.pick(["card", "util", "debt", "final"]))
    number, brand, cvv = make_card(c.rng)
    r = render_value(c, number, card_sizes(number), allow_typed=c.chance(0.5))
    key = c.gold("card", "CREDIT_CARD", f"answer/{r.render}/continuation", expect=number)
    c.agent("El pago de hoy es de", c.N("money", money_text(c)), ". ¿Con qué tarjeta va a pagar?")
    c.cust("Con mi", c.N("org", brand), ".")
    c.agent("Adelante con el número.")
    cue = c.pick(["Y luego", "Lo demás es", "Los otros son", "Y después", "Y sigue"])
    say_split(c, key, r, 2, cue)
    c.agent("¿Fecha de vencimiento?")
    c.cust(*expiry_phrase(c, "exp", "answer-only"))
    c.agent(
        "¿Y los tres números de atrás?" if len(cvv) == 3 else "¿Y los cuatro números del frente?"
    )
    c.cust(*cvv_phrase(c, "cvv", cvv, "answer-only"))
    c.agent("Su número de confirmación es", c.N("reference", reference_text(c)), ".")
    c.cust("Okey, lo anoto.")


@shape(2)
def card_backchannel(c: Call) -> None:
    """Card said one group per turn with back-channels, code-switched or not."""
    p = intro(c, c.pick(["card", "util", "debt"]))
    number, _brand, cvv = make_card(c.rng)
    r = render_value(c, number, card_sizes(number), allow_typed=False)
    key = c.gold("card", "CREDIT_CARD", f"answer/{r.render}/backchannel", expect=number)
    c.agent("¿Me lee el número de la tarjeta?")
    say_backchannel(c, key, r)
    c.agent("¿El código de seguridad?")
    c.cust(*cvv_phrase(c, "cvv", cvv, "answer-only"))
    c.agent("Gracias. Se le cobrará", c.N("money", money_text(c)), c.N("date", date_text(c)), ".")
    c.cust("Está bien.")
    contact_block(c, p, "e")


@shape(2)
def card_last4(c: Call) -> None:
    """Agent asks for the last four of the card; answer only, then an appointment."""
    intro(c, c.pick(["card", "bank", "util"]))
    number, _brand, _ = make_card(c.rng)
    r = render_value(c, number[-4:], [4])
    key = c.gold("card4", "CREDIT_CARD", f"answer-only/{r.render}/inline", expect=number[-4:])
    c.agent("¿Me da los últimos cuatro dígitos de la tarjeta?")
    c.cust(c.G(key, r.groups[0]))
    c.agent("Gracias. Veo un cargo de", c.N("money", money_text(c)), c.N("date", date_text(c)), ".")
    c.cust("Ese no lo reconozco,", c.N("phrase", "me dio mucha pena"), "ver eso.")
    c.agent(
        "Le abrimos una disputa; su número de referencia es",
        c.N("reference", reference_text(c)),
        ".",
    )
    c.cust("Gracias.")


@shape(3)
def bank_update(c: Call) -> None:
    """Routing and account number for direct debit; agent reads back the account."""
    intro(c, c.pick(["bank", "auto", "debt", "final"]))
    aba, acct = make_aba(c.rng), make_account(c.rng)
    c.agent("Para el pago automático necesito el número de ruta de su banco.")
    ra = render_value(c, aba, c.pick([[9], [3, 3, 3]]))
    ka = c.gold("aba", "ABA_ROUTING_NUMBER", f"answer/{ra.render}/inline", expect=aba)
    c.cust(
        c.pick(["El número de ruta es", "Es", ""]), *c.value_inline(ka, ra, fillers=c.chance(0.3))
    )
    c.agent("¿Y el número de cuenta?")
    sizes = [3] * (len(acct) // 3) + ([len(acct) % 3] if len(acct) % 3 else [])
    rc = render_value(c, acct, sizes)
    kc = c.gold("acct", "US_BANK_NUMBER", f"answer/{rc.render}/inline", expect=acct)
    c.cust(*c.value_inline(kc, rc))
    if c.chance(0.7):
        rb = render_value(c, acct, sizes, modes=["words"])
        kb = c.gold("acct_rb", "US_BANK_NUMBER", "readback/words/inline", expect=acct)
        c.agent("Le confirmo la cuenta:", *c.value_inline(kb, rb), ".")
        c.cust("Sí, esa es.")
    c.agent(
        "Es con",
        c.N("org", c.pick(["la unión de crédito", "Banco Popular", "Wells Fargo", "Chase"])),
        ", ¿verdad?",
    )
    c.cust("Sí.")
    c.agent(
        "El primer cargo de", c.N("money", money_text(c)), "sale", c.N("date", date_text(c)), "."
    )
    c.cust("Perfecto.")


@shape(2)
def bank_split_turns(c: Call) -> None:
    """Account number split over customer turns with agent back-channels; routing answer-only."""
    p = intro(c, c.pick(["bank", "debt"]))
    aba, acct = make_aba(c.rng), make_account(c.rng)
    c.agent("¿Me da el número de cuenta donde quiere recibir el depósito?")
    half = len(acct) // 2
    rc = render_value(c, acct, [half, len(acct) - half], allow_typed=False)
    kc = c.gold("acct", "US_BANK_NUMBER", f"answer/{rc.render}/backchannel", expect=acct)
    say_backchannel(c, kc, rc)
    c.agent("¿Y el número de ruta?")
    ra = render_value(c, aba, [9])
    ka = c.gold("aba", "ABA_ROUTING_NUMBER", f"answer-only/{ra.render}/inline", expect=aba)
    c.cust(c.G(ka, ra.groups[0]))
    c.agent(
        "Gracias. El depósito de",
        c.N("money", money_text(c)),
        "llega en",
        c.N("quantity", c.pick(["tres días hábiles", "dos semanas", "cinco días"])),
        ".",
    )
    c.cust("Qué bueno.")
    contact_block(c, p, "p")


@shape(3)
def dob_contact_update(c: Call) -> None:
    """Date of birth for verification, then phone, address and email (kept)."""
    p = intro(c, c.pick(["medicare", "util", "bank", "aca", "final"]))
    c.agent("Para verificar, ¿me da su fecha de nacimiento?")
    parts, _ = dob_phrase(c, "dob", "answer")
    c.cust(*parts)
    c.agent("Gracias. Vamos a actualizar sus datos.")
    contact_block(c, p, "pae")
    c.agent("¿Y a qué hora le podemos llamar?")
    c.cust(c.N("time", time_text(c)), ", más o menos.")


@shape(2)
def dob_split_turns(c: Call) -> None:
    """Day, month and year of birth answered in separate turns."""
    p = intro(c, c.pick(["medicare", "final", "aca"]))
    year = c.rng.randint(1940, 1988)
    month, day = c.rng.randint(1, 12), c.rng.randint(10, 28)
    key = c.gold(
        "dob", "DATE_OF_BIRTH", "answer-only/dob-split/backchannel", expect=f"{day}{month}{year}"
    )
    c.agent("¿Qué día nació?")
    c.cust(c.G(key, es_num(day, c.rng, True)))
    c.agent("¿De qué mes?")
    c.cust(c.G(key, es_num(month)))
    c.agent("¿Y el año?")
    c.cust(c.G(key, str(year) if c.typed and c.chance(0.5) else es_num(year)))
    c.agent("Gracias. ¿Y usted tiene", c.N("age", adult_age_text(c)), "?")
    c.cust("Sí, así es.")
    contact_block(c, p, c.pick(["p", "a"]))


@shape(3)
def mbi_spelled(c: Call) -> None:
    """Medicare number (MBI) spelled in Spanish letter words, group by group."""
    intro(c, "medicare")
    mbi = make_mbi(c.rng)
    c.agent("¿Tiene a la mano su tarjeta de Medicare? Necesito el número de Medicare.")
    c.cust("Sí, aquí está.")
    chunks = [mbi[:4], mbi[4:7], mbi[7:]]
    renders = []
    texts = []
    for ch in chunks:
        t, rend = spell_chars(c, ch)
        texts.append(t)
        renders.append(rend)
    key = c.gold(
        "mbi",
        "US_MBI",
        f"answer/{'spelled' if 'spelled' in renders else 'typed'}/backchannel",
        kind="chars",
        canonical=mbi,
    )
    for k, t in enumerate(texts):
        if k:
            c.backchannel()
        c.cust(c.G(key, t))
    c.agent(
        "Gracias. Con el",
        c.N("plan", c.pick(PLANS)),
        "su prima sería",
        c.N("money", money_text(c)),
        ".",
    )
    c.cust("¿Y cubre los lentes?")
    c.agent("Sí, y tiene cita disponible", c.N("date", date_text(c)), ".")


@shape(4)
def medicare_health(c: Call) -> None:
    """Health screening: conditions, medications, treatment, disability; adult age kept."""
    p = intro(c, c.pick(["medicare", "final", "aca"]))
    c.agent("¿Cuántos años tiene?")
    c.cust("Tengo", c.N("age", adult_age_text(c)), ".")
    c.agent("¿Tiene alguna condición de salud?")
    c1, c2 = c.rng.sample(CONDITIONS, 2)
    c.gold("cond1", "HEALTH_CONDITION", "answer/condition/inline", kind="text")
    c.gold("cond2", "HEALTH_CONDITION", "answer/condition/inline", kind="text")
    c.cust("Sí, tengo", c.G("cond1", c1), "y", c.G("cond2", c2), ".")
    c.agent("¿Qué medicamentos toma?")
    m1 = c.pick(MEDS)
    c.gold("med1", "MEDICATION", "answer/medication/inline", kind="text")
    c.cust("Tomo", c.G("med1", m1), c.pick(["en la mañana", "dos veces al día", ""]), ".")
    if c.chance(0.6):
        c.agent("¿Algún tratamiento?")
        c.cust(
            *sens(c, "treat", "MEDICAL_TREATMENT", c.pick(TREATMENTS), "answer/treatment/inline"),
            ".",
        )
    if c.chance(0.5):
        c.cust(
            *sens(
                c, "dis", "HEALTH_CONDITION", c.pick(DISABILITY), "volunteered/disability/inline"
            ),
            ".",
        )
    c.agent(
        "Entiendo. Revisé",
        c.N("plan", c.pick(PLANS)),
        "y le sale en",
        c.N("money", money_text(c)),
        ".",
    )
    if c.chance(0.3):
        c.cust(
            "¿Y", c.N("phrase", "la presión de las llantas"), "del carro no me la cubren, verdad?"
        )
        c.agent("No, eso no, jaja.")
    else:
        c.cust("Está bien.")
    contact_block(c, p, c.pick(["p", "pa", "e"]))


@shape(3)
def aca_family(c: Call) -> None:
    """ACA household: pregnancy, children with names and ages, immigration status."""
    p = intro(c, "aca")
    c.agent("¿Cuántas personas hay en su hogar?")
    c.cust(
        "Somos",
        c.N("quantity", c.pick(["cuatro", "cinco", "tres"] if not c.typed else ["4", "cinco"])),
        ".",
    )
    c.agent("¿Alguien está embarazada o tiene alguna condición?")
    c.cust(*sens(c, "preg", "HEALTH_CONDITION", c.pick(PREGNANCY), "answer/pregnancy/inline"), ".")
    girl = c.chance(0.5)
    kid = c.mx.first_name_female() if girl else c.mx.first_name_male()
    age = c.rng.randint(1, 15)
    age_txt = f"{age} años" if c.typed and c.chance(0.5) else f"{es_count(age)} años"
    if age == 1:
        age_txt = "un año"
    c.gold("kidname", "CHILD_NAME", "volunteered/child-name/inline", kind="text")
    c.gold("kidage", "CHILD_AGE", "volunteered/child-age/inline", kind="text")
    c.cust(
        c.pick(["Y mi hija", "Y la niña,"] if girl else ["Y mi hijo", "Y el niño,"]),
        c.G("kidname", kid),
        ", tiene",
        c.G("kidage", age_txt),
        c.pick([", tiene asma.", ".", ", va en la primaria."]),
    )
    c.agent("¿Todos tienen estatus migratorio elegible?")
    c.cust(
        *sens(c, "imm", "CITIZENSHIP_IMMIGRATION", c.pick(IMMIGRATION), "answer/status/inline"), "."
    )
    c.agent(
        "Con un ingreso de",
        c.N(
            "money",
            c.pick(
                ["$42,000", "cuarenta y dos mil dólares"]
                if c.typed
                else ["cuarenta y dos mil dólares"]
            ),
        ),
        "al año, su prima sería",
        c.N("money", money_text(c)),
        ".",
    )
    c.cust("Okey.")
    contact_block(c, p, c.pick(["pa", "e", "p"]))


@shape(3)
def final_expense(c: Call) -> None:
    """Final expense: adult age, religion for the funeral, health, price; zip kept."""
    p = intro(c, "final")
    c.agent("¿Qué edad tiene?")
    c.cust("Ya tengo", c.N("age", adult_age_text(c)), ".")
    c.agent("¿Quiere algún servicio religioso?")
    c.cust(*sens(c, "rel", "RELIGION", c.pick(RELIGION), "answer/religion/inline"), ".")
    c.agent("¿Lo han hospitalizado en los últimos dos años?")
    c.gold("cond", "HEALTH_CONDITION", "answer/condition/inline", kind="text")
    c.cust("Sí, por la", c.G("cond", c.pick(CONDITIONS)), ".")
    c.agent(
        "La póliza de",
        c.N(
            "money",
            c.pick(
                ["diez mil dólares", "$10,000"]
                if c.typed
                else ["diez mil dólares", "quince mil dólares"]
            ),
        ),
        "le sale en",
        c.N("money", money_text(c)),
        "al mes.",
    )
    c.cust("¿Y puedo pagar", c.N("date", date_text(c)), "?")
    c.agent("Claro. ¿Su código postal?")
    c.cust(c.N("zip", zip_text(c, p.state_name)))
    if c.chance(0.5):
        parts, _ = dob_phrase(c, "dob", "answer")
        c.agent("¿Y su fecha de nacimiento?")
        c.cust(*parts)


@shape(3)
def immigration_legal(c: Call) -> None:
    """Immigration legal intake: status, national origin, passport, children; appointment kept."""
    p = intro(c, "immig")
    c.agent("¿Cuál es su situación migratoria actual?")
    c.cust(
        *sens(c, "imm", "CITIZENSHIP_IMMIGRATION", c.pick(IMMIGRATION), "answer/status/inline"),
        c.pick([". Llegué hace", ". Estoy aquí desde hace"]),
        c.N("quantity", c.pick(["diez años", "cinco años", "tres años"])),
        ".",
    )
    c.agent("¿De qué país es?")
    c.cust(*sens(c, "eth", "RACIAL_ETHNIC_ORIGIN", c.pick(ETHNIC), "answer/origin/inline"), ".")
    c.agent("¿Tiene pasaporte vigente? Necesito el número.")
    pp = make_passport(c.rng)
    t, rend = spell_chars(c, pp)
    key = c.gold("pp", "US_PASSPORT", f"answer/{rend}/inline", kind="chars", canonical=pp)
    c.cust(c.G(key, t))
    if c.chance(0.7):
        kid = c.mx.first_name_female()
        age = c.rng.randint(2, 15)
        c.gold("kidname", "CHILD_NAME", "volunteered/child-name/inline", kind="text")
        c.gold("kidage", "CHILD_AGE", "volunteered/child-age/inline", kind="text")
        c.cust(
            "Mi hija",
            c.G("kidname", kid),
            "tiene",
            c.G("kidage", f"{es_count(age)} años"),
            "y nació aquí.",
        )
    c.agent(
        "Su consulta con el licenciado es",
        c.N("date", date_text(c)),
        c.N("time", time_text(c)),
        ", en nuestra oficina de",
        c.N("city", p.city),
        ".",
    )
    c.cust("Ahí estaré.")
    contact_block(c, p, "p")


@shape(3)
def auto_loan(c: Call) -> None:
    """Auto loan: license, social, car year and price kept, tire pressure homograph kept."""
    p = intro(c, "auto")
    c.agent("¿Qué carro le interesa?")
    c.cust(
        "Una troca",
        c.N(
            "year",
            c.pick(
                ["dos mil diecinueve", "2019", "dos mil veintiuno"]
                if c.typed
                else ["dos mil diecinueve", "dos mil veintiuno"]
            ),
        ),
        "que cuesta",
        c.N("money", c.pick(["veintidós mil dólares", "dieciocho mil dólares"])),
        ".",
    )
    c.agent("¿Me da su licencia de conducir?")
    dl = make_license(c.rng, c.state if c.state in DL_LAYOUTS else "TX")
    t, rend = spell_chars(c, dl)
    key = c.gold("dl", "US_DRIVER_LICENSE", f"answer/{rend}/inline", kind="chars", canonical=dl)
    c.cust(c.pick(["Es de", "La licencia es de"]), c.N("state", p.state_name), ":", c.G(key, t))
    ssn = make_ssn(c.rng)
    r = render_value(c, ssn, [3, 2, 4])
    ks = c.gold("ssn", "US_SSN", f"answer/{r.render}/inline", expect=ssn)
    c.agent(ssn_ask(c))
    c.cust(*c.value_inline(ks, r, fillers=c.chance(0.4)))
    c.agent(
        "Gracias. Revise",
        c.N("phrase", "la presión de las llantas"),
        "antes de venir, y la cita es",
        c.N("time", time_text(c)),
        ".",
    )
    c.cust("Okey.")


@shape(3)
def verification_code_pin(c: Call) -> None:
    """Bank: customer reads a one-time code and a PIN; agent gives a confirmation number."""
    p = intro(c, c.pick(["bank", "card"]))
    c.agent("Le acabo de mandar un código de verificación por texto. ¿Me lo lee?")
    code = rdig(c.rng, 6)
    r = render_value(c, code, [3, 3], modes=["words", "pairs"])
    key = c.gold("otp", "ACCOUNT_SECRET", f"answer/{r.render}/inline", expect=code)
    c.cust(c.pick(["Sí, es", "Dice", ""]), *c.value_inline(key, r, fillers=c.chance(0.3)))
    c.agent("Perfecto. Ahora elija un PIN nuevo de cuatro dígitos.")
    pin = rdig(c.rng, 4)
    rp = render_value(c, pin, [4], modes=["words", "pairs", "codeswitch"])
    kp = c.gold("pin", "ACCOUNT_SECRET", f"answer/{rp.render}/inline", expect=pin)
    c.cust("Mi PIN va a ser", c.G(kp, rp.groups[0]), ".")
    c.agent("Listo. Su número de confirmación es", c.N("reference", reference_text(c)), ".")
    c.cust("Gracias.")
    contact_block(c, p, c.pick(["p", "e"]))


@shape(2)
def security_question(c: Call) -> None:
    """Security answer (mother's maiden name) and a password; contact data kept."""
    p = intro(c, c.pick(["bank", "card", "util"]))
    c.agent("Por seguridad, ¿cuál es el apellido de soltera de su mamá?")
    maiden = c.es.last_name()
    if maiden == p.last:
        raise Redraw("same surname")
    c.gold("maiden", "ACCOUNT_SECRET", "answer/maiden-name/inline", kind="text")
    c.cust(c.pick(["Es", "", "Mi mamá es"]), c.G("maiden", maiden), ".")
    c.agent("¿Y su contraseña del portal?")
    word = c.pick(["girasol", "mariposa", "chapulin", "tamarindo", "lucero", "panchito"])
    num = c.rng.randint(10, 99)
    c.gold("pwd", "ACCOUNT_SECRET", "answer/password/inline", kind="text")
    c.cust(
        "Mi contraseña es",
        c.G("pwd", f"{word} {es_num(num)}" if not c.typed else f"{word}{num}"),
        ".",
    )
    c.agent("Gracias. Está verificado.")
    contact_block(c, p, c.pick(["pae", "pe"]))


@shape(3)
def special_categories_chat(c: Call) -> None:
    """Small talk with union, politics, orientation, religion; homographs kept."""
    p = intro(c, c.pick(["util", "aca", "auto", "final", "debt"]))
    c.agent("¿Tiene cobertura por su trabajo?")
    c.cust(
        *sens(c, "union", "UNION_MEMBERSHIP", c.pick(UNION), "volunteered/union/inline"),
        ", pero no me cubre todo.",
    )
    c.agent("Entiendo. Le puedo ofrecer", c.N("plan", c.pick(PLANS)), ".")
    kind, text = c.pick(HOMOGRAPHS)
    c.cust(
        "Ay,",
        c.N(kind, text),
        ", pero bueno. Con todo lo de las elecciones...",
        *sens(c, "pol", "POLITICAL_OPINION", c.pick(POLITICS), "volunteered/politics/inline"),
        ".",
    )
    if c.chance(0.6):
        c.agent("¿A quién quiere agregar en la póliza?")
        c.cust(
            *sens(
                c,
                "ori",
                "SEXUAL_ORIENTATION_SEX_LIFE",
                c.pick(ORIENTATION),
                "answer/orientation/inline",
            ),
            ".",
        )
    c.agent("Muy bien, le mando todo", c.N("date", date_text(c)), ".")
    c.cust("Gracias, y perdón,", c.N("phrase", "está muy caliente el café"), "y me quemé.")
    contact_block(c, p, "pa")


@shape(2)
def negatives_only(c: Call) -> None:
    """Appointment and billing call with many harmless numbers and no sensitive data."""
    p = intro(c, c.pick(["util", "medicare", "auto", "bank"]))
    c.agent(
        "Su factura de este mes es de",
        c.N("money", money_text(c)),
        "y vence",
        c.N("date", date_text(c)),
        ".",
    )
    c.cust("¿Y si pago", c.N("date", date_text(c)), "?")
    c.agent(
        "No hay problema. Su número de confirmación es", c.N("reference", reference_text(c)), "."
    )
    c.cust("Okey. Tengo", c.N("age", adult_age_text(c)), "y no entiendo bien el internet.")
    c.agent(
        "Le puede ayudar",
        c.N("org", "la unión de crédito"),
        "o la oficina de",
        c.N("city", p.city),
        ", abren",
        c.N("time", time_text(c)),
        ".",
    )
    c.cust(c.N("phrase", "Me dio mucha pena"), "preguntar, gracias.")
    contact_block(c, p, "pae")


@shape(2)
def debt_settlement(c: Call) -> None:
    """Debt settlement: last four of the social, hardship health, bank details, amounts kept."""
    intro(c, "debt")
    c.agent("¿Cuánto debe en total?")
    c.cust(
        "Como",
        c.N(
            "money",
            c.pick(
                ["doce mil dólares", "ocho mil quinientos", "$9,400"]
                if c.typed
                else ["doce mil dólares", "ocho mil quinientos"]
            ),
        ),
        "en",
        c.N("quantity", c.pick(["tres tarjetas", "cuatro tarjetas", "dos préstamos"])),
        ".",
    )
    c.agent("¿Y por qué se atrasó?")
    c.gold("cond", "HEALTH_CONDITION", "volunteered/condition/inline", kind="text")
    c.cust("Me diagnosticaron", c.G("cond", c.pick(CONDITIONS)), "y perdí el trabajo.")
    c.agent("Lo siento. ¿Los últimos cuatro de su social?")
    ssn = make_ssn(c.rng)
    r = render_value(c, ssn[-4:], [4])
    k4 = c.gold("ssn4", "US_SSN", f"answer-only/{r.render}/inline", expect=ssn[-4:])
    c.cust(c.G(k4, r.groups[0]))
    c.agent("¿Y el número de cuenta de donde saldrán los pagos?")
    acct = make_account(c.rng)
    rc = render_value(c, acct, [len(acct) // 2, len(acct) - len(acct) // 2])
    kc = c.gold("acct", "US_BANK_NUMBER", f"answer/{rc.render}/inline", expect=acct)
    c.cust(*c.value_inline(kc, rc, fillers=True))
    c.agent(
        "Su pago mensual sería",
        c.N("money", money_text(c)),
        "por",
        c.N(
            "quantity",
            c.pick(["treinta y seis meses", "cuarenta y ocho meses", "veinticuatro meses"]),
        ),
        ".",
    )
    c.cust("Está bien.")


@shape(2)
def utility_payment_mixed(c: Call) -> None:
    """Utility payment: card code-switched, expiry, CVV; service address kept."""
    p = intro(c, "util")
    c.agent("¿La dirección del servicio?")
    c.cust(c.N("address", address_text(c)), ", en", c.N("city", p.city), ".")
    c.agent("Su saldo es de", c.N("money", money_text(c)), ". ¿Paga con tarjeta?")
    number, brand, cvv = make_card(c.rng)
    r = render_value(c, number, card_sizes(number), allow_typed=False, modes=["codeswitch"])
    key = c.gold("card", "CREDIT_CARD", f"volunteered/{r.render}/inline", expect=number)
    c.cust("Sí, con la", c.N("org", brand), ", el número es", *c.value_inline(key, r), ".")
    c.agent("¿Vencimiento?")
    c.cust(*expiry_phrase(c, "exp", "answer-only"))
    c.agent("¿Código de seguridad?")
    c.cust(*cvv_phrase(c, "cvv", cvv, "answer-only"))
    c.agent("Pagado. Su servicio sigue activo.")
    c.cust("Gracias.")


@shape(2)
def license_medicare_mixed(c: Call) -> None:
    """Identity check with a driver's license and DOB; a child's age and adult age kept apart."""
    p = intro(c, c.pick(["medicare", "aca", "auto", "bank"]))
    c.agent("¿Me da su licencia de conducir, por favor?")
    dl = make_license(c.rng, c.state if c.state in DL_LAYOUTS else "CA")
    t, rend = spell_chars(c, dl)
    key = c.gold("dl", "US_DRIVER_LICENSE", f"answer/{rend}/inline", kind="chars", canonical=dl)
    c.cust(c.G(key, t))
    c.agent("¿Y su fecha de nacimiento?")
    parts, _ = dob_phrase(c, "dob", "answer")
    c.cust(*parts)
    c.agent("¿Quién más vive con usted?")
    kid = c.mx.first_name_male()
    age = c.rng.randint(3, 12)
    c.gold("kidname", "CHILD_NAME", "answer/child-name/inline", kind="text")
    c.gold("kidage", "CHILD_AGE", "answer/child-age/inline", kind="text")
    c.cust("Mi nieto", c.G("kidname", kid), ", de", c.G("kidage", f"{es_count(age)} años"), ".")
    c.agent("Okey. Y su esposo tiene", c.N("age", adult_age_text(c)), ", ¿verdad?")
    c.cust("Sí.")
    contact_block(c, p, "a")


@shape(2)
def card_correction(c: Call) -> None:
    """Card number with a mid-number correction ("no, perdón, es siete, no uno")."""
    intro(c, c.pick(["card", "util", "debt", "final"]))
    number, _brand, cvv = make_card(c.rng)
    groups = split_groups(number, card_sizes(number))
    k = c.rng.randint(1, len(groups) - 1)
    g = groups[k]
    pos = c.rng.randrange(len(g))
    wrong_digit = str((int(g[pos]) + c.rng.randint(1, 8)) % 10)
    wrong = g[:pos] + wrong_digit + g[pos + 1 :]
    key = c.gold("card", "CREDIT_CARD", "answer/words/correction")
    c.agent("¿Me da el número de la tarjeta para el pago?")
    c.cust(
        "Déjeme ver,", c.N("phrase", c.pick(["la tengo aquí en la bolsa", "ya la encontré"])), "."
    )
    head = [g_words(c.rng, x) for x in groups[:k]] + [g_words(c.rng, wrong)]
    c.cust(*[c.G(key, c.sty(h)) for h in head])
    c.cust(
        "No, perdón, es",
        c.G(key, ES_DIG[int(g[pos])]),
        ", no",
        c.G(key, ES_DIG[int(wrong_digit)]),
        ". Ese grupo es",
        c.G(key, c.sty(g_words(c.rng, g))),
        ".",
    )
    c.backchannel()
    c.cust(
        c.pick(["Y lo demás es", "Y los otros son", "Y el resto:"]),
        *[c.G(key, c.sty(g_words(c.rng, x))) for x in groups[k + 1 :]],
    )
    c.agent("Gracias. ¿Y el código de seguridad?")
    c.cust(*cvv_phrase(c, "cvv", cvv, "answer-only"))
    c.agent("Listo, se aplicó el pago de", c.N("money", money_text(c)), ".")
    c.cust("Gracias.")


@shape(2)
def third_party_spouse(c: Call) -> None:
    """Customer gives the spouse's social and birth date; the spouse's age and name are kept."""
    p = intro(c, c.pick(["medicare", "aca", "final"]))
    spouse = f"{c.mx.first_name_male()} {p.last}"
    c.agent("¿Va a agregar a alguien más a la póliza?")
    c.cust(
        "Sí, a mi esposo,", c.N("name", spouse), ". Él tiene", c.N("age", adult_age_text(c)), "."
    )
    c.agent("¿Me da el seguro social de él?")
    c.cust("Un momento, déjeme buscar su tarjeta.")
    c.agent("Sí, claro, lo espero.")
    ssn = make_ssn(c.rng)
    r = render_value(c, ssn, [3, 2, 4])
    key = c.gold("ssn", "US_SSN", f"third-party/{r.render}/inline", expect=ssn)
    c.cust(
        c.pick(["Ya, es", "Okay, es el", "Aquí está:"]),
        *c.value_inline(key, r, fillers=c.chance(0.5)),
    )
    c.agent("¿Y la fecha de nacimiento de él?")
    parts, _ = dob_phrase(c, "dob", "third-party")
    c.cust(*parts)
    c.gold("cond", "HEALTH_CONDITION", "third-party/condition/inline", kind="text")
    c.cust("Y él tiene", c.G("cond", c.pick(CONDITIONS)), ", para que sepa.")
    c.agent("Anotado. La prima para los dos es de", c.N("money", money_text(c)), ".")
    c.cust("Okey.")


@shape(2)
def child_age_only(c: Call) -> None:
    """A child's age without a name, next to an adult's age and a household count (kept)."""
    p = intro(c, c.pick(["aca", "util", "auto", "final"]))
    c.agent("¿A quién vamos a incluir?")
    age = c.rng.randint(2, 15)
    c.gold("kidage", "CHILD_AGE", "answer/child-age/inline", kind="text")
    c.cust(
        c.pick(["Mi hijo", "Mi hija", "El niño"]),
        "tiene",
        c.G("kidage", f"{es_count(age)} años"),
        ".",
    )
    c.agent("¿Y usted qué edad tiene?")
    c.cust("Yo tengo", c.N("age", f"{es_count(c.rng.randint(30, 55))} años"), ".")
    c.agent("¿Cuántos viven en la casa?")
    c.cust("Somos", c.N("quantity", c.pick(["tres", "cuatro", "cinco"])), ".")
    c.agent("Perfecto, su cita es", c.N("date", date_text(c)), c.N("time", time_text(c)), ".")
    c.cust("Gracias,", c.N("phrase", "me dio mucha pena"), "llamar tan tarde.")
    contact_block(c, p, c.pick(["p", "pae"]))


# =============================================================================
# leads
# =============================================================================

N_LEADS = 176


class Lead:
    """A lead record under construction: fields are assembled from pieces like call segments."""

    def __init__(self, idx: int, seed: int, schema_name: str) -> None:
        self.idx = idx
        self.rng = random.Random(seed)
        self.mx = Faker("es_MX")
        self.mx.seed_instance(seed)
        self.es = Faker("es_ES")
        self.es.seed_instance(seed + 1)
        self.en = Faker("en_US")
        self.en.seed_instance(seed + 2)
        self.schema = schema_name
        self.fields: dict[str, str] = {}
        self.gold_items: dict[str, GoldItem] = {}
        self.negatives: list[dict[str, Any]] = []
        self.owner = self.campaign = ""
        self.state = "TX"
        self.style = "oracion"

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq):
        return self.rng.choice(seq)

    def G(self, key: str, text: str) -> Piece:  # noqa: N802
        return Piece(text, gold=key)

    def N(self, kind: str, text: str) -> Piece:  # noqa: N802
        return Piece(text, neg=kind)

    def gold(
        self,
        key: str,
        type_: str,
        style: str,
        kind: str = "digits",
        expect: str | None = None,
        canonical: str | None = None,
    ) -> str:
        self.gold_items[key] = GoldItem(key, type_, style, kind, expect, canonical)
        return key

    def put(self, name: str, *parts: str | Piece) -> None:
        """Set a field from pieces, concatenated as given (no separators added)."""
        if name in self.fields:
            raise AssertionError(f"duplicate field {name}")
        text = ""
        for part in parts:
            piece = part if isinstance(part, Piece) else Piece(part)
            start = len(text)
            text += piece.text
            if piece.gold is not None:
                self.gold_items[piece.gold].pieces.append((name, start, len(text), piece.text))  # type: ignore[arg-type]
            if piece.neg is not None and piece.text:
                self.negatives.append(
                    {"kind": piece.neg, "text": piece.text, "field": name, "start": start}
                )
        self.fields[name] = text

    def sensitive(self, name: str, key: str, type_: str, term: str, style: str) -> None:
        """A fact-named short field whose whole value is gold."""
        self.gold(key, type_, style, kind="text")
        self.put(name, self.G(key, term))

    def record(self) -> dict[str, Any]:
        gold = []
        for item in self.gold_items.values():
            if not item.pieces:
                raise Redraw(f"gold {item.key} never placed")
            locs: list[str] = []
            for loc, *_ in item.pieces:
                if loc not in locs:
                    locs.append(loc)  # type: ignore[arg-type]
            g: dict[str, Any] = {"type": item.type}
            if item.kind == "digits":
                digits = "".join(nd(t) for *_, t in item.pieces)
                if item.expect is not None and digits != item.expect:
                    raise Redraw(f"{item.key}: {digits} != {item.expect}")
                g["digits"] = digits
            elif item.kind == "text":
                g["text"] = " ".join(words_of(t) for *_, t in item.pieces)
            else:
                g["chars"] = re.sub(r"[^a-z0-9]", "", "".join(t for *_, t in item.pieces).lower())
                if item.canonical:
                    g["canonical"] = item.canonical
            g.update(
                {
                    "fields": locs,
                    "spans": [[loc, a, b] for loc, a, b, _ in item.pieces],
                    "style": item.style,
                }
            )
            gold.append(g)
        return {
            "id": f"les-{self.idx:04d}",
            "owner": self.owner,
            "campaign_id": self.campaign,
            "consumer_state": self.state,
            "schema": self.schema,
            "fields": self.fields,
            "gold": gold,
            "negatives": self.negatives,
        }


LEAD_SCHEMAS: dict[str, tuple[Callable[[Lead], None], int]] = {}


def schema(weight: int = 1) -> Callable[[Callable[[Lead], None]], Callable[[Lead], None]]:
    def deco(fn: Callable[[Lead], None]) -> Callable[[Lead], None]:
        LEAD_SCHEMAS[fn.__name__] = (fn, weight)
        return fn

    return deco


STATE_ABBR = {
    "California": "CA",
    "Texas": "TX",
    "Nevada": "NV",
    "Nuevo México": "NM",
    "Arizona": "AZ",
    "Florida": "FL",
    "Illinois": "IL",
    "Nueva York": "NY",
}


@dataclass
class LeadPerson:
    first: str
    last: str
    city: str
    state_name: str
    abbr: str
    phone: str
    email: str
    street: str
    zip: str


def lead_person(ld: Lead, domain: str) -> LeadPerson:
    owner, camp, _ = DOMAINS[domain]
    ld.owner, ld.campaign = owner + "-leads", camp
    city, state_name = ld.pick(CITIES)
    abbr = STATE_ABBR[state_name]
    ld.state = abbr
    first, last = ld.mx.first_name(), ld.mx.last_name()
    area, mid, end = ld.pick(AREA), str(ld.rng.randint(200, 989)), rdig(ld.rng, 4)
    phone = ld.pick(
        [
            f"({area}) {mid}-{end}",
            f"{area}-{mid}-{end}",
            f"{area}{mid}{end}",
            f"+1 {area} {mid} {end}",
            f"1-{area}-{mid}-{end}",
        ]
    )
    sep = ld.pick([".", "_", ""])
    user = f"{ascii_lower(first)}{sep}{ascii_lower(last)}{ld.rng.randint(1, 99)}"
    email = f"{user}@{ld.pick(EMAIL_DOMAINS)}"
    street = f"{ld.rng.randint(100, 9899)} " + ld.pick(
        [ld.en.street_name(), f"Calle {ld.mx.last_name()}", f"Avenida {ld.mx.last_name()}"]
    )
    if ld.chance(0.3):
        street += ld.pick([f" Apt {ld.rng.randint(1, 40)}", f" Depto {ld.rng.randint(1, 40)}"])
    z = ZIP_PREFIX[state_name]
    z = z + rdig(ld.rng, 5 - len(z))
    if ld.chance(0.2):
        z += "-" + rdig(ld.rng, 4)
    return LeadPerson(first, last, city, state_name, abbr, phone, email, street, z)


def put_contact(ld: Lead, p: LeadPerson, names: dict[str, str]) -> None:
    """Contact columns (kept), with the column names of the schema."""
    for role, col in names.items():
        if role == "first":
            ld.put(col, ld.N("name", p.first))
        elif role == "last":
            ld.put(col, ld.N("name", p.last))
        elif role == "full":
            ld.put(col, ld.N("name", f"{p.first} {p.last}"))
        elif role == "phone":
            ld.put(col, ld.N("phone", p.phone))
        elif role == "email":
            ld.put(col, ld.N("email", p.email))
        elif role == "street":
            ld.put(col, ld.N("address", p.street))
        elif role == "city":
            ld.put(col, ld.N("city", p.city))
        elif role == "state":
            ld.put(col, ld.N("state", ld.pick([p.abbr, p.state_name])))
        elif role == "zip":
            ld.put(col, ld.N("zip", p.zip))
        elif role == "lang":
            ld.put(col, ld.N("flag", ld.pick(["español", "Español", "es", "ES", "spanish"])))


def typed_ssn(ld: Lead, ssn: str) -> tuple[str, str]:
    form = ld.pick(["dash", "dash", "plain", "space"])
    text = {
        "dash": f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}",
        "plain": ssn,
        "space": f"{ssn[:3]} {ssn[3:5]} {ssn[5:]}",
    }[form]
    return text, form


def typed_dob(ld: Lead, lo: int = 1936, hi: int = 1995) -> tuple[str, str, bool]:
    """Return (text, form, is_digits)."""
    year, month, day = ld.rng.randint(lo, hi), ld.rng.randint(1, 12), ld.rng.randint(1, 28)
    form = ld.pick(
        [
            "dd/mm/yyyy",
            "mm/dd/yyyy",
            "yyyy-mm-dd",
            "dd-mm-yy",
            "d de mes de yyyy",
            "dd-mes-yyyy",
            "d/m/yyyy",
        ]
    )
    if form == "dd/mm/yyyy":
        return f"{day:02d}/{month:02d}/{year}", form, True
    if form == "mm/dd/yyyy":
        return f"{month:02d}/{day:02d}/{year}", form, True
    if form == "yyyy-mm-dd":
        return f"{year}-{month:02d}-{day:02d}", form, True
    if form == "dd-mm-yy":
        return f"{day:02d}-{month:02d}-{year % 100:02d}", form, True
    if form == "d/m/yyyy":
        return f"{day}/{month}/{year}", form, True
    if form == "d de mes de yyyy":
        return f"{day} de {MONTHS[month - 1]} de {year}", form, False
    return f"{day:02d}-{MONTHS[month - 1][:3]}-{year}", form, False


def put_dob(ld: Lead, col: str, context: str, lo: int = 1936, hi: int = 1995) -> None:
    text, form, digits = typed_dob(ld, lo, hi)
    ld.gold(
        "dob",
        "DATE_OF_BIRTH",
        f"{context}/dob_{form.replace(' ', '_').replace('/', '.')}",
        kind="digits" if digits else "text",
    )
    ld.put(col, ld.G("dob", text))


def typed_card(ld: Lead, number: str) -> str:
    sizes = card_sizes(number)
    groups = split_groups(number, sizes)
    return ld.pick([" ".join(groups), "-".join(groups), number])


def typed_expiry(ld: Lead) -> tuple[str, str]:
    m, y = ld.rng.randint(1, 12), ld.rng.randint(2026, 2031)
    form = ld.pick(["mm/yy", "mm/yyyy", "mmyy", "mm-yy"])
    return {
        "mm/yy": f"{m:02d}/{y % 100:02d}",
        "mm/yyyy": f"{m:02d}/{y}",
        "mmyy": f"{m:02d}{y % 100:02d}",
        "mm-yy": f"{m:02d}-{y % 100:02d}",
    }[form], form


THIRD_PERSON = {
    "Uso": "Usa",
    "Tengo": "Tiene",
    "Tengo una": "Tiene una",
    "Estoy": "Está",
    "Soy": "Es",
    "Somos": "Son",
    "Yo soy": "Es",
    "Yo voto": "Vota",
    "Mi": "Su",
    "Ando con": "Anda con",
    "Estoy pidiendo": "Está pidiendo",
    "Entré con": "Entró con",
    "Ya tengo la": "Ya tiene la",
    "Me están dando": "Le están dando",
    "Acabo de terminar la": "Acaba de terminar la",
    "Voy a": "Va a",
    "Me hicieron un": "Le hicieron un",
    "Me pusieron un": "Le pusieron un",
    "Pago cuota en la": "Paga cuota en la",
    "Mi familia es": "Su familia es",
    "Mi esposo es del": "Su esposo es del",
    "Mi esposo está": "Su esposo está",
    "Mi esposa y yo somos": "Ella y su esposa son",
    "Mi esposa está": "Su esposa está",
    "Mi pareja y yo somos una pareja": "Él y su pareja son una pareja",
    "Soy cristiano": "Es cristiano",
    "Soy de origen": "Es de origen",
    "Soy miembro de los": "Es miembro de los",
    "Soy del": "Es del",
    "Estoy en el": "Está en el",
    "Estoy en": "Está en",
    "Yo soy bien": "Es bien",
    "Mi familia es de Oaxaca, somos": "Su familia es de Oaxaca, son",
}


def third(pre: str) -> str:
    """An agent's note is written in the third person."""
    return THIRD_PERSON.get(pre, pre)


def note_parts(ld: Lead, want: list[str]) -> list[str | Piece]:
    """Spanish free-text notes with sensitive facts (gold) and harmless numbers (kept)."""
    parts: list[str | Piece] = []

    def add(*xs: str | Piece) -> None:
        if parts:
            parts.append(ld.pick([". ", "; ", " - ", ". "]))
        parts.extend(xs)

    for w in want:
        if w == "cond":
            k = ld.gold(f"n_cond{len(parts)}", "HEALTH_CONDITION", "notes/condition", kind="text")
            add(
                ld.pick(["Cliente tiene ", "Padece de ", "Dx: ", "Tiene "]),
                ld.G(k, ld.pick(CONDITIONS)),
            )
        elif w == "med":
            k = ld.gold(f"n_med{len(parts)}", "MEDICATION", "notes/medication", kind="text")
            add(ld.pick(["Toma ", "Usa ", "Medicamento: "]), ld.G(k, ld.pick(MEDS)))
        elif w == "treat":
            pre, term, _ = ld.pick(TREATMENTS)
            k = ld.gold(f"n_treat{len(parts)}", "MEDICAL_TREATMENT", "notes/treatment", kind="text")
            add(third(pre) + " ", ld.G(k, term))
        elif w == "preg":
            pre, term, _post = ld.pick(PREGNANCY)
            k = ld.gold(f"n_preg{len(parts)}", "HEALTH_CONDITION", "notes/pregnancy", kind="text")
            add(third(pre) + " ", ld.G(k, term))
        elif w == "dis":
            pre, term, _post = ld.pick(DISABILITY)
            k = ld.gold(f"n_dis{len(parts)}", "HEALTH_CONDITION", "notes/disability", kind="text")
            add(third(pre) + " ", ld.G(k, term))
        elif w == "imm":
            pre, term, _post = ld.pick(IMMIGRATION)
            k = ld.gold(
                f"n_imm{len(parts)}", "CITIZENSHIP_IMMIGRATION", "notes/status", kind="text"
            )
            add(third(pre) + " ", ld.G(k, term))
        elif w == "rel":
            pre, term, _post = ld.pick(RELIGION)
            k = ld.gold(f"n_rel{len(parts)}", "RELIGION", "notes/religion", kind="text")
            add(third(pre) + " ", ld.G(k, term))
        elif w == "eth":
            pre, term, _post = ld.pick(ETHNIC)
            k = ld.gold(f"n_eth{len(parts)}", "RACIAL_ETHNIC_ORIGIN", "notes/origin", kind="text")
            add(third(pre) + " ", ld.G(k, term))
        elif w == "union":
            pre, term, _post = ld.pick(UNION)
            k = ld.gold(f"n_union{len(parts)}", "UNION_MEMBERSHIP", "notes/union", kind="text")
            add(third(pre) + " ", ld.G(k, term))
        elif w == "pol":
            pre, term, _post = ld.pick(POLITICS)
            k = ld.gold(f"n_pol{len(parts)}", "POLITICAL_OPINION", "notes/politics", kind="text")
            add(third(pre) + " ", ld.G(k, term))
        elif w == "ori":
            pre, term, _post = ld.pick(ORIENTATION)
            k = ld.gold(
                f"n_ori{len(parts)}",
                "SEXUAL_ORIENTATION_SEX_LIFE",
                "notes/orientation",
                kind="text",
            )
            add(third(pre) + " ", ld.G(k, term))
        elif w == "kid":
            kn = ld.gold(f"n_kidn{len(parts)}", "CHILD_NAME", "notes/child-name", kind="text")
            ka = ld.gold(f"n_kida{len(parts)}", "CHILD_AGE", "notes/child-age", kind="text")
            age = ld.rng.randint(1, 15)
            joint = ld.pick([", ", " de ", " ("])
            add(
                ld.pick(["Su hijo ", "Su hija ", "Hijo: ", "Tiene un niño, "]),
                ld.G(kn, ld.mx.first_name()),
                joint,
                ld.G(ka, f"{age} años" if age > 1 else "1 año"),
                ")" if joint == " (" else "",
            )
        elif w == "money":
            add(
                "Presupuesto ",
                ld.N("money", ld.pick(["$49.99", "$35 al mes", "60 dólares", "$120.00"])),
            )
        elif w == "time":
            add(
                "Llamar ",
                ld.N(
                    "time",
                    ld.pick(["después de las 5", "a las 3pm", "en la mañana", "entre 9 y 11"]),
                ),
            )
        elif w == "qty":
            add("Vive con ", ld.N("quantity", ld.pick(["2 personas", "3 personas", "su esposa"])))
        elif w == "age":
            add("Edad ", ld.N("age", f"{ld.rng.randint(62, 89)} años"))
        elif w == "homograph":
            kind, text = ld.pick(HOMOGRAPHS)
            add("Comentó ", ld.N(kind, text))
        elif w == "ref":
            add("Ref ", ld.N("reference", f"{ld.pick(['CF', 'REF', 'Q'])}-{rdig(ld.rng, 7, True)}"))
    return parts


def notes_mix(ld: Lead, n_sens: int, n_neg: int, exclude: tuple[str, ...] = ()) -> list[str]:
    sens_kinds = [
        "cond",
        "med",
        "treat",
        "preg",
        "dis",
        "imm",
        "rel",
        "eth",
        "union",
        "pol",
        "ori",
        "kid",
        "cond",
        "med",
        "imm",
        "kid",
    ]
    neg_kinds = ["money", "time", "qty", "age", "homograph", "ref"]
    unique = list(dict.fromkeys(ld.rng.sample(sens_kinds, len(sens_kinds))))
    picked = [k for k in unique if k not in exclude][:n_sens] + ld.rng.sample(neg_kinds, n_neg)
    ld.rng.shuffle(picked)
    return picked


@schema(3)
def medicare_latino_v2(ld: Lead) -> None:
    """Medicare vendor with Spanish column names, MBI, SSN, DOB, diagnosis and notes."""
    p = lead_person(ld, "medicare")
    ld.put("id_lead", ld.N("reference", f"ML-{rdig(ld.rng, 7, True)}"))
    put_contact(
        ld,
        p,
        {
            "first": "nombre",
            "last": "apellido",
            "phone": "telefono",
            "email": "correo",
            "street": "direccion",
            "city": "ciudad",
            "state": "estado",
            "zip": "codigo_postal",
            "lang": "idioma",
        },
    )
    age = ld.rng.randint(65, 89)
    put_dob(
        ld,
        ld.pick(["fecha_nacimiento", "fecha_de_nacimiento"]),
        "named_field",
        2025 - age,
        2025 - age,
    )
    ssn = make_ssn(ld.rng)
    t, form = typed_ssn(ld, ssn)
    ld.gold("ssn", "US_SSN", f"named_field/ssn_{form}", expect=ssn)
    ld.put("seguro_social", ld.G("ssn", t))
    mbi = make_mbi(ld.rng)
    mt = ld.pick([mbi, f"{mbi[:4]}-{mbi[4:7]}-{mbi[7:]}", mbi.lower()])
    ld.gold("mbi", "US_MBI", "named_field/mbi", kind="chars", canonical=mbi)
    ld.put(ld.pick(["numero_medicare", "medicare_id", "num_medicare"]), ld.G("mbi", mt))
    c1, c2 = ld.rng.sample(CONDITIONS, 2)
    ld.gold("dx1", "HEALTH_CONDITION", "named_field/condition", kind="text")
    ld.gold("dx2", "HEALTH_CONDITION", "named_field/condition", kind="text")
    ld.put(ld.pick(["diagnóstico", "diagnostico"]), ld.G("dx1", c1), ", ", ld.G("dx2", c2))
    m1, m2 = ld.rng.sample(MEDS, 2)
    ld.gold("m1", "MEDICATION", "named_field/medication", kind="text")
    ld.gold("m2", "MEDICATION", "named_field/medication", kind="text")
    ld.put("medicamentos", ld.G("m1", m1), ld.pick([" 500mg, ", ", ", " y "]), ld.G("m2", m2))
    ld.put("edad", ld.N("age", str(age)))
    ld.put("plan_actual", ld.N("plan", ld.pick(PLANS)))
    ld.put(
        "fecha_cita", ld.N("date", f"{ld.rng.randint(1, 28):02d}/{ld.rng.randint(1, 12):02d}/2026")
    )
    ld.put("notas", *note_parts(ld, notes_mix(ld, 2, 2)))


@schema(2)
def gastos_finales_mx(ld: Lead) -> None:
    """Final-expense vendor: name, adult age, last four of the social, coverage, notes."""
    p = lead_person(ld, "final")
    put_contact(
        ld,
        p,
        {"full": "nombre_completo", "phone": "telefono", "zip": "codigo_postal", "state": "estado"},
    )
    age = ld.rng.randint(55, 85)
    ld.put("edad", ld.N("age", str(age)))
    put_dob(ld, "fecha_de_nacimiento", "named_field", 2025 - age, 2025 - age)
    ssn = make_ssn(ld.rng)
    ld.gold("ssn4", "US_SSN", "named_field/ssn_last4", expect=ssn[-4:])
    ld.put("ssn_ultimos4", ld.G("ssn4", ssn[-4:]))
    ld.put("monto", ld.N("money", ld.pick(["$10,000", "$15,000", "25000", "$8,500.00"])))
    ld.put("beneficiario", ld.N("name", f"{ld.mx.first_name()} {p.last}"))
    ld.put("fecha_cita", ld.N("date", ld.pick(["2026-06-03", "06/12/2026", "15 de junio"])))
    ld.put("hora_cita", ld.N("time", ld.pick(["10:30 AM", "3:00 PM", "17:00"])))
    ld.put("comentarios", *note_parts(ld, [*notes_mix(ld, 2, 1, exclude=("rel",)), "rel"]))


@schema(3)
def pagos_tarjeta(ld: Lead) -> None:
    """Card payment export: card number, expiry, CVV in Spanish or English columns; amount kept."""
    p = lead_person(ld, ld.pick(["card", "util", "debt"]))
    english = ld.chance(0.3)
    put_contact(
        ld,
        p,
        {
            "first": "first_name" if english else "nombre",
            "last": "last_name" if english else "apellido",
            "phone": "phone" if english else "telefono",
            "email": "email" if english else "correo",
        },
    )
    number, brand, cvv = make_card(ld.rng)
    ld.gold("card", "CREDIT_CARD", "named_field/card", expect=number)
    ld.put(
        ld.pick(["tarjeta", "numero_tarjeta", "card_number", "num_tarjeta_credito"]),
        ld.G("card", typed_card(ld, number)),
    )
    ld.put("tipo_tarjeta", ld.N("org", brand))
    et, form = typed_expiry(ld)
    ld.gold("exp", "CARD_EXPIRY", f"named_field/exp_{form.replace('/', '.')}")
    ld.put(ld.pick(["vencimiento", "fecha_vencimiento", "exp_date"]), ld.G("exp", et))
    ld.gold("cvv", "CARD_SECURITY_CODE", "named_field/cvv", expect=cvv)
    ld.put(ld.pick(["cvv", "codigo_seguridad", "cvc"]), ld.G("cvv", cvv))
    ld.put("monto", ld.N("money", ld.pick(["$49.99", "129.00", "$1,250.00", "$75"])))
    ld.put("fecha_cita", ld.N("date", ld.pick(["2026-05-20", "05/28/2026", "lunes 18"])))
    if ld.chance(0.6):
        ld.put("notas", *note_parts(ld, notes_mix(ld, 1, 2)))


@schema(2)
def actualizacion_bancaria(ld: Lead) -> None:
    """Bank account update: account and routing numbers, contact data, comments."""
    p = lead_person(ld, ld.pick(["bank", "debt", "auto"]))
    put_contact(
        ld,
        p,
        {
            "full": "nombre",
            "phone": "telefono",
            "street": "direccion",
            "city": "ciudad",
            "state": "estado",
            "zip": "codigo_postal",
        },
    )
    aba, acct = make_aba(ld.rng), make_account(ld.rng)
    ld.gold("aba", "ABA_ROUTING_NUMBER", "named_field/routing", expect=aba)
    ld.put(ld.pick(["numero_ruta", "ruta_bancaria", "routing_number"]), ld.G("aba", aba))
    ld.gold("acct", "US_BANK_NUMBER", "named_field/account", expect=acct)
    at = acct if ld.chance(0.6) else f"{acct[:4]}-{acct[4:]}"
    ld.put(ld.pick(["cuenta_bancaria", "numero_cuenta", "cuenta"]), ld.G("acct", at))
    ld.put("banco", ld.N("org", ld.pick(["Banco Popular", "la unión de crédito", "Chase", "BBVA"])))
    ld.put("tipo_cuenta", ld.N("flag", ld.pick(["cheques", "ahorros"])))
    ld.put("monto", ld.N("money", ld.pick(["$300.00", "$89.50", "450"])))
    ld.put("comentarios", *note_parts(ld, notes_mix(ld, 1, 2)))


@schema(3)
def aca_hogar(ld: Lead) -> None:
    """ACA household lead: immigration status field, pregnancy flag text, children, income kept."""
    p = lead_person(ld, "aca")
    put_contact(
        ld,
        p,
        {
            "first": "nombre",
            "last": "apellido",
            "phone": "telefono",
            "email": "correo",
            "zip": "codigo_postal",
            "state": "estado",
            "lang": "idioma",
        },
    )
    ld.put("personas_hogar", ld.N("quantity", str(ld.rng.randint(2, 6))))
    ld.put("ingreso_anual", ld.N("money", ld.pick(["$38,000", "42000", "$27,500", "$55,000"])))
    _pre, term, _ = ld.pick(IMMIGRATION)
    ld.sensitive(
        ld.pick(["estatus_migratorio", "situacion_migratoria"]),
        "imm",
        "CITIZENSHIP_IMMIGRATION",
        term,
        "named_field/status",
    )
    if ld.chance(0.5):
        ld.sensitive(
            "embarazo",
            "preg",
            "HEALTH_CONDITION",
            ld.pick(["embarazada", "embarazada 5 meses", "embarazo de alto riesgo"]),
            "named_field/pregnancy",
        )
    kid1, kid2 = ld.mx.first_name(), ld.mx.first_name()
    a1, a2 = ld.rng.randint(1, 15), ld.rng.randint(1, 15)
    ld.gold("k1", "CHILD_NAME", "named_field/child-name", kind="text")
    ld.gold("a1", "CHILD_AGE", "named_field/child-age", kind="text")
    ld.gold("k2", "CHILD_NAME", "named_field/child-name", kind="text")
    ld.gold("a2", "CHILD_AGE", "named_field/child-age", kind="text")
    if kid1 == kid2:
        raise Redraw("same kid names")
    ld.put(
        "hijos",
        ld.G("k1", kid1),
        " (",
        ld.G("a1", f"{a1} años" if a1 > 1 else "1 año"),
        "), ",
        ld.G("k2", kid2),
        " (",
        ld.G("a2", f"{a2} años" if a2 > 1 else "1 año"),
        ")",
    )
    put_dob(ld, "fecha_nacimiento", "named_field")
    ld.put("notas", *note_parts(ld, notes_mix(ld, 1, 2, exclude=("imm",))))


@schema(2)
def inmigracion_legal(ld: Lead) -> None:
    """Immigration legal intake: country of origin, status, passport, appointment kept."""
    p = lead_person(ld, "immig")
    put_contact(
        ld,
        p,
        {
            "first": "nombre",
            "last": "apellido",
            "phone": "telefono",
            "city": "ciudad",
            "state": "estado",
        },
    )
    ld.sensitive(
        "pais_origen",
        "eth",
        "RACIAL_ETHNIC_ORIGIN",
        ld.pick(["Guatemala", "Honduras", "El Salvador", "México", "Venezuela", "Nicaragua"]),
        "named_field/origin",
    )
    _pre, term, _ = ld.pick(IMMIGRATION)
    ld.sensitive("estatus", "imm", "CITIZENSHIP_IMMIGRATION", term, "named_field/status")
    pp = make_passport(ld.rng)
    ld.gold("pp", "US_PASSPORT", "named_field/passport", kind="chars", canonical=pp)
    ld.put(ld.pick(["pasaporte", "numero_pasaporte", "passport_no"]), ld.G("pp", pp))
    itin = make_itin(ld.rng)
    if ld.chance(0.5):
        ld.gold("itin", "US_ITIN", "named_field/itin", expect=itin)
        ld.put("itin", ld.G("itin", f"{itin[:3]}-{itin[3:5]}-{itin[5:]}"))
    ld.put("fecha_cita", ld.N("date", ld.pick(["2026-07-14", "14/07/2026", "martes 14"])))
    ld.put("hora_cita", ld.N("time", ld.pick(["9:00", "11:30 AM", "4 pm"])))
    ld.put("caso", ld.N("reference", f"EXP-{rdig(ld.rng, 6, True)}"))
    ld.put("notas", *note_parts(ld, [*notes_mix(ld, 2, 1, exclude=("kid", "imm")), "kid"]))


@schema(2)
def credito_auto_mixto(ld: Lead) -> None:
    """Auto-loan lead mixing English and Spanish columns: SSN, DOB, driver's license, vehicle."""
    p = lead_person(ld, "auto")
    put_contact(
        ld,
        p,
        {
            "first": "first_name",
            "last": "apellido",
            "phone": "phone",
            "email": "correo",
            "street": "address",
            "city": "city",
            "state": "estado",
            "zip": "zip",
        },
    )
    ssn = make_ssn(ld.rng)
    t, form = typed_ssn(ld, ssn)
    ld.gold("ssn", "US_SSN", f"named_field/ssn_{form}", expect=ssn)
    ld.put(ld.pick(["ssn", "seguro_social", "num_seguro_social"]), ld.G("ssn", t))
    put_dob(ld, ld.pick(["dob", "fecha_nacimiento"]), "named_field")
    dl = make_license(ld.rng, p.abbr if p.abbr in DL_LAYOUTS else "TX")
    ld.gold("dl", "US_DRIVER_LICENSE", "named_field/license", kind="chars", canonical=dl)
    ld.put(ld.pick(["licencia_conducir", "licencia", "dl_number"]), ld.G("dl", dl))
    ld.put(
        "vehiculo",
        ld.N("year", ld.pick(["2019", "2021", "2017"])),
        " ",
        ld.pick(["Toyota Tacoma", "Honda Civic", "Ford F-150", "Nissan Sentra"]),
    )
    ld.put("precio", ld.N("money", ld.pick(["$22,500", "$18,900", "31000"])))
    ld.put("enganche", ld.N("money", ld.pick(["$2,000", "$1,500", "3000"])))
    ld.put("ingreso_mensual", ld.N("money", ld.pick(["$3,200", "$4,100", "2800"])))
    if ld.chance(0.6):
        ld.put("comentarios", *note_parts(ld, notes_mix(ld, 1, 2)))


@schema(2)
def liquidacion_deudas(ld: Lead) -> None:
    """Debt settlement: SSN without dashes, debt amount kept, hardship notes with health."""
    p = lead_person(ld, "debt")
    put_contact(
        ld, p, {"full": "nombre", "phone": "telefono", "email": "correo", "state": "estado"}
    )
    ssn = make_ssn(ld.rng)
    ld.gold("ssn", "US_SSN", "named_field/ssn_plain", expect=ssn)
    ld.put("seguro_social", ld.G("ssn", ssn))
    ld.put("monto_deuda", ld.N("money", ld.pick(["$12,400", "8500", "$23,000.00"])))
    ld.put("num_cuentas", ld.N("quantity", str(ld.rng.randint(2, 7))))
    acct = make_account(ld.rng)
    ld.gold("acct", "US_BANK_NUMBER", "named_field/account", expect=acct)
    ld.put("cuenta_bancaria", ld.G("acct", acct))
    aba = make_aba(ld.rng)
    ld.gold("aba", "ABA_ROUTING_NUMBER", "named_field/routing", expect=aba)
    ld.put("numero_ruta", ld.G("aba", aba))
    ld.put(
        "comentarios",
        "Dificultad: ",
        *note_parts(ld, ["cond", "money", *notes_mix(ld, 1, 0, exclude=("cond",))]),
    )


@schema(2)
def portal_seguridad(ld: Lead) -> None:
    """Account-portal export: password, PIN, security answer gold; question, username neither."""
    p = lead_person(ld, ld.pick(["bank", "card", "util"]))
    put_contact(
        ld, p, {"first": "nombre", "last": "apellido", "email": "correo", "phone": "telefono"}
    )
    ld.fields["usuario"] = ascii_lower(p.first)[:5] + rdig(ld.rng, 3)
    word = ld.pick(
        ["Girasol", "Mariposa", "Chapulin", "Tamarindo", "Lucero", "Panchito", "Cielito"]
    )
    pwd = f"{word}{ld.rng.randint(10, 99)}{ld.pick(['!', '#', '*', ''])}"
    ld.gold("pwd", "ACCOUNT_SECRET", "named_field/password", kind="text")
    ld.put(ld.pick(["contraseña", "contrasena", "password"]), ld.G("pwd", pwd))
    pin = rdig(ld.rng, 4)
    ld.gold("pin", "ACCOUNT_SECRET", "named_field/pin", expect=pin)
    ld.put(ld.pick(["pin", "nip"]), ld.G("pin", pin))
    ld.fields["pregunta_seguridad"] = ld.pick(
        ["Apellido de soltera de su mamá", "Nombre de su primera mascota"]
    )
    ans = (
        ld.es.last_name()
        if ld.fields["pregunta_seguridad"].startswith("Apellido")
        else ld.pick(["Firulais", "Canela", "Manchas", "Chispa"])
    )
    if ans == p.last:
        raise Redraw("same surname")
    ld.gold("ans", "ACCOUNT_SECRET", "named_field/security-answer", kind="text")
    ld.put("respuesta_seguridad", ld.G("ans", ans))
    ld.put("ultimo_acceso", ld.N("date", ld.pick(["2026-04-02 10:14", "02/04/2026"])))


@schema(2)
def english_columns_spanish_notes(ld: Lead) -> None:
    """English-named export of a Spanish vendor: typed values, Spanish free-text notes."""
    p = lead_person(ld, ld.pick(["medicare", "aca", "final"]))
    put_contact(
        ld,
        p,
        {
            "first": "FirstName",
            "last": "LastName",
            "phone": "Phone",
            "email": "Email",
            "street": "Address1",
            "city": "City",
            "state": "State",
            "zip": "Zip",
            "lang": "Language",
        },
    )
    put_dob(ld, "DOB", "named_field")
    if ld.chance(0.5):
        ssn = make_ssn(ld.rng)
        ld.gold("ssn", "US_SSN", "named_field/ssn_dash", expect=ssn)
        ld.put("SSN", ld.G("ssn", f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}"))
    ld.put("Age", ld.N("age", str(ld.rng.randint(60, 88))))
    ld.put("CurrentPlan", ld.N("plan", ld.pick(PLANS)))
    ld.put("Notes", *note_parts(ld, notes_mix(ld, 3, 2)))


@schema(1)
def notas_solamente(ld: Lead) -> None:
    """Minimal lead: contact columns and long Spanish notes (mostly look-alikes, few sensitive)."""
    p = lead_person(ld, ld.pick(["util", "auto", "bank", "medicare"]))
    put_contact(
        ld, p, {"full": "nombre", "phone": "telefono", "city": "ciudad", "zip": "codigo_postal"}
    )
    ld.put("notas", *note_parts(ld, notes_mix(ld, ld.rng.randint(0, 2), 4)))
    ld.put("fecha_cita", ld.N("date", ld.pick(["2026-05-20", "05/28/2026", "viernes 22"])))


def build_leads(verbose: bool = False) -> tuple[list[dict[str, Any]], int]:
    names = sorted(LEAD_SCHEMAS)
    plan: list[str] = []
    for name in names:
        plan += [name] * LEAD_SCHEMAS[name][1]
    order = random.Random(SEED + 1).sample(plan * (N_LEADS // len(plan) + 1), N_LEADS)
    records, redraws = [], 0
    for idx, name in enumerate(order, start=1):
        attempt = 0
        while True:
            seed = (SEED + 7) * 1000 + idx * 89 + attempt
            ld = Lead(idx, seed, name)
            try:
                LEAD_SCHEMAS[name][0](ld)
                rec = ld.record()
                check(rec)
            except Redraw as why:
                if verbose:
                    print(f"redraw lead {idx} {name}: {why}", file=sys.stderr)
                attempt += 1
                redraws += 1
                if attempt > 200:
                    raise RuntimeError(f"{name} cannot be drawn: {why}") from None
                continue
            records.append(rec)
            break
    return records, redraws


# =============================================================================
# main
# =============================================================================


def build_calls(verbose: bool = False) -> tuple[list[dict[str, Any]], int]:
    names = sorted(SHAPES)
    plan: list[str] = []
    for name in names:
        plan += [name] * SHAPES[name][1]
    order = random.Random(SEED).sample(plan * (N_CALLS // len(plan) + 1), N_CALLS)
    records, redraws = [], 0
    for idx, name in enumerate(order, start=1):
        attempt = 0
        while True:
            seed = SEED * 1000 + idx * 97 + attempt
            c = Call(idx, seed, name)
            try:
                SHAPES[name][0](c)
                rec = c.record()
                check(rec)
            except Redraw as why:
                if verbose:
                    print(f"redraw {idx} {name}: {why}", file=sys.stderr)
                attempt += 1
                redraws += 1
                if attempt > 200:
                    raise RuntimeError(f"{name} cannot be drawn: {why}") from None
                continue
            records.append(rec)
            break
    return records, redraws


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def summary(records: list[dict[str, Any]], verbose: bool) -> list[str]:
    types, kinds, styles, shapes, asr = Counter(), Counter(), Counter(), Counter(), Counter()
    for r in records:
        shapes[r.get("shape", r.get("schema", "")).split("/")[0]] += 1
        if "/" in r.get("shape", ""):
            asr[r["shape"].split("/")[1]] += 1
        for g in r["gold"]:
            form = "digits" if "digits" in g else "text" if "text" in g else "chars"
            types[f"{g['type']} ({form})"] += 1
            styles[g["style"]] += 1
        for n in r["negatives"]:
            kinds[n["kind"]] += 1
    lines = [
        f"records: {len(records)}; gold {sum(types.values())}; negatives {sum(kinds.values())}"
    ]
    lines.append("gold by type: " + ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    lines.append("negatives by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    lines.append("shapes/schemas: " + ", ".join(f"{k} {v}" for k, v in sorted(shapes.items())))
    if asr:
        lines.append("asr styles: " + ", ".join(f"{k} {v}" for k, v in sorted(asr.items())))
    if verbose:
        lines.append("gold styles: " + ", ".join(f"{k} {v}" for k, v in sorted(styles.items())))
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    verbose = "-v" in argv
    calls, redraws = build_calls("-vv" in argv)
    write_jsonl(CALLS_OUT, calls)
    print(f"wrote {CALLS_OUT.relative_to(ROOT)} ({redraws} redraws)")
    print("\n".join(summary(calls, verbose)))
    if LEAD_SCHEMAS:
        leads, lredraws = build_leads("-vv" in argv)
        write_jsonl(LEADS_OUT, leads)
        print(f"wrote {LEADS_OUT.relative_to(ROOT)} ({lredraws} redraws)")
        print("\n".join(summary(leads, verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
