"""Analyze one text with Presidio, settle overlaps, and replace what the policy removes."""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import regex
from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.entities import RecognizerResult as AnonymizerResult
from presidio_anonymizer.operators import Operator, OperatorsFactory, OperatorType
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from redaction.canonical import canonical_form
from redaction.catalogue import SENSITIVE_ENTITIES
from redaction.dialogue import DialogueState, Turn, read_dialogue
from redaction.errors import DetectionError, WorkDeadlineExceeded
from redaction.mapped_text import MappedText
from redaction.operators import operator_for
from redaction.policy import RedactionPolicy
from redaction.recognizer_runner import RecognizerRunner
from redaction.recognizers.child_data import CHILD_AGE_YEARS_KEY
from redaction.span_index import SpanIndex
from redaction.spanish import Language
from redaction.spoken import call_forms, spoken_turns
from redaction.strict_numbers import STRICT_ENTITY, unproven_numbers
from redaction.types import Action, Speaker
from redaction.value_shapes import is_written_phone
from redaction.work_deadline import check_deadline

logger = logging.getLogger(__name__)

DEFAULT_SCORE_THRESHOLD = 0.4
# A value that answers the agent's question is as certain as one with its cue beside it.
DIALOGUE_SCORE = 0.9
# Metadata key marking a piece of a value said over several segments ("part" or "last").
PART_KEY = "segment_part"
_DIALOGUE_METADATA = {RecognizerResult.RECOGNIZER_NAME_KEY: "DialogueReader"}
# Below every recognizer's own score: a typed finding wins the overlap.
STRICT_SCORE = 0.45

# Found only by spaCy's NER: the expensive part, run only when a policy acts on them.
NER_ENTITIES = frozenset({"PERSON", "LOCATION"})
# Types whose recognizers need a digit in the text they read (spoken numbers reach
# them through the normalized pass, which has digits).
NUMBER_ENTITIES = frozenset(
    {
        "US_SSN",
        "CREDIT_CARD",
        "CARD_SECURITY_CODE",
        "ABA_ROUTING_NUMBER",
        "US_BANK_NUMBER",
        "IBAN_CODE",
        "US_ITIN",
        "LAST_FOUR_DIGITS",
        "PHONE_NUMBER",
        "US_DRIVER_LICENSE",
        "US_PASSPORT",
        "US_MBI",
        "HEALTH_PLAN_ID",
        "PRECISE_GEOLOCATION",
    }
)
# What a field named for ordinary PI may still hide: numbers, IDs, dates, secrets.
FIELD_ENTITIES = NUMBER_ENTITIES | {"CARD_EXPIRY", "DATE_OF_BIRTH", "ACCOUNT_SECRET"}
# What an id or a field name is read for (redaction/metadata.py): identifier numbers.
IDENTIFIER_ENTITIES = frozenset(
    {
        "US_SSN",
        "US_ITIN",
        "CREDIT_CARD",
        "US_BANK_NUMBER",
        "ABA_ROUTING_NUMBER",
        "IBAN_CODE",
        "US_DRIVER_LICENSE",
        "US_PASSPORT",
        "HEALTH_PLAN_ID",
        "US_MBI",
        "CRYPTO",
    }
)


class ScanScope(enum.Enum):
    """How much to look for in a text."""

    ALL = "all"  # free text: every recognizer, NER included
    SENSITIVE = "sensitive"  # sensitive recognizers only, no NER (spoken numbers rewritten)
    # A field named for ordinary PI (name, address, phone): numbers and IDs typed into
    # the wrong box, but no word lexicons: "Gay Street" and Ms. Parkinson are not
    # sexual orientation or health data.
    IDENTIFIER_FIELD = "identifier_field"
    # An id or a field name (metadata.py): identifier numbers only, no dates or secrets.
    IDENTIFIER = "identifier"


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
        self._runner = RecognizerRunner(analyzer)
        self._anonymizer = AnonymizerEngine()  # type: ignore[no-untyped-call]
        self._operator_factory = OperatorsFactory()  # type: ignore[no-untyped-call]
        self._operators: dict[str, Operator] = {}
        self._threshold = score_threshold
        self._supported = frozenset(analyzer.get_supported_entities("en"))
        nlp_engine = analyzer.nlp_engine
        if not isinstance(nlp_engine, SpacyNlpEngine):
            raise TypeError("TextScanner needs a spaCy NLP engine")
        self._nlp = nlp_engine.get_nlp("en")
        # Types whose Presidio recognizer scores by context words: those need tokens.
        self._context_entities = frozenset(
            entity
            for recognizer in analyzer.registry.recognizers
            if getattr(recognizer, "context", None)
            for entity in recognizer.supported_entities
        )
        self._no_tokens = self._artifacts(self._nlp.make_doc(""))
        self._prepared: dict[str, Doc] = {}
        self._wanted: dict[
            tuple[int, bool, ScanScope, bool], tuple[RedactionPolicy, list[str]]
        ] = {}

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
        turns: Sequence[Turn] = (),
        partial: bool = False,
        language: Language = Language.AUTO,
        value_start: int = 0,
    ) -> tuple[Span, ...]:
        """Decided, non-overlapping spans of ``text``; raises DetectionError on any failure.

        ``turns`` (a call's segments: speaker and span in ``text``) turn on the
        dialogue reader: values that answer what the agent asked for. ``partial``:
        the text may stop mid-value (a live call's hold ran out), so a value
        named by a cue counts even before it is complete. ``language``: what the
        caller says the text is in (``AUTO``: read from each segment's words).
        ``value_start``: where the value begins after a label read only as context
        (a field's name); a number type is looked for only when the value holds a digit.
        """
        if not text.strip():
            return ()
        try:
            return self._find(
                text, policy, scope, in_transcript, turns, partial, language, value_start
            )
        except WorkDeadlineExceeded:
            raise  # stopped on purpose: the caller's deadline, not a detection failure
        except Exception as exc:  # fail closed: nothing unredacted may leave
            raise _detection_failed(exc) from None

    def _find(
        self,
        text: str,
        policy: RedactionPolicy,
        scope: ScanScope,
        in_transcript: bool,
        turns: Sequence[Turn],
        partial: bool,
        language: Language,
        value_start: int,
    ) -> tuple[Span, ...]:
        canon, spoken = call_forms(text, turns, language)
        canon_digits = _digit_count(
            canon.text, canon.from_source(value_start) if value_start else 0
        )
        results = [
            piece
            for r in _not_phones(
                self._analyze(canon.text, policy, scope, in_transcript, canon_digits), canon.text
            )
            for piece in _pieces_of(r, canon.source_spans(r.start, r.end))
        ]
        if spoken.text != canon.text:
            # Assembly rewrites numbers and spelled IDs, never the words the lexicons read:
            # the second pass runs only the recognizers of numbers, IDs, dates and secrets.
            ids_only = scope is ScanScope.IDENTIFIER
            second = ScanScope.IDENTIFIER if ids_only else ScanScope.IDENTIFIER_FIELD
            spoken_from = spoken.from_source(value_start) if value_start else 0
            spoken_digits = _digit_count(spoken.text, spoken_from)
            found = self._analyze(spoken.text, policy, second, in_transcript, spoken_digits)
            results += [
                piece for r in found for piece in _pieces_of(r, spoken.source_spans(r.start, r.end))
            ]
        if not turns and scope is ScanScope.ALL:  # free text: the writer's own cues
            turns = (Turn(Speaker.UNSPECIFIED, 0, len(text)),)
        if turns:
            results += self._dialogue(spoken, turns, policy, partial, in_transcript)
        return resolve_overlaps(_not_phones(results, text), policy, in_transcript=in_transcript)

    def _dialogue(
        self,
        spoken: MappedText,
        turns: Sequence[Turn],
        policy: RedactionPolicy,
        partial: bool,
        in_transcript: bool,
    ) -> list[RecognizerResult]:
        """Values that answer what was asked for (and, in strict mode, every unproven number)."""
        read = spoken_turns(spoken, turns)
        found = [
            (v.entity_type, v.start, v.end, DIALOGUE_SCORE, v.years)
            for v in read_dialogue(spoken.text, read, DialogueState(partial=partial))
        ]
        if in_transcript and policy.transcript_numbers == "all":
            keep_phones = policy.action_for("PHONE_NUMBER", in_transcript=True) is Action.KEPT
            found += [
                (STRICT_ENTITY, start, end, STRICT_SCORE, 0)
                for start, end in unproven_numbers(spoken.text, read, keep_phones)
            ]
        return [
            piece
            for entity, spoken_start, spoken_end, score, years in found
            for piece in _pieces_of(
                RecognizerResult(
                    entity,
                    spoken_start,
                    spoken_end,
                    score,
                    recognition_metadata={**_DIALOGUE_METADATA, CHILD_AGE_YEARS_KEY: years},
                ),
                spoken.source_spans(spoken_start, spoken_end),
            )
        ]

    def apply(self, text: str, spans: Sequence[Span], policy: RedactionPolicy) -> str:
        """``text`` with every span not kept transformed by its policy action."""
        try:
            return self._anonymize(text, spans, policy)
        except WorkDeadlineExceeded:
            raise
        except Exception as exc:
            raise _detection_failed(exc) from None

    @contextmanager
    def prepared(
        self, texts: Sequence[str], policy: RedactionPolicy, in_transcript: bool = False
    ) -> Iterator[None]:
        """Run NER over many texts in one ``nlp.pipe`` batch; ``find`` reuses the docs inside.

        Only when the policy needs NER at all; a lead's free-text fields, or a
        batch job's chunk of leads, then cost one pipe instead of one call each.
        """
        wanted = self.wanted_entities(policy, in_transcript, ScanScope.ALL, has_digits=True)
        if NER_ENTITIES.isdisjoint(wanted) or len(texts) < 2:
            yield
            return
        previous = self._prepared  # an outer batch (a job's chunk) may hold these already
        canonical = (canonical_form(t).text for t in texts)
        missing = list(
            dict.fromkeys(
                t
                for t in canonical
                if t.strip() and t not in previous and len(t) <= NER_PIECE_CHARS
            )
        )  # a longer text is read in pieces by find(), a deadline checked between them
        fresh: dict[str, Doc] = {}
        try:
            readable = (_for_spacy(text) for text in missing)
            for text, doc in zip(missing, self._nlp.pipe(readable, batch_size=64), strict=True):
                fresh[text] = doc
                check_deadline()  # between texts (one text's NER is not interrupted)
        except WorkDeadlineExceeded:
            raise
        except Exception:  # e.g. a text over spaCy's length limit: find() fails closed on it
            fresh = {}
        self._prepared = {**previous, **fresh}
        try:
            yield
        finally:
            self._prepared = previous

    def wanted_entities(
        self, policy: RedactionPolicy, in_transcript: bool, scope: ScanScope, has_digits: bool
    ) -> list[str]:
        """What is worth looking for: types the policy does not keep, and that can be there.

        A kept type changes nothing in the output (a removed span always wins over a
        kept one), so its recognizer is not run; number types need a digit.
        """
        key = (id(policy), in_transcript, scope, has_digits)
        cached = self._wanted.get(key)
        if cached is not None and cached[0] is policy:
            return cached[1]
        candidates = {
            ScanScope.ALL: self._supported,
            ScanScope.SENSITIVE: SENSITIVE_ENTITIES,
            ScanScope.IDENTIFIER_FIELD: SENSITIVE_ENTITIES & FIELD_ENTITIES,
            ScanScope.IDENTIFIER: IDENTIFIER_ENTITIES,
        }[scope]
        wanted = sorted(
            entity
            for entity in candidates & self._supported
            if policy.action_for(entity, in_transcript=in_transcript) is not Action.KEPT
            and (has_digits or entity not in NUMBER_ENTITIES)
        )
        self._wanted[key] = (policy, wanted)
        return wanted

    def _analyze(
        self,
        text: str,
        policy: RedactionPolicy,
        scope: ScanScope,
        in_transcript: bool,
        digits: int,
    ) -> list[RecognizerResult]:
        check_deadline()
        entities = self.wanted_entities(policy, in_transcript, scope, digits > 0)
        if not entities:
            return []
        if not NER_ENTITIES.isdisjoint(entities):
            doc = self._prepared.get(text)
            artifacts = self._artifacts(doc if doc is not None else self._ner(text))
        elif not self._context_entities.isdisjoint(entities):
            artifacts = self._artifacts(self._nlp.make_doc(_for_spacy(text)))
        else:  # no recognizer here reads tokens: spare the tokenizer
            artifacts = self._no_tokens
        return self._runner.analyze(text, entities, artifacts, self._threshold, digits)

    def _ner(self, text: str) -> Doc:
        """The spaCy doc of ``text`` with NER; a long text read in pieces, a deadline between.

        NER takes about a second per 10,000 words and cannot stop inside a text, so a
        text over ``NER_PIECE_CHARS`` is cut at line or sentence ends (else blanks) and
        the pieces' docs joined back: the same text and offsets. The model reads a few
        words around each word, so a cut there changes next to nothing.
        """
        readable = _for_spacy(text)
        if len(readable) <= NER_PIECE_CHARS:
            return self._nlp(readable)
        docs = []
        for doc in self._nlp.pipe(_pieces_for_ner(readable), batch_size=1):
            docs.append(doc)
            check_deadline()
        return Doc.from_docs(docs, ensure_whitespace=False)

    def _artifacts(self, doc: Doc) -> NlpArtifacts:
        """Presidio's view of a spaCy doc; lowercase words stand in for lemmas.

        The pipeline keeps only NER (no tagger or lemmatizer to pay for), and
        context words are matched against lowercase words instead.
        """
        nlp_engine = self._analyzer.nlp_engine
        entities: list[SpacySpan] = []
        scores: list[float] = []
        if doc.ents:
            full = nlp_engine._doc_to_nlp_artifact(doc, "en")  # type: ignore[attr-defined]
            entities, scores = full.entities, full.scores
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=nlp_engine,
            language="en",
            scores=scores,
        )

    def _anonymize(self, text: str, spans: Sequence[Span], policy: RedactionPolicy) -> str:
        """``text`` with the removed spans transformed, as Presidio's anonymizer would.

        Presidio rebuilds the whole text once per span (and drops each merged span
        from a list by search): quadratic in the spans of a long text. Spans that are
        in range and do not overlap (every decided set: ``resolve_overlaps``) are
        written here in one pass with the same operators and the same merging of
        same-type neighbours separated by spaces; any other set goes to Presidio.
        """
        removed = [s for s in spans if s.action is not Action.KEPT]
        if not removed:
            return text
        # One operator per type, the last span's (Presidio takes a dict keyed by type).
        operators = {s.entity_type: operator_for(s.entity_type, s.action, policy) for s in removed}
        ordered = sorted(removed, key=lambda s: (s.start, s.end))
        if not _disjoint_within(ordered, len(text)):
            return self._presidio_anonymize(text, removed, operators)
        out: list[str] = []
        cursor = 0
        for entity_type, start, end in _merged_across_spaces(text, ordered):
            out.append(text[cursor:start])
            out.append(self._operate(entity_type, text[start:end], operators[entity_type]))
            cursor = end
        out.append(text[cursor:])
        return "".join(out)

    def _operate(self, entity_type: str, value: str, config: OperatorConfig) -> str:
        """One value through its Presidio operator, as ``AnonymizerEngine`` runs it."""
        operator = self._operators.get(config.operator_name)
        if operator is None:
            operator = self._operator_factory.create_operator_class(
                config.operator_name, OperatorType.Anonymize
            )
            self._operators[config.operator_name] = operator
        params = {**config.params, "entity_type": entity_type}
        operator.validate(params=params)
        return str(operator.operate(params=params, text=value))

    def _presidio_anonymize(
        self, text: str, removed: Sequence[Span], operators: dict[str, OperatorConfig]
    ) -> str:
        result = self._anonymizer.anonymize(
            text=text,
            analyzer_results=[
                AnonymizerResult(s.entity_type, s.start, s.end, s.score) for s in removed
            ],
            operators=operators,
        )
        return str(result.text)


def _digit_count(text: str, start: int) -> int:
    """The digits in ``text[start:]`` (any script's: the number types read them)."""
    return sum(map(str.isdigit, text[start:]))


def _disjoint_within(ordered: Sequence[Span], length: int) -> bool:
    """True when the spans (sorted by start) are non-empty, inside the text, and apart."""
    previous_end = 0
    for span in ordered:
        if span.start < previous_end or span.start >= span.end or span.end > length:
            return False
        previous_end = span.end
    return True


# Presidio's test for a gap to merge across ("$" also before a final newline: kept so).
_SPACES_ONLY = re.compile(r"^( )+$")


def _merged_across_spaces(text: str, ordered: Sequence[Span]) -> list[tuple[str, int, int]]:
    """Neighbours of one type with only spaces between them as one span (Presidio's rule)."""
    merged: list[tuple[str, int, int]] = []
    for span in ordered:
        if merged:
            entity_type, start, end = merged[-1]
            if entity_type == span.entity_type and _SPACES_ONLY.search(text[end : span.start]):
                merged[-1] = (entity_type, start, span.end)
                continue
        merged.append((span.entity_type, span.start, span.end))
    return merged


# spaCy's tokenizer takes time in the square of a word's length when its prefixes or
# suffixes repeat ("((((...", "'s's's...", "x:x:x:...", "____": 16,000 characters, 20 s).
# In a whitespace-free run longer than this, spaCy reads every character that is not a
# letter or a digit as a space: words split at their punctuation, read in linear time.
MAX_WORD_CHARS = 64
_LONG_RUN = regex.compile(rf"(?<!\S)\S{{{MAX_WORD_CHARS + 1},}}")
_NOT_ALPHANUMERIC = regex.compile(r"[^\p{L}\p{N}\p{M}\s]")


# NER reads a text longer than this in pieces about this long (see TextScanner._ner).
NER_PIECE_CHARS = 10_000
_PIECE_END = regex.compile(r"[.!?;\n][\s]*", regex.REVERSE)


def _pieces_for_ner(text: str) -> list[str]:
    """``text`` cut into pieces of at most ``NER_PIECE_CHARS``: joined, they are ``text``.

    Each piece ends after the last line or sentence end in its second half (blanks
    after it included), else after its last blank there, else where the length runs out.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > NER_PIECE_CHARS:
        end = start + NER_PIECE_CHARS
        half = start + NER_PIECE_CHARS // 2  # every piece but the last at least this long
        stop = _PIECE_END.search(text, half, end)
        if stop is not None:
            end = stop.end()
        else:
            blank = max(text.rfind(" ", half, end), text.rfind("\t", half, end))
            end = blank + 1 if blank >= half else end
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _for_spacy(text: str) -> str:
    """``text`` as spaCy reads it: runs over ``MAX_WORD_CHARS`` split at their punctuation.

    Same length, same offsets: tokens and entities map onto ``text`` unchanged
    ("first=Ana&last=Lopez&..." still shows NER a name). The recognizers read
    ``text`` itself; only NER and the context words see the change.
    """
    if not _LONG_RUN.search(text):
        return text
    return str(_LONG_RUN.sub(lambda m: _NOT_ALPHANUMERIC.sub(" ", m.group()), text))


def _pieces_of(result: RecognizerResult, spans: list[tuple[int, int]]) -> list[RecognizerResult]:
    """``result`` moved onto its source spans, one piece per segment it was said over.

    The pieces are marked, so no piece is masked or hashed alone (``_part_action``).
    """
    if len(spans) == 1:
        return [_moved(result, *spans[0])]
    last = len(spans) - 1
    return [
        _moved(result, start, end, {PART_KEY: "last" if i == last else "part"})
        for i, (start, end) in enumerate(spans)
    ]


def _moved(
    result: RecognizerResult, start: int, end: int, extra: dict[str, str] | None = None
) -> RecognizerResult:
    """``result`` at another span, with ``extra`` metadata added."""
    metadata = {**(result.recognition_metadata or {}), **(extra or {})}
    return RecognizerResult(
        result.entity_type, start, end, result.score, recognition_metadata=metadata
    )


def _detection_failed(exc: Exception) -> DetectionError:
    if isinstance(exc, DetectionError):
        return exc
    # The exception's text may quote the input: log and return its type only.
    logger.error("detection failed: %s", type(exc).__name__)
    return DetectionError(f"detection failed ({type(exc).__name__})")


def _part_action(action: Action, part: str | None) -> Action:
    """A piece of a value cut across segments is labelled, not masked or hashed alone.

    A masked value's last piece keeps the value's last characters, as the whole would.
    """
    if part is None or action in (Action.KEPT, Action.REPLACED, Action.REMOVED):
        return action
    if action is Action.MASKED and part == "last":
        return action
    return Action.REPLACED


# Identifiers a recognizer may take by a cue alone, which a phone number written as one
# never is ("lic# 70780738, alt # 210 339 1929": the second is a phone).
CUED_IDENTIFIERS = frozenset(
    {"US_PASSPORT", "US_DRIVER_LICENSE", "US_BANK_NUMBER", "HEALTH_PLAN_ID", "NUMBER"}
)


# An identifier's own label right before a value ("acct 312-555-0187", "DL# ..."): the
# value is what the label says, whatever it looks like.
_ID_LABEL_BEFORE = regex.compile(
    r"(?i)\b(?:acc(?:oun)?t|acct|checking|savings|routing|licen[cs]e|lic|dl|passport|member"
    r"|subscriber|policy|medicaid|id)\b[ \t]*(?:number|num|no\.?|id)?[ \t]*[#:=]?[ \t]*\Z"
)


def _not_phones(results: list[RecognizerResult], text: str) -> list[RecognizerResult]:
    """Drop a cued identifier whose text is a phone number written as one.

    Unless the identifier's own label stands right before it: "acct 312-555-0187" is an
    account, "lic# 70780738, alt # 210 339 1929" a license and then a phone.
    """
    return [
        r
        for r in results
        if r.entity_type not in CUED_IDENTIFIERS
        or not is_written_phone(text[_phone_start(text, r.start) : r.end])
        or _ID_LABEL_BEFORE.search(text, max(0, r.start - 40), _phone_start(text, r.start))
    ]


def _phone_start(text: str, start: int) -> int:
    """Where a phone number begins: a "+" or "(" right before the digits belongs to it."""
    return start - 1 if start and text[start - 1] in "+(" else start


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
        action = _part_action(
            policy.action_for(r.entity_type, in_transcript=in_transcript),
            (r.recognition_metadata or {}).get(PART_KEY),
        )
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
    """Kept spans touching no removed span, nor an earlier kept one (in start order)."""
    result: list[Span] = []
    removed_index = SpanIndex((r.start, r.end) for r in removed)
    for span in kept:
        if removed_index.overlaps(span.start, span.end):
            continue
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result
