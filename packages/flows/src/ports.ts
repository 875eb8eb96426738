import type { PortRange } from "@plugilo/model";

/** True when every port of `want` is in one of the rule's port expressions (`*`, `443`, `8500-8599`). */
export function portsCovered(want: PortRange, expressions: readonly string[]): boolean {
  const ranges = expressions.map((e) => {
    if (e === "*" || e === "Any") return { from: 0, to: 65535 };
    const [a, b] = e.split("-").map(Number);
    return { from: a ?? -1, to: b ?? a ?? -1 };
  });
  // Walk the wanted range through the union of the rule's ranges.
  let next = want.from;
  for (const r of [...ranges].sort((x, y) => x.from - y.from)) {
    if (r.from <= next && r.to >= next) next = r.to + 1;
    if (next > want.to) return true;
  }
  return next > want.to;
}

export const portText = (p: PortRange) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`);
