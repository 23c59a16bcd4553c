from __future__ import annotations

import gc

import pytest
from presidio_analyzer import RecognizerResult

from redaction.recognizers import health_lexicon
from redaction.recognizers.health import HealthRecognizer
from tests.assertions import assert_spans

ENTITIES = ["HEALTH_CONDITION", "MEDICATION", "MEDICAL_TREATMENT"]


@pytest.fixture(scope="module")
def recognizer() -> HealthRecognizer:
    return HealthRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid
        # lead notes: cue before, multiword terms, brand and generic drugs
        ("Pt has type 2 diabetes, takes metformin daily.", 2, [(7, 22), (30, 39)]),
        ("Diagnosed with Crohn's disease in 2019.", 1, [(15, 30)]),
        ("Caller has A-fib, on Eliquis and Lasix.", 3, [(11, 16), (21, 28), (33, 38)]),
        ("Hx of depression, prescribed Lexapro 10mg", 2, [(6, 16), (29, 36)]),
        ("Client on dialysis 3x/week for kidney failure", 2, [(10, 18), (31, 45)]),
        ("Type II Diabetes, HTN, on Januvia", 3, [(0, 16), (18, 21), (26, 33)]),
        # cue after the term
        ("metformin, that's what the doctor has me on", 1, [(0, 9)]),
        ("pressure's been high, the doctor put me on lisinopril", 2, [(0, 8), (43, 53)]),
        # lowercase ASR without punctuation, lay terms
        (
            "yeah so i got the sugar and high blood pressure the doctor has me on metformin",
            3,
            [(18, 23), (28, 47), (69, 78)],
        ),
        ("she had a stroke last year and now shes on eliquis", 2, [(10, 16), (43, 50)]),
        (
            "um my dad has a bad heart and copd hes on oxygen at night",
            3,
            [(16, 25), (30, 34), (39, 48)],
        ),
        ("i take zoloft and xanax for my anxiety", 3, [(7, 13), (18, 23), (31, 38)]),
        ("he did chemo and radiation for the big c", 3, [(7, 12), (17, 26), (31, 40)]),
        ("she's on disability and sees my therapist every week", 2, [(6, 19), (29, 41)]),
        ("i'm expecting a baby in june", 1, [(0, 20)]),
        ("my wife is pregnant with our second", 1, [(11, 19)]),
        ("ive been battling breast cancer finished chemotherapy in may", 2, [(18, 31), (41, 53)]),
        ("he had a triple bypass two years ago", 1, [(9, 22)]),
        ("i had a knee replacement and physical therapy after", 2, [(8, 24), (29, 45)]),
        ("my son is autistic and has adhd", 2, [(10, 18), (27, 31)]),
        ("i was diagnosed bipolar a few years back", 1, [(16, 23)]),
        ("ive got ptsd from the army", 1, [(8, 12)]),
        ("she takes insulin shots twice a day", 1, [(10, 23)]),
        ("im on ozempic for my sugar", 2, [(6, 13), (21, 26)]),
        ("hes recovering from a heart attack", 1, [(22, 34)]),
        ("my mom has alzheimers and lives in a nursing home", 2, [(11, 21), (37, 49)]),
        ("i use a cpap machine for sleep apnea", 2, [(8, 20), (25, 36)]),
        ("she's suffering from long covid", 1, [(21, 31)]),
        ("so my doctor says i have a fib and i take warfarin", 2, [(25, 30), (42, 50)]),
        (
            "my daughter has type one diabetes and uses an insulin pump",
            2,
            [(16, 33), (46, 58)],
        ),
        # plurals
        ("my husband gets migraines and seizures", 2, [(16, 25), (30, 38)]),
        ("he gets kidney stones", 1, [(8, 21)]),
        # disability and procedures without a cue
        ("she is hard of hearing and legally blind", 2, [(7, 22), (27, 40)]),
        ("went in for a colonoscopy and they found a tumor", 2, [(14, 25), (43, 48)]),
        # valid: drug names misspelled by speech recognition, next to a medication cue
        ("so they put me on met forman twice a day", 1, [(18, 28)]),
        ("I've got diabetes, I'm on Zarelto.", 2, [(9, 17), (26, 33)]),
        ("well i have high blood pressure and i take jardience", 2, [(12, 31), (43, 52)]),
        ("they put me on eloquis after the stroke", 2, [(15, 22), (33, 39)]),
        ("i take lisinapril every morning", 1, [(7, 17)]),
        ("im on ozempik for my sugar", 2, [(6, 13), (21, 26)]),
        ("zarelto 20 mg", 1, [(0, 7)]),
        ("the doctor prescribed lisinapril and eloquis", 2, [(22, 32), (37, 44)]),
        ("my meds are seroquil and lamictle", 2, [(12, 20), (25, 33)]),
        ("they put me on truly city", 1, [(15, 25)]),
        # valid: an exact name near a cue is the lexicon's, found once
        ("i take insulin every morning", 1, [(7, 14)]),
        # invalid
        # everyday senses of ambiguous terms, with and without a cue word nearby
        ("i'm under a lot of pressure at work", 0, []),
        ("we need to check the tire pressure before the trip", 0, []),
        ("ill take the pressure washer too", 0, []),
        ("my car has a cold start problem", 0, []),
        ("we have a cold snap coming this weekend", 0, []),
        ("he took a cold shower after the game", 0, []),
        ("sugar free soda", 0, []),
        ("we have twenty percent off sugar cookies this week", 0, []),
        ("he had a stroke of luck", 0, []),
        ("she has a heart of gold", 0, []),
        ("i had a change of heart about the plan", 0, []),
        ("i'm expecting a call back from my agent", 0, []),
        ("he told me a fib about the price", 0, []),
        ("tropical depression forming in the gulf has the forecast changed", 0, []),
        ("the house has a new roof and asphalt shingles", 0, []),
        ("my phone has a lithium battery", 0, []),
        ("the account was disabled after three attempts", 0, []),
        ("the entrance is wheelchair accessible", 0, []),
        ("i need disability insurance for my business", 0, []),
        ("the new model has a blind spot monitor", 0, []),
        # no health terms at all: chit-chat, products, prices, dates
        ("the party on saturday", 0, []),
        ("i'll take the blue one", 0, []),
        ("the premium is $45.99 a month starting march 1st", 0, []),
        ("can you send me a quote for the 2019 honda civic", 0, []),
        ("the delivery window is between 2 and 4 pm on the 15th", 0, []),
        ("you have been selected for a free cruise call before friday", 0, []),
        # invalid: misspelled drug names without a medication cue
        ("zarelto", 0, []),
        ("met forman", 0, []),
        ("the doctor said jardience", 0, []),
        ("eloquis and ozempik", 0, []),
        # invalid: everyday words next to a medication cue
        ("i'm on vacation next week", 0, []),
        ("i take the bus to work", 0, []),
        ("can you put me on hold", 0, []),
        ("i'm on medicare and medical", 0, []),
        ("i'm taking the metal roof off in the morning", 0, []),
        ("i take the station wagon to the concert", 0, []),
        ("i'm taking my kids to the concert", 0, []),
        ("i take something for the pain", 0, []),
        ("they put me on the lines", 0, []),
        ("i'm taking a singular approach", 0, []),
        ("i'm taking the lithium battery out", 0, []),
    ],
)
def test_when_health_data_in_text_then_spans_found(
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
    recognizer: HealthRecognizer,
) -> None:
    results = recognizer.analyze(text, entities=ENTITIES)
    assert_spans(results, expected_len, expected_positions)


def test_when_condition_medication_and_treatment_named_then_entity_types_right(
    recognizer: HealthRecognizer,
) -> None:
    text = "Has asthma, uses albuterol, had knee surgery in March."
    results = sorted(recognizer.analyze(text, entities=ENTITIES), key=lambda r: r.start)
    assert [(text[r.start : r.end], r.entity_type) for r in results] == [
        ("asthma", "HEALTH_CONDITION"),
        ("albuterol", "MEDICATION"),
        ("knee surgery", "MEDICAL_TREATMENT"),
    ]


def test_when_only_medication_requested_then_only_medications_returned(
    recognizer: HealthRecognizer,
) -> None:
    text = "Has asthma, uses albuterol, had knee surgery in March."
    results = recognizer.analyze(text, entities=["MEDICATION"])
    assert_spans(results, 1, [(17, 26)], entity_type="MEDICATION")


def test_when_cue_present_then_score_raised(recognizer: HealthRecognizer) -> None:
    without_cue = recognizer.analyze("lisinopril", entities=ENTITIES)
    with_cue = recognizer.analyze("my doctor prescribed lisinopril", entities=ENTITIES)
    ambiguous = recognizer.analyze("my doctor says it's my sugar", entities=ENTITIES)
    assert [r.score for r in without_cue] == [0.6]
    assert [r.score for r in with_cue] == [0.9]
    assert [r.score for r in ambiguous] == [0.85]


def test_when_misspelled_drug_near_cue_then_fuzzy_score_and_pattern(
    recognizer: HealthRecognizer,
) -> None:
    (result,) = recognizer.analyze("they put me on zarelto", entities=["MEDICATION"])
    assert (result.entity_type, result.score) == ("MEDICATION", HealthRecognizer.FUZZY_SCORE)
    assert result.recognition_metadata["pattern"] == "fuzzy_medication"


def test_when_medication_not_requested_then_no_fuzzy_pass(recognizer: HealthRecognizer) -> None:
    text = "i have asthma and they put me on zarelto"
    results = recognizer.analyze(text, entities=["HEALTH_CONDITION"])
    assert_spans(results, 1, [(7, 13)], entity_type="HEALTH_CONDITION")


def test_when_ambiguous_term_has_no_cue_then_dropped(recognizer: HealthRecognizer) -> None:
    assert recognizer.analyze("sugar", entities=ENTITIES) == []
    assert recognizer.analyze("pressure", entities=ENTITIES) == []


def test_when_cue_in_another_sentence_then_ambiguous_term_dropped(
    recognizer: HealthRecognizer,
) -> None:
    text = "Has two kids. Under a lot of pressure lately."
    assert recognizer.analyze(text, entities=ENTITIES) == []


def test_when_found_then_metadata_names_recognizer(recognizer: HealthRecognizer) -> None:
    (result,) = recognizer.analyze("she takes eliquis", entities=ENTITIES)
    metadata = result.recognition_metadata
    assert metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "HealthRecognizer"
    assert metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] == recognizer.id
    assert recognizer.supported_language == "en"
    assert sorted(recognizer.supported_entities) == sorted(ENTITIES)


def test_when_lexicon_loaded_then_terms_lowercase_unique_and_ambiguous_listed() -> None:
    lexicons = (health_lexicon.CONDITIONS, health_lexicon.MEDICATIONS, health_lexicon.TREATMENTS)
    terms = [term for lexicon in lexicons for term in lexicon]
    assert all(isinstance(lexicon, tuple) for lexicon in lexicons)
    assert all(term == term.lower().strip() for term in terms)
    assert len(terms) == len(set(terms))
    assert health_lexicon.AMBIGUOUS_TERMS.issubset(terms)
    assert len(health_lexicon.CONDITIONS) >= 250
    assert len(health_lexicon.MEDICATIONS) >= 250
    assert len(health_lexicon.TREATMENTS) >= 60


def test_when_fuzzy_exclusions_loaded_then_lowercase_words_and_no_drug_names() -> None:
    exclusions = health_lexicon.FUZZY_MEDICATION_EXCLUSIONS
    assert all(word == word.lower() and word.isalpha() for word in exclusions)
    assert not exclusions & set(health_lexicon.MEDICATIONS)


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        # injuries are harm to a part of the body, in any pairing
        ("cracked vertebra 2019, migraines since the fall", ["cracked vertebra", "migraines"]),
        ("torn rotator cuff and a bad back", ["torn rotator cuff", "bad back"]),
        ("herniated disc L4-L5", ["herniated disc"]),
        ("knee pain since 2020", ["knee pain"]),
        ("broke his collarbone", ["broke his collarbone"]),
        ("pinched nerve", ["pinched nerve"]),
        ("rotator cuff tear", ["rotator cuff tear"]),
        ("sober 5 years", ["sober 5 years"]),
        # symptoms, disabilities and ratings
        ("hard of hearing - speak up", ["hard of hearing"]),
        ("has a 60 percent VA rating", ["60 percent VA rating"]),
        ("VA rating of 70%", ["VA rating of 70%"]),
        ("BMI 31.5 per the form", ["BMI 31.5"]),
        # fertility, addiction and recovery
        ("went through IVF last year", ["IVF"]),
        ("recovering alcoholic, goes to AA meetings", ["recovering alcoholic", "AA meetings"]),
        # an everyday word that is a whole note fragment is the lead's condition
        ("prefers text; deaf - use relay service", ["deaf"]),
        ("tobacco user - chews", ["tobacco user"]),
        ("infusions at the clinic", ["infusions"]),
        # homographs stay
        ("cold", []),  # a field holding only "cold" is a lead's temperature
        ("back issues of the magazine", []),
        ("had a bad hand at poker", []),
        ("payment due in 5 days", []),
        ("rated 5 stars on the app", []),
    ],
)
def test_when_injury_symptom_or_rating_named_then_removed_whole(
    text: str, phrases: list[str], recognizer: HealthRecognizer
) -> None:
    results = recognizer.analyze(text, entities=ENTITIES)
    found = {text[r.start : r.end] for r in results}
    # the widest span at each place is what the engine removes
    widest = {f for f in found if not any(f != g and f in g for g in found)}
    assert sorted(widest) == sorted(phrases)


def test_when_built_then_garbage_collector_left_as_found() -> None:
    assert gc.isenabled()
    HealthRecognizer()
    assert gc.isenabled()
    gc.disable()
    try:
        HealthRecognizer()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "text",
    [
        "broken back door",
        "damaged back fence",
        "missing hand rail",
        "broken arm chair",
        "furnace rated 96% efficient",
        "customer rating 90% positive",
    ],
)
def test_when_body_word_or_rating_is_a_thing_then_kept(
    text: str, recognizer: HealthRecognizer
) -> None:
    assert recognizer.analyze(text, entities=ENTITIES) == []
