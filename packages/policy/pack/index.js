// The CrossGuard policy pack: the offline plan's rules on a real `pulumi preview` / `pulumi up`
// (`--policy-pack packages/policy/pack`), against the model named by each stack's config (docs/adr/0081).
// Constructing the PolicyPack starts a gRPC server and waits for the Pulumi engine: only Pulumi's policy-pack
// runner loads this file. Tests import ../src/policy-pack.ts, never this module.
// JavaScript, not TypeScript: the runner require()s `main` after registering ts-node, which would compile a .ts
// entry; Node 24 strips the types of the .ts modules imported from here.
import { fileURLToPath } from "node:url";
import { PolicyPack } from "@pulumi/policy";
import { cachedModels, crossGuardPolicies, stackConfigContexts } from "../src/policy-pack.ts";
import { crossGuardStackPolicies } from "../src/stack-policies.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

const contexts = stackConfigContexts(repoRoot);
const models = cachedModels();

new PolicyPack("plugilo", {
  description: "Plugilo's plan rules, run on the real preview and update of every layer.",
  policies: [
    ...crossGuardPolicies(contexts, models),
    // The rules that join resources, on each stack's resources (advisory: src/stack-policies.ts).
    ...crossGuardStackPolicies(contexts, models),
  ],
});
