"""Base for recognizers whose matches count only with a cue phrase nearby.

Presidio's context enhancer looks at single lemmas before a match. Callers on
the phone put the cue on either side ("that's my social", "the code on the
back is ...") and in several words, so our recognizers carry their own cue
regex and look for it in a character window on both sides of the match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers._digit_floor import fewest_digits_of_all
from redaction.recognizers._literal_prefixes import find_openings, literal_prefixes
from redaction.recognizers._required_words import (
    leading_assertion,
    required_literals,
)
from redaction.recognizers._word_start import starts_words

REGEX_TIMEOUT_SECONDS = 1.0
# From this length on a text is searched only where a pattern's opening stands: on a
# shorter one, one pass of the regex costs less than finding the openings (measured:
# 1.0 vs 2.1 us per pattern under 50 characters, even at 50-100, 28 vs 10 us over 400).
OPENINGS_FROM = 100
_FLAGS = regex.IGNORECASE | regex.UNICODE
# Where one digit group ends and the next begins: one or two spaces.
_GROUP_GAP = regex.compile(r"(?<=\d)[ ]{1,2}(?=\d)")


def all_matches(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> list[regex.Match[str]]:
    r"""Every match of ``pattern`` in ``text[pos:endpos]``, collected before any is read.

    The regex module times a ``finditer`` from its start, the caller's work between
    matches included: a loop over a long text (or on a busy machine) ran past
    ``REGEX_TIMEOUT_SECONDS`` with no regex at fault, and the record failed. Collected
    first, only the matching itself is timed, as the guard against backtracking means.
    A text holding none of the literals every match needs is not searched at all; a
    long one is tried only where a match's opening stands (``_literal_prefixes``); a
    pattern whose every match begins a word is searched behind a leading ``\b``.
    """
    screens = _screens(pattern)
    if not _may_hold(screens, text):
        return []
    end = len(text) if endpos is None else endpos
    if (openings := _openings_for(screens, text)) is not None:
        return _matches_at_openings(pattern, openings, text, pos, end)
    searched = screens.at_word_starts or pattern
    return list(searched.finditer(text, pos, end, timeout=REGEX_TIMEOUT_SECONDS))


def first_match(pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """``pattern.search(text)``, behind the same screens as ``all_matches``."""
    screens = _screens(pattern)
    if not _may_hold(screens, text):
        return None
    if (openings := _openings_for(screens, text)) is not None:
        found = _matches_at_openings(pattern, openings, text, 0, len(text), first=True)
        return found[0] if found else None
    searched = screens.at_word_starts or pattern
    return searched.search(text, timeout=REGEX_TIMEOUT_SECONDS)


class AnyOf:
    """Whether any of several patterns matches a text: one alternation, behind a screen.

    The screen is every literal the patterns' own screens require, in one search: a
    text holding none can only match a pattern that has no literal screen, and only
    those are then searched. Most texts (a lead field, a turn) hold none.
    """

    def __init__(self, patterns: Sequence[regex.Pattern[str]], flags: int) -> None:
        screened = [(p, required_literals(p.pattern, p.flags)) for p in patterns]
        literals = sorted({literal for _, found in screened for literal in found or ()})
        unscreened = [p.pattern for p, found in screened if found is None]
        self._all = regex.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags)
        self._literals = _literal_search(literals)
        self._unscreened = (
            regex.compile("|".join(f"(?:{p})" for p in unscreened), flags) if unscreened else None
        )

    def search(self, text: str) -> bool:
        """True when one of the patterns matches somewhere in ``text``."""
        if (
            self._literals is not None
            and text.isascii()
            and self._literals.search(_lowercase(text)) is None
        ):
            if self._unscreened is None:
                return False
            return self._unscreened.search(text, timeout=REGEX_TIMEOUT_SECONDS) is not None
        return self._all.search(text, timeout=REGEX_TIMEOUT_SECONDS) is not None


def _matches_at_openings(
    pattern: regex.Pattern[str],
    openings: tuple[str, ...],
    text: str,
    pos: int,
    end: int,
    first: bool = False,
) -> list[regex.Match[str]]:
    """What ``finditer`` finds, tried only where an opening every match needs stands."""
    found: list[regex.Match[str]] = []
    after = pos  # a match never starts inside the one before it
    for at in find_openings(_lowercase(text), openings, pos, end):
        if at < after:
            continue
        match = pattern.match(text, at, end, timeout=REGEX_TIMEOUT_SECONDS)
        if match is not None:
            found.append(match)
            if first:
                break
            after = match.end()
    return found


class _Screens(NamedTuple):
    """What is read once from a pattern to search it less.

    From ``_required_words``, ``_word_start`` and ``_literal_prefixes``.
    """

    pattern: regex.Pattern[str]  # kept alive, so that its id stays its own
    literal_search: re.Pattern[str] | None  # the literals every match holds one of
    assertion: regex.Pattern[str] | None  # the lookaround every match starts with
    at_word_starts: regex.Pattern[str] | None  # the pattern behind a \b that changes nothing
    openings: tuple[str, ...] | None  # every match opens with one of these (lowercase)


# Each pattern's screens, read once (keyed by id).
_SCREENS: dict[int, _Screens] = {}
# The last text lowercased: every pattern of a scan reads the same text in turn.
_LOWERED: tuple[str, str] = ("", "")


def may_search(pattern: regex.Pattern[str], text: str) -> bool:
    """False only when ``text`` cannot hold a match of ``pattern``.

    That is, when it holds none of the literals every match needs, or no match of
    the lookahead or lookbehind every match starts with (``_required_words``).
    """
    return _may_hold(_screens(pattern), text)


def _screens(pattern: regex.Pattern[str]) -> _Screens:
    screens = _SCREENS.get(id(pattern))
    if screens is None or screens.pattern is not pattern:
        screens = _SCREENS[id(pattern)] = _screens_of(pattern)
    return screens


def _may_hold(screens: _Screens, text: str) -> bool:
    literals, assertion = screens.literal_search, screens.assertion
    if literals is not None and text.isascii() and literals.search(_lowercase(text)) is None:
        return False
    if assertion is not None:
        return assertion.search(text, timeout=REGEX_TIMEOUT_SECONDS) is not None
    return True


def _openings_for(screens: _Screens, text: str) -> tuple[str, ...] | None:
    """The openings to search ``text`` at (long ASCII texts only), or None: search it all."""
    if len(text) < OPENINGS_FROM or not text.isascii():
        return None
    return screens.openings


def _literal_search(literals: Sequence[str] | None) -> re.Pattern[str] | None:
    """Any of ``literals`` in one search of the lowercased text.

    The standard module's search of an alternation of literals: 2.5x faster than a
    substring test for each, on lead fields.
    """
    return re.compile("|".join(map(re.escape, literals))) if literals else None


def _lowercase(text: str) -> str:
    """``text.lower()``, kept for the next caller: every pattern of a scan reads one text."""
    global _LOWERED
    last_text, lowered = _LOWERED
    if last_text is not text:
        lowered = text.lower()
        _LOWERED = (text, lowered)
    return lowered


def _screens_of(pattern: regex.Pattern[str]) -> _Screens:
    literals = required_literals(pattern.pattern, pattern.flags)
    body = leading_assertion(pattern.pattern, pattern.flags)
    try:
        assertion = regex.compile(body, pattern.flags) if body is not None else None
    except regex.error:
        assertion = None
    guarded = None
    if not pattern.pattern.startswith(r"\b") and starts_words(pattern.pattern, pattern.flags):
        # A verbose pattern may end in a comment: the group closes on a line of its own.
        close = "\n)" if pattern.flags & regex.VERBOSE else ")"
        guarded = regex.compile(r"\b(?:" + pattern.pattern + close, pattern.flags)
    openings = literal_prefixes(pattern.pattern, pattern.flags)
    return _Screens(pattern, _literal_search(literals), assertion, guarded, openings)


@dataclass(frozen=True)
class CuedPattern:
    """One regex with its score, and whether it needs a cue to count."""

    name: str
    pattern: str
    score: float
    needs_cue: bool


class CuedPatternRecognizer(LocalRecognizer):
    """Regex recognizer that checks a cue regex within a window around each match.

    Subclasses set the class constants and may override ``is_valid`` (checksums,
    number rules). A match that needs a cue and has none is dropped; a match
    with a cue gets ``CUE_SCORE`` when that is higher than its own score.
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[CuedPattern, ...]]
    CUE: ClassVar[str]
    CUE_SCORE: ClassVar[float] = 0.9
    WINDOW_BEFORE: ClassVar[int] = 60
    WINDOW_AFTER: ClassVar[int] = 40
    # Words right before a match that say it is something else ("expires 0427" is no CVV).
    ANTI_CUE: ClassVar[str | None] = None
    ANTI_CUE_WINDOW: ClassVar[int] = 16

    def __init__(self) -> None:
        self._compiled = tuple((p, regex.compile(p.pattern, _FLAGS)) for p in self.PATTERNS)
        self._cue = regex.compile(self.CUE, _FLAGS)
        self._anti_cue = regex.compile(self.ANTI_CUE, _FLAGS) if self.ANTI_CUE else None
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language="en",
            name=type(self).__name__,
        )

    def load(self) -> None:
        """Patterns are compiled in ``__init__``; nothing to load."""

    def fewest_digits(self) -> int:
        """The fewest digits in any result of this recognizer: a text with fewer has none.

        Read from the compiled patterns, and only when ``analyze`` is this class's own
        (each result is then one pattern's match, or a whole-pattern head of one);
        a subclass that finds results another way gets 0.
        """
        if type(self).analyze is not CuedPatternRecognizer.analyze:
            return 0
        return fewest_digits_of_all(
            (compiled.pattern, bool(compiled.flags & regex.VERBOSE))
            for _, compiled in self._compiled
        )

    def is_valid(self, matched: str) -> bool:
        """Return False to reject a match (checksum, number rules)."""
        return True

    def has_cue(self, text: str, start: int, end: int) -> bool:
        """True when a cue phrase stands within the window around ``text[start:end]``."""
        before = text[max(0, start - self.WINDOW_BEFORE) : start]
        after = text[end : end + self.WINDOW_AFTER]
        return bool(
            self._cue.search(before, timeout=REGEX_TIMEOUT_SECONDS)
            or self._cue.search(after, timeout=REGEX_TIMEOUT_SECONDS)
        )

    def may_have_cue(self, text: str) -> bool:
        """Whether any cue stands anywhere in ``text`` (one search instead of one a match).

        A subclass whose ``has_cue`` reads other phrases than ``CUE`` overrides this.
        """
        return first_match(self._cue, text) is not None

    def has_anti_cue(self, text: str, start: int) -> bool:
        """True when the words just before the match say it is something else."""
        if self._anti_cue is None:
            return False
        before = text[max(0, start - self.ANTI_CUE_WINDOW) : start]
        return bool(self._anti_cue.search(before, timeout=REGEX_TIMEOUT_SECONDS))

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Find matches, keep the valid ones that have the cue they need."""
        results: list[RecognizerResult] = []
        cue_in_text: bool | None = None  # searched once, only if a pattern needs a cue
        for cued, compiled in self._compiled:
            if cued.needs_cue:
                if cue_in_text is None:
                    cue_in_text = self.may_have_cue(text)
                if not cue_in_text:
                    continue  # no cue anywhere: no window around any match holds one
            for match in all_matches(compiled, text):
                start, end = match.span()
                if start < end and not self.is_valid(match.group()):
                    end = self._valid_head(text, compiled, start, end)
                if start == end:
                    continue
                if self.has_anti_cue(text, start):
                    continue
                score = cued.score
                if self.has_cue(text, start, end):
                    score = max(score, self.CUE_SCORE)
                elif cued.needs_cue:
                    continue
                results.append(self._result(start, end, score, cued.name))
        return results

    def _valid_head(self, text: str, compiled: regex.Pattern[str], start: int, end: int) -> int:
        """The end of the longest valid match that drops whole trailing groups, else ``start``.

        A value is often followed by an unrelated small number: "4111 1111 1111 1111
        12 27" (a card, then its expiry), "536-22-8174 2 dependents".
        """
        cuts = [m.start() for m in _GROUP_GAP.finditer(text, start, end)]
        for cut in reversed(cuts):
            head = compiled.fullmatch(text, start, cut, timeout=REGEX_TIMEOUT_SECONDS)
            if head is not None and self.is_valid(head.group()):
                return int(cut)
        return start

    def _result(self, start: int, end: int, score: float, pattern: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "pattern": pattern,
            },
        )
