/** The CIDR helpers the address plan is built on. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { IPv4CidrRange } from "ip-num";
import {
  addressCount,
  blocksOf,
  cidrProblem,
  containsAddress,
  firstFreeBlock,
  firstUsableAzureAddress,
  nthAddress,
  overlaps,
  prefixLength,
  within,
} from "../../src/core/cidr.ts";

test("cidrProblem accepts canonical IPv4 CIDRs only", () => {
  assert.equal(cidrProblem("10.60.0.0/16"), undefined);
  assert.equal(cidrProblem("0.0.0.0/0"), undefined);
  assert.equal(cidrProblem("10.60.0.4/32"), undefined);
  for (const bad of ["10.60.0.0", "10.60.0.0/33", "10.60.0.256/24", "10.60/16", "fd00::/8", " 10.60.0.0/16", "x"]) {
    assert.match(cidrProblem(bad) ?? "", /must be an IPv4 CIDR/, bad);
  }
  assert.equal(cidrProblem("10.60.0.1/16"), "is not aligned to its prefix length (did you mean 10.60.0.0/16?)");
});

test("prefixLength, addressCount", () => {
  assert.equal(prefixLength("10.60.0.0/16"), 16);
  assert.equal(addressCount("10.60.0.0/26"), 64n);
  assert.equal(addressCount("10.60.0.0/16"), 65536n);
});

test("overlaps is symmetric and counts nesting; within counts equality", () => {
  assert.ok(overlaps("10.0.0.0/8", "10.60.0.0/16"));
  assert.ok(overlaps("10.60.0.0/16", "10.0.0.0/8"));
  assert.ok(!overlaps("10.60.0.0/17", "10.60.128.0/17"));
  assert.ok(within("10.60.0.0/17", "10.60.0.0/16"));
  assert.ok(within("10.60.0.0/16", "10.60.0.0/16"));
  assert.ok(!within("10.60.0.0/16", "10.60.0.0/17"));
  // The edges of the address space, and neighbours that touch without sharing an address.
  assert.ok(within("255.255.255.255/32", "0.0.0.0/0"));
  assert.ok(!overlaps("10.60.0.0/24", "10.60.1.0/24"));
  assert.ok(overlaps("10.60.0.255/32", "10.60.0.0/24"));
  assert.ok(!within("10.60.1.0/32", "10.60.0.0/24"));
});

test("within and overlaps answer as ip-num's inside and isOverlapping, asked again and again", () => {
  // Pairs that share leading bits often, so nesting, equality and disjoint neighbours all occur.
  const cidr = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })).map(([address, prefix]) => {
    const network = prefix === 0 ? 0 : Math.floor(address / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
    return `${[24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join(".")}/${prefix}`;
  });
  const pair = fc.oneof(
    fc.tuple(cidr, cidr),
    cidr.chain((a) =>
      fc.tuple(fc.constant(a), fc.integer({ min: 0, max: 32 })).map(([c, p]) => {
        const r = IPv4CidrRange.fromCidr(c);
        const q = Math.min(p, Number(r.getPrefix().getValue()));
        const first = Number(r.getFirst().getValue());
        const network = q === 0 ? 0 : Math.floor(first / 2 ** (32 - q)) * 2 ** (32 - q);
        return [c, `${[24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join(".")}/${q}`] as const;
      }),
    ),
  );
  fc.assert(
    fc.property(pair, ([a, b]) => {
      const [ra, rb] = [IPv4CidrRange.fromCidr(a), IPv4CidrRange.fromCidr(b)];
      for (let i = 0; i < 2; i++) {
        assert.equal(within(a, b), ra.inside(rb));
        assert.equal(within(b, a), rb.inside(ra));
        assert.equal(overlaps(a, b), ra.isOverlapping(rb));
      }
    }),
    { numRuns: 2000 },
  );
});

test("blocksOf tiles the parent in address order", () => {
  assert.deepEqual(blocksOf("10.60.0.0/16", 18), ["10.60.0.0/18", "10.60.64.0/18", "10.60.128.0/18", "10.60.192.0/18"]);
  assert.deepEqual(blocksOf("10.60.0.0/24", 24), ["10.60.0.0/24"]);
  assert.equal(blocksOf("10.60.0.0/23", 26).length, 8);
});

test("nthAddress counts from the network address, negative from the end; out of range throws", () => {
  assert.equal(nthAddress("10.60.0.0/26", 0), "10.60.0.0");
  assert.equal(nthAddress("10.60.0.0/26", 4), "10.60.0.4");
  assert.equal(nthAddress("10.60.0.0/26", -1), "10.60.0.63");
  assert.equal(nthAddress("10.60.16.0/22", -2), "10.60.19.254");
  assert.throws(() => nthAddress("10.60.0.0/26", 64), RangeError);
  assert.throws(() => nthAddress("10.60.0.0/26", -65), RangeError);
});

test("the first address Azure hands out is the fifth of the subnet", () => {
  assert.equal(firstUsableAzureAddress("10.60.0.0/26"), "10.60.0.4");
  assert.equal(firstUsableAzureAddress("10.60.64.64/27"), "10.60.64.68");
});

test("containsAddress", () => {
  assert.ok(containsAddress("10.60.16.0/22", "10.60.19.254"));
  assert.ok(!containsAddress("10.60.16.0/22", "10.60.20.0"));
});

test("firstFreeBlock: the first aligned block, in address order, that overlaps nothing taken", () => {
  assert.equal(firstFreeBlock("10.60.0.0/24", 26, []), "10.60.0.0/26");
  assert.equal(firstFreeBlock("10.60.0.0/24", 26, ["10.60.0.0/27"]), "10.60.0.64/26");
  assert.equal(firstFreeBlock("10.60.0.0/24", 26, ["10.60.0.0/26", "10.60.0.128/32"]), "10.60.0.64/26");
  assert.equal(firstFreeBlock("10.60.0.0/24", 26, ["10.60.0.64/26", "10.60.0.0/28"]), "10.60.0.128/26");
  assert.equal(firstFreeBlock("10.60.0.0/24", 24, ["10.61.0.0/16"]), "10.60.0.0/24");
  assert.equal(firstFreeBlock("10.60.0.0/24", 26, ["10.0.0.0/8"]), undefined);
  assert.equal(firstFreeBlock("10.60.0.0/16", 28, ["10.60.0.0/17", "10.60.128.0/18"]), "10.60.192.0/28");
});
