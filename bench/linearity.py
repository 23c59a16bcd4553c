r"""Linearity bench: does engine work grow with the input, or with its square.

    .venv/bin/python bench/linearity.py                  # every text, 50 KB and 200 KB
    .venv/bin/python bench/linearity.py --check          # exit 1 when a ratio is >= 6
    .venv/bin/python bench/linearity.py --only pin,ssn --small 12500 --large 50000
    .venv/bin/python bench/linearity.py --profile pin    # cProfile of the engine, --large
    .venv/bin/python bench/linearity.py --regexes        # every engine regex, one match

For each adversarial text (a unit repeated to the size: ``pin 1234 ``, coordinates,
digit runs, number words, one character, nested brackets, names, dialogue ...) it
measures, on the small and the large version,

- ``ENGINE``: ``Redactor.redact_lead`` with the text as a lead's ``notes`` field;
  ``ENGINE_names`` the same under an owner policy that removes names, places and
  phones (spaCy's tokens and NER, context words, strict numbers in calls); and
  ``ENGINE_call`` (some texts) ``Redactor.redact_transcript`` with the text cut into
  turns of about 40 characters;
- ``rec:<name>``: each recognizer of the registry alone, on the canonical text, with
  the tokens the engine would give it;
- ``pass:<name>``: the passes around them: canonical and spoken forms, the dialogue
  reader, Presidio's context enhancer (ours), the overlap resolver, the anonymizer;

and prints large / small. Four times the text should cost about four times the work
(x4); all-pairs work shows as x16. Time is CPU time of this process (other
processes on the machine do not count), the best of ``--repeat`` runs; the engine's
own objects are frozen out of the garbage collector after loading, so a collection
does not walk the lexicons. Pieces under ``--floor`` seconds on the large text are
printed but never fail ``--check``: their ratio is noise.

``--regexes`` looks at every compiled regex of the engine (module constants and the
registry's recognizers) alone: one ``match`` at the start of a 4,000 and a 16,000
character run of each of ~130 units (one character, "1-", "'s", "a ", ...), flagged
when the larger takes over 8 times as long. A regex whose single match grows with
the square of a run (``\s*`` then ``\s+``, a group backtracked into one character at
a time) shows here; a regex only ever matched at a known position over a bounded
window cannot hurt, whatever its ``finditer`` would do over a whole text.

The standing test (tests/redaction/test_linear_work.py) counts operations at small
sizes instead; this bench is the full-size check, and the one that also sees work
done inside C (a regex or a copy of the text per match), which a count cannot.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import pkgutil
import pstats
import re
import string
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import regex
from presidio_analyzer import EntityRecognizer
from presidio_analyzer.nlp_engine import NlpArtifacts

import redaction
import redaction.recognizers
from redaction import (
    Action,
    Lead,
    RedactionPolicy,
    Redactor,
    Segment,
    Speaker,
    Transcript,
)
from redaction.call_text import CallText
from redaction.dialogue import DialogueState, Turn, read_dialogue
from redaction.spoken import call_forms, spoken_turns
from redaction.text_scanner import _for_spacy, resolve_overlaps

# An owner who removes what NER and context words find, and every number a caller says.
NAMES_POLICY = RedactionPolicy(
    policy_id="names",
    actions={
        "PERSON": Action.REPLACED,
        "LOCATION": Action.REPLACED,
        "PHONE_NUMBER": Action.REPLACED,
        "EMAIL_ADDRESS": Action.REPLACED,
    },
    transcript_numbers="all",
)
SMALL = 50_000
LARGE = 200_000
RATIO_LIMIT = 6.0


def repeat(unit: str) -> Callable[[int], str]:
    """``unit`` repeated, cut to ``size`` characters."""
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _stream(items: Callable[[], Iterator[str]], sep: str = " ") -> Callable[[int], str]:
    def build(size: int) -> str:
        out: list[str] = []
        length = 0
        for item in items():
            out.append(item)
            length += len(item) + len(sep)
            if length >= size:
                break
        return sep.join(out)[:size]

    return build


def _numbers(words: bool) -> Iterator[str]:
    names = "zero one two three four five six seven eight nine".split()
    n = 0
    while True:
        n += 1
        yield " ".join(names[int(d)] for d in str(n)) if words else str(n)


def _names() -> Iterator[str]:
    first = "John Maria Wei Aisha Carlos Olga Kenji Fatima Liam Priya".split()
    last = "Smith Garcia Chen Khan Lopez Ivanova Sato Ali Murphy Patel".split()
    n = 0
    while True:
        yield f"{first[n % 10]} {last[(n // 10) % 10]}"
        n += 1


def _emails() -> Iterator[str]:
    n = 0
    while True:
        yield f"user{n}@example{n % 7}.com"
        n += 1


def _nested(size: int) -> str:
    depth = size // 4
    return ("(" * depth + '"[{' * (depth // 3) + "x" + '}]"' * (depth // 3) + ")" * depth)[:size]


# name -> builder(size). What a hostile or broken client sends.
TEXTS: dict[str, Callable[[int], str]] = {
    "pin": repeat("pin 1234 "),
    "ssn": repeat("ssn 123-45-6789 "),
    "latlong": repeat("lat 40.7128 long -74.0060 "),
    "card": repeat("card 4111 1111 1111 1111 "),
    "counting": _stream(lambda: _numbers(words=False)),
    "digit_run": repeat("1 2 3 4 5 6 7 8 9 0 "),
    "number_words": _stream(lambda: _numbers(words=True)),
    "emails": _stream(_emails),
    "names": _stream(_names, sep=", "),
    "dialogue": repeat("Agent: what's your PIN? Customer: 1234. "),
    "dob": repeat("dob 01/02/1990 "),
    "children": repeat("my son is 7 and my daughter is 9, "),
    "health": repeat("deaf. diabetes and high blood pressure, "),
    "password": repeat("username bob password hunter2 "),
    "account": repeat("acct 12345678 routing 021000021 "),
    "phones": repeat("call 212-555-0123 or 312 555 0187 "),
    "nested": _nested,
    # Spanish: digits, a spelled ID, dates and amounts, glossed into English first.
    "es_digits": repeat("cinco tres seis "),
    "es_spelled": repeat("a de árbol ocho "),
    "es_dates": repeat("el catorce de marzo de "),
    "es_amounts": repeat("cincuenta y tres con "),
    "es_dialogue": repeat("Agente: ¿me da su número de seguro social? Cliente: cinco tres seis. "),
    # Runs of one character or a short pattern: regexes that backtrack show here.
    "run_a": repeat("a"),
    "run_A": repeat("A"),
    "run_7": repeat("7"),
    "run_space": repeat("x" + " " * 63),
    "run_newline": repeat("x\n\n\n\n\n\n\n"),
    "run_dash": repeat("-"),
    "run_dot": repeat("."),
    "run_1dash": repeat("1-"),
    "run_1dot": repeat("1."),
    "run_1comma": repeat("1,"),
    "run_a1": repeat("a1"),
    "run_quote": repeat("'"),
    "run_colon": repeat("a: "),
}
# Texts also sent as a call: the unit is one turn, speakers alternating.
CALL_TEXTS = ("dialogue", "pin", "ssn", "digit_run", "number_words", "es_digits", "es_dialogue")


@dataclass
class Row:
    text: str
    piece: str
    small: float
    large: float

    @property
    def ratio(self) -> float:
        return self.large / self.small if self.small > 0 else float("inf")


def _cpu(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def as_lead(text: str) -> Lead:
    """``text`` as the one note of a lead."""
    return Lead(id="bench-1", owner="bench", fields={"notes": text})


def as_call(text: str) -> Transcript:
    """``text`` as turns of about 40 characters, speakers alternating."""
    segments: list[Segment] = []
    piece: list[str] = []
    for word in text.split(" "):
        piece.append(word)
        if sum(len(w) + 1 for w in piece) >= 40:
            speaker = Speaker.AGENT if len(segments) % 2 == 0 else Speaker.CUSTOMER
            segments.append(Segment(speaker=speaker, text=" ".join(piece)))
            piece = []
    if piece:
        segments.append(Segment(speaker=Speaker.CUSTOMER, text=" ".join(piece)))
    return Transcript(id="bench-call", owner="bench", segments=tuple(segments))


def pieces(redactor: Redactor, text: str, call: bool) -> dict[str, Callable[[], object]]:
    """Every measured piece of work on ``text``, by name (the engine first)."""
    scanner = redactor._scanner
    analyzer = scanner._analyzer
    policy = redactor.policy_for("bench")
    canon, spoken = call_forms(text)
    artifacts = scanner._artifacts(scanner._nlp.make_doc(_for_spacy(canon.text)))
    turns = [Turn(Speaker.UNSPECIFIED, 0, len(spoken.text))]
    results = analyzer.analyze(canon.text, "en", nlp_artifacts=artifacts, score_threshold=0.4)
    spans = resolve_overlaps(results, policy)
    recognizers = list(analyzer.registry.recognizers)
    names = redactor.with_policies(NAMES_POLICY)
    out: dict[str, Callable[[], object]] = {
        "ENGINE": lambda: redactor.redact_lead(as_lead(text)),
        "ENGINE_names": lambda: names.redact_lead(as_lead(text)),
        "pass:call_forms": lambda: call_forms(text),
        "pass:dialogue": lambda: read_dialogue(
            spoken.text, spoken_turns(spoken, turns), DialogueState()
        ),
        "pass:context": lambda: analyzer.context_aware_enhancer.enhance_using_context(
            canon.text, list(results), artifacts, recognizers
        ),
        "pass:resolve": lambda: resolve_overlaps(results, policy),
        "pass:anonymize": lambda: scanner.apply(canon.text, spans, policy),
    }
    if call:
        transcript = as_call(text)
        joined = CallText.join(s.text for s in transcript.segments)
        out["ENGINE_call"] = lambda: redactor.redact_transcript(transcript)
        out["pass:split_spans"] = lambda: joined.split_spans(spans)
    for recognizer in recognizers:
        out[f"rec:{type(recognizer).__name__}"] = _recognizer_run(recognizer, canon.text, artifacts)
    return out


def _recognizer_run(
    recognizer: EntityRecognizer, text: str, artifacts: NlpArtifacts
) -> Callable[[], object]:
    return lambda: recognizer.analyze(text, recognizer.supported_entities, artifacts)


def measure(
    redactor: Redactor, names: list[str], sizes: tuple[int, int], select: str, repeat: int
) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        times: dict[str, list[float]] = {}
        for size in sizes:
            text = TEXTS[name](size)
            for piece, run in pieces(redactor, text, name in CALL_TEXTS).items():
                if select and select not in piece and not piece.startswith("ENGINE"):
                    continue
                times.setdefault(piece, []).append(_cpu(run, repeat))
        found = [Row(name, piece, *pair) for piece, pair in times.items()]
        _print(name, found)
        rows += found
    return rows


def _print(name: str, rows: list[Row]) -> None:
    print(f"== {name}", flush=True)
    for row in sorted(rows, key=lambda r: -r.large):
        if row.large < 0.005 and not row.piece.startswith("ENGINE"):
            continue
        print(f"  {row.piece:42} {row.small:8.3f} s {row.large:8.3f} s  x{row.ratio:5.1f}")


def profile(redactor: Redactor, name: str, size: int) -> None:
    text = TEXTS[name](size)
    profiler = cProfile.Profile()
    profiler.enable()
    redactor.redact_lead(as_lead(text))
    if name in CALL_TEXTS:
        redactor.redact_transcript(as_call(text))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def engine_regexes(redactor: Redactor) -> list[tuple[str, regex.Pattern[str] | re.Pattern[str]]]:
    """Every compiled regex the engine holds: module constants, recognizers' attributes."""
    found: dict[int, tuple[str, regex.Pattern[str] | re.Pattern[str]]] = {}
    seen: set[int] = set()

    def add(where: str, value: object, depth: int = 0) -> None:
        if id(value) in seen or depth > 4:
            return
        seen.add(id(value))
        if isinstance(value, regex.Pattern | re.Pattern) and value.pattern:
            found.setdefault(id(value), (where, value))
        elif isinstance(value, tuple | list | frozenset | set):
            for item in value:
                add(where, item, depth + 1)
        elif isinstance(value, dict):
            for item in value.values():
                add(where, item, depth + 1)
        elif hasattr(value, "__dict__") and not callable(value):
            for key, item in vars(value).items():
                add(f"{where}.{key}", item, depth + 1)

    for package in (redaction, redaction.recognizers):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for key, value in vars(module).items():
                if isinstance(value, regex.Pattern | re.Pattern | tuple | list | dict):
                    add(f"{module.__name__}.{key}", value)
    for recognizer in redactor._scanner._analyzer.registry.recognizers:
        add(type(recognizer).__name__, recognizer, 1)
    return sorted(found.values(), key=lambda item: item[0])


REGEX_UNITS = (
    *string.printable.replace("\x0b", "").replace("\x0c", ""),
    *("1-", "a1", "1 ", "a ", "A.", "1,", "1/", "a:", "'s", "x:", "1.", "12 ", "123-", "a-"),
    *("1 1-", "a b", "Ab ", "\u00e9", "\u2019s", "1:", "1)", "(1", "$1", "1%", "ab1-", "-1"),
    *(".1", "a.b", "a'", "1 a", "Aa", "No ", "#1", "1st ", "um ", "I ", "A B ", "1/1/", "1-1 "),
)


def sweep_regexes(redactor: Redactor, small: int = 4_000, large: int = 16_000) -> int:
    """Time one match of every engine regex at the start of runs; print the superlinear."""
    flagged = 0
    for where, pattern in engine_regexes(redactor):
        for unit in REGEX_UNITS:
            times = []
            for size in (small, large):
                text = (unit * (size // len(unit) + 1))[:size]
                start = time.process_time()
                try:
                    if isinstance(pattern, regex.Pattern):
                        pattern.match(text, 0, timeout=5.0)
                    else:
                        pattern.match(text)
                except TimeoutError:
                    times.append(float("inf"))
                    break
                times.append(time.process_time() - start)
            if times[-1] == float("inf") or (times[1] > 0.005 and times[1] > 8 * times[0]):
                flagged += 1
                shown = ", ".join(f"{t:.4f} s" for t in times)
                print(f"  {where:70} {unit!r:8} {shown}", flush=True)
    print(f"{flagged} regex/run pair(s) whose one match grows faster than the run")
    return flagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--only", default="", help="comma-separated text names")
    parser.add_argument("--small", type=int, default=SMALL, help="characters")
    parser.add_argument("--large", type=int, default=LARGE, help="characters")
    parser.add_argument("--piece", default="", help="measure only pieces containing this")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measure (best kept)")
    parser.add_argument("--check", action="store_true", help=f"exit 1 on a ratio >= {RATIO_LIMIT}")
    parser.add_argument("--floor", type=float, default=0.1, help="seconds; below, never fails")
    parser.add_argument("--profile", default=None, metavar="TEXT", help="cProfile one text")
    parser.add_argument("--regexes", action="store_true", help="time every engine regex alone")
    args = parser.parse_args(argv)
    redactor = Redactor.create(policies=RedactionPolicy())
    redactor.redact_lead(as_lead("warm up: pin 1234, ssn 123-45-6789, my son is 7"))
    gc.collect()
    gc.freeze()  # the engine's own objects: loaded once, never garbage
    if args.profile:
        profile(redactor, args.profile, args.large)
        return 0
    if args.regexes:
        return 1 if sweep_regexes(redactor) and args.check else 0
    names = [n for n in args.only.split(",") if n] or list(TEXTS)
    rows = measure(redactor, names, (args.small, args.large), args.piece, args.repeat)
    bad = [r for r in rows if r.ratio >= RATIO_LIMIT and r.large >= args.floor]
    print(f"\n{len(bad)} piece(s) with a ratio >= {RATIO_LIMIT} (at least {args.floor} s):")
    for r in bad:
        print(f"  {r.text:14} {r.piece:42} {r.small:8.3f} s {r.large:8.3f} s  x{r.ratio:5.1f}")
    slowest = max((r for r in rows if r.piece.startswith("ENGINE")), key=lambda r: r.large)
    print(f"slowest engine run: {slowest.text} {slowest.piece} {slowest.large:.2f} s (large)")
    return 1 if args.check and bad else 0


if __name__ == "__main__":
    sys.exit(main())
