/** Runner scale sets: one repository each, a purpose each, and none in prod but the deploy set. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadModel, parseEnvironment, resolveConfig, runnerScaleSetFindings } from "@plugilo/model";

const configOf = (env: string) =>
  parseEnvironment(readFileSync(join(import.meta.dirname, `../../../../environments/${env}.yaml`), "utf8"), `${env}.yaml`);

describe("runner scale sets", () => {
  it("register each set for one repository, the platform's unless it builds a service", () => {
    const dev = loadModel("dev").gitops.runnerScaleSets.map((s) => [s.runnerScaleSetName, s.purpose, s.githubConfigUrl]);
    assert.deepEqual(dev, [
      ["plugilo-dev-linux", "deploy", "https://github.com/plugilo/platform"],
      ["plugilo-dev-preview", "preview", "https://github.com/plugilo/platform"],
      ["plugilo-dev-build-example-api", "build", "https://github.com/plugilo/example-api"],
    ]);
    assert.deepEqual(
      loadModel("prod").gitops.runnerScaleSets.map((s) => [s.runnerScaleSetName, s.purpose]),
      [["plugilo-prod-linux", "deploy"]],
    );
  });

  it("put prod's deploy set in an organization runner group for the deploy workflow on main only", () => {
    const [deploy] = loadModel("prod").gitops.runnerScaleSets;
    // Runner groups are organization-level: the set registers with the organization, not the repository.
    assert.equal(deploy?.githubConfigUrl, "https://github.com/plugilo");
    assert.deepEqual(deploy?.runnerGroup, {
      organization: "plugilo",
      name: "plugilo-prod-linux",
      visibility: "selected",
      repository: "plugilo/platform",
      restrictedToWorkflows: true,
      selectedWorkflows: ["plugilo/platform/.github/workflows/infrastructure.yml@refs/heads/main"],
      allowsPublicRepositories: false,
    });
    // dev and staging keep repository-level sets (their previews run pull-request code on the preview set).
    for (const env of ["dev", "staging"])
      for (const s of loadModel(env).gitops.runnerScaleSets) assert.equal(s.runnerGroup, undefined, `${env} ${s.name}`);
  });

  it("reject a preview or build set in prod, a deploy set for another repository, and no deploy set", () => {
    const prod = configOf("prod");
    const withSets = (sets: unknown[]) => ({
      ...prod,
      gitops: { ...prod.gitops, runners: { ...prod.gitops.runners, scaleSets: sets } },
    });
    const messages = (sets: unknown[]) =>
      runnerScaleSetFindings(withSets(sets) as typeof prod, "prod.yaml").map((f) => `${f.path}: ${f.message}`);
    const deploy = { name: "linux", purpose: "deploy", minRunners: 0, maxRunners: 4 };
    assert.deepEqual(messages([deploy]), []);
    assert.match(
      messages([deploy, { ...deploy, name: "preview", purpose: "preview" }]).join("\n"),
      /scaleSets\[1\]\.purpose: prod runs only its deploy job/,
    );
    assert.match(
      messages([{ ...deploy, repository: "example-api" }]).join("\n"),
      /scaleSets\[0\]\.repository: a deploy scale set serves the platform repository/,
    );
    assert.match(messages([{ ...deploy, purpose: "preview" }]).join("\n"), /exactly one scale set with purpose deploy/);
  });

  it("give each set a namespace of its own, arc-<set>", () => {
    assert.deepEqual(
      loadModel("dev").gitops.runnerScaleSets.map((s) => [s.name, s.namespace]),
      [
        ["arc-runners-linux", "arc-linux"],
        ["arc-runners-preview", "arc-preview"],
        ["arc-runners-build-example-api", "arc-build-example-api"],
      ],
    );
    assert.deepEqual(
      loadModel("prod").gitops.runnerScaleSets.map((s) => s.namespace),
      ["arc-linux"],
    );
  });

  it("give only build sets the Buildx kubernetes driver's rights, for their own runner ServiceAccount", () => {
    const model = loadModel("dev");
    const access = Object.fromEntries(model.gitops.runnerScaleSets.map((s) => [s.name, s.builderAccess]));
    assert.deepEqual(access, {
      "arc-runners-linux": undefined,
      "arc-runners-preview": undefined,
      "arc-runners-build-example-api": {
        role: "buildx-kubernetes-driver",
        serviceAccount: "arc-runner-build-example-api",
        rules: [
          {
            apiGroups: ["apps"],
            resources: ["deployments"],
            verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
          },
          { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "create", "update", "delete"] },
          { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
          { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] },
        ],
      },
    });
    // The ServiceAccount the binding names is the one the cluster stack makes for the set's identity.
    const identity = model.clusters[0]?.identities.workloads.find((w) => w.key === "ghr-build-example-api");
    assert.equal(identity?.serviceAccount, "arc-runner-build-example-api");
  });

  it("federate two build sets with two namespaces, never one ServiceAccount namespace for both", () => {
    const dev = configOf("dev");
    const sets = [
      ...dev.gitops.runners.scaleSets,
      { name: "build-billing", purpose: "build" as const, repository: "billing", minRunners: 0, maxRunners: 2 },
    ];
    const model = resolveConfig(
      { ...dev, gitops: { ...dev.gitops, runners: { ...dev.gitops.runners, scaleSets: sets } } },
      "dev.yaml",
    );
    for (const c of model.clusters) {
      const build = c.identities.workloads.filter((w) => w.key.startsWith("ghr-"));
      assert.deepEqual(
        build.map((w) => w.subject),
        [
          "system:serviceaccount:arc-build-example-api:arc-runner-build-example-api",
          "system:serviceaccount:arc-build-billing:arc-runner-build-billing",
        ],
      );
      // No two identities of the cluster trust ServiceAccounts of one runner namespace.
      const namespaces = build.map((w) => w.namespace);
      assert.equal(new Set(namespaces).size, namespaces.length, `${c.name}: build sets share a namespace`);
      for (const w of c.identities.workloads.filter((x) => !x.key.startsWith("ghr-")))
        assert.ok(!namespaces.includes(w.namespace), `${w.key} shares a runner namespace`);
    }
  });

  it("reject two sets in one namespace and a set in the controller's namespace", () => {
    const dev = configOf("dev");
    const messages = (sets: unknown[]) =>
      runnerScaleSetFindings(
        { ...dev, gitops: { ...dev.gitops, runners: { ...dev.gitops.runners, scaleSets: sets } } } as typeof dev,
        "dev.yaml",
      ).map((f) => `${f.path}: ${f.message}`);
    const deploy = { name: "linux", purpose: "deploy", minRunners: 0, maxRunners: 4 };
    const build = { name: "build-example-api", purpose: "build", repository: "example-api", minRunners: 0, maxRunners: 4 };
    assert.deepEqual(messages([deploy, build]), []);
    assert.deepEqual(messages([deploy, build, { ...build, repository: "billing" }]), [
      "gitops.runners.scaleSets[2].name: namespace arc-build-example-api is already scale set 1's: each scale set needs a name of its own",
    ]);
    assert.deepEqual(messages([deploy, { ...build, name: "system" }]), [
      "gitops.runners.scaleSets[1].name: namespace arc-system is the runner controller's: choose another scale set name",
    ]);
  });
});
