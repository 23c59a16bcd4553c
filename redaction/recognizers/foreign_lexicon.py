"""Spanish, French and German sensitive terms and cue phrases: data only, all lowercase.

Lead vendors export agent notes in the language of the call ("tiene diabetes
y presión alta", "membre du syndicat", "Kunde ist schwerhörig"). These lists
are what the HealthRecognizer and the ProtectedCharacteristicsRecognizer add
to their English lexicons. Names start with the language (``ES_``, ``FR_``,
``DE_``) where a list is one language's; cue and homograph lists mix them.

Spelling rules:

* Accents as written ("diabética", "presión alta", "schwerhörig"). The
  recognizers also match each term typed without them ("diabetica",
  "presion alta", "schwerhorig", "schwerhoerig", "weiss"), so never write
  both spellings.
* No plurals are generated (the English "add an s" rule is wrong here), so
  masculine, feminine and plural forms are listed where they differ
  ("diabético", "diabética", "diabéticos"); German adjectives as said after
  "ist" and with the endings a noun after them takes ("türkisch",
  "türkische", "türkischer").
* Hyphens as spaces ("afd wähler" matches "AfD-Wähler"), apostrophes kept
  ("demandeur d'asile"), a dot optional ("ver.di" matches "verdi").

Terms are grouped like the English ones: ``*_TERMS`` name a characteristic on
their own, ``*_SELF_TERMS`` are everyday adjectives that need a self cue
("soy", "es", "il est", "ist") or a whole note fragment, ``*_CUED_TERMS``
need a cue of their category. Health terms that have an everyday sense
("azúcar", "presión", "Krebs") are in ``HEALTH_AMBIGUOUS_TERMS`` and count
only near a ``HEALTH_CUES`` phrase.
"""

from __future__ import annotations

# ===========================================================================
# HEALTH: conditions, medications, treatments

ES_CONDITIONS: tuple[str, ...] = (
    # diabetes and metabolism
    "diabetes", "diabético", "diabética", "diabéticos", "diabéticas", "prediabetes", "prediabético",
    "prediabética", "diabetes tipo 1", "diabetes tipo 2", "diabetes tipo uno", "diabetes tipo dos",
    "azúcar", "azúcar alta", "azúcar alto", "azúcar en la sangre", "colesterol", "colesterol alto",
    "triglicéridos altos", "tiroides", "hipotiroidismo", "hipertiroidismo", "obesidad",
    "obesidad mórbida", "obeso", "obesa", "sobrepeso", "gota",
    # heart and circulation
    "presión", "presión alta", "presión arterial", "presión arterial alta", "presión baja",
    "hipertensión", "hipertensión arterial", "hipertenso", "hipertensa", "enfermedad del corazón",
    "enfermedad cardíaca", "problemas del corazón", "problemas de corazón", "enfermo del corazón",
    "enferma del corazón", "insuficiencia cardíaca", "ataque al corazón", "ataque cardíaco",
    "infarto", "paro cardíaco", "arritmia", "fibrilación auricular", "soplo en el corazón",
    "angina de pecho", "derrame", "derrame cerebral", "embolia", "accidente cerebrovascular",
    "trombosis", "várices",
    # lungs
    "asma", "asmático", "asmática", "epoc", "enfisema", "bronquitis", "neumonía", "pulmonía",
    "apnea del sueño", "fibrosis quística",
    # kidney, liver, digestive
    "insuficiencia renal", "enfermedad renal", "enfermedad renal crónica", "falla renal",
    "cálculos renales", "piedras en los riñones", "problemas de los riñones", "cirrosis",
    "hígado graso", "enfermedad de crohn", "colitis ulcerosa", "reflujo ácido", "gastritis",
    "úlcera", "úlcera gástrica", "celiaquía", "celíaco", "celíaca",
    # brain, nerves, bones, joints
    "alzhéimer", "demencia", "párkinson", "enfermedad de párkinson", "esclerosis múltiple",
    "epilepsia", "epiléptico", "epiléptica", "convulsiones", "migraña", "migrañas", "neuropatía",
    "neuropatía diabética", "fibromialgia", "artritis", "artritis reumatoide", "artrosis",
    "osteoporosis", "escoliosis", "ciática", "hernia discal", "hernia de disco", "dolor crónico",
    # cancer
    "cáncer", "cáncer de mama", "cáncer de seno", "cáncer de próstata", "cáncer de pulmón",
    "cáncer de colon", "cáncer de piel", "cáncer de útero", "cáncer de cuello uterino", "leucemia",
    "linfoma", "tumor cerebral", "en remisión", "enfermo terminal", "enferma terminal",
    # infections
    "vih", "sida", "seropositivo", "seropositiva", "tuberculosis", "gripe", "gripa", "resfriado",
    "fiebre", "tos",
    # eyes and ears
    "glaucoma", "catarata", "cataratas", "degeneración macular", "ciego", "ciega", "ceguera",
    "sordo", "sorda", "sordomudo", "sordomuda", "sordera", "pérdida de audición",
    "problemas de audición", "discapacidad auditiva", "discapacidad visual",
    # pregnancy and fertility
    "embarazada", "embarazadas", "embarazo", "encinta", "preñada", "embarazo de alto riesgo",
    "aborto espontáneo", "infertilidad", "menopausia", "endometriosis",
    # mental health and addiction
    "depresión", "deprimido", "deprimida", "ansiedad", "trastorno de ansiedad", "ataque de pánico",
    "ataques de pánico", "trastorno bipolar", "esquizofrenia", "esquizofrénico", "esquizofrénica",
    "estrés postraumático", "trastorno de estrés postraumático", "tept", "tdah", "autismo",
    "autista", "síndrome de down", "trastorno alimenticio", "insomnio", "vértigo", "alcoholismo",
    "alcohólico", "alcohólica", "adicción", "drogadicto", "drogadicta", "adicción a las drogas",
    "intento de suicidio",
    # disability
    "discapacidad", "discapacitado", "discapacitada", "minusválido", "minusválida",
    "silla de ruedas", "en silla de ruedas", "paralizado", "paralizada", "parálisis",
    "parálisis cerebral", "paralítico", "paralítica", "amputado", "amputada", "incapacitado",
    "incapacitada", "incapacitados", "incapacidad", "incapacidad permanente",
    "incapacidad laboral", "beneficios de incapacidad", "seguro de incapacidad",
    "pago por incapacidad", "cheque de incapacidad",
    # lay names (nerves, gallbladder, appendix)
    "nervios", "ataque de nervios", "ataques de nervios", "enfermedad de los nervios",
    "vesícula", "piedras en la vesícula", "cálculos en la vesícula", "cálculos biliares",
    "apendicitis", "diabetes gestacional", "preeclampsia", "tumor", "tumores", "vih positivo",
    "vih positiva", "déficit de atención", "trastorno por déficit de atención", "aborto",
    "abortos", "esperando un bebé", "esperando una bebé", "esperando bebé", "esperamos un bebé",
    "espera un bebé",
    "pensamientos suicidas", "suicidio", "suicida", "suicidarme", "suicidarse",
)  # fmt: skip

FR_CONDITIONS: tuple[str, ...] = (
    "diabète", "diabétique", "diabétiques", "prédiabète", "diabète de type 1", "diabète de type 2",
    "diabète type 2", "hypertension", "hypertension artérielle", "hypertendu", "hypertendue",
    "tension", "tension artérielle", "cholestérol", "hypercholestérolémie", "hypothyroïdie",
    "hyperthyroïdie", "obésité", "obèse", "obèses", "maladie cardiaque", "maladie du cœur",
    "problème cardiaque", "problèmes cardiaques", "insuffisance cardiaque", "crise cardiaque",
    "infarctus", "arythmie", "fibrillation auriculaire", "avc", "accident vasculaire cérébral",
    "thrombose", "phlébite", "asthme", "asthmatique", "bpco", "emphysème", "bronchite", "pneumonie",
    "apnée du sommeil", "mucoviscidose", "insuffisance rénale", "maladie rénale", "calculs rénaux",
    "dialysé", "dialysée", "cirrhose", "hépatite", "maladie de crohn", "reflux gastrique", "ulcère",
    "maladie cœliaque", "hernie discale", "sciatique", "lombalgie", "arthrose", "arthrite",
    "polyarthrite rhumatoïde", "ostéoporose", "fibromyalgie", "cancer", "cancer du sein",
    "cancer de la prostate", "cancer du poumon", "cancer du côlon", "leucémie", "lymphome",
    "tumeur", "en rémission", "vih", "sida", "séropositif", "séropositive", "tuberculose", "grippe",
    "rhume", "fièvre", "toux", "glaucome", "cataracte", "dmla", "dégénérescence maculaire",
    "aveugle", "malvoyant", "malvoyante", "sourd", "sourde", "malentendant", "malentendante",
    "malentendants", "surdité", "perte auditive", "enceinte", "grossesse", "grossesse à risque",
    "fausse couche", "infertilité", "ménopause", "endométriose", "dépression", "déprimé",
    "déprimée", "anxiété", "trouble anxieux", "crise d'angoisse", "crises d'angoisse",
    "attaques de panique", "trouble bipolaire", "bipolaire", "schizophrénie", "schizophrène",
    "stress post traumatique", "tspt", "tdah", "autisme", "autiste", "trisomie 21", "trisomique",
    "alzheimer", "maladie d'alzheimer", "démence", "parkinson", "maladie de parkinson",
    "sclérose en plaques", "épilepsie", "épileptique", "handicap", "handicapé", "handicapée",
    "fauteuil roulant", "en fauteuil roulant", "paralysé", "paralysée", "paraplégique",
    "tétraplégique", "amputé", "amputée", "alcoolisme", "alcoolique", "toxicomanie", "toxicomane",
    "tentative de suicide", "troubles alimentaires", "anorexie", "boulimie", "insomnie",
)  # fmt: skip

DE_CONDITIONS: tuple[str, ...] = (
    "diabetes", "diabetiker", "diabetikerin", "zuckerkrank", "zuckerkrankheit", "zucker",
    "typ 1 diabetes", "typ 2 diabetes", "diabetes typ 1", "diabetes typ 2", "bluthochdruck",
    "hoher blutdruck", "blutdruck", "hypertonie", "cholesterin", "hohes cholesterin",
    "schilddrüsenunterfunktion", "schilddrüsenüberfunktion", "hashimoto", "übergewicht",
    "adipositas", "fettleibig", "fettleibigkeit", "gicht", "herzkrank", "herzkrankheit",
    "herzerkrankung", "herzinsuffizienz", "herzschwäche", "herzinfarkt", "herzrhythmusstörungen",
    "vorhofflimmern", "schlaganfall", "thrombose", "lungenembolie", "asthma", "asthmatiker",
    "asthmatikerin", "lungenemphysem", "lungenentzündung", "schlafapnoe", "mukoviszidose",
    "niereninsuffizienz", "nierenversagen", "nierenerkrankung", "nierensteine", "dialysepatient",
    "dialysepatientin", "leberzirrhose", "fettleber", "morbus crohn", "colitis ulcerosa",
    "magengeschwür", "zöliakie", "bandscheibenvorfall", "ischias", "arthrose", "rheuma",
    "rheumatoide arthritis", "osteoporose", "fibromyalgie", "krebs", "krebspatient",
    "krebspatientin", "brustkrebs", "prostatakrebs", "lungenkrebs", "darmkrebs", "hautkrebs",
    "leukämie", "lymphom", "hirntumor", "hiv positiv", "tuberkulose", "grippe", "erkältung",
    "fieber", "husten", "grüner star", "grauer star", "glaukom", "makuladegeneration", "erblindet",
    "sehbehindert", "schwerhörig", "gehörlos", "taub", "hörgeschädigt", "schwanger",
    "schwangerschaft", "risikoschwangerschaft", "fehlgeburt", "unfruchtbarkeit", "wechseljahre",
    "endometriose", "depression", "depressionen", "depressiv", "angststörung", "panikattacke",
    "panikattacken", "bipolare störung", "schizophrenie", "schizophren", "ptbs",
    "posttraumatische belastungsstörung", "adhs", "autismus", "autist", "autistin", "autistisch",
    "down syndrom", "trisomie 21", "alzheimer", "demenz", "dement", "parkinson",
    "multiple sklerose", "epilepsie", "epileptiker", "migräne", "behinderung", "behindert",
    "schwerbehindert", "schwerbehinderung", "schwerbehindertenausweis", "pflegegrad", "pflegestufe",
    "rollstuhl", "im rollstuhl", "rollstuhlfahrer", "rollstuhlfahrerin", "gelähmt",
    "querschnittsgelähmt", "querschnittslähmung", "amputiert", "alkoholiker", "alkoholikerin",
    "alkoholismus", "alkoholabhängig", "alkoholsucht", "drogenabhängig", "drogensucht",
    "spielsucht", "suizidversuch", "essstörung", "magersucht", "bulimie", "schlaflosigkeit",
)  # fmt: skip

# Spanish, French and German spellings of the most prescribed US drugs; brand names
# (Ozempic, Eliquis) are the English lexicon's in every language.
ES_MEDICATIONS: tuple[str, ...] = (
    "metformina", "insulina", "glipizida", "glimepirida", "glibenclamida", "sitagliptina",
    "empagliflozina", "dapagliflozina", "semaglutida", "liraglutida", "dulaglutida", "tirzepatida",
    "pioglitazona", "lisinopril", "enalapril", "losartán", "valsartán", "olmesartán", "amlodipino",
    "amlodipina", "nifedipino", "metoprolol", "carvedilol", "atenolol", "propranolol",
    "hidroclorotiazida", "clortalidona", "furosemida", "espironolactona", "clonidina", "digoxina",
    "nitroglicerina", "amiodarona", "atorvastatina", "rosuvastatina", "simvastatina",
    "pravastatina", "lovastatina", "ezetimiba", "fenofibrato", "warfarina", "apixabán",
    "rivaroxabán", "clopidogrel", "heparina", "aspirina", "ácido acetilsalicílico", "sertralina",
    "fluoxetina", "escitalopram", "citalopram", "paroxetina", "bupropión", "duloxetina",
    "venlafaxina", "trazodona", "mirtazapina", "buspirona", "alprazolam", "lorazepam", "clonazepam",
    "diazepam", "quetiapina", "aripiprazol", "risperidona", "olanzapina", "litio",
    "carbonato de litio", "lamotrigina", "ácido valproico", "zolpidem", "gabapentina",
    "pregabalina", "topiramato", "levetiracetam", "carbamazepina", "fenitoína", "donepezilo",
    "memantina", "levodopa", "oxicodona", "hidrocodona", "tramadol", "morfina", "fentanilo",
    "codeína", "meloxicam", "naproxeno", "celecoxib", "diclofenaco", "ibuprofeno", "paracetamol",
    "acetaminofén", "acetaminofeno", "ciclobenzaprina", "baclofeno", "tizanidina", "buprenorfina",
    "metadona", "naltrexona", "naloxona", "salbutamol", "montelukast", "inhalador", "fluticasona",
    "budesonida", "prednisona", "metilprednisolona", "dexametasona", "cetirizina", "loratadina",
    "omeprazol", "pantoprazol", "esomeprazol", "lansoprazol", "famotidina", "ranitidina",
    "ondansetrón", "levotiroxina", "estrógeno", "testosterona", "pastillas anticonceptivas",
    "anticonceptivos", "metotrexato", "hidroxicloroquina", "alopurinol", "colchicina", "tamoxifeno",
    "letrozol", "anastrozol", "alendronato", "amoxicilina", "azitromicina", "penicilina",
    "ciprofloxacino", "doxiciclina", "cefalexina", "metronidazol", "clindamicina", "valaciclovir",
    "aciclovir", "tamsulosina", "finasterida", "oxibutinina", "sildenafilo", "tadalafilo",
    "antibiótico", "antibióticos", "antidepresivo", "antidepresivos", "anticoagulante",
    "anticoagulantes", "antipsicótico", "ansiolítico", "ansiolíticos", "estatina", "estatinas",
    "diurético", "diuréticos", "pastilla para la presión", "pastillas para la presión",
    "medicina para la presión", "medicamento para la presión", "pastillas para el azúcar",
    "medicina para la diabetes", "pastilla anticonceptiva", "píldora anticonceptiva",
    "anticonceptivo", "pastillas para dormir", "pastilla para dormir", "pastillas para el corazón",
    "pastilla para el corazón", "medicina para el corazón", "medicamento para el corazón",
    "pastillas para los nervios", "medicina para los nervios",
    "pastillas para la depresión", "pastillas para la ansiedad",
)  # fmt: skip

FR_MEDICATIONS: tuple[str, ...] = (
    "metformine", "insuline", "glimépiride", "gliclazide", "sitagliptine", "sémaglutide",
    "lisinopril", "énalapril", "ramipril", "périndopril", "valsartan", "irbésartan", "candésartan",
    "métoprolol", "bisoprolol", "aténolol", "propranolol", "furosémide", "digoxine", "trinitrine",
    "atorvastatine", "rosuvastatine", "simvastatine", "pravastatine", "ézétimibe", "fénofibrate",
    "warfarine", "fluindione", "kardégic", "aspirine", "héparine", "fluoxétine", "escitalopram",
    "paroxétine", "duloxétine", "alprazolam", "bromazépam", "lorazépam", "diazépam", "zolpidem",
    "quétiapine", "rispéridone", "valproate", "dépakine", "gabapentine", "prégabaline",
    "lévétiracétam", "carbamazépine", "donépézil", "mémantine", "lévodopa", "tramadol", "codéine",
    "paracétamol", "doliprane", "dafalgan", "efferalgan", "ibuprofène", "diclofénac", "kétoprofène",
    "prednisolone", "cortisone", "salbutamol", "ventoline", "montélukast", "cétirizine",
    "oméprazole", "ésoméprazole", "lansoprazole", "lévothyroxine", "lévothyrox", "méthotrexate",
    "tamoxifène", "létrozole", "amoxicilline", "azithromycine", "ciprofloxacine", "métronidazole",
    "tamsulosine", "finastéride", "sildénafil", "antibiotique", "antibiotiques", "antidépresseur",
    "antidépresseurs", "anticoagulant", "anticoagulants", "anxiolytique", "anxiolytiques",
    "somnifère", "somnifères", "statine", "statines", "diurétique", "diurétiques", "bêtabloquant",
    "bêtabloquants", "pilule contraceptive",
)  # fmt: skip

DE_MEDICATIONS: tuple[str, ...] = (
    "metformin", "insulin", "glimepirid", "sitagliptin", "empagliflozin", "semaglutid",
    "liraglutid", "ramipril", "lisinopril", "enalapril", "candesartan", "valsartan", "losartan",
    "amlodipin", "metoprolol", "bisoprolol", "nebivolol", "hydrochlorothiazid", "torasemid",
    "furosemid", "spironolacton", "digitoxin", "nitrospray", "atorvastatin", "simvastatin",
    "rosuvastatin", "pravastatin", "ezetimib", "phenprocoumon", "marcumar", "apixaban",
    "rivaroxaban", "edoxaban", "clopidogrel", "heparin", "ass 100", "acetylsalicylsäure",
    "sertralin", "citalopram", "escitalopram", "fluoxetin", "paroxetin", "venlafaxin", "duloxetin",
    "mirtazapin", "amitriptylin", "trazodon", "lorazepam", "tavor", "diazepam", "zopiclon",
    "zolpidem", "quetiapin", "aripiprazol", "risperidon", "olanzapin", "lamotrigin",
    "valproinsäure", "valproat", "gabapentin", "pregabalin", "levetiracetam", "carbamazepin",
    "donepezil", "memantin", "levodopa", "l dopa", "tramadol", "tilidin", "oxycodon", "morphin",
    "metamizol", "novalgin", "paracetamol", "diclofenac", "voltaren", "prednisolon", "kortison",
    "salbutamol", "montelukast", "cetirizin", "omeprazol", "pantoprazol", "esomeprazol",
    "l thyroxin", "levothyroxin", "euthyrox", "methotrexat", "hydroxychloroquin", "colchicin",
    "letrozol", "amoxicillin", "doxycyclin", "tamsulosin", "finasterid", "antibiotikum",
    "antibiotika", "antidepressivum", "antidepressiva", "blutverdünner", "betablocker",
    "blutdrucktabletten", "blutdruckmittel", "cholesterinsenker", "statine", "schlaftabletten",
    "schmerzmittel", "antibabypille", "die pille",
)  # fmt: skip

ES_TREATMENTS: tuple[str, ...] = (
    "diálisis", "hemodiálisis", "quimioterapia", "quimio", "radioterapia", "radiación",
    "inmunoterapia", "cirugía", "cirugía de corazón abierto", "operación del corazón", "baipás",
    "marcapasos", "cateterismo", "angioplastia", "reemplazo de rodilla", "reemplazo de cadera",
    "prótesis de rodilla", "prótesis de cadera", "cirugía de espalda", "cirugía de columna",
    "cirugía bariátrica", "manga gástrica", "bypass gástrico", "histerectomía", "mastectomía",
    "cesárea", "vasectomía", "ligadura de trompas", "trasplante", "trasplante de riñón",
    "trasplante de hígado", "trasplante de corazón", "trasplante de médula",
    "transfusión de sangre", "colonoscopia", "mamografía", "biopsia", "resonancia magnética",
    "tomografía", "fisioterapia", "terapia física", "rehabilitación", "terapia", "psicoterapia",
    "terapia psicológica", "terapia ocupacional", "terapia del lenguaje", "psiquiatra", "psicólogo",
    "psicóloga", "oxígeno", "nebulizador", "nebulizaciones", "máquina cpap", "bomba de insulina",
    "inyecciones de insulina", "tratamiento de fertilidad", "fertilización in vitro",
    "inseminación artificial", "terapia hormonal", "cuidados paliativos", "hospicio",
    "hogar de ancianos", "asilo de ancianos", "residencia de ancianos", "audífono", "audífonos",
    "desintoxicación", "alcohólicos anónimos", "narcóticos anónimos", "andadera", "andador",
    "bastón", "muletas", "centro de rehabilitación",
)  # fmt: skip

FR_TREATMENTS: tuple[str, ...] = (
    "dialyse", "hémodialyse", "chimiothérapie", "chimio", "radiothérapie", "immunothérapie",
    "chirurgie", "opération du cœur", "pontage", "pontage coronarien", "stimulateur cardiaque",
    "angioplastie", "prothèse de hanche", "prothèse du genou", "prothèse de genou", "césarienne",
    "hystérectomie", "mastectomie", "vasectomie", "greffe", "greffe de rein", "greffe du foie",
    "greffe de moelle", "transfusion sanguine", "coloscopie", "mammographie", "biopsie", "irm",
    "kinésithérapie", "kiné", "rééducation", "psychothérapie", "thérapie", "orthophonie",
    "ergothérapie", "oxygénothérapie", "insulinothérapie", "pompe à insuline", "fiv",
    "soins palliatifs", "ehpad", "appareil auditif", "appareils auditifs", "prothèse auditive",
    "sevrage", "cure de désintoxication",
)  # fmt: skip

DE_TREATMENTS: tuple[str, ...] = (
    "dialyse", "hämodialyse", "chemotherapie", "strahlentherapie", "bestrahlung", "immuntherapie",
    "operation", "bypass operation", "herzoperation", "herzschrittmacher", "schrittmacher",
    "knieprothese", "hüftprothese", "künstliches hüftgelenk", "kaiserschnitt",
    "gebärmutterentfernung", "mastektomie", "nierentransplantation", "lebertransplantation",
    "transplantation", "bluttransfusion", "darmspiegelung", "koloskopie", "mammographie",
    "mammografie", "biopsie", "mrt", "kernspin", "physiotherapie", "krankengymnastik",
    "ergotherapie", "logopädie", "reha", "rehabilitation", "psychotherapie", "therapie",
    "psychiater", "psychiaterin", "sauerstoff", "insulinpumpe", "künstliche befruchtung",
    "palliativversorgung", "hospiz", "pflegeheim", "hörgerät", "hörgeräte", "entzug",
    "entzugsklinik", "suchtklinik",
)  # fmt: skip

# Terms with an everyday sense (sugar in coffee, water pressure, a crab, a drop, a
# Bluetooth speaker, a court registry): they count only near a HEALTH_CUES phrase, a
# term without such a sense in their sentence, or as a whole note fragment.
HEALTH_AMBIGUOUS_TERMS: tuple[str, ...] = (
    # es
    "azúcar", "presión", "presión arterial", "colesterol", "sobrepeso", "gota", "derrame", "gripe",
    "gripa", "resfriado", "fiebre", "tos", "catarata", "cataratas", "ciego", "ciega", "sordo",
    "sorda", "depresión", "deprimido", "deprimida", "ansiedad", "vértigo", "alcohólico",
    "alcohólica", "adicción", "discapacidad", "discapacitado", "discapacitada", "silla de ruedas",
    "paralizado", "paralizada", "litio", "estrógeno", "testosterona", "radiación", "trasplante",
    "rehabilitación", "terapia", "psiquiatra", "psicólogo", "psicóloga", "oxígeno", "hospicio",
    "hogar de ancianos", "asilo de ancianos", "residencia de ancianos", "audífono", "audífonos",
    "incapacidad", "nervios", "vesícula", "andador", "bastón", "muletas", "aborto", "abortos",
    # fr
    "tension", "tension artérielle", "cholestérol", "grippe", "rhume", "fièvre", "toux", "aveugle",
    "sourd", "sourde", "enceinte", "dépression", "déprimé", "déprimée", "anxiété", "handicap",
    "handicapé", "handicapée", "fauteuil roulant", "paralysé", "paralysée", "alcoolique", "greffe",
    "rééducation", "thérapie", "ehpad", "sevrage",
    # de
    "zucker", "blutdruck", "cholesterin", "übergewicht", "krebs", "erkältung", "fieber", "husten",
    "taub", "depression", "behinderung", "behindert", "rollstuhl", "gelähmt", "operation",
    "transplantation", "reha", "rehabilitation", "therapie", "psychiater", "psychiaterin",
    "sauerstoff", "pflegeheim", "hospiz", "entzug", "die pille", "mrt",
    # surnames too: "Herr Parkinson", "Frau Hashimoto"
    "parkinson", "alzheimer", "hashimoto",
)  # fmt: skip

# Ambiguous words spelled like an English word or a surname with another sense
# ("operation", "tension", "TOS", "a gripe", "Mr Parkinson"): in an English note a
# health word beside them, or a note fragment of them alone, says nothing, so only a
# HEALTH_CUES phrase makes them count.
HEALTH_CUE_ONLY_TERMS: tuple[str, ...] = (
    "operation", "tension", "tos", "gripe", "rehabilitation", "transplantation", "krebs",
    "parkinson", "alzheimer", "hashimoto", "mrt",
)  # fmt: skip

# Cue phrases near a term that make it about someone's health: "tiene", "padece de",
# "toma", "il a", "souffre de", "prend", "er hat", "leidet an", "nimmt"... A cue that is
# also an English word ("hat", "war", "son") is said with its subject, since the foreign
# cues also count for spellings the English lexicon shares ("depression", "filipino").
HEALTH_CUES: tuple[str, ...] = (
    # es
    "tiene", "tenía", "tuvo", "tengo", "padece", "padecía", "sufre", "sufría", "diagnosticado",
    "diagnosticada", "diagnóstico", "toma", "tomaba", "tomando", "tomo", "le recetaron", "recetado",
    "recetada", "con receta", "receta médica", "medicamento", "medicamentos", "medicina",
    "medicinas", "pastilla", "pastillas", "tableta", "tabletas", "dosis", "tratamiento",
    "tratamientos", "tratado", "tratada", "médico", "médica", "doctora", "enfermedad",
    "enfermedades", "enfermo", "enferma", "condición", "condiciones", "problemas de", "problema de",
    "historial de", "antecedentes de", "en el hospital", "al hospital", "del hospital",
    "hospitalizado", "hospitalizada", "internado", "internada", "clínica", "cirugía", "operado",
    "operada", "crónico", "crónica", "controlada", "controlado", "ella usa", "él usa", "el usa",
    "cliente usa", "paciente usa", "utiliza", "necesita", "de nacimiento", "de un oído",
    "de un ojo", "farmacia", "especialista", "cardiólogo", "cardióloga", "oncólogo", "oncóloga",
    "neurólogo", "neuróloga", "terapeuta", "sufro", "tuve", "me hice", "me hicieron",
    "sufro de", "padezco", "padecen", "sufren",
    "el doctor", "al doctor", "del doctor", "mi doctor", "su doctor", "la doctora", "me operaron",
    "lo operaron", "la operaron", "recibo", "recibe", "cobro", "cobra", "me dieron",
    # fr
    "il a", "elle a", "j'ai", "a un", "a une", "a du", "a de la", "a des", "il est", "elle est",
    "je suis", "souffre", "souffre de", "atteint", "atteinte", "diagnostiqué", "diagnostiquée",
    "diagnostic", "prend", "prenait", "sous", "traitement", "traité", "traitée", "médicament",
    "médicaments", "médecin", "docteur", "ordonnance", "comprimé", "comprimés", "cachets",
    "maladie", "malade", "hospitalisé", "hospitalisée", "hôpital", "opéré", "opérée", "chronique",
    "de naissance", "d'une oreille", "d'un œil", "mois", "pharmacie", "cardiologue", "oncologue",
    "neurologue",
    # de
    "hatte", "habe", "leidet", "leidet an", "leidet unter", "erkrankt", "erkrankung",
    "die diagnose", "diagnostiziert", "nimmt", "nahm", "einnahme", "medikament", "medikamente",
    "tablette", "tabletten", "arzt", "ärztin", "hausarzt", "hausärztin", "facharzt", "fachärztin",
    "behandlung", "behandelt", "krankheit", "krank", "chronisch", "krankenhaus", "klinik",
    "operiert", "rezept", "verschrieben", "ist", "ich bin", "er hat", "sie hat", "kunde hat",
    "kundin hat", "patient hat", "patientin hat", "ich habe", "hat eine", "hat einen", "hat seit",
    "hat hohen", "hat hohe", "hat starke", "hat starken", "hat schwere", "hat chronische",
    "seit geburt", "auf einem ohr", "auf einem auge", "apotheke",
)  # fmt: skip

# Spanish cues that count only right before a term, since they are said of anything
# ("estoy en la tienda comprando azúcar"): "estoy deprimida", "soy ciega", "uso silla
# de ruedas", "está en diálisis", "estoy en terapia con una psicóloga".
HEALTH_CUES_RIGHT_BEFORE: tuple[str, ...] = (
    "soy", "es", "son", "era", "estoy", "está", "están", "estaba", "ando", "anda", "quedé",
    "quedó", "sigo",
    "sigue", "uso", "usa", "usan", "usamos", "usando", "necesito", "veo a", "voy con",
    "va con", "con mi", "con su", "con una", "con un", "con el", "con la", "al", "a la",
    "padezco de", "sufro de",
    # a person "con" a condition: "cliente con depresión", "vive con ansiedad"
    "cliente con", "clienta con", "paciente con", "persona con", "personas con", "hijo con",
    "hija con", "niño con", "niña con", "esposo con", "esposa con", "mamá con", "papá con",
    "vive con", "vivo con", "vivimos con", "estoy con", "está con", "ando con", "anda con",
    "sigo con", "sigue con", "batallo con", "batalla con", "lidio con", "lidia con",
    "diagnosticado con", "diagnosticada con",
)  # fmt: skip

# Words that may stand between such a cue and the term: "estoy muy deprimida",
# "uso una silla de ruedas", "está en diálisis".
HEALTH_CUE_FILLERS: tuple[str, ...] = (
    "muy", "bien", "un", "una", "el", "la", "los", "las", "mi", "en", "de", "con", "ya",
    "todavía", "algo", "bastante", "medio", "tan",
)  # fmt: skip

# Words before a term that still leave it a whole note fragment ("muy sorda", "Kunde
# katholisch").
FRAGMENT_FILLERS: tuple[str, ...] = (
    "muy", "bien", "cliente", "clienta", "paciente", "también", "ahora", "totalmente",
    "parcialmente", "completamente", "très", "client", "patient", "patiente", "aussi", "totalement",
    "partiellement", "sehr", "kunde", "kundin", "patientin", "auch", "jetzt", "stark", "leicht",
    "teilweise", "völlig", "komplett",
)  # fmt: skip

# Set phrases in which a health term means something else: the zodiac sign, a battery,
# water and tyre pressure, sugar in coffee, a blind date, a Bluetooth speaker, a surname.
NON_HEALTH_PHRASES: tuple[str, ...] = (
    # es
    "signo cáncer", "signo de cáncer", "signo del zodiaco cáncer", "batería de litio",
    "baterías de litio", "pila de litio", "bajo presión", "presión de agua", "presión del agua",
    "presión de las llantas", "presión de llantas", "presión de los neumáticos", "olla de presión",
    "olla a presión", "lavadora a presión", "hidrolavadora a presión", "presión en el trabajo",
    "presión laboral", "mucha presión", "presión social", "sin azúcar", "azúcar morena",
    "azúcar moreno", "caña de azúcar", "café con azúcar", "taza de azúcar", "cucharada de azúcar",
    "azúcar glas", "punto ciego", "cita a ciegas", "a ciegas", "ruido sordo", "depresión tropical",
    "gota a gota", "una gota", "ni una gota", "la gota que derramó el vaso", "derrame de petróleo",
    "derrame de aceite", "cataratas del niágara", "cataratas de iguazú", "cataratas del iguazú",
    "rehabilitación de la casa", "rehabilitación de vivienda", "rehabilitación de viviendas",
    "incapacidad de pago", "incapacidad de pagar", "incapacidad para pagar", "nervios de punta",
    "nervios de acero", "guerra de nervios",
    # fr
    "signe du cancer", "signe cancer", "batterie lithium", "batterie au lithium",
    "dépression tropicale", "haute tension", "sous tension", "mise sous tension",
    "tension électrique", "tension du réseau", "enceinte bluetooth", "enceinte connectée",
    "enceinte portable", "enceinte sans fil", "dans l'enceinte", "à l'aveugle", "confiance aveugle",
    "greffe du tribunal", "greffe du tribunal de commerce",
    # de
    "sternzeichen krebs", "herr krebs", "frau krebs", "familie krebs", "lithium akku",
    "lithium ionen", "zucker und milch", "kaffee mit zucker", "ohne zucker", "wm fieber",
)  # fmt: skip

# ===========================================================================
# Self cues shared by the protected-characteristic groups: a note or a speaker
# describing the lead. Spanish "es" and "son" have no subject of their own.
SELF_CUES: tuple[str, ...] = (
    # es
    "soy", "somos", "es", "son", "eran", "él es", "ella es", "ellos son", "ellas son",
    "ambos son", "todos son",
    "él era", "ella era", "se considera", "me considero", "se identifica como",
    "me identifico como", "nos identificamos como", "cliente es", "el cliente es", "la cliente es",
    "clienta es", "paciente es", "esposo es", "esposa es", "su esposo es", "su esposa es",
    "mi esposo es", "mi esposa es", "su familia es", "mi familia es", "sus padres son",
    "mis padres son", "su mamá es", "su papá es", "mi mamá es", "mi papá es", "criado", "criada",
    "religión", "nacionalidad", "origen", "etnia", "raza", "partido", "estatus",
    # fr
    "je suis", "nous sommes", "il est", "elle est", "ils sont", "elles sont", "c'est", "client est",
    "cliente est", "le client est", "la cliente est", "patient est", "son mari est", "sa femme est",
    "mon mari est", "ma femme est", "sa famille est", "ma famille est", "ses parents sont",
    "mes parents sont", "se considère", "je me considère", "s'identifie comme",
    "je m'identifie comme", "élevé", "élevée", "religion", "confession", "nationalité", "origine",
    # de
    "ich bin", "wir sind", "er ist", "sie ist", "sie sind", "ist", "sind", "er war", "sie war",
    "kunde ist", "kundin ist", "der kunde ist", "die kundin ist", "patient ist", "patientin ist",
    "ihr mann ist", "seine frau ist", "mein mann ist", "meine frau ist", "familie ist",
    "eltern sind", "bezeichnet sich als", "sieht sich als", "identifiziert sich als",
    "aufgewachsen", "erzogen", "konfession", "staatsangehörigkeit", "nationalität", "herkunft",
    "abstammung",
)  # fmt: skip

# Only the speaker about themselves: colors ("soy morena", "ich bin schwarz") are a
# car's or a wall's as often as a person's ("la camioneta es blanca").
FIRST_PERSON_CUES: tuple[str, ...] = (
    "soy", "somos", "me considero", "me identifico como", "je suis", "nous sommes",
    "je me considère", "ich bin", "wir sind", "raza", "race", "hautfarbe",
)  # fmt: skip

# Narrow cues for words that are also a city, a fruit or a verb ("Roma", "rom").
DECLARED_CUES: tuple[str, ...] = (
    "soy", "somos", "de etnia", "je suis", "il est", "elle est", "ils sont", "ethnie", "ist",
    "sind", "ich bin", "wir sind", "angehörige der", "angehöriger der", "volksgruppe der",
    "gehört zu den",
)  # fmt: skip

FILLERS: tuple[str, ...] = (
    # es
    "un", "una", "muy", "no", "también", "medio", "mitad", "orgulloso", "orgullosa", "devoto",
    "devota", "ferviente", "bien", "cien por ciento", "totalmente", "registrado", "registrada",
    "de origen", "ambos", "ambas", "los dos", "las dos", "todos", "todas",
    # fr
    "une", "très", "pas", "aussi", "à moitié", "moitié", "fier", "fière", "fervent", "fervente",
    "pratiquant", "pratiquante", "non pratiquant", "vraiment", "d'origine", "tous les deux",
    "toutes les deux", "tous",
    # de
    "ein", "eine", "einer", "sehr", "nicht", "kein", "keine", "auch", "halb", "gebürtig",
    "gebürtiger", "gebürtige", "stolzer", "stolze", "überzeugter", "überzeugte", "gläubiger",
    "gläubige", "praktizierender", "praktizierende", "streng", "beide", "alle",
)  # fmt: skip

DETERMINERS: tuple[str, ...] = (
    "el", "la", "los", "las", "mi", "su", "sus", "nuestro", "nuestra", "le", "les", "mon", "ma",
    "son", "sa", "ses", "leur", "der", "die", "das", "den", "dem", "mein", "meine", "sein", "seine",
    "ihr", "ihre",
)  # fmt: skip

# Right before a term: a street, a school or a greeting makes it a name ("Calle
# Cristiano", "Universidad Católica", "hola soy Cristiano").
NOT_BEFORE: tuple[str, ...] = (
    "calle", "avenida", "av", "carrera", "colonia", "barrio", "plaza", "bulevar", "paseo",
    "universidad", "colegio", "escuela", "hospital", "banco", "club", "rue", "avenue", "boulevard",
    "bd", "place", "impasse", "chemin", "quai", "université", "école", "lycée", "collège",
    "hôpital", "banque", "straße", "str", "platz", "weg", "allee", "gasse", "universität", "schule",
    "krankenhaus", "klinikum", "kindergarten", "kita", "bank", "hola soy", "hola es", "me llamo",
    "mi nombre es", "se llama", "habla", "le habla", "je m'appelle", "il s'appelle",
    "elle s'appelle", "ici", "ich heiße", "mein name ist", "er heißt", "sie heißt", "hier ist",
    "hier spricht",
)  # fmt: skip

# ===========================================================================
# RACIAL_ETHNIC_ORIGIN

ES_RACE_TERMS: tuple[str, ...] = (
    "hispano", "hispana", "hispanos", "hispanas", "latinoamericano", "latinoamericana",
    "latinoamericanos", "latinoamericanas", "afroamericano", "afroamericana", "afroamericanos",
    "afroamericanas", "afrolatino", "afrolatina", "afrodescendiente", "afrodescendientes",
    "afrocaribeño", "afrocaribeña", "indígena", "indígenas", "mestizo", "mestiza", "mestizos",
    "mestizas", "mulato", "mulata", "centroamericano", "centroamericana", "centroamericanos",
    "centroamericanas", "sudamericano", "sudamericana", "suramericano", "suramericana",
    "mexicoamericano", "mexicoamericana", "méxico americano", "méxico americana", "garífuna",
    "garífunas", "mixteco", "mixteca", "zapoteco", "zapoteca", "k'iche'", "purépecha", "triqui",
)  # fmt: skip

FR_RACE_TERMS: tuple[str, ...] = (
    "afro américain", "afro américaine", "afro américains", "afro descendant", "afro descendante",
    "hispanique", "hispaniques", "métis", "métisse", "métisses", "maghrébin", "maghrébine",
    "maghrébins", "amérindien", "amérindienne", "amérindiens", "beur", "beurette", "tzigane",
    "tziganes", "manouche", "manouches",
)  # fmt: skip

DE_RACE_TERMS: tuple[str, ...] = (
    "sinti", "sinto", "sintezza", "sinti und roma", "romni", "afrodeutsch", "afrodeutsche",
    "afrodeutscher", "afroamerikaner", "afroamerikanerin", "migrationshintergrund",
    "mit migrationshintergrund", "türkischstämmig", "türkischstämmige", "russlanddeutsch",
    "russlanddeutsche", "russlanddeutscher", "spätaussiedler", "spätaussiedlerin",
)  # fmt: skip

ES_RACE_COLOR_SELF_TERMS: tuple[str, ...] = (
    "negro", "negra", "negros", "negras", "blanco", "blanca", "blancos", "blancas", "moreno",
    "morena", "morenos", "morenas", "prieto", "prieta", "güero", "güera",
)  # fmt: skip

FR_RACE_COLOR_SELF_TERMS: tuple[str, ...] = (
    "noir", "noire", "noirs", "noires", "blanc", "blanche", "blancs", "blanches",
)  # fmt: skip

DE_RACE_COLOR_SELF_TERMS: tuple[str, ...] = ("schwarz", "schwarze", "weiß", "weiße")

# Nationality and ethnic adjectives: also a cuisine, a language or a car, so they need a
# self cue, a person word before them ("mujer mexicana", "d'origine marocaine") or
# after them ("türkischer Herkunft"), or a whole note fragment. The language-only words
# ("español", "inglés", "français", "deutsch") are left out: "habla español".
ES_ETHNIC_SELF_TERMS: tuple[str, ...] = (
    "mexicano", "mexicana", "mexicanos", "mexicanas", "salvadoreño", "salvadoreña", "salvadoreños",
    "salvadoreñas", "guatemalteco", "guatemalteca", "guatemaltecos", "guatemaltecas", "hondureño",
    "hondureña", "hondureños", "hondureñas", "nicaragüense", "nicaragüenses", "costarricense",
    "costarricenses", "panameño", "panameña", "panameños", "cubano", "cubana", "cubanos", "cubanas",
    "dominicano", "dominicana", "dominicanos", "dominicanas", "puertorriqueño", "puertorriqueña",
    "puertorriqueños", "puertorriqueñas", "colombiano", "colombiana", "colombianos", "colombianas",
    "venezolano", "venezolana", "venezolanos", "venezolanas", "ecuatoriano", "ecuatoriana",
    "ecuatorianos", "ecuatorianas", "peruano", "peruana", "peruanos", "peruanas", "boliviano",
    "boliviana", "chileno", "chilena", "chilenos", "argentino", "argentinos", "argentinas",
    "uruguayo", "uruguaya", "paraguayo", "paraguaya", "brasileño", "brasileña", "brasileños",
    "haitiano", "haitiana", "haitianos", "jamaiquino", "jamaiquina", "caribeño", "caribeña",
    "chino", "chinos", "coreano", "coreana", "japonés", "japonesa", "vietnamita", "vietnamitas",
    "filipino", "filipina", "filipinos", "filipinas", "asiático", "asiática", "asiáticos", "árabe",
    "árabes", "iraní", "iraquí", "sirio", "siria", "libanés", "libanesa", "palestino", "palestina",
    "israelí", "turco", "turca", "ruso", "rusa", "ucraniano", "ucraniana", "polaco", "polaca",
    "italiano", "italiana", "francesa", "alemán", "alemana", "portugués", "portuguesa", "irlandés",
    "irlandesa", "europeo", "europea", "africano", "africana", "africanos", "nigeriano",
    "nigeriana", "etíope", "somalí", "marroquí", "egipcio", "egipcia", "gitano", "gitana",
    "gitanos", "gitanas",
)  # fmt: skip

FR_ETHNIC_SELF_TERMS: tuple[str, ...] = (
    "mexicain", "mexicaine", "mexicains", "salvadorien", "salvadorienne", "guatémaltèque",
    "hondurien", "hondurienne", "cubain", "cubaine", "dominicain", "dominicaine", "portoricain",
    "portoricaine", "colombien", "colombienne", "vénézuélien", "vénézuélienne", "péruvien",
    "péruvienne", "haïtien", "haïtienne", "haïtiens", "antillais", "antillaise", "marocain",
    "marocaine", "marocains", "algérien", "algérienne", "algériens", "tunisien", "tunisienne",
    "sénégalais", "sénégalaise", "malien", "malienne", "ivoirien", "ivoirienne", "camerounais",
    "camerounaise", "congolais", "congolaise", "africain", "africaine", "africains", "chinois",
    "chinoise", "vietnamien", "vietnamienne", "cambodgien", "cambodgienne", "asiatique",
    "asiatiques", "arabe", "arabes", "turc", "turque", "libanais", "libanaise", "syrien",
    "syrienne", "iranien", "iranienne", "kurde", "kurdes", "arménien", "arménienne", "russe",
    "russes", "ukrainien", "ukrainienne", "polonais", "polonaise", "roumain", "roumaine",
    "portugais", "portugaise", "italien", "italienne", "allemand", "allemande", "gitan", "gitane",
    "gitans", "autochtone", "autochtones",
)  # fmt: skip

DE_ETHNIC_SELF_TERMS: tuple[str, ...] = (
    "mexikanisch", "mexikanische", "mexikanischer", "mexikaner", "mexikanerin", "türkisch",
    "türkische", "türkischer", "türke", "türkin", "kurdisch", "kurdische", "kurdischer", "kurde",
    "kurdin", "arabisch", "arabische", "arabischer", "araber", "araberin", "polnisch", "polnische",
    "polnischer", "polin", "russisch", "russische", "russischer", "russe", "russin", "ukrainisch",
    "ukrainische", "ukrainischer", "ukrainer", "ukrainerin", "italienisch", "italienische",
    "italienischer", "italiener", "italienerin", "griechisch", "griechische", "griechischer",
    "grieche", "griechin", "kroatisch", "kroatische", "kroate", "kroatin", "serbisch", "serbische",
    "serbe", "serbin", "bosnisch", "bosnische", "bosnier", "bosnierin", "albanisch", "albanische",
    "albaner", "albanerin", "kosovare", "kosovarin", "rumänisch", "rumänische", "rumäne", "rumänin",
    "syrisch", "syrische", "syrer", "syrerin", "afghanisch", "afghanische", "afghane", "afghanin",
    "iranisch", "iranische", "iraner", "iranerin", "irakisch", "iraker", "irakerin", "marokkanisch",
    "marokkanische", "marokkaner", "marokkanerin", "afrikanisch", "afrikanische", "afrikaner",
    "afrikanerin", "eritreisch", "eritreer", "eritreerin", "vietnamesisch", "vietnamesische",
    "vietnamese", "vietnamesin", "chinesisch", "chinesische", "chinesin", "asiatisch", "asiatische",
    "asiate", "asiatin", "kubanisch", "kubanische", "kubaner", "kubanerin", "kolumbianisch",
    "kolumbianer", "kolumbianerin", "brasilianisch", "brasilianer", "brasilianerin",
)  # fmt: skip

# Words that are also a city, a country, a memory chip or a pole: only a declaration counts
# ("ist Roma", "sind Roma", "je suis rom", "soy argentina"), never a note fragment
# ("Córdoba, Argentina").
ETHNIC_DECLARED_TERMS: tuple[str, ...] = (
    "roma", "rom", "roms", "pole", "jenische", "argentina", "china",
)  # fmt: skip

# Countries and regions of origin, counted after ES_ORIGIN_CUES only ("soy de Guatemala",
# "mis padres son de México"); a trip or a home is no origin ("vivo en México").
ES_ORIGIN_PLACE_TERMS: tuple[str, ...] = (
    "méxico", "mejico", "puerto rico", "cuba", "el salvador",
    "guatemala", "honduras", "nicaragua", "costa rica", "panamá", "colombia", "venezuela",
    "ecuador", "perú", "bolivia", "chile", "uruguay", "paraguay", "brasil",
    "haití", "jamaica", "españa", "corea", "japón", "vietnam", "india",
    "pakistán", "irán", "irak", "líbano", "rusia", "ucrania", "polonia", "italia",
    "francia", "alemania", "portugal", "irlanda", "inglaterra", "nigeria", "etiopía", "somalia",
    "marruecos", "egipto", "centroamérica", "sudamérica", "suramérica", "latinoamérica",
    "áfrica", "asia", "europa", "el caribe", "medio oriente",
)  # fmt: skip

ES_ORIGIN_CUES: tuple[str, ...] = (
    "soy de", "somos de", "soy originario de", "soy originaria de", "somos originarios de",
    "originario de", "originaria de", "vengo de", "venimos de", "vine de", "vinimos de",
    "llegué de", "llegamos de", "emigré de", "emigramos de", "nací en", "nacimos en",
    "nació en", "crecí en", "me crié en", "mi familia es de", "su familia es de",
    "mis padres son de", "sus padres son de", "mi mamá es de", "mi papá es de",
    "mi esposo es de", "mi esposa es de",
)  # fmt: skip

# Right before a nationality: a person, a descent ("mujer mexicana", "de origen cubano",
# "femme marocaine", "d'origine algérienne").
ETHNIC_PERSON_BEFORE: tuple[str, ...] = (
    "mujer", "hombre", "señora", "señor", "persona", "familia", "cliente", "clienta", "gente",
    "comunidad", "de origen", "de ascendencia", "de descendencia", "descendiente", "de raza",
    "de nacionalidad", "hijo de", "hija de", "hijos de", "de padres", "femme", "homme", "monsieur",
    "madame", "personne", "famille", "communauté", "d'origine", "de nationalité", "d'ascendance",
    "de parents", "fils de", "fille de",
)  # fmt: skip

# Right after a nationality: a person or a descent ("mexicana de nacimiento",
# "türkischer Herkunft", "türkische Frau").
ETHNIC_PERSON_AFTER: tuple[str, ...] = (
    "de nacimiento", "de origen", "de sangre", "de naissance", "d'origine", "herkunft",
    "abstammung", "wurzeln", "frau", "mann", "familie", "eltern", "kunde", "kundin", "abstammend",
    "staatsangehörigkeit", "staatsbürger", "staatsbürgerin",
)  # fmt: skip

# Right after a German adjective: food, language, a car ("türkische Küche").
ETHNIC_NOT_A_PERSON_AFTER: tuple[str, ...] = (
    "küche", "essen", "restaurant", "gericht", "gerichte", "spezialitäten", "sprache", "musik",
    "film", "flagge", "bier", "wein", "auto", "autos", "produkte", "supermarkt", "laden",
    "bäckerei", "kaffee", "tee",
)  # fmt: skip

RACE_CONTEXT: tuple[str, ...] = (
    "raza", "racial", "etnia", "étnico", "étnica", "ascendencia", "race", "ethnie", "ethnique",
    "ascendance", "herkunft", "abstammung", "ethnisch", "volksgruppe",
)  # fmt: skip

# ===========================================================================
# RELIGION

ES_RELIGION_TERMS: tuple[str, ...] = (
    "catolicismo", "evangélico", "evangélica", "evangélicos", "evangélicas", "protestante",
    "protestantes", "testigo de jehová", "testigos de jehová", "mormón", "mormona", "mormones",
    "musulmán", "musulmana", "musulmanes", "musulmanas", "islámico", "islámica", "judío", "judía",
    "judíos", "judías", "judaísmo", "budista", "budistas", "budismo", "hindú", "hinduista",
    "pentecostal", "pentecostales", "adventista", "adventistas", "adventista del séptimo día",
    "metodista", "metodistas", "luterano", "luterana", "presbiteriano", "presbiteriana",
    "anglicano", "anglicana", "ateo", "atea", "ateos", "agnóstico", "agnóstica", "santería",
    "santero", "santera",
)  # fmt: skip

FR_RELIGION_TERMS: tuple[str, ...] = (
    "catholicisme", "protestante", "protestants", "évangélique", "évangéliques",
    "témoin de jéhovah", "témoins de jéhovah", "mormone", "mormons", "musulman", "musulmane",
    "musulmans", "musulmanes", "juif", "juive", "juifs", "juives", "judaïsme", "bouddhiste",
    "bouddhistes", "hindou", "hindoue", "adventiste", "pentecôtiste", "pentecôtistes", "athée",
    "athées", "agnostique",
)  # fmt: skip

DE_RELIGION_TERMS: tuple[str, ...] = (
    "katholik", "katholikin", "katholiken", "protestantin", "protestantisch", "evangelikal",
    "freikirche", "freikirchlich", "zeuge jehovas", "zeugin jehovas", "zeugen jehovas", "mormone",
    "mormonin", "mormonen", "mormonisch", "muslima", "muslimin", "muslime", "muslimisch", "jüdin",
    "juden", "jüdisch", "judentum", "buddhistin", "buddhistisch", "hinduistisch", "atheistin",
    "konfessionslos", "pfingstler", "pfingstgemeinde", "siebenten tags adventisten",
)  # fmt: skip

# Also an institution's name or a first name: "Universidad Católica", "Cristiano",
# "Juan Bautista", "Jean-Baptiste", "katholisches Krankenhaus".
ES_RELIGION_SELF_TERMS: tuple[str, ...] = (
    "católico", "católica", "católicos", "católicas", "ortodoxo", "ortodoxa", "creyente",
    "religioso", "religiosa",
)  # fmt: skip

FR_RELIGION_SELF_TERMS: tuple[str, ...] = (
    "catholique", "catholiques", "chrétien", "chrétienne", "chrétiens", "orthodoxe", "croyant",
    "croyante", "religieux", "religieuse",
)  # fmt: skip

# First names and surnames too ("Cristiano", "Bautista", "Jean-Baptiste"): a self cue
# counts, a note fragment of the word alone does not (it signs a note as often).
RELIGION_NAME_SELF_TERMS: tuple[str, ...] = (
    "cristiano", "cristiana", "cristianos", "cristianas", "bautista", "bautistas", "baptiste",
    "baptistes",
)  # fmt: skip

DE_RELIGION_SELF_TERMS: tuple[str, ...] = (
    "katholisch", "evangelisch", "christlich", "christin", "gläubig", "religiös",
)  # fmt: skip

# "Christ" is also an oath in English and "Jude" a first name: only a declaration counts.
RELIGION_DECLARED_TERMS: tuple[str, ...] = ("christ", "jude")

RELIGION_BEFORE: tuple[str, ...] = (
    # a church's name is no belief ("cerca de la iglesia católica"): going to it is
    "va a la", "va a una", "va a la iglesia", "asiste a la", "asiste a la iglesia", "miembro de la",
    "miembro de la iglesia", "pertenece a la", "pertenece a la iglesia", "fe", "de fe", "religión",
    "convertido al", "convertida al", "se convirtió al", "va à", "va à l'église", "membre de",
    "membre de l'église", "foi", "converti à", "convertie à", "geht in die", "geht in die kirche",
    "mitglied der", "glaube", "konvertiert zum", "konvertierte zum",
)  # fmt: skip

RELIGION_AFTER: tuple[str, ...] = (
    "practicante", "practicantes", "devoto", "devota", "de corazón", "pratiquant", "pratiquante",
    "praktizierend", "gläubig",
)  # fmt: skip

RELIGION_NOT_AFTER: tuple[str, ...] = (
    "ronaldo", "health", "healthcare", "health care", "health plan", "charities", "hospital",
    "university", "school", "medical", "medical center", "community credit union",
)  # fmt: skip

RELIGION_CONTEXT: tuple[str, ...] = (
    "iglesia", "misa", "rezar", "reza", "oración", "fe", "religión", "religioso", "pastor",
    "sacerdote", "cura", "rabino", "imán", "mezquita", "sinagoga", "biblia", "corán", "église",
    "messe", "prière", "prie", "foi", "prêtre", "rabbin", "mosquée", "synagogue", "bible", "coran",
    "kirche", "gottesdienst", "beten", "betet", "gebet", "glaube", "pfarrer", "priester", "moschee",
    "synagoge", "bibel", "koran",
)  # fmt: skip

# Places and acts of worship: going to one is a belief ("voy a misa", "va a la
# iglesia", "asistimos al templo"), as the English "i go to church".
ES_WORSHIP_TERMS: tuple[str, ...] = (
    "misa", "iglesia", "culto", "mezquita", "sinagoga", "templo", "salón del reino",
    "escuela dominical", "estudio bíblico", "congregación", "parroquia",
)  # fmt: skip

WORSHIP_BEFORE: tuple[str, ...] = (
    "voy a", "vamos a", "va a", "van a", "iba a", "íbamos a", "voy al", "vamos al", "va al",
    "van al", "asisto a", "asiste a", "asistimos a", "asisto al", "asiste al", "asistimos al",
    "miembro de", "miembros de", "pertenezco a", "pertenece a", "pertenecemos a", "soy de",
    "somos de", "es de", "servimos en", "sirvo en",
)  # fmt: skip

# Right after a place of worship: a building, a wedding or a job, not a belief ("voy a la
# iglesia a la boda de mi prima" is a guest, "va al templo a arreglar el techo").
WORSHIP_NOT_AFTER: tuple[str, ...] = (
    "a la boda", "a una boda", "al funeral", "a un funeral", "a trabajar", "a arreglar",
    "a limpiar", "a entregar", "a dejar", "a recoger",
)  # fmt: skip

# ===========================================================================
# UNION_MEMBERSHIP

ES_UNION_TERMS: tuple[str, ...] = (
    "sindicato", "sindicatos", "sindicalizado", "sindicalizada", "sindicalizados", "sindicalista",
    "miembro del sindicato", "afiliado al sindicato", "afiliada al sindicato", "cuota sindical",
    "cuotas sindicales", "delegado sindical", "delegada sindical", "representante sindical", "ccoo",
    "comisiones obreras", "ugt",
)  # fmt: skip

FR_UNION_TERMS: tuple[str, ...] = (
    "syndiqué", "syndiquée", "syndiqués", "syndicaliste", "membre du syndicat", "délégué syndical",
    "déléguée syndicale", "cotisation syndicale", "carte syndicale", "cfdt", "cftc", "cfe cgc",
    "force ouvrière", "unsa",
)  # fmt: skip

DE_UNION_TERMS: tuple[str, ...] = (
    "gewerkschaft", "gewerkschaften", "gewerkschaftsmitglied", "gewerkschafter", "gewerkschafterin",
    "gewerkschaftlich organisiert", "gewerkschaftsbeitrag", "ig metall", "ig bce", "ig bau", "dgb",
    "ngg",
)  # fmt: skip

# "syndicat" is also a condominium's or a water board's; "CGT" (capital gains tax), "FO",
# "GEW", "verdi" are letters and a composer: they count with a union cue or word in their sentence.
UNION_CUED_TERMS: tuple[str, ...] = (
    "syndicat", "syndicats", "cgt", "fo", "ver.di", "gew", "gremio", "unión",
)  # fmt: skip

# Right after "unión": a credit union, a company, a bloc, a couple.
UNION_NOT_AFTER: tuple[str, ...] = (
    "de crédito", "de credito", "federal de crédito", "fenosa", "europea", "soviética",
    "americana", "libre", "civil", "de hecho", "familiar", "de padres", "de ahorro",
    "de ahorros", "hace la fuerza", "de la familia", "de naciones", "aduanera", "monetaria",
)  # fmt: skip

UNION_BEFORE: tuple[str, ...] = (
    "miembro del", "miembro de", "afiliado al", "afiliada al", "afiliado a", "afiliada a",
    "pertenece al", "pertenece a", "pertenezco al", "pertenezco a", "estoy en", "está en",
    "estamos en", "soy de", "es de", "somos de", "soy del", "es del", "somos del",
    # not "de la" / "del" alone: "el Walmart de la Unión", "la calle de la Unión" are places
    "membre du", "membre de la",
    "membre de", "adhérent à la", "adhérente à la", "adhérent de la", "syndiqué à la",
    "syndiquée à la", "syndiqué", "syndiquée", "au", "à la", "mitglied der", "mitglied bei",
    "mitglied bei der", "mitglied in der", "in der", "bei der", "organisiert bei",
    "organisiert in der",
)  # fmt: skip

UNION_CONTEXT: tuple[str, ...] = (
    "sindicato", "sindical", "afiliado", "afiliada", "cuota", "cuotas", "huelga", "delegado",
    "convenio colectivo", "contrato colectivo", "syndical", "syndicale", "syndiqué", "syndiquée",
    "grève", "délégué", "cotisation", "adhérent", "adhérente", "gewerkschaft", "gewerkschaftlich",
    "mitglied", "mitgliedschaft", "mitgliedsbeitrag", "streik", "tarif", "tarifvertrag",
    "betriebsrat",
)  # fmt: skip

# ===========================================================================
# SEXUAL_ORIENTATION_SEX_LIFE

ES_ORIENTATION_TERMS: tuple[str, ...] = (
    "lesbiana", "lesbianas", "transgénero", "transexual", "transexuales", "mujer trans",
    "hombre trans", "no binario", "no binaria", "pareja del mismo sexo",
    "matrimonio del mismo sexo", "gais",
)  # fmt: skip

FR_ORIENTATION_TERMS: tuple[str, ...] = (
    "homosexuel", "homosexuelle", "homosexuels", "hétérosexuel", "hétérosexuelle", "bisexuel",
    "bisexuelle", "lesbienne", "lesbiennes", "transgenre", "transgenres", "transsexuel",
    "transsexuelle", "non binaire", "femme trans", "homme trans", "couple de même sexe",
    "couple homosexuel",
)  # fmt: skip

DE_ORIENTATION_TERMS: tuple[str, ...] = (
    "schwul", "schwule", "schwuler", "lesbisch", "lesbe", "bisexuell", "homosexuell",
    "heterosexuell", "transsexuell", "transfrau", "transmann", "nichtbinär", "nicht binär",
    "gleichgeschlechtlich", "gleichgeschlechtliche", "eingetragene lebenspartnerschaft",
)  # fmt: skip

ORIENTATION_BEFORE: tuple[str, ...] = (
    "se identifica como", "salió del clóset", "salió del closet", "s'identifie comme",
    "a fait son coming out", "identifiziert sich als", "hatte sein coming out",
    "hatte ihr coming out", "geoutet als",
)  # fmt: skip

# ===========================================================================
# CITIZENSHIP_IMMIGRATION

ES_IMMIGRATION_TERMS: tuple[str, ...] = (
    "indocumentado", "indocumentada", "indocumentados", "indocumentadas", "sin papeles",
    "residente permanente", "residentes permanentes", "residencia permanente", "residente legal",
    "tarjeta de residente", "tarjeta de residencia", "ciudadanía", "ciudadanía americana",
    "ciudadano americano", "ciudadana americana", "ciudadano estadounidense",
    "ciudadana estadounidense", "doble ciudadanía", "doble nacionalidad", "inmigrante",
    "inmigrantes", "migrante", "migrantes", "estatus migratorio", "estado migratorio",
    "situación migratoria", "estatus legal", "sin estatus", "sin estatus legal", "asilo político",
    "solicitante de asilo", "caso de asilo", "asilado", "asilada", "refugiado", "refugiada",
    "refugiados", "refugiadas", "deportado", "deportada", "deportación", "orden de deportación",
    "visa de trabajo", "visa de estudiante", "visa de turista", "visa de turismo",
    "permiso de trabajo", "permiso de residencia", "parole humanitario", "naturalizado",
    "naturalizada", "naturalización", "estatus de protección temporal", "abogado de inmigración",
    "caso de inmigración", "corte de inmigración", "papeles de inmigración", "cita de inmigración",
    "arreglando papeles", "arreglar papeles", "deportar", "deportaron", "deporten", "deportarme",
    "deportarlo", "deportarla", "proceso de asilo",
)  # fmt: skip

FR_IMMIGRATION_TERMS: tuple[str, ...] = (
    "sans papiers", "titre de séjour", "carte de séjour", "carte de résident", "réfugié",
    "réfugiée", "réfugiés", "réfugiées", "statut de réfugié", "demandeur d'asile",
    "demandeuse d'asile", "demandeurs d'asile", "demande d'asile", "droit d'asile",
    "asile politique", "en situation irrégulière", "situation irrégulière", "immigré", "immigrée",
    "immigrés", "immigrées", "migrante", "naturalisé", "naturalisée", "naturalisation",
    "citoyen américain", "citoyenne américaine", "nationalité américaine", "double nationalité",
    "permis de travail", "visa de travail", "visa étudiant", "oqtf",
)  # fmt: skip

DE_IMMIGRATION_TERMS: tuple[str, ...] = (
    "aufenthaltstitel", "aufenthaltserlaubnis", "aufenthaltsgenehmigung", "niederlassungserlaubnis",
    "daueraufenthalt", "duldung", "asylbewerber", "asylbewerberin", "asylantrag", "asylverfahren",
    "asylsuchend", "asylsuchende", "flüchtling", "flüchtlinge", "geflüchtete", "geflüchteter",
    "flüchtlingsstatus", "migrantin", "einwanderer", "einwanderin", "eingebürgert", "einbürgerung",
    "staatsbürgerschaft", "doppelte staatsbürgerschaft", "ohne papiere", "arbeitserlaubnis",
    "arbeitsvisum", "blaue karte", "abschiebung", "abgeschoben", "ausreisepflichtig",
    "subsidiärer schutz", "us staatsbürger", "us staatsbürgerin", "amerikanischer staatsbürger",
    "amerikanische staatsbürgerin",
)  # fmt: skip

# Also a town's citizen, a nursing home, an animal shelter, a car insurance card:
# they count after an immigration cue or near an immigration word.
IMMIGRATION_CUED_TERMS: tuple[str, ...] = (
    "ciudadano", "ciudadana", "ciudadanos", "ciudadanas", "asilo", "residencia", "papeles",
    "citoyen", "citoyenne", "asile", "régularisation", "staatsbürger", "staatsbürgerin",
    "staatsangehörigkeit", "asyl", "geduldet",
)  # fmt: skip

IMMIGRATION_BEFORE: tuple[str, ...] = (
    "se hizo", "se volvió", "obtuvo", "obtuvo la", "sacó", "sacó la", "tramita", "tramitando",
    "solicitó", "solicita", "pidió", "pide", "pidiendo", "aplicó para", "aplicando para", "renovó",
    "renovar", "espera", "esperando", "no es", "ya es", "no tengo", "no tiene", "no tenemos",
    "no tienen", "sin sus", "sin mis", "arreglar", "arreglar sus", "arreglar mis", "tengo mi",
    "tiene su", "tengo la", "tiene la", "ya tengo", "ya tiene", "ya tenemos", "me dieron",
    "le dieron", "me aprobaron", "le aprobaron", "saqué", "obtuve", "tramité", "pedí", "arreglé",
    "arregló", "en proceso de", "proceso de", "trámite de", "estatus de", "a obtenu", "a demandé",
    "demande", "demandé", "en attente de", "a reçu", "est devenu", "est devenue", "hat",
    "hat beantragt", "beantragt", "bekam", "erhielt", "wartet auf", "ist", "wurde",
)  # fmt: skip

IMMIGRATION_NOT_AFTER: tuple[str, ...] = (
    "de a pie", "del mundo", "ejemplar", "común", "de ancianos", "para ancianos", "de animales",
    "médica", "universitaria", "estudiantil", "de estudiantes", "de verano", "familiar",
    "del carro", "del coche", "del auto", "de la casa", "del seguro", "del banco", "de la troca",
    "del préstamo", "del divorcio",
    "du monde", "lambda", "engagé", "psychiatrique", "de nuit", "der stadt", "der welt",
)  # fmt: skip

IMMIGRATION_CONTEXT: tuple[str, ...] = (
    "inmigración", "migratorio", "migratoria", "uscis", "papeles", "residencia", "green card",
    "naturalización", "deportación", "frontera", "consulado", "embajada", "visa", "asilo",
    "ciudadanía", "immigration", "préfecture", "séjour", "papiers", "naturalisation", "expulsion",
    "frontière", "consulat", "ambassade", "einwanderung", "ausländerbehörde", "aufenthalt",
    "aufenthaltstitel", "einbürgerung", "abschiebung", "flucht", "asylantrag", "visum", "botschaft",
    "konsulat", "staatsbürgerschaft",
)  # fmt: skip

# A green card is also a store's, a bank's or (in France) a car insurer's: only an
# immigration cue or word counts, never a card word in its sentence. TPS (temporary
# protected status) is held like one ("tengo TPS"), and is a report in English.
IMMIGRATION_CARD_TERMS: tuple[str, ...] = ("tarjeta verde", "carte verte", "tps")

IMMIGRATION_CARD_BEFORE: tuple[str, ...] = (
    "tengo", "tenemos", "tienen", "tiene", "tenía", "con", "sacó", "obtuvo", "tramita",
    "tramitando", "solicitó", "espera", "esperando", "renovó", "renovar", "su", "a", "a obtenu",
    "demande", "a sa", "avec",
)  # fmt: skip

CARD_WORDS: tuple[str, ...] = (
    "supermercado", "tienda", "descuento", "descuentos", "puntos", "crédito", "débito", "banco",
    "regalo", "lealtad", "cliente frecuente", "pago", "pagar", "pagó", "compras", "gasolinera",
    "magasin", "fidélité", "réduction", "assurance", "assureur", "voiture", "véhicule", "auto",
    "crédit", "banque", "paiement", "payer",
)  # fmt: skip

# "ilegal" is a status only said of a person ("está ilegal", "il est clandestin",
# "lebt illegal"), never "eso es ilegal".
IMMIGRATION_ILLEGAL_SELF_TERMS: tuple[str, ...] = (
    "ilegal", "ilegales", "clandestin", "clandestine", "clandestins", "illegal",
)  # fmt: skip

ILLEGAL_BEFORE: tuple[str, ...] = (
    "soy", "somos", "está", "estoy", "están", "estamos", "vive", "vivía", "entró", "entraron",
    "cruzó", "je suis", "il est", "elle est", "ils sont", "est entré", "est entrée", "vit",
    "ich bin", "lebt", "lebte", "lebten", "wohnt", "hält sich", "eingereist",
)  # fmt: skip

ILLEGAL_AFTER: tuple[str, ...] = (
    "en el país", "en este país", "en los estados unidos", "en estados unidos", "dans le pays",
    "en france", "aux états unis", "sur le territoire", "eingereist", "im land", "in den usa",
    "in deutschland",
)  # fmt: skip

# ===========================================================================
# POLITICAL_OPINION

ES_POLITICAL_TERMS: tuple[str, ...] = (
    "votante republicano", "votante republicana", "votante demócrata", "simpatizante republicano",
    "simpatizante republicana", "simpatizante demócrata", "partidario de trump",
    "partidaria de trump", "seguidor de trump", "seguidora de trump", "trumpista", "trumpistas",
)  # fmt: skip

FR_POLITICAL_TERMS: tuple[str, ...] = (
    "électeur républicain", "électrice républicaine", "électeur démocrate", "électrice démocrate",
    "militant socialiste", "militante socialiste", "encarté", "encartée",
)  # fmt: skip

DE_POLITICAL_TERMS: tuple[str, ...] = (
    "cdu mitglied", "csu mitglied", "spd mitglied", "afd mitglied", "fdp mitglied",
    "grünen mitglied", "linken mitglied", "parteimitglied", "afd wähler", "afd wählerin",
    "cdu wähler", "cdu wählerin", "spd wähler", "spd wählerin", "grünen wähler", "grünen wählerin",
    "fdp wähler", "linken wähler", "stammwähler", "stammwählerin",
)  # fmt: skip

ES_POLITICAL_SELF_TERMS: tuple[str, ...] = (
    "republicano", "republicana", "republicanos", "republicanas", "demócrata", "demócratas",
    "socialista", "socialistas", "comunista", "comunistas", "izquierdista", "izquierdistas",
    "derechista", "derechistas", "de derecha", "de derechas", "de izquierda", "de izquierdas",
    "libertario", "libertaria", "provida", "pro vida", "proabortista", "pro elección",
    "proelección", "pro aborto", "proaborto",
)  # fmt: skip

FR_POLITICAL_SELF_TERMS: tuple[str, ...] = (
    "républicain", "républicaine", "républicains", "démocrate", "démocrates", "socialiste",
    "socialistes", "communiste", "communistes", "écologiste", "écologistes", "de droite",
    "de gauche", "d'extrême droite", "d'extrême gauche", "insoumis", "insoumise", "frontiste",
    "lepéniste", "macroniste", "mélenchoniste", "gaulliste",
)  # fmt: skip

DE_POLITICAL_SELF_TERMS: tuple[str, ...] = (
    "republikaner", "republikanerin", "demokrat", "demokratin", "sozialdemokrat",
    "sozialdemokratin", "sozialist", "sozialistin", "kommunist", "kommunistin", "linksradikal",
    "rechtsradikal", "rechtsextrem", "linksextrem",
)  # fmt: skip

# Everyday words that are an opinion only in a vote: "vota conservador", "vote à
# droite", "wählt konservativ", "wählt links", "vota liberal".
POLITICAL_VOTE_TERMS: tuple[str, ...] = (
    "conservador", "conservadora", "conservadores", "liberal", "liberales", "independiente",
    "conservateur", "conservatrice", "libéral", "libérale", "à droite", "à gauche", "centriste",
    "konservativ", "links", "rechts", "grün", "grüne", "grünen",
)  # fmt: skip

# Parties and candidates: naming one is no opinion ("la ley del Partido Demócrata"),
# voting for it or being its member is ("wählt CDU", "Mitglied der SPD", "vota por el
# Partido Republicano", "voté por Trump").
POLITICAL_PARTY_TERMS: tuple[str, ...] = (
    "trump", "biden", "obama", "kamala", "kamala harris", "bernie", "bernie sanders", "desantis",
    "partido republicano", "partido demócrata", "psoe", "parti républicain", "parti démocrate",
    "parti socialiste", "rassemblement national", "front national", "france insoumise",
    "la france insoumise", "les républicains", "cdu", "csu", "spd", "afd", "fdp", "die linke",
    "linke", "bsw", "npd", "freie wähler",
)  # fmt: skip

POLITICAL_VOTE_BEFORE: tuple[str, ...] = (
    "vota", "votó", "votan", "votaron", "votaba", "vota por", "votó por", "votará por",
    "siempre vota", "votante", "simpatizante", "partidario", "partidaria", "apoya a", "soy del",
    "es del", "somos del", "son del", "registrado como", "registrada como", "inscrito como",
    "inscrita como", "afiliado al", "afiliada al", "miembro del", "vote", "vote pour", "voté",
    "voté pour", "a voté", "a voté pour", "votait", "électeur", "électrice", "sympathisant",
    "sympathisante", "militant", "militante", "soutient", "partisan", "membre du", "wählt",
    "wählte", "wähle", "wählen", "wähler", "wählerin", "stimmt für", "stimmte für", "mitglied der",
    "mitglied in der", "mitglied bei der", "anhänger der", "anhängerin der", "unterstützt",
    "sympathisiert mit",
)  # fmt: skip

POLITICAL_VOTE_AFTER: tuple[str, ...] = ("gewählt", "gewählt hat", "wählen")

POLITICAL_CONTEXT: tuple[str, ...] = (
    "vota", "votó", "voto", "votante", "elecciones", "elección", "partido", "política", "político",
    "campaña", "vote", "voté", "électeur", "élection", "élections", "parti", "politique", "wählt",
    "wahl", "wahlen", "wähler", "partei", "politisch", "bundestagswahl",
)  # fmt: skip

# ===========================================================================
# Set phrases in which a protected term means something else: an institution, a name, a
# dish, a condominium association, a newspaper.
NON_PROTECTED_PHRASES: tuple[str, ...] = (
    # es
    "universidad católica", "pontificia universidad católica", "colegio católico",
    "escuela católica", "reyes católicos", "caridades católicas", "judías verdes", "judía verde",
    "judías blancas", "juan bautista", "san juan bautista", "cristiano ronaldo", "pelo chino",
    "barrio chino", "tinta china", "cuento chino", "asilo de ancianos", "asilo para ancianos",
    "montaña rusa", "ensalada rusa", "ruleta rusa", "a la francesa", "a la mexicana",
    "gripe española", "república dominicana", "república argentina", "blanco y negro", "en blanco",
    # fr
    "université catholique", "institut catholique", "école catholique", "lycée catholique",
    "collège catholique", "jean baptiste", "saint jean baptiste", "syndicat de copropriété",
    "syndicat des copropriétaires", "syndicat d'initiative", "syndicat des eaux",
    "syndicat intercommunal", "syndicat mixte", "syndicat de communes", "asile psychiatrique",
    "asile de nuit", "carte verte d'assurance", "carte verte assurance", "carte verte auto",
    "garde républicaine", "calendrier républicain", "école républicaine", "valeurs républicaines",
    "à la française", "à la chinoise", "noir et blanc", "en noir",
    # de
    "katholisches krankenhaus", "katholische schule", "katholischer kindergarten",
    "katholische kita", "katholische hochschule", "katholische universität",
    "evangelisches krankenhaus", "evangelische schule", "evangelischer kindergarten",
    "evangelische kita", "evangelische bank", "evangelische hochschule",
    "christlich demokratische union", "christlich soziale union", "jüdisches museum",
    "giuseppe verdi", "verdi oper", "schwarz weiß", "schwarz auf weiß", "links abbiegen",
    "rechts abbiegen", "nach links", "nach rechts", "auf der linken", "auf der rechten",
    "grüne karte", "roma tomaten",
    # en
    "democrat and chronicle", "roma tomato", "roma tomatoes", "as roma",
)  # fmt: skip
