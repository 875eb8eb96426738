/** The dated price snapshot kept in the repository (price-snapshot.json) and lookups into it. */
import { readFileSync } from "node:fs";

export interface PriceRow {
  id: string;
  /** Retail Prices API: serviceName, meterName, skuName, armRegionName, unitOfMeasure, retailPrice, currencyCode. */
  service: string;
  meter: string;
  sku: string;
  region: string;
  unit: string;
  price: number;
  currency: string;
  date: string;
  /** The public page the price was read on (or must be checked on, when unverified). */
  source: string;
  /** secondary: read on the cited public page; unverified: a list price not re-read for this snapshot. */
  verified: "official" | "secondary" | "unverified";
  note: string;
}

export interface PriceSnapshot {
  date: string;
  currency: string;
  note: string;
  prices: PriceRow[];
}

export const PRICE_SNAPSHOT_FILE = new URL("./price-snapshot.json", import.meta.url);

export function loadPriceSnapshot(file: URL | string = PRICE_SNAPSHOT_FILE): PriceSnapshot {
  return JSON.parse(readFileSync(file, "utf8")) as PriceSnapshot;
}

export function priceOf(snapshot: PriceSnapshot, id: string): PriceRow | undefined {
  return snapshot.prices.find((p) => p.id === id);
}
