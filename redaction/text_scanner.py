"""Analyze one text with Presidio, settle overlaps, and replace what the policy removes."""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import RecognizerResult as AnonymizerResult

from redaction.catalogue import SENSITIVE_ENTITIES
from redaction.errors import DetectionError
from redaction.normalize import normalize_numbers
from redaction.operators import operator_for
from redaction.policy import RedactionPolicy
from redaction.recognizers.child_data import CHILD_AGE_YEARS_KEY
from redaction.types import Action

logger = logging.getLogger(__name__)

DEFAULT_SCORE_THRESHOLD = 0.4


class ScanScope(enum.Enum):
    """How much to look for in a text."""

    ALL = "all"  # free text: every recognizer, NER included
    SENSITIVE = (
        "sensitive"  # a field already known to be ordinary PI: sensitive recognizers, no NER
    )


@dataclass(frozen=True)
class Span:
    """One decided entity in the original text."""

    entity_type: str
    start: int
    end: int
    score: float
    action: Action


@dataclass(frozen=True)
class ScannedText:
    """The redacted text and the decided spans (indices into the original)."""

    text: str
    spans: tuple[Span, ...]


class TextScanner:
    """Presidio analyzer + anonymizer for one text at a time; fails closed."""

    def __init__(
        self, analyzer: AnalyzerEngine, score_threshold: float = DEFAULT_SCORE_THRESHOLD
    ) -> None:
        self._analyzer = analyzer
        self._anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]
        self._threshold = score_threshold
        self._sensitive_entities = sorted(
            set(analyzer.get_supported_entities("en")) & SENSITIVE_ENTITIES
        )
        nlp_engine = analyzer.nlp_engine
        if not isinstance(nlp_engine, SpacyNlpEngine):
            raise TypeError("TextScanner needs a spaCy NLP engine")
        self._tokenizer = nlp_engine.get_nlp("en")

    def scan(
        self, text: str, policy: RedactionPolicy, scope: ScanScope = ScanScope.ALL
    ) -> ScannedText:
        """Find entities, decide each by policy, and transform the ones not kept."""
        spans = self.find(text, policy, scope)
        return ScannedText(self.apply(text, spans, policy), spans)

    def find(
        self,
        text: str,
        policy: RedactionPolicy,
        scope: ScanScope = ScanScope.ALL,
        *,
        in_transcript: bool = False,
    ) -> tuple[Span, ...]:
        """Decided, non-overlapping spans of ``text``; raises DetectionError on any failure."""
        if not text.strip():
            return ()
        try:
            results = self._analyze(text, scope) + self._analyze_spoken_numbers(text)
            return resolve_overlaps(results, policy, in_transcript=in_transcript)
        except Exception as exc:  # fail closed: nothing unredacted may leave
            raise _detection_failed(exc) from None

    def apply(self, text: str, spans: Sequence[Span], policy: RedactionPolicy) -> str:
        """``text`` with every span not kept transformed by its policy action."""
        try:
            return self._anonymize(text, spans, policy)
        except Exception as exc:
            raise _detection_failed(exc) from None

    def _analyze(self, text: str, scope: ScanScope) -> list[RecognizerResult]:
        if scope is ScanScope.ALL:
            return list(self._analyzer.analyze(text, "en", score_threshold=self._threshold))
        return list(
            self._analyzer.analyze(
                text,
                "en",
                entities=self._sensitive_entities,
                score_threshold=self._threshold,
                nlp_artifacts=self._tokens_only(text),
            )
        )

    def _analyze_spoken_numbers(self, text: str) -> list[RecognizerResult]:
        """Sensitive recognizers over the text with spoken/split numbers rewritten as digits.

        Results are mapped back onto the original words (one piece per segment
        a number spans). The written form was analyzed already; this pass adds
        what only the normalized form shows.
        """
        normalized = normalize_numbers(text)
        if not normalized.changed:
            return []
        found = self._analyze(normalized.text, ScanScope.SENSITIVE)
        return [
            RecognizerResult(
                r.entity_type, start, end, r.score, recognition_metadata=r.recognition_metadata
            )
            for r in found
            for start, end in normalized.original_spans(r.start, r.end)
        ]

    def _tokens_only(self, text: str) -> NlpArtifacts:
        """Artifacts from the tokenizer alone: recognizers that need no NER run without it."""
        doc = self._tokenizer.make_doc(text)
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self._analyzer.nlp_engine,
            language="en",
        )

    def _anonymize(self, text: str, spans: Sequence[Span], policy: RedactionPolicy) -> str:
        removed = [s for s in spans if s.action is not Action.KEPT]
        if not removed:
            return text
        result = self._anonymizer.anonymize(
            text=text,
            analyzer_results=[
                AnonymizerResult(s.entity_type, s.start, s.end, s.score) for s in removed
            ],
            operators={
                s.entity_type: operator_for(s.entity_type, s.action, policy) for s in removed
            },
        )
        return str(result.text)


def _detection_failed(exc: Exception) -> DetectionError:
    if isinstance(exc, DetectionError):
        return exc
    # The exception's text may quote the input: log and return its type only.
    logger.error("detection failed: %s", type(exc).__name__)
    return DetectionError(f"detection failed ({type(exc).__name__})")


def resolve_overlaps(
    results: Sequence[RecognizerResult], policy: RedactionPolicy, *, in_transcript: bool = False
) -> tuple[Span, ...]:
    """Non-overlapping decided spans, in text order.

    Removed entities win over kept ones. Overlapping removed entities merge into
    one span covering both (nothing of either survives), typed by the stronger.
    A kept entity that touches a removed one is dropped from the findings.
    """
    removed: list[Span] = []
    kept: list[Span] = []
    for r in sorted(results, key=lambda r: (r.start, -r.score, -(r.end - r.start))):
        if (r.recognition_metadata or {}).get(CHILD_AGE_YEARS_KEY, 0) > policy.child_max_age:
            continue
        action = policy.action_for(r.entity_type, in_transcript=in_transcript)
        span = Span(r.entity_type, r.start, r.end, r.score, action)
        (kept if span.action is Action.KEPT else removed).append(span)
    merged: list[Span] = []
    for span in removed:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            winner = last if last.score >= span.score else span
            merged[-1] = Span(
                winner.entity_type,
                last.start,
                max(last.end, span.end),
                winner.score,
                winner.action,
            )
        else:
            merged.append(span)
    free_kept = _without_overlaps(kept, merged)
    return tuple(sorted(merged + free_kept, key=lambda s: s.start))


def _without_overlaps(kept: list[Span], removed: list[Span]) -> list[Span]:
    result: list[Span] = []
    for span in kept:
        if any(span.start < r.end and r.start < span.end for r in removed):
            continue
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result
