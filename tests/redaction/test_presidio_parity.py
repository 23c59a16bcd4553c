"""Never below stock Presidio: on Presidio's own recognizer test sentences (issue 14, item 6).

Every positive row of ``bench/peers/presidio_sentences.jsonl`` whose type is
sensitive is run through stock Presidio (its default registry plus the US
recognizers for sensitive types it ships disabled, restricted to the row's
type, no score threshold: exactly what ``bench/peers/sentences.py`` reports)
and through leadgate, as the lead field ``notes`` and as one customer
transcript segment. Each span Presidio finds must be removed by leadgate too
(no run of four of its letters and digits left visible). Both engines are real
and built once for the module.

Types on which leadgate is allowed below Presidio are listed in ``NOT_COMPARED``
with the reason; every other type in the data, and every entity of Presidio's
predefined generic and US recognizers, must be in ``COMPARED``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from presidio_analyzer import predefined_recognizers

from bench.peers.engines import (
    COVERED_AS,
    OPT_IN,
    Leadgate,
    Removal,
    StockPresidio,
    read_jsonl,
)
from bench.peers.sentences import detected
from redaction import CATALOGUE, Action, Sensitivity

DATA = Path(__file__).resolve().parents[2] / "bench" / "peers" / "presidio_sentences.jsonl"

# Sensitive for a US call center: leadgate must find whatever Presidio finds.
COMPARED = (
    "US_SSN",
    "US_ITIN",
    "US_DRIVER_LICENSE",
    "US_PASSPORT",
    "US_MBI",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_BANK_NUMBER",
    "ABA_ROUTING_NUMBER",
    "CRYPTO",
    "MEDICAL_LICENSE",
    "US_NPI",
    "US_HEALTH_INSURANCE_MEMBER_ID",
    "US_PRIOR_AUTHORIZATION_NUMBER",
    "US_CLAIM_NUMBER",
    "US_PRESCRIPTION_NUMBER",
    "US_REFERRAL_NUMBER",
    "US_PROVIDER_TAX_ID",
)
# By design, with the reason. Keep this short: a sensitive type does not belong here.
NOT_COMPARED = {
    "DATE_TIME": "leadgate removes dates of birth, not every date (scope: DOB only)",
    "EMAIL_ADDRESS": "contact data the dialer needs: kept on purpose",
    "PHONE_NUMBER": "contact data the dialer needs: kept on purpose",
    "UK_NHS": "a UK identifier, out of scope for a US call center (and shaped like a US phone)",
    "IP_ADDRESS": "an ordinary identifier, not sensitive PI; not in the catalogue",
    "MAC_ADDRESS": "a device identifier, not sensitive PI; not in the catalogue",
    "URL": "not sensitive PI; not in the catalogue",
    "UUID": "a random identifier, not sensitive PI; not in the catalogue",
}
# Presidio's predefined recognizer packages held to this test: the generic ones and the US.
PRESIDIO_PACKAGES = (
    "presidio_analyzer.predefined_recognizers.generic.",
    "presidio_analyzer.predefined_recognizers.country_specific.us.",
)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return read_jsonl(DATA)


@pytest.fixture(scope="module")
def stock() -> StockPresidio:
    # redaction is already imported in a test session; the registry check still holds.
    return StockPresidio(opt_in=True, allow_loaded=True)


@pytest.fixture(scope="module")
def leadgate() -> Leadgate:
    return Leadgate()


def test_every_type_in_the_data_is_compared_or_excused(rows: list[dict[str, Any]]) -> None:
    types = {str(row["entity"]) for row in rows}
    assert sorted(types - set(COMPARED) - set(NOT_COMPARED)) == []
    assert set(COMPARED) <= types, "a compared type has no Presidio sentence"
    assert set(COMPARED).isdisjoint(NOT_COMPARED)


def test_every_presidio_generic_and_us_recognizer_is_held_to_parity() -> None:
    entities: dict[str, str] = {}
    for name in dir(predefined_recognizers):
        cls = getattr(predefined_recognizers, name)
        if not (isinstance(cls, type) and cls.__module__.startswith(PRESIDIO_PACKAGES)):
            continue
        recognizer = cls()
        for entity in recognizer.supported_entities:
            entities[entity] = name
    assert entities, "no predefined recognizer found: Presidio's layout changed"
    loose = {e: n for e, n in entities.items() if e not in COMPARED and e not in NOT_COMPARED}
    assert loose == {}, "Presidio recognizes a type this test neither compares nor excuses"
    assert set(OPT_IN) <= set(entities.values()), "an opt-in recognizer is no longer Presidio's"


@pytest.mark.parametrize("entity", COMPARED)
def test_compared_type_is_removed_by_leadgate_by_default(entity: str) -> None:
    spec = CATALOGUE[COVERED_AS.get(entity, entity)]
    assert spec.sensitivity is Sensitivity.SENSITIVE
    assert spec.default_action is not Action.KEPT


def _missed(text: str, found: tuple[Removal, ...], removals: tuple[Removal, ...]) -> Iterator[str]:
    for r in found:
        if not detected(text, (r.start, r.end), removals):
            yield f"[{r.start}:{r.end}] {text[r.start : r.end]!r}"


@pytest.mark.parametrize("entity", COMPARED)
def test_leadgate_removes_what_presidio_finds(
    entity: str, rows: list[dict[str, Any]], stock: StockPresidio, leadgate: Leadgate
) -> None:
    positives = [r for r in rows if r["entity"] == entity and r["spans"]]
    assert positives
    misses: list[str] = []
    found_any = False
    for row in positives:
        text = str(row["text"])
        found = stock.run(text, [entity]).removals
        found_any = found_any or bool(found)
        for door, result in (
            ("notes", leadgate.as_notes(text)),
            ("segment", leadgate.as_segment(text)),
        ):
            misses += [
                f"{row['source']} as {door}: {miss} in {text!r}"
                for miss in _missed(text, found, result.removals)
            ]
    assert found_any, f"stock Presidio finds no {entity}: is its recognizer loaded?"
    assert misses == [], "\n".join(misses)
