"""The RecognizerRunner finds what Presidio's AnalyzerEngine finds, on the same registry.

Both run the real registry and spaCy model over Presidio's own recognizer test
sentences and a table of lead and call texts, with the same NLP artifacts; the
results (type, span, score) must be the same set.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.analyzer import build_analyzer, build_nlp_engine
from redaction.recognizer_runner import RecognizerRunner
from redaction.registry import build_registry

SENTENCES = Path(__file__).resolve().parents[2] / "bench" / "peers" / "presidio_sentences.jsonl"
THRESHOLD = 0.4
OWN_TEXTS = (
    "ssn 536-22-8174, card 4111 1111 1111 1111 exp 12/27 cvv 123",
    "call me at (415) 555-0132 or ana.lopez@example.com, routing 021000021 acct 12345678",
    "phone 212 555 0134, email me at bo@example.org",
    "Patient has type 2 diabetes, takes metformin; her son is 7 years old",
    "Maria Lopez lives at 12 Oak St, Springfield; she is Catholic and a union member",
    "IBAN DE89 3704 0044 0532 0130 00, wallet 1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    "my social is five three six two two eight one seven four",
    "order 12345, no sensitive data here at all",
)


def _sentences() -> list[str]:
    with SENTENCES.open() as lines:
        rows = [json.loads(line) for line in lines if line.strip() and line[0] != "#"]
    return [row["text"] for row in rows]


@pytest.fixture(scope="module")
def analyzer() -> AnalyzerEngine:
    return build_analyzer(build_registry(), build_nlp_engine())


def _artifacts(analyzer: AnalyzerEngine, text: str) -> NlpArtifacts:
    """spaCy's artifacts with lowercase words for lemmas, as the engine builds them.

    The engine's model has no lemmatizer; context words (a phone's "call") are read
    from lowercase words, so the context step has something to raise.
    """
    full = analyzer.nlp_engine.process_text(text, "en")
    return NlpArtifacts(
        entities=full.entities,
        tokens=full.tokens,
        tokens_indices=full.tokens_indices,
        lemmas=[token.lower_ for token in full.tokens],
        nlp_engine=analyzer.nlp_engine,
        language="en",
        scores=full.scores,
    )


def _seen(results: Sequence[RecognizerResult]) -> set[tuple[str, int, int, float]]:
    """What a result says; not which recognizer said it.

    Presidio keeps its recognizers in a set, so of two recognizers that find the same
    span with the same score, which one's result survives changes from run to run.
    """
    return {(r.entity_type, r.start, r.end, round(r.score, 6)) for r in results}


@pytest.mark.parametrize("entities", ["all", "numbers"])
def test_the_runner_finds_what_presidio_finds(analyzer: AnalyzerEngine, entities: str) -> None:
    runner = RecognizerRunner(analyzer)
    wanted = sorted(analyzer.get_supported_entities("en"))
    if entities == "numbers":
        wanted = [e for e in wanted if e in {"US_SSN", "CREDIT_CARD", "PHONE_NUMBER", "IBAN_CODE"}]
    differing = []
    for text in (*OWN_TEXTS, *_sentences()):
        artifacts = _artifacts(analyzer, text)
        expected = analyzer.analyze(
            text, "en", entities=wanted, score_threshold=THRESHOLD, nlp_artifacts=artifacts
        )
        got = runner.analyze(text, wanted, artifacts, THRESHOLD)
        if _seen(got) != _seen(expected):
            differing.append(text)
    assert not differing, differing[:5]
    assert runner.recognizers_for(wanted) is runner.recognizers_for(wanted)  # chosen once


def test_a_recognizer_ruled_out_is_not_run(analyzer: AnalyzerEngine) -> None:
    runner = RecognizerRunner(analyzer)
    text = "ssn 536-22-8174"
    artifacts = _artifacts(analyzer, text)
    found = runner.analyze(text, ["US_SSN"], artifacts, THRESHOLD)
    assert [r.entity_type for r in found] == ["US_SSN"]
    # Nine digits are there; with eight counted, no SSN pattern can match, so none runs.
    assert runner.analyze(text, ["US_SSN"], artifacts, THRESHOLD, digits=9)
    assert runner.analyze(text, ["US_SSN"], artifacts, THRESHOLD, digits=8) == []
