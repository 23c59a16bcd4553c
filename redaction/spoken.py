"""The spoken form of a text or a call: canonical, spelled characters and numbers assembled.

Detection reads a text twice, as written (in its canonical form) and as said;
the dialogue reader and the live stream's hold rule read the spoken form of a
call, turn by turn. Every rewrite keeps its map back to the original.
"""

from __future__ import annotations

from collections.abc import Sequence

from redaction.canonical import canonical_form
from redaction.dialogue import DialogueState, Turn, read_dialogue
from redaction.mapped_text import MappedText
from redaction.normalize import normalize_numbers, says_nothing
from redaction.shorthand import expand_shorthand
from redaction.spanish import Language, gloss_spanish
from redaction.spelled import spell_out


def spoken_form(
    canon: MappedText, breaks: Sequence[int] = (), borders: Sequence[int] = ()
) -> MappedText:
    """The canonical text with spelled characters and spoken numbers assembled.

    ``breaks`` (offsets in the original) are where the other party starts to
    speak: no number runs across them. ``borders`` (offsets in the original)
    are where one segment ends and the next begins: typed digit groups on
    either side are one number.
    """
    spelled = canon.then(spell_out(canon.text, [canon.from_source(b) for b in breaks]))
    moved = [spelled.from_source(b) for b in breaks]
    edges = [spelled.from_source(b) for b in borders]
    return spelled.then(normalize_numbers(spelled.text, moved, edges))


def call_forms(
    text: str, turns: Sequence[Turn] = (), language: Language = Language.AUTO
) -> tuple[MappedText, MappedText]:
    """The canonical form of ``text`` (shorthand written out) and its spoken form.

    The spoken form reads Spanish and mixed segments in their English gloss
    (``redaction.spanish``): the lexicons read the canonical form, as written.
    """
    canon = canonical_form(text)
    canon = canon.then(expand_shorthand(canon.text))
    segments = [(canon.from_source(t.start), canon.from_source(t.end)) for t in turns]
    glossed = canon.then(gloss_spanish(canon.text, segments, language))
    return canon, spoken_form(glossed, _speaker_breaks(glossed, turns), _borders(turns))


def said_in_english(text: str, language: Language = Language.AUTO) -> str:
    """One segment as the number reader and the hold rule read it (Spanish glossed)."""
    return gloss_spanish(text, (), language).text


def value_pending(text: str, turns: Sequence[Turn], language: Language = Language.AUTO) -> bool:
    """True when the call so far ends inside a number the agent asked for (hold the rest)."""
    _, spoken = call_forms(text, turns, language)
    state = DialogueState()
    read_dialogue(spoken.text, spoken_turns(spoken, turns), state)
    return state.pending


def _borders(turns: Sequence[Turn]) -> list[int]:
    """Where each segment after the first begins: the separator before it is the border."""
    return [t.start - 1 for t in turns[1:]]


def spoken_turns(spoken: MappedText, turns: Sequence[Turn]) -> list[Turn]:
    """The turns' spans moved onto the spoken form."""
    return [Turn(t.speaker, spoken.from_source(t.start), spoken.from_source(t.end)) for t in turns]


def _speaker_breaks(said: MappedText, turns: Sequence[Turn]) -> list[int]:
    """Where the speaker changes, unless either side is a mere back-channel ("mm hmm", "ajá")."""
    quiet = [
        says_nothing(said.text[said.from_source(t.start) : said.from_source(t.end)]) for t in turns
    ]
    return [
        turns[i].start
        for i in range(1, len(turns))
        if turns[i].speaker is not turns[i - 1].speaker and not (quiet[i] or quiet[i - 1])
    ]
