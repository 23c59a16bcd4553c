"""Health data (conditions, medications, treatments) in lead notes and call transcripts.

Health data is US sensitive PI. Callers name it in lay words ("my sugar",
"a bad heart", "the doctor has me on metformin") and speech recognition writes
it lowercase without punctuation, so this is a lexicon matcher, not NER. The
lexicon lives in ``health_lexicon``; this module compiles it once into a single
trie-shaped regex, so each text is scanned once whatever the lexicon's size.

Words with an everyday sense ("pressure", "stroke", "cold") count only with a
cue phrase nearby, looked for on both sides because speakers often put the cue
after the term ("metformin, that's what the doctor has me on").

Spanish, French and German notes ("tiene diabetes y presión alta", "il est
sourd", "Kunde ist schwerhörig") are matched from ``foreign_lexicon``: its
terms also match typed without accents, and its ambiguous words ("azúcar",
"presión", "Krebs") count near a cue of those languages ("tiene", "souffre
de", "leidet an"). English cues never make a foreign-only word count
(Spanish "gripe" is the flu, English "a gripe" a complaint); a spelling both
lexicons hold ("diabetes", "depression") takes the cues of both. Foreign
words spelled like an English word or a surname ("operation", "tension",
"Parkinson") count only beside a cue of their language.

Speech recognition also misspells drug names ("zarelto", "met forman",
"lisinapril"), so a second, fuzzy pass compares the words next to a
medication cue ("put me on", "i take", "mg") with the drug names. It runs
only near such a cue, and never on common English words (the lexicon's
``FUZZY_MEDICATION_EXCLUSIONS``), because "station" is one letter from
"statin" and "hearing" two from "heparin".
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from redaction.recognizers import foreign_lexicon as foreign
from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, all_matches
from redaction.recognizers._fragment import Fragments
from redaction.recognizers._trie import (
    collector_paused,
    compile_trie,
    trie_pattern,
    typed_spellings,
)
from redaction.recognizers.health_lexicon import (
    AMBIGUOUS_TERMS,
    BODY_PART_COMPLAINTS,
    BODY_PARTS,
    CARE_AND_TREATMENT,
    CONDITIONS,
    EVERYDAY_PAIRS,
    FUZZY_MEDICATION_EXCLUSIONS,
    HEALTH_NUMBER_PATTERNS,
    INJURY_WORDS,
    MEDICATIONS,
    NON_HEALTH_PHRASES,
    THING_AFTER_BODY,
    TREATMENTS,
    listed_conditions,
)
from redaction.recognizers.icd10_lexicon import ICD10_CONDITIONS
from redaction.span_index import SpanIndex

HEALTH_CONDITION = "HEALTH_CONDITION"
MEDICATION = "MEDICATION"
MEDICAL_TREATMENT = "MEDICAL_TREATMENT"

_FLAGS = regex.IGNORECASE | regex.UNICODE
_CURLY = "\u2019"
# Lexicon words are joined by one space; text may use spaces, line breaks or hyphens.
_SEPARATOR = r"[\s\-]+"
# "crohn's" in the lexicon also matches "crohns" and a curly apostrophe.
_APOSTROPHE = r"['\u2019]?"

# Cue phrases, checked in a window on both sides of a term. Contractions take
# an optional apostrophe because speech recognition often drops it ("im on").
_CUE = r"""
\b(?:
    diagnos\w*
  | dx | dx['\u2019]?d | hx | h/o | rx
  | (?:i|i['\u2019]?ve|he['\u2019]?s|she['\u2019]?s
      |we['\u2019]?ve|they['\u2019]?ve|you['\u2019]?ve)\s+got
  | has | have | had
  | suffer(?:s|ed|ing)?
  | i\s+take | takes | taking | took
  | prescri(?:bed|ption|ptions|be)
  | on\s+(?:medication|medications|meds|insulin)
  | (?:i['\u2019]?m|he['\u2019]?s|she['\u2019]?s|we['\u2019]?re|they['\u2019]?re
      |been|still|me|him|her|them)\s+on
  | doctors? | physician | pcp | specialist | nurse
  | (?:cardio|onco|endocrino|neuro|pulmono|nephro|rheumato|gastroentero|psycho)logist
  | psychiatrist | therapist | ob\s?gyn
  | treat(?:ed|ing)\s+for | treatments? | history\s+of
  | struggl(?:e|es|ed|ing)\s+with | battl(?:ed|ing) | living\s+with
  | recover(?:ing|ed|y)\s+from
  | meds | medications? | medicine | pills? | pharmacy | refills? | dose | dosage
  | \d*\s*(?:mg|milligrams?)
  | surger(?:y|ies) | operated\s+on | hospital(?:s|ized)? | emergency\s+room | icu | clinic
  | conditions? | (?:medical|health)\s+(?:history|issues?|problems?)
  | chronic | symptoms? | flare\s?ups?
  | months\s+along | weeks\s+along | due\s+(?:in|date) | trimester | baby
)\b
"""
# Words before an ambiguous term that still leave it a whole note fragment ("very deaf").
_FRAGMENT_FILLERS = r"very|severely|mildly|partially|totally|completely|pt|client|cust|now|also"
# A cue for an ambiguous term must stand in the term's own sentence.
_SENTENCE_END = regex.compile(r"[.!?;]\s|\n", _FLAGS)

# Phrases that say a drug name is near, for the fuzzy pass: narrower than _CUE
# (no "has", "doctor", "condition"), since a misspelling has only its context.
_MEDICATION_CUE = r"""
\b(?:
    put\s+(?:me|him|her|them|us)\s+on
  | (?:i['\u2019]?m|i\s+am|he['\u2019]?s|she['\u2019]?s|he\s+is|she\s+is|we['\u2019]?re
      |they['\u2019]?re|been|still|started|went|was|were)\s+on
  | switched\s+(?:me\s+)?to
  | i\s+take | takes | taking | took
  | prescri(?:bed|ption|ptions|be)
  | on\s+(?:medications?|meds)
  | my\s+(?:meds|medications?|medicines?|prescriptions?)
  | pills? | tablets? | capsules?
  | \d*\s*(?:mg|milligrams?|mcg|micrograms?)
  | refills? | dose | dosage
)\b
"""
# Letters only: a candidate word, or one half of a word the recognizer split ("met forman").
# The lookbehind sees before a region's start, so a word cut there is not matched.
_WORD = regex.compile(r"(?<![^\W\d_])[^\W\d_]+", _FLAGS)
_LETTER = regex.compile(r"[^\W\d_]", _FLAGS)
# Two halves of one split word stand one space (or a hyphen) apart, never across a segment.
_SPLIT_GAP = regex.compile(r"[ \t-]{1,2}", _FLAGS)


@dataclass(frozen=True)
class _Term:
    """What a matched lexicon term is, whether it needs a cue, and which language's cues."""

    entity_type: str
    ambiguous: bool
    # English cue phrases count for a term of the English lexicon; Spanish, French and
    # German ones for a term of the foreign lexicon (both for a spelling both hold).
    english: bool = True
    foreign: bool = False
    # Spelled like an English word or a surname ("operation", "Parkinson"): only a cue
    # counts, never a health word beside it or a note fragment of it alone.
    cue_only: bool = False


class HealthRecognizer(LocalRecognizer):
    """Lexicon recognizer for conditions, medications and treatments, with cue scoring.

    Unambiguous terms score 0.6 alone and 0.9 with a cue. Ambiguous ones count
    (0.85) only with a cue phrase or an unambiguous term in their own sentence
    ("chemo and radiation"). A term inside a set phrase with an everyday sense
    ("stroke of luck") is dropped. The span is the term only, never the cue.
    """

    NAME: ClassVar[str] = "HealthRecognizer"
    ENTITIES: ClassVar[tuple[str, ...]] = (HEALTH_CONDITION, MEDICATION, MEDICAL_TREATMENT)
    SCORE: ClassVar[float] = 0.6
    CUE_SCORE: ClassVar[float] = 0.9
    AMBIGUOUS_CUE_SCORE: ClassVar[float] = 0.85
    WINDOW_BEFORE: ClassVar[int] = 60
    WINDOW_AFTER: ClassVar[int] = 40
    # Fuzzy pass: a misspelled drug name scores below an exact one.
    FUZZY_SCORE: ClassVar[float] = 0.75
    FUZZY_RATIO_CUTOFF: ClassVar[float] = 80.0
    FUZZY_MIN_LETTERS: ClassVar[int] = 5
    # How far a candidate may stand after the end of a cue ("i take ... zarelto")
    # and before its start ("zarelto 20 mg").
    FUZZY_AFTER_CUE: ClassVar[int] = 40
    FUZZY_BEFORE_CUE: ClassVar[int] = 25

    def __init__(self) -> None:
        # Compiling makes many short-lived objects and no cycles: the cyclic collector's
        # passes over them cost more than the compiling itself.
        with collector_paused():
            spellings, self._terms = _build_terms()
            self._matcher = compile_trie(_bounded(_trie_pattern(spellings)))
            self._non_health = compile_trie(
                _bounded(
                    _trie_pattern(
                        [
                            *_with_plurals(NON_HEALTH_PHRASES),
                            *typed_spellings(foreign.NON_HEALTH_PHRASES),
                        ]
                    )
                )
            )
            self._cue = regex.compile(_CUE, _FLAGS | regex.VERBOSE)
            self._foreign_cue = regex.compile(
                _bounded(_trie_pattern(typed_spellings(foreign.HEALTH_CUES))), _FLAGS
            )
            # "estoy deprimida", "uso silla de ruedas": a cue only right before the term.
            self._foreign_cue_right_before = regex.compile(
                r"(?<!\w)(?:"
                + _trie_pattern(typed_spellings(foreign.HEALTH_CUES_RIGHT_BEFORE))
                + r")(?:"
                + _SEPARATOR
                + r"(?:"
                + _trie_pattern(typed_spellings(foreign.HEALTH_CUE_FILLERS))
                + r"))*"
                + _SEPARATOR
                + r"$",
                _FLAGS,
            )
            self._health_numbers = regex.compile("|".join(HEALTH_NUMBER_PATTERNS), _FLAGS)
            self._fragments = Fragments(_FRAGMENT_FILLERS)
            self._foreign_fragments = Fragments(
                _FRAGMENT_FILLERS + "|" + _trie_pattern(typed_spellings(foreign.FRAGMENT_FILLERS))
            )
            # Harm to a part of the body, as pairs: "cracked vertebra", "knee pain".
            self._injuries = compile_trie(
                _bounded(
                    "(?:"
                    + _trie_pattern(INJURY_WORDS)
                    + _SEPARATOR
                    + r"(?:(?:his|her|my|their|a|the|both)"
                    + _SEPARATOR
                    + r")?"
                    + _trie_pattern(BODY_PARTS)
                    + "|"
                    + _trie_pattern(BODY_PARTS)
                    + _SEPARATOR
                    + _trie_pattern(BODY_PART_COMPLAINTS)
                    + ")"
                )
            )
            self._medication_cue = regex.compile(_MEDICATION_CUE, _FLAGS | regex.VERBOSE)
            self._fuzzy_targets = _fuzzy_targets()
        # Presidio sets ``name`` untyped; keep a typed copy for the result metadata.
        self._recognizer_name = self.NAME
        super().__init__(
            supported_entities=list(self.ENTITIES),
            supported_language="en",
            name=self.NAME,
        )

    def load(self) -> None:
        """Nothing to load: the matcher is compiled in ``__init__``."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Find lexicon terms, score them by cue, drop uncued ambiguous ones."""
        wanted = set(entities) & set(self.ENTITIES) if entities else set(self.ENTITIES)
        if not wanted:
            return []
        everyday = [m.span() for m in self._non_health.finditer(text)]
        everyday_index = SpanIndex(everyday)
        found: list[tuple[int, int, _Term]] = []
        for match in self._matcher.finditer(text):
            start, end = match.span()
            term = self._terms.get(_canonical(match.group()))
            if term is None or everyday_index.covers(start, end):
                continue
            found.append((start, end, term))
        # Unambiguous terms are context for ambiguous ones: "chemo and radiation".
        anchors = sorted((start, end) for start, end, term in found if not term.ambiguous)
        results: list[RecognizerResult] = []
        for start, end, term in found:
            if term.entity_type not in wanted:
                continue
            if term.ambiguous:
                low, high = self._window(text, start, end, same_sentence=True)
                fragments = self._foreign_fragments if term.foreign else self._fragments
                cued = (
                    self._has_cue(text, start, end, low, high, term)
                    or self._cue_right_before(text, low, start, term)
                ) or (
                    not term.cue_only
                    and (
                        _other_within(anchors, low, high, (start, end))
                        or fragments.whole(text, start, end)  # "deaf - use relay service"
                    )
                )
                if not cued:
                    continue
                score = self.AMBIGUOUS_CUE_SCORE
            else:
                low, high = self._window(text, start, end, same_sentence=False)
                cued = self._has_cue(text, start, end, low, high, term)
                score = self.CUE_SCORE if cued else self.SCORE
            results.append(self._result(term.entity_type, start, end, score))
        if HEALTH_CONDITION in wanted:
            results.extend(
                self._result(HEALTH_CONDITION, m.start(), m.end(), self.CUE_SCORE)
                for m in all_matches(self._health_numbers, text)
            )
            results.extend(
                self._result(HEALTH_CONDITION, m.start(), m.end(), self.SCORE)
                for m in self._injuries.finditer(text)
                if " ".join(_canonical(m.group()).split()) not in EVERYDAY_PAIRS
                and _next_word(text, m.end()) not in THING_AFTER_BODY
            )
        if MEDICATION in wanted:
            taken = [(start, end) for start, end, _ in found] + everyday
            results.extend(self._fuzzy_medications(text, taken))
        return results

    def _fuzzy_medications(self, text: str, taken: list[tuple[int, int]]) -> list[RecognizerResult]:
        """Misspelled drug names next to a medication cue, outside spans already matched."""
        cues = [m.span() for m in all_matches(self._medication_cue, text)]
        if not cues:
            return []
        blocked = bytearray(len(text))  # 1 where a lexicon term, everyday phrase or cue stands
        for start, end in [*taken, *cues]:
            blocked[start:end] = b"\x01" * (end - start)
        regions = _merged(region for cue in cues for region in self._fuzzy_regions(text, *cue))
        words: list[tuple[int, int]] = []
        for low, high in regions:
            for match in _WORD.finditer(text, low, high, timeout=REGEX_TIMEOUT_SECONDS):
                start, end = match.span()
                # Nor is a word the region's end cuts in two.
                if not _LETTER.match(text, end) and not any(blocked[start:end]):
                    words.append((start, end))
        scored: list[tuple[float, int, int]] = []
        for i, (start, end) in enumerate(words):
            score = self._fuzzy_score(text[start:end], split=False)
            if score is not None:
                scored.append((score, start, end))
            if i + 1 < len(words):
                next_start, next_end = words[i + 1]
                if _SPLIT_GAP.fullmatch(text, end, next_start, timeout=REGEX_TIMEOUT_SECONDS):
                    joined = text[start:end] + text[next_start:next_end]
                    score = self._fuzzy_score(joined, split=True)
                    if score is not None:
                        scored.append((score, start, next_end))
        # Best match first; a weaker one overlapping it (the word inside a pair) is dropped.
        chosen: list[tuple[int, int]] = []
        used = bytearray(len(text))
        for _, start, end in sorted(scored, key=lambda c: (-c[0], c[1] - c[2])):
            if not any(used[start:end]):
                used[start:end] = b"\x01" * (end - start)
                chosen.append((start, end))
        return [
            self._result(MEDICATION, start, end, self.FUZZY_SCORE, pattern="fuzzy_medication")
            for start, end in sorted(chosen)
        ]

    def _fuzzy_regions(self, text: str, cue_start: int, cue_end: int) -> list[tuple[int, int]]:
        """Where candidates may stand: just after or just before the cue, in its sentence."""
        high = min(len(text), cue_end + self.FUZZY_AFTER_CUE)
        stop = _SENTENCE_END.search(text, cue_end, high, timeout=REGEX_TIMEOUT_SECONDS)
        if stop is not None:
            high = stop.start()
        low = max(0, cue_start - self.FUZZY_BEFORE_CUE)
        for boundary in _SENTENCE_END.finditer(text, low, cue_start, timeout=REGEX_TIMEOUT_SECONDS):
            low = boundary.end()
        return [(cue_end, high), (low, cue_start)]

    def _fuzzy_score(self, candidate: str, *, split: bool) -> float | None:
        """Similarity of a candidate to its nearest drug name, or None when too far or a word.

        One word may be two edits from a drug name of seven letters or more, one
        edit from a shorter one. Two joined words ("met forman") get one edit and
        only against the longer names, since common pairs come close to short ones.
        """
        word = candidate.lower()
        if len(word) < self.FUZZY_MIN_LETTERS or word in FUZZY_MEDICATION_EXCLUSIONS:
            return None
        if not split and word in self._terms:
            return None  # the lexicon pass has decided this word already
        best = process.extractOne(
            word,
            self._fuzzy_targets,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=self.FUZZY_RATIO_CUTOFF,
        )
        if best is None:
            return None
        target, score = best[0], float(best[1])
        long_name = len(target) >= 7
        if split and not long_name:
            return None
        max_edits = 2 if long_name and not split else 1
        if Levenshtein.distance(word, target, score_cutoff=max_edits) > max_edits:
            return None
        return score

    def _window(self, text: str, start: int, end: int, *, same_sentence: bool) -> tuple[int, int]:
        """Bounds of the context around ``text[start:end]``, optionally cut at sentence ends."""
        low = max(0, start - self.WINDOW_BEFORE)
        high = min(len(text), end + self.WINDOW_AFTER)
        if same_sentence:
            for boundary in _SENTENCE_END.finditer(text, low, start, timeout=REGEX_TIMEOUT_SECONDS):
                low = boundary.end()
            first = _SENTENCE_END.search(text, end, high, timeout=REGEX_TIMEOUT_SECONDS)
            if first is not None:
                high = first.start()
        return low, high

    def _has_cue(self, text: str, start: int, end: int, low: int, high: int, term: _Term) -> bool:
        """Look for a cue of the term's languages in ``text[low:start]`` or ``text[end:high]``."""
        cues = [self._cue] if term.english else []
        if term.foreign:
            cues.append(self._foreign_cue)
        return any(
            cue.search(text[low:start], timeout=REGEX_TIMEOUT_SECONDS)
            or cue.search(text[end:high], timeout=REGEX_TIMEOUT_SECONDS)
            for cue in cues
        )

    def _cue_right_before(self, text: str, low: int, start: int, term: _Term) -> bool:
        """True when a foreign term has a cue said only of a person right before it."""
        if not term.foreign:
            return False
        before = text[low:start]
        return bool(self._foreign_cue_right_before.search(before, timeout=REGEX_TIMEOUT_SECONDS))

    def _result(
        self, entity_type: str, start: int, end: int, score: float, pattern: str = "lexicon"
    ) -> RecognizerResult:
        return RecognizerResult(
            entity_type=entity_type,
            start=start,
            end=end,
            score=score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self._recognizer_name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "pattern": pattern,
            },
        )


def _other_within(
    anchors: Sequence[tuple[int, int]], low: int, high: int, term: tuple[int, int]
) -> bool:
    """True when an anchor other than ``term`` lies inside ``[low, high]`` (anchors sorted).

    Only anchors starting in the window are looked at (bisect), never all of them.
    """
    at = bisect_left(anchors, (low, low))
    while at < len(anchors) and anchors[at][0] <= high:
        if anchors[at][1] <= high and anchors[at] != term:
            return True
        at += 1
    return False


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint union of ``spans`` (touching ones joined)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def _fuzzy_targets() -> tuple[str, ...]:
    """Drug names the fuzzy pass compares with: one word, five letters or more, no everyday sense.

    Ambiguous names ("lithium", "actos") and short ones ("soma", "norco",
    "breo") stay with the exact lexicon pass only: too many words lie near them.
    """
    return tuple(
        sorted(
            {
                name
                for name in MEDICATIONS
                if name.isalpha() and len(name) >= 5 and name not in AMBIGUOUS_TERMS
            }
        )
    )


_NEXT_WORD = regex.compile(r"[ \t-]+([^\W\d_]+)")


def _next_word(text: str, end: int) -> str:
    """The word right after ``end`` (lowercase), or ""."""
    match = _NEXT_WORD.match(text, end)
    return match.group(1).lower() if match else ""


def _canonical(term: str) -> str:
    """Key a term or matched text: lowercase, no apostrophes, single spaces for hyphens."""
    lowered = term.lower().replace(_CURLY, "").replace("'", "").replace("-", " ")
    return " ".join(lowered.split())


def _plural(term: str) -> str | None:
    """English plural of a term's last word, or None when it has no regular one."""
    last = term.rsplit(" ", 1)[-1]
    if len(last) < 2 or not last.isalpha():
        return None
    if last.endswith(("ss", "x", "z", "ch", "sh")):
        return term + "es"
    if last.endswith("s"):
        return None
    if last.endswith("y") and last[-2] not in "aeiou":
        return term[:-1] + "ies"
    return term + "s"


def _with_plurals(terms: Iterable[str]) -> dict[str, str]:
    """Map every term and its plural, as written for the trie, to its singular."""
    written: dict[str, str] = {}
    for term in terms:
        spelled = " ".join(term.lower().replace(_CURLY, "'").replace("-", " ").split())
        written.setdefault(spelled, term)
        plural = _plural(spelled)
        if plural is not None:
            written.setdefault(plural, term)
    return written


def _build_terms() -> tuple[list[str], dict[str, _Term]]:
    """Every spelling for the trie, and its canonical key's entity type and ambiguity."""
    spellings: list[str] = []
    terms: dict[str, _Term] = {}
    for entity_type, lexicon in (
        (HEALTH_CONDITION, (*CONDITIONS, *listed_conditions())),
        (MEDICATION, MEDICATIONS),
        (MEDICAL_TREATMENT, (*TREATMENTS, *CARE_AND_TREATMENT)),
    ):
        for spelled, singular in _with_plurals(lexicon).items():
            term = _Term(entity_type, singular in AMBIGUOUS_TERMS)
            spellings.append(spelled)
            terms.setdefault(_canonical(spelled), term)
    # ICD-10-CM names not in the curated lexicon: clinical words, so they need a cue.
    for spelled in ICD10_CONDITIONS:
        key = _canonical(spelled)
        if key not in terms:
            spellings.append(spelled)
            terms[key] = _Term(HEALTH_CONDITION, ambiguous=True)
    # Spanish, French and German, as listed and typed without accents; no English plurals.
    # A spelling the English lexicon holds ("diabetes", "depression") keeps its English
    # type and ambiguity, and the foreign cues count for it too.
    ambiguous = frozenset(foreign.HEALTH_AMBIGUOUS_TERMS)
    cue_only = frozenset(foreign.HEALTH_CUE_ONLY_TERMS)
    listed = [
        (entity_type, word)
        for entity_type, lexicon in (
            (
                HEALTH_CONDITION,
                (*foreign.ES_CONDITIONS, *foreign.FR_CONDITIONS, *foreign.DE_CONDITIONS),
            ),
            (
                MEDICATION,
                (*foreign.ES_MEDICATIONS, *foreign.FR_MEDICATIONS, *foreign.DE_MEDICATIONS),
            ),
            (
                MEDICAL_TREATMENT,
                (*foreign.ES_TREATMENTS, *foreign.FR_TREATMENTS, *foreign.DE_TREATMENTS),
            ),
        )
        for word in lexicon
    ]
    # Spellings as listed first, then typed without accents: French "dialysé" (a patient)
    # typed "dialyse" does not take the key of "dialyse" (the treatment) as listed.
    for pass_spellings in (
        [(entity_type, word, word) for entity_type, word in listed],
        [
            (entity_type, word, typed)
            for entity_type, word in listed
            for typed in typed_spellings([word])
        ],
    ):
        for entity_type, word, spelled in pass_spellings:
            key = _canonical(spelled)
            known = terms.get(key)
            spellings.append(spelled)
            if known is None:
                terms[key] = _Term(
                    entity_type,
                    word in ambiguous,
                    english=False,
                    foreign=True,
                    cue_only=word in cue_only,
                )
            elif not known.foreign:
                terms[key] = replace(known, foreign=True)
    return spellings, terms


def _trie_pattern(spellings: Iterable[str]) -> str:
    """The lexicon as one trie regex (hyphens and curly quotes read as spaces and quotes)."""
    normalized = (
        " ".join(spelled.lower().replace(_CURLY, "'").replace("-", " ").split())
        for spelled in spellings
    )
    return trie_pattern(normalized, _char_pattern)


def _char_pattern(ch: str) -> str:
    if ch == " ":
        return _SEPARATOR
    if ch == "'":
        return _APOSTROPHE
    return str(regex.escape(ch))


def _bounded(pattern: str) -> str:
    """Whole words only: no letter or digit may touch either end."""
    return r"(?<!\w)(?:" + pattern + r")(?!\w)"
