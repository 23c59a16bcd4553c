import unicodedata

import pytest

from redaction.canonical import DASHES, DROPPED, canonical_form

SSN = "536-22-8174"

# (source, expected canonical text, a stretch of the canonical text, the source it maps back to)
CANONICAL_ROWS = [
    # dashes inside an SSN become "-"
    ("ssn 536\u201322\u20138174.", f"ssn {SSN}.", SSN, "536\u201322\u20138174"),  # en dash
    ("ssn 536\u201422\u20148174.", f"ssn {SSN}.", SSN, "536\u201422\u20148174"),  # em dash
    ("ssn 536\u221222\u22128174.", f"ssn {SSN}.", SSN, "536\u221222\u22128174"),  # minus sign
    ("ssn 536\u201122\u20118174.", f"ssn {SSN}.", SSN, "536\u201122\u20118174"),  # no-break hyphen
    ("ssn 536\uff0d22\uff0d8174.", f"ssn {SSN}.", SSN, "536\uff0d22\uff0d8174"),  # full-width
    # spaces become " "
    ("ssn 536\u00a022\u00a08174.", "ssn 536 22 8174.", "536 22 8174", "536\u00a022\u00a08174"),
    ("ssn 536\u200922\u20098174.", "ssn 536 22 8174.", "536 22 8174", "536\u200922\u20098174"),
    ("ssn 536\u202f22\u202f8174.", "ssn 536 22 8174.", "536 22 8174", "536\u202f22\u202f8174"),
    ("ssn 536\u300022\u30008174.", "ssn 536 22 8174.", "536 22 8174", "536\u300022\u30008174"),
    ("ssn 536\t22\t8174.", "ssn 536 22 8174.", "536 22 8174", "536\t22\t8174"),
    # zero-width characters are dropped; the span maps back over them
    ("ssn 53\u200b6-22-8174.", f"ssn {SSN}.", SSN, "53\u200b6-22-8174"),  # zero-width space
    ("ssn 536-2\u200c2-8174.", f"ssn {SSN}.", SSN, "536-2\u200c2-8174"),  # zero-width non-joiner
    ("ssn 536-22-81\u200d74.", f"ssn {SSN}.", SSN, "536-22-81\u200d74"),  # zero-width joiner
    ("ssn 536\u2060-22\u2060-8174.", f"ssn {SSN}.", SSN, "536\u2060-22\u2060-8174"),  # word joiner
    ("ssn 536-22\ufeff-8174.", f"ssn {SSN}.", SSN, "536-22\ufeff-8174"),  # BOM inside
    ("\ufeffssn 536-22-8174.", f"ssn {SSN}.", SSN, SSN),  # BOM at the start: not part of it
    ("ssn 5\u00ad3\u00ad6-22-8174.", f"ssn {SSN}.", SSN, "5\u00ad3\u00ad6-22-8174"),  # soft hyphen
    # bidi marks and controls are dropped
    ("ssn 536\u200e-22\u200f-8174.", f"ssn {SSN}.", SSN, "536\u200e-22\u200f-8174"),  # LRM, RLM
    ("ssn 5\u202a36-22-817\u202c4.", f"ssn {SSN}.", SSN, "5\u202a36-22-817\u202c4"),  # LRE..PDF
    ("ssn 5\u202e36-22-817\u202c4.", f"ssn {SSN}.", SSN, "5\u202e36-22-817\u202c4"),  # RLO..PDF
    ("ssn 5\u206636-22-817\u20694.", f"ssn {SSN}.", SSN, "5\u206636-22-817\u20694"),  # LRI..PDI
    ("ssn 5\u206836-2\u20692-8174.", f"ssn {SSN}.", SSN, "5\u206836-2\u20692-8174"),  # FSI..PDI
    ("\u2066536-22-8174\u2069 ok", f"{SSN} ok", SSN, SSN),  # isolate around: not part of it
    # full-width digits
    (
        "ssn \uff15\uff13\uff16-\uff12\uff12-\uff18\uff11\uff17\uff14.",
        f"ssn {SSN}.",
        SSN,
        "\uff15\uff13\uff16-\uff12\uff12-\uff18\uff11\uff17\uff14",
    ),
    # superscript and subscript digits
    ("x\u00b2 + y\u00b2", "x2 + y2", "2", "\u00b2"),
    ("H\u2082O", "H2O", "2", "\u2082"),
    # circled digits; one circled ten is two digits that both map back to it
    ("\u2460\u2461\u2462", "123", "123", "\u2460\u2461\u2462"),
    ("no. \u2469", "no. 10", "10", "\u2469"),
    ("no. \u2469", "no. 10", "0", "\u2469"),
    # Arabic-Indic, extended Arabic-Indic and Devanagari digits
    (
        "ssn \u0665\u0663\u0666-\u0662\u0662-\u0668\u0661\u0667\u0664",
        f"ssn {SSN}",
        SSN,
        "\u0665\u0663\u0666-\u0662\u0662-\u0668\u0661\u0667\u0664",
    ),
    ("zip \u06f9\u06f0\u06f2\u06f1\u06f0", "zip 90210", "90210", "\u06f9\u06f0\u06f2\u06f1\u06f0"),
    (
        "ssn \u096b\u0969\u096c-\u0968\u0968-\u096e\u0967\u096d\u096a",
        f"ssn {SSN}",
        SSN,
        "\u096b\u0969\u096c-\u0968\u0968-\u096e\u0967\u096d\u096a",
    ),
    # Ethiopic digits: isdigit() but not isdecimal(), and no zero
    (
        "ssn \u136d\u136b\u136e-\u136a\u136a-\u1370\u1369\u136f\u136c",
        f"ssn {SSN}",
        SSN,
        "\u136d\u136b\u136e-\u136a\u136a-\u1370\u1369\u136f\u136c",
    ),
    # ligatures split into their letters, both mapping to the ligature
    ("pro\ufb01le", "profile", "fi", "\ufb01"),
    ("pro\ufb01le", "profile", "i", "\ufb01"),
    # combining accents are composed; the composed letter maps back to base + mark
    ("Jose\u0301 Nin\u0303o", "Jos\u00e9 Ni\u00f1o", "\u00e9", "e\u0301"),
    ("Jose\u0301 Nin\u0303o", "Jos\u00e9 Ni\u00f1o", "Ni\u00f1o", "Nin\u0303o"),
    # newlines are segment borders and stay
    ("a\u00a0b\nc\u2009d", "a b\nc d", "b\nc", "b\nc"),
]


@pytest.mark.parametrize("source, expected, stretch, expected_source", CANONICAL_ROWS)
def test_when_text_canonicalized_then_text_and_map_back_match_table(
    source: str, expected: str, stretch: str, expected_source: str
) -> None:
    mapped = canonical_form(source)
    assert mapped.text == expected
    assert mapped.source == source
    assert mapped.changed
    assert len(mapped.origins) == len(mapped.text)
    start = mapped.text.index(stretch)
    source_start, source_end = mapped.to_source(start, start + len(stretch))
    assert source[source_start:source_end] == expected_source


@pytest.mark.parametrize(
    "text",
    [
        # plain ASCII: the fast path
        "my ssn is 536-22-8174.",
        "card 4111 1111 1111 1111\nexp 10/28",
        "",
        # already canonical, though not ASCII
        "Jos\u00e9 Ni\u00f1o",
        "\u00fcber caf\u00e9",
    ],
)
def test_when_text_already_canonical_then_identity(text: str) -> None:
    mapped = canonical_form(text)
    assert mapped.text == text
    assert not mapped.changed
    assert mapped.origins == ()
    assert mapped.to_source(0, len(text)) == (0, len(text))


@pytest.mark.parametrize(
    "source",
    [
        *(row[0] for row in CANONICAL_ROWS),
        "\u0301 a lone combining mark first",
        "\u200b\u200b\u200b",
        "\ufeff",
        "\ud800 lone surrogate",
        "\u2028line\u2029paragraph\x0b\x0c\x85",
        "\U0001d7d8\U0001d7d9 mathematical double-struck digits",
        "\u3007\u4e00 ideographic zero and one",
    ],
)
def test_when_odd_text_canonicalized_then_no_error_and_map_covers_text(source: str) -> None:
    mapped = canonical_form(source)
    assert len(mapped.origins) in (0, len(mapped.text))
    for start, end in mapped.origins:
        assert 0 <= start < end <= len(source)


def _code_points() -> list[str]:
    """Latin to CJK punctuation, and the compatibility blocks (ligatures, full-width, BOM)."""
    ranges = (range(0x00, 0x3100), range(0xFB00, 0x10000))
    return [chr(cp) for r in ranges for cp in r if not 0xD800 <= cp <= 0xDFFF]


def test_when_any_character_between_digits_then_canonical_holds_no_residue() -> None:
    failures = []
    for char in _code_points():
        source = f"53{char}6"
        mapped = canonical_form(source)
        out = mapped.text
        if (
            not (out.startswith("53") and out.endswith("6"))
            or mapped.to_source(0, len(out)) != (0, len(source))
            or any(ch.isdigit() and not "0" <= ch <= "9" for ch in out)
            or any(ch in DROPPED or ch in DASHES or ch == "\t" for ch in out)
            or any(unicodedata.category(ch) == "Zs" and ch != " " for ch in out)
        ):
            failures.append(f"U+{ord(char):04X}")
    assert failures == []
