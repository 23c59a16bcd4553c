"""Classify a lead field by its name, so its whole value is handled without scanning.

Names are compared as lowercase tokens (camelCase, separators and digits split):
``SSN``, ``ss_num``, ``socialSecurityNumber`` and ``Social-Security #`` all
read as a social security number.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import regex

from redaction.recognizers.ssn import is_issuable_ssn

_CAMEL = regex.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = regex.compile(r"[^a-z0-9#]+")


@dataclass(frozen=True)
class FieldRule:
    """A field-name pattern over the ``_``-joined tokens, and what it means.

    ``fact``: the name is the sensitive fact itself (``pregnant_yn``, ``hiv_status``),
    so any value is removed, however short, and words such as ``status`` or
    ``flag`` in the name do not make it descriptive.
    """

    entity_type: str
    pattern: str
    sensitive: bool
    whole_name: bool = False
    fact: bool = False


@functools.lru_cache(maxsize=8192)
def name_tokens(name: str) -> str:
    """``"socialSecurity-No"`` -> ``"social_security_no"``; accents dropped (``contraseña``)."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", name.strip()) if not unicodedata.combining(c)
    )
    spaced = _CAMEL.sub("_", plain).lower().replace("#", "_#")
    return "_".join(token for token in _SEPARATORS.split(spaced) if token)


_NUM = r"(?:num|number|no|nbr|nr|#|id|numero|nro|n)"

# Order matters: the first rule that matches wins (more specific first). Names are
# English and the other languages lead vendors export in (Spanish, French, German,
# Portuguese, Italian), accents dropped.
FIELD_RULES: tuple[FieldRule, ...] = (
    FieldRule(
        "CARD_SECURITY_CODE",
        r"cvv2?|cvc2?|csc|cid|cvn|ccv|cv2|(?:card_)?security_code|card_code|sec_code"
        r"|card_?verif\w*|verification_?(?:code|value|number)"
        r"|codigo_(?:de_)?seguridad|cod_seg|cryptogramme|kartenpruefnummer",
        True,
    ),
    FieldRule(
        "CARD_EXPIRY",
        r"(?:cc|card|credit_card)_?exp\w*|exp(?:iry|iration)?(?:_date)?|expdate|exp_(?:month|year|mm|yy|yyyy)"
        r"|venc\w*|fecha_(?:de_)?venc\w*|caduc\w*|date_d?_?exp\w*|ablauf\w*|gueltig_bis"
        r"|validade|valid_(?:thru|until)|good_thru",
        True,
    ),
    FieldRule(
        "CREDIT_CARD",
        r"(?:credit|debit)_?card(?:_"
        + _NUM
        + r")?|cc(?:_?"
        + _NUM
        + r")?|ccn|pan|card(?:_?"
        + _NUM
        + r")?|tarjeta(?:_de)?(?:_credito|_debito)?|carte(?:_bancaire|_de_credit|_credit)?"
        r"|kreditkarte\w*|karten_?nummer|cartao(?:_de)?(?:_credito)?",
        True,
    ),
    FieldRule(
        "US_SSN",
        r"ssn\d?|ss_?" + _NUM + r"|ssnum(?:ber)?|ssno|social(?:_?security)?(?:_?" + _NUM + r")?"
        r"|soc_?sec(?:_?" + _NUM + r")?|socialsecurity(?:number|num|no)?"
        r"|" + _NUM + r"_ss|nss|seguro_social|securite_sociale|sozialversicherung\w*",
        True,
    ),
    FieldRule(
        "ABA_ROUTING_NUMBER",
        r"routing(?:_?"
        + _NUM
        + r")?|aba(?:_?"
        + _NUM
        + r")?|rtn|transit_?"
        + _NUM
        + r"|"
        + _NUM
        + r"_(?:de_)?ruta|ruta_bancaria|codigo_ruta",
        True,
    ),
    FieldRule(
        "US_BANK_NUMBER",
        r"(?:bank_?)?(?:account|acct)_?" + _NUM + r"|bank_?(?:account|acct)"
        r"|(?:checking|savings)(?:_?(?:account|acct))?(?:_?" + _NUM + r")?|iban|dda"
        r"|cuenta(?:_bancaria)?|compte(?:_bancaire)?|konto(?:_?(?:nummer|nr|no))?|kontonummer"
        r"|conta_bancaria|bankverbindung",
        True,
    ),
    FieldRule(
        "US_DRIVER_LICENSE",
        r"(?:drivers?_?)?licen[cs]e(?:_?" + _NUM + r")?|dl(?:_?" + _NUM + r")?|dln"
        r"|licencia(?:_de)?(?:_conducir)?|permis(?:_de)?(?:_conduire)?|fuehrerschein\w*"
        r"|fuhrerschein\w*|carteira_(?:de_)?motorista|cnh",
        True,
    ),
    FieldRule(
        "US_PASSPORT",
        r"(?:passport|pasaporte|passeport|reisepass|passaporto|passaporte)(?:_?" + _NUM + r")?",
        True,
    ),
    FieldRule("US_ITIN", r"itin|tax_?id|tin", True),
    FieldRule("US_MBI", r"mbi|medicare(?:_?" + _NUM + r")?|medicare_beneficiary\w*", True),
    FieldRule(
        "HEALTH_PLAN_ID",
        r"(?:member|medicaid|insurance|subscriber|policy_holder)_?" + _NUM,
        True,
    ),
    FieldRule(
        "DATE_OF_BIRTH",
        r"dob|d_o_b|date_?of_?birth|birth_?date|birthday|bday|birth_?dt"
        r"|fecha_(?:de_)?nac\w*|f_nac|fec_nac|nacimiento|dt_naiss\w*|date_(?:de_)?naiss\w*"
        r"|naissance|ddn|geb_?datum|geburts\w*|gebdat|data_(?:de_)?nasc\w*|nascimento|nascita",
        True,
    ),
    FieldRule(
        "HEALTH_CONDITION",
        r"diagnos[ie]s|medical(?:_\w+)?|health(?:_\w+)?|conditions?|illness(?:es)?|diseases?|ailments?|disability",
        True,
        fact=True,
    ),
    FieldRule(
        "HEALTH_CONDITION",
        r"diag|dx|icd(?:_?10)?(?:_code)?|symptoms?|allerg(?:y|ies)",
        True,
        fact=True,
    ),
    # Names that are a health fact themselves: a "Y" under them says it all.
    FieldRule(
        "HEALTH_CONDITION",
        r"pregnan\w*|embaraz\w*|expecting|smok\w*|tobacco\w*|nicotine|vap(?:e|er|es|ing)"
        r"|cigarettes?|fumador\w*|fuma|tabaco|hiv(?:_\w+)?|aids|std|sti|disab\w*|handicap\w*"
        r"|discapacidad|va_(?:disability_)?rating|disability_rating|service_connected|bmi"
        r"|body_mass\w*|weight|height|diabet\w*|cancer\w*|alcohol\w*|drink(?:er|ing|s)"
        r"|substance\w*|addiction\w*|in_recovery|sobriety\w*|mental_health|depress\w*"
        r"|anxiety|pre_?existing\w*|preexisting\w*|ivf|fertility\w*|infertil\w*"
        r"|enfermedad\w*|diagnostico|condicion\w*|salud|maladie|krankheit\w*|wheelchair"
        r"|hearing_?(?:aid|impair\w*|loss)|deaf|blind|oxygen|dialysis|insulin|injur(?:y|ies|ed)"
        r"|preg|tob|smk|ssdi|ssi|medicaid(?:_yn|_flag|_status)?|asthma|copd|ptsd|bipolar"
        r"|schwanger\w*|raucher\w*|enceinte|fumeur\w*|gravida|embarazo"
        r"|wound\w*|accident_injur\w*",
        True,
        fact=True,
    ),
    FieldRule(
        "ACCOUNT_SECRET",
        r"pass(?:word|wd|code|phrase)?|pwd|pin(?:_?(?:code|num|number))?|otp|security_(?:answer|question)|mothers?_maiden(?:_name)?|maiden_name"
        r"|contrasena|clave(?:_\w+)?|mot_de_passe|mdp|passwort|kennwort|senha|nip|pin\d"
        r"|respuesta_(?:de_)?seguridad|respuesta_secreta|apellido_(?:de_)?soltera\w*",
        True,
    ),
    FieldRule(
        "PRECISE_GEOLOCATION",
        r"lat(?:itude)?|lon(?:g|gitude)?|lng|geo(?:_?loc(?:ation)?)?|gps(?:_\w+)?|coord(?:inate)?s?|lat_?l(?:ng|on)",
        True,
    ),
    FieldRule(
        "RACIAL_ETHNIC_ORIGIN",
        r"race|ethnicity|ethnic(?:_origin)?|national_origin|country_of_origin|raza|etnia"
        r"|origen_etnico|origen_nacional|pais_(?:de_)?origen|ethnie|eth"
        r"|hisp(?:anic)?(?:_yn|_flag)?|latinx?"
        r"|tribe|tribal\w*|hispanic\w*|latino\w*|ancestry",
        True,
        fact=True,
    ),
    FieldRule(
        "RELIGION",
        r"religion|religious(?:_\w+)?|relig\w*|faith|denomination|denom|church\w*|iglesia"
        r"|konfession\w*",
        True,
        fact=True,
    ),
    FieldRule(
        "UNION_MEMBERSHIP",
        r"union_(?:member(?:ship)?|local|status|affiliation)|labor_union"
        r"|(?<!credit_)union(?:_\w+)?|unionized|union_yn|sindicato\w*|syndicat\w*"
        r"|gewerkschaft\w*|teamsters?",
        True,
        fact=True,
    ),
    FieldRule(
        "SEXUAL_ORIENTATION_SEX_LIFE",
        r"sexual_orientation|orientation|sexuality|gender_identity|lgbt\w*|orientacion\w*"
        r"|gay|lesbian|transgender",
        True,
        fact=True,
    ),
    FieldRule(
        "CITIZENSHIP_IMMIGRATION",
        r"citizenship|citizen(?:_status)?|immigration(?:_status)?|visa_status|residency_status|alien_(?:number|no|id)|a_number"
        r"|us_citizen\w*|citizen\w*|ciudadan\w*|nationality|nacionalidad|inmigra\w*"
        r"|immigra\w*|legal_status|green_card\w*|daca|visa_type|work_permit|permiso_de_trabajo"
        r"|undocumented|dreamer|refugee|asylum\w*",
        True,
        fact=True,
    ),
    FieldRule(
        "POLITICAL_OPINION",
        r"party_affiliation|political(?:_\w+)?|politic\w*|voter_party|ideolog\w*|partisan\w*"
        r"|partido(?:_\w+)?|voter_(?:reg\w*|lean\w*)|democrat|republican|libertarian",
        True,
        fact=True,
    ),
    # "party" alone, or with a word about membership: not "party_size" or "third_party".
    FieldRule(
        "POLITICAL_OPINION",
        r"(?:voter_|registered_|pol_)?party(?:_(?:affil\w*|pref\w*|reg\w*|registration|code|lean\w*|yn))?",
        True,
        whole_name=True,
        fact=True,
    ),
    FieldRule("GENETIC_DATA", r"genetic(?:_\w+)?|dna(?:_\w+)?|genome", True, fact=True),
    FieldRule(
        "BIOMETRIC_DATA",
        r"biometric(?:_\w+)?|fingerprints?|face_?(?:print|id|scan)|voice_?print|retina(?:_scan)?",
        True,
        fact=True,
    ),
    FieldRule(
        "CHILD_AGE",
        r"(?:child|children|kids?|dependents?)(?:_\w+)?|hijos?|ninos?|enfants?|kinder",
        True,
    ),
    FieldRule(
        "MEDICATION",
        r"medications?|meds|prescriptions?|rx|drugs?|medicamentos?|medicacion|farmacos?"
        r"|medikament\w*",
        True,
        fact=True,
    ),
    FieldRule(
        "MEDICAL_TREATMENT",
        r"treatments?|procedures?|surger(?:y|ies)|therapy|tratamiento\w*|cirugia",
        True,
        fact=True,
    ),
    FieldRule("EMAIL_ADDRESS", r"e?_?mail(?:_address)?|email\w*", False),
    FieldRule(
        "PHONE_NUMBER",
        r"phone\w*|\w*_?phone|mobile|cell(?:_phone)?|tel(?:ephone)?|home_phone|work_phone|fax",
        False,
    ),
    FieldRule("ZIP_CODE", r"zip(?:_?code)?|zip5|postal(?:_?code)?|post_code|postcode", False),
    FieldRule(
        "US_STATE", r"(?:[a-z]+_)?(?:state|st)(?:_code)?|province|region", False, whole_name=True
    ),
    FieldRule(
        "STREET_ADDRESS",
        r"(?:street_)?address(?:_?[12])?|addr\d?|street|address_line_?\d|city|town|county",
        False,
    ),
    FieldRule(
        "PERSON",
        r"(?:(?:first|last|middle|full|given|family|contact|customer|consumer|lead|person)_?)?name"
        r"|fname|lname|surname|(?:first|last)_?nm|fn|ln|mn|mi"
        r"|(?:bene(?:ficiary)?|spouse|co|joint|secondary|primary|owner|holder|insured|applicant"
        r"|emergency|contact|agent|rep)_?(?:first|last|middle|full)?_?(?:name|nm)?"
        r"|(?:first|last)_(?:bene(?:ficiary)?|spouse|applicant)",
        False,
        whole_name=True,
    ),
)


def _compile(rule: FieldRule) -> regex.Pattern[str]:
    if rule.whole_name:
        return regex.compile(r"^(?:" + rule.pattern + r")$")
    return regex.compile(r"(?:^|_)(?:" + rule.pattern + r")(?:$|_)")


_COMPILED = tuple((rule, _compile(rule)) for rule in FIELD_RULES)

# Tokens that make a field *about* a card or a condition without holding one.
_DESCRIPTIVE_TOKENS = frozenset(
    {
        "type",
        "brand",
        "holder",
        "network",
        "issuer",
        "last4",
        "last_4",
        "status",
        "count",
        "flag",
        "on_file",
        "present",
        # the same, as Spanish lead vendors name them ("tipo_tarjeta", "marca_tarjeta")
        "tipo",
        "marca",
        "titular",
        "red",
        "emisor",
        "estado",
        "estatus",
        "cantidad",
    }
)


# Nine digits, ungrouped or grouped 3-2-4 with one separator twice (not a zip+4, 5-4).
# Tokens that make a fact-named field about a thing or a place, not a person:
# "smoke_detectors", "drinking_water_source", "fence_height", "union_county".
_THING_TOKENS = frozenset(
    {"detector", "detectors", "alarm", "alarms", "water", "ceiling", "ceilings", "fence",
     "wall", "roof", "vehicle", "car", "truck", "boat", "trailer", "window", "door", "deck",
     "tank", "pipe", "county", "street", "st", "ave", "avenue", "road", "rd", "city", "town",
     "township", "station", "pacific", "square", "bank", "hall", "building", "tree", "shed",
     "garage", "pool", "lot", "package", "box", "shipping", "load", "cargo", "free"}
)  # fmt: skip


_SSN_SHAPE = regex.compile(r"^\s*(\d{3})(?:([- .])(\d{2})\2|(\d{2}))(\d{4})\s*$")


# Names that say a field holds the business's own reference numbers, not a person's.
_REFERENCE_TOKENS = frozenset(
    {"order", "confirmation", "conf", "tracking", "reference", "ref", "invoice", "ticket",
     "transaction", "txn", "lead", "campaign", "case", "quote", "vendor", "source", "sku",
     "orden", "confirmacion", "referencia", "caso", "folio", "cotizacion"}
)  # fmt: skip


def classify_value(name: str, value: str) -> str | None:
    """An entity type a whole value's shape alone gives away (a lone SSN in ``custom_17``).

    Not for fields whose name says they hold reference numbers (``order_id``).
    """
    if _REFERENCE_TOKENS.intersection(name_tokens(name).split("_")):
        return None
    match = _SSN_SHAPE.match(value)
    if match and is_issuable_ssn(regex.sub(r"\D", "", value)):
        return "US_SSN"
    return None


# A name longer than any real column's is no known field (its value is scanned as free
# text, the name read with it): the rules' patterns ("\w*_?phone" across every "_")
# take time in the square of a name's length, 2.5 s for 8,000 characters.
MAX_RULE_NAME_CHARS = 200


@functools.lru_cache(maxsize=8192)
def classify_field(name: str) -> FieldRule | None:
    """Return the rule a field name matches, or None for free text / unknown names."""
    tokens = name_tokens(name)
    if not tokens or len(tokens) > MAX_RULE_NAME_CHARS:
        return None
    words = set(tokens.split("_"))
    descriptive = bool(_DESCRIPTIVE_TOKENS & words) or "last_4" in tokens
    a_thing = bool(_THING_TOKENS & words)
    for rule, compiled in _COMPILED:
        if descriptive and not rule.fact:
            continue  # "card_type" holds a brand, not a card; "hiv_status" is the fact
        if a_thing and rule.fact:
            continue  # "smoke_detectors", "fence_height", "union_county": a thing, a place
        if compiled.search(tokens):
            return rule
    return None


# Name tokens that say nothing about what a column holds (digits never do).
OPAQUE_TOKENS: frozenset[str] = frozenset(
    {"custom", "cust", "field", "fld", "f", "col", "column", "c", "x", "z", "attr", "attribute",
     "udf", "uf", "user", "defined", "cf", "var", "v", "param", "p", "prop", "property", "q",
     "question", "answer", "ans", "a", "response", "resp", "input", "in", "opt", "option",
     "aux", "extra", "misc", "other", "data", "d", "info", "value", "val", "text", "txt", "str",
     "string", "item", "entry", "slot", "key", "tag", "meta", "generic", "free", "form",
     "additional", "add", "addl", "unnamed", "untitled", "blank", "tmp", "temp", "col_",
     "ext", "ud", "uda", "cfield", "customfield", "flex", "flexfield", "spare", "reserved"}
)  # fmt: skip


@functools.lru_cache(maxsize=8192)
def name_says_nothing(name: str) -> bool:
    """``custom_12``, ``c7``, ``udf_03``: no token but generic words, short stubs and digits."""
    tokens = [t for t in name_tokens(name).split("_") if t and not t.isdigit()]
    words = [regex.sub(r"\d+", "", t) for t in tokens]
    return all(w in OPAQUE_TOKENS or len(w) <= 1 for w in words)
