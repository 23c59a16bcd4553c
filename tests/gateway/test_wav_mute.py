"""Silencing redacted stretches of real WAV files, and ``leadgate mute`` end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

from gateway.cli import app as cli
from gateway.wav_mute import (
    CallAudio,
    call_intervals,
    intervals_from_jsonl,
    mute_wav,
    parse_interval,
)

RATE = 8000


def _tone(path: Path, channels: int, subtype: str, rate: int = RATE) -> np.ndarray[Any, Any]:
    """One second of 440 Hz at half scale, written with soundfile; returns what was written."""
    t = np.arange(rate) / rate
    wave = 0.5 * np.sin(2 * np.pi * 440 * t)
    data = np.column_stack([wave] * channels)
    sf.write(str(path), data, rate, subtype=subtype)
    return _read(path)


def _read(path: Path) -> np.ndarray[Any, Any]:
    """Frames x channels as float64: exact for every subtype used here."""
    data: np.ndarray[Any, Any] = sf.read(str(path), dtype="float64", always_2d=True)[0]
    return data


def _rms(samples: np.ndarray[Any, Any]) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


@pytest.mark.parametrize(
    "channels, subtype",
    [(1, "PCM_16"), (2, "PCM_16"), (1, "PCM_24"), (2, "FLOAT"), (1, "ULAW")],
)
def test_when_interval_is_muted_then_only_its_samples_are_zero(
    tmp_path: Path, channels: int, subtype: str
) -> None:
    source, target = tmp_path / "call.wav", tmp_path / "muted.wav"
    original = _tone(source, channels, subtype)

    silenced = mute_wav(source, target, [(200, 400)])

    assert silenced == 1600  # 200 ms at 8 kHz, all channels at once
    info = sf.info(str(target))
    assert (info.samplerate, info.channels, info.subtype, info.frames) == (
        RATE,
        channels,
        subtype,
        RATE,
    )
    muted = _read(target)
    assert not muted[1600:3200].any()
    assert _rms(muted[1600:3200]) == 0.0
    np.testing.assert_array_equal(muted[:1600], original[:1600])
    np.testing.assert_array_equal(muted[3200:], original[3200:])
    assert _rms(muted[3200:]) > 0.3  # the 0.5-amplitude tone is still there


def test_when_bounds_fall_between_samples_then_they_round_outwards(tmp_path: Path) -> None:
    source, target = tmp_path / "call.wav", tmp_path / "muted.wav"
    _tone(source, 1, "PCM_16", rate=44100)
    # 1 ms .. 3 ms at 44.1 kHz: frames 44.1 .. 132.3 -> [44, 133)
    assert mute_wav(source, target, [(1, 3)]) == 133 - 44
    muted = _read(target)[:, 0]
    assert not muted[44:133].any()
    assert muted[43] != 0 and muted[133] != 0


@pytest.mark.parametrize(
    "intervals, silenced, zero_from",
    [
        ([(900, 5000)], 800, 7200),  # past the end: clipped to the file length
        ([(2000, 3000)], 0, None),  # wholly past the end: nothing
        ([(200, 400), (300, 500)], 2400, None),  # overlaps counted once
        ([(200, 200)], 0, None),  # empty
    ],
)
def test_when_interval_reaches_past_the_end_then_it_is_clipped(
    tmp_path: Path, intervals: list[tuple[int, int]], silenced: int, zero_from: int | None
) -> None:
    source, target = tmp_path / "call.wav", tmp_path / "muted.wav"
    _tone(source, 1, "PCM_16")
    assert mute_wav(source, target, intervals) == silenced
    muted = _read(target)
    assert len(muted) == RATE
    if zero_from is not None:
        assert not muted[zero_from:].any()
        assert muted[:zero_from].any()


@pytest.mark.parametrize(
    "intervals, message",
    [([(400, 200)], "negative or inverted"), ([(-10, 200)], "negative or inverted")],
)
def test_when_interval_is_inverted_or_negative_then_value_error(
    tmp_path: Path, intervals: list[tuple[int, int]], message: str
) -> None:
    source, target = tmp_path / "call.wav", tmp_path / "muted.wav"
    _tone(source, 1, "PCM_16")
    with pytest.raises(ValueError, match=message):
        mute_wav(source, target, intervals)
    assert not target.exists()


def test_when_source_is_not_audio_then_value_error_and_no_output(tmp_path: Path) -> None:
    source, target = tmp_path / "call.wav", tmp_path / "muted.wav"
    source.write_text("not audio")
    with pytest.raises(ValueError, match="cannot read audio"):
        mute_wav(source, target, [(0, 10)])
    with pytest.raises(ValueError, match="cannot read audio"):
        mute_wav(tmp_path / "missing.wav", target, [(0, 10)])
    assert list(tmp_path.iterdir()) == [source]


def test_when_target_is_source_then_value_error(tmp_path: Path) -> None:
    source = tmp_path / "call.wav"
    _tone(source, 1, "PCM_16")
    with pytest.raises(ValueError, match="overwrite"):
        mute_wav(source, source, [(0, 10)])


@pytest.mark.parametrize(
    "text, expected",
    [("200:400", (200, 400)), ("0:0", (0, 0)), ("400:200", (400, 200))],
)
def test_when_interval_text_is_well_formed_then_parsed(
    text: str, expected: tuple[int, int]
) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize("text", ["200", "a:b", "200-400", ":400", ""])
def test_when_interval_text_is_malformed_then_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="START_MS:END_MS"):
        parse_interval(text)


def _jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n")
    return path


def _muted(start: int, end: int, segment: int = 0) -> dict[str, int]:
    return {"segment": segment, "start_ms": start, "end_ms": end}


def test_when_jsonl_has_mute_intervals_then_grouped_by_call_id(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "redacted.jsonl",
        [
            {"id": "c1", "mute_intervals": [_muted(600, 700, 1), _muted(200, 400)]},
            {"id": "c2", "segments": []},
            {"id": "l1", "fields": {}},
            {"id": "c1", "mute_intervals": [_muted(900, 950, 2)]},
        ],
    )
    assert intervals_from_jsonl(path) == {
        "c1": CallAudio([(200, 400), (600, 700), (900, 950)]),
        "c2": CallAudio([]),
        "l1": CallAudio([]),
    }


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "line 1: not valid JSON"),
        ("[1, 2]", "line 1: not a JSON object"),
        (json.dumps({"mute_intervals": [_muted(0, 10)]}), "without a string id"),
        (json.dumps({"id": "c1", "mute_intervals": {}}), "not a list"),
        (json.dumps({"id": "c1", "mute_intervals": [{"start_ms": 1}]}), "integer start_ms"),
        (json.dumps({"id": "c1", "mute_intervals": [{"start_ms": 1, "end_ms": "2"}]}), "integer"),
        (json.dumps({"id": "c1", "mute_intervals": [5]}), "integer start_ms"),
    ],
)
def test_when_jsonl_line_is_bad_then_value_error_names_the_line(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "redacted.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(ValueError, match=message):
        intervals_from_jsonl(path)


def test_when_jsonl_is_missing_then_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        intervals_from_jsonl(tmp_path / "missing.jsonl")


def test_when_cli_mutes_from_redacted_jsonl_then_output_is_silenced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audio, out = tmp_path / "call.wav", tmp_path / "muted.wav"
    original = _tone(audio, 2, "PCM_16")
    jsonl = _jsonl(
        tmp_path / "redacted.jsonl",
        [
            {"id": "other", "mute_intervals": [_muted(0, 1000)]},
            {"id": "c1", "mute_intervals": [_muted(200, 400), _muted(600, 650, 1)]},
        ],
    )

    code = cli.main(
        ["mute", str(audio), "--intervals", str(jsonl), "--call-id", "c1", "-o", str(out)]
    )

    assert code == 0
    assert capsys.readouterr().err.strip() == "silenced 2000 samples in 2 intervals"
    muted = _read(out)
    assert muted.shape == (RATE, 2)
    assert not muted[1600:3200].any() and not muted[4800:5200].any()
    np.testing.assert_array_equal(muted[3200:4800], original[3200:4800])


def test_when_cli_mutes_manual_intervals_then_output_is_silenced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audio, out = tmp_path / "call.wav", tmp_path / "muted.wav"
    _tone(audio, 1, "PCM_16")

    code = cli.main(
        ["mute", str(audio), "--interval", "200:400", "--interval", "900:2000", "-o", str(out)]
    )

    assert code == 0
    assert capsys.readouterr().err.strip() == "silenced 2400 samples in 2 intervals"


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--interval", "400:200"], "leadgate mute: interval 400:200 ms is negative or inverted"),
        (["--interval", "abc"], "leadgate mute: bad interval 'abc': expected START_MS:END_MS"),
        (["--intervals", "{jsonl}"], "leadgate mute: --call-id is required with --intervals"),
        (["--intervals", "{jsonl}", "--call-id", "nope"], "leadgate mute: no call with id 'nope'"),
    ],
)
def test_when_cli_mute_fails_then_exit_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    audio, out = tmp_path / "call.wav", tmp_path / "muted.wav"
    _tone(audio, 1, "PCM_16")
    jsonl = _jsonl(tmp_path / "redacted.jsonl", [{"id": "c1", "mute_intervals": []}])
    args = [a.replace("{jsonl}", str(jsonl)) for a in extra]

    code = cli.main(["mute", str(audio), *args, "-o", str(out)])

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_when_cli_mute_input_is_unreadable_then_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(
        ["mute", str(tmp_path / "none.wav"), "--interval", "0:10", "-o", str(tmp_path / "o.wav")]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("leadgate mute: cannot read audio") and err.count("\n") == 1


# -- what a redacted record says: untimed segments, values spoken as several words ------


def _mute_call(audio: Path, jsonl: Path, call_id: str, out: Path) -> int:
    return cli.main(
        ["mute", str(audio), "--intervals", str(jsonl), "--call-id", call_id, "-o", str(out)]
    )


def _found(segment: int, start: int, end: int, action: str = "REPLACED") -> dict[str, object]:
    """A finding as ``leadgate redact`` writes it: places and kinds, never the value."""
    return {"entity_type": "US_SSN", "segment": segment, "start": start, "end": end,
            "action": action, "sensitivity": "SENSITIVE", "category": "GOVERNMENT_ID",
            "score": 0.9}  # fmt: skip


@pytest.mark.parametrize(
    "record, message",
    [
        # Segment 0 lost a value, but the transcript had no word timings: nothing to silence.
        ({"id": "c1", "mute_intervals": [], "findings": [_found(0, 13, 57)]}, "segment 0"),
        # Timed in segment 0, untimed in segment 2.
        (
            {
                "id": "c1",
                "mute_intervals": [_muted(100, 200)],
                "findings": [_found(0, 0, 9), _found(2, 5, 30)],
            },
            "segment 2",
        ),
    ],
)
def test_when_cli_mute_has_removed_values_without_timings_then_it_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], record: dict[str, Any], message: str
) -> None:
    audio, out = tmp_path / "call.wav", tmp_path / "muted.wav"
    _tone(audio, 1, "PCM_16")
    jsonl = _jsonl(tmp_path / "redacted.jsonl", [record])

    code = _mute_call(audio, jsonl, "c1", out)

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("leadgate mute: call 'c1'") and "no word timings" in err
    assert message in err and err.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize(
    "findings",
    [
        [],  # nothing found: nothing to silence
        [_found(0, 13, 25, action="KEPT")],  # found and kept (a phone number): nothing removed
    ],
)
def test_when_cli_mute_has_nothing_removed_then_the_copy_is_the_recording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], findings: list[dict[str, Any]]
) -> None:
    audio, out = tmp_path / "call.wav", tmp_path / "muted.wav"
    original = _tone(audio, 1, "PCM_16")
    record = {"id": "c1", "mute_intervals": [], "findings": findings}
    jsonl = _jsonl(tmp_path / "redacted.jsonl", [record])

    code = _mute_call(audio, jsonl, "c1", out)

    assert code == 0
    assert capsys.readouterr().err.strip() == "silenced 0 samples in 0 intervals"
    np.testing.assert_array_equal(_read(out), original)


@pytest.mark.parametrize(
    "intervals, findings, expected",
    [
        # One value said as three words: the pauses between them are silenced too.
        ([_muted(200, 300), _muted(400, 500), _muted(600, 700)], [_found(0, 13, 57)],
         [(200, 700)]),
        # Two values next to each other (", " between): one stretch.
        ([_muted(200, 300), _muted(400, 500)], [_found(0, 0, 9), _found(0, 11, 20)],
         [(200, 500)]),
        # Two values with kept words between them: the widest pause holds those words.
        ([_muted(100, 150), _muted(200, 250), _muted(600, 650), _muted(700, 800)],
         [_found(0, 0, 9), _found(0, 30, 40)],
         [(100, 250), (600, 800)]),
        # A value per segment: no stretch across segments.
        ([_muted(100, 200), _muted(300, 400, 1), _muted(500, 600, 1)],
         [_found(0, 0, 9), _found(1, 0, 9)],
         [(100, 200), (300, 600)]),
        # As many stretches as values: nothing to close.
        ([_muted(100, 200), _muted(600, 700)], [_found(0, 0, 9), _found(0, 30, 40)],
         [(100, 200), (600, 700)]),
        # A kept finding is no value: it neither splits nor joins.
        ([_muted(100, 200), _muted(300, 400)],
         [_found(0, 0, 9), _found(0, 20, 30, action="KEPT"), _found(0, 40, 49)],
         [(100, 200), (300, 400)]),
        # No findings in the record (written by hand): intervals as given.
        ([_muted(100, 200), _muted(300, 400)], None, [(100, 200), (300, 400)]),
    ],
)  # fmt: skip
def test_when_a_removed_value_spans_several_words_then_the_pauses_between_are_silenced(
    tmp_path: Path,
    intervals: list[dict[str, int]],
    findings: list[dict[str, object]] | None,
    expected: list[tuple[int, int]],
) -> None:
    record: dict[str, object] = {"id": "c1", "mute_intervals": intervals}
    if findings is not None:
        record["findings"] = findings
    path = _jsonl(tmp_path / "redacted.jsonl", [record])

    assert call_intervals(path, "c1") == expected


def test_when_cli_mutes_a_value_said_word_by_word_then_no_pause_inside_it_is_audible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audio, out = tmp_path / "call.wav", tmp_path / "muted.wav"
    original = _tone(audio, 1, "PCM_16")
    words = [_muted(200, 300), _muted(400, 500), _muted(600, 700)]  # "one" "two" "three"
    jsonl = _jsonl(
        tmp_path / "redacted.jsonl",
        [{"id": "c1", "mute_intervals": words, "findings": [_found(0, 13, 26)]}],
    )

    code = _mute_call(audio, jsonl, "c1", out)

    assert code == 0
    assert capsys.readouterr().err.strip() == "silenced 4000 samples in 1 intervals"
    muted = _read(out)
    assert not muted[1600:5600].any()  # 200 ms .. 700 ms, the pauses at 300-400 and 500-600 too
    np.testing.assert_array_equal(muted[5600:], original[5600:])
