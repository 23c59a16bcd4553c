"""Dialogue state: the agent's question types the customer's answer.

A call is read turn by turn, the way the agent hears it. An agent turn that
asks for something (``redaction.slot_table``) opens one *slot* per thing
asked, in order ("expiration and the code on the back" opens two). The
customer's following turns are read against the open slots:

- a value-shaped answer (digits, an ID, a date, the words of a secret) fills
  the next slot; a number longer than the slot needs goes on to the next;
- a back-channel ("okay", "mm hmm") or a prompt to go on ("and the rest?")
  moves nothing on; a follow-up ("and hers?", "the other card") re-opens
  the last request for someone else; any other agent turn closes the slots;
- an agent read-back of a value already given is that value again;
- a cue in the customer's own turn ("my passport number is", "..., that's
  my social") opens a slot for the value right beside it.

The input is the call's text in spoken form (numbers assembled as digits,
spelled characters as one token) and the turns' spans in it; the output is
the spans of values, typed by their slot. Pure: no Presidio, no I/O.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

import regex

from redaction.normalize import is_backchannel
from redaction.recognizers._cued import AnyOf, all_matches
from redaction.recognizers.aba_routing import aba_checksum_valid
from redaction.recognizers.payment_card import luhn_valid
from redaction.recognizers.ssn import is_issuable_ssn
from redaction.slot_table import (
    CHILDREN,
    CHILDREN_TOPIC,
    CONTINUE,
    DATE_PART_ANSWER,
    DATE_PART_QUESTION,
    FOLLOW_UP,
    ORDINARY_REQUEST,
    QUESTION,
    REPEAT,
    SLOT_TABLE,
    TOPIC_TURNS,
    Check,
    Shape,
    SlotSpec,
)
from redaction.span_index import SpanIndex
from redaction.turn_pieces import (
    Piece,
    answer_only,
    ends_turn,
    find_pieces,
    harmless,
    value_chars,
)
from redaction.types import Speaker
from redaction.word_answers import WORD, child_answer, oldest_age, secret_answer
from redaction.work_deadline import check_deadline

_FLAGS = regex.IGNORECASE | regex.UNICODE
# How many values a plural request ("the kids' socials") waits for, at most.
PLURAL_SLOTS = 4
# Slots open at once, at most: an agent asks for a few things in one turn, and a turn
# of hundreds of cues ("pin pin pin ...") must not make every later piece walk them all.
MAX_OPEN_SLOTS = 12
# Values remembered for read-backs: the agent reads back what was just given, and
# each read-back compares its pieces with every value remembered.
MAX_GIVEN = 64
_COUNTED = frozenset({Shape.DIGITS, Shape.ALNUM, Shape.DATE})
_REQUESTS = tuple((spec, regex.compile(spec.request, _FLAGS)) for spec in SLOT_TABLE)
# Every request at once: most turns ask for nothing, and one scan tells.
_ANY_REQUEST = AnyOf([pattern for _, pattern in _REQUESTS], _FLAGS)
_FOLLOW_UP = regex.compile(FOLLOW_UP, _FLAGS)
_CONTINUE = regex.compile(CONTINUE, _FLAGS)
_REPEAT = regex.compile(REPEAT, _FLAGS)
_QUESTION = regex.compile(QUESTION, _FLAGS)
_DATE_PART_QUESTION = regex.compile(DATE_PART_QUESTION, _FLAGS)
# A day of a month without a year, said with its ordinal: "the 25th of may", "may 3rd".
_DAY_OF_MONTH = regex.compile(
    r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+of\s+[a-z]+|[a-z]+\.?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)",
    _FLAGS,
)
_DATE_PART_ANSWER = regex.compile(DATE_PART_ANSWER, _FLAGS)
_ORDINARY_REQUEST = regex.compile(ORDINARY_REQUEST, _FLAGS)
_CHILDREN_TOPIC = regex.compile(CHILDREN_TOPIC, _FLAGS)
# A request in the plural ("socials", "kids' birthdays", "dates of birth"): one value each.
_PLURAL = regex.compile(r"(?<!['\u2019])s$|s['\u2019]$|\b(?:dates|numbers|codes|cards)\b", _FLAGS)
BRIDGE_BEFORE_WORDS = (
    "is are was it's its it that's thats number no num id of er ah like okay ok so"
    " the my his her their our would be should i think believe let me see check here says reads"
    " ends ending in with on card yes yeah sure what and then go ahead oh"
).split()
BRIDGE_AFTER_WORDS = (
    "that's thats that is was those are it's its it the my his her their our for as"
).split()


def _bridge(separators: str, words: list[str]) -> regex.Pattern[str]:
    """Separators and whole filler words, matched without backtracking (untrusted input)."""
    variants = {*words, *(w.replace("'", "\u2019") for w in words)}  # either apostrophe
    alternatives = "|".join(regex.escape(w) for w in sorted(variants, key=len, reverse=True))
    return regex.compile(
        rf"(?:[{separators}]++|\b(?>{alternatives}|um+|uh+)\b)*+", regex.IGNORECASE
    )


# What may stand between a caller's own cue and the value: "my passport number is ...".
_BRIDGE_BEFORE = _bridge(r"\s,:;#.\-", BRIDGE_BEFORE_WORDS)
# What may stand between the value and a cue after it: "C Z H T K W J, that's my license".
_BRIDGE_AFTER = _bridge(r" \t,;\-", BRIDGE_AFTER_WORDS)
_CONFIRM = regex.compile(
    r"\?|\b(?:correct|right|is\s+that|did\s+i\s+get|confirm|read\s+(?:that|it)\s+back)\b"
    r"|^\W*(?:(?:okay|ok|alright|great)\W+)?(?:so|that['\u2019]?s|that\s+is|i\s+have)\b",
    _FLAGS,
)


@dataclass(frozen=True)
class Turn:
    """One segment of the call: who spoke, and its span in the text read."""

    speaker: Speaker
    start: int
    end: int


@dataclass(frozen=True)
class SlotValue:
    """A value found because a slot expected it: its type and span in the text read."""

    entity_type: str
    start: int
    end: int
    years: int = 0  # a child's age said with it (the owner's policy decides up to which age)


@dataclass
class _OpenSlot:
    spec: SlotSpec
    need: int
    waited: int = 0
    asked: bool = True  # opened by the agent: it takes a number in parts


@dataclass
class _Request:
    spec: SlotSpec
    start: int
    end: int
    plural: bool = False  # "the kids' socials": one value for each


@dataclass
class DialogueState:
    """What the reader remembers between turns (also across a live call's batches)."""

    open: deque[_OpenSlot] = field(default_factory=deque)
    last_request: tuple[SlotSpec, ...] = ()
    given: dict[str, str] = field(default_factory=dict)  # value characters -> entity type
    partial: bool = False  # the call may stop mid-value: a cued value counts in part too
    just_given: bool = False  # the caller's last turn gave a value (the agent may read it back)
    pieces: dict[str, tuple[Piece, ...]] = field(default_factory=dict)  # this call's turns only
    children: int = 0  # turns left while the call is about the caller's children
    child_names: dict[str, int] = field(default_factory=dict)  # name -> age said with it

    @property
    def pending(self) -> bool:
        """True while the caller has given part of a number the agent asked for."""
        return any(
            s.asked and s.spec.shape is Shape.DIGITS and s.spec.max_len - s.need < s.spec.min_len
            for s in self.open
            if s.need < s.spec.max_len
        )


def read_dialogue(
    text: str, turns: Sequence[Turn], state: DialogueState | None = None
) -> list[SlotValue]:
    """The values in ``text`` that answer (or read back) what was asked for."""
    state = state if state is not None else DialogueState()
    found: list[SlotValue] = []
    if (
        not state.open
        and all(t.speaker is not Speaker.AGENT for t in turns)
        and not _ANY_REQUEST.search(text)
    ):
        return found  # nobody asks and nothing is named: no value answers anything
    pieces = find_pieces(text)  # once for the call; each turn takes its own below
    starts = [p.start for p in pieces]
    for turn in _whole_values(text, turns, pieces):
        check_deadline()
        said = text[turn.start : turn.end]
        if not said.strip():
            continue
        if said not in state.pieces:
            inside = pieces[bisect_left(starts, turn.start) : bisect_left(starts, turn.end)]
            state.pieces[said] = tuple(
                Piece(p.start - turn.start, min(p.end, turn.end) - turn.start, p.kind)
                for p in inside
            )
        state.children = TOPIC_TURNS if _CHILDREN_TOPIC.search(said) else state.children - 1
        if turn.speaker is Speaker.AGENT:
            read = _read_agent(said, turn.start, state)
        else:
            read = _read_customer(said, turn.start, state)
        found.extend(read)
        found.extend(_child_names_again(said, turn.start, state, read))
    return found


def _child_names_again(
    said: str, offset: int, state: DialogueState, read: list[SlotValue]
) -> list[SlotValue]:
    """A child's name given earlier, said again by either side ("and elijah?")."""
    if not state.child_names or state.children <= 0:
        return []
    values = SpanIndex((v.start, v.end) for v in read)
    return [
        SlotValue("CHILD_NAME", offset + m.start(), offset + m.end(), state.child_names[word])
        for m in WORD.finditer(said)
        if (word := m.group().lower()) in state.child_names and not values.holds(offset + m.start())
    ]


def _whole_values(text: str, turns: Sequence[Turn], pieces: Sequence[Piece]) -> list[Turn]:
    """Turns widened so a value said over several segments is read whole where it starts.

    The spoken form assembles "H" / "718" / "216" into one token ("H718216").
    """
    ends = [t.end for t in turns]
    crossing = [
        p
        for p in pieces
        if p.kind is not Shape.DATE
        and bisect_left(ends, p.start) < len(ends)
        and ends[bisect_left(ends, p.start)] < p.end
    ]
    if not crossing:
        return list(turns)
    out: list[Turn] = []
    floor = 0
    crossing_starts = [p.start for p in crossing]  # in order: pieces come sorted by start
    for turn in turns:
        start, end = max(turn.start, floor), turn.end
        # Only pieces starting inside the (growing) turn can widen it.
        at = bisect_left(crossing_starts, start)
        while at < len(crossing) and crossing[at].start < end:
            end = max(end, crossing[at].end)
            at += 1
        floor = max(floor, end)
        out.append(Turn(turn.speaker, start, max(start, end)))
    return out


def requests_in(said: str, topics: frozenset[str] = frozenset()) -> list[_Request]:
    """Every request in ``said``, in order; of overlapping ones the earlier row wins.

    Rows with a ``topic`` count only while the call is about it (``topics``).
    """
    taken: list[_Request] = []
    if not _ANY_REQUEST.search(said):  # most turns ask for nothing: one search
        return taken
    for spec, pattern in _REQUESTS:
        if spec.topic and spec.topic not in topics:
            continue
        # A row's matches never overlap each other: each is checked against the earlier
        # rows' requests only, then merged in (one sort of two sorted runs per row).
        earlier = SpanIndex((r.start, r.end) for r in taken)
        row = [
            _Request(
                spec,
                match.start(),
                match.end(),
                spec.shape in _COUNTED and bool(_PLURAL.search(match.group())),
            )
            for match in all_matches(pattern, said)  # behind the row's screens
            if match.end() > match.start() and not earlier.overlaps(match.start(), match.end())
        ]
        if row:
            taken = sorted(taken + row, key=lambda r: r.start)
    return taken


def _read_agent(said: str, offset: int, state: DialogueState) -> list[SlotValue]:
    """Read-backs in an agent turn; and what the turn does to the slots (open, keep, close)."""
    found = _read_backs(said, offset, state)
    if is_backchannel(said):
        return found
    # A read-back names what it reads back ("the tax id ending in 4934"); a request after it
    # is a new question ("..., and your date of birth?").
    last_echo = max((v.end - offset for v in found), default=-1)
    requests = [r for r in requests_in(said, _topics(state)) if r.start > last_echo]
    if not requests and _ORDINARY_REQUEST.search(said):
        state.open.clear()  # the phone, the zip, the address: the answer is the lead
    elif requests:
        specs = tuple(r.spec for r in requests[:MAX_OPEN_SLOTS])
        # A plural asks for one value per person or item: room for a few.
        state.open = deque(
            islice(
                (
                    _OpenSlot(r.spec, r.spec.max_len)
                    for r in requests
                    for _ in range(PLURAL_SLOTS if r.plural else 1)
                ),
                MAX_OPEN_SLOTS,
            )
        )
        state.last_request = specs
    elif (
        (_FOLLOW_UP.search(said) and len(said.split()) <= 10 and state.last_request)
        or (_REPEAT.search(said) and state.last_request)
        or _asks_date_part(said, state)
    ):
        state.open = deque(_OpenSlot(s, s.max_len) for s in state.last_request)
    elif _CONFIRM.search(said) and _turn_pieces(said, state) and state.last_request:
        # A read-back asked as a question: the value may come again, corrected.
        state.open = state.open or deque(_OpenSlot(s, s.max_len) for s in state.last_request)
    elif _QUESTION.search(said) or _ORDINARY_REQUEST.search(said):
        state.open.clear()  # a question about something else: the agent has moved on
    # A remark ("it's only used for a soft credit pull") leaves the question open.
    return found


def _asks_date_part(said: str, state: DialogueState) -> bool:
    """A question for the next part of a date just asked for ("what month?", "¿y el año?")."""
    return (
        len(state.last_request) == 1
        and state.last_request[0].shape is Shape.DATE
        and len(said.split()) <= 8
        and bool(_QUESTION.search(said) or said.rstrip().endswith("?"))
        and bool(_DATE_PART_QUESTION.search(said))
    )


def _date_part(said: str, state: DialogueState) -> list[tuple[int, int, str]] | None:
    """A turn that is only a part of the date asked for ("eleven", "march"), or None."""
    if not state.open or state.open[0].spec.shape is not Shape.DATE or not state.open[0].asked:
        return None
    part = _DATE_PART_ANSWER.fullmatch(said)
    if part is None:
        return None
    return [(part.start("part"), part.end("part"), state.open[0].spec.entity_type)]


def _read_backs(said: str, offset: int, state: DialogueState) -> list[SlotValue]:
    """Values the agent repeats: one given before, whole or four characters of it or more.

    In a confirming question ("so that's 9 6 3 3, correct?"), also one shaped like the last ask.
    """
    found: list[SlotValue] = []
    confirming = (
        bool(_CONFIRM.search(said))
        and state.just_given
        and bool(state.last_request)
        and not _ORDINARY_REQUEST.search(said)  # "call you back the 15th at 6:15?" is no echo
    )
    for piece in _turn_pieces(said, state):
        chars = value_chars(said[piece.start : piece.end])
        words = not any(ch.isdigit() for ch in chars) and said[piece.start : piece.end].islower()
        if harmless(said, piece) or (words and chars not in state.given):
            continue  # an agent's own lowercase words are words, unless they are a value given
        entity = state.given.get(chars) if len(chars) >= 3 else None
        if entity is None and len(chars) >= 4:
            entity = next((e for v, e in state.given.items() if chars in v), None)
        if entity is None and confirming and len(chars) >= 3:
            spec = state.last_request[0]
            if spec.shape in _COUNTED and (
                spec.shape is not Shape.DIGITS or piece.kind is Shape.DIGITS
            ):
                entity = spec.entity_type
        if entity is not None:
            found.append(SlotValue(entity, offset + piece.start, offset + piece.end))
    return found


def _topics(state: DialogueState) -> frozenset[str]:
    """What the call is about now (gates slot-table rows with a ``topic``)."""
    return frozenset({CHILDREN}) if state.children > 0 else frozenset()


def _read_customer(said: str, offset: int, state: DialogueState) -> list[SlotValue]:
    """Values in a customer turn that fill open slots or the caller's own cues."""
    own = requests_in(said, _topics(state))
    spans = _whole_answer(said, own, state)
    if spans is None and not own:
        spans = _date_part(said, state)
    if spans is None:
        spans = []
        cues = _Cues(own)
        for piece in _turn_pieces(said, state):
            queue = _slots_for(piece, said, cues, state)
            if not queue:
                continue
            partial = queue[0].asked or state.partial or ends_turn(said, piece)
            if _fits(queue[0].spec, piece, said, partial):
                spans.extend(_fill(piece, said, queue))
    years = oldest_age(said, spans)
    found = [
        SlotValue(entity, offset + start, offset + end, years if entity.startswith("CHILD") else 0)
        for start, end, entity in spans
    ]
    for start, end, entity in spans:
        if entity == "CHILD_NAME":
            state.child_names[said[start:end].lower()] = years
        else:
            _remember(state, value_chars(said[start:end]), entity)
    state.just_given = bool(found)
    if found and own and len({s.entity_type for s in state.last_request}) <= 1:
        # One thing asked, answered in the caller's own words ("I have an ITIN, it's ..."):
        # the question is answered. Of several asked, the others still wait.
        state.open = deque(s for s in state.open if s.need < s.spec.max_len or not s.asked)
    if not found:
        for slot in state.open:
            slot.waited += 1
        state.open = deque(s for s in state.open if s.waited <= s.spec.open_turns)
        # "my social is..." with the number in the next turn.
        state.open.extendleft(
            _OpenSlot(r.spec, r.spec.max_len, asked=False) for r in reversed(own[-1:])
        )
    state.open = deque(s for s in state.open if s.need > 0)
    return found


def _whole_answer(
    said: str, own: list[_Request], state: DialogueState
) -> list[tuple[int, int, str]] | None:
    """Spans for a slot the whole answer fills (a secret, children), or None for pieces."""
    words = [r for r in own if r.spec.shape in (Shape.SECRET, Shape.CHILD)]
    if words:
        spec, start = words[-1].spec, words[-1].end
        state.open = deque(s for s in state.open if s.spec.entity_type != spec.entity_type)
    elif own or not state.open or state.open[0].spec.shape not in (Shape.SECRET, Shape.CHILD):
        return None
    else:
        spec, start = state.open.popleft().spec, 0
    if spec.shape is Shape.CHILD:
        return child_answer(said, start, spec.asks)
    return secret_answer(said, start, spec)


def _turn_pieces(said: str, state: DialogueState) -> tuple[Piece, ...]:
    """The pieces of one turn, read once per call (the reader asks several times)."""
    pieces = state.pieces.get(said)
    if pieces is None:
        pieces = state.pieces[said] = find_pieces(said)
    return pieces


class _Cues:
    """A turn's own requests (in order, never overlapping) with bisect look-ups."""

    def __init__(self, own: list[_Request]) -> None:
        self.own = own
        self.starts = [r.start for r in own]
        self.ends = [r.end for r in own]  # sorted too: the requests do not overlap

    def last_before(self, position: int) -> _Request | None:
        """The last request ending at or before ``position``."""
        at = bisect_right(self.ends, position)
        return self.own[at - 1] if at else None

    def first_after(self, position: int) -> _Request | None:
        """The first request starting at or after ``position``."""
        at = bisect_left(self.starts, position)
        return self.own[at] if at < len(self.own) else None


def _remember(state: DialogueState, chars: str, entity: str) -> None:
    """Remember a value given, for read-backs; past ``MAX_GIVEN``, the oldest is forgotten."""
    state.given[chars] = entity
    while len(state.given) > MAX_GIVEN:
        del state.given[next(iter(state.given))]


def _slots_for(piece: Piece, said: str, cues: _Cues, state: DialogueState) -> deque[_OpenSlot]:
    """The slots a piece fills, first one first.

    The caller's own cue right before it, the agent's open question, or the caller's cue
    right after it ("…, that's my social").
    """
    state.open = deque(s for s in state.open if s.need > 0)  # filled earlier in this turn
    before = cues.last_before(piece.start)
    if before is not None and _BRIDGE_BEFORE.fullmatch(said, before.end, piece.start):
        spec = before.spec  # the caller answers it unasked: the agent's slot is filled too
        state.open = deque(s for s in state.open if s.spec.entity_type != spec.entity_type)
        state.open.appendleft(_OpenSlot(spec, spec.max_len, asked=False))
        return state.open
    if state.open:
        return state.open
    after = cues.first_after(piece.end)
    if after is not None and _BRIDGE_AFTER.fullmatch(said, piece.end, after.start):
        return deque([_OpenSlot(after.spec, after.spec.max_len, asked=False)])
    return deque()


def _fits(spec: SlotSpec, piece: Piece, said: str, partial: bool) -> bool:
    """True when the piece has the slot's shape (an agent's slot takes part of a number)."""
    if harmless(said, piece):
        return False
    chars = value_chars(said[piece.start : piece.end])
    if spec.shape is Shape.DIGITS:
        if piece.kind is Shape.DATE:
            # a card's expiry is a month and a year: "the 25th of may" is a day of a month
            return spec.takes_dates and not _DAY_OF_MONTH.fullmatch(said, piece.start, piece.end)
        if piece.kind is not Shape.DIGITS:
            return False
        if len(chars) >= spec.min_len:
            return True
        # Part of a number: a short part only when it is all the turn says ("6 0", "22").
        return partial and (len(chars) >= 3 or answer_only(said, piece))
    if spec.shape is Shape.ALNUM:
        return piece.kind is not Shape.DATE and len(chars) >= (
            min(spec.min_len, 4) if partial else spec.min_len
        )
    if spec.shape is Shape.DATE:
        return piece.kind is Shape.DATE or (piece.kind is Shape.DIGITS and len(chars) >= 3)
    return False


def _fill(piece: Piece, said: str, queue: deque[_OpenSlot]) -> list[tuple[int, int, str]]:
    """Spans of the piece and the types they fill, consuming the slots in ``queue`` in order.

    A number longer than the first slot needs goes on to the next ("1028 441" for the
    expiry and the code); one shorter leaves the slot open for the rest.
    """
    numeric = (Shape.DIGITS, Shape.DATE)
    if queue[0].spec.shape not in numeric or piece.kind is not Shape.DIGITS:
        slot = queue[0]
        slot.need -= len(value_chars(said[piece.start : piece.end]))
        if piece.kind is Shape.DATE or slot.need <= slot.spec.max_len - slot.spec.min_len:
            slot.need = 0
        return [(piece.start, piece.end, slot.spec.entity_type)]
    out: list[tuple[int, int, str]] = []
    start = piece.start
    while start < piece.end and queue and queue[0].spec.shape in numeric and queue[0].need:
        current = queue[0]
        followed = len(queue) > 1 and queue[1].spec.shape in numeric
        cut = _cut(said, start, piece.end, current, followed)
        out.append((start, cut, current.spec.entity_type))
        current.need -= len(value_chars(said[start:cut]))
        complete = current.need <= current.spec.max_len - current.spec.min_len
        if current.need <= 0 or (complete and cut < piece.end):
            current.need = 0
            queue.popleft()
        start = cut
        while start < piece.end and not said[start].isalnum():
            start += 1
    if len(value_chars(said[start : piece.end])) >= 3:  # more digits than asked for: fail safe
        out.append((start, piece.end, out[-1][2] if out else queue[0].spec.entity_type))
    return out


def _cut(said: str, start: int, end: int, slot: _OpenSlot, followed: bool) -> int:
    """Where the slot's value ends in ``said[start:end]``: a checked length, or what it needs."""
    positions = [i + 1 for i in range(start, end) if said[i].isdigit()]
    need = slot.need if not followed else min(slot.need, slot.spec.typical_len)
    if len(positions) <= need and not followed:
        return end
    longest = min(slot.need, len(positions))
    lengths = list(range(longest, slot.spec.min_len - 1, -1))
    if followed and slot.spec.typical_len <= longest:  # leave the rest to the next slot
        lengths.insert(0, slot.spec.typical_len)
    for length in lengths:
        digits = value_chars(said[start : positions[length - 1]])
        if _checked(slot.spec.check, digits):
            return positions[length - 1]
    return positions[min(need, len(positions)) - 1]


def _checked(check: Check, digits: str) -> bool:
    """True when ``digits`` pass the slot's checksum."""
    if check is Check.LUHN:
        return luhn_valid(digits)
    if check is Check.SSN:
        return is_issuable_ssn(digits)
    if check is Check.ABA:
        return aba_checksum_valid(digits)
    return False
