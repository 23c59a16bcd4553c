import pytest

from redaction.normalize import normalize_numbers
from redaction.recognizers.date_of_birth import DateOfBirthRecognizer
from tests.assertions import assert_spans

ENTITY = "DATE_OF_BIRTH"


@pytest.fixture(scope="module")
def recognizer() -> DateOfBirthRecognizer:
    return DateOfBirthRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: typed numeric, ISO and month-name dates with a cue before
        ("DOB: 03/15/1950", 1, [(5, 15)]),
        ("dob 03-Feb-1958", 1, [(4, 15)]),
        ("born 3/feb/58 per cust", 1, [(5, 13)]),
        ("cust dob 19580203 verified", 1, [(9, 17)]),
        ("exp 03-Feb-2027", 0, []),
        ("dob 03FEB1958", 1, [(4, 13)]),
        ("date of birth 3-15-50", 1, [(14, 21)]),
        ("Date of Birth: 12.25.1980", 1, [(15, 25)]),
        ("born 1950-03-15", 1, [(5, 15)]),
        ("d o b is march 3rd, 1954", 1, [(9, 24)]),
        ("date of birth: Jan. 5, 1960", 1, [(15, 27)]),
        ("birthdate 25/12/1980", 1, [(10, 20)]),
        ("born 3 may '54", 1, [(5, 14)]),
        # valid: the agent asks in the segment before the answer
        ("Can I get your date of birth?\nIt's 3/5/1948.", 1, [(35, 43)]),
        ("And your date of birth?\nI was born March 3rd 1954.", 1, [(35, 49)]),
        ("what's your date of birth\nuh let me think its 12/25/1980", 1, [(46, 56)]),
        # valid: spoken dates as they arrive normalized
        ("what's your date of birth\n03151950", 1, [(26, 34)]),
        ("date of birth\n122580", 1, [(14, 20)]),
        ("date of birth\n1251980", 1, [(14, 21)]),
        ("birthday\n19500315", 1, [(9, 17)]),
        ("date of birth\nmarch 231954", 1, [(14, 26)]),
        ("date of birth\nmarch 31954", 1, [(14, 25)]),
        ("dob is the twenty third of march 1954", 1, [(11, 37)]),
        ("i was born on march twenty third 1954", 1, [(14, 37)]),
        ("i was born march thirtieth 1954", 1, [(11, 31)]),
        ("what's your dob\nit's march third fifty four", 1, [(21, 43)]),
        ("date of birth\nmay fifth 1950", 1, [(14, 28)]),
        ("born the 3rd of may 1954", 1, [(9, 24)]),
        # valid: cue after the date
        ("03/15/1950 is my birthday", 1, [(0, 10)]),
        ("03151950 thats my date of birth", 1, [(0, 8)]),
        # valid: month and day without a year, right after the cue
        ("my birthday is march 23rd", 1, [(15, 25)]),
        ("my birthday's the fourth of july", 1, [(18, 32)]),
        ("born on july fourth", 1, [(8, 19)]),
        ("dob 12/25", 1, [(4, 9)]),
        # valid: only the birth date when another date stands near it
        ("date of birth 03/15/1950 and my policy started 03/15/2019", 1, [(14, 24)]),
        ("03/15/2019 my birthday is 03/15/1950", 1, [(26, 36)]),
        ("the card expires 04/27 and my dob is 12/25/1980", 1, [(37, 47)]),
        ("dob 12/25/1980 and the appointment is march 5th 2025 at 10:30", 1, [(4, 14)]),
        ("date of birth please\nsure it's 03151950 and my zip is 43215", 1, [(31, 39)]),
        # valid: a date phrase inside the birth question does not name the answer
        ("what's your date of birth on the policy?\n03/15/1950", 1, [(41, 51)]),
        ("Can I get your date of birth for the coverage?\nIt's 3/5/1948.", 1, [(52, 60)]),
        ("what's your date of birth and when did your policy start?\n03/15/1950", 1, [(58, 68)]),
        ("date of birth?\n03/15/1950\nand when did the policy start?\n06/01/2019", 1, [(15, 25)]),
        # valid: a whole date an adult lifetime ago, even with no cue (stock Presidio removes it)
        ("03151950", 1, [(0, 8)]),
        ("It's like that since 5/6/1994", 1, [(21, 29)]),
        ("since 361972", 1, [(6, 12)]),
        # invalid: dates without a birth cue
        ("my policy started 03/15/2019", 0, []),
        ("the appointment is march 5th 2025", 0, []),
        ("can you come out on 03/15/2026", 0, []),
        ("member since 2/3/2015", 0, []),
        # invalid: another date phrase is nearer than the cue
        ("date of birth is on file. your policy started 03/15/2019", 0, []),
        ("what's your date of birth\nthe appointment is on march 5th 2025", 0, []),
        ("i was born in ohio and moved here 06/01/2019", 0, []),
        # invalid: born and raised is not a birth date
        ("i was born and raised in ohio and moved here 03/15/2019", 0, []),
        ("born and raised, been here since 1954", 0, []),
        # invalid: month and year, or year, alone
        ("born in march 1954", 0, []),
        ("i was born in 1954", 0, []),
        ("birthday is in march", 0, []),
        # invalid: impossible dates
        ("dob 13/45/1950", 0, []),
        ("dob 03/15/2099", 0, []),
        ("dob 03/15/1899", 0, []),
        ("date of birth\n13451950", 0, []),
        ("date of birth\nmarch 321954", 0, []),
        # invalid: expiry, prices, times, amounts, longer numbers
        ("dob on file, card expires 04/27", 0, []),
        ("date of birth on file, balance is 120000 dollars", 0, []),
        ("date of birth on file, the total was $12.25", 0, []),
        ("born at 10:30 in the morning", 0, []),
        ("date of birth on file, call me at 555-123-4567", 0, []),
        ("dob on file, my phone is 5551231950", 0, []),
        ("date of birth verified, order 031519501", 0, []),
    ],
)
def test_when_text_scanned_then_date_of_birth_spans_match_table(
    recognizer: DateOfBirthRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, [ENTITY])
    assert_spans(results, expected_len, expected_positions, ENTITY)


@pytest.mark.parametrize(
    "spoken, said",
    [
        (
            "what's your date of birth?\noh three one five nineteen fifty",
            "oh three one five nineteen fifty",
        ),
        (
            "and your date of birth?\nI was born March third nineteen fifty four.",
            "March third nineteen fifty four",
        ),
        (
            "date of birth?\nmarch twenty three nineteen fifty four",
            "march twenty three nineteen fifty four",
        ),
        ("date of birth?\ntwelve twenty five eighty", "twelve twenty five eighty"),
    ],
)
def test_when_spoken_date_normalized_then_span_maps_to_the_words_said(
    recognizer: DateOfBirthRecognizer, spoken: str, said: str
) -> None:
    normalized = normalize_numbers(spoken)
    (result,) = recognizer.analyze(normalized.text, [ENTITY])
    spans = normalized.source_spans(result.start, result.end)
    assert [spoken[start:end] for start, end in spans] == [said]


def test_when_cued_then_score_is_cue_score(recognizer: DateOfBirthRecognizer) -> None:
    (result,) = recognizer.analyze("dob 03/15/1950", [ENTITY])
    assert result.score == DateOfBirthRecognizer.CUE_SCORE
    assert result.recognition_metadata["pattern"] == "dob_numeric"


@pytest.mark.parametrize(
    "matched, valid",
    [
        ("03/15/1950", True),
        ("15/03/1950", True),
        ("03151950", True),
        ("march 231954", True),
        ("march 1954", False),
        ("13/45/1950", False),
        ("03/15/1899", False),
        ("hello", False),
    ],
)
def test_when_match_checked_alone_then_date_rules_apply(
    recognizer: DateOfBirthRecognizer, matched: str, valid: bool
) -> None:
    assert recognizer.is_valid(matched) is valid
