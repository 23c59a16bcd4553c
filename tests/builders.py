"""Builders the tests share: synthetic leads, free ports, waiting for SERVING, the repo root.

One copy of each, so a fix (a port race, a wait that gives up too soon) lands everywhere.
Every value a builder makes is synthetic: Faker names and places, generated checksums.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from faker import Faker
from grpc_health.v1 import health_pb2, health_pb2_grpc

from gateway._pb.leadgate.v1 import leadgate_pb2 as pb
from gateway._pb.leadgate.v1 import leadgate_service_pb2 as service_pb
from tests.synthetic import issuable_ssn, luhn_complete

ROOT = Path(__file__).resolve().parents[1]
"""The checkout: where ``python -m gateway`` runs from and the examples live."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The whole lines of a JSONL file (none when it is not there yet).

    A writer may be part-way through a line while a test polls the file, so the text
    after the last newline is left for the next read, not parsed.
    """
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    whole = text[: text.rfind("\n") + 1]
    return [json.loads(line) for line in whole.splitlines() if line.strip()]


def free_port() -> int:
    """A loopback TCP port nothing listens on now: the kernel's pick for port 0, read back."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Person:
    """One synthetic consumer: Faker's names and places, an SSN and a card that pass checks."""

    first_name: str
    last_name: str
    address: str
    city: str
    phone: str
    email: str
    ssn: str
    card: str

    def fields(self) -> dict[str, str]:
        """The person as a dialer's lead fields."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "address": self.address,
            "city": self.city,
            "phone": self.phone,
            "email": self.email,
            "ssn": self.ssn,
            "notes": f"paid with card {self.card}",
        }


def person(seed: int | str = 0) -> Person:
    """The same synthetic person for the same seed (tests that fail can be rerun as they were)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(f"person-{seed}")
    return Person(
        first_name=fake.first_name(),
        last_name=fake.last_name(),
        address=fake.street_address(),
        city=fake.city(),
        # 555-01xx is reserved for fiction; area codes 2xx-9xx as dialers send them.
        phone=fake.numerify(f"({rng.randint(2, 9)}##) 555-01##"),
        email=fake.email(),
        ssn=issuable_ssn(f"ssn-{seed}"),
        card=luhn_complete("4" + fake.numerify("#####"), 16),
    )


def lead(
    record_id: str = "lead-1",
    owner: str = "acme",
    campaign_id: str = "",
    **fields: str,
) -> pb.Lead:
    """A lead message; with no fields, a synthetic person's (``person(record_id)``)."""
    values = fields or person(record_id).fields()
    return pb.Lead(id=record_id, owner=owner, campaign_id=campaign_id, fields=values)


def lead_request(
    record_id: str = "lead-1", owner: str = "acme", **fields: str
) -> service_pb.RedactLeadRequest:
    """A RedactLead request carrying ``lead(record_id, owner, **fields)``."""
    return service_pb.RedactLeadRequest(lead=lead(record_id, owner, **fields))


async def health_status(target: str, service: str = "", timeout: float = 2) -> str:
    """The health status name the gateway at ``target`` answers, or the RPC's error code name."""
    async with grpc.aio.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            reply = await stub.Check(
                health_pb2.HealthCheckRequest(service=service), timeout=timeout
            )
        except grpc.aio.AioRpcError as error:
            return str(error.code().name)
    return str(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))


async def wait_status(
    target: str,
    wanted: str = "SERVING",
    seconds: float = 60,
    process: subprocess.Popen[bytes] | asyncio.subprocess.Process | None = None,
) -> None:
    """Poll health at ``target`` until it answers ``wanted``.

    Fails after ``seconds``, or at once if ``process`` (the gateway) exits.
    ``target`` is a gRPC address: ``127.0.0.1:<port>`` or ``unix:<path>``.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    status = ""
    while loop.time() < deadline:
        if process is not None:
            code = process.poll() if isinstance(process, subprocess.Popen) else process.returncode
            assert code is None, f"the gateway exited with {code} (last health: {status!r})"
        status = await health_status(target, timeout=1)
        if status == wanted:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"not {wanted} after {seconds} s (last: {status!r})")


async def wait_serving(
    target: str,
    seconds: float = 60,
    process: subprocess.Popen[bytes] | asyncio.subprocess.Process | None = None,
) -> None:
    """Poll health at ``target`` until SERVING (see ``wait_status``)."""
    await wait_status(target, "SERVING", seconds, process)


async def wait_answering(target: str, seconds: float = 30) -> str:
    """The first health status ``target`` answers once it accepts connections."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while (status := await health_status(target, timeout=1)) == "UNAVAILABLE":
        assert loop.time() < deadline, f"nothing answered at {target} in {seconds} s"
        await asyncio.sleep(0.05)
    return status


BENCH = Path(__file__).resolve().parents[1] / "bench"


def corpus_texts(whole_calls: bool = False) -> list[str]:
    """Every lead field value and transcript segment of bench's corpora (corpus*/).

    ``whole_calls``: a call's segments joined by newlines, as the engine scans a call.
    """
    texts: list[str] = []
    for path in sorted(BENCH.glob("corpus*/*.jsonl")):
        with path.open() as lines:
            for line in lines:
                record = json.loads(line)
                texts += list(record.get("fields", {}).values())
                segments = [s["text"] for s in record.get("segments", [])]
                texts += ["\n".join(segments)] if whole_calls and segments else segments
    return texts
