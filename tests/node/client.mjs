// A dialer-side client built only from the .proto files, to prove other languages can use
// the API. Driven by tests/gateway/test_node_client.py.
//
// usage: node client.mjs --target HOST:PORT [--token KEY] [--ca ca.pem] [--service NAME] COMMAND
//   redact-lead  stdin: {id, owner, consumer_state, fields: {...}}; prints the response (one line)
//   stream       stdin: {start: {call_id, owner, ...}, segments: [{speaker, text}, ...]};
//                prints every response as one JSON array
//   health       grpc.health.v1.Health/Check (service "" unless --service); prints the response
// On a gRPC error prints {"error": {"code": N, "details": "..."}} and exits 3; on a usage
// error prints to stderr and exits 2.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROTO_ROOT = path.resolve(HERE, "..", "..", "proto");
const LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

function usage(message) {
  process.stderr.write(`${message}\n`);
  process.stderr.write(
    "usage: node client.mjs --target HOST:PORT [--token KEY] [--ca ca.pem] " +
      "[--service NAME] redact-lead|stream|health\n",
  );
  process.exit(2);
}

function loadPackage(file, includeDirs) {
  const definition = protoLoader.loadSync(file, { ...LOADER_OPTIONS, includeDirs });
  return grpc.loadPackageDefinition(definition);
}

function readStdin() {
  return fs.readFileSync(0, "utf8");
}

function readJson() {
  const text = readStdin();
  try {
    return JSON.parse(text);
  } catch (err) {
    usage(`stdin is not JSON: ${err.message}`);
  }
}

function credentials(ca) {
  return ca ? grpc.credentials.createSsl(fs.readFileSync(ca)) : grpc.credentials.createInsecure();
}

function metadata(token) {
  const md = new grpc.Metadata();
  if (token) md.set("authorization", `Bearer ${token}`);
  return md;
}

// Exit only once stdout is flushed, so a piped reader always gets the whole line.
function emit(value, exitCode) {
  process.stdout.write(`${JSON.stringify(value)}\n`, () => process.exit(exitCode));
}

function fail(err) {
  if (err && typeof err.code === "number") {
    emit({ error: { code: err.code, details: err.details ?? "" } }, 3);
    return;
  }
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
}

function unary(client, method, request, md) {
  return new Promise((resolve, reject) => {
    client[method](request, md, (err, response) => (err ? reject(err) : resolve(response)));
  });
}

function stream(client, start, segments, md) {
  return new Promise((resolve, reject) => {
    const call = client.StreamTranscript(md);
    const responses = [];
    call.on("data", (response) => responses.push(response));
    call.on("error", reject);
    call.on("end", () => resolve(responses));
    call.write({ start });
    for (const segment of segments) call.write({ segment });
    call.end();
  });
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        target: { type: "string" },
        token: { type: "string" },
        ca: { type: "string" },
        service: { type: "string", default: "" },
      },
    });
  } catch (err) {
    usage(err.message);
  }
  const { values, positionals } = parsed;
  if (!values.target) usage("--target is required");
  if (positionals.length !== 1) usage("exactly one command is required");
  const [command] = positionals;
  const creds = credentials(values.ca);
  const md = metadata(values.token);

  if (command === "health") {
    const proto = loadPackage(path.join(HERE, "health.proto"), [HERE]);
    const client = new proto.grpc.health.v1.Health(values.target, creds);
    return unary(client, "Check", { service: values.service }, md);
  }

  const proto = loadPackage("leadgate/v1/leadgate_service.proto", [PROTO_ROOT]);
  const client = new proto.leadgate.v1.LeadGatewayService(values.target, creds);
  if (command === "redact-lead") {
    return unary(client, "RedactLead", { lead: readJson() }, md);
  }
  if (command === "stream") {
    const input = readJson();
    return stream(client, input.start ?? {}, input.segments ?? [], md);
  }
  usage(`unknown command: ${command}`);
}

main().then((result) => emit(result, 0), fail);
