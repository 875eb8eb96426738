// Smoke test of the policy pack as Pulumi runs it, without a cloud: starts the pack with Pulumi's policy-pack
// runner (the process `pulumi preview --policy-pack` starts), then calls it over gRPC like the engine does:
// the pack's policies and their enforcement levels, a violating and a complying resource, and a resource whose
// location is unknown during a preview. Exit 0 when all hold. CI runs it after `npm ci` in this folder
// (.github/workflows/infrastructure.yml); it is not part of `npm test`, which must never start a gRPC server.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const require = createRequire(import.meta.url);
const grpc = require("@grpc/grpc-js");
const services = require("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const messages = require("@pulumi/pulumi/proto/analyzer_pb.js");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb.js");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js");

const MANDATORY = 1;
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const tags = { owner: "platform@plugilo.example", "cost-center": "CC-1", "data-classification": "internal", environment: "prod" };

const pack = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:0", "."], {
  cwd: here,
  stdio: ["ignore", "pipe", "inherit"],
});
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

try {
  const port = await new Promise((resolve, reject) => {
    pack.stdout.once("data", (d) => resolve(String(d).trim()));
    pack.once("exit", (code) => reject(new Error(`the policy pack exited with ${code} before serving`)));
    setTimeout(() => reject(new Error("the policy pack did not print its port within 60 s")), 60_000).unref();
  });
  const client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = (method, request) =>
    new Promise((resolve, reject) => client[method](request, (err, res) => (err ? reject(err) : resolve(res))));

  const info = await call("getAnalyzerInfo", new Empty());
  const policies = info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]);
  check(policies.length >= 5, `the pack declares the plan's rules (${policies.map(([n]) => n).join(", ")})`);
  // Error rules block (mandatory); warnings and the stack policies of the joining rules report (advisory).
  const { RULES } = await import("../src/rules/index.ts");
  const errors = new Set(RULES.filter((r) => r.severity === "error").map((r) => r.name));
  check(
    errors.size > 0 && policies.filter(([name]) => errors.has(name)).every(([, level]) => level === MANDATORY),
    "error rules are mandatory",
  );

  const analyze = async (location) => {
    const request = new messages.AnalyzeRequest();
    request.setType("azure-native:network:VirtualNetwork");
    request.setName("vnet-smoke");
    request.setUrn("urn:pulumi:prod::plugilo-hub::azure-native:network:VirtualNetwork::vnet-smoke");
    request.setProperties(Struct.fromJavaScript({ location, tags }));
    const options = new messages.AnalyzerResourceOptions();
    options.setCustomtimeouts(new messages.AnalyzerResourceOptions.CustomTimeouts());
    request.setOptions(options);
    const response = await call("analyze", request);
    return response
      .getDiagnosticsList()
      .map((d) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage() }));
  };
  const outside = await analyze("westeurope");
  check(
    outside.some((d) => d.policy === "allowed-locations" && d.level === MANDATORY),
    `westeurope is a mandatory allowed-locations violation (${outside.map((d) => d.message).join("; ")})`,
  );
  check((await analyze("germanywestcentral")).length === 0, "germanywestcentral with every tag complies");
  const unknown = await analyze(UNKNOWN_STRING);
  check(
    unknown.every((d) => d.level !== MANDATORY),
    `an unknown location blocks nothing during a preview (${unknown.map((d) => d.message).join("; ") || "no diagnostics"})`,
  );
  client.close();
} catch (e) {
  check(false, String(e));
} finally {
  pack.kill();
}
process.exitCode = failures.length ? 1 : 0;
