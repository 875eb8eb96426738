/** Ranges that must not overlap: inside an environment, across environments, and with AWS, GCP and Tailscale. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ENVIRONMENTS_DIR } from "../../src/core/load.ts";
import { resolveConfig, siblingEnvironments } from "../../src/core/resolve.ts";
import type { EnvironmentConfig } from "../../src/core/schema.ts";
import { addressFindings, reservationsOf } from "../../src/core/validate.ts";
import { configOf, findingAt, findingsOf } from "../helpers.ts";

const FILE = "environments/prod.yaml";
const prodSiblings = () => siblingEnvironments(join(ENVIRONMENTS_DIR, "prod.yaml"));

function prodWith(change: (config: EnvironmentConfig) => void): EnvironmentConfig {
  const config = configOf("prod");
  change(config);
  return config;
}

function cluster(config: EnvironmentConfig, index: number): EnvironmentConfig["clusters"][number] {
  const c = config.clusters[index];
  assert.ok(c, `no cluster ${index}`);
  return c;
}

test("reservations name every declared range with the path that declares it", () => {
  assert.deepEqual(
    reservationsOf(configOf("prod")).map((r) => [r.kind, r.cidr, r.routable, r.path]),
    [
      ["environment", "10.60.0.0/16", true, "addressSpace"],
      ["tailscale", "100.64.0.0/10", true, "access.tailscaleRange"],
      ["aws", "10.100.0.0/16", true, "multicloud.aws.ranges[0]"],
      ["gcp", "10.110.0.0/16", true, "multicloud.gcp.ranges[0]"],
      ["pods", "10.244.0.0/16", false, "clusters[0].podCidr"],
      ["services", "10.245.0.0/16", false, "clusters[0].serviceCidr"],
      ["pods", "10.244.0.0/16", false, "clusters[1].podCidr"],
      ["services", "10.245.0.0/16", false, "clusters[1].serviceCidr"],
    ],
  );
});

test("the real environments are clear of each other's spaces (siblings from environments/)", () => {
  for (const env of ["dev", "staging", "prod"] as const) {
    const siblings = siblingEnvironments(join(ENVIRONMENTS_DIR, `${env}.yaml`));
    assert.equal(siblings.length, 2);
    assert.deepEqual(addressFindings(configOf(env), `${env}.yaml`, [], siblings), []);
  }
});

test("an address space overlapping another environment's is an error naming that environment", () => {
  const config = prodWith((c) => {
    c.addressSpace = "10.50.0.0/16";
  });
  resolveConfig(config, FILE); // Without siblings there is nothing to compare with.
  const finding = findingAt(
    findingsOf(() => resolveConfig(config, FILE, { siblings: prodSiblings() })),
    "addressSpace",
  );
  assert.equal(finding.file, FILE);
  assert.match(finding.message, /overlaps the address space 10\.50\.0\.0\/16 of environment staging \(.*staging\.yaml\)/);
});

test("an AWS or GCP range overlapping another environment's space is an error too; a sibling of the same name is ignored", () => {
  const config = prodWith((c) => {
    c.multicloud.gcp.ranges = ["10.40.128.0/17"];
  });
  const findings = findingsOf(() => resolveConfig(config, FILE, { siblings: prodSiblings() }));
  assert.match(findingAt(findings, "multicloud.gcp.ranges[0]").message, /environment dev/);
  resolveConfig(configOf("prod"), FILE, {
    siblings: [{ name: "prod", file: "old/prod.yaml", addressSpace: "10.60.0.0/16" }],
  });
});

test("the AWS range overlapping the address space is reported on the AWS range, naming the space", () => {
  const config = prodWith((c) => {
    c.multicloud.aws.ranges = ["10.100.0.0/16", "10.60.0.0/24"];
  });
  const findings = findingsOf(() => resolveConfig(config, FILE));
  assert.deepEqual(
    findings.map((f) => f.path),
    ["multicloud.aws.ranges[1]"],
  );
  assert.equal(findings[0]?.message, "10.60.0.0/24 (AWS range 2) overlaps 10.60.0.0/16 (prod address space, addressSpace)");
});

test("GCP overlapping AWS, and Tailscale overlapping either, are errors", () => {
  const gcp = findingsOf(() =>
    resolveConfig(
      prodWith((c) => {
        c.multicloud.gcp.ranges = ["10.100.16.0/20"];
      }),
      FILE,
    ),
  );
  assert.match(findingAt(gcp, "multicloud.gcp.ranges[0]").message, /overlaps 10\.100\.0\.0\/16 \(AWS range 1/);
  const tailscale = findingsOf(() =>
    resolveConfig(
      prodWith((c) => {
        c.access.tailscaleRange = "10.110.0.0/15";
      }),
      FILE,
    ),
  );
  // The later declaration carries the finding: GCP comes after Tailscale.
  assert.match(findingAt(tailscale, "multicloud.gcp.ranges[0]").message, /Tailscale tailnet/);
});

test("pod and service ranges may repeat across clusters (non-routable overlay), but not collide with routable ranges", () => {
  // The real environments give every cluster the same pod and service ranges.
  const prod = configOf("prod");
  assert.equal(cluster(prod, 0).podCidr, cluster(prod, 1).podCidr);
  assert.equal(cluster(prod, 0).serviceCidr, cluster(prod, 1).serviceCidr);
  resolveConfig(prod, FILE);

  const services = findingsOf(() =>
    resolveConfig(
      prodWith((c) => {
        cluster(c, 1).serviceCidr = "10.60.240.0/20";
      }),
      FILE,
    ),
  );
  assert.match(findingAt(services, "clusters[1].serviceCidr").message, /overlaps 10\.60\.0\.0\/16 \(prod address space/);

  const pods = findingsOf(() =>
    resolveConfig(
      prodWith((c) => {
        cluster(c, 0).podCidr = "10.110.0.0/16";
      }),
      FILE,
    ),
  );
  assert.match(findingAt(pods, "clusters[0].podCidr").message, /GCP range 1/);
});

test("a cluster's pod and service ranges must not overlap each other", () => {
  const findings = findingsOf(() =>
    resolveConfig(
      prodWith((c) => {
        cluster(c, 0).serviceCidr = "10.244.128.0/20";
      }),
      FILE,
    ),
  );
  assert.match(findingAt(findings, "clusters[0].serviceCidr").message, /app1 pods/);
});

test("pod and service ranges must be between /12 and /24", () => {
  const findings = findingsOf(() =>
    resolveConfig(
      prodWith((c) => {
        cluster(c, 0).podCidr = "10.0.0.0/11";
        cluster(c, 1).serviceCidr = "10.245.0.0/25";
      }),
      FILE,
    ),
  );
  assert.match(findingAt(findings, "clusters[0].podCidr").message, /\/11 is outside the \/12 to \/24 range/);
  assert.match(findingAt(findings, "clusters[1].serviceCidr").message, /\/25 is outside the \/12 to \/24 range/);
  // The bounds themselves are accepted.
  resolveConfig(
    prodWith((c) => {
      cluster(c, 0).podCidr = "172.16.0.0/12";
      cluster(c, 1).serviceCidr = "10.245.0.0/24";
    }),
    FILE,
  );
});
