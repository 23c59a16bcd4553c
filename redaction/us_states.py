"""US state names and postal codes, for deciding which state privacy law applies."""

from __future__ import annotations

from types import MappingProxyType

_STATES = (
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"),
    ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
    ("WI", "Wisconsin"), ("WY", "Wyoming"), ("PR", "Puerto Rico"),
)  # fmt: skip

_BY_KEY = MappingProxyType(
    {key: code for code, name in _STATES for key in (code.lower(), name.lower())}
)


def state_code(value: str) -> str:
    """``"california"``, ``"CA"``, ``" Ca "`` -> ``"CA"``; anything else -> ``""``."""
    return _BY_KEY.get(" ".join(value.split()).lower().rstrip("."), "")


# The three-digit ZIP prefixes each state's post offices use (USPS ranges, rounded to
# whole ranges): a five-digit value fitting the record's state is its ZIP code.
ZIP_PREFIXES: dict[str, tuple[tuple[int, int], ...]] = {
    "AL": ((350, 369),), "AK": ((995, 999),), "AZ": ((850, 865),), "AR": ((716, 729),),
    "CA": ((900, 961),), "CO": ((800, 816),), "CT": ((60, 69),), "DE": ((197, 199),),
    "DC": ((200, 205),), "FL": ((320, 349),), "GA": ((300, 319), (398, 399)),
    "HI": ((967, 968),), "ID": ((832, 838),), "IL": ((600, 629),), "IN": ((460, 479),),
    "IA": ((500, 528),), "KS": ((660, 679),), "KY": ((400, 427),), "LA": ((700, 714),),
    "ME": ((39, 49),), "MD": ((206, 219),), "MA": ((10, 27), (55, 55)),
    "MI": ((480, 499),), "MN": ((550, 567),), "MS": ((386, 397),), "MO": ((630, 658),),
    "MT": ((590, 599),), "NE": ((680, 693),), "NV": ((889, 898),), "NH": ((30, 38),),
    "NJ": ((70, 89),), "NM": ((870, 884),), "NY": ((5, 5), (100, 149)),
    "NC": ((270, 289),), "ND": ((580, 588),), "OH": ((430, 459),), "OK": ((730, 749),),
    "OR": ((970, 979),), "PA": ((150, 196),), "RI": ((28, 29),), "SC": ((290, 299),),
    "SD": ((570, 577),), "TN": ((370, 385),), "TX": ((750, 799), (885, 885)),
    "UT": ((840, 847),), "VT": ((50, 59),), "VA": ((201, 201), (220, 246)),
    "WA": ((980, 994),), "WV": ((247, 268),), "WI": ((530, 549),), "WY": ((820, 831),),
    "PR": ((6, 9),),
}  # fmt: skip


def zip_fits_state(value: str, state: str) -> bool:
    """True when five digits (or ZIP+4) are a ZIP code the state's post offices use."""
    digits = value.strip().split("-")[0]
    if len(digits) != 5 or not digits.isdigit():
        return False
    prefix = int(digits[:3])
    return any(low <= prefix <= high for low, high in ZIP_PREFIXES.get(state_code(state), ()))
