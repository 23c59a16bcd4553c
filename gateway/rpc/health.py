"""``python -m gateway.rpc.health TARGET``: exit 0 when the gateway at TARGET is SERVING.

A probe for places that cannot speak gRPC health themselves, such as a Kubernetes exec
probe on a gateway that listens on a Unix domain socket (``unix:/run/leadgate/leadgate.sock``)
where the native ``grpc:`` probe, which needs a TCP port, cannot reach it. It calls
grpc.health.v1 Check (overall status, empty service name) over plain text with a 2 s
deadline, prints the status and exits 0 for SERVING, 1 for anything else or an error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from gateway.rpc.channel import open_blocking_channel

TIMEOUT_SECONDS = 2.0


def check(target: str, service: str = "", timeout: float = TIMEOUT_SECONDS) -> str:
    """The health status name at ``target`` (``unix:PATH`` or ``host:port``), or the error."""
    with open_blocking_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            response = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        except grpc.RpcError as error:
            return f"{error.code().name}: {error.details()}"
    return str(health_pb2.HealthCheckResponse.ServingStatus.Name(response.status))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the status; 0 when SERVING, 1 otherwise, 2 for a wrong command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (1, 2):
        print("usage: python -m gateway.rpc.health TARGET [SERVICE]", file=sys.stderr)
        return 2
    status = check(args[0], args[1] if len(args) == 2 else "")
    print(status)
    return 0 if status == "SERVING" else 1


if __name__ == "__main__":
    sys.exit(main())
