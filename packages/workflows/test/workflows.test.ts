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
      // prod also waits for its preview on main (pull requests never preview prod).
      const preview = env === "prod" ? ["preview-prod"] : [];
      assert.deepEqual(needs(`deploy-${env}`), [...(previous ? [`deploy-${previous}`] : ["checks", "plan"]), ...preview], env);
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

  it("previews dev and staging on pull requests on their preview runners, prod on main only", () => {
    for (const model of models) {
      const preview = job(infra(), `preview-${model.name}`);
      const pr = model.name !== "prod";
      assert.match(
        preview.if ?? "",
        pr
          ? /^github\.event_name == 'pull_request'/
          : /^github\.ref == 'refs\/heads\/main' && github\.event_name != 'pull_request'/,
      );
      assert.deepEqual(preview.environment, { name: `${model.name}-preview`, deployment: false });
      const include = preview.strategy?.matrix.include as { name: string; dir: string; stack: string; "runs-on": string }[];
      assert.deepEqual(
        include.map((s) => [s.name, s.dir, s.stack]),
        deploymentStacks(model).map((s) => [s.name, s.dir, s.stack]),
      );
      for (const s of deploymentStacks(model)) {
        const entry = include.find((e) => e.name === s.name);
        // Pull-request code runs on the preview set, never on the deploy set.
        const expected = s.privateNetwork ? (pr ? `plugilo-${model.name}-preview` : "plugilo-prod-linux") : "ubuntu-24.04";
        assert.equal(entry?.["runs-on"], expected, `${model.name} ${s.name}`);
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

  it("takes no input that names a service, a spec, an image repository, a platform repository or a runner", () => {
    const call = service().on.workflow_call as { inputs: Record<string, unknown>; secrets: Record<string, unknown> };
    // Build inputs only: paths and npm script names inside the caller's own repository.
    assert.deepEqual(Object.keys(call.inputs).sort(), [
      "context",
      "dockerfile",
      "e2e-script",
      "k6-script",
      "migration-check-script",
      "serve-script",
      "service-path",
      "sonar-project-key",
      "test-target",
    ]);
    // No repository secret that could write the platform repository: the promotion key is an environment secret.
    assert.deepEqual(Object.keys(call.secrets).sort(), ["ANTHROPIC_API_KEY", "SONAR_HOST_URL", "SONAR_TOKEN"]);
  });

  it("derives the service from the calling repository, with a table fixed by the platform", () => {
    const source = job(service(), "source");
    const script = source.steps[0]?.run ?? "";
    assert.match(script, /case "\$GITHUB_REPOSITORY" in/);
    assert.match(
      script,
      /plugilo\/example-api\) echo "service=example-api"; echo "image-repository=plugilo\/example-api"; echo "runner=plugilo-dev-build-example-api"; echo "runner-namespace=arc-build-example-api" ;;/,
    );
    assert.match(script, /\*\) echo "::error::/);
    assert.deepEqual(source.permissions, {});
  });

  it("builds on the service's own build runners in dev, never on a deploy or preview set", () => {
    const build = job(service(), "build");
    assert.equal(build["runs-on"], "${{ needs.source.outputs.runner }}");
    assert.equal(build.env?.REGISTRY, "crplugilodev.azurecr.io");
    assert.ok(
      build.steps.some((s) => s.run?.includes("AZURE_FEDERATED_TOKEN_FILE")),
      "workload identity login",
    );
    // BuildKit pods run in the build set's own namespace (docs/adr/0139), looked up with the runner label.
    const buildx = build.steps.find((s) => usesAction(s, "docker/setup-buildx-action"));
    assert.equal(buildx?.with?.driver, "kubernetes");
    assert.equal(
      buildx?.with?.["driver-opts"],
      "namespace=${{ needs.source.outputs.runner-namespace }},replicas=1,rootless=true",
    );
    assert.equal(job(service(), "source").outputs?.["runner-namespace"], "${{ steps.source.outputs.runner-namespace }}");
  });

  it("scans with Trivy the digest it pushed (main), and the archive it built (pull requests)", () => {
    const build = job(service(), "build");
    const push = build.steps.findIndex((s) => s.id === "push");
    assert.ok(push > 0);
    const trivy = build.steps.filter((s) => usesAction(s, "aquasecurity/trivy-action"));
    assert.equal(trivy.length, 2);
    const afterPush = build.steps.slice(push + 1).find((s) => usesAction(s, "aquasecurity/trivy-action"));
    assert.equal(
      afterPush?.with?.["image-ref"],
      "crplugilodev.azurecr.io/${{ needs.source.outputs.image-repository }}@${{ steps.push.outputs.digest }}",
    );
    assert.equal(afterPush?.if, build.steps[push]?.if, "the digest scan runs exactly when the push does");
    assert.equal(afterPush?.with?.["exit-code"], "1");
    const archive = trivy.find((s) => s.with?.input);
    assert.equal(archive?.with?.input, "${{ runner.temp }}/image.tar");
    // One build output: the digest the push step reports, the one promotions pin.
    assert.equal(build.outputs?.digest, "${{ steps.push.outputs.digest }}");
  });

  it("fails Checkov on findings, except the repository's waivers", () => {
    const scan = job(service(), "iac-scan");
    const checkov = scan.steps.find((s) => usesAction(s, "bridgecrewio/checkov-action"));
    assert.equal(checkov?.with?.soft_fail, false);
    assert.equal(checkov?.with?.skip_check, "${{ needs.waivers.outputs.checkov }}");
    assert.deepEqual(scan.needs, ["changes", "waivers"]);
  });

  it("promotes by pull request, in order, each behind its GitHub environment; only dev merges itself", () => {
    models.forEach((model, i) => {
      const promote = job(service(), `promote-${model.name}`);
      assert.equal(promote.environment, model.name);
      const previous = environments[i - 1];
      assert.deepEqual(promote.needs, ["source", "build", "iac-scan", ...(previous ? [`promote-${previous}`] : [])]);
      const script = promote.steps.at(-1)?.run ?? "";
      assert.match(script, new RegExp(`promote-image\\.ts pin "\\$GITHUB_REPOSITORY" ${model.name} "\\$DIGEST" "\\$TAG"`));
      assert.match(script, new RegExp(`branch="promote/\\$\\{SERVICE\\}/${model.name}"`));
      assert.match(script, /gh pr create --base main/);
      assert.doesNotMatch(script, /push[^\n]*HEAD:main|refs\/heads\/main/, "never pushes main");
      assert.equal(script.includes("gh pr merge"), model.name === dev, "auto-merge for dev only");
      const app = promote.steps.find((s) => usesAction(s, "actions/create-github-app-token"));
      assert.equal(app?.with?.repositories, "platform");
      assert.equal(app?.with?.["permission-contents"], "write");
      assert.equal(app?.with?.["permission-pull-requests"], "write");
      assert.equal(app?.with?.["permission-workflows"], undefined, "cannot change workflows");
      if (model.name !== dev) {
        assert.ok(promote.steps.some((s) => s.run?.includes(`az acr import --name ${model.containerRegistry.name}`)));
      }
    });
  });
});
