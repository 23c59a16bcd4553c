import pytest

from redaction.normalize import is_backchannel, normalize_numbers, tail_may_continue
from redaction.spelled import spell_out


@pytest.mark.parametrize(
    "spoken, expected",
    [
        # digits and words mixed
        ("one six seven uh nine two 4159", "167924159"),
        ("4111 one one one one", "41111111"),
        ("four one one one, 1111, 1111, one one one one", "4111111111111111"),
        ("5 3 6 2 2", "53622"),
        ("my social is five three six, twenty two, oh four seven four", "my social is 536220474"),
        ("ONE TWO THREE", "123"),
        ("one-two-three", "123"),
        # pairs
        ("thirty seven thirty nine", "3739"),
        ("ninety nine ninety nine", "9999"),
        ("eleven twelve", "1112"),
        # a hyphen inside one number word is no pause
        pytest.param("536 twenty-two 8174", "536228174"),
        pytest.param("thirty-seven thirty-nine", "3739"),
        pytest.param("seven nine sixty-one", "7961"),
        ("five hundred twenty-three", "523"),
        # a pause (punctuation) ends a spoken group
        ("nine hundred, fifty four", "90054"),
        # hundreds and thousands
        ("one forty nine", "149"),
        ("five hundred twenty three", "523"),
        ("five hundred and twenty three", "523"),
        ("one hundred one", "101"),
        ("two hundred", "200"),
        ("fifteen hundred", "1500"),
        ("two thousand seven", "2007"),
        ("two thousand and seven", "2007"),
        pytest.param("one thousand five hundred", "1500"),
        pytest.param("twenty five hundred", "2500"),
        # double and triple
        ("double five one two", "5512"),
        ("triple seven", "777"),
        ("double oh seven", "007"),
        ("double double five", "double double five"),
        # "oh" and "o" for zero
        ("oh four seven four", "0474"),
        ("five o five", "505"),
        ("room one oh five", "room 105"),
        ("one o one", "101"),
        # a lone "oh" first is an interjection, not a zero
        ("oh, five five five one two one two", "oh, 5551212"),
        # fillers and continuations inside one number
        ("five three six, the rest is two two eight", "536228"),
        ("five three six and then two two eight", "536228"),
        ("five three six let me see two two eight one", "5362281"),
        ("five three six sorry two two eight", "536228"),
        ("five three six, next, two two eight", "536228"),
        ("five five five dash one two one two", "5551212"),
        ("one two three, it's four five six", "123456"),
        pytest.param(
            "five three six, after that two two eight",
            "536228",
        ),
        pytest.param(
            "one two three, it\u2019s four five six",
            "123456",
        ),
        # five fillers between digits still join; six do not
        ("one two three um um um um um four five six", "123456"),
        ("one two three um um um um um um four five six", "123 um um um um um um 456"),
        # dates said as digits and pairs
        ("seven nine sixty one", "7961"),
        ("twenty twenty three", "2023"),
        ("nineteen eighty four", "1984"),
        # typed groups are left as written
        ("602 555 0178", "602 555 0178"),
        ("536-22-8174", "536-22-8174"),
        ("4111 1111 1111 1111", "4111 1111 1111 1111"),
        ("my zip is 90210", "my zip is 90210"),
        # too few digits, or not numbers at all
        ("I have two dogs and one cat", "I have two dogs and one cat"),
        ("sixty one", "sixty one"),
        ("forty", "forty"),
        ("1 2", "1 2"),
        ("a hundred", "a hundred"),
        ("it's 4th street, one two", "it's 4th street, one two"),
        ("K4412 one two three", "K4412 123"),
        ("nothing to see here", "nothing to see here"),
    ],
)
def test_when_spoken_numbers_normalized_then_text_matches_table(spoken: str, expected: str) -> None:
    mapped = normalize_numbers(spoken)
    assert mapped.text == expected
    assert mapped.changed is (expected != spoken)


@pytest.mark.parametrize(
    "spoken, break_words, expected",
    [
        # no break: a back-channel between is skipped
        ("five three six\nyes\none two three", [], "536123"),
        # the other party said "yes": the number stops there
        ("five three six\nyes\none two three", ["yes"], "536\nyes\n123"),
        # a break before the agent's words, which are not numbers
        ("my zip is nine oh two\nokay\none oh", ["okay"], "my zip is 902\nokay\none oh"),
        # the other party starts with a number: the break is at that number's first word
        pytest.param(
            "my number is five five five\none two three",
            ["one"],
            "my number is 555\n123",
        ),
    ],
)
def test_when_speaker_break_given_then_run_does_not_cross_it(
    spoken: str, break_words: list[str], expected: str
) -> None:
    breaks = [spoken.index(word) for word in break_words]
    assert normalize_numbers(spoken, breaks).text == expected


@pytest.mark.parametrize(
    "spoken, start, end, expected_words",
    [
        # the whole run maps to the words that said it, fillers between included
        ("one six seven uh nine two 4159", 0, 9, ["one six seven uh nine two 4159"]),
        # one digit maps to its one word; a typed group's digits to the group
        ("one six seven uh nine two 4159", 1, 2, ["six"]),
        ("one six seven uh nine two 4159", 3, 5, ["nine two"]),
        ("one six seven uh nine two 4159", 5, 9, ["4159"]),
        ("4111 one one one one", 0, 1, ["4111"]),
        ("4111 one one one one", 4, 5, ["one"]),
        # several digits from one phrase
        ("it's double five one two ok", 5, 7, ["double five"]),
        ("code five hundred twenty three", 6, 7, ["five hundred twenty three"]),
        ("thirty seven thirty nine", 0, 1, ["thirty"]),
        ("thirty seven thirty nine", 1, 2, ["seven"]),
        # across segments: one span each, the back-channel segment untouched
        ("five three six\nokay\ntwo two eight one seven four", 0, 9,
         ["five three six", "two two eight one seven four"]),
        ("five three six\nokay\ntwo two eight one seven four", 2, 4, ["six", "two"]),
    ],
)  # fmt: skip
def test_when_digits_mapped_back_then_spans_are_the_words_said(
    spoken: str, start: int, end: int, expected_words: list[str]
) -> None:
    mapped = normalize_numbers(spoken)
    assert [spoken[s:e] for s, e in mapped.source_spans(start, end)] == expected_words


@pytest.mark.parametrize(
    "text, expected",
    [
        # ends in a number, maybe with hesitations after it
        ("my social is five five five", True),
        ("4111, um,", True),
        ("five five five.", True),
        ("one two three the rest", True),
        ("five five five, um, let me", True),
        ("12 um um um um um", True),
        # finished, or no number at the end
        ("five five five, that's it", False),
        ("five five five right", False),
        ("12 um um um um um um", False),
        ("nothing here", False),
        ("", False),
    ],
)
def test_when_tail_read_then_may_continue_matches_table(text: str, expected: bool) -> None:
    assert tail_may_continue(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # fillers only
        ("uh huh", True),
        ("okay go ahead", True),
        ("mm-hmm", True),
        ("Mm-hmm.", True),
        ("yes.", True),
        ("that's it", True),
        pytest.param("that\u2019s it", True),
        # anything more
        ("", False),
        ("okay, five", False),
        ("what's your name", False),
        ("536", False),
    ],
)
def test_when_segment_read_then_backchannel_matches_table(text: str, expected: bool) -> None:
    assert is_backchannel(text) is expected


@pytest.mark.parametrize(
    "said, expected",
    [
        # "<letter> as in / for / like <word>"
        ("it's q as in queen, r, s, t, 4", "it's QRST4"),
        ("b for boy a d g e", "BADGE"),
        ("D as in dog 1 2 3 4", "D1234"),
        ("M like mary, n like nancy, 4 4 1", "MN441"),
        # spelling-alphabet words
        ("x-ray yankee zulu one two", "XYZ12"),
        ("b for boy x-ray seven seven one", "BX771"),
        ("X-ray Alpha 1 2 3", "XA123"),
        ("k l alpha 3 4", "KLA34"),
        pytest.param(
            "alpha bravo charlie delta echo",
            "ABCDE",
        ),
        pytest.param(
            "lima alpha one two three",
            "LA123",
        ),
        # letters said alone
        ("k l m n p", "KLMNP"),
        ("I'm going to spell it: s m i t h", "I'm going to spell it: SMITH"),
        ("i'm at a b c d e", "i'm at ABCDE"),
        # letters and digits mixed
        ("8 K A 4 V J 9 U T 9 8", "8KA4VJ9UT98"),
        ("eight K A four V J nine", "8KA4VJ9"),
        ("W two two zero dash four four one", "W220441"),
        ("my id is j, m, 4, 4, 1", "my id is JM441"),
        # "o" between digit words is a zero, not the letter O
        ("k l one o five", "KL105"),
        ("x-ray one o five seven", "X1057"),
        # ordinary text: left as written
        ("I have a dog", "I have a dog"),
        ("Mike and Oscar went", "Mike and Oscar went"),
        ("Mike Romeo", "Mike Romeo"),
        ("Tango Tango", "Tango Tango"),
        ("a b c", "a b c"),
        ("a i a i a", "a i a i a"),
        ("one two o three four", "one two o three four"),
        ("q as in queen", "q as in queen"),
        ("the plan is B for boy.", "the plan is B for boy."),
        ("he said, X 4 4 5", "he said, X 4 4 5"),
    ],
)
def test_when_spelled_out_then_text_matches_table(said: str, expected: str) -> None:
    mapped = spell_out(said)
    assert mapped.text == expected
    assert mapped.changed is (expected != said)


@pytest.mark.parametrize(
    "said, expected_units",
    [
        ("q as in queen r s t 4", ["q as in queen", "r", "s", "t", "4"]),
        ("x-ray 12 k l", ["x-ray", "1", "2", "k", "l"]),
        ("8 K A 4 V", ["8", "K", "A", "4", "V"]),
        ("eight K A four V J", ["eight", "K", "A", "four", "V", "J"]),
    ],
)
def test_when_spelled_out_then_each_character_maps_to_its_unit(
    said: str, expected_units: list[str]
) -> None:
    mapped = spell_out(said)
    assert [said[slice(*mapped.to_source(i, i + 1))] for i in range(len(mapped.text))] == (
        expected_units
    )
