import pytest

from redaction.recognizers.precise_geolocation import (
    PreciseGeolocationRecognizer,
    parse_coordinates,
)
from tests.assertions import assert_spans

_DMS_WORDS = "37 degrees 46 minutes 29.6 seconds north 122 degrees 25 minutes 9.8 seconds west"


@pytest.fixture(scope="module")
def recognizer() -> PreciseGeolocationRecognizer:
    return PreciseGeolocationRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # valid: a pair needs no cue
        ("37.7749, -122.4194", 1, [(0, 18)]),
        ("meet me at (37.7749,-122.4194) ok", 1, [(12, 29)]),
        ("maps/@37.7749,-122.4194,15z", 1, [(6, 23)]),
        ("37.7749 N, 122.4194 W", 1, [(0, 21)]),
        ("N37.7749 W122.4194", 1, [(0, 18)]),
        ("37.7749° N 122.4194° W", 1, [(0, 22)]),
        ("33.8688 S 151.2093 E", 1, [(0, 20)]),
        # valid: degrees, minutes, seconds
        ("37°46'29.6\"N 122°25'9.8\"W", 1, [(0, 25)]),
        # spelled-out marks, as speech-to-text or a form may write them
        (_DMS_WORDS, 1, [(0, len(_DMS_WORDS))]),
        # valid: labelled halves, each its own span, labels kept
        ("lat 37.7749 long -122.4194", 2, [(4, 11), (17, 26)]),
        ("lat: 37.774929 lng: -122.419416", 2, [(5, 14), (20, 31)]),
        ("37.7749 long -122.4194", 2, [(0, 7), (13, 22)]),
        # valid: a lone precise coordinate next to a cue
        ("latitude 37.7749", 1, [(9, 16)]),
        ("gps says -122.4194", 1, [(9, 18)]),
        ("coords 37°46.493'N", 1, [(7, 18)]),
        # invalid: not precise (two decimals, whole minutes)
        ("37.77, -122.41", 0, []),
        ("lat 37.77", 0, []),
        ("37°46'N 122°25'W", 0, []),
        # invalid: a lone coordinate without a cue, a whole number
        ("37.7749", 0, []),
        ("-122", 0, []),
        ("the drive at 37.775 is long", 0, []),
        # invalid: prices, versions, IP addresses, times, measurements
        ("it costs 37.77", 0, []),
        ("price $37.775, -122.419", 0, []),
        ("version 1.2.3", 0, []),
        ("version 10.123.456", 0, []),
        ("192.168.100.200", 0, []),
        ("at 10.30", 0, []),
        ("12.345 mm", 0, []),
        ("12.345, 45.678 inches", 0, []),
        ("gas was 3.459, 3.599", 0, []),
        # invalid: out of range, or both on the same axis
        ("95.1234, 10.1234", 0, []),
        ("37.7749 N 122.4194 N", 0, []),
        ("lat 190.1234", 0, []),
    ],
)
def test_when_text_scanned_then_geolocation_spans_match_table(
    recognizer: PreciseGeolocationRecognizer,
    text: str,
    expected_len: int,
    expected_positions: list[tuple[int, int]],
) -> None:
    results = recognizer.analyze(text, ["PRECISE_GEOLOCATION"])
    assert_spans(results, expected_len, expected_positions, "PRECISE_GEOLOCATION")


@pytest.mark.parametrize(
    "text, degrees, hemisphere, precise",
    [
        ("-122.4194", 122.4194, None, True),
        ("37.77", 37.77, None, False),
        ("37°46'29.6\"N", 37 + 46 / 60 + 29.6 / 3600, "N", True),
        ("37°46.5'S", 37 + 46.5 / 60, "S", True),
        ("37°46'W", 37 + 46 / 60, "W", False),
    ],
)
def test_when_coordinate_parsed_then_degrees_and_precision_follow(
    text: str, degrees: float, hemisphere: str | None, precise: bool
) -> None:
    parsed = parse_coordinates(text)
    assert parsed is not None and len(parsed) == 1
    assert parsed[0].degrees == pytest.approx(degrees)
    assert (parsed[0].hemisphere, parsed[0].precise) == (hemisphere, precise)


def test_when_hemisphere_given_twice_differently_then_unparsed() -> None:
    assert parse_coordinates("N37.7749 S") is None
