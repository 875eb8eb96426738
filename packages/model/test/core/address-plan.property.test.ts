/** Properties of planAddresses over random spaces, cluster lists, access modes and subnet sizes. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { type AddressPlan, type AddressPlanInput, internalOverlaps, planAddresses } from "../../src/core/address-plan.ts";
import { within } from "../../src/core/cidr.ts";
import { REGION_NAMES, type RegionName } from "../../src/core/regions.ts";
import { SUBNET_KINDS, type SubnetKind } from "../../src/core/schema-constants.ts";
import { SUBNETS } from "../../src/core/subnet-catalogue.ts";

/** An aligned /14../16 block inside 10.0.0.0/8. */
const space = fc.integer({ min: 14, max: 16 }).chain((prefix) =>
  fc.nat({ max: 2 ** (prefix - 8) - 1 }).map((index) => {
    const base = (10 * 2 ** 24 + index * 2 ** (32 - prefix)) >>> 0;
    return `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}/${prefix}`;
  }),
);

const region = fc.constantFrom<RegionName>(...REGION_NAMES);
const clusterName = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const cluster = fc.record({ name: clusterName, region });
const clusters = fc.uniqueArray(cluster, { minLength: 1, maxLength: 6, selector: (c) => c.name });

/** Valid overrides: from one step larger than the default down to the smallest size the catalogue allows. */
const subnetPrefixes: fc.Arbitrary<Partial<Record<SubnetKind, number>>> = fc.record(
  Object.fromEntries(
    SUBNET_KINDS.map((kind) => [kind, fc.integer({ min: SUBNETS[kind].defaultPrefix - 1, max: SUBNETS[kind].maxPrefix })]),
  ) as Record<SubnetKind, fc.Arbitrary<number>>,
  { requiredKeys: [] },
);

const input: fc.Arbitrary<AddressPlanInput> = fc
  .record({
    space,
    primary: region,
    clusters,
    accessMode: fc.constantFrom("avd" as const, "tailscale" as const),
    subnetPrefixes,
  })
  .map(({ primary, ...rest }) => ({
    ...rest,
    primary,
    secondary: REGION_NAMES.find((r) => r !== primary) as RegionName,
  }));

const PROBLEM_PATH = /^(addressSpace|subnetPrefixes\.[A-Za-z]+|clusters\[\d+\])$/;

/** [first, last] address of a CIDR as integers: an oracle independent of the ip-num based helpers (and faster). */
function span(cidr: string): [number, number] {
  const [address = "", prefix = ""] = cidr.split("/");
  const first = address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
  return [first, first + 2 ** (32 - Number(prefix)) - 1];
}
const inside = (inner: string, outer: string) => {
  const [a, b] = span(inner);
  const [c, d] = span(outer);
  return c <= a && b <= d;
};
const disjoint = (x: string, y: string) => {
  const [a, b] = span(x);
  const [c, d] = span(y);
  return b < c || d < a;
};

function assertConsistent(plan: AddressPlan, input: AddressPlanInput): void {
  assert.deepEqual(internalOverlaps(plan), []);
  for (const [i, a] of plan.vnets.entries()) {
    assert.ok(inside(a.cidr, input.space), `${a.key} ${a.cidr} outside ${input.space}`);
    const block = plan.regionBlocks.find((b) => b.region === a.region);
    assert.ok(block && within(a.cidr, block.cidr), `${a.key} outside its region block`);
    // Platform VNets live in the platform block, cluster spokes outside it.
    assert.equal(inside(a.cidr, block.platformBlock), a.kind !== "cluster", `${a.key} vs the platform block`);
    for (const b of plan.vnets.slice(i + 1)) assert.ok(disjoint(a.cidr, b.cidr), `${a.key} overlaps ${b.key}`);
    for (const [s, subnet] of a.subnets.entries()) {
      assert.ok(inside(subnet.cidr, a.cidr), `${a.key}/${subnet.kind} outside its VNet`);
      const size = Number(subnet.cidr.split("/")[1]);
      assert.ok(size <= SUBNETS[subnet.kind].maxPrefix, `${a.key}/${subnet.kind} /${size} is below its minimum size`);
      assert.equal(size, input.subnetPrefixes[subnet.kind] ?? SUBNETS[subnet.kind].defaultPrefix, `${a.key}/${subnet.kind}`);
      for (const other of a.subnets.slice(s + 1)) {
        assert.ok(disjoint(subnet.cidr, other.cidr), `${a.key}: ${subnet.kind} overlaps ${other.kind}`);
      }
    }
  }
}

test("property: the plan never overlaps, nests every range in its parent and sizes every subnet as asked", () => {
  fc.assert(
    fc.property(input, (input) => {
      const { plan, problems } = planAddresses(input);
      // Even a plan with problems is consistent as far as it goes.
      assertConsistent(plan, input);
      for (const p of problems) {
        assert.match(p.path, PROBLEM_PATH);
        assert.ok(p.message.length > 0);
      }
      if (problems.length > 0) {
        // Only running out of room can fail here: every override is within the catalogue's bounds.
        for (const p of problems) assert.match(p.path, /^clusters\[\d+\]$|^addressSpace$/);
        return;
      }
      assert.equal(plan.regionBlocks.length, 2);
      for (const r of [input.primary, input.secondary]) {
        assert.ok(
          plan.vnets.some((v) => v.key.startsWith("hub-") && v.region === r),
          `no hub in ${r}`,
        );
      }
      for (const c of input.clusters) {
        const vnet = plan.vnets.find((v) => v.key === `cluster-${c.name}`);
        assert.ok(vnet, `no VNet for cluster ${c.name}`);
        assert.equal(vnet.region, c.region);
        assert.equal(vnet.cluster, c.name);
      }
      assert.equal(
        plan.vnets.some((v) => v.kind === "access"),
        input.accessMode === "avd",
      );
    }),
    { numRuns: 40 },
  );
});

test("property: appending a cluster never moves an existing VNet or subnet", () => {
  // Each run plans every prefix of a cluster list (one to seven clusters) and compares each plan with the next.
  fc.assert(
    fc.property(input, cluster, (input, extra) => {
      fc.pre(!input.clusters.some((c) => c.name === extra.name));
      const all = [...input.clusters, extra];
      let before = planAddresses({ ...input, clusters: all.slice(0, 1) });
      for (let n = 2; n <= all.length; n++) {
        const after = planAddresses({ ...input, clusters: all.slice(0, n) });
        for (const vnet of before.plan.vnets) {
          assert.deepEqual(
            after.plan.vnets.find((v) => v.key === vnet.key),
            vnet,
            `${vnet.key} changed when clusters[${n - 1}] was appended`,
          );
        }
        // The appended cluster adds its own VNet, or one problem that names it; earlier problems stay as they were.
        const added = after.plan.vnets.filter((v) => !before.plan.vnets.some((b) => b.key === v.key));
        const newProblems = after.problems.slice(before.problems.length);
        assert.deepEqual(after.problems.slice(0, before.problems.length), before.problems);
        if (added.length === 1) {
          assert.equal(added[0]?.key, `cluster-${all[n - 1]?.name}`);
          assert.deepEqual(newProblems, []);
        } else {
          assert.equal(added.length, 0);
          assert.deepEqual(
            newProblems.map((p) => p.path),
            [`clusters[${n - 1}]`],
          );
        }
        before = after;
      }
    }),
    { numRuns: 12 },
  );
});
