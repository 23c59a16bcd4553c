"""Protected characteristics in lead notes and call transcripts: the sensitive-PI categories left.

Race or ethnic origin, religion, union membership, sexual orientation and sex
life (gender identity included), citizenship or immigration status, political
opinion, genetic data and biometric data are US sensitive PI (CPRA and the
state laws modelled on it; political opinion as in GDPR art. 9). Callers name
them in a few words ("i'm hispanic", "my local 32bj", "i'm on a work visa")
that spaCy's NER does not label, and mostly in ordinary words ("black",
"union", "church", "visa", "liberal"), so this is a lexicon matcher whose
rules are about context. The lexicon lives in ``protected_lexicon``; it is
compiled once per process into one trie-shaped regex, so each text is scanned
once whatever the lexicon's size.

Rules (each term belongs to one group, see ``_GROUPS``):

* A term overlapping a set phrase with an everyday sense ("credit union",
  "catholic school", "visa card", "conservative estimate") is dropped.
* Standalone terms ("hispanic", "teamsters", "green card holder") count
  alone: 0.85 with a cue right before them, 0.7 with a person word right
  after or a cue word in their sentence, 0.6 otherwise.
* Self-described terms ("black", "mexican", "christian", "democrat", "bi")
  count only with a cue right before them ("i'm", "as a", "my family is",
  "registered", 0.85), a person word right after ("black woman", "of mexican
  descent", 0.7), or right after an accepted term of the same category ("i'm
  black and puerto rican", same score).
* Cued terms ("church", "union", "dna", "fingerprint", "citizen", "visa")
  count with a category cue right before them ("my church", "in the union",
  "here on a visa", 0.85) or a context word or standalone term of their
  category in their own sentence (0.7).
* Some groups drop a term on words that make it something else: in its
  sentence (card words for "visa": "my visa expires 04/27"; head words for
  "temple"; smudge words for "fingerprint"), right after it ("black belt",
  "mexican food", "conservative with money", "christian calling from") or
  right before it ("hi i'm christian", "my carrier").
* "Right before" is the cue phrase, then up to three fillers ("a", "not",
  "half", "proud", "uh"), then the term, on one line; "right after" is the
  next word or two. Nothing reaches across a line break (a new segment).
* Colors count only in the first person or "my wife is" ("she's white" is
  as often a car) and not after "a" ("i'm a black lab owner"). ASR's "were"
  for "we're" is not a cue ("the walls were white").
* Country names count as ethnic origin only after an origin cue ("my family
  is from mexico", "i was born in haiti"); "i'm from ohio" names no country.

Spanish, French and German terms (``foreign_lexicon``) follow the same
rules in groups of their own, with the cues of those languages ("es
católica", "membre du syndicat", "wählt CDU", "mujer salvadoreña": the noun
comes first). Each matches typed without accents too ("catolica"). A
spelling that two languages share ("liberal", "filipina") is tried under the
English group first, then the foreign one; words that make it something else
in either ("liberal with money") drop it. Institutions, places and names
("Universidad Católica", "Calle Cristiano", "Cristiano Ronaldo") are dropped
like the English set phrases.

The span is the term only ("green card holder", "catholic", "union"), never
the cue. Deliberate choices: "catholic school", "temple university" and
other institutions are not a belief; "i'm in a union with my wife" and "my
fingerprint on the screen" are not union or biometric data; "std" is left to
the HealthRecognizer; "my husband and i", "my boyfriend" are not orientation;
an agent's question ("are you a u.s. citizen?") is redacted like an answer,
since a "no" after it discloses the status.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers import foreign_lexicon as foreign
from redaction.recognizers import protected_lexicon as lexicon
from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, all_matches
from redaction.recognizers._fragment import Fragments
from redaction.recognizers._trie import (
    collector_paused,
    compile_trie,
    trie_pattern,
    typed_spellings,
)

RACIAL_ETHNIC_ORIGIN = "RACIAL_ETHNIC_ORIGIN"
RELIGION = "RELIGION"
UNION_MEMBERSHIP = "UNION_MEMBERSHIP"
SEXUAL_ORIENTATION_SEX_LIFE = "SEXUAL_ORIENTATION_SEX_LIFE"
CITIZENSHIP_IMMIGRATION = "CITIZENSHIP_IMMIGRATION"
POLITICAL_OPINION = "POLITICAL_OPINION"
GENETIC_DATA = "GENETIC_DATA"
BIOMETRIC_DATA = "BIOMETRIC_DATA"

_FLAGS = regex.IGNORECASE | regex.UNICODE
_CURLY = "\u2019"
# Words of a lexicon phrase: spaces, tabs or hyphens, never a line break.
_WORD_GAP = r"[ \t\u00a0\-]+"
# Between a cue, its fillers and the term: spaces or a comma ("i'm, uh, catholic").
_SEP = r"(?:[ \t\u00a0]*,[ \t\u00a0]*|[ \t\u00a0]+)"
_APOSTROPHE = r"['\u2019]?"
# A cue must stand in the term's own sentence; a line break starts a new segment.
_SENTENCE_END = regex.compile(r"[.!?;]\s|\n", _FLAGS)
# Card expiry shapes near "visa": "04/27", "4/2027".
_EXPIRY_SHAPE = r"(?<![\d/])(?:0?[1-9]|1[0-2])[ \t]*/[ \t]*(?:20)?\d{2}(?![\d/])"
# "local 32", "local #1199": a union local, unless it is a time, a price or a phone number.
_UNION_LOCAL = (
    r"(?<!\w)local[ \t]+(?:\#[ \t]*)?\d{1,4}[a-z]{0,2}"
    r"(?![\w\-]|[ \t]*[./][ \t]*\d|[ \t]+\d"
    r"|[ \t]+(?:eleven|pack|am|pm|o['\u2019]?clock|minutes?|hours?|miles?|dollars?|bucks"
    r"|percent|time)(?!\w))"
)


@dataclass(frozen=True)
class _Group:
    """Terms of one entity type that need the same context, and the cues that give it."""

    name: str
    entity_type: str
    terms: tuple[str, ...] = ()
    # A shape matched instead of words ("local 32"); its matches never come from the trie.
    shape: str | None = None
    # Counts without any cue (scored lower).
    standalone: bool = False
    # Cue phrases right before the term: the shared self-description, third-person
    # pronouns, this category's own, and whether "the", "my", ... may follow them.
    self_cues: bool = True
    third_person: bool = True
    before: tuple[str, ...] = ()
    determiners: bool = False
    # Whether "a"/"an" may stand between cue and term: "i'm a black lab owner" is a dog.
    articles: bool = True
    # Phrases right before the term that make it something else ("my carrier").
    not_before: tuple[str, ...] = ()
    # Phrases right after the term that make it count, or that make it something else.
    after: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    # Words anywhere in the term's sentence that make it count, or drop it.
    context: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    counter_shape: str | None = None
    # May count right after another accepted term of its category ("black and puerto rican").
    chain: bool = False
    plurals: bool = True
    # Words around an accepted term that belong to its phrase and are removed with it
    # ("the carpenters union local 27"): a case-sensitive pattern ending at the term's
    # start, and a case-insensitive one matched at its end.
    widen_before: str | None = None
    widen_after: str | None = None
    # A note fragment that is the term alone ("-- somali, husband handles calls --") is a
    # self-description: the lead is the subject of a terse note.
    fragment: bool = False
    # Spanish, French and German terms: the self cues (with the English field labels only),
    # fillers and determiners of those languages; no English plurals; each term and cue
    # also matches typed without its accents.
    foreign: bool = False


def _in_all_languages(name: str) -> tuple[str, ...]:
    """The Spanish, French and German lists called ``name`` (``ES_<name>``, ...), joined."""
    return tuple(
        term
        for language in ("ES", "FR", "DE")
        for term in getattr(foreign, f"{language}_{name}", ())
    )


_GROUPS: tuple[_Group, ...] = (
    _Group(
        "race",
        RACIAL_ETHNIC_ORIGIN,
        lexicon.RACE_TERMS,
        standalone=True,
        after=lexicon.PERSON_AFTER,
        context=lexicon.RACE_CONTEXT,
    ),
    _Group(
        "tribal",
        RACIAL_ETHNIC_ORIGIN,
        lexicon.TRIBAL_TERMS,
        standalone=True,
        after=lexicon.PERSON_AFTER,
        context=lexicon.RACE_CONTEXT,
    ),
    _Group(
        "race_color",
        RACIAL_ETHNIC_ORIGIN,
        lexicon.RACE_COLOR_SELF_TERMS,
        third_person=False,  # "she's white" is as often a car
        articles=False,  # "i'm a black lab owner"; "i'm a black woman" counts by "woman"
        after=lexicon.PERSON_AFTER,
        not_after=lexicon.NOT_A_PERSON_AFTER,
        chain=True,
        plurals=False,  # "the browns", "i'm a browns fan"
    ),
    _Group(
        "ethnic_origin",
        RACIAL_ETHNIC_ORIGIN,
        lexicon.ETHNIC_SELF_TERMS,
        after=lexicon.PERSON_AFTER,
        not_after=lexicon.NOT_A_PERSON_AFTER,
        chain=True,
        fragment=True,
    ),
    _Group(
        "origin_place",
        RACIAL_ETHNIC_ORIGIN,
        lexicon.ORIGIN_PLACES,
        self_cues=False,
        third_person=False,
        before=lexicon.ORIGIN_CUES,
        determiners=True,
        plurals=False,
    ),
    _Group(
        "religion",
        RELIGION,
        lexicon.RELIGION_TERMS,
        standalone=True,
        before=lexicon.RELIGION_BEFORE,
        determiners=True,
        after=lexicon.RELIGION_AFTER,
        context=lexicon.RELIGION_CONTEXT,
    ),
    _Group(
        "religion_self",
        RELIGION,
        lexicon.RELIGION_SELF_TERMS,
        not_before=lexicon.GREETING_BEFORE,
        after=lexicon.RELIGION_AFTER,
        not_after=lexicon.NOT_A_BELIEF_AFTER,
        chain=True,
        fragment=True,
    ),
    _Group(
        "worship",
        RELIGION,
        lexicon.WORSHIP_CUED_TERMS,
        before=lexicon.RELIGION_BEFORE,
        determiners=True,
        context=lexicon.RELIGION_CONTEXT,
        counter=lexicon.BODY_WORDS,
    ),
    _Group(
        "union",
        UNION_MEMBERSHIP,
        lexicon.UNION_TERMS,
        widen_before=lexicon.UNION_NAME_BEFORE,
        widen_after=lexicon.UNION_NAME_AFTER,
        standalone=True,
        before=lexicon.UNION_BEFORE,
        determiners=True,
        context=lexicon.UNION_CONTEXT,
    ),
    _Group(
        "union_cued",
        UNION_MEMBERSHIP,
        lexicon.UNION_CUED_TERMS,
        widen_before=lexicon.UNION_NAME_BEFORE,
        widen_after=lexicon.UNION_NAME_AFTER,
        before=lexicon.UNION_BEFORE,
        determiners=True,
        context=lexicon.UNION_CONTEXT,
    ),
    _Group(
        "union_local",
        UNION_MEMBERSHIP,
        shape=_UNION_LOCAL,
        before=lexicon.UNION_BEFORE,
        determiners=True,
        context=lexicon.UNION_CONTEXT,
    ),
    _Group(
        "orientation",
        SEXUAL_ORIENTATION_SEX_LIFE,
        lexicon.ORIENTATION_TERMS,
        standalone=True,
        before=lexicon.ORIENTATION_BEFORE,
        context=lexicon.ORIENTATION_CONTEXT,
    ),
    _Group(
        "orientation_self",
        SEXUAL_ORIENTATION_SEX_LIFE,
        lexicon.ORIENTATION_SELF_TERMS,
        before=lexicon.ORIENTATION_BEFORE,
        chain=True,
        plurals=False,
    ),
    _Group(
        "orientation_declared",
        SEXUAL_ORIENTATION_SEX_LIFE,
        lexicon.ORIENTATION_DECLARED_TERMS,
        self_cues=False,
        third_person=False,
        before=lexicon.ORIENTATION_BEFORE,
        plurals=False,
    ),
    _Group(
        "immigration",
        CITIZENSHIP_IMMIGRATION,
        lexicon.IMMIGRATION_TERMS,
        standalone=True,
        before=lexicon.IMMIGRATION_BEFORE,
        determiners=True,
        context=lexicon.IMMIGRATION_CONTEXT,
    ),
    _Group(
        "immigration_cued",
        CITIZENSHIP_IMMIGRATION,
        lexicon.IMMIGRATION_CUED_TERMS,
        before=lexicon.IMMIGRATION_BEFORE,
        determiners=True,
        not_after=lexicon.CITIZEN_NOT_AFTER,
        context=lexicon.IMMIGRATION_CONTEXT,
    ),
    _Group(
        "immigration_illegal",
        CITIZENSHIP_IMMIGRATION,
        lexicon.IMMIGRATION_ILLEGAL_SELF_TERMS,
        not_after=lexicon.ILLEGAL_NOT_AFTER,
        plurals=False,
    ),
    _Group(
        "visa",
        CITIZENSHIP_IMMIGRATION,
        lexicon.VISA_CUED_TERMS,
        self_cues=False,
        third_person=False,
        before=lexicon.VISA_BEFORE,
        determiners=True,
        context=lexicon.IMMIGRATION_CONTEXT,
        counter=lexicon.CARD_WORDS,
        counter_shape=_EXPIRY_SHAPE,
    ),
    _Group(
        "political",
        POLITICAL_OPINION,
        lexicon.POLITICAL_TERMS,
        widen_after=lexicon.PARTY_AFTER,
        standalone=True,
        before=lexicon.POLITICAL_BEFORE,
        determiners=True,
        context=lexicon.POLITICAL_CONTEXT,
    ),
    _Group(
        "political_leaning_phrase",
        POLITICAL_OPINION,
        lexicon.POLITICAL_LEANING_TERMS,
        standalone=True,
        not_before=lexicon.THING_BEFORE,
        not_after=lexicon.THING_AFTER,
        plurals=False,
    ),
    _Group(
        "political_self",
        POLITICAL_OPINION,
        lexicon.POLITICAL_SELF_TERMS,
        before=lexicon.POLITICAL_BEFORE,
        determiners=True,
        chain=True,
        fragment=True,
    ),
    _Group(
        "political_leaning",
        POLITICAL_OPINION,
        lexicon.POLITICAL_LEANING_SELF_TERMS,
        before=lexicon.POLITICAL_BEFORE,
        not_after=lexicon.NOT_POLITICAL_AFTER,
        chain=True,
        fragment=True,
    ),
    _Group(
        "political_progressive",
        POLITICAL_OPINION,
        lexicon.POLITICAL_PROGRESSIVE_TERMS,
        self_cues=False,
        third_person=False,
        before=lexicon.PROGRESSIVE_BEFORE,
        not_after=lexicon.NOT_POLITICAL_AFTER,
    ),
    _Group(
        "political_vote",
        POLITICAL_OPINION,
        lexicon.POLITICAL_VOTE_TERMS,
        self_cues=False,
        third_person=False,
        before=lexicon.POLITICAL_VOTE_BEFORE,
        plurals=False,
    ),
    _Group(
        "political_candidate",
        POLITICAL_OPINION,
        lexicon.POLITICAL_CANDIDATE_TERMS,
        self_cues=False,
        third_person=False,
        before=lexicon.POLITICAL_BEFORE,
        plurals=False,
    ),
    _Group(
        "political_cued",
        POLITICAL_OPINION,
        lexicon.POLITICAL_CUED_TERMS,
        before=lexicon.POLITICAL_BEFORE,
        determiners=True,
        context=lexicon.POLITICAL_CONTEXT,
    ),
    _Group(
        "genetic",
        GENETIC_DATA,
        (*lexicon.GENETIC_TERMS, *lexicon.GENE_RESULT_TERMS),
        standalone=True,
        before=lexicon.GENETIC_BEFORE,
        determiners=True,
        context=lexicon.GENETIC_CONTEXT,
    ),
    _Group(
        "genetic_cued",
        GENETIC_DATA,
        lexicon.GENETIC_CUED_TERMS,
        self_cues=False,
        third_person=False,
        before=lexicon.GENETIC_BEFORE,
        determiners=True,
        context=lexicon.GENETIC_CONTEXT,
        plurals=False,
    ),
    _Group(
        "genetic_carrier",
        GENETIC_DATA,
        lexicon.GENETIC_CARRIER_TERMS,
        self_cues=False,  # "i'm a carrier" alone is as often a mail carrier
        third_person=False,
        not_before=lexicon.INSURER_BEFORE,
        after=lexicon.CARRIER_AFTER,
        context=lexicon.CARRIER_CONTEXT,
    ),
    _Group(
        "biometric",
        BIOMETRIC_DATA,
        lexicon.BIOMETRIC_TERMS,
        standalone=True,
        before=lexicon.BIOMETRIC_BEFORE,
        determiners=True,
        context=lexicon.BIOMETRIC_CONTEXT,
    ),
    _Group(
        "biometric_cued",
        BIOMETRIC_DATA,
        lexicon.BIOMETRIC_CUED_TERMS,
        self_cues=False,
        third_person=False,
        before=lexicon.BIOMETRIC_BEFORE,
        determiners=True,
        not_after=lexicon.DEVICE_AFTER,
        context=lexicon.BIOMETRIC_CONTEXT,
        counter=lexicon.SMUDGE_WORDS,
    ),
    # Spanish, French and German, after every English group: a spelling two languages
    # share ("liberal", "filipina", "illegal") is tried under the English rule first.
    _Group(
        "race_foreign",
        RACIAL_ETHNIC_ORIGIN,
        _in_all_languages("RACE_TERMS"),
        standalone=True,
        before=foreign.ETHNIC_PERSON_BEFORE,
        not_before=foreign.NOT_BEFORE,
        after=(*lexicon.PERSON_AFTER, *foreign.ETHNIC_PERSON_AFTER),
        context=(*lexicon.RACE_CONTEXT, *foreign.RACE_CONTEXT),
        foreign=True,
    ),
    _Group(
        "race_color_foreign",
        RACIAL_ETHNIC_ORIGIN,
        _in_all_languages("RACE_COLOR_SELF_TERMS"),
        self_cues=False,  # "la camioneta es blanca": only the speaker about themselves
        third_person=False,
        before=foreign.FIRST_PERSON_CUES,
        articles=False,
        not_before=foreign.NOT_BEFORE,
        chain=True,
        foreign=True,
    ),
    _Group(
        "ethnic_origin_foreign",
        RACIAL_ETHNIC_ORIGIN,
        _in_all_languages("ETHNIC_SELF_TERMS"),
        before=foreign.ETHNIC_PERSON_BEFORE,  # the noun comes first: "mujer mexicana"
        not_before=foreign.NOT_BEFORE,
        after=foreign.ETHNIC_PERSON_AFTER,  # German adjectives: "türkischer Herkunft"
        not_after=foreign.ETHNIC_NOT_A_PERSON_AFTER,
        chain=True,
        fragment=True,
        foreign=True,
    ),
    _Group(
        "origin_place_foreign",
        RACIAL_ETHNIC_ORIGIN,
        foreign.ES_ORIGIN_PLACE_TERMS,
        self_cues=False,
        third_person=False,
        before=foreign.ES_ORIGIN_CUES,
        determiners=True,
        plurals=False,
        foreign=True,
    ),
    _Group(
        "ethnic_declared_foreign",
        RACIAL_ETHNIC_ORIGIN,
        foreign.ETHNIC_DECLARED_TERMS,
        self_cues=False,
        third_person=False,
        before=foreign.DECLARED_CUES,
        foreign=True,
    ),
    _Group(
        "religion_foreign",
        RELIGION,
        _in_all_languages("RELIGION_TERMS"),
        standalone=True,
        before=foreign.RELIGION_BEFORE,
        not_before=foreign.NOT_BEFORE,
        after=foreign.RELIGION_AFTER,
        context=foreign.RELIGION_CONTEXT,
        foreign=True,
    ),
    _Group(
        "religion_self_foreign",
        RELIGION,
        _in_all_languages("RELIGION_SELF_TERMS"),
        before=foreign.RELIGION_BEFORE,
        not_before=(*lexicon.GREETING_BEFORE, *foreign.NOT_BEFORE),
        after=foreign.RELIGION_AFTER,
        not_after=(*lexicon.NOT_A_BELIEF_AFTER, *foreign.RELIGION_NOT_AFTER),
        chain=True,
        fragment=True,
        foreign=True,
    ),
    _Group(
        "religion_named_foreign",
        RELIGION,
        foreign.RELIGION_NAME_SELF_TERMS,
        before=foreign.RELIGION_BEFORE,
        not_before=(*lexicon.GREETING_BEFORE, *foreign.NOT_BEFORE),
        after=foreign.RELIGION_AFTER,
        not_after=(*lexicon.NOT_A_BELIEF_AFTER, *foreign.RELIGION_NOT_AFTER),
        chain=True,
        foreign=True,
    ),
    _Group(
        "worship_foreign",
        RELIGION,
        foreign.ES_WORSHIP_TERMS,
        self_cues=False,
        third_person=False,
        before=foreign.WORSHIP_BEFORE,
        determiners=True,
        not_after=foreign.WORSHIP_NOT_AFTER,
        foreign=True,
    ),
    _Group(
        "religion_declared_foreign",
        RELIGION,
        foreign.RELIGION_DECLARED_TERMS,
        self_cues=False,
        third_person=False,
        before=foreign.DECLARED_CUES,
        foreign=True,
    ),
    _Group(
        "union_foreign",
        UNION_MEMBERSHIP,
        _in_all_languages("UNION_TERMS"),
        standalone=True,
        before=foreign.UNION_BEFORE,
        determiners=True,
        context=foreign.UNION_CONTEXT,
        foreign=True,
    ),
    _Group(
        "union_cued_foreign",
        UNION_MEMBERSHIP,
        foreign.UNION_CUED_TERMS,
        self_cues=False,
        third_person=False,
        before=foreign.UNION_BEFORE,
        determiners=True,
        not_after=foreign.UNION_NOT_AFTER,
        context=foreign.UNION_CONTEXT,
        foreign=True,
    ),
    _Group(
        "orientation_foreign",
        SEXUAL_ORIENTATION_SEX_LIFE,
        _in_all_languages("ORIENTATION_TERMS"),
        standalone=True,
        before=foreign.ORIENTATION_BEFORE,
        context=lexicon.ORIENTATION_CONTEXT,
        foreign=True,
    ),
    _Group(
        "immigration_foreign",
        CITIZENSHIP_IMMIGRATION,
        _in_all_languages("IMMIGRATION_TERMS"),
        standalone=True,
        before=foreign.IMMIGRATION_BEFORE,
        determiners=True,
        context=foreign.IMMIGRATION_CONTEXT,
        foreign=True,
    ),
    _Group(
        "immigration_cued_foreign",
        CITIZENSHIP_IMMIGRATION,
        foreign.IMMIGRATION_CUED_TERMS,
        before=foreign.IMMIGRATION_BEFORE,
        determiners=True,
        not_after=foreign.IMMIGRATION_NOT_AFTER,
        context=foreign.IMMIGRATION_CONTEXT,
        foreign=True,
    ),
    _Group(
        "immigration_card_foreign",
        CITIZENSHIP_IMMIGRATION,
        foreign.IMMIGRATION_CARD_TERMS,
        self_cues=False,
        third_person=False,
        before=(*foreign.IMMIGRATION_BEFORE, *foreign.IMMIGRATION_CARD_BEFORE),
        determiners=True,
        context=foreign.IMMIGRATION_CONTEXT,
        counter=foreign.CARD_WORDS,
        foreign=True,
    ),
    _Group(
        "immigration_illegal_foreign",
        CITIZENSHIP_IMMIGRATION,
        foreign.IMMIGRATION_ILLEGAL_SELF_TERMS,
        self_cues=False,  # "eso es ilegal", "das ist illegal": a thing, not a person
        third_person=False,
        before=foreign.ILLEGAL_BEFORE,
        after=foreign.ILLEGAL_AFTER,
        not_after=lexicon.ILLEGAL_NOT_AFTER,
        foreign=True,
    ),
    _Group(
        "political_foreign",
        POLITICAL_OPINION,
        _in_all_languages("POLITICAL_TERMS"),
        standalone=True,
        before=foreign.POLITICAL_VOTE_BEFORE,
        determiners=True,
        context=foreign.POLITICAL_CONTEXT,
        foreign=True,
    ),
    _Group(
        "political_self_foreign",
        POLITICAL_OPINION,
        _in_all_languages("POLITICAL_SELF_TERMS"),
        before=foreign.POLITICAL_VOTE_BEFORE,
        determiners=True,
        not_before=foreign.NOT_BEFORE,
        chain=True,
        fragment=True,
        foreign=True,
    ),
    _Group(
        "political_vote_foreign",
        POLITICAL_OPINION,
        foreign.POLITICAL_VOTE_TERMS,
        self_cues=False,  # "es muy conservador" is as often about money
        third_person=False,
        before=foreign.POLITICAL_VOTE_BEFORE,
        determiners=True,
        foreign=True,
    ),
    _Group(
        "political_party_foreign",
        POLITICAL_OPINION,
        foreign.POLITICAL_PARTY_TERMS,
        self_cues=False,
        third_person=False,
        before=foreign.POLITICAL_VOTE_BEFORE,
        determiners=True,
        after=foreign.POLITICAL_VOTE_AFTER,
        context=foreign.POLITICAL_CONTEXT,
        foreign=True,
    ),
)


@dataclass(frozen=True)
class _Compiled:
    """One group with its cue regexes compiled (None where the group has no such cue)."""

    group: _Group
    before: regex.Pattern[str] | None
    # A foreign group's self cues, compiled apart from its own cues (shared by groups).
    self_before: regex.Pattern[str] | None
    not_before: regex.Pattern[str] | None
    after: regex.Pattern[str] | None
    not_after: regex.Pattern[str] | None
    context: regex.Pattern[str] | None
    counter: regex.Pattern[str] | None
    widen_before: regex.Pattern[str] | None = None
    widen_after: regex.Pattern[str] | None = None


@dataclass(frozen=True)
class _Lexicon:
    """Everything compiled from the lexicon: built once per process, shared by instances."""

    matcher: re.Pattern[str]
    everyday: re.Pattern[str]
    # Right after a term: a street, county or town word makes it a place's name.
    place: regex.Pattern[str]
    # A note fragment that is only the term (after fillers); Spanish, French and German
    # fillers too for the foreign groups.
    fragments: Fragments
    foreign_fragments: Fragments
    chain: regex.Pattern[str]
    foreign_chain: regex.Pattern[str]
    # Each spelling's groups: one, or one per language when languages share a spelling.
    terms: dict[str, tuple[_Compiled, ...]]
    # Groups matched by a shape rather than words, with their compiled shape.
    shaped: tuple[tuple[regex.Pattern[str], _Compiled], ...]


class _Spans:
    """Sorted, non-overlapping match spans with bisect look-ups (texts may hold thousands)."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Append a span that starts after every span already held."""
        self.starts.append(start)
        self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """True when a held span shares a character with ``[start, end)``."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def other_within(self, low: int, high: int, start: int, end: int) -> bool:
        """True when a held span other than ``[start, end)`` lies inside ``[low, high)``."""
        i = bisect.bisect_left(self.starts, low)
        while i < len(self.starts) and self.starts[i] < high:
            if self.ends[i] <= high and (self.starts[i], self.ends[i]) != (start, end):
                return True
            i += 1
        return False


_NO_SPANS = _Spans()


class ProtectedCharacteristicsRecognizer(LocalRecognizer):
    """Lexicon recognizer for the eight protected-characteristic categories, scored by cue.

    See the module docstring for the rules. The compiled lexicon is shared by
    every instance (``_lexicon`` is cached), so building the registry twice
    does not compile it twice.
    """

    NAME: ClassVar[str] = "ProtectedCharacteristicsRecognizer"
    ENTITIES: ClassVar[tuple[str, ...]] = (
        RACIAL_ETHNIC_ORIGIN,
        RELIGION,
        UNION_MEMBERSHIP,
        SEXUAL_ORIENTATION_SEX_LIFE,
        CITIZENSHIP_IMMIGRATION,
        POLITICAL_OPINION,
        GENETIC_DATA,
        BIOMETRIC_DATA,
    )
    SCORE: ClassVar[float] = 0.6
    CONTEXT_SCORE: ClassVar[float] = 0.7
    CUE_SCORE: ClassVar[float] = 0.85
    # How far a cue with its fillers may start before a term, and a phrase end after it.
    BEFORE_REACH: ClassVar[int] = 80
    AFTER_REACH: ClassVar[int] = 40
    # The sentence window searched for context and counter words.
    WINDOW_BEFORE: ClassVar[int] = 60
    WINDOW_AFTER: ClassVar[int] = 40

    def __init__(self) -> None:
        self._lexicon = _lexicon()
        # Presidio sets ``name`` untyped; keep a typed copy for the result metadata.
        self._recognizer_name = self.NAME
        super().__init__(
            supported_entities=list(self.ENTITIES),
            supported_language="en",
            name=self.NAME,
        )

    def load(self) -> None:
        """Nothing to load: the lexicon is compiled once, in ``_lexicon``."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Find lexicon terms, keep those whose group rule their context meets."""
        wanted = set(entities) & set(self.ENTITIES) if entities else set(self.ENTITIES)
        if not wanted:
            return []
        found = self._candidates(text)
        # Standalone terms are context for cued ones of their category: "baptist ... church".
        anchors: dict[str, _Spans] = {}
        for start, end, options in found:
            for entity_type in {c.group.entity_type for c in options if c.group.standalone}:
                anchors.setdefault(entity_type, _Spans()).add(start, end)
        results: list[RecognizerResult] = []
        # The last accepted term of each category, for "black and puerto rican".
        last: dict[str, tuple[int, float]] = {}
        for start, end, options in found:
            # A spelling of two languages counts under the first group whose rule it meets;
            # words that make it something else in one group do in all ("liberal with money").
            score: float | None = None
            for compiled in options:
                if self._something_else(text, start, end, compiled):
                    break
                entity_type = compiled.group.entity_type
                score = self._score(
                    text,
                    start,
                    end,
                    compiled,
                    anchors.get(entity_type, _NO_SPANS),
                    last.get(entity_type),
                )
                if score is not None:
                    break
            if score is None:
                continue
            last[entity_type] = (end, score)
            if entity_type in wanted:
                start, end = _widened(text, start, end, compiled)
                results.append(self._result(entity_type, start, end, score, compiled.group.name))
        return results

    def _candidates(self, text: str) -> list[tuple[int, int, tuple[_Compiled, ...]]]:
        """Lexicon and shape matches in text order, minus those overlapping everyday set phrases."""
        lex = self._lexicon
        everyday = _Spans(m.span() for m in lex.everyday.finditer(text))
        found: list[tuple[int, int, tuple[_Compiled, ...]]] = []
        for match in lex.matcher.finditer(text):
            options = lex.terms.get(_canonical(match.group()))
            if (
                options is not None
                and not everyday.overlaps(*match.span())
                and not lex.place.match(text, match.end())
            ):
                found.append((*match.span(), options))
        words = _Spans((start, end) for start, end, _ in found)
        for shape, compiled in lex.shaped:
            spans = [m.span() for m in all_matches(shape, text)]
            found.extend(
                (start, end, (compiled,))
                for start, end in spans
                if not words.overlaps(start, end) and not everyday.overlaps(start, end)
            )
        return sorted(found, key=lambda c: (c[0], c[1]))

    def _score(
        self,
        text: str,
        start: int,
        end: int,
        compiled: _Compiled,
        anchors: _Spans,
        previous: tuple[int, float] | None,
    ) -> float | None:
        """The term's score under its group's rule, or None when its context does not do.

        Call it only for a term that is not something else (``_something_else``).
        """
        group = compiled.group
        before_start = max(0, start - self.BEFORE_REACH)
        low, high = self._sentence(text, start, end)
        after = self._followed(text, end, compiled)
        if _searches(compiled.before, text, before_start, start) or _searches(
            compiled.self_before, text, before_start, start
        ):
            return self.CUE_SCORE
        lex = self._lexicon
        fragments = lex.foreign_fragments if group.foreign else lex.fragments
        if group.fragment and fragments.whole(text, start, end, before_start):
            return self.CUE_SCORE
        chain = lex.foreign_chain if group.foreign else lex.chain
        if (
            group.chain
            and previous is not None
            and previous[0] <= start
            and chain.fullmatch(text, previous[0], start, timeout=REGEX_TIMEOUT_SECONDS)
        ):
            return previous[1]
        if after:
            return self.CONTEXT_SCORE
        if compiled.context is not None and (
            self._near(compiled.context, text, start, end, low, high)
            or anchors.other_within(low, high, start, end)
        ):
            return self.CONTEXT_SCORE
        return self.SCORE if group.standalone else None

    def _something_else(self, text: str, start: int, end: int, compiled: _Compiled) -> bool:
        """True when words around the term make it something else under its group's rule."""
        if _matches(compiled.not_after, text, end, min(len(text), end + self.AFTER_REACH)):
            return True
        if compiled.counter is not None:
            low, high = self._sentence(text, start, end)
            if self._near(compiled.counter, text, start, end, low, high):
                return True
        # Words right before that make it something else ("my carrier", "hi i'm christian"),
        # unless the words after say otherwise ("the carrier of the sickle cell gene").
        before_start = max(0, start - self.BEFORE_REACH)
        return not self._followed(text, end, compiled) and _searches(
            compiled.not_before, text, before_start, start
        )

    def _followed(self, text: str, end: int, compiled: _Compiled) -> bool:
        """True when one of the group's person or phrase words comes right after the term."""
        after_end = min(len(text), end + self.AFTER_REACH)
        return compiled.after is not None and bool(
            compiled.after.match(text, end, after_end, timeout=REGEX_TIMEOUT_SECONDS)
        )

    def _sentence(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Bounds of the window around ``text[start:end]``, cut at its sentence's ends."""
        low = max(0, start - self.WINDOW_BEFORE)
        high = min(len(text), end + self.WINDOW_AFTER)
        for boundary in _SENTENCE_END.finditer(text, low, start, timeout=REGEX_TIMEOUT_SECONDS):
            low = boundary.end()
        first = _SENTENCE_END.search(text, end, high, timeout=REGEX_TIMEOUT_SECONDS)
        if first is not None:
            high = first.start()
        return low, high

    @staticmethod
    def _near(
        pattern: regex.Pattern[str], text: str, start: int, end: int, low: int, high: int
    ) -> bool:
        """Look for ``pattern`` in ``text[low:start]`` or ``text[end:high]``, not in the term."""
        return bool(
            pattern.search(text, low, start, timeout=REGEX_TIMEOUT_SECONDS)
            or pattern.search(text, end, high, timeout=REGEX_TIMEOUT_SECONDS)
        )

    def _result(
        self, entity_type: str, start: int, end: int, score: float, pattern: str
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


@functools.cache
def _lexicon() -> _Lexicon:
    """The compiled lexicon, built once per process.

    Compiling makes many short-lived objects and no cycles: the cyclic collector's
    passes over them would cost more than the compiling itself, so it is paused.
    """
    with collector_paused():
        return _compile_lexicon()


def _compile_lexicon() -> _Lexicon:
    """Compile the lexicon: one trie regex for all terms, one per cue list of each group."""
    fillers = _alternation(lexicon.FILLERS)
    foreign_fillers = _alternation(
        typed_spellings([*lexicon.FILLERS, *foreign.FILLERS, *foreign.FRAGMENT_FILLERS])
    )
    spellings: list[str] = []
    terms: dict[str, tuple[_Compiled, ...]] = {}
    shaped: list[tuple[regex.Pattern[str], _Compiled]] = []
    for group in _GROUPS:
        compiled = _compile_group(group)
        if group.shape is not None:
            shaped.append((regex.compile(group.shape, _FLAGS), compiled))
        if group.foreign:
            written = typed_spellings(_spelled(group.terms))  # no English plurals
        elif group.plurals:
            written = _with_plurals(group.terms)
        else:
            written = _spelled(group.terms)
        for spelled in written:
            spellings.append(spelled)
            options = terms.get(_canonical(spelled), ())
            # English spellings keep their first group; a foreign group joins any other.
            if not options or (group.foreign and not any(o is compiled for o in options)):
                terms[_canonical(spelled)] = (*options, compiled)
    everyday = [
        *_with_plurals(lexicon.NON_PROTECTED_PHRASES),
        *typed_spellings(_spelled(foreign.NON_PROTECTED_PHRASES)),
    ]
    return _Lexicon(
        matcher=compile_trie(_bounded(_trie_pattern(spellings))),
        everyday=compile_trie(_bounded(_trie_pattern(everyday))),
        place=regex.compile(
            r"[ \t]++(?:" + _alternation(lexicon.PLACE_SUFFIXES) + r")\.?(?!\w)", _FLAGS
        ),
        fragments=Fragments(fillers),
        foreign_fragments=Fragments(foreign_fillers),
        # Between two terms of one category: "black and puerto rican", "half black, half white".
        chain=_chain("and|or|plus", fillers),
        foreign_chain=_chain("and|or|plus|y|e|o|et|ou|und|oder|sowie", foreign_fillers),
        terms=terms,
        shaped=tuple(shaped),
    )


def _chain(connectors: str, fillers: str) -> regex.Pattern[str]:
    """What may stand between two terms of one category: a comma, a connector, fillers."""
    return regex.compile(
        r"[ \t]*(?:[,/&][ \t]*)?(?:(?:" + connectors + r")[ \t]+)?"
        r"(?:(?:" + fillers + r")[ \t]+){0,3}",
        _FLAGS,
    )


def _compile_group(group: _Group) -> _Compiled:
    """Compile one group's cue lists; an empty list compiles to None."""
    # A foreign group's phrases also match typed without accents; an English one's as listed.
    typed = typed_spellings if group.foreign else list
    shared: list[str] = []
    if group.self_cues and group.foreign:
        # The English field labels ("religion:") stand before foreign values too; the
        # English phrases do not ("i'm maya", "this is cristiano": a name).
        shared += [cue for cue in lexicon.SELF_CUES if cue.endswith(":")]
        shared += foreign.SELF_CUES
    elif group.self_cues:
        shared += lexicon.SELF_CUES
    if group.third_person and not group.foreign:
        shared += lexicon.THIRD_PERSON_CUES
    # A foreign group's fillers and determiners are its languages' ("es muy católica",
    # "miembro del sindicato"), as its cues are.
    articles = ("a", "an", "un", "una", "une", "ein", "eine", "einer")
    words = foreign if group.foreign else lexicon
    fillers = [f for f in words.FILLERS if group.articles or f not in articles]
    if group.determiners:
        fillers += words.DETERMINERS
    filler_words = tuple(typed(fillers))
    if group.foreign:
        # The self cues of three languages are long: compiled once, for every foreign
        # group, with the plain fillers (a determiner goes with a group's own cues).
        before = _cue_before(tuple(typed(group.before)), filler_words)
        self_before = _cue_before(tuple(typed(shared)), tuple(typed(foreign.FILLERS)))
    else:
        before = _cue_before((*group.before, *shared), filler_words)
        self_before = None
    counter = _words(tuple(typed(group.counter)))
    if group.counter_shape is not None:
        counter = counter + "|" + group.counter_shape if counter else group.counter_shape
    return _Compiled(
        group=group,
        before=before,
        self_before=self_before,
        not_before=_right_before(tuple(typed(group.not_before))),
        after=_following(tuple(typed(group.after))),
        not_after=_following(tuple(typed(group.not_after))),
        context=_anywhere(tuple(typed(group.context))),
        counter=regex.compile(counter, _FLAGS) if counter else None,
        widen_before=regex.compile(group.widen_before) if group.widen_before else None,
        widen_after=regex.compile(group.widen_after, _FLAGS) if group.widen_after else None,
    )


@functools.cache
def _cue_before(cues: tuple[str, ...], fillers: tuple[str, ...]) -> regex.Pattern[str] | None:
    """A cue, up to three fillers, then the term (None for no cues); cached, groups share."""
    if not cues:
        return None
    # ASR writes "we're" as "were", which is also the past tense ("they were white"):
    # "were" never counts as a cue.
    return regex.compile(
        r"(?<!\w)(?!were(?!\w))(?:" + _alternation(cues) + r")"
        r"(?:" + _SEP + r"(?:" + _alternation(fillers) + r")){0,3}" + _SEP + r"\Z",
        _FLAGS,
    )


@functools.cache
def _right_before(phrases: tuple[str, ...]) -> regex.Pattern[str] | None:
    """A regex finding one of ``phrases`` right before a term (one gap)."""
    if not phrases:
        return None
    return regex.compile(r"(?<!\w)(?:" + _alternation(phrases) + r")" + _SEP + r"\Z", _FLAGS)


@functools.cache
def _anywhere(phrases: tuple[str, ...]) -> regex.Pattern[str] | None:
    """A regex finding one of ``phrases`` as whole words anywhere."""
    return regex.compile(_words(phrases), _FLAGS) if phrases else None


_NOT_A_NAME_WORD = regex.compile(
    r"(?<!\w)(?:" + "|".join(lexicon.NOT_A_NAME_WORD) + r")[ \t]", _FLAGS
)
# How far a phrase may be widened on either side.
_WIDEN_REACH = 60


def _widened(text: str, start: int, end: int, compiled: _Compiled) -> tuple[int, int]:
    """The term's span grown over the words of its phrase ("carpenters" before "union")."""
    if compiled.widen_before is not None:
        low = max(0, start - _WIDEN_REACH)
        found = compiled.widen_before.search(text, low, start, timeout=REGEX_TIMEOUT_SECONDS)
        if found is not None:
            # The name starts after the last word that is never part of one.
            stops = list(_NOT_A_NAME_WORD.finditer(text, found.start(), start))
            start = stops[-1].end() if stops else found.start()
    if compiled.widen_after is not None:
        high = min(len(text), end + _WIDEN_REACH)
        found = compiled.widen_after.match(text, end, high, timeout=REGEX_TIMEOUT_SECONDS)
        if found is not None:
            end = found.end()
    return start, end


def _matches(pattern: regex.Pattern[str] | None, text: str, pos: int, endpos: int) -> bool:
    """True when ``pattern`` matches at ``pos`` (not beyond ``endpos``)."""
    return pattern is not None and bool(
        pattern.match(text, pos, endpos, timeout=REGEX_TIMEOUT_SECONDS)
    )


def _searches(pattern: regex.Pattern[str] | None, text: str, pos: int, endpos: int) -> bool:
    """True when ``pattern`` is found in ``text[pos:endpos]``."""
    return pattern is not None and bool(
        pattern.search(text, pos, endpos, timeout=REGEX_TIMEOUT_SECONDS)
    )


@functools.cache
def _following(phrases: tuple[str, ...]) -> regex.Pattern[str] | None:
    """A regex matching one of ``phrases`` right after a term (one gap, no line break)."""
    if not phrases:
        return None
    return regex.compile(_SEP + r"(?:" + _alternation(phrases) + r")(?!\w)", _FLAGS)


def _words(phrases: tuple[str, ...]) -> str:
    """Whole-word alternation of ``phrases``, or "" for none."""
    return _bounded(_alternation(phrases)) if phrases else ""


def _alternation(phrases: Iterable[str]) -> str:
    """Trie-shaped alternation of phrases written the lexicon's way."""
    return _trie_pattern(_spelled(phrases))


def _canonical(term: str) -> str:
    """Key a term or matched text: lowercase, no apostrophes or dots, single spaces for hyphens."""
    lowered = term.lower().replace(_CURLY, "").replace("'", "").replace(".", "")
    return " ".join(lowered.replace("-", " ").split())


def _spelled(terms: Iterable[str]) -> list[str]:
    """Each term as written for the trie: lowercase, straight apostrophes, single spaces."""
    return [" ".join(term.lower().replace(_CURLY, "'").replace("-", " ").split()) for term in terms]


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


def _with_plurals(terms: Iterable[str]) -> list[str]:
    """Every term and its plural, as written for the trie, without repeats."""
    written: dict[str, None] = {}
    for spelled in _spelled(terms):
        written.setdefault(spelled)
        plural = _plural(spelled)
        if plural is not None:
            written.setdefault(plural)
    return list(written)


def _trie_pattern(spellings: Iterable[str]) -> str:
    """One regex alternation for all spellings, shaped as a trie so the longest wins."""
    return trie_pattern(spellings, _char_pattern)


def _char_pattern(ch: str) -> str:
    if ch == " ":
        return _WORD_GAP
    if ch == "'":
        return _APOSTROPHE
    if ch == ".":
        return r"\.?"
    return str(regex.escape(ch))


def _bounded(pattern: str) -> str:
    """Whole words only: no letter or digit may touch either end."""
    return r"(?<!\w)(?:" + pattern + r")(?!\w)"
