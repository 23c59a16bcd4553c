r"""Generate ``evaluator_typed.jsonl`` and ``evaluator_spoken.jsonl`` with presidio-evaluator.

    .venv/bin/pip install --no-deps presidio-evaluator==0.3.2 && .venv/bin/pip install pandas
    .venv/bin/python bench/peers/generate_evaluator.py [--seed 42] [--out-dir bench/peers]

Only regeneration needs presidio-evaluator (and pandas); bench/peers/evaluator.py
reads the committed JSONL files with leadgate's own dependencies.

Sentences
=========
``PresidioSentenceFaker`` (locale en_US, lower_case_ratio 0.05, its bundled
fake-person records and entity providers, without ``HospitalProvider``, which
would try to download a list) fills templates. The templates are the ones
presidio-evaluator bundles (``raw_data/templates.txt``; the literal ``\n`` in
them becomes a newline), plus ``evaluator_added_templates.txt`` for types it has
no template for (US bank account, ABA routing, US passport, ITIN; a small
provider here makes 8-17 digit bank account numbers; another makes Faker's
``date_time`` end on a fixed date, not today, so a seed gives the same files).
Each group below is drawn from the templates holding its type, with its own
seed (``--seed`` + index):

    CREDIT_CARD 200, IBAN_CODE 100, US_SSN 100, US_DRIVER_LICENSE 100,
    DATE_OF_BIRTH 100, DATE_TIME 50 (bundled templates);
    US_BANK_NUMBER 100, US_PASSPORT 100, US_ITIN 100, ABA_ROUTING_NUMBER 50 (added);
    contact 500 (bundled templates with a person, phone, email or address and
    none of the types above).

Entity types are presidio-evaluator's, except ``date_of_birth`` (DATE_OF_BIRTH,
not DATE_TIME), ``year`` and ``day_of_week`` (YEAR and DAY_OF_WEEK, not
DATE_TIME: DATE_TIME is then only a full date and time) and the added providers
(US_BANK_NUMBER, ABA_ROUTING_NUMBER, US_PASSPORT, US_ITIN).

Spoken set
==========
The same sentences with each sensitive value rewritten the way a speech
recognizer writes it (seeded per sentence): digits as words ("five three six"),
some pairs as numbers ("thirty seven", "oh five"), "oh" for most zeros, "double
five" for some repeated digits, an occasional "uh" between digit groups,
letters of IDs and IBANs as capitals ("G B two two ..."), dates spoken ("twelve
twenty five nineteen ninety", "december twenty fifth nineteen ninety"). For an
ID the spoken form is checked to spell the same digits under bench/eval.py's
``normalize_digits``. Spans are moved to the new text; a rewritten span has
``"spoken": true``.

Row format (both files; ``#`` lines are comments)::

    {"id": "s0001", "group": "CREDIT_CARD", "template": "bundled:12",
     "text": "...", "spans": [{"start": 0, "end": 5, "type": "PERSON"}, ...]}
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent.parent))

from bench.eval import normalize_digits  # noqa: E402  (needs the repository root on sys.path)

ADDED_TEMPLATES = HERE / "evaluator_added_templates.txt"

# Group name -> (template key, size, template source).
GROUPS: tuple[tuple[str, str, int, str], ...] = (
    ("CREDIT_CARD", "credit_card_number", 200, "bundled"),
    ("IBAN_CODE", "iban", 100, "bundled"),
    ("US_SSN", "ssn", 100, "bundled"),
    ("US_DRIVER_LICENSE", "us_driver_license", 100, "bundled"),
    ("DATE_OF_BIRTH", "date_of_birth", 100, "bundled"),
    ("DATE_TIME", "date_time", 50, "bundled"),
    ("US_BANK_NUMBER", "us_bank_number", 100, "added"),
    ("US_PASSPORT", "passport_number", 100, "added"),
    ("US_ITIN", "itin", 100, "added"),
    ("ABA_ROUTING_NUMBER", "aba", 50, "added"),
)
CONTACT_GROUP = ("contact", 500)
CONTACT_KEYS = frozenset(
    {
        "person", "name", "name_female", "name_male", "first_name", "first_name_male",
        "first_name_female", "first_name_nonbinary", "last_name", "last_name_male",
        "last_name_female", "phone_number", "email", "address", "street_name",
        "building_number", "secondary_address", "city", "country", "state", "state_abbr",
        "zipcode", "postcode",
    }
)  # fmt: skip
SENSITIVE_KEYS = frozenset(key for _, key, _, _ in GROUPS)

SPOKEN_TYPES = frozenset(
    {
        "CREDIT_CARD", "US_SSN", "IBAN_CODE", "US_DRIVER_LICENSE", "US_PASSPORT", "US_ITIN",
        "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "DATE_OF_BIRTH", "DATE_TIME",
    }
)  # fmt: skip
DATE_TYPES = frozenset({"DATE_OF_BIRTH", "DATE_TIME"})

_KEY = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")


# ============================================================================ templates


@dataclass(frozen=True)
class Template:
    """One template line and where it came from."""

    text: str
    ref: str  # "bundled:LINE" or "added:LINE"

    @property
    def keys(self) -> frozenset[str]:
        """The lowercase ``{{keys}}`` it holds."""
        text = self.text.replace("<", "{{").replace(">", "}}")
        return frozenset(k.lower() for k in _KEY.findall(text))


def load_templates(path: Path, source: str) -> list[Template]:
    """Non-blank lines of a template file, a literal backslash-n made a newline."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        Template(line.strip().replace("\\n", "\n"), f"{source}:{i}")
        for i, line in enumerate(lines, start=1)
        if line.strip()
    ]


# ============================================================================ generation


def make_faker(templates: Sequence[Template], seed: int) -> Any:
    """A PresidioSentenceFaker over ``templates`` with our extra providers and type names."""
    from faker.providers import BaseProvider
    from presidio_evaluator.data_generator import (  # type: ignore[import-untyped, unused-ignore]
        PresidioSentenceFaker,
        presidio_additional_entity_providers,
    )
    from presidio_evaluator.data_generator.faker_extensions import (  # type: ignore[import-untyped, unused-ignore]
        HospitalProvider,
    )

    class UsBankNumberProvider(BaseProvider):
        """A US bank account number: 8 to 17 digits."""

        def us_bank_number(self) -> str:
            return "".join(str(self.random_digit()) for _ in range(self.random_int(8, 17)))

    class FixedDateTimeProvider(BaseProvider):
        """Faker's ``date_time`` between fixed bounds (Faker's own ends at "now")."""

        def date_time(self) -> datetime:
            return self.generator.date_time_between(  # type: ignore[no-any-return]
                start_date=datetime(1970, 1, 1), end_date=datetime(2025, 12, 31)
            )

    providers = [p for p in presidio_additional_entity_providers if p is not HospitalProvider]
    mapping = dict(PresidioSentenceFaker.ENTITY_TYPE_MAPPING)
    mapping.update(
        date_of_birth="DATE_OF_BIRTH",
        us_bank_number="US_BANK_NUMBER",
        aba="ABA_ROUTING_NUMBER",
        passport_number="US_PASSPORT",
        itin="US_ITIN",
        year="YEAR",
        day_of_week="DAY_OF_WEEK",
    )
    # Loading the fake-person records draws from ``random`` before the faker seeds it.
    PresidioSentenceFaker.seed(seed)
    return PresidioSentenceFaker(
        locale="en_US",
        lower_case_ratio=0.05,
        sentence_templates=[t.text for t in templates],
        entity_providers=[*providers, UsBankNumberProvider, FixedDateTimeProvider],
        entity_type_mapping=mapping,
        random_seed=seed,
    )


def generate(seed: int) -> list[dict[str, Any]]:
    """Every typed row, group by group."""
    from presidio_evaluator.data_generator import (  # type: ignore[import-untyped, unused-ignore]
        presidio_templates_file_path,
    )

    bundled = load_templates(Path(presidio_templates_file_path), "bundled")
    added = load_templates(ADDED_TEMPLATES, "added")
    plan: list[tuple[str, list[Template], int]] = []
    for group, key, size, source in GROUPS:
        pool = bundled if source == "bundled" else added
        plan.append((group, [t for t in pool if key in t.keys], size))
    contact = [t for t in bundled if t.keys & CONTACT_KEYS and not t.keys & SENSITIVE_KEYS]
    plan.append((CONTACT_GROUP[0], contact, CONTACT_GROUP[1]))

    rows: list[dict[str, Any]] = []
    for index, (group, templates, size) in enumerate(plan):
        if not templates:
            raise LookupError(f"no template for {group}")
        faker = make_faker(templates, seed + index)
        for sample in faker.generate_new_fake_sentences(num_samples=size):
            spans = sorted(
                (
                    {"start": s.start_position, "end": s.end_position, "type": s.entity_type}
                    for s in sample.spans
                ),
                key=lambda s: (s["start"], s["end"]),
            )
            rows.append(
                {
                    "id": f"s{len(rows) + 1:04d}",
                    "group": group,
                    "template": templates[sample.template_id].ref,
                    "text": sample.full_text,
                    "spans": spans,
                }
            )
    return rows


# ============================================================================ spoken rewrite

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
ORDINALS = (
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
ORDINAL_TENS = {2: "twenty", 3: "thirty"}


def digit_word(d: str, rng: random.Random) -> str:
    """One digit; a zero is "oh" most of the time."""
    if d == "0":
        return "oh" if rng.random() < 0.7 else "zero"
    return ONES[int(d)]


def two_digits(pair: str, rng: random.Random) -> list[str]:
    """Two digits as a speaker says them: thirty seven, oh five, fourteen, forty."""
    tens, unit = int(pair[0]), int(pair[1])
    if tens == 0:
        return [digit_word("0", rng), ONES[unit]]
    if tens == 1:
        return [TEENS[unit]]
    return [TENS[tens]] if unit == 0 else [TENS[tens], ONES[unit]]


def say_group(digits: str, rng: random.Random) -> list[str]:
    """A digit group digit by digit (some "double"s) or, sometimes, in pairs."""
    if len(digits) >= 2 and len(digits) % 2 == 0 and rng.random() < 0.3:
        return [w for i in range(0, len(digits), 2) for w in two_digits(digits[i : i + 2], rng)]
    words: list[str] = []
    i = 0
    while i < len(digits):
        if i + 1 < len(digits) and digits[i] == digits[i + 1] and rng.random() < 0.5:
            words += ["double", digit_word(digits[i], rng)]
            i += 2
        else:
            words.append(digit_word(digits[i], rng))
            i += 1
    return words


def digit_groups(digits: str, entity_type: str) -> list[str]:
    """How a person reads the digits out: 3-2-4 for SSN/ITIN, fours for cards, threes else."""
    if entity_type in ("US_SSN", "US_ITIN") and len(digits) == 9:
        return [digits[:3], digits[3:5], digits[5:]]
    size = 4 if entity_type in ("CREDIT_CARD", "IBAN_CODE", "US_BANK_NUMBER") else 3
    return [digits[i : i + size] for i in range(0, len(digits), size)]


def say_id(value: str, entity_type: str, rng: random.Random) -> str:
    """An ID spoken: letters as capitals, digit runs as words, groups maybe split by "uh"."""
    words: list[str] = []
    for run in re.findall(r"[A-Za-z]+|\d+", value):
        if run.isalpha():
            words += list(run.upper())
            continue
        for g, group in enumerate(digit_groups(run, entity_type)):
            if g and rng.random() < 0.15:
                words.append("uh")
            words += say_group(group, rng)
    return " ".join(words)


def say_year(year: int, rng: random.Random) -> list[str]:
    """1990 -> nineteen ninety, 1905 -> nineteen oh five, 2007 -> two thousand seven."""
    if 2000 <= year < 2010:
        return ["two", "thousand"] + ([ONES[year % 10]] if year % 10 else [])
    high, low = divmod(year, 100)
    head = two_digits(f"{high:02d}", rng)
    if low == 0:
        return [*head, "hundred"]
    return head + (["oh", ONES[low]] if low < 10 else two_digits(f"{low:02d}", rng))


def say_ordinal(day: int) -> str:
    """5 -> fifth, 23 -> twenty third, 30 -> thirtieth."""
    if day <= 20:
        return ORDINALS[day]
    if day % 10 == 0:
        return "thirtieth"
    return f"{ORDINAL_TENS[day // 10]} {ORDINALS[day % 10]}"


def say_cardinal(n: int) -> str:
    """1-31 as words."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    return " ".join([TENS[n // 10]] + ([ONES[n % 10]] if n % 10 else []))


def parse_date(value: str) -> datetime | None:
    """Faker's date formats: "12/25/1990", "2018-03-27 12:18:06.122170"."""
    for fmt in ("%m/%d/%Y", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    return None


def say_date(value: str, entity_type: str, rng: random.Random) -> str | None:
    """A date spoken one of three ways; a time of day is added for DATE_TIME."""
    when = parse_date(value)
    if when is None:
        return None
    style = rng.choice(("numeric", "ordinal", "cardinal"))
    if style == "numeric":
        words = [say_cardinal(when.month), say_cardinal(when.day)]
    elif style == "ordinal":
        words = [MONTHS[when.month - 1], say_ordinal(when.day)]
    else:
        words = [MONTHS[when.month - 1], say_cardinal(when.day)]
    words += say_year(when.year, rng)
    if entity_type == "DATE_TIME" and ":" in value:
        hour = when.hour % 12 or 12
        minute = "o'clock" if when.minute == 0 else " ".join(two_digits(f"{when.minute:02d}", rng))
        words += ["at", say_cardinal(hour), minute]
    return " ".join(words)


def speak(value: str, entity_type: str, rng: random.Random) -> str | None:
    """The spoken form of one value, or None to keep it typed."""
    if entity_type in DATE_TYPES:
        return say_date(value, entity_type, rng)
    digits = normalize_digits(value)
    for _ in range(20):
        spoken = say_id(value, entity_type, rng)
        if normalize_digits(spoken) == digits:
            return spoken
    return None  # pragma: no cover  (a value no rendering spells back)


def spoken_row(row: Mapping[str, Any], seed: int) -> dict[str, Any]:
    """``row`` with its sensitive values spoken and its spans moved."""
    rng = random.Random(f"{seed}:{row['id']}")
    text = str(row["text"])
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    shift = 0
    for span in row["spans"]:  # sorted, not overlapping
        start, end = int(span["start"]), int(span["end"])
        spoken = speak(text[start:end], span["type"], rng) if span["type"] in SPOKEN_TYPES else None
        if spoken is None:
            spans.append({**span, "start": start + shift, "end": end + shift})
            continue
        out.append(text[pos:start])
        out.append(spoken)
        new_start = start + shift
        shift += len(spoken) - (end - start)
        spans.append({**span, "start": new_start, "end": end + shift, "spoken": True})
        pos = end
    out.append(text[pos:])
    return {**row, "text": "".join(out), "spans": spans}


# ============================================================================ main


def write_jsonl(path: Path, header: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
    """``#`` header lines, then one JSON object a line."""
    with path.open("w", encoding="utf-8") as fh:
        for line in header:
            fh.write(f"# {line}\n")
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def check_spans(rows: Sequence[Mapping[str, Any]]) -> None:
    """Spans are in range and do not overlap."""
    for row in rows:
        last = 0
        for span in row["spans"]:
            if not 0 <= span["start"] < span["end"] <= len(row["text"]):
                raise ValueError(f"{row['id']}: span out of range {span}")
            if span["start"] < last:
                raise ValueError(f"{row['id']}: overlapping spans")
            last = span["end"]


def main(argv: Sequence[str] | None = None) -> int:
    """Generate both files and print counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)

    typed = generate(args.seed)
    spoken = [spoken_row(row, args.seed) for row in typed]
    check_spans(typed)
    check_spans(spoken)
    version = metadata.version("presidio-evaluator")
    header = [
        f"Synthetic sentences from presidio-evaluator {version} (MIT license,",
        "microsoft/presidio-research): its PresidioSentenceFaker, bundled templates and",
        "fake-person records (FakeNameGenerator.com data, CC BY-SA 3.0 US), plus",
        f"bench/peers/evaluator_added_templates.txt. Seed {args.seed}. Regenerate with",
        "bench/peers/generate_evaluator.py (see bench/peers/README.md).",
    ]
    write_jsonl(args.out_dir / "evaluator_typed.jsonl", header, typed)
    write_jsonl(
        args.out_dir / "evaluator_spoken.jsonl",
        [*header, "Spoken set: sensitive values rewritten as a speech recognizer writes them."],
        spoken,
    )
    counts = Counter(s["type"] for row in typed for s in row["spans"])
    rewritten = sum(1 for row in spoken for s in row["spans"] if s.get("spoken"))
    print(f"{len(typed)} sentences; {rewritten} values spoken; spans by type:")
    for entity, n in counts.most_common():
        print(f"  {entity:20} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
