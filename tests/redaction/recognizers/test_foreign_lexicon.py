"""Spanish, French and German sensitive terms: found in notes, homographs left alone.

Tables in the Presidio style (text, how many spans, where): each language's
notes that must be found, accents dropped as people type them, and the set
phrases, names, places and English words that must stay.
"""

from __future__ import annotations

import unicodedata

import pytest

from redaction.recognizers import foreign_lexicon, health, protected_characteristics
from redaction.recognizers._trie import typed_spellings
from redaction.recognizers.health import HealthRecognizer
from redaction.recognizers.protected_characteristics import ProtectedCharacteristicsRecognizer
from tests.assertions import assert_spans

HEALTH_ENTITIES = ["HEALTH_CONDITION", "MEDICATION", "MEDICAL_TREATMENT"]
PROTECTED_ENTITIES = list(ProtectedCharacteristicsRecognizer.ENTITIES)
LANGUAGES = ("ES", "FR", "DE")


@pytest.fixture(scope="module")
def health_recognizer() -> HealthRecognizer:
    return HealthRecognizer()


@pytest.fixture(scope="module")
def protected_recognizer() -> ProtectedCharacteristicsRecognizer:
    return ProtectedCharacteristicsRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid
        # es: conditions and drugs, cue before or after, accents dropped
        ("cliente diabética, toma metformina", 2, [(8, 17), (24, 34)]),
        ("tiene diabetes y presión alta", 2, [(6, 14), (17, 29)]),
        ("tiene diabetes y presion alta", 2, [(6, 14), (17, 29)]),
        ("clienta diabetica, toma metformina 500 mg", 2, [(8, 17), (24, 34)]),
        ("padece de asma y artritis desde joven", 2, [(10, 14), (17, 25)]),
        ("su esposo tuvo un derrame cerebral el año pasado", 1, [(18, 34)]),
        ("toma losartán y atorvastatina en la mañana", 2, [(5, 13), (16, 29)]),
        ("toma losartan y atorvastatina", 2, [(5, 13), (16, 29)]),
        ("está embarazada de 5 meses", 1, [(5, 15)]),
        ("tiene azúcar, se inyecta insulina", 2, [(6, 12), (25, 33)]),
        ("tiene azucar", 1, [(6, 12)]),
        ("la presión la tiene controlada con pastillas", 1, [(3, 10)]),
        ("sorda - enviar mensajes de texto", 1, [(0, 5)]),
        ("hace diálisis tres veces por semana por insuficiencia renal", 2, [(5, 13), (40, 59)]),
        ("depresión y ansiedad, toma sertralina", 3, [(0, 9), (12, 20), (27, 37)]),
        ("tiene gripe, llamar la próxima semana", 1, [(6, 11)]),
        # fr
        ("il est sourd, appeler sa fille", 1, [(7, 12)]),
        ("diabétique, prend de l'insuline", 2, [(0, 10), (23, 31)]),
        ("elle est enceinte de 6 mois", 1, [(9, 17)]),
        ("malentendant | préfère les SMS", 1, [(0, 12)]),
        ("a de la tension, sous Kardégic", 2, [(8, 15), (22, 30)]),
        ("chimiothérapie finie, cancer du sein en rémission", 3, [(0, 14), (22, 36), (37, 49)]),
        ("elle souffre de dépression", 1, [(16, 26)]),
        # de
        ("Kunde ist schwerhörig | bevorzugt Englisch", 1, [(10, 21)]),
        ("Kunde ist schwerhoerig", 1, [(10, 22)]),
        ("Kunde ist schwerhorig", 1, [(10, 21)]),
        ("Diabetiker, nimmt Metformin", 2, [(0, 10), (18, 27)]),
        ("Kundin ist schwanger, Termin im Mai", 1, [(11, 20)]),
        ("er hat Krebs, Chemotherapie seit März", 2, [(7, 12), (14, 27)]),
        ("Bluthochdruck und Vorhofflimmern, nimmt Marcumar", 3, [(0, 13), (18, 32), (40, 48)]),
        ("Kunde leidet an Zucker", 1, [(16, 22)]),
        # invalid
        # the zodiac, tyres, coffee, a speaker, a surname, a battery
        ("signo de cáncer, le gustan los horóscopos", 0, []),
        ("café con azúcar y leche", 0, []),
        ("la presión de las llantas está baja", 0, []),
        ("mucha presión en el trabajo", 0, []),
        ("ruido sordo en el motor", 0, []),
        ("cita a ciegas el viernes", 0, []),
        ("enceinte bluetooth offerte avec le contrat", 0, []),
        ("Frau Krebs hat zurückgerufen", 0, []),
        ("batería de litio nueva", 0, []),
        # ambiguous words without a cue of their language
        ("gripe", 0, []),
        ("Herr Parkinson ruft morgen an", 0, []),
        # English words spelled like a foreign term stay English
        ("he has a gripe about the price", 0, []),
        ("the operation starts at 9, meet at the hospital", 0, []),
        ("accepted the TOS on the website", 0, []),
        ("there was tension between the brothers", 0, []),
        ("Mr Parkinson called about the quote", 0, []),
    ],
)
def test_when_foreign_health_data_in_note_then_spans_found(
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
    health_recognizer: HealthRecognizer,
) -> None:
    results = health_recognizer.analyze(text, entities=HEALTH_ENTITIES)
    assert_spans(results, expected_len, expected_positions)


@pytest.mark.parametrize(
    "text, expected_len, expected_positions, entity_type",
    [
        # valid
        # religion: self terms after a self cue, standalone names, accents dropped
        ("cliente es católica, llamar mañana", 1, [(11, 19)], "RELIGION"),
        ("es catolica", 1, [(3, 11)], "RELIGION"),
        ("es testigo de Jehová", 1, [(3, 20)], "RELIGION"),
        ("es testigo de Jehova", 1, [(3, 20)], "RELIGION"),
        ("es musulmana, no come cerdo", 1, [(3, 12)], "RELIGION"),
        ("Religión: evangélica", 1, [(10, 20)], "RELIGION"),
        ("religion: Católica", 1, [(10, 18)], "RELIGION"),
        ("elle est catholique pratiquante", 1, [(9, 19)], "RELIGION"),
        ("Kunde ist katholisch", 1, [(10, 20)], "RELIGION"),
        ("Zeugen Jehovas, keine Bluttransfusion", 1, [(0, 14)], "RELIGION"),
        # union membership
        ("membre du syndicat CGT ; rappeler le 11/14", 2, [(0, 18), (19, 22)], "UNION_MEMBERSHIP"),
        ("il est syndiqué FO", 2, [(7, 15), (16, 18)], "UNION_MEMBERSHIP"),
        ("miembro del sindicato de maestros", 1, [(0, 21)], "UNION_MEMBERSHIP"),
        ("Mitglied bei ver.di", 1, [(13, 19)], "UNION_MEMBERSHIP"),
        ("Gewerkschaftsmitglied, IG Metall", 2, [(0, 21), (23, 32)], "UNION_MEMBERSHIP"),
        # political opinion: a vote, a self description
        ("vota republicano", 1, [(5, 16)], "POLITICAL_OPINION"),
        ("es demócrata registrada", 1, [(3, 12)], "POLITICAL_OPINION"),
        ("vota conservador", 1, [(5, 16)], "POLITICAL_OPINION"),
        ("vota liberal desde siempre", 1, [(5, 12)], "POLITICAL_OPINION"),
        ("vote à droite", 1, [(5, 13)], "POLITICAL_OPINION"),
        ("vote a droite", 1, [(5, 13)], "POLITICAL_OPINION"),
        ("il est de gauche", 1, [(7, 16)], "POLITICAL_OPINION"),
        ("wählt CDU", 1, [(6, 9)], "POLITICAL_OPINION"),
        ("AfD-Wähler, will keinen Rückruf", 1, [(0, 10)], "POLITICAL_OPINION"),
        # citizenship and immigration
        ("sin papeles, paga en efectivo", 1, [(0, 11)], "CITIZENSHIP_IMMIGRATION"),
        ("es indocumentada", 1, [(3, 16)], "CITIZENSHIP_IMMIGRATION"),
        ("está ilegal en el país", 1, [(5, 11)], "CITIZENSHIP_IMMIGRATION"),
        ("solicitó asilo en 2019", 1, [(9, 14)], "CITIZENSHIP_IMMIGRATION"),
        (
            "es residente permanente, tiene tarjeta verde",
            2,
            [(3, 23), (31, 44)],
            "CITIZENSHIP_IMMIGRATION",
        ),
        (
            "demandeur d'asile, titre de séjour en cours",
            2,
            [(0, 17), (19, 34)],
            "CITIZENSHIP_IMMIGRATION",
        ),
        ("hat eine Duldung bis Juni", 1, [(9, 16)], "CITIZENSHIP_IMMIGRATION"),
        # ethnic origin: a self cue, a person word, a whole note fragment
        ("soy mexicana", 1, [(4, 12)], "RACIAL_ETHNIC_ORIGIN"),
        ("mujer salvadoreña, dos hijos", 1, [(6, 17)], "RACIAL_ETHNIC_ORIGIN"),
        ("es puertorriqueno", 1, [(3, 17)], "RACIAL_ETHNIC_ORIGIN"),
        (
            "llamar después de las 5. hondureño. habla poco inglés",
            1,
            [(25, 34)],
            "RACIAL_ETHNIC_ORIGIN",
        ),
        ("es mexicana y cubana", 2, [(3, 11), (14, 20)], "RACIAL_ETHNIC_ORIGIN"),
        ("es filipina", 1, [(3, 11)], "RACIAL_ETHNIC_ORIGIN"),
        ("soy morena", 1, [(4, 10)], "RACIAL_ETHNIC_ORIGIN"),
        ("femme d'origine marocaine", 1, [(16, 25)], "RACIAL_ETHNIC_ORIGIN"),
        ("türkischer Herkunft", 1, [(0, 10)], "RACIAL_ETHNIC_ORIGIN"),
        ("Sinti und Roma", 1, [(0, 14)], "RACIAL_ETHNIC_ORIGIN"),
        ("Familie ist Roma", 1, [(12, 16)], "RACIAL_ETHNIC_ORIGIN"),
        # sexual orientation
        ("es lesbiana, vive con su pareja", 1, [(3, 11)], "SEXUAL_ORIENTATION_SEX_LIFE"),
        ("il est homosexuel", 1, [(7, 17)], "SEXUAL_ORIENTATION_SEX_LIFE"),
        ("Kunde ist schwul", 1, [(10, 16)], "SEXUAL_ORIENTATION_SEX_LIFE"),
        # invalid
        # institutions, names, places, dishes
        ("estudió en la Universidad Católica de Chile", 0, [], None),
        ("Cristiano Ronaldo", 0, [], None),
        ("vive cerca de la iglesia católica de San José", 0, [], None),
        ("tiene la tarjeta verde del supermercado", 0, [], None),
        ("hola soy Cristiano, le llamo de la agencia", 0, [], None),
        ("vive en la Calle Unión 45", 0, [], None),
        ("la Union, El Salvador", 0, [], None),
        ("judías verdes y arroz", 0, [], None),
        ("le gusta la comida mexicana", 0, [], None),
        ("türkische Küche, Restaurant am Markt", 0, [], None),
        ("Rosario, Argentina", 0, [], None),
        ("syndicat de copropriété, charges trimestrielles", 0, [], None),
        ("asilo de ancianos en Texas", 0, [], None),
        ("Verdi Oper am Samstag", 0, [], None),
        ("cerrado por Pentecostés", 0, [], None),
        ("Republic Services pickup on Tuesday", 0, [], None),
        ("subscribes to the Democrat and Chronicle", 0, [], None),
        # everyday senses
        ("eso es ilegal", 0, [], None),
        ("es muy conservador con el dinero", 0, [], None),
        ("la camioneta es blanca", 0, [], None),
        ("nach links abbiegen", 0, [], None),
        ("mexicana", 0, [], None),
        # English words stay English
        ("i'm maya from the agency", 0, [], None),
        ("i vote liberal with my money", 0, [], None),
        ("after the war israeli forces pulled back", 0, [], None),
    ],
)
def test_when_foreign_protected_characteristic_in_note_then_spans_found(
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
    entity_type: str | None,
    protected_recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    results = protected_recognizer.analyze(text, entities=PROTECTED_ENTITIES)
    assert_spans(results, expected_len, expected_positions, entity_type)


def test_when_foreign_condition_medication_and_treatment_named_then_entity_types_right(
    health_recognizer: HealthRecognizer,
) -> None:
    text = "tiene asma, usa salbutamol, tuvo una cesárea en marzo"
    results = sorted(health_recognizer.analyze(text, HEALTH_ENTITIES), key=lambda r: r.start)
    assert [(text[r.start : r.end], r.entity_type) for r in results] == [
        ("asma", "HEALTH_CONDITION"),
        ("salbutamol", "MEDICATION"),
        ("cesárea", "MEDICAL_TREATMENT"),
    ]


def test_when_foreign_term_cued_then_scored_like_english(
    health_recognizer: HealthRecognizer,
) -> None:
    def scores(text: str) -> list[float]:
        return [r.score for r in health_recognizer.analyze(text, HEALTH_ENTITIES)]

    assert scores("metformina") == [HealthRecognizer.SCORE]
    assert scores("toma metformina") == [HealthRecognizer.CUE_SCORE]
    assert scores("er hat Zucker") == [HealthRecognizer.AMBIGUOUS_CUE_SCORE]
    assert scores("Zucker") == []


def test_when_word_spelled_like_english_then_only_a_cue_of_its_language_counts(
    health_recognizer: HealthRecognizer,
) -> None:
    # a health word beside it or a note fragment of it alone is not enough
    assert_spans(
        health_recognizer.analyze("Diabetes, Operation im Mai", HEALTH_ENTITIES), 1, [(0, 8)]
    )
    assert health_recognizer.analyze("note. tension. call back", HEALTH_ENTITIES) == []
    assert_spans(health_recognizer.analyze("er hat eine Operation", HEALTH_ENTITIES), 1, [(12, 21)])


def _unaccented(term: str) -> str:
    decomposed = unicodedata.normalize("NFKD", term.replace("ß", "ss").replace("œ", "oe"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# A cue of each language, so that ambiguous terms count too.
_HEALTH_CUE = {"ES": "tiene {}", "FR": "il a {}", "DE": "er hat {}"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_when_health_term_typed_with_or_without_accents_then_found_whole(
    language: str, health_recognizer: HealthRecognizer
) -> None:
    for kind in ("CONDITIONS", "MEDICATIONS", "TREATMENTS"):
        for term in getattr(foreign_lexicon, f"{language}_{kind}"):
            for typed in {term, _unaccented(term)}:
                text = _HEALTH_CUE[language].format(typed)
                start = text.index(typed)
                spans = {(r.start, r.end) for r in health_recognizer.analyze(text, HEALTH_ENTITIES)}
                assert (start, start + len(typed)) in spans, text


def test_when_standalone_protected_term_typed_with_or_without_accents_then_found_whole(
    protected_recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    for group in protected_characteristics._GROUPS:
        if not (group.foreign and group.standalone):
            continue
        for term in group.terms:
            for typed in {term, _unaccented(term)}:
                text = f"nota: {typed}, llamar mañana"
                start = text.index(typed)
                results = protected_recognizer.analyze(text, PROTECTED_ENTITIES)
                assert (start, start + len(typed)) in {(r.start, r.end) for r in results}, text


def test_when_german_umlaut_typed_as_e_or_eszett_as_ss_then_found() -> None:
    assert typed_spellings(["schwerhörig"]) == ["schwerhörig", "schwerhorig", "schwerhoerig"]
    assert typed_spellings(["weiß"]) == ["weiß", "weiss"]
    assert typed_spellings(["à droite"]) == ["à droite", "a droite"]


def _foreign_lists(suffix: str) -> dict[str, tuple[str, ...]]:
    return {
        name: value
        for name, value in vars(foreign_lexicon).items()
        if name.isupper() and name.endswith(suffix)
    }


def test_when_foreign_lexicon_loaded_then_lists_are_lowercase_tuples_without_repeats() -> None:
    lists = {
        name: value
        for name, value in vars(foreign_lexicon).items()
        if name.isupper() and isinstance(value, tuple)
    }
    assert len(lists) >= 60
    for name, phrases in lists.items():
        assert all(isinstance(p, str) and p == p.lower().strip() for p in phrases), name
        assert len(phrases) == len(set(phrases)), name


def test_when_foreign_health_lexicon_loaded_then_each_language_covered_and_ambiguous_listed() -> (
    None
):
    f = foreign_lexicon
    assert len(f.ES_CONDITIONS) >= 60
    assert len(f.FR_CONDITIONS) >= 40
    assert len(f.DE_CONDITIONS) >= 40
    for language in LANGUAGES:
        assert len(getattr(f, f"{language}_MEDICATIONS")) >= 60, language
        assert len(getattr(f, f"{language}_TREATMENTS")) >= 20, language
    listed = {
        term
        for language in LANGUAGES
        for kind in ("CONDITIONS", "MEDICATIONS", "TREATMENTS")
        for term in getattr(f, f"{language}_{kind}")
    }
    assert set(f.HEALTH_AMBIGUOUS_TERMS) <= listed
    assert set(f.HEALTH_CUE_ONLY_TERMS) <= set(f.HEALTH_AMBIGUOUS_TERMS)


def test_when_foreign_protected_lexicon_loaded_then_each_term_in_one_foreign_group() -> None:
    seen: dict[str, str] = {}
    for group in protected_characteristics._GROUPS:
        if not group.foreign:
            continue
        for term in group.terms:
            key = protected_characteristics._canonical(term)
            assert seen.setdefault(key, group.name) == group.name, (
                f"{term!r} in {seen[key]} and {group.name}"
            )
    grouped = {
        term for group in protected_characteristics._GROUPS if group.foreign for term in group.terms
    }
    listed = {
        term
        for name, terms in _foreign_lists("_TERMS").items()
        if not name.startswith("HEALTH_")
        for term in terms
    }
    assert grouped == listed
    assert len(seen) >= 450


def test_when_foreign_lexicon_loaded_then_no_homograph_phrase_hides_a_whole_term() -> None:
    canonical = protected_characteristics._canonical
    everyday = {canonical(p) for p in foreign_lexicon.NON_PROTECTED_PHRASES}
    terms = {
        canonical(term)
        for name, terms in _foreign_lists("_TERMS").items()
        if not name.startswith("HEALTH_")
        for term in terms
    }
    assert not everyday & terms
    non_health = {health._canonical(p) for p in foreign_lexicon.NON_HEALTH_PHRASES}
    health_terms = {
        health._canonical(term)
        for language in LANGUAGES
        for kind in ("CONDITIONS", "MEDICATIONS", "TREATMENTS")
        for term in getattr(foreign_lexicon, f"{language}_{kind}")
    }
    assert not non_health & health_terms


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        # a note of several fragments, each language's separators
        ("vm dejado; católica | diabética, toma insulina", ["católica", "diabética", "insulina"]),
        ("rappeler lundi - musulman - sourd", ["musulman", "sourd"]),
        ("Rückruf Montag / evangelisch / Diabetiker", ["evangelisch", "Diabetiker"]),
        # a phrase is removed whole
        ("es miembro del sindicato desde 2010", ["miembro del sindicato"]),
        ("Asylbewerber aus Syrien, Termin offen", ["Asylbewerber"]),
        # a self cue reaches each term of a list ("ambos católicos")
        (
            "es mexicana, su esposo es salvadoreño, ambos católicos",
            ["mexicana", "salvadoreño", "católicos"],
        ),
        ("cancer de la prostate, suivi à l'hôpital", ["cancer de la prostate"]),
    ],
)
def test_when_foreign_note_scanned_by_both_then_every_phrase_removed(
    text: str,
    phrases: list[str],
    health_recognizer: HealthRecognizer,
    protected_recognizer: ProtectedCharacteristicsRecognizer,
) -> None:
    results = [
        *health_recognizer.analyze(text, HEALTH_ENTITIES),
        *protected_recognizer.analyze(text, PROTECTED_ENTITIES),
    ]
    found = {text[r.start : r.end] for r in results}
    widest = {f for f in found if not any(f != g and f in g for g in found)}
    assert sorted(widest) == sorted(phrases)
