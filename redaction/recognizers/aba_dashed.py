"""ABA routing numbers in their printed 4-4-1 form ("0711-0130-7"): no cue needed.

The routing symbol prints a routing number as XXXX-YYYY-C (Fed district and
bank, then the check digit). No phone, date, zip or card number is grouped
that way, and the value must still have an assigned prefix and pass the ABA
checksum, so it counts without "routing" nearby (Presidio's own pattern for
this form). A business reference or contact number named nearer than any
routing cue ("order number 0711-0130-7") still wins.
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers._cued import CuedPattern
from redaction.recognizers.aba_routing import AbaRoutingRecognizer
from redaction.recognizers.bank_account import _spans


class DashedRoutingNumberRecognizer(AbaRoutingRecognizer):
    """A checksum-valid routing number dashed 4-4-1, unless a counter-cue is nearest."""

    PATTERNS: ClassVar[tuple[CuedPattern, ...]] = (
        CuedPattern(
            "aba_dashed_4_4_1",
            r"(?<![\w$.,/-])(?<!\d[ -])\d{4}-\d{4}-\d(?![ -]?\d|[.,/]\d|\w)",
            0.5,
            needs_cue=False,
        ),
    )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """The dashed routing numbers no counter-cue claims for something else."""
        return [
            r
            for r in super().analyze(text, entities, nlp_artifacts)
            if r.score >= self.CUE_SCORE or not self._counter_nearby(text, r.start, r.end)
        ]

    def _counter_nearby(self, text: str, start: int, end: int) -> bool:
        """True when a counter-cue ("order number", "phone") stands in the window."""
        low = max(0, start - self.WINDOW_BEFORE)
        high = min(len(text), end + self.WINDOW_AFTER)
        return bool(
            _spans(self._counter_cue, text, low, start)
            or _spans(self._counter_cue, text, end, high)
        )
