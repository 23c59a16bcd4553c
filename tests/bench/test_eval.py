"""The leak scorer (bench/eval.py) and the committed corpus, without the engine.

These tests keep the scorer honest: a value left in the output must count as
leaked, a value removed must not, and the corpus must agree with its own
gold (all leaks when nothing is redacted, none under a perfect redaction).
Engine recall is not asserted here; run bench/eval.py for that.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from bench.corpus import generate
from bench.eval import (
    DEFAULT_CALLS,
    DEFAULT_LEADS,
    Section,
    category_of,
    digits_survive,
    gold_survives,
    load_jsonl,
    negative_destroyed,
    normalize_digits,
    oracle_output,
    original_output,
    report_lines,
    score_record,
    text_survives,
)
from redaction.recognizers.payment_card import luhn_valid


@pytest.mark.parametrize(
    "text, digits",
    [
        ("536-22-8174", "536228174"),
        ("five three six two two eight one seven four", "536228174"),
        ("five thirty six, twenty two, eighty one seventy four", "536228174"),
        ("double five triple seven", "55777"),
        ("oh four twenty seven", "0427"),
        ("five o seven", "507"),
        ("4111 one one one one 1111", "411111111111"),
        ("five hundred", "500"),
        ("one twenty three", "123"),
        ("nineteen fifty two", "1952"),
        ("twenty twenty eight", "2028"),
        ("two thousand twenty eight", "2028"),
        ("one hundred and five", "105"),
        ("twenty-two", "22"),
        ("twenty, five", "205"),
        ("twenty five", "25"),
        ("double oh seven", "007"),
        ("five, um, three, sorry, six", "536"),
        ("my social is <US_SSN>, thanks", ""),
        ("call me at two o'clock", "2"),
        ("That's Great. OK.", ""),
    ],
)
def test_normalize_digits(text: str, digits: str) -> None:
    assert normalize_digits(text) == digits


def test_digit_runs() -> None:
    assert digits_survive("536228174", ["my social is 536-22-8174"], 4)
    assert digits_survive("536228174", ["<US_SSN> 8174"], 4)  # the last four survive
    assert not digits_survive("536228174", ["<US_SSN> 74"], 4)
    assert digits_survive("536228174", ["five five three six", "two two eight"], 4)
    assert not digits_survive("482", ["it's 48"], 3)  # a CVV needs all its digits
    assert digits_survive("482", ["four eighty two"], 3)


CALL: dict[str, Any] = {
    "id": "call-test",
    "owner": "acme",
    "segments": [
        {"speaker": "customer", "text": "my social is five three six, twenty two, 8174"},
        {"speaker": "customer", "text": "card is 4111 1111"},
        {"speaker": "agent", "text": "uh huh"},
        {"speaker": "customer", "text": "one one one one, 1111. The plan is $129.99."},
        {"speaker": "customer", "text": "It's 482. I take Metformin."},
    ],
    "gold": [
        {
            "type": "US_SSN",
            "digits": "536228174",
            "segments": [0],
            "spans": [[0, 13, 45]],
            "style": "grouped_tens",
        },
        {
            "type": "CREDIT_CARD",
            "digits": "4111111111111111",
            "segments": [1, 3],
            "spans": [[1, 8, 17], [3, 0, 21]],
            "style": "split_backchannel",
        },
        {
            "type": "CARD_SECURITY_CODE",
            "digits": "482",
            "segments": [4],
            "spans": [[4, 5, 8]],
            "style": "typed",
        },
        {
            "type": "MEDICATION",
            "text": "metformin",
            "segments": [4],
            "spans": [[4, 17, 26]],
            "style": "plain",
        },
    ],
    "negatives": [{"kind": "price", "text": "$129.99", "segment": 3, "start": 35}],
}


def _leaked(record: dict[str, Any], output: dict[Any, str]) -> dict[str, bool]:
    return {g.type: g.leaked for g in score_record(record, output).gold}


def test_untouched_output_leaks_everything() -> None:
    score = score_record(CALL, original_output(CALL))
    assert all(g.leaked for g in score.gold)
    assert not any(n.destroyed for n in score.negatives)


def test_perfect_redaction_leaks_nothing() -> None:
    output = oracle_output(CALL)
    assert output[0] == "my social is <US_SSN>"
    assert output[3] == "<CREDIT_CARD>. The plan is $129.99."
    score = score_record(CALL, output)
    assert not any(g.leaked for g in score.gold)
    assert not any(n.destroyed for n in score.negatives)


def test_partial_redactions() -> None:
    output = oracle_output(CALL)
    # The first half of a split card removed, the second half left: a leak.
    half = {**output, 3: "one one one one, 1111. The plan is $129.99."}
    assert _leaked(CALL, half)["CREDIT_CARD"]
    # The SSN's last four left behind: a leak; two digits alone are not.
    assert _leaked(CALL, {**output, 0: "my social is <US_SSN> 8174"})["US_SSN"]
    assert not _leaked(CALL, {**output, 0: "my social is <US_SSN> 74"})["US_SSN"]
    # Spoken forms of the same digits are still the digits.
    spoken = {**output, 4: "It's four eighty two. I take <MEDICATION>."}
    assert _leaked(CALL, spoken)["CARD_SECURITY_CODE"]
    assert not _leaked(CALL, spoken)["MEDICATION"]


def test_text_survival_is_case_insensitive_on_word_boundaries() -> None:
    assert text_survives("metformin", ["I take METFORMIN."])
    assert text_survives("metformin", ["two metformins a day"])
    assert not text_survives("metformin", ["I take <MEDICATION>."])
    assert text_survives("Parkinson's", ["he has parkinsons"])
    assert text_survives("parkinsons", ["Parkinson's, yes"])
    assert text_survives("type 2 diabetes", ["Type-2 diabetes, yes"])
    assert not text_survives("copd", ["copdx"])


def test_negative_destroyed_counts_occurrences() -> None:
    neg = CALL["negatives"][0]
    original = original_output(CALL)
    assert not negative_destroyed(neg, original, original)
    assert negative_destroyed(neg, original, {**original, 3: "The plan is <PRICE>."})
    twice: dict[int | str, str] = {3: "$129.99 or $129.99"}
    assert negative_destroyed(neg, twice, {3: "$129.99 or <X>"})


def test_lead_fields() -> None:
    lead: dict[str, Any] = {
        "id": "lead-test",
        "owner": "acme",
        "fields": {"ssn": "536-22-8174", "notes": "MBI 1EG4-TE5-MK73, zip 60614", "zip": "60614"},
        "gold": [
            {"type": "US_SSN", "digits": "536228174", "fields": ["ssn"], "spans": [["ssn", 0, 11]]},
            {
                "type": "US_MBI",
                "chars": "1EG4TE5MK73",
                "fields": ["notes"],
                "spans": [["notes", 4, 17]],
            },
        ],
        "negatives": [{"kind": "zip", "text": "60614", "field": "zip", "start": 0}],
    }
    assert all(g.leaked for g in score_record(lead, original_output(lead)).gold)
    output = oracle_output(lead)
    assert output["notes"] == "MBI <US_MBI>, zip 60614"
    assert not any(g.leaked for g in score_record(lead, output).gold)
    assert gold_survives(lead["gold"][1], {"notes": "mbi 1eg4 te5 mk73"})
    gone = score_record(lead, {**output, "zip": "<ZIP_CODE>"})
    assert [n.destroyed for n in gone.negatives] == [True]


# ----------------------------------------------------------------------------- the corpus


@pytest.fixture(scope="module")
def calls() -> list[dict[str, Any]]:
    return load_jsonl(DEFAULT_CALLS)


@pytest.fixture(scope="module")
def leads() -> list[dict[str, Any]]:
    return load_jsonl(DEFAULT_LEADS)


def test_corpus_size(calls: list[dict[str, Any]], leads: list[dict[str, Any]]) -> None:
    assert len(calls) >= 150
    assert len(leads) >= 100
    assert DEFAULT_CALLS.stat().st_size + DEFAULT_LEADS.stat().st_size < 1_000_000


def test_corpus_agrees_with_its_gold(
    calls: list[dict[str, Any]], leads: list[dict[str, Any]]
) -> None:
    for record in [*calls, *leads]:
        untouched = score_record(record, original_output(record))
        assert all(g.leaked for g in untouched.gold), record["id"]
        assert not any(n.destroyed for n in untouched.negatives), record["id"]
        perfect = score_record(record, oracle_output(record))
        assert not any(g.leaked for g in perfect.gold), record["id"]
        assert not any(n.destroyed for n in perfect.negatives), record["id"]


def test_corpus_values_are_valid(calls: list[dict[str, Any]], leads: list[dict[str, Any]]) -> None:
    for record in [*calls, *leads]:
        for item in record["gold"]:
            digits = item.get("digits", "")
            if item["type"] == "US_SSN":
                area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
                assert len(digits) == 9 and 1 <= area <= 899 and area != 666
                assert group >= 1 and serial >= 1
            elif item["type"] == "CREDIT_CARD":
                assert len(digits) in (15, 16) and luhn_valid(digits)
            elif item["type"] == "US_ITIN":
                assert generate.itin_valid(digits), digits
            elif item["type"] == "ABA_ROUTING_NUMBER":
                weights = (3, 7, 1) * 3
                assert sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 10 == 0


def test_corpus_covers_every_style(calls: list[dict[str, Any]]) -> None:
    styles = Counter(item["style"] for call in calls for item in call["gold"])
    wanted = {*generate.DIGIT_STYLES_CARD, *generate.EXPIRY_STYLES, *generate.CVV_STYLES}
    assert {style: styles[style] for style in wanted if styles[style] < 3} == {}
    kinds = Counter(neg["kind"] for call in calls for neg in call["negatives"])
    for kind in ("price", "quantity", "time", "phone", "order_number", "confirmation_number"):
        assert kinds[kind] >= 10, kind
    for kind in ("zip", "date", "age", "street_number"):
        assert kinds[kind] >= 10, kind


def test_generator_is_deterministic() -> None:
    assert generate.generate() == generate.generate()


PRIVACY_TYPES = (
    "US_ITIN",
    "US_DRIVER_LICENSE",
    "US_PASSPORT",
    "HEALTH_PLAN_ID",
    "ACCOUNT_SECRET",
    "PRECISE_GEOLOCATION",
    "RACIAL_ETHNIC_ORIGIN",
    "RELIGION",
    "UNION_MEMBERSHIP",
    "SEXUAL_ORIENTATION_SEX_LIFE",
    "CITIZENSHIP_IMMIGRATION",
    "POLITICAL_OPINION",
    "GENETIC_DATA",
    "BIOMETRIC_DATA",
    "CHILD_AGE",
    "CHILD_NAME",
)
HARD_NEGATIVES = (
    "membership",
    "event",
    "street_name",
    "card_brand",
    "adult_age",
    "duration",
    "plan_name",
    "team",
    "promo_code",
    "area_code",
    "phrase",
    "version",
    "bank",
)


def test_corpus_covers_privacy_categories(
    calls: list[dict[str, Any]], leads: list[dict[str, Any]]
) -> None:
    in_calls = Counter(item["type"] for call in calls for item in call["gold"])
    in_leads = Counter(item["type"] for lead in leads for item in lead["gold"])
    assert {t: in_calls[t] for t in PRIVACY_TYPES if in_calls[t] < 8} == {}
    assert {t: in_leads[t] for t in PRIVACY_TYPES if in_leads[t] < 5} == {}
    asr = Counter(
        item["type"] for call in calls for item in call["gold"] if item["style"] == "asr_lowercase"
    )
    assert {t for t in PRIVACY_TYPES if asr[t] == 0} == set()
    for records in (calls, leads):
        kinds = Counter(neg["kind"] for r in records for neg in r["negatives"])
        assert {k: kinds[k] for k in HARD_NEGATIVES if kinds[k] < 5} == {}


def test_every_gold_type_has_a_category(
    calls: list[dict[str, Any]], leads: list[dict[str, Any]]
) -> None:
    types = {item["type"] for record in [*calls, *leads] for item in record["gold"]}
    assert {t for t in types if category_of(t) == "UNCLASSIFIED"} == set()
    assert category_of("US_ITIN") == "GOVERNMENT_ID"
    assert category_of("CHILD_NAME") == category_of("CHILD_AGE") == "CHILD_DATA"


def test_privacy_scoring_rules() -> None:
    assert digits_survive("912781234", ["<US_ITIN> 1234"], 4)  # an ITIN's last four leak
    assert text_survives("-122.4194", ["i'm at 37.7749 122.4194"])
    assert not text_survives("37.7749", ["the fee is $37.77"])
    assert text_survives("jehovah's witness", ["we're Jehovahs Witness"])
    assert not text_survives("7", ["I'm <CHILD_AGE>, 17 minutes away"])
    assert gold_survives(
        {"type": "US_PASSPORT", "chars": "C12345678", "segments": [0]}, {0: "c 1 2 3 4 5 6 7 8"}
    )


def test_report_has_category_table() -> None:
    section = Section("calls")
    section.add(score_record(CALL, oracle_output(CALL)))
    extra = {
        "id": "x",
        "segments": [{"speaker": "customer", "text": "I'm catholic."}],
        "gold": [{"type": "RELIGION", "text": "catholic", "segments": [0], "spans": [[0, 4, 12]]}],
        "negatives": [],
    }
    section.add(score_record(extra, original_output(extra)))
    assert section.by_category["RELIGIOUS_BELIEFS"].hits == 1
    assert section.by_category["FINANCIAL_ACCOUNT"].count == 2
    assert section.by_category["HEALTH"].hits == 0
    lines = report_lines(section)
    assert "by category" in lines
    assert any(line.split()[:3] == ["RELIGIOUS_BELIEFS", "1", "1"] for line in lines)
    assert set(section.to_dict()["by_category"]) == {
        "FINANCIAL_ACCOUNT",
        "HEALTH",
        "GOVERNMENT_ID",
        "RELIGIOUS_BELIEFS",
    }
