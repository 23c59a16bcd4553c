"""Which language a segment is in, from its own words: no model, nothing to download.

A segment is Spanish when it has Spanish marker words and no English ones,
English the other way round, and mixed when it has both ("mi social es five
three six"). Markers are function words, number words and the words of the
cues (``vocabulary.SPANISH_MARKERS``, ``ENGLISH_MARKERS``); words both
languages share ("no", "a", "social") count for neither. A segment with no
marker at all ("5 3 6", "Carlos") reads as the call's language so far.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable

import regex

from redaction.spanish.vocabulary import ENGLISH_MARKERS, SPANISH_MARKERS


class Language(enum.StrEnum):
    """A segment's language, or (as a setting) what to assume."""

    AUTO = "auto"  # a setting only: read each segment's language from its words
    ENGLISH = "en"
    SPANISH = "es"
    MIXED = "mixed"  # a reading only: both languages in one segment


LANGUAGE_SETTINGS = frozenset({Language.AUTO, Language.ENGLISH, Language.SPANISH})

WORD = regex.compile(r"(?<![^\W_])[^\W\d_]+(?:['\u2019][^\W\d_]+)*(?![^\W_])")
# Cheap screen (stdlib ``re`` and a set: every English text pays it): an accented letter,
# or one Spanish marker word.
_ACCENTED = re.compile("[áéíóúñü¿¡ÁÉÍÓÚÑÜ]")
# Everything but letters and digits to a space, so ``split`` gives the words.
_NOT_LETTERS = re.compile(r"[\W_]+")  # "4EL6" stays one token: no "el" inside an ID


def fold(word: str) -> str:
    """``word`` lowercase and without accents: "Número" -> "numero", "AÑOS" -> "anos"."""
    lowered = word.lower().replace("\u2019", "'")
    if lowered.isascii():
        return lowered
    return "".join(
        c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
    )


def may_be_spanish(text: str) -> bool:
    """Cheap test: False means no Spanish word is in ``text`` at all."""
    if _ACCENTED.search(text):
        return True
    return not SPANISH_MARKERS.isdisjoint(_NOT_LETTERS.sub(" ", text.lower()).split())


def language_of(text: str, default: Language = Language.ENGLISH) -> Language:
    """The language of one segment's words; ``default`` when no word tells."""
    if not may_be_spanish(text):
        return Language.ENGLISH if _counts(WORD.findall(text))[1] else default
    spanish, english = _counts(WORD.findall(text))
    if spanish and english:
        return Language.MIXED
    if spanish:
        return Language.SPANISH
    return Language.ENGLISH if english else default


def _counts(words: Iterable[str]) -> tuple[int, int]:
    spanish = english = 0
    for word in words:
        folded = fold(word)
        spanish += folded in SPANISH_MARKERS
        english += folded in ENGLISH_MARKERS
    return spanish, english
