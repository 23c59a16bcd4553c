"""Spanish segments rewritten in the engine's canonical English, with a map back.

Read left to right; at each word the first of these that applies wins:

1. a spelled ID ("uno e ge siete a de árbol...") -> its characters, spaced;
2. a date ("el catorce de marzo de mil novecientos sesenta y dos",
   "catorce del tres del sesenta y dos") -> "03/14/1962" / "03/14/62"
   (US order, as the date recognizers read it; "the 14th of march" without a year);
3. a cue phrase (``vocabulary.PHRASE_GLOSS``, longest first) -> its English;
4. a number word -> its English ("cincuenta y tres" -> "fifty three",
   "quinientos" -> "five hundred", "mil" -> "one thousand", "doble" -> "double");
5. a glossed word (``vocabulary.WORD_GLOSS``: fillers, determiners, nouns).

Every other word is left as written. In a mixed segment a word both
languages share ("no", "son", "once") is glossed only beside a word that is
unmistakably Spanish. Nothing crosses a segment: numbers said over several
turns are joined afterwards by the English number reader, as English ones are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from redaction.mapped_text import MappedText, Origin, identity, rebuild
from redaction.normalize import DIGIT_WORDS
from redaction.normalize import TEENS as ENGLISH_TEEN_WORDS
from redaction.normalize import TENS as ENGLISH_TEN_WORDS
from redaction.spanish.language import Language, fold, language_of, may_be_spanish
from redaction.spanish.numbers import below_hundred, cardinal, english_words, is_number_word
from redaction.spanish.vocabulary import (
    AS_IN,
    COMPOUND_HEADS,
    DATE_JOINERS,
    ENGLISH_MONTHS,
    FIRST_DAY,
    HUNDREDS,
    LETTER_NAMES,
    LETTER_PHRASES,
    MONTHS,
    PHRASE_GLOSS,
    REPEATS,
    SHARED_WORDS,
    SPANISH_MARKERS,
    TEENS,
    TENS,
    THOUSAND,
    UNITS,
    WEAK_NUMBERS,
    WORD_GLOSS,
    WORD_LETTER_NAMES,
)

ENGLISH_NUMBERS = frozenset({*DIGIT_WORDS, *ENGLISH_TEEN_WORDS, *ENGLISH_TEN_WORDS})
# A word mixing letters and digits ("D1234EL5") is one token, glossed never.
_TOKEN = regex.compile(r"(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+|[^\W\d_]+|\d+|[^\s\w]")
# Between the units of a spelled ID: separators and hesitations.
_SPELL_GAPS = frozenset({",", "-", ".", "/", "este", "eh", "em", "y", "luego"})
# The longest phrase, in words: how far the phrase matcher looks ahead.
_PHRASES: dict[tuple[str, ...], str] = {tuple(s.split()): e for s, e in PHRASE_GLOSS}
_LONGEST = max(len(k) for k in _PHRASES)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    word: str  # folded: lowercase, no accents; punctuation as is


@dataclass(frozen=True)
class _Piece:
    """Tokens ``[first, last]`` rewritten as ``words``, each from its own source span."""

    first: int
    last: int
    words: tuple[tuple[str, Origin], ...]


def gloss_spanish(
    text: str,
    segments: Sequence[tuple[int, int]] = (),
    setting: Language = Language.AUTO,
) -> MappedText:
    """``text`` with each Spanish or mixed segment (``(start, end)`` spans) glossed in English.

    No ``segments``: the whole text is one. ``setting`` ENGLISH glosses nothing;
    SPANISH reads every segment as Spanish; AUTO reads each one's words.
    """
    if setting is Language.ENGLISH or (setting is Language.AUTO and not may_be_spanish(text)):
        return identity(text)
    spans = segments or [(0, len(text))]
    pieces: list[tuple[int, int, str, list[Origin]]] = []
    previous = Language.ENGLISH
    for start, end in spans:
        said = text[start:end]
        if setting is Language.SPANISH:
            language = Language.SPANISH
        else:
            language = language_of(said, previous)
            previous = language if language is not Language.MIXED else Language.SPANISH
        if language is Language.ENGLISH:
            continue
        tokens = [
            _Token(m.group(), start + m.start(), start + m.end(), fold(m.group()))
            for m in _TOKEN.finditer(said)
        ]
        words = [token.word for token in tokens]
        glossed = _pieces(tokens, words, mixed=language is Language.MIXED)
        pieces.extend(_rebuilt(tokens, glossed))
    return rebuild(text, pieces) if pieces else identity(text)


def _rebuilt(
    tokens: Sequence[_Token], pieces: Iterable[_Piece]
) -> list[tuple[int, int, str, list[Origin]]]:
    """Each piece as ``rebuild`` takes it: a space between words maps to the gap it fills."""
    out = []
    for piece in pieces:
        chars: list[str] = []
        origins: list[Origin] = []
        for index, (word, origin) in enumerate(piece.words):
            if index:
                gap = (origins[-1][1], max(origins[-1][1], origin[0]))
                chars.append(" ")
                origins.append(gap)
            chars.append(word)
            origins.extend([origin] * len(word))
        out.append((tokens[piece.first].start, tokens[piece.last].end, "".join(chars), origins))
    return out


def _pieces(tokens: Sequence[_Token], words: Sequence[str], mixed: bool) -> list[_Piece]:
    """The segment's glossed pieces; ``words`` are the tokens' folded words, built once.

    Every rule looks a bounded number of words ahead, so a segment costs linear time.
    """
    pieces: list[_Piece] = []
    i = 0
    while i < len(tokens):
        if mixed and tokens[i].word in SHARED_WORDS and not _beside_spanish(tokens, i):
            piece = _phrase(tokens, i)  # "o sea" is Spanish wherever it stands
        else:
            piece = (
                _amount_joint(tokens, words, i, pieces)
                or _spelled(tokens, words, i)
                or _date(tokens, words, i)
                or _phrase(tokens, i)
                or _number(tokens, words, i)
                or _word(tokens, i)
            )
        if piece is None:
            i += 1
            continue
        pieces.append(piece)
        i = piece.last + 1
    return pieces


def _beside_spanish(tokens: Sequence[_Token], i: int) -> bool:
    """True when the nearest word on either side of ``tokens[i]`` is unmistakably Spanish.

    A number word both languages spell alike ("dos") is Spanish beside any number.
    """
    counting = is_number_word(tokens[i].word)
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(tokens) and not tokens[j].word[:1].isalnum():
            j += step  # past punctuation: "cero, eh, cero"
        if 0 <= j < len(tokens):
            word = tokens[j].word
            if word not in SHARED_WORDS and (word in SPANISH_MARKERS or is_number_word(word)):
                return True
            if counting and (is_number_word(word) or word in ENGLISH_NUMBERS or word.isdigit()):
                return True
    return False


def _span(tokens: Sequence[_Token], first: int, last: int) -> Origin:
    return tokens[first].start, tokens[last].end


# --- phrases and words ------------------------------------------------------------------


def _phrase(tokens: Sequence[_Token], i: int) -> _Piece | None:
    words = tuple(t.word for t in tokens[i : i + _LONGEST])
    for size in range(len(words), 1, -1):
        english = _PHRASES.get(words[:size])
        if english is not None:
            last = i + size - 1
            return _Piece(i, last, ((english, _span(tokens, i, last)),))
    return None


def _word(tokens: Sequence[_Token], i: int) -> _Piece | None:
    english = WORD_GLOSS.get(tokens[i].word)
    if english is None:
        return None
    return _Piece(i, i, ((english, _span(tokens, i, i)),))


# --- numbers ----------------------------------------------------------------------------


def _amount_joint(
    tokens: Sequence[_Token], words: Sequence[str], i: int, before: Sequence[_Piece]
) -> _Piece | None:
    """The "con" of an amount ("cuarenta y nueve con noventa y nueve"): dollars and cents."""
    if tokens[i].word != "con" or not before or before[-1].last != i - 1 or i + 1 >= len(tokens):
        return None
    said_before = " ".join(word for word, _ in before[-1].words).split()[-1]
    if not (said_before in ENGLISH_NUMBERS or said_before in ("hundred", "thousand")):
        return None
    if below_hundred(words, i + 1)[1] == i + 1:
        return None
    return _Piece(i, i, (("dollars and", _span(tokens, i, i)),))


def _number(tokens: Sequence[_Token], words: Sequence[str], i: int) -> _Piece | None:
    """One number word (or a tens word and its unit) in the English the reader assembles."""
    word = words[i]
    after = words[i + 1] if i + 1 < len(words) else ""
    if word in REPEATS and (after in UNITS or after.isdigit()):
        return _Piece(i, i, ((REPEATS[word], _span(tokens, i, i)),))
    if word == THOUSAND:
        before = words[i - 1] if i else ""
        english = "thousand" if is_number_word(before) or before.isdigit() else "one thousand"
        return _Piece(i, i, ((english, _span(tokens, i, i)),))
    if word in HUNDREDS:
        hundreds = english_words(HUNDREDS[word] // 100)
        return _Piece(i, i, ((f"{hundreds} hundred", _span(tokens, i, i)),))
    if word in WEAK_NUMBERS and after != THOUSAND:
        return None
    if not (word in UNITS or word in TEENS or word in TENS or word in COMPOUND_HEADS):
        return None
    value, end = below_hundred(words, i)
    if end == i:
        return None
    last = end - 1
    if last == i or word in COMPOUND_HEADS or (word in ("diez", "veinte") and value % 10 == 0):
        return _Piece(i, last, ((english_words(value), _span(tokens, i, last)),))
    # "cincuenta y tres": "fifty" from cincuenta, "three" from tres ("y" is the space)
    tens, unit = english_words(value).split(" ", 1) if value >= 20 else (english_words(value), "")
    if not unit:
        return _Piece(i, last, ((tens, _span(tokens, i, last)),))
    return _Piece(i, last, ((tens, _span(tokens, i, i)), (unit, _span(tokens, last, last))))


# --- dates ------------------------------------------------------------------------------


def _date(tokens: Sequence[_Token], words: Sequence[str], i: int) -> _Piece | None:
    """A date said day first, month by name or number, year optional: one typed date."""
    if not (words[i].isdigit() or is_number_word(words[i]) or words[i] in FIRST_DAY):
        return _month_year(tokens, words, i)
    day = (1, i + 1) if words[i] in FIRST_DAY else cardinal(words, i)
    if day is None or not 1 <= day[0] <= 31:
        return None
    at = _joined(words, day[1])
    if at is None:
        return None
    if at < len(words) and words[at] in MONTHS:  # "catorce de marzo [de 1962]"
        month, end = MONTHS[words[at]], at + 1
        year = _year(words, end)
        if year is None:  # a day of a month: "the 25th of may", never a card's month/year
            said = f"{_ordinal(day[0])} of {ENGLISH_MONTHS[month]}"
            return _Piece(i, end - 1, ((said, _span(tokens, i, end - 1)),))
        said = f"{month:02d}/{day[0]:02d}/{year[0]}"
        return _Piece(i, year[1] - 1, ((said, _span(tokens, i, year[1] - 1)),))
    month_said = cardinal(words, at)
    if month_said is None:
        return None
    month, end = month_said
    year = _year(words, end)
    if year is not None and 1 <= month <= 12:  # "catorce del tres del sesenta y dos"
        said = f"{month:02d}/{day[0]:02d}/{year[0]}"
        return _Piece(i, year[1] - 1, ((said, _span(tokens, i, year[1] - 1)),))
    if 1 <= day[0] <= 12 and words[day[1]] == "del" and _is_year(month_said[0], words, at):
        # "doce del veintiséis": a month and a year (a card's expiry)
        said = f"{day[0]:02d}/{_year_text(month_said[0], words, at)}"
        return _Piece(i, end - 1, ((said, _span(tokens, i, end - 1)),))
    return None


def _ordinal(day: int) -> str:
    """25 -> "25th", 1 -> "1st": a day of the month, as English writes it."""
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _month_year(tokens: Sequence[_Token], words: Sequence[str], i: int) -> _Piece | None:
    """Month and year: "diciembre del veintiséis", "marzo de 2027" (a card expiry)."""
    if words[i] not in MONTHS:
        return None
    year = _year(words, i + 1)
    if year is None:
        return None
    said = f"{MONTHS[words[i]]:02d}/{year[0]}"
    return _Piece(i, year[1] - 1, ((said, _span(tokens, i, year[1] - 1)),))


def _joined(words: Sequence[str], i: int) -> int | None:
    """Past "de" / "del" / "/" (one joiner must be there); None when there is none."""
    if i < len(words) and words[i] in DATE_JOINERS:
        return i + 1
    return None


def _year(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """A year after a joiner ("de mil novecientos sesenta y dos", "del 62"): its digits."""
    at = _joined(words, i)
    if at is None:
        return None
    said = cardinal(words, at)
    if said is None or not _is_year(said[0], words, at):
        return None
    return _year_text(said[0], words, at), said[1]


def _is_year(value: int, words: Sequence[str], at: int) -> bool:
    return 0 <= value <= 99 or 1900 <= value <= 2099


def _year_text(value: int, words: Sequence[str], at: int) -> str:
    """Two digits as said ("sesenta y dos" -> "62", "05"), four when said in full."""
    return f"{value:02d}" if value <= 99 else str(value)


# --- spelled IDs ------------------------------------------------------------------------


def _spelled(tokens: Sequence[_Token], words: Sequence[str], i: int) -> _Piece | None:
    """A run of letter names, "<letter> de <word>", digits and number words that spells an ID.

    At most ``MAX_SPELLED_UNITS`` units: tried at every word, an unbounded look ahead would
    make a long run of number words cost quadratic time. A longer ID is glossed in parts,
    which the English spelling pass joins again.
    """
    units: list[tuple[str, Origin, int]] = []  # characters, source span, how surely a letter
    j, last = i, i - 1
    while j < len(tokens) and len(units) < MAX_SPELLED_UNITS:
        unit = _spelled_unit(tokens, words, j)
        if unit is None:
            if tokens[j].word in _SPELL_GAPS and units:
                j += 1
                continue
            break
        chars, sureness, end = unit
        units.append((chars, _span(tokens, j, end - 1), sureness))
        last, j = end - 1, end
    letters = sum(1 for _, _, sure in units if sure >= _LETTER)
    named = sum(1 for _, _, sure in units if sure == _NAMED)
    # One ID is often read a few characters a turn ("ye ocho cuatro" / "ajá" / ...): a short
    # run with an unmistakable letter name is glossed, and the English spelling pass joins
    # the turns and decides, on the whole run, whether it spells an ID.
    if not letters:
        return None
    if letters == len(units) and len(units) < 3 and not named:
        return None  # two letter names alone ("ese pe") are words more often than an ID
    if len(units) < 2 and not named:
        return None
    spelled = tuple((chars, origin) for chars, origin, _ in units)
    return _Piece(i, last, spelled)


_DIGIT, _LETTER, _NAMED = 0, 1, 2  # how surely a unit is a spelled letter
MAX_SPELLED_UNITS = 24
"""The most units one spelled piece reads: above the longest ID a caller spells (20)."""


def _spelled_unit(
    tokens: Sequence[_Token], words: Sequence[str], j: int
) -> tuple[str, int, int] | None:
    """The characters one unit spells, how surely it is a letter, and where it ends."""
    word = tokens[j].word
    after = tokens[j + 1].word if j + 1 < len(tokens) else ""
    if (word, after) in LETTER_PHRASES:
        return LETTER_PHRASES[(word, after)], _NAMED, j + 2
    letter = LETTER_NAMES.get(word) or WORD_LETTER_NAMES.get(word)
    if letter is None and len(word) == 1 and word.isalpha():
        letter = word.upper()
    if letter is not None:
        if j + 2 < len(tokens) and after in AS_IN and tokens[j + 2].word[:1] == letter.lower():
            return letter, _NAMED, j + 3  # "a de árbol", "te de Tomás"
        sure = word in LETTER_NAMES or (len(word) == 1 and word not in "aeiouy")
        return letter, _LETTER if sure else _DIGIT, j + 1
    if word.isdigit():
        return " ".join(word), _DIGIT, j + 1
    value, end = below_hundred(words, j)
    if end > j:
        return " ".join(str(value)), _DIGIT, end
    return None
