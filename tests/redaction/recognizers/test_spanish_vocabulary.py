"""Spanish vocabulary of the sensitive categories, through the real engine.

Each row is a sentence as a Spanish-speaking caller says it (or an agent types
it into a lead's notes), written once in sentence case with accents; the test
also runs it as speech recognition writes it: lowercase without punctuation,
and lowercase with punctuation and the accents dropped. ``must_go`` words must
be gone from the redacted text, ``must_stay`` words must be left as said
(homographs: places, an insurer, a recipe, a count of children, an adult's age).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

import pytest
import regex

from redaction import Lead, Redactor, Segment, Speaker, Transcript
from redaction.recognizers.child_data import ChildDataRecognizer
from tests.assertions import assert_spans


class Kind(Enum):
    CALL = "call"
    LEAD = "lead"


class Style(Enum):
    """How speech recognition or an agent writes the sentence."""

    AS_WRITTEN = "sentence case, accents"
    BARE = "lowercase, no punctuation"
    NO_ACCENTS = "lowercase, punctuation, no accents"


@dataclass(frozen=True)
class Row:
    text: str
    kind: Kind
    must_go: tuple[str, ...] = ()
    must_stay: tuple[str, ...] = ()


C, L = Kind.CALL, Kind.LEAD

ROWS: tuple[Row, ...] = (
    # --- health: conditions, medications, treatments -------------------------
    Row("Tengo diabetes y tomo metformina.", C, ("diabetes", "metformina")),
    Row("Me inyecto insulina dos veces al día.", C, ("insulina",), ("veces",)),
    Row("El doctor me recetó losartán para la presión.", C, ("losartán", "presión")),
    Row("Estoy en diálisis tres veces por semana.", C, ("diálisis",), ("semana",)),
    Row("Mi esposa está en quimioterapia.", C, ("quimioterapia",), ("esposa",)),
    Row("Ya terminé la quimio el mes pasado.", C, ("quimio",)),
    Row("Voy a terapia física por la rodilla.", C, ("terapia física",)),
    Row("Estoy en tratamiento para el cáncer de mama.", C, ("cáncer de mama",)),
    Row("Estoy en tratamiento para la depresión.", C, ("depresión",)),
    Row("Estoy embarazada.", C, ("embarazada",)),
    Row("Tengo cinco meses de embarazo.", C, ("embarazo",)),
    Row("Uso silla de ruedas desde el accidente.", C, ("silla de ruedas",)),
    Row("Tengo una discapacidad.", C, ("discapacidad",)),
    Row("Estoy incapacitado por la espalda.", C, ("incapacitado",)),
    Row("Recibo incapacidad del seguro social.", C, ("incapacidad",)),
    Row("Sufro de depresión y ansiedad.", C, ("depresión", "ansiedad")),
    Row("Veo a un psiquiatra por mi trastorno bipolar.", C, ("psiquiatra", "trastorno bipolar")),
    Row("Tomo sertralina para la ansiedad.", C, ("sertralina", "ansiedad")),
    Row("Me pusieron un marcapasos el año pasado.", C, ("marcapasos",)),
    Row("Tengo la presión alta y el colesterol alto.", C, ("presión alta", "colesterol alto")),
    Row("Mi mamá tiene alzhéimer.", C, ("alzhéimer",), ("mamá",)),
    Row("A mi papá le dio un derrame cerebral.", C, ("derrame cerebral",)),
    Row("Tengo asma y uso un inhalador.", C, ("asma", "inhalador")),
    Row("Soy diabético tipo dos.", C, ("diabético",)),
    Row("Tengo VIH.", C, ("VIH",)),
    Row("Estoy tomando Ozempic para bajar de peso.", C, ("Ozempic",)),
    Row("Me diagnosticaron cáncer de próstata.", C, ("cáncer de próstata",)),
    Row("Tengo artritis en las manos.", C, ("artritis",), ("manos",)),
    Row("Tengo el azúcar alta y soy hipertenso.", C, ("azúcar alta", "hipertenso")),
    Row("Tomo pastillas para la depresión.", C, ("depresión",)),
    Row("Tengo problemas del corazón.", C, ("problemas del corazón",)),
    Row("Me dan ataques de pánico.", C, ("ataques de pánico",)),
    Row("Estoy en rehabilitación por las drogas.", C, ("rehabilitación",)),
    Row("Estoy en terapia con una psicóloga.", C, ("terapia", "psicóloga")),
    Row("Tengo hepatitis C.", C, ("hepatitis",)),
    Row("Tengo lupus y anemia.", C, ("lupus", "anemia")),
    Row("Soy sordo de un oído.", C, ("sordo",)),
    Row("Soy ciega.", C, ("ciega",)),
    Row("Estoy tomando antidepresivos.", C, ("antidepresivos",)),
    Row("Tengo veinte semanas de embarazo.", C, ("embarazo",)),
    Row("Tengo diabetes gestacional.", C, ("diabetes gestacional",)),
    Row("Padezco de los nervios.", C, ("nervios",)),
    Row("Tomo Xanax para dormir.", C, ("Xanax",)),
    Row("Tengo una hernia en la espalda.", C, ("hernia",)),
    Row("Me operaron de la vesícula.", C, ("vesícula",)),
    Row("Tuve covid el mes pasado.", C, ("covid",)),
    Row("Tengo epilepsia y tomo Keppra.", C, ("epilepsia", "Keppra")),
    Row("Mi esposo tiene cáncer y está en quimio.", C, ("cáncer", "quimio")),
    Row("Estoy recibiendo tratamiento para el VIH.", C, ("VIH",)),
    Row("Estoy discapacitada desde el accidente.", C, ("discapacitada",)),
    Row("Cobro incapacidad desde hace dos años.", C, ("incapacidad",)),
    Row("Tengo autismo leve.", C, ("autismo",)),
    Row("Mi hijo tiene TDAH.", C, ("TDAH",)),
    Row("Cliente con diabetes tipo 2, usa insulina, hipertensión.", L,
        ("diabetes", "insulina", "hipertensión")),
    Row("Clienta embarazada, sale de cuentas en marzo.", L, ("embarazada",), ("marzo",)),
    # health homographs that stay
    Row("La presión de las llantas está baja.", C, (), ("presión", "llantas")),
    Row("Me dio mucha pena no llamar antes.", C, (), ("pena",)),
    Row("La comida está caliente.", C, (), ("caliente",)),
    Row("Tengo un seguro de auto con ustedes.", C, (), ("seguro",)),
    Row("Quiero revisar mi cuenta.", C, (), ("cuenta",)),
    Row("La receta lleva una taza de azúcar.", C, (), ("azúcar", "receta")),
    Row("Le pongo azúcar al café.", C, (), ("azúcar",)),
    Row("Tengo mucha presión en el trabajo.", C, (), ("presión",)),
    Row("No tengo incapacidad de pago, solo me atrasé.", C, (), ("incapacidad",)),
    Row("Estoy cansado de esperar.", C, (), ("cansado",)),
    # --- religion --------------------------------------------------------------
    Row("Soy católico.", C, ("católico",)),
    Row("Somos cristianos evangélicos.", C, ("cristianos", "evangélicos")),
    Row("Soy testigo de Jehová.", C, ("testigo de Jehová",)),
    Row("Soy musulmán.", C, ("musulmán",)),
    Row("Mi esposo es judío.", C, ("judío",)),
    Row("No tengo religión, soy ateo.", C, ("ateo",)),
    Row("Soy cristiana.", C, ("cristiana",)),
    Row("Soy evangélica y voy a la iglesia.", C, ("evangélica",)),
    Row("Soy adventista.", C, ("adventista",)),
    Row("Soy budista.", C, ("budista",)),
    Row("Soy pentecostal.", C, ("pentecostal",)),
    Row("Me llamo Cristina Morales.", C, (), ("Cristina",)),
    Row("Estudié en la Universidad Católica.", C, (), ("Católica",)),
    Row("Mi seguro médico es Católica Health.", C, (), ("Católica",)),
    Row("Vivo en Los Ángeles.", C, (), ("Ángeles",)),
    Row("Vivo en Santa Cruz.", C, (), ("Santa Cruz",)),
    Row("Vivo en San José.", C, (), ("San José",)),
    Row("Vimos una película de la reina.", C, (), ("reina",)),
    # --- ethnicity ---------------------------------------------------------------
    Row("Soy mexicano.", C, ("mexicano",)),
    Row("Soy hispano.", C, ("hispano",)),
    Row("Soy latina.", C, ("latina",)),
    Row("Mi familia es de origen guatemalteco.", C, ("guatemalteco",)),
    Row("Soy afroamericano.", C, ("afroamericano",)),
    Row("Soy indígena.", C, ("indígena",)),
    Row("Soy puertorriqueño.", C, ("puertorriqueño",)),
    Row("Soy de origen mexicano.", C, ("mexicano",)),
    Row("Soy latino.", C, ("latino",)),
    Row("Soy negra.", C, ("negra",)),
    Row("Soy salvadoreña.", C, ("salvadoreña",)),
    Row("Soy de raza negra.", C, ("negra",)),
    Row("Me gusta la comida mexicana.", C, (), ("mexicana",)),
    Row("Hablo español.", C, (), ("español",)),
    Row("El carro es blanco.", C, (), ("blanco",)),
    Row("Compré un vino chileno.", C, (), ("chileno",)),
    # --- immigration ---------------------------------------------------------
    Row("Soy indocumentado.", C, ("indocumentado",)),
    Row("Estoy sin papeles.", C, ("sin papeles",)),
    Row("Soy residente permanente.", C, ("residente permanente",)),
    Row("Tengo green card.", C, ("green card",)),
    Row("Tengo DACA.", C, ("DACA",)),
    Row("Vine con visa de trabajo.", C, ("visa de trabajo",)),
    Row("Estoy pidiendo asilo.", C, ("asilo",)),
    Row("Soy ciudadano americano.", C, ("ciudadano",)),
    Row("Ya soy ciudadana.", C, ("ciudadana",)),
    Row("Tengo mi permiso de trabajo.", C, ("permiso de trabajo",)),
    Row("Soy ciudadano.", C, ("ciudadano",)),
    Row("Tengo TPS.", C, ("TPS",)),
    Row("Ya tengo mi residencia.", C, ("residencia",)),
    Row("Estoy en proceso de asilo.", C, ("asilo",)),
    Row("Me quieren deportar.", C, ("deportar",)),
    Row("Estoy ilegal en este país.", C, ("ilegal",)),
    Row("Tengo la ciudadanía.", C, ("ciudadanía",)),
    Row("Necesito los papeles del carro.", C, (), ("papeles",)),
    # --- union -----------------------------------------------------------------
    Row("Estoy en el sindicato.", C, ("sindicato",)),
    Row("Soy del sindicato de maestros.", C, ("sindicato",)),
    Row("Pago cuotas sindicales.", C, ("cuotas sindicales",)),
    Row("Soy sindicalizado.", C, ("sindicalizado",)),
    Row("Pertenezco al sindicato.", C, ("sindicato",)),
    Row("Estoy en la unión de carpinteros.", C, ("unión",)),
    Row("Soy miembro de la unión.", C, ("unión",)),
    Row("Tengo cuenta en la unión de crédito.", C, (), ("unión",)),
    Row("Unión Fenosa me cobra la luz.", C, (), ("Unión",)),
    # --- orientation and politics ----------------------------------------------
    Row("Soy gay.", C, ("gay",)),
    Row("Soy lesbiana.", C, ("lesbiana",)),
    Row("Soy bisexual.", C, ("bisexual",)),
    Row("Soy republicano.", C, ("republicano",)),
    Row("Siempre voto por los demócratas.", C, ("demócratas",)),
    Row("Soy del Partido Demócrata.", C, ("Partido Demócrata",)),
    Row("Soy demócrata.", C, ("demócrata",)),
    Row("Soy de izquierda.", C, ("izquierda",)),
    Row("Soy miembro del Partido Republicano.", C, ("Partido Republicano",)),
    Row("Soy transgénero.", C, ("transgénero",)),
    Row("Soy homosexual.", C, ("homosexual",)),
    Row("La República Dominicana es muy bonita.", C, (), ("República Dominicana",)),
    # --- children's ages -------------------------------------------------------
    Row("Mi hijo tiene siete años.", C, ("siete",)),
    Row("Mi hija de cinco años está enferma.", C, ("cinco",)),
    Row("Tengo dos niños de 3 y 6 años.", C, ("3", "6"), ("dos",)),
    Row("Mi hijo Carlos tiene 8.", C, ("Carlos", "8")),
    Row("Mi niña cumple seis.", C, ("seis",)),
    Row("Mi hijo tiene once años.", C, ("once",)),
    Row("Mi hija va a cumplir doce.", C, ("doce",)),
    Row("Mi bebé tiene ocho meses.", C, ("ocho",)),
    Row("Mi nieto cumplió diez años.", C, ("diez",)),
    Row("Mi hijo tiene trece años.", C, ("trece",)),
    Row("Mi hija menor tiene cuatro años.", C, ("cuatro",), ("menor",)),
    Row("Mis hijos tienen 4, 7 y 10 años.", C, ("4", "7", "10")),
    Row("Mi hija Sofía tiene nueve años y mi hijo Luis tiene doce.", C,
        ("Sofía", "nueve", "Luis", "doce")),
    Row("Yo tengo treinta y cinco años y mi hijo tiene cuatro.", C, ("cuatro",),
        ("treinta y cinco",)),
    Row("Mi bebé tiene un año.", C, ("un año",)),
    Row("Mi hijo de 10 años está en la escuela.", C, ("10",)),
    Row("Mis hijos tienen cinco y ocho años.", C, ("cinco", "ocho")),
    Row("Tengo un niño de 4 años y una niña de 2.", C, ("4", "2")),
    Row("El niño tiene 6 meses.", C, ("6",)),
    Row("Mi hija cumple 9 el sábado.", C, ("9",), ("sábado",)),
    Row("Mi hijo tiene 10 años y mi esposo 40.", C, ("10",), ("40",)),
    Row("Mi hijo tiene 5 años de edad.", C, ("5",)),
    Row("Tengo un bebé de seis meses.", C, ("seis",)),
    Row("Mi hijo que tiene nueve años.", C, ("nueve",)),
    Row("Mi hija tiene 3 perros.", C, (), ("3",)),
    Row("Mi hijo está en tercer grado.", C, (), ("tercer",)),
    Row("Mi hijo tiene 2 trabajos.", C, (), ("2",)),
    Row("Mi hija tiene diecisiete años.", C, (), ("diecisiete",)),
    Row("Mis hijos son tres, de 2, 5 y 9 años.", C, ("2", "5", "9"), ("tres",)),
    Row("Mi hijo Juan de siete años.", C, ("Juan", "siete")),
    Row("Mi hijo tiene treinta años.", C, (), ("treinta",)),
    Row("Mi hijo tiene veintiún años.", C, (), ("veintiún",)),
    Row("Mi hija tiene dieciséis años.", C, (), ("dieciséis",)),
    Row("Tengo tres hijos.", C, (), ("tres",)),
    Row("Mi hijo tiene dos carros.", C, (), ("dos",)),
    Row("Mi hijo trabaja ahí hace cinco años.", C, (), ("cinco",)),
    Row("Hace once años que vivo aquí.", C, (), ("once",)),
    Row("Cliente con hijo de 7 años, llamar después de las 5.", L, ("7",), ("5",)),
    # --- second round: cues said of anything, durations, origin, lists -----------
    Row("Estoy en la tienda comprando azúcar.", C, (), ("azúcar",)),
    Row("Estoy en el trabajo y hay mucha presión.", C, (), ("presión",)),
    Row("Uso mucha azúcar en el café.", C, (), ("azúcar",)),
    Row("Soy sordo.", C, ("sordo",)),
    Row("Tengo una residencia en Texas.", C, (), ("residencia",)),
    Row("Tengo una cita en la corte de inmigración.", C, ("corte de inmigración",)),
    Row("Soy socio de la unión de crédito.", C, (), ("unión",)),
    Row("La unión de padres de familia hace una rifa.", C, (), ("unión",)),
    Row("Estoy en la unión.", C, ("unión",)),
    Row("Soy de Guatemala.", C, ("Guatemala",)),
    Row("Mis padres son de El Salvador.", C, ("El Salvador",)),
    Row("Soy de la Ciudad de México.", C, (), ("Ciudad",)),
    Row("Me voy de vacaciones a México.", C, (), ("México",)),
    Row("Soy de Texas.", C, (), ("Texas",)),
    # --- third round: parity with the English rules, ordinary call talk ---------
    Row("Voté por Trump.", C, ("Trump",)),
    Row("Voy a misa todos los domingos.", C, ("misa",), ("domingos",)),
    Row("Voy a la iglesia a la boda de mi prima.", C, (), ("iglesia",)),
    Row("No tengo papeles.", C, ("papeles",)),
    Row("No tengo los papeles del carro aquí.", C, (), ("papeles",)),
    Row("Mi hijo tiene déficit de atención.", C, ("déficit de atención",)),
    Row("Soy VIH positivo.", C, ("VIH positivo",)),
    Row("Tuve un aborto.", C, ("aborto",)),
    Row("Estamos en contra del aborto.", C, (), ("aborto",)),
    Row("Está esperando bebé.", C, ("esperando bebé",)),
    Row("Estoy esperando un bebé.", C, ("esperando un bebé",)),
    Row("Soy miembro de la unión.", C, ("unión",)),
    Row("Somos una pareja del mismo sexo.", C, ("pareja del mismo sexo",)),
    Row("Mi hijo se llama Carlos y tiene 6 años.", C, ("Carlos", "6")),
    Row("Fui al doctor por el azúcar.", C, ("azúcar",)),
    Row("Mi mamá es de Guatemala pero yo nací aquí.", C, ("Guatemala",)),
    Row("Mi esposo trabaja en la construcción, es del sindicato.", C, ("sindicato",)),
    Row("Mi abuela es muy católica.", C, ("católica",)),
    Row("Mi hijo el más chiquito tiene 2 años.", C, ("2",)),
    Row("Mi hija la mayor tiene 12.", C, ("12",)),
    Row("Tengo un hijo de 6 y una hija de 9.", C, ("6", "9")),
    Row("Mi nieta tiene 3 añitos.", C, ("3",)),
    Row("Estoy en la farmacia comprando pañales.", C, (), ("farmacia", "pañales")),
    Row("Estoy en el trabajo, ¿me puede llamar a las cinco?", C, (), ("cinco",)),
    Row("Uso la tarjeta de débito para pagar.", C, (), ("tarjeta",)),
    Row("Mi hija tiene una cita a las tres.", C, (), ("tres",)),
    Row("Tengo 5 años con la compañía.", C, (), ("5",)),
    Row("Mis hijos son cuatro.", C, (), ("cuatro",)),
    Row("Tengo tres hijos y cinco nietos.", C, (), ("tres", "cinco")),
    Row("Mi hijo de veinticinco años vive conmigo.", C, (), ("veinticinco",)),
    Row("Estoy cansada, trabajé doce horas.", C, (), ("doce",)),
    Row("Mi hijo tiene 3 carros y 2 motos.", C, (), ("3", "2")),
    Row("Once, once, cuarenta y dos.", C, (), ("once",)),
    Row("El pago es de once dólares.", C, (), ("once",)),
    Row("La unión hace la fuerza.", C, (), ("unión",)),
    Row("Gire a la izquierda en la esquina.", C, (), ("izquierda",)),
    Row("Nací en Texas.", C, (), ("Texas",)),
    Row("Me llamo Ángeles.", C, (), ("Ángeles",)),
    Row("Toma pastillas para el corazón.", C, ("corazón",)),
    Row("Fui al psicólogo.", C, ("psicólogo",)),
    Row("Estoy preñada.", C, ("preñada",)),
    Row("Soy güero.", C, ("güero",)),
    Row("El carro es güero.", C, (), ("güero",)),
    Row("Le pongo azúcar a la leche.", C, (), ("azúcar",)),
    Row("Tengo TPS.", C, ("TPS",)),
    Row("Send me the TPS report.", C, (), ("TPS",)),
    Row("I had a gripe with the doctor.", C, (), ("gripe",)),
    Row("Mi hijo, Juan, de 8 años.", C, ("Juan", "8")),
    Row("Mi hija tiene 5 años y medio.", C, ("5",)),
    # --- agent notes in a lead ----------------------------------------------------
    Row("Cliente en silla de ruedas", L, ("silla de ruedas",)),
    Row("Clienta con cáncer, llamar en la tarde", L, ("cáncer",), ("tarde",)),
    Row("Cliente con depresión", L, ("depresión",)),
    Row("Cliente con incapacidad", L, ("incapacidad",)),
    Row("Cliente indocumentado", L, ("indocumentado",)),
    Row("Clienta mexicana", L, ("mexicana",)),
    Row("Hijos: Juan (7), María (4)", L, ("Juan", "7", "María", "4")),
    Row("Edad del hijo: 7", L, ("7",)),
    Row("Tiene 2 hijos menores de 5 años", L, ("5",), ("2", "menores")),
    Row("Mis niños chiquitos de 3 y 5", L, ("3", "5"), ("chiquitos",)),
    Row("Cliente testigo de Jehová, no llamar domingos", L, ("testigo de Jehová",), ("domingos",)),
    Row("Cliente votó por Biden", L, ("Biden",)),
    Row("Café con azúcar y pan", L, (), ("azúcar",)),
    Row("Vive con su hija de 30 años", L, (), ("30",)),
    Row("Mi hija va a la escuela de 8 a 3", C, (), ("8", "3")),
    Row("Mi hija tiene 5 dólares.", C, (), ("5",)),
    Row("Mi hijo tiene 3 años trabajando ahí.", C, (), ("3",)),
    Row("Mi hijo tiene 4 años viviendo aquí.", C, (), ("4",)),
    Row("Mi esposo y yo tenemos 2 hijos de 5 y 7.", C, ("5", "7"), ("2",)),
    Row("Tengo dos hijos, uno de 4 y otro de 9.", C, ("4", "9")),
    Row("Mi hijo tiene 12 y mi hija 9.", C, ("12", "9")),
    Row("Tengo 3 hijos de 2, 4 y 6 años.", C, ("2", "4", "6"), ("3",)),
    Row("Mi hijo tiene 1 año.", C, ("1",)),
    Row("Tengo una niña de un año.", C, ("un año",)),
    Row("Mi hijo va a cumplir los 10.", C, ("10",)),
    Row("Mi hija cumple los quince en mayo.", C, (), ("quince",)),
    Row("My son once had a 3 year old dog.", C, (), ("once", "3")),
    Row("The mayor's 5 point plan.", C, (), ("5",)),
    Row("Soy cristiano pero no practico.", C, ("cristiano",)),
    Row("La iglesia católica está en la esquina.", C, (), ("católica",)),
    Row("Soy blanco.", C, ("blanco",)),
    Row("Uso oxígeno en la noche.", C, ("oxígeno",)),
    Row("Mi papá está en diálisis.", C, ("diálisis",)),
    Row("Estoy embarazada de mi segundo bebé.", C, ("embarazada",)),
    Row("Tomo la pastilla anticonceptiva.", C, ("pastilla anticonceptiva",)),
    Row("Me van a hacer una cesárea.", C, ("cesárea",)),
    Row("Tengo un tumor en el cerebro.", C, ("tumor",)),
    Row("Tengo depresión posparto.", C, ("depresión",)),
    Row("Estoy deprimida.", C, ("deprimida",)),
    Row("Tengo ataques de ansiedad.", C, ("ansiedad",)),
    Row("Tuve pensamientos suicidas.", C, ("pensamientos suicidas",)),
    Row("Voy a Alcohólicos Anónimos.", C, ("Alcohólicos Anónimos",)),
    Row("Recibo SSI por mi discapacidad.", C, ("discapacidad",)),
    Row("Soy ciudadano de Estados Unidos.", C, ("ciudadano",)),
    Row("Estoy tramitando mi residencia.", C, ("residencia",)),
    Row("Vino como refugiado.", C, ("refugiado",)),
    Row("Soy miembro del sindicato de camioneros.", C, ("sindicato",)),
    Row("Soy de la Unión Europea.", C, (), ("Unión",)),
    Row("Estoy con la presión alta.", C, ("presión alta",)),
    Row("Me detectaron un soplo en el corazón.", C, ("soplo en el corazón",)),
    Row("Estoy tomando pastillas para dormir.", C, ("pastillas para dormir",)),
    Row("Mi mamá usa andadera.", C, ("andadera",)),
    Row("Uso bastón.", C, ("bastón",)),
    Row("Tengo que ir a la farmacia por mi insulina.", C, ("insulina",)),
    Row("Soy hispana y mi esposo es blanco.", C, ("hispana",)),
    Row("Mi niño tiene autismo y tiene seis años.", C, ("autismo", "seis")),
)  # fmt: skip

_PUNCTUATION = regex.compile(r"[.,;:!?¿¡]")


def _without_accents(text: str) -> str:
    """Accents dropped as typed; "ñ" is a letter of its own and stays."""
    out = []
    for char in text:
        if char in "ñÑ":
            out.append(char)
            continue
        out.append(
            "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        )
    return "".join(out)


def styled(text: str, style: Style) -> str:
    if style is Style.BARE:
        return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())
    if style is Style.NO_ACCENTS:
        return _without_accents(text.lower())
    return text


def word(text: str, style: Style) -> str:
    return text if style is Style.AS_WRITTEN else styled(text, style).strip()


def redact(redactor: Redactor, text: str, kind: Kind) -> str:
    if kind is Kind.LEAD:
        lead = Lead(id="es-probe", owner="probe", fields={"notas": text})
        return redactor.redact_lead(lead).lead.fields["notas"]
    segment = Segment(text=text, speaker=Speaker.CUSTOMER)
    call = Transcript(id="es-probe", owner="probe", segments=(segment,))
    return redactor.redact_transcript(call).transcript.segments[0].text


def says(text: str, phrase: str) -> bool:
    return regex.search(rf"(?<!\w){regex.escape(phrase)}(?!\w)", text, regex.I) is not None


def failures(redactor: Redactor, row: Row, style: Style) -> list[str]:
    """What the engine got wrong on ``row`` written in ``style``: leaks and over-redactions."""
    out = redact(redactor, styled(row.text, style), row.kind)
    leaked = [w for w in row.must_go if says(out, word(w, style))]
    lost = [w for w in row.must_stay if not says(out, word(w, style))]
    return [f"leaked {w!r}" for w in leaked] + [f"lost {w!r}" for w in lost]


@pytest.mark.parametrize("style", list(Style), ids=[s.name.lower() for s in Style])
@pytest.mark.parametrize("row", ROWS, ids=[r.text[:40] for r in ROWS])
def test_when_spanish_sentence_then_sensitive_words_go_and_homographs_stay(
    redactor: Redactor, row: Row, style: Style
) -> None:
    assert failures(redactor, row, style) == [], redact(redactor, styled(row.text, style), row.kind)


@pytest.fixture(scope="module")
def child_recognizer() -> ChildDataRecognizer:
    return ChildDataRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: Spanish number words, units, age verbs, "de", lists, a name
        ("mi hijo tiene siete años", 1, [(14, 24)]),
        ("mi hija de cinco años", 1, [(11, 21)]),
        ("tengo dos niños de 3 y 6 años", 2, [(19, 20), (23, 29)]),
        ("mi hijo carlos tiene 8", 2, [(8, 14), (21, 22)]),
        ("mi niña cumple seis", 1, [(15, 19)]),
        ("mi hijo tiene once años", 1, [(14, 23)]),
        ("mi bebé tiene un año", 1, [(14, 20)]),
        ("mis hijos tienen 4 7 y 10 años", 3, [(17, 18), (19, 20), (23, 30)]),
        ("mi hija va a cumplir los 10", 1, [(25, 27)]),
        # invalid: an adult, a count, a time spent, "once" as an English word or a time
        ("mi hijo tiene treinta y cinco años", 0, []),
        ("mi hijo tiene veintiún años", 0, []),
        ("mi hijo tiene dos carros", 0, []),
        ("mis hijos son tres", 0, []),
        ("mi hijo tiene 3 años trabajando ahí", 0, []),
        ("hace once años que vivo aquí", 0, []),
        ("my son once had a 3 year old dog", 0, []),
    ],
)
def test_when_spanish_child_age_then_span_found(
    child_recognizer: ChildDataRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    assert_spans(child_recognizer.analyze(text, []), expected_len, expected_positions)
