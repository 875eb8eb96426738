/** The estimate's lines: each quantity priced from the snapshot, or listed as unpriced with the reason. */
import type { PlanJson } from "../command-io.ts";
import { type PriceRow, type PriceSnapshot, priceOf } from "./price-snapshot.ts";

export const HOURS_PER_MONTH = 730;

export interface CostLine {
  stack: string;
  resource: string;
  type: string;
  meter: string;
  quantity: number;
  unitPrice: number;
  monthly: number;
  source: string;
}

export interface UnpricedResource {
  stack: string;
  resource: string;
  type: string;
  reason: string;
}

export const vcpusOf = (vmSize: string): number => Number(/^Standard_[A-Z]+(\d+)/.exec(vmSize)?.[1] ?? Number.NaN);

export class Ledger {
  readonly lines: CostLine[] = [];
  readonly unpriced: UnpricedResource[] = [];
  private readonly snapshot: PriceSnapshot;
  constructor(snapshot: PriceSnapshot) {
    this.snapshot = snapshot;
  }

  price(id: string): PriceRow | undefined {
    return priceOf(this.snapshot, id);
  }

  /** Adds a line, or an unpriced entry when the snapshot has no such price. */
  add(stack: string, resource: string, type: string, priceId: string, quantity: number): number {
    const p = this.price(priceId);
    if (!p || !Number.isFinite(quantity)) {
      this.unpriced.push({ stack, resource, type, reason: `no price ${priceId} in the snapshot` });
      return 0;
    }
    const monthly = round(quantity * p.price);
    const meter = `${p.service} ${p.meter} (${p.unit})${p.verified === "unverified" ? " [unverified price]" : ""}`;
    this.lines.push({ stack, resource, type, meter, quantity: round(quantity), unitPrice: p.price, monthly, source: p.source });
    return monthly;
  }

  none(stack: string, resource: string, type: string, reason: string): void {
    this.unpriced.push({ stack, resource, type, reason });
  }
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** How many resources of a type each stack of the plan creates. */
export function countByStack(plan: PlanJson | undefined, type: string): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of plan?.resources ?? []) if (r.type === type) counts.set(r.stack, (counts.get(r.stack) ?? 0) + 1);
  return [...counts];
}

export function vmPriceId(vmSize: string): string {
  return `vm-${vmSize
    .replace(/^Standard_/, "")
    .toLowerCase()
    .replace(/_/g, "-")}`;
}
