"""Children's data: the age of a caller's child, and the child's name said with it.

Personal information of a consumer under 13 (COPPA) or under 16 (CCPA/CPRA)
needs consent a call center does not have, and "my daughter emma is six" is
exactly that. An age is only a child's when it belongs to a child: a
relation word ("son", "kids", "my youngest") must own it, in its own
sentence, with no other subject between ("my son is 25 and my dog is 3" keeps
the 3). Ages come as digits or words ("7", "seven", "twenty five"): the
normalizer rewrites only runs of three digits or more, so ages stay as said.

Forms read:

- an age after a relation and a copula: "my son is 7", "my grandson tyler
  he's 8", "kids are 4 and 9", "son (7)", "my daughter just turned six";
- an age with a unit: "7 years old", "7-year-old", "8 months old", "5 yo";
- an attributive age: "my 5 year old", "a 7-year-old son" (not "a 10 year
  old car": a thing, pet or adult after it takes it);
- a birthday: "my son's 7th birthday".

A count without an age ("2 kids") is not child data; nor is a grade ("3rd
grade"), which only implies an age.

Spanish is read the same way, with its own words (``ES_*``): numbers ("siete",
"once", "veintiún", "treinta y cinco"), units ("años", "meses"), age verbs
("tiene", "cumple", "va a cumplir") and "de" ("mi hija de cinco años"). "Tener"
also owns things, so after it a bare number is an age only where the clause
ends ("mi hijo carlos tiene 8", not "tiene 2 carros"); "once" is a number only
said as an age ("tiene once años"), never the English word.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers._cued import REGEX_TIMEOUT_SECONDS, all_matches

CHILD_AGE = "CHILD_AGE"
CHILD_NAME = "CHILD_NAME"

_FLAGS = regex.IGNORECASE | regex.UNICODE
_TOKEN = regex.compile(
    r"\d+(?:\.\d+)?(?:st|nd|rd|th)?|[^\W\d_]+(?:['\u2019][^\W\d_]+)*['\u2019]?"
    r"|[^\s\w]",
    _FLAGS,
)
_SENTENCE_END = frozenset(".!?;")

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}  # fmt: skip
# Age units, in years.
AGE_UNITS = {
    "year": 1.0, "years": 1.0, "yr": 1.0, "yrs": 1.0, "month": 1 / 12, "months": 1 / 12,
    "mo": 1 / 12, "mos": 1 / 12, "week": 1 / 52, "weeks": 1 / 52, "wk": 1 / 52, "wks": 1 / 52,
    "day": 1 / 365, "days": 1 / 365,
}  # fmt: skip


def _plain(word: str) -> str:
    """``word`` typed without accents ("cumplió" -> "cumplio"); "ñ" is a letter and stays."""
    decomposed = unicodedata.normalize("NFD", word.replace("ñ", "\0"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\0", "ñ")


def _spelled(words: Iterable[str]) -> frozenset[str]:
    """Each word as written and typed without its accents."""
    return frozenset(form for w in words for form in (w, _plain(w)))


def _spelled_map(values: Mapping[str, float]) -> dict[str, float]:
    return {form: v for w, v in values.items() for form in (w, _plain(w))}


# Spanish numbers, apart from the English ones (``word_answers`` reads those as digits).
# "un", "una" count only before a unit ("un año"), like "a"/"an"; "uno" only in a
# compound ("treinta y uno"), since "tiene uno" is a count.
ES_UNITS = _spelled_map(
    {
        "cero": 0, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
        "ocho": 8, "nueve": 9,
    }
)  # fmt: skip
ES_TEENS = _spelled_map(
    {
        "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
        "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
        "veintiuno": 21, "veintiún": 21, "veintiuna": 21, "veintidós": 22, "veintitrés": 23,
        "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27,
        "veintiocho": 28, "veintinueve": 29,
    }
)  # fmt: skip
ES_TENS = _spelled_map(
    {
        "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
        "ochenta": 80, "noventa": 90,
    }
)  # fmt: skip
ES_ONES_IN_COMPOUND = {**ES_UNITS, "uno": 1, "un": 1, "una": 1}
ES_ONE = frozenset(("un", "una"))
# A number that is also an English word: only a number before a unit or after an age verb.
ES_ENGLISH_HOMOGRAPHS = frozenset(("once",))
ES_AGE_UNITS = _spelled_map(
    {
        "año": 1.0, "años": 1.0, "anos": 1.0, "añito": 1.0, "añitos": 1.0, "mes": 1 / 12,
        "meses": 1 / 12, "mesecitos": 1 / 12, "semana": 1 / 52, "semanas": 1 / 52,
        "día": 1 / 365, "días": 1 / 365,
    }
)  # fmt: skip
# After a unit, words that make the number an age on its face: "5 años de edad".
ES_OLD_AFTER = frozenset(("cumplidos", "cumplidas"))
# Verbs of turning an age: a bare number after them is an age ("cumple seis").
ES_TURN_VERBS = _spelled(
    """
    cumple cumplen cumplió cumplieron cumplirá cumplirán cumpliría cumplir cumpliendo cumpla
    cumplan edad
    """.split()
)
# "Tener": an age or a count ("tiene 8", "tiene 2 carros"); an age only with a unit or
# where the clause ends.
ES_HAVE_VERBS = _spelled("tiene tienen tenía tenían tendrá tendría tenga tengan tuvo".split())
# "de", "con" before an age with a unit ("de cinco años", "de 3 y 6 años"); right
# after a child ("una niña de 2") with none.
ES_UNIT_PREPOSITIONS = frozenset(("de", "con"))
# Between an age verb and the number: "tiene casi 7", "cumple apenas seis".
ES_AGE_MODIFIERS = _spelled(
    "casi apenas ya como unos unas recién solo sólo solamente nomás más menos o los".split()
)
# Where a clause goes on after "tiene 8": a new subject, a conjunction, a filler.
ES_CLAUSE_WORDS = _spelled(
    """
    y e o u pero mi mis su sus tu tus el la los las que porque ya ahorita ahora todavía
    nomás no sí este esta bueno pues entonces también apenas recién de en desde hasta
    um uh eh mm ok okay
    """.split()
)
# A child of a list said before "de": "dos hijos, uno de 4 y otro de 9".
ES_ONE_OF_THEM = frozenset(("uno", "una", "otro", "otra"))
# After "N años": a time spent, not an age ("tiene 3 años trabajando ahí", "viviendo aquí").
ES_DURATION_AFTER = _spelled(
    "aquí ahí allí allá acá trabajando viviendo casado casada sin esperando pagando".split()
)
# Linking ages in a list: "4, 7 y 10 años".
ES_AND = frozenset(("y", "e"))

CHILD_RELATIONS = frozenset(
    """
    son sons daughter daughters kid kids kiddo kiddos child children boy boys girl girls
    grandson grandsons granddaughter granddaughters grandkid grandkids grandchild grandchildren
    stepson stepsons stepdaughter stepdaughters stepkid stepkids stepchild stepchildren baby
    babies toddler toddlers infant infants newborn nephew nephews niece nieces twins youngest
    oldest eldest
    hijo hija hijos hijas niño niña niños niñas nino nina ninos ninas nieto nieta nietos nietas
    bebé bebe enfant enfants fils fille filles kind kinder sohn söhne tochter töchter
    bebés bebes bebito bebita niñito niñita niñitos niñitas hijito hijita hijitos hijitas
    hijastro hijastra hijastros hijastras nietecito sobrino sobrina sobrinos sobrinas gemelos
    gemelas cuates chamaco chamaca chamacos chamacas menor
    """.split()
)
# Spanish relation words, the subject of a plural "son" ("mis hijos son tres": a count).
ES_CHILD_RELATIONS = frozenset(
    """
    hijo hija hijos hijas niño niña niños niñas nino nina ninos ninas nieto nieta nietos nietas
    bebés bebes gemelos gemelas cuates chamacos chamacas sobrinos sobrinas
    """.split()
)
# Subjects an age may belong to instead of a child: the caller, adults, pets, things.
OTHER_SUBJECTS = frozenset(
    """
    i i'm im i've i'd me myself we we're us you you're yourself wife husband spouse partner
    mom mother mum mama dad father papa parent parents brother brothers sister sisters grandma
    grandpa grandmother grandfather grandparents aunt uncle cousin boyfriend girlfriend fiance
    fiancee friend neighbor neighbour boss roommate dog dogs cat cats puppy puppies kitten
    kittens pet pets horse bird fish hamster rabbit bunny parrot lizard pup pony it it's its
    car cars truck vehicle van suv house home roof policy plan phone laptop computer tv
    furnace boat business company loan mortgage lease job account card bike motorcycle
    """.split()
) | _spelled(
    # es: the caller ("tengo 35 años": the pronoun is dropped), adults, pets, things
    """
    yo tengo cumplo cumplí cumpliré soy estoy usted ustedes nosotros conmigo esposo
    esposa marido mujer señora señor mamá madre papá padre padres hermano hermana hermanos
    hermanas abuelo abuela abuelos abuelita abuelito tío tía tíos primo prima novio novia
    amigo amiga vecino vecina jefe jefa suegro suegra perro perra perros perrito perrita gato
    gata gatos mascota carro coche camioneta troca casa auto vehículo póliza teléfono celular
    préstamo cuenta tarjeta trabajo negocio compañía empresa hipoteca
    """.split()
)
# Words right before a bare number that make it a stated age: "is 7", "turned seven".
AGE_VERBS = frozenset(
    """
    is are was were be been being turned turns turning turn age aged ages almost nearly just
    only about around approximately like now currently already
    """.split()
)
# Words after a number that make it something other than an age: "7 minutes away".
NOT_AGE_AFTER = frozenset(
    """
    minutes minute mins min hours hour hrs hr miles mile blocks block dollars dollar bucks
    cents percent pounds lbs lb kilos kg feet foot ft inches inch o'clock am pm times time
    points goals kids children people cars teeth of out more less other others grade pregnant
    along th st nd rd % $ : / @ accounts account cards loans games runs wins losses innings
    """.split()
) | _spelled(
    # es: times, money, measures, and the things "tiene 2 ..." counts
    """
    minutos minuto horas hora millas milla cuadras cuadra dólares dólar pesos centavos
    por ciento libras kilos pies pulgadas veces vez puntos hijos hijas niños niñas nietos
    nietas personas carros coches perros gatos trabajos cuartos recámaras cuotas pagos
    grado semestre
    """.split()
)
# Words that stand before an attributive age: "my 5 year old", "a 7-year-old".
DETERMINERS = frozenset("a an my our his her their the your".split())
# Words right after a relation word that are not its name.
NOT_A_NAME = frozenset(
    """
    a an the my your his her its our their this that is was are were be been has have had
    he she they he's she's they're who who's whos hes shes theyre and or but so because if
    then than to too of in on at by for from with about as just only also really actually
    now still already always never even almost nearly probably maybe usually finally
    turned turns turning will would can could should might must gonna wanna got gets get
    goes went go does did do doesn't didn't don't isn't wasn't i i'm me you we us them it
    it's here there right well okay ok yeah yes no not um uh like named called name
    """.split()
) | _spelled(
    # es: articles, pronouns, verbs and adjectives said right after "mi hijo"
    """
    de del el la los las un una unos unas mi mis su sus tu tus es está esta son están era
    fue tiene tienen tenía tenían cumple cumplen cumplió cumplirá va van que quien y e o
    pero porque si no ya con sin para por en a al se le lo les me nos también todavía
    ahorita ahora apenas casi como más chico chica chiquito chiquita pequeño pequeña grande
    mediano mediana primer primero primera segundo segunda último última único única hace
    dice estaba anda vive nació acaba recién llama llamado llamada nombre este ese mayor
    mayores menores pequeños pequeñas chiquitos chiquitas grandes adolescente adolescentes
    adoptivo adoptiva adoptado adoptada adoptivos biológico biológica varón varones del medio
    """.split()
)
# After a name, words that show it was a name: "emma is six", "tyler he's 8".
AFTER_NAME = frozenset(
    "is was he she he's she's who who's hes shes just turned turns turning , ) : -".split()
) | _spelled("tiene tenía cumple cumplió cumplirá va que quien de ya es está".split())
MAX_NAME_WORDS = 3  # "María José", "Ana Sofía Pérez": a given name said with an age
# Spanish words right after a child's name that show it has ended ("ana maría tiene 14").
NAME_ENDS = frozenset({"tiene", "cumple", "cumplió", "de", "va", "es", "ya"})
MAX_TOKENS_BACK = 10  # words between a relation and the age it owns
# Words that head a numbered thing, not a child, in a "Name 6 and Name 12" list.
NOT_A_CHILD_NAME = frozenset(
    """
    suite room unit apt apartment building bldg floor gate lane aisle table channel exit
    route highway hwy box lot plan tier level step phase chapter section page line door dock
    bay pier track platform seat row grade class model version option item part size zone
    ward district precinct local station store team group batch week day month year hour
    minute verse psalm john mark luke acts bedroom bedrooms bath baths bathroom windows
    window doors door office excel word chase wells citi amex
    bathrooms rooms floors story stories car cars truck trucks dog dogs cat cats pet pets
    years months weeks days hours minutes min mins hr hrs pages items units boxes ages aged
    acre acres sqft ft mile miles number no vol times people adults seniors members plans
    grades payment payments installment installments policy policies claim claims account
    accounts card cards lines phone phones device devices tv tvs score scores rating points
    pts tier age size qty quantity count total price cost budget apr term terms
    oh o zero double triple hundred thousand uh um er ah like so ok okay yeah yes no
    """.split()
)
# The most children one list names (a longer "list" is something else, and bounded work).
MAX_LISTED = 12
# Between a relation word and the list of its children: "kids: ", "children (2) - ".
LIST_LEAD = frozenset(
    ": - ( ) are is include includes including named , ages age edades edad".split()
)


# Anything an age can be written with; a text with none of it holds no child data.
_MAY_HOLD_AGE = regex.compile(
    r"\d|\b(?:"
    + "|".join(
        sorted(
            {*UNITS, *TEENS, *TENS, *ORDINALS, *ES_UNITS, *ES_TEENS, *ES_TENS, *ES_ONE},
            key=len,
            reverse=True,
        )
    )
    + r")\b",
    _FLAGS,
)
_UNIT_YEARS = {**AGE_UNITS, **ES_AGE_UNITS}
_ES_NUMBER_WORDS = frozenset({*ES_UNITS, *ES_TEENS, *ES_TENS})

# recognition_metadata key: the age of the child a result is about.
CHILD_AGE_YEARS_KEY = "child_age_years"


class _Tok(NamedTuple):
    """One token, with the lowercase forms every rule reads (computed once, in ``_tokens``).

    A named tuple: a call's text is a few thousand tokens, and a frozen dataclass took
    three times as long to make each one.

    ``word``: lowercase, straight apostrophe, possessive "'s" kept. ``base``: without a
    possessive or contracted "'s" ("son's" -> "son"). ``numberish``: digits or a number
    word, where an age may start.
    """

    text: str
    start: int
    end: int
    sentence: int
    word: str
    base: str
    numberish: bool


@dataclass(frozen=True)
class _Age:
    first: int  # token index of the age's first token
    last: int  # token index of its last token (inclusive)
    years: float
    has_old: bool  # "years old", "yo": an age on its face
    ordinal: bool  # "7th birthday"


def _token(text: str, start: int, end: int, sentence: int) -> _Tok:
    word = text.lower().replace("\u2019", "'")
    base = word[:-2] if word.endswith("'s") else word.rstrip("'")
    numberish = (
        word[:1].isdigit()
        or word in UNITS
        or word in TEENS
        or word in TENS
        or word in _ES_NUMBER_WORDS
    )
    return _Tok(text, start, end, sentence, word, base, numberish)


def _tokens(text: str) -> list[_Tok]:
    """Tokens with a sentence number; a newline or . ! ? ; ends a sentence."""
    out: list[_Tok] = []
    sentence, last_end = 0, 0
    for match in all_matches(_TOKEN, text):
        if "\n" in text[last_end : match.start()]:
            sentence += 1
        out.append(_token(match.group(), match.start(), match.end(), sentence))
        if match.group() in _SENTENCE_END:
            sentence += 1
        last_end = match.end()
    return out


def _read_number(tokens: list[_Tok], i: int) -> tuple[float, int] | None:
    """(value, index of its last token) of a number at ``i``: "7", "seven", "twenty-five"."""
    word = tokens[i].word
    if word[0].isdigit():
        return (float(word), i) if word.replace(".", "", 1).isdigit() else None
    if word in UNITS or word in TEENS:
        return float(UNITS.get(word, TEENS.get(word, 0))), i
    if word in TENS:
        j = i + 1
        if j < len(tokens) and tokens[j].text == "-":
            j += 1
        if j < len(tokens) and tokens[j].word in UNITS and tokens[j].word != "zero":
            return float(TENS[word] + UNITS[tokens[j].word]), j
        return float(TENS[word]), i
    return _read_spanish_number(tokens, i)


def _read_spanish_number(tokens: list[_Tok], i: int) -> tuple[float, int] | None:
    """(value, index of its last token) of "siete", "once", "treinta y cinco" at ``i``."""
    word = tokens[i].word
    if i >= 2 and tokens[i - 1].word == "y" and tokens[i - 2].word in ES_TENS:
        return None  # the "siete" of "treinta y siete": read whole from "treinta"
    if word in ES_ENGLISH_HOMOGRAPHS and not _said_as_age(tokens, i):
        return None
    if word in ES_UNITS or word in ES_TEENS:
        return float(ES_UNITS.get(word, ES_TEENS.get(word, 0))), i
    if word in ES_TENS:
        if _says(tokens, i + 1, "y") and i + 2 < len(tokens):
            ones = tokens[i + 2].word
            if ones in ES_ONES_IN_COMPOUND and ones != "cero":
                return float(ES_TENS[word] + ES_ONES_IN_COMPOUND[ones]), i + 2
        return float(ES_TENS[word]), i
    return None


def _said_as_age(tokens: list[_Tok], i: int) -> bool:
    """True when a Spanish number at ``i`` has a unit after it or an age verb before it."""
    following = tokens[i + 1].word if i + 1 < len(tokens) else ""
    before = tokens[i - 1].word if i else ""
    return following in ES_AGE_UNITS or before in ES_TURN_VERBS or before in ES_HAVE_VERBS


def _read_age(tokens: list[_Tok], i: int) -> _Age | None:
    """An age starting at token ``i``: number, optional unit, optional "old"; or "7th birthday"."""
    tok = tokens[i]
    ordinal = tok.word[-2:] in ("st", "nd", "rd", "th") and tok.word[0].isdigit()
    if ordinal or tok.word in ORDINALS:
        following = tokens[i + 1].word if i + 1 < len(tokens) else ""
        if following != "birthday":
            return None
        nth = ORDINALS.get(tok.word) or int(tok.word[:-2])
        return _Age(i, i, float(nth), has_old=True, ordinal=True)
    one = tok.word in ("a", "an") or tok.word in ES_ONE
    if one:
        number: tuple[float, int] | None = (1.0, i)
    else:
        number = _read_number(tokens, i)
    if number is None:
        return None
    value, last = number
    j = last + 1
    if j < len(tokens) and tokens[j].text == "-":
        j += 1
    if j < len(tokens) and tokens[j].word in ("yo", "y/o"):
        return _Age(i, j, value, has_old=True, ordinal=False)
    if j < len(tokens) and tokens[j].word == "y" and _says(tokens, j + 1, "/", "o"):
        return _Age(i, j + 2, value, has_old=True, ordinal=False)
    if j >= len(tokens) or tokens[j].word not in _UNIT_YEARS:
        return None if one else _Age(i, last, value, False, False)
    unit_at, years = j, value * _UNIT_YEARS[tokens[j].word]
    j += 1
    if j < len(tokens) and tokens[j].text == "-":
        j += 1
    if j < len(tokens) and tokens[j].word in ("old", "olds"):
        return _Age(i, j, years, has_old=True, ordinal=False)
    if tokens[unit_at].word in ES_AGE_UNITS and _spent(tokens, j):
        return None  # "3 años trabajando ahí": a time, not an age
    if tokens[unit_at].word in ES_AGE_UNITS and (
        _says(tokens, j, "de", "edad") or (j < len(tokens) and tokens[j].word in ES_OLD_AFTER)
    ):
        return _Age(i, unit_at, years, has_old=True, ordinal=False)  # "5 años de edad"
    if tok.word in ("a", "an"):
        return None
    return _Age(i, unit_at, years, has_old=False, ordinal=False)


def _spent(tokens: list[_Tok], j: int) -> bool:
    """True when the words after "N años" make it a time spent ("trabajando", "de casado")."""
    if j < len(tokens) and tokens[j].word == "de":
        j += 1
    if j >= len(tokens):
        return False
    word = tokens[j].word
    return word in ES_DURATION_AFTER or word.endswith(("ando", "iendo", "yendo"))


def _says(tokens: list[_Tok], i: int, *words: str) -> bool:
    return all(i + k < len(tokens) and tokens[i + k].word == w for k, w in enumerate(words))


class ChildDataRecognizer(LocalRecognizer):
    """Ages (and names said with them) of a caller's children up to ``max_age``.

    ``max_age`` is inclusive: the default 13 also counts a 13-year-old (fail
    safe: COPPA protects under 13, the CCPA under 16); 16 for CCPA use.
    """

    ENTITIES: ClassVar[tuple[str, ...]] = (CHILD_AGE, CHILD_NAME)
    DEFAULT_MAX_AGE: ClassVar[int] = 13
    SCORE: ClassVar[float] = 0.85
    NAME_SCORE: ClassVar[float] = 0.8

    def __init__(self, max_age: int = DEFAULT_MAX_AGE) -> None:
        self.max_age = max_age
        super().__init__(
            supported_entities=list(self.ENTITIES),
            supported_language="en",
            name=type(self).__name__,
        )

    def load(self) -> None:
        """Word lists are module constants; nothing to load."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Child ages in ``text``, and the names of the children they belong to."""
        wanted = set(entities) & set(self.ENTITIES) if entities else set(self.ENTITIES)
        if not wanted:
            return []
        if not _MAY_HOLD_AGE.search(text, timeout=REGEX_TIMEOUT_SECONDS):
            return []  # no digit, number word or ordinal: no age, no child's name with one
        tokens = _tokens(text)
        results: list[RecognizerResult] = []
        anchors: dict[int, float] = {}
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            # An age starts with a number, "a"/"an" ("a 7-year-old"... "a year old") or an
            # ordinal ("7th birthday"): every other token is passed over at once.
            could_start = (
                tok.numberish
                or tok.word in ORDINALS
                or tok.word in ("a", "an")
                or tok.word in ES_ONE
            )
            group = _age_group(tokens, i) if could_start else []
            if not group:
                i += 1
                continue
            owner = _owner(tokens, group[0])
            if owner is not None:
                for age in group:
                    if age.years <= self.max_age:
                        span = (tokens[age.first].start, tokens[age.last].end)
                        results.append(self._result(CHILD_AGE, *span, self.SCORE, age.years))
                        if owner >= 0:
                            anchors[owner] = min(anchors.get(owner, age.years), age.years)
            i = group[-1].last + 1
        taken = {(r.start, r.end) for r in results}
        for name_at, age in _listed_children(tokens):
            if age.years > self.max_age:
                continue
            name = tokens[name_at]
            for entity_type, start, end, score in (
                (CHILD_AGE, tokens[age.first].start, tokens[age.last].end, self.SCORE),
                (CHILD_NAME, name.start, _name_end(name), self.NAME_SCORE),
            ):
                if (start, end) not in taken:
                    taken.add((start, end))
                    results.append(self._result(entity_type, start, end, score, age.years))
        if CHILD_NAME in wanted:
            for anchor, years in sorted(anchors.items()):
                name_span = _name_after(tokens, anchor)
                if name_span is not None and name_span not in taken:
                    results.append(self._result(CHILD_NAME, *name_span, self.NAME_SCORE, years))
        return [r for r in results if r.entity_type in wanted]

    def _result(
        self, entity_type: str, start: int, end: int, score: float, years: float
    ) -> RecognizerResult:
        # The age lets each owner's policy apply its own threshold (13 or 16).
        return RecognizerResult(
            entity_type=entity_type,
            start=start,
            end=end,
            score=score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                CHILD_AGE_YEARS_KEY: years,
            },
        )


def _listed_children(tokens: list[_Tok]) -> list[tuple[int, _Age]]:
    """Children listed as name and age: "children: Leo (9), Mia 12", "Ava 6 and Max twelve".

    After a relation word ("kids: ...") any word that could be a name counts;
    without one, two or more capitalized names each with an age make the list.
    Returns (index of the name, age) pairs.
    """
    found: list[tuple[int, _Age]] = []
    # Only a word with a number within three tokens after it can start an entry.
    numbers = [i for i, tok in enumerate(tokens) if tok.numberish]
    i = 0
    while i < len(tokens):
        ahead = bisect_left(numbers, i + 1)
        if ahead == len(numbers) or numbers[ahead] > i + 4:
            i += 1  # no number close enough after this word: no entry starts here
            continue
        if tokens[i].base in CHILD_RELATIONS:
            j = i + 1
            while j < len(tokens) and (
                tokens[j].word in LIST_LEAD
                or (
                    tokens[j].word.isdigit() and j + 1 < len(tokens) and tokens[j + 1].text in ")-:"
                )
            ):
                j += 1
            entries = _list_entries(tokens, j, capitalized=False)
        else:
            # No relation word: two or more capitalized names with ages ("Ava 6 and Max
            # twelve"), or any name whose age is said as an age ("wyatt (age seven)").
            entries = _list_entries(tokens, i, capitalized=True)
            if len(entries) < 2:
                said = _list_entries(tokens, i, capitalized=False)
                if not any(_age_said(tokens, age) for _, age in said):
                    # Not a list of children; nor is any tail of it ("pin 1234 pin 1234 ...").
                    i = said[-1][1].last + 1 if said else i + 1
                    continue
                entries = said
        if entries:
            found.extend(entries)
            i = entries[-1][1].last + 1
        else:
            i += 1
    return found


def _list_entries(tokens: list[_Tok], i: int, *, capitalized: bool) -> list[tuple[int, _Age]]:
    """Consecutive "name age" entries from ``i``, joined by commas, "and", "&" or ";"."""
    entries: list[tuple[int, _Age]] = []
    while i < len(tokens) and len(entries) < MAX_LISTED:
        name = tokens[i]
        if (
            not _could_be_name(name)
            or name.base in NOT_A_CHILD_NAME
            or (capitalized and not name.text[0].isupper())
        ):
            break
        j = i + 1
        while (
            j < len(tokens)
            and j <= i + 2
            and (tokens[j].text in (",", "(", "-", ":") or tokens[j].word in ("age", "aged"))
        ):
            j += 1
        age = _read_age(tokens, j) if j < len(tokens) else None
        if (
            age is None
            or age.ordinal
            or _followed_by_other(tokens, age)
            or not _whole_word(tokens, i)
            or not _whole_word(tokens, age.first)
            or not _whole_word(tokens, age.last)
        ):
            break
        entries.append((i, age))
        i = age.last + 1
        if i < len(tokens) and tokens[i].text == ")":
            i += 1
        while i < len(tokens) and (
            tokens[i].text in (",", ";", "&", "/") or tokens[i].word == "and"
        ):
            i += 1
    return entries


def _age_said(tokens: list[_Tok], age: _Age) -> bool:
    """True when the number is marked as an age: "(age 7)", "aged 7", "7 years old"."""
    before = tokens[age.first - 1].word if age.first else ""
    return age.has_old or before in ("age", "aged")


def _whole_word(tokens: list[_Tok], i: int) -> bool:
    """True when token ``i`` is a word of its own, not letters or digits inside a code ("1ZX4B")."""
    tok = tokens[i]
    glued_before = i > 0 and tokens[i - 1].end == tok.start and tokens[i - 1].text[0].isalnum()
    glued_after = (
        i + 1 < len(tokens) and tokens[i + 1].start == tok.end and tokens[i + 1].text[0].isalnum()
    )
    return not glued_before and not glued_after


def _age_group(tokens: list[_Tok], i: int) -> list[_Age]:
    """A stated age at ``i`` and the ages listed after it ("4, 7 and 9"), or []."""
    first = _read_age(tokens, i)
    if first is None or not _stated(tokens, first):
        return []
    group = [first]
    while True:
        j = group[-1].last + 1
        if j < len(tokens) and tokens[j].text in (",", "&"):
            j += 1
        if j < len(tokens) and (tokens[j].word == "and" or tokens[j].word in ES_AND):
            j += 1
        if j >= len(tokens):
            return group
        # Unpunctuated speech lists without commas: "4 7 y 10 años".
        if j == group[-1].last + 1 and not (tokens[j].numberish and _unit_ahead(tokens, group[-1])):
            return group
        following = _read_age(tokens, j)
        if following is None or following.ordinal or _followed_by_other(tokens, following):
            return group
        group.append(following)


def _owner(tokens: list[_Tok], age: _Age) -> int | None:
    """Index of the child relation owning ``age``; -1 for a child unnamed; None if no child.

    An attributive age ("my 5 year old ...") is owned by the word after it
    when that is a relation, and is a child's unless a thing, pet or adult
    follows. Otherwise the nearest subject before the age, in its
    sentence, decides.
    """
    before = tokens[age.first - 1].word if age.first else ""
    nearest = _nearest_subject(tokens, age.first)
    if age.has_old and not age.ordinal and before in DETERMINERS:
        after = age.last + 1
        if after < len(tokens) and tokens[after].base in CHILD_RELATIONS:
            return after
        if after < len(tokens) and tokens[after].base in OTHER_SUBJECTS:
            return None
        return nearest if nearest is not None and nearest >= 0 else -1
    return nearest if nearest is not None and nearest >= 0 else None


def _nearest_subject(tokens: list[_Tok], index: int) -> int | None:
    """The nearest subject before token ``index`` in its sentence.

    Index of a child relation; -1 for another subject (the caller, an adult, a
    pet, a thing); None when there is none within ``MAX_TOKENS_BACK`` words.
    Pronouns ("he's", "she") and names are passed over: they are the child's.
    """
    sentence = tokens[index].sentence
    words = 0
    for k in range(index - 1, -1, -1):
        tok = tokens[k]
        if tok.sentence != sentence or words >= MAX_TOKENS_BACK:
            return None
        if tok.base in CHILD_RELATIONS:
            return k
        if tok.word in OTHER_SUBJECTS or tok.base in OTHER_SUBJECTS:
            return -1
        words += tok.text[0].isalnum()
    return None


def _followed_by_other(tokens: list[_Tok], age: _Age) -> bool:
    """True when the word after a bare number makes it a count or time ("7 minutes")."""
    if age.has_old:
        return False
    j = age.last + 1
    return j < len(tokens) and tokens[j].word in NOT_AGE_AFTER


def _stated(tokens: list[_Tok], age: _Age) -> bool:
    """True when the number is said as an age, not a count, price or time."""
    if age.first and tokens[age.first - 1].text in ("$", ".", "/", "#"):
        return False
    if age.has_old:
        return True
    if _followed_by_other(tokens, age):
        return False
    k = age.first - 1
    while k >= 0 and tokens[k].text in (",", "(", ":", "-"):
        k -= 1
    if k < 0:
        return False
    prev = tokens[k]
    if prev.word == "son" and k > 0 and tokens[k - 1].word in ES_CHILD_RELATIONS:
        return _spanish_stated(tokens, age, k)  # "mis hijos son tres": a count
    if _spanish_stated(tokens, age, k):
        return True
    going_on = prev.word == "on" and k > 0 and tokens[k - 1].word == "going"
    if prev.word in AGE_VERBS or prev.word.endswith(("'s", "'re")) or going_on:
        return True
    if prev.base in CHILD_RELATIONS:
        return True  # "son 7", "son (7)"
    # "my daughter Emma 6", "my daughter emma, 6", "Su hija María José (2 años)": a name
    # (of up to three words) between relation and age.
    j = k - 1
    while j >= 0 and tokens[j].text == ",":
        j -= 1
    for _ in range(MAX_NAME_WORDS - 1):
        if j >= 0 and _could_be_name(tokens[j]) and tokens[j].text[0].isupper():
            j -= 1
    while j >= 0 and tokens[j].text in (",", ":"):
        j -= 1
    punctuated = k + 1 < age.first
    return (
        j >= 0
        and tokens[j].base in CHILD_RELATIONS
        and _could_be_name(prev)
        and (punctuated or prev.text[0].isupper())
    )


def _spanish_stated(tokens: list[_Tok], age: _Age, k: int) -> bool:
    """True when a Spanish verb or "de" before the age at ``k`` says it as an age.

    "cumple seis", "va a cumplir doce"; "tiene 8" where the clause ends, "tiene
    siete años"; "de cinco años", "de 3 y 6 años", "una niña de 2".
    """
    while k > 0 and tokens[k].word in ES_AGE_MODIFIERS:
        k -= 1
    prev = tokens[k].word
    if prev in ES_TURN_VERBS:
        return True
    if prev in ES_HAVE_VERBS:
        return _unit_ahead(tokens, age) or _clause_ends_after(tokens, age)
    if prev in ES_UNIT_PREPOSITIONS:
        # Right after a child, or a child and one word ("mis niños chiquitos de 3 y 5").
        after_child = k > 0 and (
            any(tokens[b].base in CHILD_RELATIONS for b in range(max(0, k - 2), k))
            or tokens[k - 1].word in ES_ONE_OF_THEM
        )
        return _unit_ahead(tokens, age) or (after_child and _clause_ends_after(tokens, age))
    return False


def _unit_ahead(tokens: list[_Tok], age: _Age) -> bool:
    """True when the age, or the list it starts ("3 y 6 años"), ends in a Spanish unit."""
    if tokens[age.last].word in ES_AGE_UNITS:
        return True
    for j in range(age.last + 1, min(len(tokens), age.last + 9)):
        tok = tokens[j]
        if tok.word in ES_AGE_UNITS:
            return True
        if not (tok.numberish or tok.word in ES_AND or tok.text in (",", "-")):
            return False
    return False


def _clause_ends_after(tokens: list[_Tok], age: _Age) -> bool:
    """True when nothing is counted after the number: an end, a comma, "y", a new subject."""
    j = age.last + 1
    if j >= len(tokens) or tokens[j].sentence != tokens[age.last].sentence:
        return True
    following = tokens[j]
    return (
        not following.text[0].isalnum()
        or following.numberish
        or following.word in ES_CLAUSE_WORDS
        or following.word in ES_TURN_VERBS
    )


def _could_be_name(tok: _Tok) -> bool:
    word = tok.base
    return (
        word.isalpha()
        and len(word) > 1
        and word not in NOT_A_NAME
        and word not in CHILD_RELATIONS
        and word not in OTHER_SUBJECTS
        and word not in UNITS
        and word not in TEENS
        and word not in TENS
        and word not in _ES_NUMBER_WORDS
    )


def _name_after(tokens: list[_Tok], anchor: int) -> tuple[int, int] | None:
    """Span of the given name said right after the relation word at ``anchor``, if any.

    "my son jacob", "my daughter, emma,", "my son's name is jacob", "a son named
    jacob". Lowercase speech has no capital to go by, so a lowercase word
    counts as a name only when what follows shows it ("emma is", "tyler he's").
    """
    i = anchor + 1
    if i < len(tokens) and tokens[i].text in (",", ":"):
        i += 1
    if i >= len(tokens) or tokens[i].sentence != tokens[anchor].sentence:
        return None
    if _says(tokens, i, "name") and i + 2 < len(tokens) and tokens[i + 1].word in ("is", "was"):
        i += 2
    elif tokens[i].word in ("name's", "named", "called", "llamado", "llamada"):
        i += 1
    elif _says(tokens, i, "se", "llama"):
        i += 2
    elif tokens[anchor].word.endswith("'s") and _says(tokens, i, "name"):
        return None
    else:
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            following is not None
            and i + 2 < len(tokens)
            and _could_be_name(following)
            and (tokens[i + 2].word in AFTER_NAME or tokens[i + 2].word in NAME_ENDS)
        ):
            following = tokens[i + 2]  # "ana maría tiene ...": a name of two words
        shown = (
            tokens[i].text[0].isupper()
            or tokens[i].word.endswith("'s")
            or (
                following is not None
                and (following.word in AFTER_NAME or following.word.endswith("'s"))
            )
        )
        if not shown:
            return None
    if i >= len(tokens) or not _could_be_name(tokens[i]):
        return None
    last = i
    # Given names of two or three words ("María José", "Marco Antonio"): the next words
    # count when written like the first (capitalized), or, in lowercase speech, when
    # what follows shows the name has ended ("ana maría tiene catorce").
    while last - i < MAX_NAME_WORDS - 1 and last + 1 < len(tokens):
        nxt = tokens[last + 1]
        if nxt.sentence != tokens[i].sentence or not _could_be_name(nxt):
            break
        after = tokens[last + 2] if last + 2 < len(tokens) else None
        ends = after is not None and (after.word in AFTER_NAME or after.word in NAME_ENDS)
        if not (tokens[i].text[0].isupper() and nxt.text[0].isupper()) and not ends:
            break
        last += 1
    return tokens[i].start, _name_end(tokens[last])


def _name_end(tok: _Tok) -> int:
    """Where a name ends, without its possessive: "tyler's" -> "tyler"."""
    return tok.start + len(tok.base) if tok.word.endswith(("'s", "'")) else tok.end
