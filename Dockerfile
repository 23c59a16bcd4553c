# leadgate as a sidecar image: `docker build -t leadgate .` (docs/sidecar.md).
#
# Stage 1 generates the gRPC stubs (gateway/_pb, not in git) and installs leadgate into a
# virtual environment; stage 2 copies only that environment, so the image carries neither
# the stub generators nor the sources. Python packages come from PyPI at build time.

FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/leadgate/bin:$PATH
RUN python -m venv /opt/leadgate

WORKDIR /src
COPY pyproject.toml README.md ./
COPY proto ./proto
COPY scripts/gen_proto.py ./scripts/gen_proto.py
COPY redaction ./redaction
COPY gateway ./gateway

# 1. The stub generators, at the versions the dev extra in pyproject.toml pins (read from
#    there, so there is one list), in the same environment as the runtime: the generated
#    code then matches the grpcio and protobuf that the install below keeps.
# 2. Generate gateway/_pb (package discovery, include = ["gateway*"], picks it up).
# 3. Install leadgate itself (not editable), then drop the generators again.
# 4. Smoke-test the installed copy (from /, so the sources in /src are not imported).
RUN python -c "import tomllib; dev = tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['dev']; print('\n'.join(r for r in dev if r.startswith(('grpcio-tools', 'mypy-protobuf'))))" > /tmp/generators.txt \
 && pip install -r /tmp/generators.txt \
 && python scripts/gen_proto.py \
 && pip install . \
 && pip uninstall -y grpcio-tools mypy-protobuf types-protobuf \
 && cd / && leadgate --help > /dev/null \
 && python -c "import gateway._pb.leadgate.v1.leadgate_service_pb2_grpc, gateway.rpc.server"


FROM python:3.11-slim

# A fixed non-root uid/gid, so a pod can share the socket with the dialer (runAsUser).
RUN groupadd --system --gid 10001 leadgate \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin leadgate \
 && mkdir -p /run/leadgate /var/lib/leadgate /etc/leadgate \
 && chown leadgate:leadgate /run/leadgate /var/lib/leadgate

COPY --from=build /opt/leadgate /opt/leadgate
COPY deploy/sidecar.toml /etc/leadgate/sidecar.toml

ENV PATH=/opt/leadgate/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1

USER 10001:10001
WORKDIR /var/lib/leadgate

# The socket directory (shared with the dialer) and the outbox.
VOLUME ["/run/leadgate", "/var/lib/leadgate"]
# Prometheus /metrics (metrics_host 0.0.0.0 in sidecar.toml); the gRPC API is the socket.
EXPOSE 9464

# No HEALTHCHECK: Kubernetes probes run `python -m gateway.rpc.health` (deploy/k8s/pod.yaml).
ENTRYPOINT ["leadgate"]
CMD ["--config", "/etc/leadgate/sidecar.toml", "serve"]
