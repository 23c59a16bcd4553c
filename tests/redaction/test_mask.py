"""The ``mask`` action's operator as a table, row for row with Presidio's mask operator tests.

Presidio's ``Mask`` takes a character, a count and a direction; ours is fixed by
policy: ``*`` over everything but the last four digits (separators stay), or,
in a value with fewer than four digits, everything but the last four
characters. So Presidio's rows (full, partial, overflowing, one character,
emoji, nothing to mask, empty) appear here as the lengths around four, and
rows for digits with separators, other scripts' digits and no digits follow.
"""

from __future__ import annotations

import pytest

from redaction.operators import mask_value
from tests.synthetic import SSN, VISA, group


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        # Presidio's shapes, at our fixed "keep the last four"
        pytest.param("", "", id="empty"),
        pytest.param("t", "t", id="one-character-under-four-kept"),
        pytest.param("tex", "tex", id="three-characters-kept"),
        pytest.param("text", "text", id="exactly-four-nothing-masked"),
        pytest.param("texts", "*exts", id="five-one-masked"),
        pytest.param("abcdef", "**cdef", id="partial-from-the-start"),
        pytest.param("x" * 40, "*" * 36 + "xxxx", id="long-value"),
        pytest.param("\U0001f608" * 4, "\U0001f608" * 4, id="four-emoji-kept"),
        pytest.param("\U0001f608" * 6, "**" + "\U0001f608" * 4, id="emoji-masked-per-code-point"),
        pytest.param("    ", "    ", id="four-spaces"),
        pytest.param("     ", "*    ", id="five-spaces-first-masked"),
        # digits: only digits are hidden, separators and letters stay
        pytest.param("1234", "1234", id="four-digits-kept"),
        pytest.param("12345", "*2345", id="five-digits"),
        pytest.param(SSN, "***-**-" + SSN[-4:], id="ssn-dashes-kept"),
        pytest.param(VISA, "*" * 12 + VISA[-4:], id="card-digits"),
        pytest.param(group(VISA, (4, 4, 4, 4)), "**** **** **** " + VISA[-4:], id="card-spaced"),
        pytest.param("(212) 555-0142", "(***) ***-0142", id="phone-punctuation-kept"),
        pytest.param("acct 1234", "acct 1234", id="four-digits-letters-kept"),
        pytest.param("acct 12345", "acct *2345", id="letters-not-counted-when-digits-rule"),
        pytest.param("A1B2C3D4E5", "A*B2C3D4E5", id="mixed-only-digits-hidden"),
        # fewer than four digits: characters count, digits and letters alike
        pytest.param("ab1", "ab1", id="under-four-characters-with-a-digit"),
        pytest.param("abc12", "*bc12", id="two-digits-character-rule"),
        pytest.param(
            "jos\u00e9 n\u00fa\u00f1ez", "******\u00fa\u00f1ez", id="accented-name-spaces-masked"
        ),
        pytest.param("e\u0301" * 3, "**" + "e\u0301" * 2, id="combining-accent-counts-alone"),
        # other scripts' digits are digits
        pytest.param(
            "\u0661\u0662\u0663\u0664\u0665", "*\u0662\u0663\u0664\u0665", id="arabic-indic-digits"
        ),
        pytest.param("\uff11\uff12\uff13\uff14\uff15", "*\uff12\uff13\uff14\uff15", id="fullwidth"),
    ],
)
def test_when_masked_then_value_matches_table(value: str, masked: str) -> None:
    assert mask_value(value) == masked
    assert len(masked) == len(value)  # one mask character per character hidden
