"""Terms and cue phrases the ProtectedCharacteristicsRecognizer looks for: data only.

All lowercase, spelled the way callers say them and speech recognition
writes them. Hyphens are written as spaces ("afro latino" matches
"Afro-Latino"), apostrophes are kept ("jehovah's witness" also matches
"jehovahs witness") and a dot is optional ("u.s. citizen" matches "us
citizen"). The recognizer generates regular plurals of the terms, so only
singular forms are listed.

Terms are grouped by how much context they need, because that is what keeps
ordinary words ("black car", "union street", "visa card") out:

* ``*_TERMS``: name the characteristic on their own ("hispanic", "teamsters",
  "green card holder"); they count without a cue.
* ``*_SELF_TERMS``: everyday words that name it only in a self-description
  ("i'm black", "as a christian", "registered democrat"); they need a cue
  phrase right before them (a few ``FILLERS`` may stand between) or a
  ``PERSON_AFTER`` word right after ("black woman", "of mexican descent").
* ``*_CUED_TERMS``: words with an everyday sense ("church", "union", "dna",
  "visa") that count with a category cue right before them or a context word
  in their own sentence.

The cue lists (``*_CUES``, ``*_BEFORE``, ``*_AFTER``, ``*_CONTEXT`` and the
counter words) are data too; which group uses which is set in the
recognizer's ``_GROUPS``. ``NON_PROTECTED_PHRASES`` are set phrases in which a term means something
else ("credit union", "catholic school", "visa card", "conservative
estimate"); a term overlapping one of them is ignored.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Cue phrases shared by all categories

# A speaker (or a lead note) describing someone's own characteristic. Third-person
# pronouns are kept apart: "she's white" is as often a car as a person.
SELF_CUES: tuple[str, ...] = (
    "i'm", "i am", "we're", "we are", "i was", "we were", "as a", "as an",
    "i identify as", "we identify as", "identify as", "identifies as", "identified as",
    "self identify as", "self identifies as", "self identified as",
    "i consider myself", "we consider ourselves", "considers himself", "considers herself",
    "raised", "brought up", "grew up", "born and raised", "i became", "converted to",
    "my family is", "my family was", "my family's", "our family is", "my whole family is",
    "my parents are", "my parents were", "my mom is", "my mother is", "my dad is",
    "my father is", "my husband is", "my wife is", "my partner is", "my spouse is",
    "my son is", "my daughter is", "my kids are", "my children are", "my brother is",
    "my sister is", "my boyfriend is", "my girlfriend is", "my fiance is", "my fiancee is",
    "my grandparents are", "my grandparents were", "my grandmother is", "my grandmother was",
    "my grandfather is", "my grandfather was", "my ancestors were",
    "caller is", "client is", "customer is", "cust is", "cx is", "lead is", "prospect is",
    "consumer is",
    "applicant is", "insured is", "borrower is", "patient is", "pt is", "member is",
    "spouse is", "race:", "ethnicity:", "race/ethnicity:", "religion:",
    "religious affiliation:", "citizenship:", "citizenship status:", "immigration status:",
    "orientation:", "sexual orientation:", "party:", "political party:",
    "party affiliation:",
)  # fmt: skip

THIRD_PERSON_CUES: tuple[str, ...] = (
    "he's", "he is", "he was", "she's", "she is", "she was",
)  # fmt: skip

# Words that may stand between a cue and the term: "i'm a proud", "i'm not a",
# "i'm half", "we're both", "i'm uh".
FILLERS: tuple[str, ...] = (
    "a", "an", "not", "also", "both", "all", "half", "part", "partly", "mostly", "fully",
    "full", "mixed", "proud", "very", "really", "pretty", "quite", "strongly", "devout",
    "devoutly", "practicing", "non practicing", "nonpracticing", "lapsed", "former", "ex",
    "lifelong", "life long", "registered", "strong", "staunch", "die hard", "diehard",
    "card carrying", "openly", "originally", "culturally", "actually", "just", "kind of",
    "kinda", "sort of", "somewhat", "uh", "um", "uhm", "umm", "like", "you know", "of",
    "100 percent", "a hundred percent", "one hundred percent",
)  # fmt: skip

# Extra fillers for category cues that take an object: "my local union", "at the temple".
DETERMINERS: tuple[str, ...] = (
    "the", "a", "an", "my", "our", "his", "her", "their", "this", "that", "local",
)  # fmt: skip

# ---------------------------------------------------------------------------
# RACIAL_ETHNIC_ORIGIN

RACE_TERMS: tuple[str, ...] = (
    "hispanic", "latino", "latina", "latinx", "latine", "chicano", "chicana", "boricua",
    "african american", "afro american", "afro latino", "afro latina", "afro caribbean",
    "caucasian", "asian", "asian american", "south asian", "east asian", "southeast asian",
    "pacific islander", "native hawaiian", "native american", "american indian",
    "alaska native", "alaskan native", "first nations", "biracial", "bi racial",
    "multiracial", "multi racial", "mixed race", "person of color", "people of color",
    "woman of color", "women of color", "man of color", "men of color", "middle eastern",
    "arab", "arab american", "hmong", "ashkenazi", "ashkenazi jewish", "sephardic", "mizrahi",
    "west indian", "latin american",
    "mexican american", "cuban american", "chinese american", "korean american",
    "japanese american", "filipino american", "vietnamese american", "indian american",
    "italian american", "irish american",
)  # fmt: skip

# Colors name a race only in a self-description or before a person word.
RACE_COLOR_SELF_TERMS: tuple[str, ...] = ("black", "white", "brown")

# Nationality and ethnic adjectives; also cuisine, language, dog breeds ("german
# shepherd"), so they need a self-description or a person word after them. "english"
# and "spanish" are left out: callers say "i'm spanish" for the language they speak.
ETHNIC_SELF_TERMS: tuple[str, ...] = (
    "mexican", "puerto rican", "dominican", "cuban", "salvadoran", "salvadorian",
    "guatemalan", "honduran", "nicaraguan", "costa rican", "panamanian", "colombian",
    "venezuelan", "ecuadorian", "peruvian", "bolivian", "chilean", "argentinian",
    "argentine", "uruguayan", "paraguayan", "brazilian", "haitian", "jamaican",
    "trinidadian", "guyanese", "barbadian", "bajan", "bahamian", "nigerian", "ghanaian",
    "kenyan", "ethiopian", "eritrean", "somali", "sudanese", "senegalese", "liberian",
    "cameroonian", "congolese", "ugandan", "south african", "egyptian", "moroccan",
    "algerian", "tunisian", "chinese", "taiwanese", "korean", "japanese", "vietnamese",
    "filipino", "filipina", "pinoy", "thai", "cambodian", "laotian", "burmese",
    "indonesian", "malaysian", "indian", "pakistani", "bangladeshi", "sri lankan",
    "nepali", "nepalese", "afghan", "iranian", "persian", "iraqi", "syrian", "lebanese",
    "palestinian", "israeli", "jordanian", "saudi", "yemeni", "turkish", "kurdish",
    "armenian", "greek", "italian", "irish", "scottish", "welsh", "british", "french",
    "german", "dutch", "polish", "russian", "ukrainian", "czech", "slovak", "hungarian",
    "romanian", "bulgarian", "serbian", "croatian", "bosnian", "albanian", "portuguese",
    "swedish", "norwegian", "danish", "finnish", "swiss", "lithuanian", "latvian",
    "estonian", "european", "african", "caribbean", "canadian", "australian", "samoan",
    "tongan", "fijian", "hawaiian", "navajo", "cherokee", "sioux", "apache",
    "chippewa", "seminole", "choctaw", "inuit", "creole", "cajun",
    "gullah", "indigenous", "cape verdean",
)  # fmt: skip

# Tribal nations and Native words that name a people on their own (the ones that are
# also a car, a county or a helicopter, "cherokee", "apache", "navajo", "dakota",
# "seminole", are self terms above or need "nation"/"tribe" after them, below).
TRIBAL_TERMS: tuple[str, ...] = (
    "lakota", "oglala", "oglala sioux", "lakota sioux", "dakota sioux", "ojibwe", "ojibwa",
    "anishinaabe", "haudenosaunee", "lumbee", "tlingit", "yupik", "yup'ik", "inupiat",
    "inupiaq", "arapaho", "kiowa", "muscogee", "muscogee creek", "chickasaw",
    "tohono o'odham", "nez perce", "paiute", "yakama", "blackfeet", "blackfoot nation",
    "hopi", "zuni", "diné", "dine nation", "mescalero apache", "jicarilla apache",
    "white mountain apache", "san carlos apache", "eastern band of cherokee",
    "cherokee nation", "navajo nation", "choctaw nation", "seminole nation",
    "seminole tribe", "chickasaw nation", "comanche nation", "osage nation", "oneida nation",
    "seneca nation", "mohawk nation", "crow tribe", "crow nation", "cheyenne tribe",
    "northern cheyenne", "shoshone tribe", "ute tribe", "apache tribe", "sioux tribe",
    "pueblo tribe", "tribal member", "enrolled tribal member", "tribal citizen",
    "tribal enrollment", "tribal id", "tribal card", "cdib card", "native alaskan",
    "alaska native corporation shareholder", "first nation", "metis",
)  # fmt: skip

# Countries and regions of origin, counted after ORIGIN_CUES only ("my family is from
# mexico"). Places that are also US states, towns or first names (georgia, jordan,
# chad, holland) are left out.
ORIGIN_PLACES: tuple[str, ...] = (
    "mexico", "puerto rico", "cuba", "dominican republic", "el salvador", "guatemala",
    "honduras", "nicaragua", "costa rica", "panama", "colombia", "venezuela", "ecuador",
    "peru", "bolivia", "chile", "argentina", "uruguay", "paraguay", "brazil", "haiti",
    "jamaica", "trinidad", "trinidad and tobago", "guyana", "barbados", "bahamas",
    "nigeria", "ghana", "kenya", "ethiopia", "eritrea", "somalia", "sudan", "senegal",
    "liberia", "sierra leone", "cameroon", "congo", "uganda", "south africa", "egypt",
    "morocco", "algeria", "tunisia", "china", "taiwan", "hong kong", "korea",
    "south korea", "north korea", "japan", "vietnam", "viet nam", "philippines",
    "thailand", "cambodia", "laos", "myanmar", "burma", "indonesia", "malaysia", "india",
    "pakistan", "bangladesh", "sri lanka", "nepal", "afghanistan", "iran", "iraq",
    "syria", "lebanon", "palestine", "israel", "saudi arabia", "yemen", "turkey",
    "armenia", "greece", "italy", "ireland", "scotland", "wales", "england", "britain",
    "great britain", "france", "germany", "netherlands", "poland", "russia", "ukraine",
    "czech republic", "slovakia", "hungary", "romania", "bulgaria", "serbia", "croatia",
    "bosnia", "albania", "portugal", "spain", "sweden", "norway", "denmark", "finland",
    "lithuania", "latvia", "estonia", "uk", "united kingdom", "canada", "australia",
    "new zealand", "cape verde",
    "samoa", "tonga", "fiji", "africa", "asia", "europe", "the caribbean", "latin america",
    "central america", "south america", "middle east", "west africa", "east africa",
)  # fmt: skip

ORIGIN_CUES: tuple[str, ...] = (
    "my family is from", "my family's from", "my family was from", "my family came from",
    "my family comes from", "our family is from", "our family came from",
    "my parents are from", "my parents were from", "my parents came from",
    "my mom is from", "my mother is from", "my dad is from", "my father is from",
    "my grandparents are from", "my grandparents were from", "my grandparents came from",
    "my ancestors are from", "my ancestors were from", "my ancestors came from",
    "my people are from", "my roots are in", "i'm from", "i am from", "we're from",
    "we are from", "originally from", "i was born in", "we were born in",
    "he was born in", "she was born in", "born and raised in", "i grew up in",
    "we grew up in", "i came from", "we came from", "came over from", "immigrated from",
    "emigrated from",
)  # fmt: skip

# Words right after a race or ethnic word that make it describe a person.
PERSON_AFTER: tuple[str, ...] = (
    "woman", "women", "man", "men", "guy", "guys", "lady", "ladies", "girl", "girls",
    "boy", "boys", "person", "people", "folks", "family", "families", "community",
    "communities", "kid", "kids", "child", "children", "gentleman", "gentlemen", "dude",
    "american", "americans", "descent", "heritage", "ancestry", "origin", "origins",
    "background", "roots", "decent", "household", "tribal", "tribe", "nation", "band",
    "reservation", "elder", "enrolled",
)  # fmt: skip

# Words right after a color or nationality that make it a thing, not a person.
NOT_A_PERSON_AFTER: tuple[str, ...] = (
    "food", "foods", "restaurant", "restaurants", "cuisine", "cooking", "dish", "dishes",
    "takeout", "take out", "buffet", "market", "grocery", "store", "bakery", "deli",
    "bread", "cheese", "coffee", "tea", "beer", "wine", "yogurt", "salad", "sausage",
    "dressing", "pizza", "sandwich", "fries", "toast", "bacon", "ice", "cigar", "cigars",
    "shepherd", "setter", "bulldog", "terrier", "cat", "rug", "rugs", "blanket", "towel",
    "door", "doors", "press", "braid", "kiss", "kissing", "oven", "wax", "shirt", "car",
    "cars", "truck", "channel", "tv", "show", "movie", "movies", "music", "song", "songs",
    "teacher", "teachers", "class", "classes", "lesson", "lessons", "major", "speaker",
    "speaking", "language", "translator", "interpreter", "tutor", "belt", "sheep",
    "friday", "tie", "collar", "water", "knuckle", "knuckled", "knuckling", "noise",
    "lie", "lies", "list", "label", "hat", "hole", "box", "mold", "widow", "eye", "magic",
    "out", "plains", "sox", "goods", "paint", "paper", "board", "flag", "chocolate",
    "rice", "pepper", "beans", "family restaurant", "family style", "and blue",
    "as a sheet", "as a ghost", "army", "bank", "pastry",
)  # fmt: skip

RACE_CONTEXT: tuple[str, ...] = (
    "race", "racial", "ethnicity", "ethnic", "heritage", "descent", "ancestry",
)  # fmt: skip

# ---------------------------------------------------------------------------
# RELIGION

RELIGION_TERMS: tuple[str, ...] = (
    "catholic", "roman catholic", "catholicism", "christianity", "born again",
    "born again christian", "evangelical", "evangelical christian", "protestant",
    "baptist", "southern baptist", "methodist", "lutheran", "presbyterian",
    "episcopalian", "anglican", "pentecostal", "non denominational", "nondenominational",
    "church of christ", "church of god", "assembly of god", "assemblies of god",
    "seventh day adventist", "adventist", "jehovah's witness", "jehovah witness",
    "mormon", "mormonism", "latter day saint", "lds", "amish", "mennonite", "anabaptist",
    "quaker", "unitarian", "unitarian universalist", "christian scientist",
    "greek orthodox", "russian orthodox", "eastern orthodox", "coptic",
    "orthodox christian", "orthodox jew", "orthodox jewish", "jewish", "jew", "judaism",
    "hasidic", "messianic jewish", "muslim", "moslem", "islam", "islamic", "sunni",
    "shia", "shiite", "hindu", "hinduism", "buddhist", "buddhism", "sikh", "sikhism",
    "jainism", "bahai", "baha'i", "taoist", "zoroastrian", "rastafarian", "wiccan",
    "satanist", "scientologist", "scientology", "atheist", "agnostic", "sunday mass",
    "daily mass", "midnight mass", "catholic mass",
)  # fmt: skip

# "christian" and "jain" are also names, "orthodox" and "religious" everyday words.
RELIGION_SELF_TERMS: tuple[str, ...] = (
    "christian", "orthodox", "religious", "jain", "pagan", "believer",
)  # fmt: skip

# Places, services and clergy: religion only with "my", "our", "go to", "at", ... A bare
# "mass" is left out: "i'm from mass" is Massachusetts.
WORSHIP_CUED_TERMS: tuple[str, ...] = (
    "church", "temple", "synagogue", "shul", "mosque", "masjid", "kingdom hall",
    "gurdwara", "parish", "congregation", "sunday school", "bible study", "pastor",
    "priest", "rabbi", "imam",
)  # fmt: skip

# "hi i'm christian" introduces a name, "i'm christian calling from" too.
GREETING_BEFORE: tuple[str, ...] = (
    "hi i'm", "hi i am", "hi this is", "hi there i'm", "hello i'm", "hello i am",
    "hello this is", "hey i'm", "hey this is", "hey there i'm", "good morning i'm",
    "good afternoon i'm", "good evening i'm", "my name is", "my name's", "name's", "ask for",
    "speak to", "speaking with", "talk to", "talking to", "this is",
)  # fmt: skip

NOT_A_BELIEF_AFTER: tuple[str, ...] = (
    "calling", "with", "from", "here", "speaking", "your", "on the line", "over here",
    "i'm calling", "and i'm calling", "and i'll", "and i will", "how are you", "how can",
)  # fmt: skip

RELIGION_BEFORE: tuple[str, ...] = (
    "my", "our", "his", "her", "their", "go to", "goes to", "going to", "went to",
    "attend", "attends", "attended", "attending", "belong to", "belongs to", "member of",
    "members of", "active in", "active at", "involved in", "involved at", "involved with",
    "at", "from", "pray at", "worship at", "raised in", "converted to", "convert to",
)  # fmt: skip

# A religion word followed by one of these describes someone's belief.
RELIGION_AFTER: tuple[str, ...] = (
    "faith", "religion", "belief", "beliefs", "upbringing", "background", "household",
    "family", "values", "denomination", "community", "congregation", "woman", "man",
    "guy", "lady", "person", "people",
)  # fmt: skip

RELIGION_CONTEXT: tuple[str, ...] = (
    "pray", "prays", "prayed", "praying", "prayer", "prayers", "worship", "worships",
    "worshipped", "faith", "religion", "religious", "pastor", "priest", "rabbi", "imam",
    "reverend", "congregation", "parishioner", "sabbath", "shabbat", "bible", "quran",
    "koran", "torah", "scripture", "sermon", "tithe", "tithing", "communion", "baptized",
    "baptism", "bar mitzvah", "bat mitzvah", "ramadan", "passover", "sunday service",
    "bible study", "choir", "ministry", "deacon", "missionary",
)  # fmt: skip

# Head and medical words: "a headache in my temple", "a mass in my lung".
BODY_WORDS: tuple[str, ...] = (
    "head", "headache", "headaches", "hurt", "hurts", "pain", "painful", "ache",
    "aching", "throbbing", "migraine", "migraines", "forehead", "bump", "bruise", "hit",
    "lung", "lungs", "tumor", "biopsy", "cancer", "scan", "breast", "liver", "kidney",
)  # fmt: skip

# ---------------------------------------------------------------------------
# UNION_MEMBERSHIP

UNION_TERMS: tuple[str, ...] = (
    "union member", "union membership", "union dues", "union card", "union rep",
    "union representative", "union steward", "shop steward", "union job", "union contract",
    "union pension", "union benefits", "union health plan", "union insurance",
    "union meeting", "union hall", "union worker", "union electrician", "union carpenter",
    "union plumber", "union guy", "union man", "union apprenticeship",
    "card carrying union member", "labor union", "trade union", "teamsters", "teamster",
    "uaw", "u a w", "united auto workers", "seiu", "s e i u",
    "service employees international union", "afl cio", "a f l c i o", "afscme", "ibew",
    "i b e w", "international brotherhood of electrical workers", "ufcw",
    "united food and commercial workers", "cwa", "communications workers of america",
    "united steelworkers", "afge", "nalc", "apwu", "liuna", "iatse", "sag aftra",
    "screen actors guild", "writers guild", "teachers union", "nurses union",
    "carpenters union", "laborers union", "electricians union", "plumbers union",
    "pipefitters union", "ironworkers union", "boilermakers union", "longshoremen",
    "longshore union", "teamsters union", "operating engineers", "unite here", "32bj", "local 32bj",
    "seiu 1199", "1199 seiu", "american federation of teachers", "steelworkers",
    "steelworker", "autoworkers", "autoworker", "nea member", "aft member", "uaw member",
    "uaw retiree", "union retiree", "ibew member", "teamsters member",
    "national education association", "collective bargaining",
)  # fmt: skip

UNION_CUED_TERMS: tuple[str, ...] = ("union",)

UNION_BEFORE: tuple[str, ...] = (
    "my", "our", "his", "her", "their", "in the", "in a", "in my", "in our", "in his",
    "in her", "with the", "through the", "through my", "through our", "from the",
    "from my", "joined", "join", "joining", "been", "member of", "members of", "part of",
    "belong to", "belongs to", "belonged to", "card carrying", "organized", "organizing",
)  # fmt: skip

UNION_CONTEXT: tuple[str, ...] = (
    "union", "member", "members", "membership", "dues", "steward", "stewards", "rep",
    "representative", "contract", "bargaining", "strike", "striking", "picket",
    "grievance", "seniority", "pension", "apprentice", "apprenticeship", "hall",
    "brotherhood", "organized", "local", "afl", "cio", "teamsters",
)  # fmt: skip

# ---------------------------------------------------------------------------
# SEXUAL_ORIENTATION_SEX_LIFE (gender identity included)

ORIENTATION_TERMS: tuple[str, ...] = (
    "gay", "lesbian", "bisexual", "homosexual", "heterosexual", "pansexual", "asexual",
    "demisexual", "queer", "transgender", "transsexual", "trans woman", "trans women",
    "trans man", "trans men", "transwoman", "transman", "nonbinary", "non binary",
    "genderqueer", "gender queer", "gender fluid", "genderfluid", "gender nonconforming",
    "intersex", "two spirit", "lgbt", "lgbtq", "lgbtqia", "lgbtq plus", "l g b t",
    "same sex partner", "same sex spouse", "same sex couple", "same sex marriage",
    "same sex relationship", "gay marriage", "sex life", "sexually active",
    "sexual partner", "sexual history", "gender transition", "gender reassignment",
    "sex change", "gender affirming", "polyamorous",
)  # fmt: skip

ORIENTATION_SELF_TERMS: tuple[str, ...] = ("bi", "trans", "celibate", "abstinent", "virgin")

# "i'm straight" is as often "honest" or "sober": only a declaration counts.
ORIENTATION_DECLARED_TERMS: tuple[str, ...] = ("straight",)

ORIENTATION_BEFORE: tuple[str, ...] = (
    "identify as", "identifies as", "identified as", "came out", "came out as",
    "coming out", "coming out as", "out as", "openly",
)  # fmt: skip

ORIENTATION_CONTEXT: tuple[str, ...] = (
    "came out", "coming out", "sexuality", "orientation", "pride",
)  # fmt: skip

# ---------------------------------------------------------------------------
# CITIZENSHIP_IMMIGRATION

IMMIGRATION_TERMS: tuple[str, ...] = (
    "green card", "green card holder", "permanent resident", "lawful permanent resident",
    "legal permanent resident", "permanent residency", "permanent resident card",
    "resident alien", "non resident alien", "nonresident alien", "illegal alien",
    "illegal immigrant", "undocumented immigrant", "undocumented worker",
    "undocumented person", "undocumented people", "immigrant", "migrant worker",
    "u.s. citizen", "u s citizen", "american citizen", "dual citizen", "dual citizenship",
    "non citizen", "noncitizen", "citizenship", "naturalized", "naturalized citizen",
    "naturalization", "citizenship papers", "citizenship test", "daca", "d a c a",
    "daca recipient", "asylum", "asylum seeker", "asylee", "refugee", "refugee status",
    "temporary protected status", "tps holder", "tps status", "tps recipient",
    "work visa", "work permit", "employment authorization",
    "ead card", "student visa", "tourist visa", "visitor visa", "h1b", "h 1b", "h1 b",
    "h 1 b", "h1b visa", "h 1b visa", "h1 b visa", "h 1 b visa", "h2a", "h 2a", "h2b",
    "h 2b", "l1 visa", "f1 visa", "j1 visa",
    "o1 visa", "tn visa", "k1 visa", "fiance visa", "spousal visa", "immigrant visa",
    "visa status", "visa overstay", "deported", "deportation", "deportation order",
    "removal proceedings", "immigration status", "immigration case", "immigration papers",
    "immigration paperwork", "immigration lawyer", "immigration attorney",
    "immigration hearing", "immigration court", "immigration judge",
    "immigration detention", "ice detention", "uscis", "u s c i s",
    "alien registration number", "here illegally", "legal status",
)  # fmt: skip

IMMIGRATION_CUED_TERMS: tuple[str, ...] = ("citizen", "undocumented", "tps")

# After "citizen": a member of a place, not a status ("a citizen of this town").
CITIZEN_NOT_AFTER: tuple[str, ...] = (
    "of this town", "of this city", "of this county", "of this community", "of the town",
    "of the city", "of the county", "of the community", "of the world", "of the planet",
    "of the month", "of the year", "journalist", "journalism", "science", "scientist",
    "band", "watch", "bank",
)  # fmt: skip

# "illegal" is a status only said of a person ("i'm illegal", "my husband is illegal").
IMMIGRATION_ILLEGAL_SELF_TERMS: tuple[str, ...] = ("illegal",)

# After "illegal": a thing or an act, not a person's status.
ILLEGAL_NOT_AFTER: tuple[str, ...] = (
    "drug", "drugs", "substance", "substances", "activity", "activities", "to", "parked",
    "parking", "for", "u turn", "turn", "fireworks", "tint", "weapon", "weapons",
    "gun", "guns", "download", "downloads", "copy", "copies", "dumping", "lane", "move",
    "search", "gambling",
)  # fmt: skip

IMMIGRATION_BEFORE: tuple[str, ...] = (
    "my", "our", "his", "her", "their", "became", "become", "becoming", "got my",
    "applied for", "applying for", "waiting on", "waiting for", "renewed", "renew",
    "lost my", "on",
)  # fmt: skip

# "visa" is a card brand first: it needs an immigration word and no card word.
VISA_CUED_TERMS: tuple[str, ...] = ("visa",)

VISA_BEFORE: tuple[str, ...] = (
    "here on", "came on", "came here on", "entered on", "arrived on", "living here on",
    "i'm on", "i am on", "we're on", "he's on", "she's on", "sponsor", "sponsors",
    "sponsored", "sponsoring", "overstayed", "overstay", "overstaying", "immigrant",
    "nonimmigrant", "non immigrant",
)  # fmt: skip

IMMIGRATION_CONTEXT: tuple[str, ...] = (
    "immigration", "immigrant", "immigrants", "immigrated", "uscis", "citizenship",
    "green card", "deported", "deportation", "deport", "asylum", "refugee", "embassy",
    "consulate", "sponsor", "sponsored", "sponsorship", "overstay", "overstayed",
    "naturalized", "naturalization", "work permit", "permanent resident", "daca",
    "undocumented", "border",
)  # fmt: skip

# Card words: "pay with my visa", "visa ending in 1234", "my visa expires".
CARD_WORDS: tuple[str, ...] = (
    "card", "cards", "credit", "debit", "mastercard", "master card", "amex",
    "american express", "discover", "pay", "paying", "paid", "payment", "payments",
    "charge", "charged", "charges", "checkout", "expire", "expires", "expired",
    "expiring", "expiration", "exp", "cvv", "cvc", "security code", "billing", "bank",
    "points", "rewards", "gift", "prepaid", "number", "digits", "ending", "last four",
    "put it", "swipe", "declined",
)  # fmt: skip

# ---------------------------------------------------------------------------
# POLITICAL_OPINION

POLITICAL_TERMS: tuple[str, ...] = (
    "trump supporter", "trump voter", "biden supporter", "biden voter", "obama supporter",
    "bernie supporter", "sanders supporter", "maga", "maga republican", "never trumper",
    "democratic socialist", "independent voter", "swing voter",
    # leanings and positions
    "center left", "center right", "anti abortion", "pro abortion", "anti choice",
    "pro second amendment", "second amendment supporter", "gun rights advocate", "nra member",
    "blm supporter", "black lives matter supporter", "straight ticket voter",
    "straight ticket democrat", "straight ticket republican", "yellow dog democrat",
    "blue dog democrat", "tea partier", "never trump", "rino",
    # roles in a party
    "ward chairman", "ward chairwoman", "ward chair", "ward leader", "ward committeeman",
    "ward committeewoman", "precinct captain", "precinct chair", "precinct chairman",
    "precinct chairwoman", "precinct committeeman", "precinct committeewoman",
    "precinct committee person", "precinct delegate", "party chairman", "party chairwoman",
    "party official", "party activist", "state committeeman",
    "state committeewoman", "county committeeman", "county committeewoman",
    "convention delegate", "delegate to the democratic convention",
    "delegate to the republican convention", "republican committeeman",
    "democratic committeeman", "gop chairman", "gop chair", "gop volunteer",
    "campaign volunteer for", "volunteers for the republicans", "volunteers for the democrats",
    "volunteer for the republicans", "volunteer for the democrats",
)  # fmt: skip

POLITICAL_SELF_TERMS: tuple[str, ...] = (
    "democrat", "republican", "libertarian", "socialist", "communist", "marxist",
    "anarchist", "leftist", "left winger", "right winger", "left wing", "right wing",
    "far left", "far right", "centrist", "pro life", "pro choice",
)  # fmt: skip

# Also money and driving styles ("conservative with money", "a liberal amount").
POLITICAL_LEANING_SELF_TERMS: tuple[str, ...] = ("liberal", "conservative")

# In insurance calls "progressive" is the insurer first ("i'm with progressive", "we're
# progressive right now"): it counts only as a noun ("i'm a progressive") or after a vote.
POLITICAL_PROGRESSIVE_TERMS: tuple[str, ...] = ("progressive",)

PROGRESSIVE_BEFORE: tuple[str, ...] = (
    "i'm a", "i am a", "he's a", "she's a", "as a", "registered", "registered as a",
    "vote", "voted", "voting", "lifelong", "identify as", "i'm pretty", "i'm very",
    "i'm really", "i'm more", "i'm quite",
)  # fmt: skip

# Leanings said of a person; "the tree leans left", "left leaning fence" are things.
POLITICAL_LEANING_TERMS: tuple[str, ...] = (
    "leans left", "leans right", "lean left", "lean right", "leaning left", "leaning right",
    "left leaning", "right leaning",
)  # fmt: skip
# Right before a leaning: a thing that leans. Right after: a thing, or where it leans to.
THING_BEFORE: tuple[str, ...] = (
    "tree", "trees", "roof", "fence", "wall", "pole", "post", "porch", "chimney", "building",
    "garage", "shed", "house", "tower", "sign", "mailbox", "picture", "frame", "shelf",
    "car", "truck", "boat", "it", "that", "this",
)  # fmt: skip
THING_AFTER: tuple[str, ...] = (
    "toward", "towards", "into", "against", "over", "onto", "on", "to", "fence", "fences",
    "wall", "walls", "tree", "trees", "pole", "post", "roof", "shelf", "tower", "sign",
    "house", "porch", "deck",
)  # fmt: skip

# Everyday words: only a vote or a registration counts ("registered independent").
POLITICAL_VOTE_TERMS: tuple[str, ...] = ("independent", "democratic", "green")

# Candidates' names: only a vote or a declared support counts ("i voted for trump").
POLITICAL_CANDIDATE_TERMS: tuple[str, ...] = (
    "trump", "biden", "obama", "kamala", "bernie", "bernie sanders", "desantis",
)  # fmt: skip

POLITICAL_CUED_TERMS: tuple[str, ...] = (
    "democratic party", "republican party", "libertarian party", "green party",
    "tea party", "gop", "nra", "democratic socialists of america", "working families party",
    "straight ticket", "pro gun", "anti gun", "rnc", "dnc",
)  # fmt: skip

POLITICAL_BEFORE: tuple[str, ...] = (
    "registered", "registered as", "vote", "votes", "voted", "voting", "vote for",
    "voted for", "voting for", "always vote", "always voted", "support", "supports",
    "supported", "supporting", "supporter of", "member of", "members of", "belong to",
    "belongs to", "joined", "lifelong", "lean", "leans", "leaning", "fan of", "i'm for",
    "i am for", "we're for", "i'm with", "we're with", "donate to", "donated to",
    "campaign for", "campaigned for", "caucus with", "donates to", "gives to",
    "volunteers for", "volunteered for", "volunteers with", "volunteer for",
)  # fmt: skip

POLITICAL_VOTE_BEFORE: tuple[str, ...] = (
    "registered", "registered as", "vote", "votes", "voted", "voting", "always vote",
    "always voted", "lean", "leans", "leaning", "committed", "staunch", "lifelong",
    "die hard", "diehard", "proud", "strong", "true blue", "card carrying",
)  # fmt: skip

# After "liberal" or "conservative": money, investing or driving, not politics.
NOT_POLITICAL_AFTER: tuple[str, ...] = (
    "with", "when", "about", "on", "in", "investor", "investment", "investments",
    "investing", "estimate", "approach", "side", "amount", "amounts", "driver", "spender",
    "saver", "plan", "option", "policy", "customer", "client", "insurance", "auto",
    "agent", "member", "arts", "use", "dose", "policyholder", "policy holder", "snapshot",
    "rate", "rates", "quote", "account", "claim", "adjuster", "app", "discount", "lenses",
)  # fmt: skip

POLITICAL_CONTEXT: tuple[str, ...] = (
    "vote", "votes", "voted", "voting", "voter", "ballot", "election", "elections",
    "caucus", "registered", "politics", "political", "politically", "campaign",
    "candidate", "congress", "senate",
)  # fmt: skip

# ---------------------------------------------------------------------------
# GENETIC_DATA

GENETIC_TERMS: tuple[str, ...] = (
    "brca", "brca1", "brca2", "brca 1", "brca 2", "brca gene", "brca mutation",
    "brca test", "brca testing", "brca positive", "brca1 mutation", "brca2 mutation",
    "brca1 gene", "brca2 gene", "23andme results", "23andme test", "apoe4 gene", "23andme",
    "23 and me",
    "twenty three and me", "ancestry dna", "ancestrydna", "ancestry test",
    "myheritage dna", "genetic test", "genetic testing", "genetic test results",
    "genetic results", "genetic screening", "genetic counselor", "genetic counseling",
    "genetic marker", "genetic mutation", "genetic profile", "genetic information",
    "genetic data", "genetic variant", "genetic predisposition", "gene mutation",
    "gene test", "gene testing", "dna test", "dna testing", "dna test results",
    "dna results", "dna sample", "dna swab", "dna kit", "dna analysis", "dna profile",
    "paternity test", "maternity test", "carrier screening", "carrier status",
    "carrier test", "genome", "genome sequencing", "whole genome sequencing",
    "exome sequencing", "genotype", "genotyping", "mthfr", "mthfr gene",
    "mthfr mutation", "apoe4", "apoe 4", "factor v leiden", "sickle cell trait",
    "huntington's gene", "chromosome test", "karyotype",
)  # fmt: skip

GENETIC_CUED_TERMS: tuple[str, ...] = ("dna",)

# "carrier" is an insurer or a phone company first: only genetic words make it a gene carrier.
GENETIC_CARRIER_TERMS: tuple[str, ...] = ("carrier",)

# Right before "carrier": an insurer, a phone company or a job ("my carrier", "mail carrier").
INSURER_BEFORE: tuple[str, ...] = (
    "my", "your", "our", "their", "his", "her", "the", "which", "what", "insurance",
    "phone", "cell", "wireless", "mail", "current", "new", "old", "primary", "secondary",
    "health", "dental", "auto", "home", "life", "a different", "another",
)  # fmt: skip

GENETIC_BEFORE: tuple[str, ...] = (
    "my", "our", "his", "her", "their", "took", "take", "did", "done", "got", "get",
    "sent in", "sent off", "ordered",
)  # fmt: skip

CARRIER_CONDITIONS: tuple[str, ...] = (
    "cystic fibrosis", "sickle cell", "tay sachs", "spinal muscular atrophy", "sma",
    "fragile x", "hemophilia", "thalassemia", "huntington's", "gaucher",
    "muscular dystrophy", "duchenne", "brca", "gene", "mutation", "trait",
)  # fmt: skip

CARRIER_AFTER: tuple[str, ...] = tuple(
    f"{link} {condition}"
    for link in ("for", "of", "for the", "of the", "for a", "of a")
    for condition in CARRIER_CONDITIONS
)

# "<condition> carrier", "<condition> gene", "<condition> mutation": a result about a
# gene, whatever the condition ("tay-sachs carrier", "hemochromatosis gene").
GENE_CONDITIONS: tuple[str, ...] = (
    "cystic fibrosis", "sickle cell", "tay sachs", "spinal muscular atrophy", "fragile x",
    "hemophilia", "thalassemia", "huntington's", "huntington's disease", "gaucher",
    "muscular dystrophy", "duchenne", "hemochromatosis", "lynch syndrome", "lynch",
    "factor v leiden", "marfan", "polycystic kidney", "alpha 1",
    "alpha 1 antitrypsin", "apoe",
)  # fmt: skip
GENE_RESULT_TERMS: tuple[str, ...] = tuple(
    f"{condition} {result}"
    for condition in GENE_CONDITIONS
    for result in ("carrier", "gene", "mutation", "gene mutation", "positive", "variant")
    if f"{condition} {result}" not in GENETIC_TERMS
)

GENETIC_CONTEXT: tuple[str, ...] = (
    "genetic", "genetics", "genetically", "gene", "genes", "mutation", "mutations",
    "hereditary", "inherited", "chromosome", "chromosomes", "genome", "test", "tests",
    "tested", "testing", "results", "swab", "saliva", "kit", "sample", "screening",
    "sequencing", "ancestry", "paternity",
)  # fmt: skip

# Narrower: "my carrier said the test results" is about an insurer.
CARRIER_CONTEXT: tuple[str, ...] = (
    "genetic", "genetics", "genetically", "gene", "genes", "mutation", "mutations",
    "hereditary", "inherited", "chromosome", "chromosomes", "recessive", "dna",
)  # fmt: skip

# ---------------------------------------------------------------------------
# BIOMETRIC_DATA

BIOMETRIC_TERMS: tuple[str, ...] = (
    "voiceprint", "voice print", "faceprint", "face print", "retina scan",
    "retinal scan", "iris scan", "eye scan", "face scan", "facial scan",
    "facial recognition", "facial geometry", "face geometry", "hand geometry",
    "fingerprint scan", "fingerprint data", "fingerprint template", "fingerprinted",
    "fingerprinting", "thumbprint scan", "palm print", "palm scan", "palm vein scan",
    "voice biometrics", "voice verification", "voice authentication", "voice id",
    "voice enrollment", "biometric", "biometrics", "biometric data", "biometric scan",
    "biometric information", "biometric identifier", "live scan", "livescan",
    "face id scan", "face match", "facial match", "selfie match", "selfie face match",
    "selfie verification", "selfie id check", "liveness check", "liveness detection",
    "biometric selfie", "iris scan", "vein scan",
)  # fmt: skip

BIOMETRIC_CUED_TERMS: tuple[str, ...] = (
    "fingerprint", "thumbprint", "handprint", "face id", "touch id",
)  # fmt: skip

BIOMETRIC_BEFORE: tuple[str, ...] = (
    "my", "our", "his", "her", "their", "took", "take", "taking", "taken", "gave", "give",
    "giving", "submitted", "submit", "provided", "provide", "scan", "scanned", "scanning",
    "enroll", "enrolled", "enrolling", "register", "registered", "use", "used", "uses",
    "using", "with", "via", "set up", "setup", "turn on", "turned on", "enable",
    "enabled",
)  # fmt: skip

BIOMETRIC_CONTEXT: tuple[str, ...] = (
    "biometric", "biometrics", "on file", "background check", "livescan", "live scan",
    "fbi", "enroll", "enrolled", "enrollment", "stored", "template", "scanned",
    "collected", "captured", "kiosk", "verified", "verification",
)  # fmt: skip

# A print left on a surface is a smudge, not biometric data.
SMUDGE_WORDS: tuple[str, ...] = (
    "smudge", "smudges", "smudged", "smudgy", "wipe", "wiped", "clean", "cleaned",
    "cleaning", "greasy", "resistant", "proof", "all over", "on the screen",
    "on the glass", "on the window", "on the mirror", "on the door", "on the fridge",
    "on the table", "on the counter", "on the stainless", "on the lens",
)  # fmt: skip

# A print reader is a device: "the fingerprint reader is broken".
DEVICE_AFTER: tuple[str, ...] = (
    "reader", "sensor", "scanner", "button", "pad", "lock", "unlock",
)  # fmt: skip

# ---------------------------------------------------------------------------
# Set phrases in which a term means something else.

NON_PROTECTED_PHRASES: tuple[str, ...] = (
    # race and ethnic words
    "black and blue", "black and white", "black belt", "black sheep", "in the black",
    "black friday", "black tie", "black coffee", "black market", "black hole",
    "black box", "black mold", "jeep cherokee", "grand cherokee", "apache helicopter",
    "apache server", "apache junction", "sioux falls", "sioux city", "navajo white",
    "seminole county", "chippewa falls", "dakota county", "lakota high school",
    "lakota local schools", "pueblo colorado", "pueblo co", "hopi point", "crow wing county",
    "black widow", "black eye", "black magic", "black out",
    "blacked out", "black lung", "black american express", "black card",
    "white collar", "white water", "white knuckle", "white knuckling", "white as a sheet",
    "white as a ghost", "white house", "white wine", "white bread", "white noise",
    "white lie", "white list", "white label", "white hat", "white plains", "white sox",
    "white belt", "white american cheese", "brown belt", "brown bag", "brown nose",
    "brown rice", "brown sugar", "brown university", "asian food", "asian restaurant",
    "asian market", "asian grocery", "asian store", "asian cuisine", "asian fusion",
    "asian pear", "asian carp", "asian buffet", "asian bistro", "asian takeout",
    "asian style", "asian noodles", "asian salad", "middle eastern food",
    "middle eastern restaurant", "middle eastern cuisine", "middle eastern market",
    "hispanic market", "hispanic food", "latino market", "arab spring",
    "german shepherd", "afghan blanket", "persian rug", "persian cat", "turkish coffee",
    "greek yogurt", "greek life", "french fries", "french toast", "french door",
    "french press", "french bulldog", "dutch oven", "irish pub", "irish coffee",
    "irish setter", "danish pastry", "swiss cheese", "swiss army", "canadian bacon",
    "indigenous plant", "indigenous species", "jamaica queens", "jamaica plain",
    "jamaica avenue", "jamaica ny", "panama city", "lebanon pennsylvania", "lebanon pa",
    "lebanon ohio", "lebanon tennessee", "lebanon tn", "lebanon new hampshire",
    "lebanon nh", "lebanon missouri", "lebanon indiana", "poland ohio", "poland maine",
    "mixed up", "mixed feelings", "mixed reviews", "mixed bag", "mixed results",
    "mixed signals", "mixed messages",
    # religion
    "catholic school", "catholic high school", "catholic university", "catholic college",
    "catholic hospital", "catholic charities", "catholic health", "catholic healthcare",
    "catholic medical center", "baptist hospital", "baptist health",
    "baptist medical center", "baptist memorial", "baptist university",
    "methodist hospital", "methodist health", "methodist healthcare",
    "methodist university", "presbyterian hospital", "presbyterian health",
    "presbyterian healthcare", "lutheran hospital", "lutheran health",
    "lutheran social services", "lutheran services", "adventist health",
    "adventist hospital", "jewish community center", "jewish hospital", "jewish deli",
    "lds hospital", "quaker oats", "quaker state", "amish furniture", "amish country",
    "amish market", "amish made", "amish built", "platform agnostic", "vendor agnostic",
    "device agnostic", "church street", "church st", "church road", "church avenue",
    "church ave", "church lane", "church hill", "church's chicken", "temple university",
    "temple street", "temple st", "temple texas", "temple tx", "temple run",
    "my temples", "mass general", "critical mass", "muscle mass",
    "body mass", "mass mutual", "christian school", "christian university",
    "christian college", "christian academy", "christian bookstore", "christian dior",
    # union
    "credit union", "western union", "european union", "soviet union", "student union",
    "customs union", "state of the union", "union station", "union street", "union st",
    "union avenue", "union ave", "union road", "union square", "union county",
    "union city", "union township", "union bank", "union pacific", "union savings",
    "union trust", "union federal", "union national", "union mutual",
    "union security insurance", "union labor life", "national union", "union carbide",
    "union jack", "union suit", "union college", "union high school", "union hospital",
    "union home mortgage", "union gospel mission", "union army", "civil union",
    "union with my wife", "union with my husband", "union with my partner",
    "union with my spouse", "union with my girlfriend", "union with my boyfriend",
    "union with my fiance", "union with my fiancee", "trans union", "transunion",
    "union new jersey", "union nj",
    # sexual orientation
    "bi weekly", "bi monthly", "bi annual", "bi annually", "bi polar", "bi lingual", "trans am",
    "trans fat", "trans atlantic", "trans siberian", "trans pacific", "trans canada",
    "trans world", "virgin mobile", "virgin atlantic", "virgin islands",
    "virgin olive oil", "virgin america", "virgin media", "virgin galactic",
    "virgin river", "extra virgin", "straight talk", "straight up", "straight away",
    "straight line", "straight through", "straight to", "straight from",
    "straight answer", "straight a",
    # citizenship and immigration
    "green card game", "senior citizen", "citizens bank", "citizens one",
    "citizens insurance", "citizens property", "citizen watch", "good citizen",
    "corporate citizen", "private citizen", "citizens band", "concerned citizen",
    "citizen's arrest", "corporate citizenship", "good citizenship",
    "digital citizenship", "citizen of the world", "global citizen", "insane asylum",
    "lunatic asylum", "visa card",
    "visa debit", "visa credit", "visa gift", "visa gift card", "visa signature",
    "visa platinum", "visa rewards", "visa prepaid", "chase visa", "capital one visa",
    "tps report", "illegal u turn", "illegally parked", "illegal parking", "legal status of",
    # politics
    "conservative estimate", "conservative side", "conservative approach",
    "conservative investment", "conservative investor", "conservative portfolio",
    "conservative plan", "conservative option", "conservative driver",
    "conservative with", "liberal with", "liberal arts", "liberal amount",
    "liberal use", "liberal policy", "liberal return policy", "progressive insurance",
    "progressive lenses", "independent living",
    "independent contractor", "independent agent", "independent agency",
    "independent insurance", "independent pharmacy", "independent study",
    "independent film", "green light", "green energy", "trump card",
    "trump tower", "democratic process",
    # genetic and biometric
    "in my dna", "in our dna", "in his dna", "in her dna", "in their dna", "company dna",
    "brand dna",
)  # fmt: skip

# ---------------------------------------------------------------------------
# Whole phrases: a term is removed with the words that make its name, so "the
# carpenters union" never becomes "the carpenters <UNION_MEMBERSHIP>".

# Words right before a union that name it: a trade in the plural ("carpenters",
# "nurses'") or the words unions are named with ("United", "Brotherhood of"); never any
# capitalized word ("Called Maria Lopez UAW retiree" keeps the name). The last word
# touches the term.
UNION_NAME_BEFORE = (
    r"(?:(?:(?i:united|international|national|american|amalgamated|allied|brotherhood|of"
    r"|federation|association|service|employees|retail|food|commercial|state|county|municipal)"
    r"|[A-Za-z]+(?:ers|ors|ists|ians|ics|men|women|workers|fighters|keepers|hands|nurses"
    r"|teachers|drivers|engineers|fitters|smiths|wrights|layers|setters)['\u2019]?)[ \t]+)"
    r"{1,3}\Z"
)
# Words right after a union or a party role that belong to it: "local 27", "for the
# Republicans", "of the Democratic Party". Case-insensitive regex, matched at the term's end.
UNION_NAME_AFTER = r"[ \t]*,?[ \t]*(?:local|lodge|district)[ \t]+\#?[ \t]*\d{1,5}[a-z]{0,2}(?!\w)"
PARTY_AFTER = (
    r"[ \t]+(?:for|with|of|in|from)[ \t]+(?:the[ \t]+)?(?:local[ \t]+|county[ \t]+|state[ \t]+)?"
    r"(?:republicans?|democrats?|democratic|libertarians?|greens|gop|dems|conservatives|liberals"
    r"|progressives)(?:[ \t]+party)?(?!\w)"
)
# Words that end a name run: they are never part of the union's name.
NOT_A_NAME_WORD: tuple[str, ...] = (
    "the", "a", "an", "my", "our", "his", "her", "their", "its", "this", "that", "was",
    "is", "has", "as", "in", "of", "for", "with", "at", "by", "from", "to", "joined",
    "member", "members", "others", "yes", "no", "I", "He", "She", "We", "They", "It",
)  # fmt: skip

# Words after a term that make it part of a place's name ("Gay Street", "Union County",
# "Christian Heights"): the term is then an address, not a person's characteristic.
PLACE_SUFFIXES: tuple[str, ...] = (
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln",
    "drive", "dr", "way", "court", "ct", "place", "pl", "parkway", "pkwy", "highway", "hwy",
    "circle", "cir", "terrace", "ter", "trail", "trl", "square", "sq", "county", "township",
    "twp", "city", "falls", "springs", "heights", "hills", "creek", "river", "lake", "valley",
    "park", "station", "bridge", "plaza", "mall",
)  # fmt: skip
