"""Run the registry's recognizers over one text: Presidio's analyze loop without its per-call work.

``AnalyzerEngine.analyze`` picks the recognizers for the entity list anew on every
call (one walk of the registry per entity), deep-copies every result for the
context step, and walks every result once per recognizer. On a lead's short field
that cost more than the recognizers' own matching (profile in the issue-19 note).
Here the same steps run with the same Presidio pieces, each paid only where it
can change something:

- the recognizers for an entity list are chosen once, in registry order;
- a recognizer whose every match holds more digits than the text has is not run
  (its ``fewest_digits``, read from its own patterns at start-up);
- a recognizer's own ``enhance_using_context`` runs only when its class overrides
  Presidio's (which returns the results unchanged);
- the context enhancer sees only the results whose recognizer has context words;
- the score threshold and ``EntityRecognizer.remove_duplicates`` are Presidio's.

Any Presidio-compatible recognizer in the registry runs here unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

LANGUAGE = "en"
_ID_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
_BOOSTED_KEY = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY


class RecognizerRunner:
    """The analyzer's recognizers, chosen once per entity list and run as Presidio runs them."""

    def __init__(self, analyzer: AnalyzerEngine) -> None:
        self._enhancer = analyzer.context_aware_enhancer
        self._recognizers = tuple(
            r for r in analyzer.registry.recognizers if r.supported_language == LANGUAGE
        )
        for recognizer in self._recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
        self._chosen: dict[tuple[str, ...], tuple[EntityRecognizer, ...]] = {}
        self._digit_floors = {id(r): _digit_floor(r) for r in self._recognizers}

    @property
    def recognizers(self) -> tuple[EntityRecognizer, ...]:
        """Every recognizer this runner may run, in registry order."""
        return self._recognizers

    def recognizers_for(self, entities: Sequence[str]) -> tuple[EntityRecognizer, ...]:
        """The recognizers supporting any of ``entities``, in registry order (cached)."""
        key = tuple(entities)
        chosen = self._chosen.get(key)
        if chosen is None:
            wanted = set(entities)
            chosen = self._chosen[key] = tuple(
                r for r in self._recognizers if wanted.intersection(r.supported_entities)
            )
        return chosen

    def analyze(
        self,
        text: str,
        entities: Sequence[str],
        nlp_artifacts: NlpArtifacts,
        score_threshold: float,
        digits: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's results for ``text``.

        ``digits``: how many digits the part of ``text`` a result may start in holds
        (None: not counted); a recognizer needing more is not run.
        """
        chosen = self.recognizers_for(entities)
        wanted = list(entities)
        floors = self._digit_floors
        by_recognizer: list[tuple[EntityRecognizer, list[RecognizerResult]]] = []
        for recognizer in chosen:
            if digits is not None and floors[id(recognizer)] > digits:
                continue
            found = recognizer.analyze(text=text, entities=wanted, nlp_artifacts=nlp_artifacts)
            if found:
                _name_results(found, recognizer)
                by_recognizer.append((recognizer, found))
        if not by_recognizer:
            return []
        results = self._with_context(text, by_recognizer, chosen, nlp_artifacts)
        kept = [r for r in results if r.score >= score_threshold]
        deduplicated: list[RecognizerResult] = EntityRecognizer.remove_duplicates(kept)
        for result in deduplicated:
            result.analysis_explanation = None  # type: ignore[assignment]  # as Presidio does
        return deduplicated

    def _with_context(
        self,
        text: str,
        by_recognizer: list[tuple[EntityRecognizer, list[RecognizerResult]]],
        chosen: tuple[EntityRecognizer, ...],
        nlp_artifacts: NlpArtifacts,
    ) -> list[RecognizerResult]:
        """Scores raised by context words, as ``AnalyzerEngine._enhance_using_context``."""
        results: list[RecognizerResult] = []
        for recognizer, found in by_recognizer:
            if _overrides_context_step(recognizer):
                others = [r for other, f in by_recognizer if other is not recognizer for r in f]
                found = recognizer.enhance_using_context(
                    text=text,
                    raw_recognizer_results=found,
                    other_raw_recognizer_results=others,
                    nlp_artifacts=nlp_artifacts,
                    context=None,
                )
            results.extend(found)
        with_context_words = {r.id for r in chosen if r.context}
        to_enhance = [
            r
            for r in results
            if r.recognition_metadata[_ID_KEY] in with_context_words
            and not r.recognition_metadata.get(_BOOSTED_KEY)
        ]
        if not to_enhance:
            return results
        enhanced = iter(
            self._enhancer.enhance_using_context(
                text=text,
                raw_results=to_enhance,
                nlp_artifacts=nlp_artifacts,
                recognizers=list(chosen),
                context=None,
            )
        )
        chosen_ids = {id(r) for r in to_enhance}
        return [next(enhanced) if id(r) in chosen_ids else r for r in results]


def _digit_floor(recognizer: EntityRecognizer) -> int:
    """The fewest digits any result of ``recognizer`` holds (0 unless it says)."""
    fewest = getattr(recognizer, "fewest_digits", None)
    return int(fewest()) if callable(fewest) else 0


def _name_results(results: list[RecognizerResult], recognizer: EntityRecognizer) -> None:
    """Each result's recognizer id and name in its metadata (the context step needs the id)."""
    for result in results:
        if not result.recognition_metadata:
            result.recognition_metadata = {}
        result.recognition_metadata.setdefault(_ID_KEY, recognizer.id)
        result.recognition_metadata.setdefault(_NAME_KEY, str(getattr(recognizer, "name", "")))


def _overrides_context_step(recognizer: EntityRecognizer) -> bool:
    """True when the recognizer's class has its own ``enhance_using_context``."""
    own = type(recognizer).enhance_using_context
    return own is not EntityRecognizer.enhance_using_context
