import pytest

from redaction.recognizers.child_data import ChildDataRecognizer
from tests.assertions import assert_spans


@pytest.fixture(scope="module")
def recognizer() -> ChildDataRecognizer:
    return ChildDataRecognizer()


@pytest.fixture(scope="module")
def recognizer_16() -> ChildDataRecognizer:
    return ChildDataRecognizer(max_age=16)


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: an age after a relation and a copula, digits or words
        ("my son is 7", 1, [(10, 11)]),
        ("my daughter is twelve", 1, [(15, 21)]),
        ("my youngest is 4", 1, [(15, 16)]),
        ("my son is 13", 1, [(10, 12)]),
        ("My son Jacob turned 7 last week", 1, [(20, 21)]),
        ("my son jacob loves soccer he is 7", 1, [(32, 33)]),
        # valid: ages with a unit
        ("my son is 7 years old", 1, [(10, 21)]),
        ("my baby is 8 months old", 1, [(11, 23)]),
        ("my son is 7yo", 1, [(10, 13)]),
        # valid: attributive ages
        ("my 5 year old", 1, [(3, 13)]),
        ("my son is a 7-year-old", 1, [(12, 22)]),
        ("we have a 7-year-old and a nine year old", 2, [(10, 20), (27, 40)]),
        ("i have a 5 year old", 1, [(9, 19)]),
        # valid: lists, typed notes, birthdays
        ("kids are 4 and 9", 2, [(9, 10), (15, 16)]),
        ("i have 2 kids ages 4 and 9", 2, [(19, 20), (25, 26)]),
        ("my kids are 4, 7 and 19", 2, [(12, 13), (15, 16)]),
        ("son (7), daughter (9)", 2, [(5, 6), (19, 20)]),
        ("my son's 7th birthday", 1, [(9, 12)]),
        ("my son is seven\nmy dog is three", 1, [(10, 15)]),
        # invalid: over the age, or no age
        ("my son is 25", 0, []),
        ("my son is twenty five", 0, []),
        ("my boy is 14", 0, []),
        ("my son's 16th birthday", 0, []),
        ("my daughter is in college", 0, []),
        ("my daughter is in 3rd grade", 0, []),
        ("2 kids", 0, []),
        ("my son jacob", 0, []),
        ("children's hospital", 0, []),
        # invalid: not an age (minutes, counts, times)
        ("I'm 7 minutes away", 0, []),
        ("my son is 7 minutes away", 0, []),
        ("my son has 3 cars", 0, []),
        ("my son gets out at 3", 0, []),
        ("my daughter is 6 months pregnant", 0, []),
        # invalid: someone else's age (adults, pets, things, the caller)
        ("my dog is 3", 0, []),
        ("my son is 25 and my dog is 3", 0, []),
        ("my 3 year old dog", 0, []),
        ("he drives a 10 year old car", 0, []),
        ("my wife is 35 years old", 0, []),
        ("i was 7 when my son was born", 0, []),
    ],
)
def test_when_text_scanned_then_child_age_spans_match_table(
    recognizer: ChildDataRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["CHILD_AGE"])
    assert_spans(results, expected_len, expected_positions, "CHILD_AGE")


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: a name right after the relation, shown by what follows or a capital
        ("my daughter emma is six", 1, [(12, 16)]),
        ("my daughter, emma, is six", 1, [(13, 17)]),
        ("my grandson tyler he's 8", 1, [(12, 17)]),
        ("my son tyler's 8", 1, [(7, 12)]),
        ("My son Jacob turned 7 last week", 1, [(7, 12)]),
        ("my son's name is jacob and he's 7", 1, [(17, 22)]),
        ("my 5 year old son noah is in kindergarten", 1, [(18, 22)]),
        ("my daughter named emma is 6", 1, [(18, 22)]),
        # invalid: no under-age age in the sentence, or no name
        ("my son jacob", 0, []),
        ("my son jacob is 25", 0, []),
        ("my son jacob\nhe is 7", 0, []),
        ("my son is 7", 0, []),
        ("my son really is 7", 0, []),
        ("my son, he's 7", 0, []),
        ("my son jacob loves soccer he is 7", 0, []),
        ("my dog rex is 3", 0, []),
    ],
)
def test_when_text_scanned_then_child_name_spans_match_table(
    recognizer: ChildDataRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["CHILD_NAME"])
    assert_spans(results, expected_len, expected_positions, "CHILD_NAME")


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: 14 to 16 count under the CCPA's threshold
        ("my boy is 14", 1, [(10, 12)]),
        ("my son is 15", 1, [(10, 12)]),
        ("my son's 16th birthday", 1, [(9, 13)]),
        ("my daughter is sixteen", 1, [(15, 22)]),
        ("my kids are 4 and 16", 2, [(12, 13), (18, 20)]),
        ("my sixteen year old", 1, [(3, 19)]),
        ("my granddaughter is 16 years old", 1, [(20, 32)]),
        ("son (15)", 1, [(5, 7)]),
        # invalid: still adults, pets and things
        ("my son is 17", 0, []),
        ("my son is 25", 0, []),
        ("my daughter is seventeen", 0, []),
        ("my dog is 14", 0, []),
        ("my 15 year old truck", 0, []),
        ("my husband is 16 minutes away", 0, []),
        ("my son's 18th birthday", 0, []),
        ("i'm 15 minutes out", 0, []),
    ],
)
def test_when_max_age_is_16_then_teen_ages_count(
    recognizer_16: ChildDataRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer_16.analyze(text, ["CHILD_AGE"])
    assert_spans(results, expected_len, expected_positions, "CHILD_AGE")


def test_when_no_entity_filter_then_age_and_name_both_returned(
    recognizer: ChildDataRecognizer,
) -> None:
    results = recognizer.analyze("my daughter emma is six", [])
    assert sorted(r.entity_type for r in results) == ["CHILD_AGE", "CHILD_NAME"]


def test_when_default_constructed_then_max_age_is_13() -> None:
    assert ChildDataRecognizer.DEFAULT_MAX_AGE == 13
    assert ChildDataRecognizer().max_age == 13


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # children in list and parenthesis forms: each name with its age
        ("children: Leo (9)", ["9", "Leo"]),
        ("kids: Leo (9), Ava 6", ["6", "9", "Ava", "Leo"]),
        ("Ava 6 and Max twelve", ["6", "Ava", "Max", "twelve"]),
        ("kids - Noah 4, Emma 7", ["4", "7", "Emma", "Noah"]),
        ("dependents: Sofia 8, Liam 11", ["11", "8", "Liam", "Sofia"]),
        ("kids: leo 9; ava age 6", ["6", "9", "ava", "leo"]),
        ("wyatt (age seven)", ["seven", "wyatt"]),
        # lowercase words with numbers need a relation word or an age said
        ("3 bedroom ranch. gianna 13 and liam fifteen", []),
        ("windows 12, doors 3", []),
        ("Chase 5 and Wells 3 accounts", []),
        ("hijos: Valentina (5), Sofia 10", ["10", "5", "Sofia", "Valentina"]),
        # numbered things, adults and single capitalized words with a number stay
        ("bedroom 3 and bath 2", []),
        ("called 3 times and left 2 voicemails", []),
        ("hector 45 and maria 47", []),
        ("Suite 6 and Room 12", []),
        ("Call Maria 5 pm", []),
        ("Jessica 45 and Tom 47", []),
        ("Leo 9", []),
    ],
)
def test_when_children_listed_with_ages_then_names_and_ages_found(
    recognizer_16: ChildDataRecognizer, text: str, found: list[str]
) -> None:
    results = recognizer_16.analyze(text, [])
    assert sorted(text[r.start : r.end] for r in results) == sorted(found)
