/** Port specifications as Azure Firewall and NSG rules write them: "443", "8500-8599", "*". */
export interface PortRange {
  from: number;
  to: number;
}

export function parsePorts(specs: readonly string[]): PortRange[] {
  return specs.flatMap((spec) => {
    const s = String(spec).trim();
    if (s === "*") return [{ from: 0, to: 65535 }];
    const [a, b] = s.split("-").map((x) => Number.parseInt(x, 10));
    if (a === undefined || Number.isNaN(a)) return [];
    return [{ from: a, to: b === undefined || Number.isNaN(b) ? a : b }];
  });
}

export function opensPort(ranges: readonly PortRange[], port: number): boolean {
  return ranges.some((r) => r.from <= port && port <= r.to);
}

/** Every port of `range` is open in `ranges`. */
export function coversRange(ranges: readonly PortRange[], range: PortRange): boolean {
  for (let p = range.from; p <= range.to; p++) if (!opensPort(ranges, p)) return false;
  return true;
}
