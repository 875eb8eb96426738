/**
 * The generator and its helpers: the committed workflows equal a fresh generation, the deployment stacks follow
 * model.layers and exist as stack config files, the plan summary, and the image pins that promotions change.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseImagePins, setImagePin } from "@plugilo/gitops";
import { listEnvironments, loadModel } from "@plugilo/model";
import { parse } from "yaml";
import { ACTIONS, commentPinnedTags } from "../src/actions.ts";
import { deploymentStacks, runnerLabel } from "../src/deployment-stacks.ts";
import { planFileSummary, planSummary } from "../src/plan-summary.ts";
import { generateWorkflows, REPO_ROOT, staleWorkflows, toolchainOf } from "../src/render.ts";
import { buildRunnerLabel } from "../src/runner-sets.ts";
import { platformRepository } from "../src/service-workflow.ts";

const models = listEnvironments().map((env) => loadModel(env));

describe("generated workflows", () => {
  it("are committed as generated (run npm run workflows after a change)", () => {
    const files = generateWorkflows(models);
    assert.deepEqual(
      [...files.keys()],
      [
        ".github/workflows/infrastructure.yml",
        ".github/workflows/service.yml",
        ".github/workflows/drift.yml",
        ".github/CODEOWNERS",
        ".github/rulesets/main.json",
        ".github/identities.md",
      ],
    );
    assert.deepEqual(staleWorkflows(files), []);
  });

  it("pin Node.js and the Pulumi CLI to the repository's versions", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    assert.deepEqual(toolchainOf(), { node: pkg.devDependencies.node, pulumi: pkg.dependencies["@pulumi/pulumi"] });
    assert.match(toolchainOf().node, /^24\./);
  });

  it("write each pinned action's tag after its commit SHA", () => {
    const text = commentPinnedTags(`steps:\n  - uses: actions/checkout@${ACTIONS.checkout.sha}\n  - uses: ./local\n`);
    assert.match(text, new RegExp(`uses: actions/checkout@${ACTIONS.checkout.sha} # ${ACTIONS.checkout.tag}\\n`));
    assert.match(text, /uses: \.\/local\n/);
    for (const action of Object.values(ACTIONS)) assert.match(action.sha, /^[0-9a-f]{40}$/, action.repo);
  });
});

describe("deployment stacks", () => {
  it("follow model.layers, with the cluster stacks on the private network", () => {
    for (const model of models) {
      const stacks = deploymentStacks(model);
      assert.deepEqual(
        stacks.map((s) => s.name),
        model.layers.map((l) => l.name),
      );
      assert.deepEqual(
        stacks.filter((s) => s.privateNetwork).map((s) => s.name),
        model.clusters.map((c) => c.name),
      );
      assert.deepEqual(
        stacks.filter((s) => s.otherClouds).map((s) => s.kind),
        ["multicloud"],
      );
    }
  });

  it("exist as stack config files naming their environment (and cluster)", () => {
    for (const model of models) {
      for (const s of deploymentStacks(model)) {
        const file = join(REPO_ROOT, s.dir, `Pulumi.${s.stack}.yaml`);
        const config = (parse(readFileSync(file, "utf8")) as { config: Record<string, string> }).config;
        assert.equal(config["plugilo:environment"], model.name, file);
        if (s.kind === "cluster") assert.equal(config["plugilo:cluster"], s.name, file);
        // Pulumi must be able to load the project file (plain YAML).
        assert.ok((parse(readFileSync(join(REPO_ROOT, s.dir, "Pulumi.yaml"), "utf8")) as { name: string }).name, s.dir);
      }
    }
  });

  it("run on each environment's runner scale set, and the platform repository is Argo CD's", () => {
    for (const model of models) assert.equal(runnerLabel(model), `plugilo-${model.name}-linux`);
    assert.equal(platformRepository(models[0] as (typeof models)[number]), "plugilo/platform");
  });
});

describe("plan summary", () => {
  const plan = {
    environment: "prod",
    stacks: [
      { name: "hub", resourceCount: 2 },
      { name: "app1", resourceCount: 1 },
    ],
    resources: [{}, {}, {}],
    findings: [
      { rule: "required-tags", severity: "warning" as const, urn: "u1", message: "x | y" },
      { rule: "allowed-locations", severity: "error" as const, urn: "u2", message: "eastus is outside Germany" },
    ],
  };

  it("counts resources per stack and lists errors before warnings", () => {
    const text = planSummary(plan);
    assert.match(text, /### Offline plan: prod ❌/);
    assert.match(text, /3 resources in 2 stacks; 1 errors, 1 warnings/);
    assert.match(text, /\| hub \| 2 \|/);
    assert.ok(text.indexOf("allowed-locations") < text.indexOf("required-tags"));
    assert.match(text, /x \\\| y/, "a | in a message does not break the table");
  });

  it("says so when there is no plan (invalid configuration)", () => {
    assert.match(planFileSummary("/nonexistent/plan.json"), /No plan/);
  });
});

describe("image pins (services/images/<env>.yaml)", () => {
  const digest = (c: string) => `sha256:${c.repeat(64)}`;
  const text = `# comment\nexample-api: ${digest("a")} # 1.0.0\norders: ${digest("b")} # 3f2c1ab\n`;

  it("changes one service's line, nothing else", () => {
    const { text: after, previous } = setImagePin(text, "dev.yaml", "orders", { digest: digest("c"), tag: "9d8e7f6" });
    assert.deepEqual(previous, { digest: digest("b"), tag: "3f2c1ab" });
    assert.equal(after, `# comment\nexample-api: ${digest("a")} # 1.0.0\norders: ${digest("c")} # 9d8e7f6\n`);
  });

  it("appends a service that has no pin yet", () => {
    const { text: after, previous } = setImagePin(text, "dev.yaml", "billing", { digest: digest("d"), tag: "1.2.3" });
    assert.equal(previous, undefined);
    assert.ok(after.endsWith(`orders: ${digest("b")} # 3f2c1ab\nbilling: ${digest("d")} # 1.2.3\n`));
  });

  it("refuses a tag instead of a digest, a bad tag, a malformed line and a service pinned twice", () => {
    assert.throws(() => setImagePin(text, "dev.yaml", "orders", { digest: "1.0.0", tag: "1.0.0" }), /not an image digest/);
    assert.throws(() => setImagePin(text, "dev.yaml", "orders", { digest: digest("c"), tag: "-bad" }), /not a Docker image tag/);
    assert.throws(() => parseImagePins("orders: latest\n", "prod.yaml"), /prod\.yaml:1: expected/);
    assert.throws(
      () => parseImagePins(`a: ${digest("a")} # 1\na: ${digest("b")} # 2\n`, "prod.yaml"),
      /prod\.yaml:2: a is pinned twice/,
    );
  });

  it("every environment pins the example service by digest", () => {
    for (const env of listEnvironments()) {
      const pins = parseImagePins(readFileSync(join(REPO_ROOT, `packages/gitops/src/services/images/${env}.yaml`), "utf8"), env);
      assert.match(pins.get("example-api")?.digest ?? "", /^sha256:[0-9a-f]{64}$/);
    }
  });
});

describe("build runner label", () => {
  it("refuses a service whose image lives outside the repositories its build runners may push to", () => {
    const dev = loadModel("dev");
    const source = { service: "example-api", sourceRepository: "plugilo/example-api" };
    assert.equal(buildRunnerLabel(dev, { ...source, imageRepository: "plugilo/example-api" }), "plugilo-dev-build-example-api");
    assert.equal(
      buildRunnerLabel(dev, { ...source, imageRepository: "plugilo/example-api/worker" }),
      "plugilo-dev-build-example-api",
    );
    // The condition's prefix ends in a slash (docs/adr/0135): a sibling repository is outside it.
    assert.throws(
      () => buildRunnerLabel(dev, { ...source, imageRepository: "plugilo/example-api-admin" }),
      /service example-api: image.repository plugilo\/example-api-admin is outside plugilo\/example-api/,
    );
  });
});
