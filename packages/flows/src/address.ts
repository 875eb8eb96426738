/** IPv4 ranges as numbers: fast containment tests for route, rule and record matching (parsing: ip-num). */
import { IPv4, IPv4CidrRange } from "ip-num";

export interface AddressRange {
  lo: number;
  hi: number;
  /** As written: a CIDR, an address, or a name for an address Azure assigns (a private endpoint's NIC). */
  text: string;
}

const cache = new Map<string, AddressRange | undefined>();

/** A CIDR or a single address; undefined for anything else (a service tag, `*`). */
export function toRange(value: string): AddressRange | undefined {
  if (cache.has(value)) return cache.get(value);
  let range: AddressRange | undefined;
  try {
    if (value.includes("/")) {
      const r = IPv4CidrRange.fromCidr(value);
      range = { lo: Number(r.getFirst().getValue()), hi: Number(r.getLast().getValue()), text: value };
    } else if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
      const n = Number(IPv4.fromString(value).getValue());
      range = { lo: n, hi: n, text: value };
    }
  } catch {
    range = undefined;
  }
  cache.set(value, range);
  return range;
}

export function prefixBits(range: AddressRange): number {
  return 32 - Math.log2(range.hi - range.lo + 1);
}

export const inside = (inner: AddressRange, outer: AddressRange) => inner.lo >= outer.lo && inner.hi <= outer.hi;
export const overlapping = (a: AddressRange, b: AddressRange) => a.lo <= b.hi && b.lo <= a.hi;

/** The n-th address of a CIDR as a dotted quad. */
export function addressAt(cidr: string, n: number): string {
  const r = toRange(cidr);
  if (!r) throw new Error(`not a CIDR: ${cidr}`);
  return IPv4.fromNumber(BigInt(r.lo + n)).toString();
}

/**
 * RFC 1918 and RFC 6598 shared address space: Azure Firewall's default SNAT exemptions (IANAPrivateRanges).
 * https://learn.microsoft.com/azure/firewall/snat-private-range
 */
export const IANA_PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

export const isPrivate = (r: AddressRange) => IANA_PRIVATE_RANGES.some((p) => inside(r, toRange(p) as AddressRange));

/**
 * A public address stands for a public service known by name or tag: TEST-NET-2 (RFC 5737), routed like any
 * public address (0.0.0.0/0), never a real destination.
 */
export const PUBLIC_STAND_IN = "198.51.100.10";
