"""Leak scorer: redact the development corpus with the real engine and count what survives.

    .venv/bin/python bench/eval.py [--calls PATH] [--leads PATH] [--json OUT] [--list]
                                   [--transcript-numbers sensitive|all] [--spanish]

Always exits 0 (it is a report); the line ``LEAKS: n`` says how many gold
values survived. Corpus format: see bench/corpus/generate.py.

Scoring rules (exact)
=====================
A gold item is scored against the engine's output text of the segments (or
lead fields) listed in its ``segments`` (``fields``), in that order.

``digits`` items (SSN, card, CVV, expiry, routing, account, typed DOB):
    Each output text is normalized to a digit stream by ``normalize_digits``:
    lowercase; tokens are digit runs, letter words (apostrophes kept, so
    "o'clock" is one word) and the punctuation marks ``. , ; : ? !``. Digit
    runs are kept as they are. Number words become digits: zero/oh/o -> 0,
    one..nine, ten..nineteen -> two digits; a tens word (twenty..ninety)
    joins a unit word right after it ("thirty six" -> 36), else ends in 0
    ("twenty" -> 20); "<n> hundred [and] <m>" -> n*100+m and "<n> thousand
    [and] <m>" -> n*1000+m ("two thousand twenty eight" -> 2028, "five
    hundred" -> 500); "double <d>" / "triple <d>" repeat the digit. A
    punctuation mark stops a tens word from joining the next unit
    ("twenty, five" -> 205). Every other token (placeholders such as
    ``<US_SSN>``, fillers, words) is dropped. The per-segment streams are
    concatenated, so a value split over several segments is recovered.
    The item LEAKED if any run of ``k`` consecutive gold digits occurs in
    the stream, where ``k`` = 4 for US_SSN, US_ITIN, CREDIT_CARD,
    ABA_ROUTING_NUMBER and US_BANK_NUMBER (a surviving last four counts),
    and ``k`` = all of the digits for every other type (CVV, expiry, DOB,
    a PIN or one-time code given as ACCOUNT_SECRET).
``text`` items (health terms, month-name expiry/DOB, and the words of the
special categories: ethnicity, religion, union, orientation, citizenship,
politics, genetic and biometric terms, passwords and maiden names,
coordinates, a child's name or age):
    Both the term and the joined output text are lowercased, apostrophes
    dropped ("parkinson's" = "parkinsons") and reduced to alphanumeric
    words separated by single spaces; the item LEAKED if the term occurs
    there on word boundaries (a plural "s"/"es" allowed).
``chars`` items (alphanumeric IDs: MBI, driver's license, passport, health
plan member ID / Medicaid number):
    LEAKED if the ID's characters, lowercase, occur in the joined output
    text with everything but ``[a-z0-9]`` removed.

Spanish corpora (``--spanish``, e.g. bench/corpus_es)
====================================================
Off by default; without the flag every rule above is applied exactly as
written. With it, ``digits`` and ``text`` items are scored with these
additions (``chars`` items and negatives are unchanged):

``digits``: before tokenizing, the text is lowercased and its accents are
    stripped (Unicode NFD, combining marks dropped: "veintidós" ->
    "veintidos", "ñ" -> "n"; "¿"/"¡" are dropped). Spanish number words are
    read in addition to the English ones: cero, un/uno/una, dos..nueve;
    diez, once..quince, dieciséis..diecinueve (also split "dieci seis" and
    "diez y seis" for 16-19); veinte; veintiuno/veintiún/veintiuna,
    veintidós..veintinueve (also split "veinti dos" and "veinte y dos");
    treinta..noventa, which join a following unit only through "y"
    ("cincuenta y tres" -> 53; "cincuenta tres" -> 503; "cincuenta, y
    tres" -> 503 because punctuation stops joining); "ciento <1-99>" and
    doscientos..novecientos (also -as) "<1-99>" -> three digits
    ("quinientos treinta y seis" -> 536, "ciento cinco" -> 105), "cien" ->
    100 with no tail; "mil" alone or after 1-999, then an optional 1-999
    ("mil novecientos sesenta y dos" -> 1962, "dos mil veintiséis" ->
    2026, "dos mil seis" -> 2006, "dos mil" -> 2000); "doble <d>" /
    "triple <d>" repeat a digit (like "double"/"triple"). "cero" after a
    hundreds or "mil" word is a new number. A Spanish word is tried first
    (so "once" is 11), then the English rules, so code-switched values
    ("cinco tres seis, twenty two") are read whole; a number never mixes
    languages inside itself ("veinte two" -> 202). The English letter "o" is NOT read as
    zero (in Spanish "o" and "y" are conjunctions), while "oh" and "zero"
    still are. Every other token (fillers "este", "eh", "o sea", "pues",
    "mmm", words such as "luego") is dropped, so a filler inside a value
    does not break it.
``text``: the term and the output are both accent-stripped (same NFD rule)
    before the comparison above, so "diálisis" = "dialisis".

A negative (text that must be kept) was DESTROYED if its text occurs fewer
times in the output of its segment (field) than in the original, compared
exactly (case-sensitive).

Every table by entity type has a twin by category: the entity type's legal
category in the engine's catalogue (``redaction.catalogue.spec_for``), e.g.
GOVERNMENT_ID, HEALTH, CHILD_DATA; a type the catalogue does not know is
UNCLASSIFIED.

A record the engine refuses (it raises) counts in ``errors``: nothing of it
leaks, every negative of it is destroyed (the gateway fails closed).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_CALLS = HERE / "corpus" / "calls.jsonl"
DEFAULT_LEADS = HERE / "corpus" / "leads.jsonl"

# Types for which any surviving run of this many gold digits is a leak.
MIN_RUN: Mapping[str, int] = {
    "US_SSN": 4,
    "US_ITIN": 4,
    "CREDIT_CARD": 4,
    "ABA_ROUTING_NUMBER": 4,
    "US_BANK_NUMBER": 4,
}

Location = int | str  # a segment index (calls) or a field name (leads)
Output = Mapping[Location, str]

# ----------------------------------------------------------------------------- normalization

_UNITS = {
    "zero": 0,
    "oh": 0,
    "o": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_REPEAT = {"double": 2, "triple": 3}
_TOKEN = re.compile(r"\d+|[a-z']+|[.,;:?!]")


def _small(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """Parse 0-99 at ``tokens[i]``: a unit, a teen, or a tens word with an optional unit."""
    if i >= len(tokens):
        return None
    word = tokens[i]
    if word in _UNITS:
        return _UNITS[word], i + 1
    if word in _TEENS:
        return _TEENS[word], i + 1
    if word in _TENS:
        value = _TENS[word]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt in _UNITS and _UNITS[nxt] > 0:
            return value + _UNITS[nxt], i + 2
        return value, i + 1
    return None


def _tail(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """The number after "hundred"/"thousand": [and] 1-99, no "oh"/"zero" alone."""
    j = i + 1 if i < len(tokens) and tokens[i] == "and" else i
    if j < len(tokens) and tokens[j] in ("oh", "o", "zero"):
        return None
    return _small(tokens, j)


def _cardinal(tokens: Sequence[str], i: int) -> tuple[str, int] | None:
    """Parse one spoken number at ``tokens[i]``; return its digits and the next index."""
    small = _small(tokens, i)
    if small is None:
        return None
    value, j = small
    word = tokens[i]
    scaled = False
    if j < len(tokens) and tokens[j] == "hundred" and value > 0 and word not in ("oh", "o"):
        value *= 100
        j += 1
        scaled = True
        tail = _tail(tokens, j)
        if tail is not None:
            value += tail[0]
            j = tail[1]
    if j < len(tokens) and tokens[j] == "thousand" and value > 0 and word not in ("oh", "o"):
        value *= 1000
        j += 1
        scaled = True
        rest = _cardinal_below_thousand(tokens, j)
        if rest is not None:
            value += rest[0]
            j = rest[1]
    if not scaled and word in ("oh", "o", "zero"):
        return "0", j
    return str(value), j


def _cardinal_below_thousand(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """After "thousand": [and] n [hundred [and] m] | [and] 1-99."""
    j = i + 1 if i < len(tokens) and tokens[i] == "and" else i
    small = _tail(tokens, j)
    if small is None:
        return None
    value, k = small
    if k < len(tokens) and tokens[k] == "hundred" and 1 <= value <= 9:
        value *= 100
        k += 1
        tail = _tail(tokens, k)
        if tail is not None:
            value += tail[0]
            k = tail[1]
    return value, k


def normalize_digits(text: str, spanish: bool = False) -> str:
    """The digits a text spells, typed or spoken (rules in the module docstring)."""
    if spanish:
        return _normalize_digits_es(text)
    tokens = _TOKEN.findall(text.lower())
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isdigit():
            out.append(token)
            i += 1
            continue
        if token in _REPEAT and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            digit = nxt if len(nxt) == 1 and nxt.isdigit() else None
            if digit is None and nxt in _UNITS:
                digit = str(_UNITS[nxt])
            if digit is not None:
                out.append(digit * _REPEAT[token])
                i += 2
                continue
        parsed = _cardinal(tokens, i)
        if parsed is not None:
            out.append(parsed[0])
            i = parsed[1]
            continue
        i += 1
    return "".join(out)


# Spanish number words (accent-stripped), used only with ``spanish=True``.
_ES_UNITS = {
    "cero": 0,
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
}
_ES_TEENS = {
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
}
_ES_TWENTIES = {
    "veintiun": 21,
    "veintiuno": 21,
    "veintiuna": 21,
    "veintidos": 22,
    "veintitres": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiseis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
}
_ES_TENS = {
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
}
_ES_HUNDREDS = {
    "ciento": 100,
    "doscientos": 200,
    "doscientas": 200,
    "trescientos": 300,
    "trescientas": 300,
    "cuatrocientos": 400,
    "cuatrocientas": 400,
    "quinientos": 500,
    "quinientas": 500,
    "seiscientos": 600,
    "seiscientas": 600,
    "setecientos": 700,
    "setecientas": 700,
    "ochocientos": 800,
    "ochocientas": 800,
    "novecientos": 900,
    "novecientas": 900,
}
_ES_REPEAT = {"doble": 2, "triple": 3}


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _es_unit(tokens: Sequence[str], i: int, low: int = 1) -> int | None:
    if i < len(tokens) and tokens[i] in _ES_UNITS and _ES_UNITS[tokens[i]] >= low:
        return _ES_UNITS[tokens[i]]
    return None


def _es_small(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """Spanish 0-99 at ``tokens[i]``: unit, teen, 21-29, or a tens word [y unit]."""
    if i >= len(tokens):
        return None
    word = tokens[i]
    if word in _ES_UNITS:
        return _ES_UNITS[word], i + 1
    if word in _ES_TEENS:
        if word == "diez" and i + 2 < len(tokens) and tokens[i + 1] == "y":
            unit = _es_unit(tokens, i + 2, low=6)
            if unit is not None:
                return 10 + unit, i + 3
        return _ES_TEENS[word], i + 1
    if word == "dieci":
        unit = _es_unit(tokens, i + 1, low=6)
        return (10 + unit, i + 2) if unit is not None else None
    if word == "veinti":
        unit = _es_unit(tokens, i + 1)
        return (20 + unit, i + 2) if unit is not None else None
    if word in _ES_TWENTIES:
        return _ES_TWENTIES[word], i + 1
    if word in _ES_TENS:
        value = _ES_TENS[word]
        if i + 2 < len(tokens) and tokens[i + 1] == "y":
            unit = _es_unit(tokens, i + 2)
            if unit is not None:
                return value + unit, i + 3
        return value, i + 1
    return None


def _es_below_thousand(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """Spanish 0-999: a hundreds word [1-99], "cien", or 0-99."""
    if i >= len(tokens):
        return None
    word = tokens[i]
    if word == "cien":
        return 100, i + 1
    if word in _ES_HUNDREDS:
        value = _ES_HUNDREDS[word]
        tail = None if _es_unit(tokens, i + 1, low=0) == 0 else _es_small(tokens, i + 1)
        if tail is not None:
            return value + tail[0], tail[1]
        return value, i + 1
    return _es_small(tokens, i)


def _es_cardinal(tokens: Sequence[str], i: int) -> tuple[str, int] | None:
    """Parse one spoken Spanish number at ``tokens[i]``; digits and the next index."""
    if i < len(tokens) and tokens[i] == "mil":
        value, j = 1000, i + 1
    else:
        parsed = _es_below_thousand(tokens, i)
        if parsed is None:
            return None
        value, j = parsed
        if not (j < len(tokens) and tokens[j] == "mil" and value > 0):
            return str(value), j
        value *= 1000
        j += 1
    if _es_unit(tokens, j, low=0) != 0:
        rest = _es_below_thousand(tokens, j)
        if rest is not None:
            value += rest[0]
            j = rest[1]
    return str(value), j


def _normalize_digits_es(text: str) -> str:
    """Spanish-aware ``normalize_digits``: Spanish number words, then the English rules."""
    tokens = _TOKEN.findall(_strip_accents(text.lower()))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isdigit():
            out.append(token)
            i += 1
            continue
        times = _REPEAT.get(token, _ES_REPEAT.get(token))
        if times is not None and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            digit = nxt if len(nxt) == 1 and nxt.isdigit() else None
            if digit is None and nxt in _ES_UNITS:
                digit = str(_ES_UNITS[nxt])
            if digit is None and nxt in _UNITS and nxt != "o":
                digit = str(_UNITS[nxt])
            if digit is not None:
                out.append(digit * times)
                i += 2
                continue
        parsed = _es_cardinal(tokens, i)
        if parsed is None and token != "o":
            parsed = _cardinal(tokens, i)
        if parsed is not None:
            out.append(parsed[0])
            i = parsed[1]
            continue
        i += 1
    return "".join(out)


def _words(text: str, spanish: bool = False) -> str:
    if spanish:
        text = _strip_accents(text)
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("\u2019", "")))


# ----------------------------------------------------------------------------- survival rules


def min_run(entity_type: str, digits: str) -> int:
    """How many consecutive gold digits must survive to count as a leak."""
    return min(MIN_RUN.get(entity_type, len(digits)), len(digits))


def digits_survive(digits: str, texts: Iterable[str], run: int, spanish: bool = False) -> bool:
    """True when ``run`` consecutive digits of ``digits`` are recoverable from ``texts``."""
    stream = "".join(normalize_digits(text, spanish) for text in texts)
    return any(digits[i : i + run] in stream for i in range(len(digits) - run + 1))


def text_survives(term: str, texts: Iterable[str], spanish: bool = False) -> bool:
    """True when ``term`` still occurs (case-insensitive, on word boundaries) in ``texts``."""
    wanted = _words(term, spanish)
    if not wanted:
        return False
    haystack = _words(" ".join(texts), spanish)
    pattern = rf"(?<![a-z0-9]){re.escape(wanted)}(?:s|es)?(?![a-z0-9])"
    return re.search(pattern, haystack) is not None


def chars_survive(chars: str, texts: Iterable[str]) -> bool:
    """True when an alphanumeric ID's characters still occur in ``texts`` (separators ignored)."""
    haystack = re.sub(r"[^a-z0-9]", "", " ".join(texts).lower())
    return chars.lower() in haystack


def gold_survives(item: Mapping[str, Any], output: Output, spanish: bool = False) -> bool:
    """Whether one gold item survives in ``output`` (rules in the module docstring)."""
    texts = [output.get(loc, "") for loc in locations(item)]
    if "digits" in item:
        digits = str(item["digits"])
        return digits_survive(digits, texts, min_run(str(item["type"]), digits), spanish)
    if "text" in item:
        return text_survives(str(item["text"]), texts, spanish)
    if "chars" in item:
        return chars_survive(str(item["chars"]), texts)
    raise ValueError(f"gold item without digits/text/chars: {item}")


def negative_destroyed(neg: Mapping[str, Any], original: Output, output: Output) -> bool:
    """Whether a negative's text occurs fewer times in the output than in the original."""
    where = neg["segment"] if "segment" in neg else neg["field"]
    text = str(neg["text"])
    return output.get(where, "").count(text) < original.get(where, "").count(text)


def locations(item: Mapping[str, Any]) -> list[Location]:
    """The segment indices (calls) or field names (leads) a gold item is in."""
    found = item.get("segments", item.get("fields", []))
    return list(found)


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldResult:
    """One gold item's verdict."""

    record_id: str
    type: str
    style: str
    render: str
    leaked: bool
    where: tuple[Location, ...]
    texts: tuple[str, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class NegativeResult:
    """One negative's verdict."""

    record_id: str
    kind: str
    text: str
    destroyed: bool
    where: Location
    output: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class RecordScore:
    """All verdicts for one record."""

    gold: tuple[GoldResult, ...]
    negatives: tuple[NegativeResult, ...]


def original_output(record: Mapping[str, Any]) -> dict[Location, str]:
    """The record's own texts by location: what an engine that removes nothing returns."""
    if "segments" in record:
        return {i: str(s["text"]) for i, s in enumerate(record["segments"])}
    return {str(k): str(v) for k, v in record["fields"].items()}


def oracle_output(record: Mapping[str, Any]) -> dict[Location, str]:
    """The record with exactly its gold spans replaced by ``<TYPE>``: a perfect redaction."""
    texts = original_output(record)
    by_location: dict[Location, list[tuple[int, int, str]]] = defaultdict(list)
    for item in record.get("gold", []):
        for loc, start, end in item.get("spans", []):
            by_location[loc].append((int(start), int(end), str(item["type"])))
    for loc, spans in by_location.items():
        text = texts[loc]
        for start, end, entity in sorted(spans, reverse=True):
            text = text[:start] + f"<{entity}>" + text[end:]
        texts[loc] = text
    return texts


def score_record(
    record: Mapping[str, Any],
    output: Output,
    original: Output | None = None,
    spanish: bool = False,
) -> RecordScore:
    """Score one record's output against its gold items and negatives.

    ``spanish`` turns on the Spanish number words and accent-insensitive
    ``text`` matching (module docstring, "Spanish corpora").
    """
    original = original if original is not None else original_output(record)
    record_id = str(record.get("id", ""))
    gold = tuple(
        GoldResult(
            record_id=record_id,
            type=str(item["type"]),
            style=str(item.get("style", "")),
            render=str(item.get("render", item.get("style", ""))),
            leaked=gold_survives(item, output, spanish),
            where=tuple(locations(item)),
            texts=tuple(output.get(loc, "") for loc in locations(item)),
        )
        for item in record.get("gold", [])
    )
    negatives = tuple(
        NegativeResult(
            record_id=record_id,
            kind=str(neg["kind"]),
            text=str(neg["text"]),
            destroyed=negative_destroyed(neg, original, output),
            where=neg["segment"] if "segment" in neg else neg["field"],
            output=output.get(neg["segment"] if "segment" in neg else neg["field"], ""),
        )
        for neg in record.get("negatives", [])
    )
    return RecordScore(gold, negatives)


# ----------------------------------------------------------------------------- tallies


@cache
def category_of(entity_type: str) -> str:
    """The entity type's legal category from the engine's catalogue (imported on first use)."""
    from redaction.catalogue import spec_for

    return str(spec_for(entity_type).category)


@dataclass
class Tally:
    """Counts for one table row."""

    count: int = 0
    hits: int = 0

    def add(self, hit: bool) -> None:
        """Count one item; ``hit`` is a leak (gold) or a destruction (negative)."""
        self.count += 1
        self.hits += int(hit)


@dataclass
class Section:
    """Verdicts of one corpus file, grouped for the report."""

    name: str
    records: int = 0
    errors: int = 0
    by_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_style: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    gold: Tally = field(default_factory=Tally)
    negatives: Tally = field(default_factory=Tally)
    leaks: list[GoldResult] = field(default_factory=list)
    destroyed: list[NegativeResult] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def add(self, score: RecordScore) -> None:
        """Fold one record's verdicts in."""
        self.records += 1
        for g in score.gold:
            self.by_type[g.type].add(g.leaked)
            self.by_category[category_of(g.type)].add(g.leaked)
            self.by_style[g.style].add(g.leaked)
            self.gold.add(g.leaked)
            if g.leaked:
                self.leaks.append(g)
        for n in score.negatives:
            self.by_kind[n.kind].add(n.destroyed)
            self.negatives.add(n.destroyed)
            if n.destroyed:
                self.destroyed.append(n)

    def to_dict(self) -> dict[str, Any]:
        """The section's numbers as JSON-ready values (no sensitive values)."""
        return {
            "records": self.records,
            "errors": self.errors,
            "gold": self.gold.count,
            "leaked": self.gold.hits,
            "recall": _recall(self.gold),
            "by_type": {k: _gold_row(t) for k, t in sorted(self.by_type.items())},
            "by_category": {k: _gold_row(t) for k, t in sorted(self.by_category.items())},
            "by_style": {k: _gold_row(t) for k, t in sorted(self.by_style.items())},
            "negatives": self.negatives.count,
            "destroyed": self.negatives.hits,
            "destroyed_rate": _rate(self.negatives),
            "by_kind": {k: _neg_row(t) for k, t in sorted(self.by_kind.items())},
            "timing": _timing(self.seconds),
            "leaked_items": [
                {"id": g.record_id, "type": g.type, "style": g.style, "render": g.render}
                for g in self.leaks
            ],
        }


def merge_tallies(*groups: Mapping[str, Tally]) -> dict[str, Tally]:
    """Row-wise sums of several tables."""
    merged: dict[str, Tally] = defaultdict(Tally)
    for group in groups:
        for key, t in group.items():
            merged[key].count += t.count
            merged[key].hits += t.hits
    return dict(merged)


def _recall(t: Tally) -> float:
    return round(1 - t.hits / t.count, 4) if t.count else 1.0


def _rate(t: Tally) -> float:
    return round(t.hits / t.count, 4) if t.count else 0.0


def _gold_row(t: Tally) -> dict[str, Any]:
    return {"gold": t.count, "leaked": t.hits, "recall": _recall(t)}


def _neg_row(t: Tally) -> dict[str, Any]:
    return {"count": t.count, "destroyed": t.hits, "rate": _rate(t)}


def _timing(seconds: Sequence[float]) -> dict[str, float]:
    if not seconds:
        return {"total_s": 0.0, "mean_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "total_s": round(sum(seconds), 3),
        "mean_ms": round(statistics.fmean(seconds) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


# ----------------------------------------------------------------------------- running


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every non-empty line of a JSONL file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run(
    calls: Sequence[Mapping[str, Any]],
    leads: Sequence[Mapping[str, Any]],
    transcript_numbers: str = "sensitive",
    child_max_age: int | None = None,
    spanish: bool = False,
) -> tuple[Section, Section, float]:
    """Load the engine once, redact every record, score it; returns sections and load time."""
    started = time.perf_counter()
    from redaction import Lead, RedactionError, RedactionPolicy, Redactor, Transcript
    from redaction.records import record_from_dict

    policy = RedactionPolicy(transcript_numbers=transcript_numbers)
    if child_max_age is not None:
        policy = replace(policy, child_max_age=child_max_age)
    redactor = Redactor.create(policies=policy)
    load_seconds = time.perf_counter() - started

    call_section, lead_section = Section("calls"), Section("leads")
    for record in calls:
        transcript = record_from_dict(record)
        began = time.perf_counter()
        output: dict[Location, str]
        if not isinstance(transcript, Transcript):
            raise ValueError(f"{record.get('id')}: not a transcript")
        try:
            result = redactor.redact_transcript(transcript)
            output = {i: s.text for i, s in enumerate(result.transcript.segments)}
        except RedactionError:
            call_section.errors += 1
            output = {}
        call_section.seconds.append(time.perf_counter() - began)
        call_section.add(score_record(record, output, spanish=spanish))
    for record in leads:
        lead = record_from_dict(record)
        if not isinstance(lead, Lead):
            raise ValueError(f"{record.get('id')}: not a lead")
        began = time.perf_counter()
        try:
            output = {k: v for k, v in redactor.redact_lead(lead).lead.fields.items()}
        except RedactionError:
            lead_section.errors += 1
            output = {}
        lead_section.seconds.append(time.perf_counter() - began)
        lead_section.add(score_record(record, output, spanish=spanish))
    return call_section, lead_section, load_seconds


def _table(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    cells = [list(header), *([str(c) for c in r] for r in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    lines = [title, "  " + fmt.format(*header)]
    lines += ["  " + fmt.format(*r) for r in cells[1:]]
    return lines


def _gold_rows(groups: Mapping[str, Tally], total: Tally) -> list[list[object]]:
    rows: list[list[object]] = [
        [k, t.count, t.hits, f"{_recall(t):.1%}"] for k, t in sorted(groups.items())
    ]
    rows.append(["ALL", total.count, total.hits, f"{_recall(total):.1%}"])
    return rows


def _neg_rows(groups: Mapping[str, Tally], total: Tally) -> list[list[object]]:
    rows: list[list[object]] = [
        [k, t.count, t.hits, f"{_rate(t):.1%}"] for k, t in sorted(groups.items())
    ]
    rows.append(["ALL", total.count, total.hits, f"{_rate(total):.1%}"])
    return rows


def report_lines(section: Section) -> list[str]:
    """The printed tables for one section."""
    lines = [f"== {section.name}: {section.records} records, {section.errors} errors"]
    lines += _table(
        "by entity type",
        ("type", "gold", "leaked", "recall"),
        _gold_rows(section.by_type, section.gold),
    )
    lines += _table(
        "by category",
        ("category", "gold", "leaked", "recall"),
        _gold_rows(section.by_category, section.gold),
    )
    lines += _table(
        "by style",
        ("style", "gold", "leaked", "recall"),
        _gold_rows(section.by_style, section.gold),
    )
    lines += _table(
        "negatives (must be kept)",
        ("kind", "count", "destroyed", "rate"),
        _neg_rows(section.by_kind, section.negatives),
    )
    t = _timing(section.seconds)
    lines.append(
        f"timing: {t['total_s']:.2f} s total, {t['mean_ms']:.1f} ms mean, "
        f"{t['p95_ms']:.1f} ms p95, {t['max_ms']:.1f} ms max per record"
    )
    return lines


def detail_lines(section: Section) -> list[str]:
    """One line per leak and per destroyed negative, with the engine's output text."""
    lines = [f"-- {section.name}: leaks"]
    for g in section.leaks:
        where = ", ".join(str(w) for w in g.where)
        lines.append(f"  {g.record_id} {g.type} style={g.style} render={g.render} at [{where}]")
        lines += [f"      out: {_clip(text)}" for text in g.texts]
    lines.append(f"-- {section.name}: destroyed negatives")
    for n in section.destroyed:
        lines.append(f"  {n.record_id} {n.kind} {n.text!r} at {n.where}")
        lines.append(f"      out: {_clip(n.output)}")
    return lines


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation and print (and optionally write) the report; always returns 0."""
    parser = argparse.ArgumentParser(description="Score leadgate's redaction on the dev corpus.")
    parser.add_argument("--calls", type=Path, default=DEFAULT_CALLS, help="calls JSONL")
    parser.add_argument("--leads", type=Path, default=DEFAULT_LEADS, help="leads JSONL")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="write numbers")
    parser.add_argument(
        "--list", action="store_true", help="list every leak and destroyed negative"
    )
    parser.add_argument(
        "--transcript-numbers",
        choices=("sensitive", "all"),
        default="sensitive",
        help="the owner policy's numbers mode in calls (all: strict number redaction)",
    )
    parser.add_argument(
        "--child-max-age",
        type=int,
        default=None,
        help="the owner policy's oldest child (default policy: 13; CCPA policies: 16)",
    )
    parser.add_argument(
        "--spanish",
        action="store_true",
        help="also read Spanish number words and match text accent-insensitively "
        "(for Spanish corpora such as bench/corpus_es)",
    )
    args = parser.parse_args(argv)

    calls, leads = load_jsonl(args.calls), load_jsonl(args.leads)
    calls_section, leads_section, load_seconds = run(
        calls, leads, args.transcript_numbers, args.child_max_age, args.spanish
    )

    gold = Tally(
        calls_section.gold.count + leads_section.gold.count,
        calls_section.gold.hits + leads_section.gold.hits,
    )
    negatives = Tally(
        calls_section.negatives.count + leads_section.negatives.count,
        calls_section.negatives.hits + leads_section.negatives.hits,
    )
    categories = merge_tallies(calls_section.by_category, leads_section.by_category)
    lines = [*report_lines(calls_section), "", *report_lines(leads_section), ""]
    lines += _table(
        "== by category, calls + leads",
        ("category", "gold", "leaked", "recall"),
        _gold_rows(categories, gold),
    )
    lines.append("")
    lines.append(
        f"TOTAL: gold {gold.count}, leaked {gold.hits}, recall {_recall(gold):.1%}; "
        f"negatives {negatives.count}, destroyed {negatives.hits} ({_rate(negatives):.1%})"
    )
    lines.append(f"engine load: {load_seconds:.2f} s")
    if args.list:
        lines += ["", *detail_lines(calls_section), *detail_lines(leads_section)]
    lines.append(f"LEAKS: {gold.hits}")
    print("\n".join(lines))

    if args.json is not None:
        report = {
            "calls": calls_section.to_dict(),
            "leads": leads_section.to_dict(),
            "total": {
                "gold": gold.count,
                "leaked": gold.hits,
                "recall": _recall(gold),
                "negatives": negatives.count,
                "destroyed": negatives.hits,
                "destroyed_rate": _rate(negatives),
                "by_category": {k: _gold_row(t) for k, t in sorted(categories.items())},
            },
            "timing": {"engine_load_s": round(load_seconds, 3)},
            "leaks": gold.hits,
            "destroyed": negatives.hits,
        }
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
