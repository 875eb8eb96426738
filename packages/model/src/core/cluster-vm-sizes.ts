/**
 * VM sizes that are retired or have an announced retirement date, as data with their source. Nothing in this
 * repository may emit one: validation rejects them in the environment files, and the plan rule
 * `no-retired-vm-sizes` (packages/policy) fails any planned resource that names one anywhere in its inputs.
 * An announced retirement counts as retired here: a size bought today must not need a migration tomorrow.
 *
 * Sources (read 2026, AZURE-FACTS):
 *   https://learn.microsoft.com/azure/virtual-machines/sizes/retirement/retired-sizes-list
 *   https://learn.microsoft.com/azure/virtual-machines/ncv3-retirement
 */

export interface RetiredVmFamily {
  family: string;
  /** Matches the whole size name (case-insensitive: Azure ignores case in size names). */
  pattern: RegExp;
  /** ISO date of the retirement (past or announced). */
  retires: string;
  replacement: string;
  source: string;
}

const RETIRED_LIST = "https://learn.microsoft.com/azure/virtual-machines/sizes/retirement/retired-sizes-list";

export const RETIRED_VM_FAMILIES: readonly RetiredVmFamily[] = [
  {
    family: "NCv3",
    pattern: /^Standard_NC\d+r?s_v3$/i,
    retires: "2025-09-30",
    replacement: "NCasT4_v3 (inference, e.g. Standard_NC4as_T4_v3), NVadsA10_v5, NCadsH100_v5",
    source: "https://learn.microsoft.com/azure/virtual-machines/ncv3-retirement",
  },
  {
    family: "D (v1)",
    pattern: /^Standard_D\d+$/i,
    retires: "2028-05-01",
    replacement: "Dsv5, Ddsv5, Dsv6 or Ddsv6",
    source: RETIRED_LIST,
  },
  {
    family: "Ds (v1)",
    pattern: /^Standard_DS\d+$/i,
    retires: "2028-05-01",
    replacement: "Dsv5, Ddsv5, Dsv6 or Ddsv6",
    source: RETIRED_LIST,
  },
  {
    family: "Dv2",
    pattern: /^Standard_D\d+_v2(_Promo)?$/i,
    retires: "2028-05-01",
    replacement: "Dv5, Ddv5, Dv6 or Ddv6",
    source: RETIRED_LIST,
  },
  {
    family: "Dsv2",
    pattern: /^Standard_DS\d+(-\d+)?_v2(_Promo)?$/i,
    retires: "2028-05-01",
    replacement: "Dsv5, Ddsv5, Dsv6 or Ddsv6",
    source: RETIRED_LIST,
  },
  {
    family: "F / Fs",
    pattern: /^Standard_F\d+s?$/i,
    retires: "2028-11-15",
    replacement: "Fasv6, Falsv6 or Famsv6",
    source: RETIRED_LIST,
  },
  {
    family: "Fsv2",
    pattern: /^Standard_F\d+s_v2$/i,
    retires: "2028-11-15",
    replacement: "Fasv6, Falsv6 or Famsv6",
    source: RETIRED_LIST,
  },
  {
    family: "Av2",
    pattern: /^Standard_A\d+m?_v2$/i,
    retires: "2028-11-15",
    replacement: "Dasv5 or Dsv5 (or Bsv2 for burstable work)",
    source: RETIRED_LIST,
  },
  {
    family: "B (v1)",
    pattern: /^Standard_B\d+(ls|s|ms)$/i,
    retires: "2028-11-15",
    replacement: "Bsv2, Basv2 or Bpsv2",
    source: RETIRED_LIST,
  },
];

/** The retired family a size belongs to, or undefined for a current size. */
export function retiredVmFamily(size: string): RetiredVmFamily | undefined {
  return RETIRED_VM_FAMILIES.find((f) => f.pattern.test(size));
}

/** Every VM size name mentioned in a text (a Helm values string, a Karpenter requirement, an input). */
export function vmSizesIn(text: string): string[] {
  return text.match(/\bStandard_[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*/g) ?? [];
}

export function retiredVmSizeMessage(size: string, family: RetiredVmFamily): string {
  return `${size} is a ${family.family} size, retired on ${family.retires} (or announced for that date): use ${family.replacement}`;
}
