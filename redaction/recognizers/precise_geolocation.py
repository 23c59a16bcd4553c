"""Precise geolocation: latitude/longitude pairs fine enough to find a person.

The CPRA makes "precise geolocation" sensitive PI: data that locates a
consumer within a circle of radius 1,850 feet (about 564 m). A decimal degree
of latitude is about 111 km, so three decimals (about 111 m) are well inside
that circle and two decimals (about 1.1 km) are not; in degrees, minutes and
seconds, any seconds (about 31 m) or decimal minutes (0.1' is about 185 m)
are precise. Coarser coordinates (a city centre, "37.77") are kept.

A pair of coordinates in the valid ranges is distinctive on its own. One
coordinate alone is a decimal number like any other (prices, scores,
measurements), so it counts only with a cue ("lat", "gps", "coordinates").
Spoken coordinates ("thirty seven point seven seven four nine") are not read:
the normalizer leaves "thirty seven" and "point" as words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers._cued import (
    REGEX_TIMEOUT_SECONDS,
    CuedPattern,
    CuedPatternRecognizer,
    all_matches,
)
from redaction.span_index import outermost

_FLAGS = regex.IGNORECASE | regex.UNICODE

MIN_DECIMALS = 3  # decimal degrees: 0.001 deg of latitude is about 111 m (364 ft)
MAX_LATITUDE = 90.0
MAX_LONGITUDE = 180.0

_HEMISPHERE = r"(?:north|south|east|west|[NSEW])"
_SIGN = r"[-+\u2212]"
# Nothing numeric, monetary or angular may run into a coordinate from the left.
_NOT_AFTER = r"(?<![\w.$\u20ac\u00a3\u00b0'\u2032\u2019+\u2212-])"
# A number with a unit after it is a measurement, an amount or a time, not a place.
_NOT_A_MEASURE = (
    r"(?!\s?(?:%|percent|mm|cm|km|m|mi|miles?|ft|feet|foot|inch(?:es)?|lbs?|pounds?|kgs?|kilos?"
    r"|grams?|g|mg|ml|oz|gal(?:lons?)?|mph|kph|k?hz|mhz|ghz|kb|mb|gb|usd|dollars?|cents?|bucks"
    r"|hrs?|hours?|mins?|minutes?|secs?|seconds?|years?|acres?|sq)\b)"
)
# A letter right after a hemisphere is a word ("west side"), a digit the next coordinate.
_HEMISPHERE_AFTER = r"(?:\s?" + _HEMISPHERE + r"(?![^\W_]))?"

# Decimal degrees: "-122.4194", "37.7749° N", "N37.7749". Decimals are bounded for the regex's sake.
_DECIMAL = (
    _NOT_AFTER
    + r"(?:[NSEW]\s?)?"
    + _SIGN
    + r"?\d{1,3}\.\d{1,15}(?!\d|\.\d|\s?['\u2032\u2019])"
    + _NOT_A_MEASURE
    + r"(?:\s?\u00b0)?"
    + _HEMISPHERE_AFTER
)
_DEGREE_MARK = r"(?:\u00b0|\u00ba|deg(?:rees?)?\b\.?)"
_MINUTE_MARK = r"(?:['\u2032\u2019]|min(?:utes?)?\b\.?)"
_SECOND_MARK = r"(?:\"|\u2033|\u201d|''|\u2032\u2032|sec(?:onds?)?\b\.?)"
# Degrees, minutes and optional seconds: 37°46'29.6"N, 37 degrees 46.493 minutes north.
_DMS = (
    _NOT_AFTER
    + r"(?:[NSEW]\s?)?"
    + _SIGN
    + r"?\d{1,3}\s?"
    + _DEGREE_MARK
    + r"\s?\d{1,2}(?:\.\d{1,10})?\s?"
    + _MINUTE_MARK
    + r"(?:\s?\d{1,2}(?:\.\d{1,10})?\s?"
    + _SECOND_MARK
    + r")?"
    + _HEMISPHERE_AFTER
)
_PAIR_SEPARATOR = r"(?:\s*[,;/]\s*|\s+)"

# Parses one coordinate of an accepted match back into numbers.
_COMPONENT = regex.compile(
    r"(?P<pre>[NSEW](?=\s?[-+\u2212]?\d))?\s?(?P<sign>[-+\u2212])?(?P<deg>\d{1,3})"
    r"(?:\.(?P<frac>\d+))?(?:\s?" + _DEGREE_MARK + r")?"
    r"(?:\s?(?P<min>\d{1,2})(?:\.(?P<minfrac>\d+))?\s?" + _MINUTE_MARK + r""
    r"(?:\s?(?P<sec>\d{1,2}(?:\.\d+)?)\s?" + _SECOND_MARK + r")?)?"
    r"(?:\s?(?P<post>" + _HEMISPHERE + r")(?![^\W_]))?",
    _FLAGS,
)


@dataclass(frozen=True)
class Coordinate:
    """One parsed coordinate: absolute degrees, hemisphere letter (if any), precision."""

    degrees: float
    hemisphere: str | None
    precise: bool


def parse_coordinates(text: str) -> list[Coordinate] | None:
    """The coordinates written in ``text``; None when a hemisphere is given twice, differently."""
    found: list[Coordinate] = []
    for match in all_matches(_COMPONENT, text):
        pre, post = match.group("pre"), match.group("post")
        letters = {h[0].upper() for h in (pre, post) if h}
        if len(letters) > 1:
            return None
        degrees = float(match.group("deg"))
        frac, minutes, seconds = match.group("frac"), match.group("min"), match.group("sec")
        if frac:
            degrees += float("0." + frac)
        if minutes is not None:
            degrees += float(minutes + "." + (match.group("minfrac") or "0")) / 60
        if seconds is not None:
            degrees += float(seconds) / 3600
        precise = (
            (frac is not None and len(frac) >= MIN_DECIMALS)
            or seconds is not None
            or match.group("minfrac") is not None
        )
        found.append(Coordinate(degrees, letters.pop() if letters else None, precise))
    return found


def _is_pair(first: Coordinate, second: Coordinate) -> bool:
    """Latitude then longitude (or, with hemisphere letters, the other way), each in range."""
    axes = (first.hemisphere, second.hemisphere)
    if axes[0] in ("E", "W") or axes[1] in ("N", "S"):
        first, second = second, first
        axes = (axes[1], axes[0])
    if axes[0] in ("E", "W") or axes[1] in ("N", "S"):
        return False  # both on the same axis
    return first.degrees <= MAX_LATITUDE and second.degrees <= MAX_LONGITUDE


class PreciseGeolocationRecognizer(CuedPatternRecognizer):
    """Precise lat/long pairs anywhere; a lone precise coordinate next to a location cue.

    "lat 37.7749 long -122.4194" gives two spans (each coordinate, labels
    kept); "37.7749, -122.4194" gives one. Validity (ranges, hemispheres,
    precision) is checked on the parsed numbers, not by the regex.
    """

    ENTITY: ClassVar[str] = "PRECISE_GEOLOCATION"
    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern("decimal_pair", _DECIMAL + _PAIR_SEPARATOR + _DECIMAL, 0.85, needs_cue=False),
        CuedPattern("dms_pair", _DMS + _PAIR_SEPARATOR + _DMS, 0.85, needs_cue=False),
        CuedPattern("decimal_coordinate", _DECIMAL, 0.0, needs_cue=True),
        CuedPattern("dms_coordinate", _DMS, 0.0, needs_cue=True),
    )
    CUE: ClassVar[str] = (
        r"\b(?:lat(?:itude)?|lng|lon(?:gitude)?|gps|coord(?:inate)?s?"
        r"|geo(?:location|tag(?:ged)?|loc|code[ds]?)?|location\s+(?:data|pin|ping|share)"
        r"|dropped\s+(?:a\s+)?pin|pinned\s+location)(?!\w)"
    )
    # "long" is an everyday word ("how long"): a cue only right before the number.
    LABEL_BEFORE: ClassVar[str] = r"\blong\.?\s*[:=]?\s*$"
    # ... or right between the two numbers: "37.7749 long -122.4194".
    LABEL_AFTER: ClassVar[str] = r"^\s*,?\s*long\.?\s*[:=]?\s*[-+\u2212]?\d"
    ANTI_CUE: ClassVar[str | None] = (
        r"(?:\$|\u20ac|\u00a3|\b(?:usd|price[sd]?|costs?|paid|version|ver|v|rate|apr|gas"
        r"|score|weight|temp\w*))\W*(?:is|was|of|at|=)?\s*$"
    )
    CUE_SCORE: ClassVar[float] = 0.9
    WINDOW_BEFORE: ClassVar[int] = 40
    WINDOW_AFTER: ClassVar[int] = 30

    def __init__(self) -> None:
        super().__init__()
        self._label_before = regex.compile(self.LABEL_BEFORE, _FLAGS)
        self._label_after = regex.compile(self.LABEL_AFTER, _FLAGS)

    def may_have_cue(self, text: str) -> bool:
        """Always: a label right next to a coordinate may join it ("37.7749 long")."""
        return True

    def has_cue(self, text: str, start: int, end: int) -> bool:
        """A location cue on either side, or a "long" label right next to the number."""
        before = text[max(0, start - self.WINDOW_BEFORE) : start]
        after = text[end : end + self.WINDOW_AFTER]
        return (
            super().has_cue(text, start, end)
            or bool(self._label_before.search(before, timeout=REGEX_TIMEOUT_SECONDS))
            or bool(self._label_after.match(after, timeout=REGEX_TIMEOUT_SECONDS))
        )

    def is_valid(self, matched: str) -> bool:
        """A precise coordinate in range, or a pair of them on different axes."""
        coordinates = parse_coordinates(matched)
        if not coordinates or not all(c.precise for c in coordinates):
            return False
        if len(coordinates) == 1:
            limit = MAX_LATITUDE if coordinates[0].hemisphere in ("N", "S") else MAX_LONGITUDE
            return coordinates[0].degrees <= limit
        return len(coordinates) == 2 and _is_pair(*coordinates)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Cued matches, without a lone coordinate that a pair around it already covers."""
        return outermost(super().analyze(text, entities, nlp_artifacts))
