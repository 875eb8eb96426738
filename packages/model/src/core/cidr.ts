/** Thin helpers over ip-num so the rest of the model speaks CIDR strings. */
import { IPv4, IPv4CidrRange, IPv4Prefix } from "ip-num";

export type Cidr = string;

export function parseCidr(cidr: Cidr): IPv4CidrRange {
  return IPv4CidrRange.fromCidr(cidr);
}

/** Why a string is not a canonical IPv4 CIDR, or undefined when it is one. */
export function cidrProblem(value: string): string | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value)) return "must be an IPv4 CIDR such as 10.0.0.0/16";
  let range: IPv4CidrRange;
  try {
    range = parseCidr(value);
  } catch {
    return "must be an IPv4 CIDR such as 10.0.0.0/16";
  }
  const network = range.getFirst().toString();
  const [address, prefix] = value.split("/");
  if (network !== address) return `is not aligned to its prefix length (did you mean ${network}/${prefix}?)`;
  return undefined;
}

export function prefixLength(cidr: Cidr): number {
  return Number(parseCidr(cidr).getPrefix().getValue());
}

/**
 * First and last address of a CIDR as numbers, parsed once per string: the model, the NSG rules and the policy
 * rules ask `within` and `overlaps` of the same few hundred CIDRs thousands of times, and ip-num rebuilds the
 * range, its mask and its bounds on every call. Bounded, so a long-lived process does not grow it forever.
 */
const boundsCache = new Map<Cidr, readonly [bigint, bigint]>();

function bounds(cidr: Cidr): readonly [bigint, bigint] {
  let b = boundsCache.get(cidr);
  if (!b) {
    const range = parseCidr(cidr);
    b = [range.getFirst().getValue(), range.getLast().getValue()];
    if (boundsCache.size >= 10_000) boundsCache.clear();
    boundsCache.set(cidr, b);
  }
  return b;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  const [aFirst, aLast] = bounds(a);
  const [bFirst, bLast] = bounds(b);
  return aFirst <= bLast && bFirst <= aLast;
}

/** True when `inner` lies entirely inside `outer` (equal counts as inside). */
export function within(inner: Cidr, outer: Cidr): boolean {
  const [innerFirst, innerLast] = bounds(inner);
  const [outerFirst, outerLast] = bounds(outer);
  return innerFirst >= outerFirst && innerLast <= outerLast;
}

/** The aligned blocks of the given prefix length that tile `parent`, in address order. */
export function blocksOf(parent: Cidr, prefix: number): Cidr[] {
  return parseCidr(parent)
    .splitInto(IPv4Prefix.fromNumber(BigInt(prefix)))
    .map((r) => `${r.getFirst().toString()}/${prefix}`);
}

/**
 * The first aligned block of `prefix` inside `parent`, in address order, that overlaps none of `taken` (what
 * `blocksOf(parent, prefix).find(...)` with `overlaps` gives), by stepping through the bounds: a /16 holds
 * 4,096 blocks of /28, and naming and parsing each one as a string cost more than the rest of the layout.
 */
export function firstFreeBlock(parent: Cidr, prefix: number, taken: readonly Cidr[]): Cidr | undefined {
  const [first, last] = bounds(parent);
  const size = 1n << BigInt(32 - prefix);
  const takenBounds = taken.map(bounds);
  for (let start = first; start + size - 1n <= last; start += size) {
    const end = start + size - 1n;
    if (!takenBounds.some(([tFirst, tLast]) => tFirst <= end && start <= tLast))
      return `${IPv4.fromNumber(start).toString()}/${prefix}`;
  }
  return undefined;
}

/** The n-th address of a range (0 = network address). */
export function nthAddress(cidr: Cidr, n: number): string {
  const [first, last] = bounds(cidr);
  const size = last - first + 1n;
  const index = n < 0 ? size + BigInt(n) : BigInt(n);
  if (index < 0n || index >= size) throw new RangeError(`address ${n} is outside ${cidr}`);
  return IPv4.fromNumber(first + index).toString();
}

export function addressCount(cidr: Cidr): bigint {
  const [first, last] = bounds(cidr);
  return last - first + 1n;
}

export function containsAddress(cidr: Cidr, address: string): boolean {
  const [first, last] = bounds(cidr);
  const value = IPv4.fromString(address).getValue();
  return value >= first && value <= last;
}

/**
 * Azure reserves five addresses per subnet: the network address, .1 (gateway), .2 and .3 (DNS), and the
 * broadcast address. The first address a resource can get is therefore the fifth (offset 4).
 * https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
 */
export const AZURE_RESERVED_LEADING_ADDRESSES = 4;

export function firstUsableAzureAddress(cidr: Cidr): string {
  return nthAddress(cidr, AZURE_RESERVED_LEADING_ADDRESSES);
}

/**
 * `ranges` without `holes`, as the fewest aligned CIDRs. The hub firewalls must SNAT traffic to private
 * endpoints (their return traffic ignores UDRs), and Azure Firewall SNATs exactly the destinations outside
 * its private ranges: so the data private endpoint subnets are cut out of those ranges.
 * https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall
 */
export function cidrsWithout(ranges: readonly string[], holes: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (cidr: string) => {
    const inner = holes.filter((h) => overlaps(h, cidr));
    if (inner.length === 0) {
      out.push(cidr);
      return;
    }
    if (inner.some((h) => within(cidr, h))) return;
    const range = parseCidr(cidr);
    const prefix = Number(range.getPrefix().getValue());
    const [low, high] = range.split();
    if (!low || !high || prefix >= 32) return;
    visit(`${low.getFirst().toString()}/${prefix + 1}`);
    visit(`${high.getFirst().toString()}/${prefix + 1}`);
  };
  for (const r of ranges) visit(r);
  return out;
}
