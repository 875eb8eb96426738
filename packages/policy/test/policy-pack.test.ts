/**
 * The CrossGuard adapter (src/policy-pack.ts), in isolation: never the pack module (pack/index.js), whose
 * PolicyPack starts a gRPC server. Only @pulumi/policy's proxy.js is loaded from the SDK: it has no side effects.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadModel } from "@plugilo/model";
import { planEnvironment } from "@plugilo/plan";
import { evaluate, RULES } from "@plugilo/policy";
import {
  type CrossGuardResource,
  cachedModels,
  checkResource,
  crossGuardPolicies,
  enforcementLevel,
  knownInputs,
  parseUrn,
  plannedStackName,
  type StackContext,
  stackConfigContexts,
  stackConfigValues,
  toPlannedResource,
  UNKNOWN_SENTINELS,
} from "../src/policy-pack.ts";

const sdkProxy = createRequire(import.meta.url)("@pulumi/policy/proxy.js") as {
  unknownCheckingProxy: <T>(value: T) => T;
  UnknownValueError: new (...args: unknown[]) => Error;
  [sentinel: string]: unknown;
};
const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

const model = loadModel("dev");
const hubContext: StackContext = { project: "plugilo-hub", stack: "dev", environment: "dev" };
const tags = { owner: "platform@plugilo.example", "cost-center": "CC-1", "data-classification": "internal", environment: "dev" };
const vnet = (props: Record<string, unknown>): CrossGuardResource => ({
  type: "azure-native:network:VirtualNetwork",
  name: "vnet",
  urn: "urn:pulumi:dev::plugilo-hub::azure-native:network:VirtualNetwork::vnet",
  props: sdkProxy.unknownCheckingProxy(props),
  opts: { protect: false },
});
const allowedLocations = RULES.find((r) => r.name === "allowed-locations");
const requiredTags = RULES.find((r) => r.name === "required-tags");

describe("CrossGuard adapter: unknown values", () => {
  it("knows the SDK's unknown sentinels", () => {
    const sdk = ["Boolean", "Number", "String", "Array", "Asset", "Archive", "Object"].map((k) => sdkProxy[`unknown${k}Value`]);
    assert.deepEqual(new Set(sdk), UNKNOWN_SENTINELS);
  });

  it("copies the known inputs through the SDK's proxy and lists the unknown ones", () => {
    const props = sdkProxy.unknownCheckingProxy({
      location: "germanywestcentral",
      addressSpace: { addressPrefixes: ["10.0.0.0/16", UNKNOWN_STRING] },
      subnets: UNKNOWN_OBJECT,
      tags,
    });
    const { inputs, unknownPaths } = knownInputs(props);
    assert.deepEqual(inputs, {
      location: "germanywestcentral",
      addressSpace: { addressPrefixes: ["10.0.0.0/16", undefined] },
      tags,
    });
    assert.deepEqual(unknownPaths, ["addressSpace.addressPrefixes[1]", "subnets"]);
  });
});

describe("CrossGuard adapter: resources and stacks", () => {
  it("turns a CrossGuard resource into the plan's PlannedResource", () => {
    const { resource, unknownPaths } = toPlannedResource(
      {
        ...vnet({ location: "germanynorth", tags }),
        opts: { parent: "urn:pulumi:dev::plugilo-hub::plugilo:hub:HubNetwork::hub", protect: true },
        provider: { urn: "urn:pulumi:dev::plugilo-hub::pulumi:providers:azure-native::azure-hub" },
      },
      hubContext,
    );
    assert.deepEqual(resource, {
      stack: "hub",
      urn: "urn:pulumi:dev::plugilo-hub::azure-native:network:VirtualNetwork::vnet",
      type: "azure-native:network:VirtualNetwork",
      name: "vnet",
      parent: "urn:pulumi:dev::plugilo-hub::plugilo:hub:HubNetwork::hub",
      protect: true,
      inputs: { location: "germanynorth", tags },
      provider: "urn:pulumi:dev::plugilo-hub::pulumi:providers:azure-native::azure-hub",
    });
    assert.deepEqual(unknownPaths, []);
  });

  it("names stacks as the plan does: the layer, or the cluster", () => {
    assert.deepEqual(parseUrn("urn:pulumi:prod-app1::plugilo-cluster::azure-native:containerservice:ManagedCluster::aks"), {
      stack: "prod-app1",
      project: "plugilo-cluster",
    });
    assert.equal(plannedStackName(hubContext), "hub");
    assert.equal(
      plannedStackName({ project: "plugilo-cluster", stack: "prod-app1", environment: "prod", cluster: "app1" }),
      "app1",
    );
    assert.throws(() => parseUrn("not-a-urn"), /not a Pulumi URN/);
  });

  it("reads plugilo:environment and plugilo:cluster from the stack's config file in stacks/", () => {
    const contextFor = stackConfigContexts(REPO_ROOT);
    assert.deepEqual(contextFor("urn:pulumi:prod-app2::plugilo-cluster::pulumi:pulumi:Stack::s"), {
      project: "plugilo-cluster",
      stack: "prod-app2",
      environment: "prod",
      cluster: "app2",
    });
    assert.equal(contextFor("urn:pulumi:staging::plugilo-multicloud::pulumi:pulumi:Stack::s").environment, "staging");
    assert.throws(
      () => contextFor("urn:pulumi:dev::someone-else::pulumi:pulumi:Stack::s"),
      /no Pulumi project named someone-else/,
    );
    assert.throws(() => contextFor("urn:pulumi:qa::plugilo-hub::pulumi:pulumi:Stack::s"), /no config file .*Pulumi\.qa\.yaml/);
    assert.deepEqual(stackConfigValues("config:\n  plugilo:environment: prod\n  plugilo:cluster: app1\n"), {
      environment: "prod",
      cluster: "app1",
    });
    assert.deepEqual(stackConfigValues("config: {}\n"), {});
  });

  it("loads each environment's model once", () => {
    let loads = 0;
    const modelFor = cachedModels((env) => {
      loads++;
      return loadModel(env);
    });
    modelFor("dev");
    modelFor("dev");
    assert.equal(loads, 1);
  });
});

describe("CrossGuard adapter: policies", () => {
  it("has one policy per rule: errors mandatory, warnings advisory", () => {
    const policies = crossGuardPolicies(
      () => hubContext,
      () => model,
    );
    assert.deepEqual(
      policies.map((p) => [p.name, p.description, p.enforcementLevel]),
      RULES.map((r) => [r.name, r.description, r.severity === "error" ? "mandatory" : "advisory"]),
    );
    assert.equal(enforcementLevel({ ...RULES[0], severity: "warning" } as (typeof RULES)[number]), "advisory");
  });

  it("reports a violation of known inputs, and none for a complying resource", () => {
    assert.ok(allowedLocations && requiredTags);
    assert.match(
      checkResource(allowedLocations, vnet({ location: "westeurope", tags }), hubContext, model)[0] ?? "",
      /westeurope/,
    );
    assert.deepEqual(checkResource(requiredTags, vnet({ location: "germanynorth", tags }), hubContext, model), []);
    const violations: string[] = [];
    const policy = crossGuardPolicies(
      () => hubContext,
      () => model,
    ).find((p) => p.name === "allowed-locations");
    const validate = policy?.validateResource;
    assert.ok(typeof validate === "function");
    validate({ ...vnet({ location: "eastus" }) } as Parameters<typeof validate>[0], (message) => {
      violations.push(message);
    });
    assert.equal(violations.length, 1);
  });

  it("during a preview, never reports a violation that rests on an unknown value", () => {
    assert.ok(allowedLocations && requiredTags);
    // Location unknown: the known inputs comply.
    assert.deepEqual(checkResource(allowedLocations, vnet({ location: UNKNOWN_STRING, tags }), hubContext, model), []);
    // Tags unknown: the known copy has none, so the rule runs on the proxy and the SDK's error makes it advisory.
    assert.throws(
      () => checkResource(requiredTags, vnet({ location: "germanynorth", tags: UNKNOWN_OBJECT }), hubContext, model),
      sdkProxy.UnknownValueError,
    );
    // A violation that needs no unknown value stands.
    assert.equal(
      checkResource(allowedLocations, vnet({ location: "westeurope", subnets: UNKNOWN_OBJECT }), hubContext, model).length,
      1,
    );
  });
});

describe("the policy pack's own npm project", () => {
  it("pins @pulumi/pulumi and @pulumi/policy as the workspaces do, and a TypeScript with a compiler API", () => {
    const read = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), "utf8"));
    const root = read("package.json");
    const pack = read("packages/policy/pack/package.json");
    const lock = read("packages/policy/pack/package-lock.json");
    for (const name of ["@pulumi/pulumi", "@pulumi/policy"]) {
      assert.equal(pack.dependencies[name], root.dependencies[name], name);
      assert.equal(lock.packages[`node_modules/${name}`]?.version, root.dependencies[name], `${name} in the pack's lockfile`);
    }
    assert.match(pack.dependencies.typescript, /^5\./, "Pulumi's policy runner registers ts-node, which needs TypeScript < 7");
    assert.equal(pack.main, "index.js");
  });
});

describe("CrossGuard adapter: the same findings as the offline plan", () => {
  it("reports, for every resource of a planned hub stack, what evaluate() reports", async () => {
    const plan = await planEnvironment(model, { only: ["hub"] });
    // One resource moved outside Germany, so both sides have something to report.
    const moved = plan.resources.findIndex((r) => r.type.startsWith("azure-native:") && typeof r.inputs.location === "string");
    const resources = plan.resources.map((r, i) => (i === moved ? { ...r, inputs: { ...r.inputs, location: "westeurope" } } : r));
    const expected = evaluate(resources, model).map((f) => [f.rule, f.urn]);
    const contextFor = stackConfigContexts(REPO_ROOT);
    const actual: [string, string][] = [];
    for (const r of resources) {
      const args: CrossGuardResource = {
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: sdkProxy.unknownCheckingProxy(structuredClone(r.inputs)),
        opts: { protect: r.protect, ...(r.parent ? { parent: r.parent } : {}) },
      };
      for (const rule of RULES) {
        for (const _ of checkResource(rule, args, contextFor(r.urn), model)) actual.push([rule.name, r.urn]);
      }
    }
    assert.ok(expected.length > 0);
    assert.deepEqual(actual, expected);
  });
});
