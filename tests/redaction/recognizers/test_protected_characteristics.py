from __future__ import annotations

import gc

import pytest
import regex
from presidio_analyzer import RecognizerResult

from redaction.recognizers import protected_characteristics, protected_lexicon
from redaction.recognizers.protected_characteristics import ProtectedCharacteristicsRecognizer
from tests.assertions import assert_spans

ENTITIES = [
    "RACIAL_ETHNIC_ORIGIN",
    "RELIGION",
    "UNION_MEMBERSHIP",
    "SEXUAL_ORIENTATION_SEX_LIFE",
    "CITIZENSHIP_IMMIGRATION",
    "POLITICAL_OPINION",
    "GENETIC_DATA",
    "BIOMETRIC_DATA",
]


@pytest.fixture(scope="module")
def recognizer() -> ProtectedCharacteristicsRecognizer:
    return ProtectedCharacteristicsRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid
        # race and ethnic origin: self-description, person word after, origin cue, chain
        ("Caller is Hispanic, prefers evening calls.", 1, [(10, 18)]),
        ("Pt self identifies as Native American.", 1, [(22, 37)]),
        ("Race: Black", 1, [(6, 11)]),
        ("i'm puerto rican on my mom's side", 1, [(4, 16)]),
        ("as a black woman i want a female agent", 1, [(5, 10)]),
        ("my family is from mexico originally", 1, [(18, 24)]),
        ("yeah we're asian american both of us", 1, [(11, 25)]),
        ("i'm half white half mexican", 2, [(9, 14), (20, 27)]),
        ("she's latina and her husband is caucasian", 2, [(6, 12), (32, 41)]),
        ("um i'm of irish descent", 1, [(10, 15)]),
        ("i'm black and puerto rican", 2, [(4, 9), (14, 26)]),
        # religion: standalone names, places of worship after a cue, anchors
        ("Caller is Catholic, asked about funeral coverage.", 1, [(10, 18)]),
        ("Lead is Mormon (LDS) and tithes.", 2, [(8, 14), (16, 19)]),
        ("we're muslim so we can't do interest", 1, [(6, 12)]),
        ("my church has a group plan", 1, [(3, 9)]),
        ("we're jehovah's witnesses so no transfusions", 1, [(6, 25)]),
        ("i'm jewish", 1, [(4, 10)]),
        ("i'm an atheist", 1, [(7, 14)]),
        ("we go to temple on saturdays", 1, [(9, 15)]),
        ("we were raised catholic", 1, [(15, 23)]),
        ("we're baptist and the church is close by", 2, [(6, 13), (22, 28)]),
        ("we go to sunday mass", 1, [(9, 20)]),
        # union membership: unions by name, "union" after a cue, locals
        ("i'm in the union", 1, [(11, 16)]),
        ("Caller is a Teamsters member, Local 727.", 2, [(12, 39), (30, 39)]),  # whole phrase
        ("i'm a union member", 1, [(6, 18)]),
        ("my local 32bj covers dental", 1, [(3, 13)]),
        ("he's with the uaw at the ford plant", 1, [(14, 17)]),
        ("she pays dues to seiu", 1, [(17, 21)]),
        ("we get our insurance through the union", 1, [(33, 38)]),
        ("i'm in local 3 of the ibew", 2, [(7, 14), (22, 26)]),
        # sexual orientation, sex life and gender identity
        ("i'm gay", 1, [(4, 7)]),
        ("Client is a lesbian, lives with partner.", 1, [(12, 19)]),
        ("she's bisexual", 1, [(6, 14)]),
        ("my son is transgender", 1, [(10, 21)]),
        ("i'm trans so the name on my license is different", 1, [(4, 9)]),
        ("i'm sexually active", 1, [(4, 19)]),
        ("i identify as nonbinary", 1, [(14, 23)]),
        ("i'm bi", 1, [(4, 6)]),
        ("i identify as straight", 1, [(14, 22)]),
        # citizenship and immigration status; "visa" only with an immigration word
        ("i'm not a citizen", 1, [(10, 17)]),
        ("Caller is a green card holder.", 1, [(12, 29)]),
        ("I am a U.S. citizen.", 1, [(7, 19)]),
        ("my husband is undocumented", 1, [(14, 26)]),
        ("i'm on a work visa", 1, [(9, 18)]),
        ("i'm here on an h1b", 1, [(15, 18)]),
        ("my daughter is a daca recipient", 1, [(17, 31)]),
        ("i'm a permanent resident", 1, [(6, 24)]),
        ("what does my immigration status have to do with it", 1, [(13, 31)]),
        ("i got naturalized in 2015", 1, [(6, 17)]),
        ("my employer sponsored my visa", 1, [(25, 29)]),
        ("my visa was denied by the embassy", 1, [(3, 7)]),
        # political opinion: self-description, vote and registration cues
        ("i'm a republican", 1, [(6, 16)]),
        ("i vote democrat", 1, [(7, 15)]),
        ("Lead is a registered Democrat.", 1, [(21, 29)]),
        ("i'm a trump supporter", 1, [(6, 21)]),
        ("i'm pretty liberal", 1, [(11, 18)]),
        ("we're conservative", 1, [(6, 18)]),
        ("i'm a member of the libertarian party", 1, [(20, 37)]),
        ("i voted for biden", 1, [(12, 17)]),
        ("i'm a registered independent", 1, [(17, 28)]),
        ("Honestly I'm a progressive, but if it saves me money I'm in.", 1, [(15, 26)]),
        # genetic data
        ("my brca test came back positive", 1, [(3, 12)]),
        ("i got my 23andme results", 1, [(9, 24)]),
        ("genetic testing showed i'm a carrier for cystic fibrosis", 2, [(0, 15), (29, 36)]),
        ("we did a dna test for the baby", 1, [(9, 17)]),
        ("Pt has BRCA1 mutation per genetic counselor.", 2, [(7, 21), (26, 43)]),
        ("my dna came back with a gene mutation", 2, [(3, 6), (24, 37)]),
        ("she's a carrier of the sickle cell trait", 2, [(8, 15), (23, 40)]),
        # biometric data
        ("they took my fingerprints for the background check", 1, [(13, 25)]),
        ("the bank has my voiceprint on file", 1, [(16, 26)]),
        ("i set up face id", 1, [(9, 16)]),
        ("they did a retina scan at the office", 1, [(11, 22)]),
        ("Caller declined voice verification enrollment.", 1, [(16, 34)]),
        ("i unlock my phone with my fingerprint", 1, [(26, 37)]),
        ("my employer collects biometric data", 1, [(21, 35)]),
        ("i got fingerprinted for my job", 1, [(6, 19)]),
        # invalid
        # everyday senses named in the brief
        ("I'm a member of the gym", 0, []),
        ("the party on saturday", 0, []),
        ("meet me on union street", 0, []),
        ("i'm at the union station", 0, []),
        ("i'm in a union with my wife", 0, []),
        ("we have a black car and a white truck", 0, []),
        ("we bought white house paint", 0, []),
        ("we played a green card game", 0, []),
        ("i'm catholic school educated", 0, []),
        ("the office is on church street", 0, []),
        ("my son goes to temple university", 0, []),
        ("i'll pay with my visa card", 0, []),
        ("my visa expires 04/27", 0, []),
        ("i'll put it on my visa", 0, []),
        ("the democratic process", 0, []),
        ("that's a conservative estimate", 0, []),
        ("a liberal amount of sauce", 0, []),
        ("i'm a native speaker", 0, []),
        ("face time me later", 0, []),
        ("my fingerprint on the screen", 0, []),
        # institutions, places, brands and other everyday senses
        ("my credit union has better rates", 0, []),
        ("i sent it through western union", 0, []),
        ("i'm a senior citizen", 0, []),
        ("i'm getting mexican food tonight", 0, []),
        ("i'm a german shepherd owner", 0, []),
        ("i'm from ohio", 0, []),
        ("i'm from new mexico", 0, []),
        ("christian called back about the quote", 0, []),
        ("i have a headache right in my temple", 0, []),
        ("i have a mass in my lung", 0, []),
        ("my insurance carrier is progressive", 0, []),
        ("i'm with progressive right now", 0, []),
        ("i'm a mail carrier", 0, []),
        # cue-like words that do not describe a person
        ("i'm a black belt", 0, []),
        ("the walls were white", 0, []),
        ("i'm conservative with money", 0, []),
        ("i'm paid bi weekly", 0, []),
        ("i came out straight to the office", 0, []),
        ("he was on illegal drugs", 0, []),
        ("it's in my dna", 0, []),
        ("the fingerprint reader is broken", 0, []),
        ("i'm independent", 0, []),
        ("the democrats passed a bill", 0, []),
        ("i'm a french teacher", 0, []),
        ("i'm black and blue from the fall", 0, []),
        ("hi i'm christian calling from sunpower", 0, []),
        ("i'm a black lab owner", 0, []),
        ("i'm from mass", 0, []),
        ("i'm a citizen of this town", 0, []),
        ("which carrier do you have now", 0, []),
        ("we're progressive right now", 0, []),
        ("i'm on the tps report", 0, []),
    ],
)
def test_when_protected_characteristic_in_text_then_spans_found(
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    results = recognizer.analyze(text, entities=ENTITIES)
    assert_spans(results, expected_len, expected_positions)


@pytest.mark.parametrize(
    "text, term, entity_type",
    [
        ("i'm hispanic", "hispanic", "RACIAL_ETHNIC_ORIGIN"),
        ("we're catholic", "catholic", "RELIGION"),
        ("i'm a union member", "union member", "UNION_MEMBERSHIP"),
        ("i'm gay", "gay", "SEXUAL_ORIENTATION_SEX_LIFE"),
        ("i'm a green card holder", "green card holder", "CITIZENSHIP_IMMIGRATION"),
        ("i'm a registered democrat", "democrat", "POLITICAL_OPINION"),
        ("my brca test", "brca test", "GENETIC_DATA"),
        ("they have my voiceprint", "voiceprint", "BIOMETRIC_DATA"),
    ],
)
def test_when_category_named_then_its_own_entity_type_returned(
    text: str, term: str, entity_type: str, recognizer: ProtectedCharacteristicsRecognizer
) -> None:
    (result,) = recognizer.analyze(text, entities=ENTITIES)
    assert (text[result.start : result.end], result.entity_type) == (term, entity_type)
    (only,) = recognizer.analyze(text, entities=[entity_type])
    assert only.entity_type == entity_type
    others = [entity for entity in ENTITIES if entity != entity_type]
    assert recognizer.analyze(text, entities=others) == []


def test_when_transcript_has_segments_then_each_category_typed(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    text = (
        "so what kind of coverage do you have now\n"
        "um i get it through the union im in local 3\n"
        "and my wife is mexican we go to church every sunday\n"
        "she's on a work visa right now"
    )
    results = sorted(recognizer.analyze(text, entities=ENTITIES), key=lambda r: r.start)
    assert [(text[r.start : r.end], r.entity_type) for r in results] == [
        ("union", "UNION_MEMBERSHIP"),
        ("local 3", "UNION_MEMBERSHIP"),
        ("mexican", "RACIAL_ETHNIC_ORIGIN"),
        ("church", "RELIGION"),
        ("work visa", "CITIZENSHIP_IMMIGRATION"),
    ]


def test_when_cue_before_after_or_absent_then_scores_differ(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    self_described = recognizer.analyze("i'm hispanic", entities=ENTITIES)
    person_after = recognizer.analyze("the black guy at the counter", entities=ENTITIES)
    context = recognizer.analyze("the church parking lot was full so we prayed", ENTITIES)
    standalone = recognizer.analyze("hispanic", entities=ENTITIES)
    assert [r.score for r in self_described] == [ProtectedCharacteristicsRecognizer.CUE_SCORE]
    assert [r.score for r in person_after] == [ProtectedCharacteristicsRecognizer.CONTEXT_SCORE]
    assert [r.score for r in context] == [ProtectedCharacteristicsRecognizer.CONTEXT_SCORE]
    assert [r.score for r in standalone] == [ProtectedCharacteristicsRecognizer.SCORE]
    assert (
        ProtectedCharacteristicsRecognizer.SCORE,
        ProtectedCharacteristicsRecognizer.CONTEXT_SCORE,
        ProtectedCharacteristicsRecognizer.CUE_SCORE,
    ) == (0.6, 0.7, 0.85)


def test_when_self_described_term_has_no_cue_then_dropped(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    for word in ("black", "mexican", "christian", "democrat", "liberal", "church", "union"):
        assert recognizer.analyze(word, entities=ENTITIES) == []


def test_when_context_word_in_another_sentence_then_cued_term_dropped(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    assert recognizer.analyze("We prayed. The church parking lot was full.", ENTITIES) == []
    assert_spans(
        recognizer.analyze("the church parking lot was full so we prayed", ENTITIES),
        1,
        [(4, 10)],
        entity_type="RELIGION",
    )


def test_when_cue_on_previous_segment_then_not_counted(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    assert recognizer.analyze("yes i'm\nblack car is mine", entities=ENTITIES) == []
    assert_spans(recognizer.analyze("yes i'm black", ENTITIES), 1, [(8, 13)])


def test_when_visa_near_card_words_then_never_immigration(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    for text in (
        "my visa expires 04/27",
        "i'm on a visa ending in 4242",
        "the embassy charged my visa",
        "visa",
    ):
        assert recognizer.analyze(text, entities=ENTITIES) == [], text


def test_when_found_then_metadata_names_recognizer_and_group(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    (result,) = recognizer.analyze("my church", entities=ENTITIES)
    metadata = result.recognition_metadata
    assert metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "ProtectedCharacteristicsRecognizer"
    assert metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] == recognizer.id
    assert metadata["pattern"] == "worship"
    assert recognizer.supported_language == "en"
    assert sorted(recognizer.supported_entities) == sorted(ENTITIES)


def test_when_no_supported_entity_requested_then_nothing_returned(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    assert recognizer.analyze("i'm catholic", entities=["US_SSN"]) == []


def test_when_built_twice_then_lexicon_compiled_once_and_reused(
    recognizer: ProtectedCharacteristicsRecognizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = ProtectedCharacteristicsRecognizer()
    assert again._lexicon is recognizer._lexicon
    assert again._lexicon.matcher is recognizer._lexicon.matcher

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a regex was compiled during analyze")

    # analyze may only use the patterns compiled in ``_lexicon``, never compile or cache new ones.
    for function in ("compile", "search", "match", "fullmatch", "finditer"):
        monkeypatch.setattr(regex, function, refuse)
    assert_spans(again.analyze("i'm in the union and my church", ENTITIES), 2, [(11, 16), (24, 30)])


def test_when_long_adversarial_text_then_scan_finishes(
    recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    texts = (
        "i'm" + " " * 50_000 + "black",
        "i'm a a a half half " * 5_000 + "black",
        "i'm ," * 20_000 + " catholic",
        "local 1 " * 10_000,
        "u." * 30_000,
    )
    for text in texts:
        recognizer.analyze(text, entities=ENTITIES)  # a timeout raises


def _groups() -> dict[str, tuple[str, ...]]:
    return {
        name: value
        for name, value in vars(protected_lexicon).items()
        if name.endswith("_TERMS") or name == "ORIGIN_PLACES"
    }


def test_when_lexicon_loaded_then_terms_lowercase_and_each_in_one_group() -> None:
    groups = _groups()
    seen: dict[str, str] = {}
    for name, terms in groups.items():
        assert isinstance(terms, tuple), name
        for term in terms:
            assert term == term.lower().strip(), term
            key = protected_characteristics._canonical(term)
            assert seen.setdefault(key, name) == name, f"{term!r} in {seen[key]} and {name}"
    # Spanish, French and German groups are checked in test_foreign_lexicon.
    grouped = {
        term
        for group in protected_characteristics._GROUPS
        if not group.foreign
        for term in group.terms
    }
    assert grouped == {term for terms in groups.values() for term in terms}
    assert len(seen) >= 500


def test_when_lexicon_loaded_then_no_everyday_phrase_hides_a_whole_term() -> None:
    everyday = {
        protected_characteristics._canonical(p) for p in protected_lexicon.NON_PROTECTED_PHRASES
    }
    terms = {
        protected_characteristics._canonical(term) for terms in _groups().values() for term in terms
    }
    assert not everyday & terms


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        # political leanings, positions and roles, removed with the party they belong to
        ("cust says leans left, anti-abortion tho", ["leans left", "anti-abortion"]),
        ("a committed independent, never misses a vote", ["independent"]),
        ("he's a ward chairman for the Republicans", ["ward chairman for the Republicans"]),
        ("precinct captain for the local Democrats", ["precinct captain for the local Democrats"]),
        # tribal nations and ethnic words
        ("enrolled member of the Lakota tribe", ["Lakota"]),
        ("Cherokee Nation citizen, lives in Tahlequah", ["Cherokee Nation"]),
        ("family is Hmong", ["Hmong"]),
        ("African-American, prefers a callback after 5", ["African-American"]),
        # unions: the whole name, never half of it
        ("works for the carpenters union", ["carpenters union"]),
        ("in the Carpenters' Union local 27 since 2004", ["Carpenters' Union local 27"]),
        ("he joined the Teamsters union", ["Teamsters union"]),
        # a note fragment that is the term alone describes the lead
        ("vm left. jewish. filipino", ["jewish", "filipino"]),
        ("somali, husband handles calls", ["somali"]),
        ("transferred to licensed agent; libertarian, anti-tax", ["libertarian"]),
        ("choctaw tribal member", ["choctaw", "tribal member"]),
        # gene results, biometric checks, unions by their members
        ("tay-sachs carrier. wants the info pack", ["tay-sachs carrier"]),
        ("selfie face match passed", ["selfie face match"]),
        ("thumbprint collected at kiosk", ["thumbprint"]),
        ("nea member, teacher", ["nea member"]),
        ("cust is pro-life", ["pro-life"]),
        ("donates to the RNC", ["RNC"]),
        ("volunteers for the Democratic Party", ["Democratic Party"]),
        ("Ashkenazi Jewish", ["Ashkenazi Jewish"]),
        # homographs stay
        ("Black Friday promo applied", []),
        ("mexican", []),  # a word alone is no note: a cuisine as often as a person
        ("likes italian food, called back", []),
        ("office is on Gay Street downtown", []),
        ("lives on Union Street", []),
        ("party of four for the dinner cruise", []),
        ("a conservative estimate of the roof size", []),
        ("lives in Dakota County, MN", []),
        ("drives a 2019 Jeep Cherokee", []),
        ("the tree leans left toward the house", []),
        ("left leaning fence needs repair", []),
        ("straight ticket to the airport", []),
        ("party chair rental", []),
        ("pro gun safe quote", []),
        ("votes straight ticket", ["straight ticket"]),
        ("Called Maria Lopez UAW retiree re medicare supp", ["UAW retiree"]),
        ("Sioux Falls branch office", []),
    ],
)
def test_when_sensitive_phrase_in_note_then_removed_whole(
    text: str, phrases: list[str], recognizer: ProtectedCharacteristicsRecognizer
) -> None:
    found = {text[r.start : r.end] for r in recognizer.analyze(text, entities=ENTITIES)}
    # the widest span at each place is what the engine removes
    widest = {f for f in found if not any(f != g and f in g for g in found)}
    assert sorted(widest) == sorted(phrases)


def test_when_lexicon_compiled_then_garbage_collector_left_as_found() -> None:
    compile_lexicon = protected_characteristics._lexicon.__wrapped__
    assert gc.isenabled()
    compile_lexicon()
    assert gc.isenabled()
    gc.disable()
    try:
        compile_lexicon()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "text",
    [
        "They had 6: Christian, Christopher, Kimberly, Jose, Katelyn and Paige.",
        "Cyprus (Greek) 74749",
    ],
)
def test_when_term_is_a_name_in_a_list_or_a_place_in_parentheses_then_kept(
    text: str, recognizer: ProtectedCharacteristicsRecognizer
) -> None:
    assert recognizer.analyze(text, entities=ENTITIES) == []
