"""The Spanish the gloss reads: number words, months, letters, fillers and cue phrases. Data only.

Every key is lowercase and written *without accents*: words are compared
folded ("número", "numero" and "NÚMERO" are one word), because Spanish
speech recognizers drop accents as often as they keep them. Values are the
engine's canonical English (what ``redaction.normalize``, the slot table and
the cued recognizers read).
"""

from __future__ import annotations

# ===========================================================================
# Numbers: each word's value. "y" joins a tens word to a unit ("cincuenta y tres").

UNITS: dict[str, int] = {
    "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
}  # fmt: skip
TEENS: dict[str, int] = {
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
    "veinte": 20, "veintiuno": 21, "veintiun": 21, "veintiuna": 21, "veintidos": 22,
    "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}  # fmt: skip
TENS: dict[str, int] = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}  # fmt: skip
HUNDREDS: dict[str, int] = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500,
    "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
    "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
    "novecientas": 900,
}  # fmt: skip
THOUSAND = "mil"
# Recognizers split compounds: "dieci seis", "veinti dos" (and "diez y seis", "veinte y dos").
COMPOUND_HEADS: dict[str, int] = {"dieci": 10, "veinti": 20}
REPEATS: dict[str, str] = {"doble": "double", "triple": "triple"}
# Said as numbers, but also ordinary words: a number only beside another number word.
WEAK_NUMBERS = frozenset({"un", "una"})

# English for a value under a hundred, the words the engine's number reader knows.
ENGLISH_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ENGLISH_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
ENGLISH_TENS = (
    "",
    "",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)

# ===========================================================================
# Dates

MONTHS: dict[str, int] = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
ENGLISH_MONTHS = (
    "", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
# Between the parts of a date: "catorce de marzo de mil...", "catorce del tres del sesenta".
DATE_JOINERS = frozenset({"de", "del", "/", "-", "."})
# Before a day: "el catorce", "el día catorce", "el primero".
DAY_OPENERS = frozenset({"el", "dia"})
FIRST_DAY = frozenset({"primero", "primer"})

# ===========================================================================
# Letters, as said when spelling an ID ("be grande", "a de árbol", "equis").

LETTER_NAMES: dict[str, str] = {
    "be": "B", "ce": "C", "efe": "F", "ge": "G", "hache": "H", "jota": "J", "ka": "K",
    "ele": "L", "eme": "M", "ene": "N", "pe": "P", "cu": "Q", "erre": "R", "ere": "R",
    "uve": "V", "equis": "X", "zeta": "Z", "ceta": "Z", "ye": "Y",
    "enie": "N",
}  # fmt: skip
# Letter names that are also everyday words: units only inside a run that spells.
WORD_LETTER_NAMES: dict[str, str] = {
    "a": "A", "de": "D", "e": "E", "i": "I", "o": "O", "te": "T", "u": "U", "ve": "V",
    "ese": "S",
}  # fmt: skip
# Two-word letter names: "be grande", "ve chica", "i griega", "doble u".
LETTER_PHRASES: dict[tuple[str, str], str] = {
    ("be", "grande"): "B", ("be", "larga"): "B", ("be", "alta"): "B", ("be", "burro"): "B",
    ("ve", "chica"): "V", ("ve", "corta"): "V", ("ve", "pequena"): "V", ("ve", "baja"): "V",
    ("ve", "vaca"): "V", ("i", "griega"): "Y", ("i", "latina"): "I", ("doble", "u"): "W",
    ("doble", "ve"): "W", ("uve", "doble"): "W", ("doble", "uve"): "W",
}  # fmt: skip
# "<letter> de <word>" spells the letter: "a de árbol", "te de Tomás".
AS_IN = frozenset({"de", "como", "por"})

# ===========================================================================
# Words glossed one for one. Fillers and back-channels become the English ones the number
# reader lets a number run through; nouns and determiners become what the cues name.

WORD_GLOSS: dict[str, str] = {
    # fillers, hesitations, back-channels
    "este": "um", "eh": "uh", "em": "um", "emm": "um", "mmm": "hmm", "mm": "hmm", "mjm": "mhm",
    "aja": "uh-huh", "ajam": "uh-huh", "ujum": "uh-huh", "aha": "uh-huh", "okey": "okay",
    "oquei": "okay", "vale": "okay", "bueno": "well", "pues": "so", "si": "yes", "claro": "sure",
    "exacto": "right", "correcto": "correct", "perdon": "sorry", "disculpe": "sorry",
    "espere": "wait", "espereme": "wait", "luego": "then", "despues": "then", "entonces": "so",
    "siguiente": "next", "guion": "dash", "raya": "dash", "espacio": "space", "listo": "done",
    "eso": "that's", "seria": "is", "adelante": "go ahead", "siga": "go ahead",
    "continue": "go ahead", "perfecto": "okay", "anotado": "got it", "apuntado": "got it",
    # determiners, possessives and verbs the cues stand on
    "mi": "my", "mis": "my", "su": "your", "sus": "your", "tu": "your", "es": "is", "son": "are",
    "era": "was", "el": "the", "la": "the", "los": "the", "las": "the", "del": "of the",
    "de": "of", "y": "and", "o": "or",
    # what is asked for and what a harmless number is
    "numero": "number", "numeros": "numbers", "digitos": "digits", "digito": "digit",
    "tarjeta": "card", "tarjetas": "cards", "cuenta": "account", "fecha": "date",
    "nacimiento": "birth", "nacio": "born", "naci": "born", "cumpleanos": "birthday",
    "vencimiento": "expiration", "vence": "expires", "expira": "expires",
    "expiracion": "expiration", "caduca": "expires", "codigo": "code", "contrasena": "password",
    "clave": "pin", "nip": "pin", "pasaporte": "passport", "licencia": "license",
    "miembro": "member", "telefono": "phone", "celular": "cell", "confirmacion": "confirmation",
    "referencia": "reference", "poliza": "policy", "orden": "order", "dolares": "dollars",
    "dolar": "dollar", "centavos": "cents", "anos": "years", "ano": "year", "meses": "months",
    "mes": "month", "dias": "days", "horas": "hours", "minutos": "minutes", "ultimos": "last",
    "ultimas": "last", "primeros": "first", "atras": "back", "social": "social",
    "hijos": "kids", "hijo": "son", "hija": "daughter", "ninos": "children", "edad": "age",
    "edades": "ages", "nombre": "name", "nombres": "names",
}  # fmt: skip
# Spanish words that are also English (or a letter): glossed in a mixed segment only beside an
# unmistakably Spanish word ("mi social es" yes, "my son is" no).
SHARED_WORDS = frozenset(
    {"a", "o", "e", "y", "no", "me", "son", "once", "un", "con", "si", "dos", "te", "de", "se",
     "ve", "pe", "be", "ce", "ka", "ese", "era", "social"}
)  # fmt: skip

# Phrases glossed whole, where Spanish word order differs from the English the cues read.
# Longest first wins; "de"/"del"/"la"/"su" variants are written out.
PHRASE_GLOSS: tuple[tuple[str, str], ...] = (
    # social security
    ("numero de seguro social", "social security number"),
    ("numero del seguro social", "social security number"),
    ("numero de su seguro social", "social security number"),
    ("numero de la seguridad social", "social security number"),
    ("numero de seguridad social", "social security number"),
    ("numero de social", "social security number"),
    ("numero del social", "social security number"),
    ("seguro social", "social security"),
    ("seguridad social", "social security"),
    # cards
    ("numero de la tarjeta de credito", "credit card number"),
    ("numero de la tarjeta de debito", "debit card number"),
    ("numero de su tarjeta de credito", "credit card number"),
    ("numero de su tarjeta", "card number"),
    ("numero de la tarjeta", "card number"),
    ("numero de tarjeta", "card number"),
    ("numeros de la tarjeta", "card number"),
    ("con que tarjeta", "which card"),
    ("que tarjeta", "which card"),
    ("cual tarjeta", "which card"),
    ("la otra tarjeta", "the other card"),
    ("otra tarjeta", "other card"),
    ("terminada en", "ending in"),
    ("que termina en", "ending in"),
    ("termina en", "ends in"),
    ("con terminacion", "ending in"),
    ("tarjeta de credito", "credit card"),
    ("tarjeta de debito", "debit card"),
    ("fecha de vencimiento", "expiration date"),
    ("fecha de expiracion", "expiration date"),
    ("fecha de caducidad", "expiration date"),
    ("codigo de seguridad", "security code"),
    ("codigo de atras", "code on the back"),
    ("numeros de atras", "numbers on the back"),
    ("digitos de atras", "digits on the back"),
    ("de atras", "on the back"),
    # American Express prints its four-digit code on the front
    ("cuatro numeros del frente", "four digit code"),
    ("cuatro digitos del frente", "four digit code"),
    ("cuatro numeros de enfrente", "four digit code"),
    ("cuatro digitos de enfrente", "four digit code"),
    ("en la parte de atras", "on the back"),
    ("al reverso", "on the back"),
    ("del reverso", "on the back"),
    ("los ultimos cuatro", "the last four"),
    ("las ultimas cuatro", "the last four"),
    ("ultimos cuatro", "last four"),
    ("ultimas cuatro", "last four"),
    ("los ultimos 4", "the last 4"),
    ("ultimos 4", "last 4"),
    # bank
    ("numero de cuenta bancaria", "bank account number"),
    ("numero de la cuenta", "account number"),
    ("numero de su cuenta", "account number"),
    ("numero de cuenta", "account number"),
    ("cuenta bancaria", "bank account"),
    ("cuenta de banco", "bank account"),
    ("cuenta de cheques", "checking account"),
    ("cuenta de ahorros", "savings account"),
    ("numero de ruta", "routing number"),
    ("numero de ruteo", "routing number"),
    ("numero de enrutamiento", "routing number"),
    ("numero de transito", "routing number"),
    ("ruta bancaria", "routing number"),
    # birth
    ("fecha de nacimiento", "date of birth"),
    ("dia de nacimiento", "date of birth"),
    ("fecha en que nacio", "date of birth"),
    ("cuando nacio", "when were you born"),
    ("que dia nacio", "when were you born"),
    ("en que dia nacio", "when were you born"),
    ("cuando es su cumpleanos", "birthday"),
    ("en que fecha nacio", "when were you born"),
    ("que fecha nacio", "when were you born"),
    # health and government ids
    ("numero de medicare", "medicare number"),
    ("numero de su medicare", "medicare number"),
    ("numero del medicare", "medicare number"),
    ("tarjeta de medicare", "medicare card"),
    ("tarjeta del medicare", "medicare card"),
    ("numero de medicaid", "medicaid number"),
    ("numero de miembro", "member id"),
    ("numero de la aseguranza", "insurance id"),
    ("numero de aseguranza", "insurance id"),
    ("numero de seguro medico", "insurance id"),
    ("licencia de conducir", "driver's license"),
    ("licencia de manejar", "driver's license"),
    ("licencia de manejo", "driver's license"),
    ("numero de licencia", "license number"),
    ("numero de pasaporte", "passport number"),
    ("numero de identificacion fiscal", "taxpayer id"),
    ("numero de identificacion de contribuyente", "taxpayer id"),
    ("numero de contribuyente", "taxpayer id"),
    ("identificacion fiscal", "tax id"),
    # secrets
    ("codigo de verificacion", "verification code"),
    ("codigo que le enviamos", "code we sent"),
    ("codigo que le mandamos", "code we sent"),
    ("codigo que le acabamos de enviar", "code we just sent"),
    ("codigo que le acabamos de mandar", "code we just sent"),
    ("codigo de acceso", "access code"),
    ("numero de pin", "pin"),
    ("numero de nip", "pin"),
    ("pregunta de seguridad", "security question"),
    ("respuesta de seguridad", "security answer"),
    ("apellido de soltera de su mama", "mother's maiden name"),
    ("apellido de soltera de su madre", "mother's maiden name"),
    ("apellido de soltera de mi mama", "mother's maiden name"),
    ("apellido de soltera de mi madre", "mother's maiden name"),
    ("apellido de soltera", "maiden name"),
    ("nombre de su primera mascota", "first pet's name"),
    # numbers that are not sensitive
    ("numero de confirmacion", "confirmation number"),
    ("numero de referencia", "reference number"),
    ("numero de orden", "order number"),
    ("numero de poliza", "policy number"),
    ("numero de caso", "case number"),
    ("numero de reclamo", "claim number"),
    ("numero de telefono", "phone number"),
    ("numero de celular", "phone number"),
    ("codigo postal", "zip code"),
    ("por ciento", "percent"),
    # continuations and fillers of more than one word
    ("o sea", "like"),
    ("a ver", "let me see"),
    ("dejeme ver", "let me see"),
    ("un momento", "hold on"),
    ("un segundito", "hold on"),
    ("un segundo", "hold on"),
    ("lo demas es", "the rest is"),
    ("lo demas", "the rest"),
    ("los demas son", "the rest is"),
    ("los demas", "the rest"),
    ("el resto es", "the rest is"),
    ("el resto", "the rest"),
    ("los otros son", "the rest is"),
    ("los ultimos son", "the rest is"),
    ("las ultimas son", "the rest is"),
    ("los que siguen son", "the rest is"),
    ("lo que sigue es", "the rest is"),
    ("y luego", "and then"),
    ("y despues", "and then"),
    ("eso es todo", "that's it"),
    # the agent's back-channels while a value is read: "sí, le sigo", "adelante"
    ("le sigo", "go ahead"),
    ("lo sigo", "go ahead"),
    ("la sigo", "go ahead"),
    ("le escucho", "go ahead"),
    ("lo escucho", "go ahead"),
    ("la escucho", "go ahead"),
    ("muy bien", "okay"),
    # children
    ("cuantos anos tiene", "how old is he"),
    ("cuantos anos tienen", "how old are they"),
    ("que edad tiene", "how old is he"),
    ("que edades tienen", "how old are they"),
    ("nombres y edades", "names and ages"),
)

# ===========================================================================
# Language markers: words that show a segment is Spanish, or English. Shared words count
# for neither ("no", "a", "me", "social").

SPANISH_MARKERS = (
    frozenset(
        """
    el la los las del que es esta estan estoy soy mi mis su sus usted ustedes por para pero
    como cuando donde porque tambien muy bien gracias senor senora senorita numero tarjeta
    cuenta fecha nacimiento seguro tengo tiene tienen puede puedo quiero necesito hay hola
    bueno pues este eso esto esa ella nosotros le lo les nos ya ahora aqui alli aja okey vale
    claro si nada todo todos algo otra otro otros mas menos ese ver digame dime deme da dar
    tenemos vamos voy hace hacer seria sera fue ser estar tener llamo llama codigo contrasena
    vencimiento seguridad licencia pasaporte cual cuales cuanto cuantos cuantas que perfecto
    luego despues entonces listo disculpe perdon espere momento dia mes ano anos meses dias
    dolares hijo hija hijos ninos mama papa esposo esposa con sin sobre desde hasta tambien
    bancaria cheques ahorros ruta mjm ajam ujum eh
    """.split()
    )
    | frozenset(UNITS) - {"un", "dos"}
    | frozenset(TEENS) - {"once"}
    | frozenset(TENS)
    | frozenset(HUNDREDS)
    | frozenset(MONTHS) - {"mayo"}
)
ENGLISH_MARKERS = frozenset(
    """
    the is are was were my your you i it's that's what and of to in on for with this have has
    yes please thank thanks can could would number card account date birth security hi hello
    sir ma'am sure right got just let see that it its yeah yep nope do does
    did how when where why which who one two three four five six seven eight nine zero ten
    eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred thousand double triple expiration code
    back last birthday born phone
    """.split()
)
