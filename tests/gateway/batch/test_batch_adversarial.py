"""Adversarial batch input: no line, however bad, stops a job or loses another line.

A bad line (a lone surrogate escape, bytes that are not UTF-8, JSON nested past the
parser's depth, anything but a record) is reported by line and place and skipped;
every good line is written, and the ledger records "written" for exactly the lines
in the output. Values are synthetic; no problem text may carry one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.batch import BatchOptions, run_local
from gateway.batch.inputs import InputFile, RecordReader
from gateway.batch.job import Outcome
from gateway.batch.loop import take_outcome
from gateway.batch.outputs import RecordWriter
from gateway.batch.summary import BatchSummary
from gateway.config import Settings
from gateway.custody.consumer_index import ConsumerIndex
from gateway.custody.store.protocol import AuditQuery
from gateway.custody.store.sqlite_ledger import SqliteLedger
from redaction import Redactor
from tests.builders import ROOT
from tests.synthetic import SSN

# Part of the standing adversarial suite: `pytest -m adversarial`.
pytestmark = pytest.mark.adversarial


AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
SECRET = bytes(range(32))
LONE = "x\\ud800y"  # a JSON escape of a lone surrogate: no character, not encodable


def _good(record_id: str) -> str:
    return json.dumps({"id": record_id, "owner": "acme", "fields": {"ssn": SSN, "zip": "10001"}})


@dataclass(frozen=True)
class Run:
    """What a job did: its summary, the ids in its output, the ids the ledger has written."""

    summary: BatchSummary
    output_ids: list[str]
    ledger_ids: list[str]


def _run(redactor: Redactor, folder: Path, body: bytes, **options: Any) -> Run:
    source = folder / "in.jsonl"
    source.write_bytes(body)
    out = folder / "out.jsonl"
    store = SqliteLedger(folder / "ledger.sqlite3")
    try:
        opts = BatchOptions(inputs=(str(source),), output=str(out), received_at=AT, **options)
        summary = run_local(
            Settings(), opts, redactor=redactor, ledger=store, index=ConsumerIndex(SECRET)
        )
        written = [r.record_id for r in store.query(AuditQuery()) if r.delivery_status == "written"]
    finally:
        store.close()
    lines = out.read_bytes().decode("utf-8").split("\n")  # U+0085, U+2028 are no line ends
    output = [json.loads(line)["id"] for line in lines if line]
    return Run(summary, output, written)


# --- one bad line among good ones -----------------------------------------------------

BAD_LINES = [
    # A lone surrogate escape, wherever it is: the line is named by place, never by value.
    pytest.param(
        '{"id": "b", "owner": "acme", "fields": {"zip": "1", "note": "' + LONE + '"}}',
        "not valid text (fields: field 2: a \\u escape of a lone surrogate, no character)",
        id="surrogate-in-field-value",
    ),
    pytest.param(
        '{"id": "b", "owner": "acme", "fields": {"' + LONE + '": "1"}}',
        "not valid text (fields: the name of field 1: a \\u escape of a lone surrogate,"
        " no character)",
        id="surrogate-in-field-name",
    ),
    pytest.param(
        '{"id": "' + LONE + '", "owner": "acme", "fields": {"zip": "1"}}',
        "not valid text (id: a \\u escape of a lone surrogate, no character)",
        id="surrogate-in-id",
    ),
    pytest.param(
        '{"id": "b", "owner": "acme", "segments": [{"speaker": "customer", "text": "ok"},'
        ' {"speaker": "agent", "text": "x\\uDBFFy"}]}',
        "not valid text (segments[1].text: a \\u escape of a lone surrogate, no character)",
        id="surrogate-in-segment-text-upper-case",
    ),
    pytest.param(
        '{"id": "b", "owner": "acme", "fields": {"zip": "1"}, "extra": ["' + LONE + '"]}',
        "not valid text (key 4[0]: a \\u escape of a lone surrogate, no character)",
        id="surrogate-in-a-key-the-output-drops",
    ),
    pytest.param(
        '{"id": "b", "owner": "acme", "fields": {"zip": "\\udc00\\ud800"}}',
        "not valid text (fields: field 1: a \\u escape of a lone surrogate, no character)",
        id="surrogates-in-the-wrong-order",
    ),
    # Deeper than the JSON parser goes.
    pytest.param(
        '{"id": "b", "owner": "acme", "fields": {}, "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "not valid JSON (nested too deeply)",
        id="nested-too-deeply",
    ),
]


@pytest.mark.parametrize(("line", "problem"), BAD_LINES)
def test_when_one_line_is_bad_then_it_alone_is_reported_and_the_job_goes_on(
    redactor: Redactor, tmp_path: Path, line: str, problem: str
) -> None:
    body = "\n".join([_good("g1"), line, _good("g2")]) + "\n"

    run = _run(redactor, tmp_path, body.encode())

    assert run.summary.bad_records == [(str(tmp_path / "in.jsonl"), 2, problem)]
    assert run.output_ids == run.ledger_ids == ["g1", "g2"]
    assert SSN not in problem


def test_when_the_engine_fails_on_one_record_then_that_record_alone_is_reported(
    redactor: Redactor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    redact_lead = redactor.redact_lead

    def faulty(lead: Any, *args: Any) -> Any:
        if lead.id == "b":
            raise TypeError(f"cannot handle {SSN}")  # a fault whose text quotes a value
        return redact_lead(lead, *args)

    monkeypatch.setattr(redactor, "redact_lead", faulty)
    body = "\n".join([_good("g1"), _good("b"), _good("g2")]) + "\n"

    run = _run(redactor, tmp_path, body.encode(), profile_sample=0)

    assert [(n, p) for _, n, p in run.summary.bad_records] == [
        (2, "the engine failed on this record (TypeError)")
    ]
    assert run.output_ids == run.ledger_ids == ["g1", "g2"]


def test_when_surrogates_are_a_valid_pair_then_the_line_is_good(
    redactor: Redactor, tmp_path: Path
) -> None:
    pair = json.dumps({"id": "p", "owner": "acme", "fields": {"note": "ok \U0001f600"}})
    assert "\\ud83d\\ude00" in pair  # ensure_ascii writes the pair as two escapes

    run = _run(redactor, tmp_path, (pair + "\n").encode())

    assert (run.summary.bad_count, run.output_ids) == (0, ["p"])


def test_when_a_redacted_record_cannot_be_encoded_then_it_is_a_bad_record_and_nothing_written(
    tmp_path: Path,
) -> None:
    # Reading refuses such text; were one to get through, the writer refuses it too.
    source = InputFile(str(tmp_path / "in.jsonl"), "jsonl")
    reader = RecordReader(source)
    writer = RecordWriter(str(tmp_path / "out.jsonl"), dry_run=False)
    summary = BatchSummary()
    bad = Outcome(source.path, 7, {"id": "b", "fields": {"note": "\ud800"}}, kind="lead")
    good = Outcome(source.path, 8, {"id": "g", "fields": {"note": "fine"}}, kind="lead")

    written = [take_outcome(o, summary, writer, reader, "skip") for o in (bad, good)]
    writer.close()

    assert written == [False, True]
    assert summary.bad_records == [
        (source.path, 7, "the redacted record cannot be written as UTF-8 (a lone surrogate)")
    ]
    assert [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()] == ["g"]


# --- arbitrary lines ------------------------------------------------------------------

_TEXT = st.text(max_size=24)  # any characters but surrogates (hypothesis's default)


@st.composite
def _good_line(draw: st.DrawFn) -> tuple[str, bytes]:
    """A lead or transcript of owner acme with arbitrary text; its id is set later."""
    ensure_ascii = draw(st.booleans())
    if draw(st.booleans()):
        name = st.text(min_size=1, max_size=8).filter(str.strip)  # the engine's rule
        names = draw(st.lists(name, max_size=4, unique=True))
        body: dict[str, Any] = {"fields": {n: draw(_TEXT) for n in names}}
    else:
        texts = draw(st.lists(_TEXT, min_size=1, max_size=3))
        body = {"segments": [{"speaker": "customer", "text": t} for t in texts]}
    line = json.dumps({"id": "{id}", "owner": "acme", **body}, ensure_ascii=ensure_ascii)
    return "good", line.encode()


@st.composite
def _lone_surrogate_line(draw: st.DrawFn) -> tuple[str, bytes]:
    """A good record with one lone surrogate escape put into one of its strings."""
    code = draw(st.integers(0xD800, 0xDFFF))
    escape = draw(st.sampled_from([f"\\u{code:04x}", f"\\u{code:04X}"]))
    before, after = draw(_TEXT), draw(_TEXT)
    text = json.dumps(before, ensure_ascii=False)[:-1] + escape + json.dumps(after)[1:]
    place = draw(st.sampled_from(["value", "name", "id", "owner", "segment", "extra"]))
    if place == "value":
        line = '{"id": "b", "owner": "acme", "fields": {"ssn": "' + SSN + '", "n": ' + text + "}}"
    elif place == "name":
        line = '{"id": "b", "owner": "acme", "fields": {' + text + ': "' + SSN + '"}}'
    elif place == "id":
        line = '{"id": ' + text + ', "owner": "acme", "fields": {"ssn": "' + SSN + '"}}'
    elif place == "owner":
        line = '{"id": "b", "owner": ' + text + ', "fields": {"ssn": "' + SSN + '"}}'
    elif place == "segment":
        line = '{"id": "b", "owner": "acme", "segments": [{"text": ' + text + "}]}"
    else:
        line = '{"id": "b", "owner": "acme", "fields": {"ssn": "' + SSN + '"}, "x": ' + text + "}"
    return "bad", line.encode()


def _junk_bytes() -> st.SearchStrategy[tuple[str, bytes]]:
    """Lines that are no record: not JSON, not UTF-8, no object, too deep, truncated."""
    truncated = st.builds(
        lambda n: _good("t").encode()[: max(n, 1)], st.integers(1, len(_good("t")) - 1)
    )
    not_utf8 = st.builds(lambda b: b"\xff" + b.replace(b"\n", b""), st.binary(max_size=16))
    scalars = st.one_of(st.integers(), st.text(max_size=8), st.lists(st.integers(), max_size=3))
    return st.one_of(
        truncated,
        not_utf8,
        st.builds(lambda v: json.dumps(v).encode(), scalars),
        st.sampled_from([3_000, 100_000]).map(lambda d: ("[" * d + "]" * d).encode()),
        st.just(json.dumps({"id": "n", "owner": "acme"}).encode()),  # neither fields nor segments
    ).map(lambda line: ("bad", line))


_LINES = st.lists(
    st.one_of(
        _good_line(),
        _lone_surrogate_line(),
        _junk_bytes(),
        st.sampled_from([b"", b"   ", b"\t"]).map(lambda b: ("blank", b)),
    ),
    max_size=10,
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=_LINES)
def test_when_lines_are_arbitrary_then_nothing_aborts_and_nothing_is_lost(
    redactor: Redactor, lines: list[tuple[str, bytes]]
) -> None:
    body, good, bad = b"", [], []
    for number, (kind, line) in enumerate(lines, start=1):
        if kind == "good":
            line = line.replace(b'"{id}"', f'"g{number}"'.encode(), 1)
            good.append(f"g{number}")
        elif kind == "bad":
            bad.append(number)
        body += line + b"\n"

    with tempfile.TemporaryDirectory() as folder:
        run = _run(redactor, Path(folder), body)

    assert run.output_ids == good  # every good line, in order
    assert run.ledger_ids == run.output_ids  # "written" for exactly the lines written
    assert [line for _, line, _ in run.summary.bad_records] == bad  # every bad line, by number
    assert not any(SSN in problem for _, _, problem in run.summary.bad_records)


def test_when_stdout_is_not_utf8_then_output_is_still_utf8_and_nothing_stops(
    tmp_path: Path,
) -> None:
    line = json.dumps({"id": "z1", "owner": "acme", "fields": {"first_name": "Zoë", "ssn": SSN}})
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LEADGATE_LOG_LEVEL": "ERROR"}

    done = subprocess.run(
        [sys.executable, "-m", "gateway", "redact", "-", "--received-at", AT.isoformat()],
        cwd=ROOT,
        env=env,
        input=(line + "\n").encode(),
        capture_output=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr.decode(errors="replace")
    record = json.loads(done.stdout.decode("utf-8"))
    assert record["fields"] == {"first_name": "Zoë", "ssn": "<US_SSN>"}
