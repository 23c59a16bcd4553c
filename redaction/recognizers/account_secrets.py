"""Account secrets: passwords, PINs, one-time codes and security-question answers.

The CPRA counts an account log-in "in combination with any required security
or access code, password, or credentials" as sensitive PI. Removing the
secret breaks the combination, so the secret is what is removed; the login
or username beside it is ordinary contact data (often the caller's email)
and is kept.

A secret has no shape of its own (a password is any word, a PIN any digits),
so the value is defined by its place: the token(s) right after a cue ("my
password is", "pin number", "the code they texted me is", "my mother's
maiden name is"), with only bridge words ("is", "it's", "um", ":") between.
A number may also come first ("552913 is the code they sent"). A cue with no
value after it ("I forgot my password", "reset my pin") is nothing.

Deliberate choices:

- Promo, zip, area, confirmation and card codes are not account secrets; only
  named kinds of code count, and a bare "the code" only with "is"/":" and
  digits. "The code on the back" is the card security code recognizer's.
- A plain word right after "password" with no "is" is a compound ("password
  protected", "password reset"), unless a login was just named ("my login is
  jsmith and password hunter"). With digits or symbols it is a password.
- Answers are one to three words. PINs and codes may be said on the next
  line (segment); a word value only when the cue's line asked for it
  ("what's your mother's maiden name" / "garcia").
- Spoken digits arrive as digits in the normalized pass; the written pass
  also reads runs of number words ("four eight two one") so both agree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import ClassVar

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, all_matches
from redaction.span_index import outermost

_FLAGS = regex.IGNORECASE | regex.UNICODE


class SecretKind(enum.Enum):
    """What shape of value a cue announces."""

    PIN = "pin"  # digits
    CODE = "code"  # digits, or a typed token with a digit in it
    PASSWORD = "password"  # any token, spelled-out characters after it
    ANSWER = "answer"  # one to three words


# Words that a number can be said as ("four eight two one", "double five").
_NUMBER_WORDS = frozenset(
    """
    zero oh o one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy
    eighty ninety hundred thousand double triple
    """.split()
)
# Longest first, so "fourteen" is not read as "four".
_NUMBER_WORD = r"(?:" + "|".join(sorted(_NUMBER_WORDS, key=lambda w: (-len(w), w))) + r")(?![^\W_])"
# Possessive: a run of number words is read once, whole (up to 20), never given back
# word by word; what follows a run is never a number word, so nothing is lost (trying
# every shorter run at every word of "one two three ..." took 1.2 s on 200 KB).
_SPOKEN_NUMBER = _NUMBER_WORD + r"(?:[ \t]*+[,-]?[ \t]*+" + _NUMBER_WORD + r"){1,19}+"

# "pin for my online account", "password on the account".
_FOR_ACCOUNT = (
    r"(?:\s+(?:for|on|to|of|with)\s+(?:my|your|the|this|that|our|his|her|their)\s+"
    r"(?:[^\W\d_]+\s+)?(?:account|login|log\s?in|app|email|e-mail|portal|website|site|card"
    r"|phone|voicemail|profile))?"
)
_PIN_CUE = r"\bpin(?:\s*(?:number|no\.?|num|\#|code))?" + _FOR_ACCOUNT + r"(?![^\W_])"
_CODE_CUE = (
    r"\b(?:"
    r"(?<!\bcard\s{1,3})verification\s+(?:code|pin)"
    r"|(?:access|login|log[\s-]?in|sign[\s-]?in|auth(?:entication)?|2fa|two[\s-]?factor"
    r"|2[\s-]?step|mfa|otp|activation|reset|sms|text(?:ed)?|temporary|temp|one[\s-]?time"
    r"|1[\s-]?time)\s+(?:pass\s?)?codes?"
    r"|otp"
    r"|codes?\s+(?:that\s+)?(?:they|you|u|y['\u2019]?all|we|it|he|she|the\s+\w+|your\s+\w+)"
    r"\s+(?:just\s+)?(?:texted|sent|emailed|e-mailed|gave|messaged)"
    r"(?:\s+(?:me|us|you|him|her|to\s+me|to\s+my\s+phone|over))?"
    r"|codes?\s+(?:that\s+)?(?:i|we)\s+(?:just\s+)?(?:got|received|get)"
    r"|codes?\s+(?:from|in)\s+(?:the|your|my|that|a)\s+(?:text|email|e-mail|message|app|sms)"
    r"(?:\s+message)?"
    r")" + _FOR_ACCOUNT + r"(?![^\W_])"
)
# A bare "the code" counts only with "is"/":" and digits after it (not "the code on the back").
_BARE_CODE_CUE = r"\b(?:the|my|your|his|her|our)\s+code(?![^\W_])"
# "u: jdoe88 p: ...", "user jdoe88 / pass ...", "u/n: jdoe88 p/w: ...", the two on
# consecutive lines: a bare "p" or "pass" is a password only right after a username
# (alone, "p:" may be a phone). Label and "pass" are whole words ("Soto Underpass Apt."
# is an address, not "u" + "nder" + "pass"). The username is at most 64 characters (no backtracking
# over a long token).
# Matched forward from the username's label: a lookbehind would be tried at every
# position of every text.
_AFTER_USERNAME = (
    r"\b(?:u|u/n|usr|user|user\s?name|user\s?id|uname|login|log\s?in|id)(?![^\W_])"
    r"[ \t]*[:=]?[ \t]*\S{1,64}[ \t,;/|]*(?:\n[ \t]*){0,2}"
    r"\b(?:(?:p|p/w|pass|pw)(?=[ \t]*[:=])|(?:p/w|pass|pw)(?=[ \t]+\S))"
)
_PASSWORD_CUE = (
    r"\b(?:pass\s?words?|passwd|pwd|pw|pass\s?phrase|pass\s?code|pass\s?key"
    r"|secret\s+(?:word|phrase|code)|security\s+(?:word|phrase)"
    r"|(?:one|1)[\s-]?time\s+(?:password|pin))" + _FOR_ACCOUNT + r"(?![^\W_])"
)
_ANSWER_CUE = (
    r"\b(?:"
    r"(?:mother|mom|mum|mommy|mama)(?:['\u2019]?s)?\s+maiden\s+name"
    r"|(?:name\s+of\s+(?:my|your|his|her|the)\s+)?first\s+(?:pet|dog|cat)"
    r"(?:['\u2019]?s\s+name)?(?:\s+(?:was|is)\s+(?:a|an)\s+[^\W\d_]+)?(?:\s+(?:named|called))?"
    r"|(?:security|secret)\s+(?:question\s+)?answer"
    r"|answer\s+to\s+(?:my|your|his|her|the)\s+(?:security|secret)\s+question"
    r")(?![^\W_])"
)

# Between the cue and the value: ":", "is", "it's", "um", one segment break at most.
_SEPARATOR = r"[ \t]*+(?:[:=#,\-][ \t]*+)?(?:\n[ \t]*+)?"
_BRIDGE_WORD = (
    r"(?:is|was|are|were|be|would|should|will|it['\u2019]?s|its|it|that['\u2019]?s|thats"
    r"|um+|uh+|er|like|just|still|now|currently|set\s+to|gonna|going\s+to|probably|always)"
    r"(?![^\W_])"
)
_BRIDGE = r"(?P<bridge>" + _SEPARATOR + r"(?:" + _BRIDGE_WORD + _SEPARATOR + r"){0,5})"
# Bridges that say "the value follows" rather than a compound noun ("password reset").
_EXPLICIT = regex.compile(r"[:=#-]|\b(?:is|was|are|were|be|to|its|thats)\b|['\u2019]s\b", _FLAGS)

# Value shapes, matched at the position where the bridge ends.
_DIGITS = regex.compile(
    r"(?<![\w$.,/])\d(?:[ -]?\d){3,11}(?![\w%]|[ -]?\d|[.,/:]\d)|" + _SPOKEN_NUMBER, _FLAGS
)
_TYPED_CODE = regex.compile(
    r"(?=[a-z0-9-]*\d)[a-z0-9](?:-?[a-z0-9]){3,19}(?![\w-])|" + _SPOKEN_NUMBER, _FLAGS
)
_TOKEN = regex.compile(r"[^\s]+")
_WORD = regex.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", _FLAGS)
# What may follow a password's first token: spelled characters, digits, number words.
_SPELLED = regex.compile(
    r"[ \t]++(?:\d+|[b-hj-z]|" + _NUMBER_WORD + r"|capital|cap|upper\s?case|lower\s?case"
    r"|underscore|dash|hyphen|dot|period|hashtag|hash|star|asterisk"
    r"|(?:at|dollar|number|pound|percent|and)\s+sign|ampersand"
    r"|exclamation(?:\s+(?:point|mark))?|question\s+mark)(?![^\W_])",
    _FLAGS,
)
_SPACES = regex.compile(r"[ \t]++")
_LEADING = "\"'(\u201c\u2018["
_TRAILING = ".,;:?)]}\"'\u201d\u2019"
# A count after the value says it describes the secret ("12 characters long").
_COUNT_NOUN = regex.compile(
    r"[ \t]*+(?:characters?|chars?|digits?|letters?|numbers?|symbols?|times|tries|attempts"
    r"|days?|weeks?|months?|years?|hours?|minutes?)\b",
    _FLAGS,
)
_LOGIN = regex.compile(
    r"\b(?:log[\s-]?in|user\s?name|user\s?id|login\s+id|e-?mail|account\s+(?:name|id))\b", _FLAGS
)
LOGIN_WINDOW = 60
# An agent's question for the secret: its answer may be the next segment.
_ASKED = regex.compile(
    r"\b(?:what(?:['\u2019]?s|\s+is|\s+was)?|can\s+(?:you|i\s+(?:get|have))|could\s+you"
    r"|would\s+you|verify|confirm|tell\s+me|give\s+me|read\s+(?:me|off|out))\b",
    _FLAGS,
)

# Words that are not a secret's value: function words, fillers, and what people say
# *about* a password ("it's case sensitive", "it expired").
_NOT_A_VALUE = frozenset(
    """
    a an the my your his her its our their this that these those it it's is was are were be
    been being am do does did don't doesn't didn't not no nope none nothing never and or but
    so because if then than to too of in on at by for from with about as into over under up
    down out off i i'm im i've i'll me we we're us you you're he he's she she's they they're
    them him who what what's whats which where when why how um umm uh uhh er erm ah hmm like
    just well okay ok yeah yes yep sure right alright actually basically literally really very
    kind sort can could would should will shall may might must gonna wanna gotta have has had
    same different something anything everything there here still also only even again already
    please thanks thank sorry hold wait hang protected required needed expired expiring
    locked wrong incorrect correct invalid valid reset changed changing saved stored written
    forgotten forgot lost stolen compromised case sensitive long short strong weak new old
    blank empty hidden secure supposed going working set updated asterisks dots
    usually normally probably
    """.split()
)
MAX_SPELLED_TOKENS = 16
MAX_PASSPHRASE_WORDS = 3
MAX_ANSWER_WORDS = 3


@dataclass(frozen=True)
class _Cue:
    """One cue pattern: the kind of value it announces, and if it needs an explicit bridge."""

    name: str
    pattern: str
    kind: SecretKind
    needs_explicit_bridge: bool


_CUES = (
    _Cue("pin", _PIN_CUE, SecretKind.PIN, needs_explicit_bridge=False),
    _Cue("code", _CODE_CUE, SecretKind.CODE, needs_explicit_bridge=False),
    _Cue("bare_code", _BARE_CODE_CUE, SecretKind.PIN, needs_explicit_bridge=True),
    _Cue("password", _PASSWORD_CUE, SecretKind.PASSWORD, needs_explicit_bridge=False),
    _Cue("after_username", _AFTER_USERNAME, SecretKind.PASSWORD, needs_explicit_bridge=False),
    _Cue("security_answer", _ANSWER_CUE, SecretKind.ANSWER, needs_explicit_bridge=True),
)

# "552913 is the code they texted me", "4821, that's my pin".
# What must follow such a number: "is my pin", ", that's the code".
_CUE_AFTER_VALUE = (
    r"[ \t]*+,?[ \t]*+(?:is|was|that['\u2019]?s|thats|that\s+is|it['\u2019]?s|its|those\s+are)"
    r"[ \t]++(?:my|the|your|our|his|her)[ \t]++(?:" + _PIN_CUE + r"|" + _CODE_CUE + r"|code"
    r"|pass\s?code|password)(?!\s+(?:on|from)\s+the\s+(?:back|front|card))(?![^\W_])"
)
_VALUE_BEFORE_CUE = (
    r"(?<![\w$.,/-])(?P<value>\d(?:[ -]?+\d){3,11}+|" + _SPOKEN_NUMBER + r")" + _CUE_AFTER_VALUE
)


class AccountSecretRecognizer(LocalRecognizer):
    """The value right after (or, for numbers, right before) a secret's cue.

    Not a ``CuedPatternRecognizer``: there the value has a shape and the cue
    stands anywhere in a window; here the cue's end is what says where the
    value starts, so cue, bridge and value are read as one.
    """

    ENTITY: ClassVar[str] = "ACCOUNT_SECRET"
    SCORE: ClassVar[float] = 0.85
    # A plain word after "password" with no "is", counted for a login named before.
    LOGIN_PAIR_SCORE: ClassVar[float] = 0.7

    def __init__(self) -> None:
        self._cues = tuple((cue, regex.compile(cue.pattern + _BRIDGE, _FLAGS)) for cue in _CUES)
        self._value_before = regex.compile(_VALUE_BEFORE_CUE, _FLAGS)
        self._cue_after_value = regex.compile(_CUE_AFTER_VALUE, _FLAGS)
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language="en",
            name=type(self).__name__,
        )

    def load(self) -> None:
        """Patterns are compiled in ``__init__``; nothing to load."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Secrets after their cues, and numbers said before one."""
        if entities and self.ENTITY not in entities:
            return []
        found: dict[tuple[int, int], tuple[float, str]] = {}
        for cue, compiled in self._cues:
            for match in all_matches(compiled, text):
                value = self._value_after(text, match, cue)
                if value is not None:
                    start, end, score = value
                    found.setdefault((start, end), (score, cue.name))
        # Reading every number as a possible value is worth it only where a cue follows one.
        has_cue_after = self._cue_after_value.search(text, timeout=REGEX_TIMEOUT_SECONDS)
        for match in all_matches(self._value_before, text) if has_cue_after else ():
            found.setdefault(match.span("value"), (self.SCORE, "value_before_cue"))
        results = [
            self._result(start, end, score, name) for (start, end), (score, name) in found.items()
        ]
        return outermost(results)

    def _value_after(
        self, text: str, match: regex.Match[str], cue: _Cue
    ) -> tuple[int, int, float] | None:
        """(start, end, score) of the value the cue leads into, or None."""
        bridge = match.group("bridge")
        cue_text = text[match.start() : match.start("bridge")].lower()
        explicit = cue_text.endswith(("named", "called")) or bool(
            _EXPLICIT.search(bridge, timeout=REGEX_TIMEOUT_SECONDS)
        )
        numeric = cue.kind in (SecretKind.PIN, SecretKind.CODE)
        if "\n" in bridge and not (numeric and not cue.needs_explicit_bridge):
            # A value on the next line answers only a question ("what's your mother's
            # maiden name" / "garcia"); otherwise it is a new thought.
            if not self._asked(text, match.start()):
                return None
            explicit = True
        if cue.needs_explicit_bridge and not explicit:
            return None
        pos = match.end()
        if numeric:
            shape = _DIGITS if cue.kind is SecretKind.PIN else _TYPED_CODE
            value = shape.match(text, pos, timeout=REGEX_TIMEOUT_SECONDS)
            if value is None or _COUNT_NOUN.match(text, value.end()):
                return None
            return value.start(), value.end(), self.SCORE
        if cue.kind is SecretKind.ANSWER:
            span = _read_answer(text, pos)
            return None if span is None else (*span, self.SCORE)
        span = _read_password(text, pos)
        if span is None:
            return None
        start, end = span
        first = _TOKEN.match(text, start)
        looks_like_password = first is not None and not _WORD.fullmatch(first.group())
        if explicit or looks_like_password:
            return start, end, self.SCORE
        if self._login_before(text, match.start()):
            return start, end, self.LOGIN_PAIR_SCORE
        return None

    def _asked(self, text: str, cue_start: int) -> bool:
        """True when the cue's line asks for the secret ("what's your", "can you verify")."""
        low = text.rfind("\n", 0, cue_start) + 1
        return bool(_ASKED.search(text, low, cue_start, timeout=REGEX_TIMEOUT_SECONDS))

    def _login_before(self, text: str, cue_start: int) -> bool:
        """True when a login or username is named earlier on the cue's line."""
        window = max(0, cue_start - LOGIN_WINDOW)  # rfind stops there, not at the text's start
        low = max(window, text.rfind("\n", window, cue_start) + 1)
        return bool(_LOGIN.search(text, low, cue_start, timeout=REGEX_TIMEOUT_SECONDS))

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


def _core(token: str) -> tuple[int, int]:
    """Offsets of ``token`` without the quotes and sentence punctuation around it."""
    start, end = 0, len(token)
    while start < end and token[start] in _LEADING:
        start += 1
    while end > start and token[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _is_value_word(word: str) -> bool:
    return word.lower().replace("\u2019", "'") not in _NOT_A_VALUE


def _read_password(text: str, pos: int) -> tuple[int, int] | None:
    """Span of a password starting at ``pos``: one token, then spelled characters or words.

    A typed password is one token ("Hunter22!"). A spoken one goes on with
    digits, number words and spelled characters ("hunter two two", "h u n t
    e r", "capital h"); a passphrase with up to three plain words.
    """
    token = _TOKEN.match(text, pos)
    if token is None:
        return None
    lead, tail = _core(token.group())
    start, end = pos + lead, pos + tail
    if start >= end or not _is_value_word(text[start:end]):
        return None
    if _COUNT_NOUN.match(text, end):
        return None
    if tail < len(token.group()):
        return start, end  # punctuation after it closes the value
    words = 1 if _WORD.fullmatch(text, start, end) else MAX_PASSPHRASE_WORDS
    for _ in range(MAX_SPELLED_TOKENS):
        spelled = _SPELLED.match(text, end, timeout=REGEX_TIMEOUT_SECONDS)
        if spelled is not None:
            end = spelled.end()
            continue
        gap = _SPACES.match(text, end)
        word = _WORD.match(text, gap.end()) if gap else None
        if (
            word is None
            or words >= MAX_PASSPHRASE_WORDS
            or not _is_value_word(word.group())
            or word.group().lower() in _NUMBER_WORDS
        ):
            break
        end, words = word.end(), words + 1
    return start, end


def _read_answer(text: str, pos: int) -> tuple[int, int] | None:
    """Span of one to three answer words starting at ``pos``; stops at punctuation."""
    end = pos
    for count in range(MAX_ANSWER_WORDS):
        at = end
        if count:
            gap = _SPACES.match(text, end)
            if gap is None:
                break
            at = gap.end()
        word = _WORD.match(text, at)
        if word is None or not _is_value_word(word.group()):
            break
        end = word.end()
    return None if end == pos else (pos, end)
