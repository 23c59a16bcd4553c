"""Synthetic sensitive values with valid checksums: never real people."""

from __future__ import annotations

import random

from redaction.recognizers.payment_card import luhn_valid


def luhn_complete(prefix: str, length: int) -> str:
    """Append digits to ``prefix`` until ``length`` digits pass Luhn."""
    body = prefix
    rng = random.Random(prefix + str(length))
    while len(body) < length - 1:
        body += str(rng.randint(0, 9))
    for check in "0123456789":
        if luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable")


def issuable_ssn(seed: str) -> str:
    """A synthetic SSN shaped as the SSA issues them: area not 000, 666 or 9xx; no zero group."""
    rng = random.Random(seed)
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def group(digits: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    """``group("4111111111111111", (4, 4, 4, 4))`` -> ``"4111 1111 1111 1111"``."""
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at : at + size])
        at += size
    return sep.join(parts)


VISA = luhn_complete("4539", 16)
MASTERCARD = luhn_complete("5425", 16)
AMEX = luhn_complete("3782", 15)
DISCOVER_19 = luhn_complete("6011", 19)
# Not Luhn-valid: the same digits with the check digit moved by one.
NOT_LUHN = VISA[:-1] + str((int(VISA[-1]) + 1) % 10)

SSN = "536-22-8174"
SSN_DIGITS = SSN.replace("-", "")
