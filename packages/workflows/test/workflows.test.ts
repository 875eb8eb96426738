/**
 * Every workflow in .github/workflows (and the example caller) parsed by GitHub's own parser, with no error;
 * then what the workflows must guarantee, read from the parsed files: OIDC permission wherever azure/login runs,
 * one deploy job per environment in promotion order behind its GitHub environment and its own concurrency
 * group, every stack deployed in model.layers order, every environment planned and previewed, the policy pack
 * on every Pulumi command, the private-network stacks on the runner scale sets, actions pinned to commits.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, listEnvironments, loadModel } from "@plugilo/model";
import { parse } from "yaml";
import { deploymentStacks, runnerLabel } from "../src/deployment-stacks.ts";
import { REPO_ROOT } from "../src/render.ts";
import { type ParsedWorkflow, parseWorkflowFile } from "../src/workflow-parser.ts";
import type { Job, Step, Workflow } from "../src/workflow-types.ts";

const WORKFLOWS = join(REPO_ROOT, ".github/workflows");
const EXAMPLES = join(REPO_ROOT, "packages/workflows/examples");
const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));

const files = [...yamlFiles(WORKFLOWS), ...yamlFiles(EXAMPLES)];
const environments = listEnvironments();
let models: EnvironmentModel[];
const parsed = new Map<string, ParsedWorkflow>();
const raw = new Map<string, Workflow>();
const infra = () => raw.get(join(WORKFLOWS, "infrastructure.yml")) as Workflow;
const service = () => raw.get(join(WORKFLOWS, "service.yml")) as Workflow;
const job = (w: Workflow, id: string) => {
  const j = w.jobs[id];
  assert.ok(j, `job ${id}`);
  return j;
};
const usesAction = (step: Step, repo: string) => step.uses?.split("@")[0] === repo;

before(async () => {
  models = environments.map((env) => loadModel(env));
  for (const file of files) {
    const content = readFileSync(file, "utf8");
    parsed.set(file, await parseWorkflowFile(file.slice(REPO_ROOT.length + 1), content));
    raw.set(file, parse(content) as Workflow);
  }
});

describe("GitHub's workflow parser", () => {
  it("finds the infrastructure and service workflows", () => {
    assert.ok(files.some((f) => f.endsWith("infrastructure.yml")));
    assert.ok(files.some((f) => f.endsWith("service.yml")));
  });

  it("accepts every workflow without an error", () => {
    for (const file of files) {
      const result = parsed.get(file);
      assert.deepEqual(result?.errors, [], file);
      assert.ok(result?.template?.jobs.length, `${file} has jobs`);
    }
  });

  it("rejects broken workflows (the check is not vacuous)", async () => {
    const secretInIf = await parseWorkflowFile(
      "bad.yml",
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - if: ${{ secrets.T != '' }}\n        run: echo\n",
    );
    assert.match(secretInIf.errors.join("\n"), /Unrecognized named-value: 'secrets'/);
    const unknownNeed = await parseWorkflowFile(
      "bad.yml",
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo\n  c:\n    needs: [b]\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo\n",
    );
    assert.match(unknownNeed.errors.join("\n"), /depends on unknown job 'b'/);
  });

  it("resolves the deploy chain dev -> staging -> prod from `needs`", () => {
    const template = parsed.get(join(WORKFLOWS, "infrastructure.yml"))?.template;
    const needs = (id: string) => template?.jobs.find((j) => j.id.value === id)?.needs?.map((n) => n.value) ?? [];
    environments.forEach((env, i) => {
      const previous = environments[i - 1];
      assert.deepEqual(needs(`deploy-${env}`), previous ? [`deploy-${previous}`] : ["checks", "plan"], env);
    });
  });
});

describe("infrastructure workflow", () => {
  it("runs on pull requests and pushes to main (trunk-based)", () => {
    assert.deepEqual(infra().on.pull_request, { branches: ["main"] });
    assert.deepEqual(infra().on.push, { branches: ["main"] });
  });

  it("runs the checks of .ci/run on every run", () => {
    const runs = job(infra(), "checks").steps.map((s) => s.run ?? "");
    for (const command of [
      "npm ci",
      "npm test",
      "npm run typecheck",
      "npm run lint",
      "plugilo -- validate",
      "plugilo -- render --check",
      "workflows -- --check",
    ]) {
      assert.ok(
        runs.some((r) => r.includes(command)),
        command,
      );
    }
  });

  it("plans every environment, uploads each plan and writes a summary", () => {
    const plan = job(infra(), "plan");
    assert.deepEqual(plan.strategy?.matrix.environment, environments);
    assert.ok(plan.steps.some((s) => s.run?.includes('plugilo -- plan "$ENVIRONMENT" --json')));
    assert.ok(plan.steps.some((s) => usesAction(s, "actions/upload-artifact") && s.if === "always()"));
    assert.ok(plan.steps.some((s) => s.run?.includes("$GITHUB_STEP_SUMMARY")));
  });

  it("previews every stack of every environment on pull requests, with the environment's runners for the clusters", () => {
    for (const model of models) {
      const preview = job(infra(), `preview-${model.name}`);
      assert.match(preview.if ?? "", /github\.event_name == 'pull_request'/);
      const include = preview.strategy?.matrix.include as { name: string; dir: string; stack: string; "runs-on": string }[];
      assert.deepEqual(
        include.map((s) => [s.name, s.dir, s.stack]),
        deploymentStacks(model).map((s) => [s.name, s.dir, s.stack]),
      );
      for (const s of deploymentStacks(model)) {
        const entry = include.find((e) => e.name === s.name);
        assert.equal(entry?.["runs-on"] === runnerLabel(model), s.privateNetwork, `${model.name} ${s.name}`);
      }
    }
  });

  it("deploys every environment on main, each stack in model.layers order", () => {
    for (const model of models) {
      const deploy = job(infra(), `deploy-${model.name}`);
      assert.match(deploy.if ?? "", /github\.ref == 'refs\/heads\/main'/);
      const ups = deploy.steps.flatMap((s) => {
        const m = /pulumi up --yes --stack (\S+) --cwd (\S+)/.exec(s.run ?? "");
        return m ? [[m[2], m[1]]] : [];
      });
      assert.deepEqual(
        ups,
        model.layers.map((l) => [`stacks/${l.kind}`, l.kind === "cluster" ? `${model.name}-${l.name}` : model.name]),
      );
      assert.match(deploy["runs-on"], new RegExp(`'${runnerLabel(model)}'`), "cluster stacks need the private network");
    }
  });

  it("puts each deploy behind its GitHub environment, with one concurrency group per environment", () => {
    const groups = new Set<string>();
    for (const env of environments) {
      const deploy = job(infra(), `deploy-${env}`);
      assert.equal(deploy.environment, env);
      assert.equal(deploy.concurrency?.["cancel-in-progress"], false, "a deployment is never cancelled halfway");
      assert.ok(deploy.concurrency?.group.includes(env));
      groups.add(deploy.concurrency?.group ?? "");
    }
    assert.equal(groups.size, environments.length);
  });

  it("deploys prod last, behind the prod environment whose required reviewers are documented", () => {
    assert.equal(environments.at(-1), "prod");
    assert.equal(job(infra(), "deploy-prod").environment, "prod");
    const readme = readFileSync(join(REPO_ROOT, ".github/README.md"), "utf8");
    assert.match(readme, /\| `prod` \|[^\n]*required reviewers/);
  });

  it("runs every Pulumi command with the policy pack and the Azure Blob state backend", () => {
    const pack = join(REPO_ROOT, "packages/policy/pack");
    assert.ok(readdirSync(pack).includes("PulumiPolicy.yaml"));
    let commands = 0;
    for (const [id, j] of Object.entries(infra().jobs)) {
      for (const s of j.steps) {
        if (!/^\s*pulumi (preview|up) /m.test(s.run ?? "")) continue;
        commands++;
        assert.match(s.run ?? "", /--policy-pack "\$GITHUB_WORKSPACE\/packages\/policy\/pack"/, `${id}: ${s.name}`);
        assert.equal(j.env?.PULUMI_BACKEND_URL, "${{ vars.PULUMI_BACKEND_URL }}", id);
      }
    }
    assert.ok(commands > 0);
  });
});

describe("every workflow", () => {
  const allJobs = () => [...raw].flatMap(([file, w]) => Object.entries(w.jobs).map(([id, j]) => ({ file, w, id, j: j as Job })));

  it("grants id-token: write to every job that logs in to Azure with azure/login, and only reads contents otherwise", () => {
    let logins = 0;
    for (const { file, w, id, j } of allJobs()) {
      const permissions = j.permissions ?? w.permissions;
      if (!j.steps) continue; // a call of a reusable workflow
      if (j.steps.some((s) => usesAction(s, "azure/login"))) {
        logins++;
        assert.equal(permissions?.["id-token"], "write", `${file} ${id}`);
      }
    }
    assert.ok(logins > 0);
    for (const [file, w] of raw) assert.equal(w.permissions?.contents, "read", file);
  });

  it("nests no expression inside another, and puts no event payload into a script", () => {
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      assert.doesNotMatch(text, /\$\{\{(?:(?!\}\}).)*\$\{\{/, `${file}: an expression inside an expression is literal text`);
      assert.doesNotMatch(text, /\$\{\{\s*github\.event\./, `${file}: pass event data through env, not into a script`);
    }
  });

  it("pins every action to a full commit SHA", () => {
    for (const { file, id, j } of allJobs()) {
      for (const s of j.steps ?? []) {
        if (s.uses && !s.uses.startsWith("./"))
          assert.match(s.uses, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, `${file} ${id}: ${s.uses}`);
      }
    }
  });

  it("sets up Node.js 24 with actions/setup-node", () => {
    for (const { file, id, j } of allJobs()) {
      for (const s of (j.steps ?? []).filter((s) => usesAction(s, "actions/setup-node"))) {
        assert.match(String(s.with?.["node-version"]), /^24(\.|$)/, `${file} ${id}`);
      }
    }
  });
});

describe("service workflow (golden path)", () => {
  const [dev] = environments;

  it("is reusable, with SonarQube optional", () => {
    const call = service().on.workflow_call as { secrets: Record<string, { required: boolean }> };
    assert.equal(call.secrets.SONAR_TOKEN?.required, false);
    const quality = job(service(), "code-quality");
    assert.equal(quality.env?.SONAR_TOKEN, "${{ secrets.SONAR_TOKEN }}");
    const scan = quality.steps.find((s) => usesAction(s, "SonarSource/sonarqube-scan-action"));
    assert.equal(scan?.if, "env.SONAR_TOKEN != ''");
  });

  it("scans the repository with Checkov and the image with Trivy before the push", () => {
    assert.ok(job(service(), "iac-scan").steps.some((s) => usesAction(s, "bridgecrewio/checkov-action")));
    const build = job(service(), "build");
    const names = build.steps.map((s) => s.uses?.split("@")[0] ?? s.name);
    const trivy = names.indexOf("aquasecurity/trivy-action");
    const push = build.steps.findIndex((s) => s.with?.push === true);
    assert.ok(trivy > 0 && push > trivy, "Trivy runs before the push");
    assert.ok(names.includes("docker/setup-buildx-action"));
    assert.ok(
      build.steps.some((s) => String(s.with?.["cache-from"] ?? "").startsWith("type=registry,")),
      "layer cache",
    );
  });

  it("builds on the first environment's runners and pushes to its registry", () => {
    const model = models[0] as EnvironmentModel;
    const call = service().on.workflow_call as { inputs: Record<string, { default?: unknown }> };
    assert.equal(call.inputs["build-runs-on"]?.default, runnerLabel(model));
    const build = job(service(), "build");
    assert.equal(build.env?.REGISTRY, model.containerRegistry.loginServer);
    assert.ok(
      build.steps.some((s) => s.run?.includes("AZURE_FEDERATED_TOKEN_FILE")),
      "workload identity login",
    );
  });

  it("promotes in order, each environment behind its GitHub environment, into its own registry", () => {
    models.forEach((model, i) => {
      const promote = job(service(), `promote-${model.name}`);
      assert.equal(promote.environment, model.name);
      const previous = environments[i - 1];
      assert.deepEqual(promote.needs, previous ? ["build", `promote-${previous}`] : ["build"]);
      assert.ok(promote.concurrency?.group.endsWith(model.name));
      assert.ok(promote.steps.some((s) => s.run?.includes(`promote-image.ts "$SPEC" ${model.name}`)));
      assert.ok(promote.steps.some((s) => s.run?.includes(`plugilo -- render ${model.name}`)));
      if (model.name !== dev) {
        assert.ok(promote.steps.some((s) => s.run?.includes(`az acr import --name ${model.containerRegistry.name}`)));
      }
    });
  });
});
