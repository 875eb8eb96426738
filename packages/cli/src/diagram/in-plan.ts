/** Which diagram nodes the plan would create. */
import type { DiagramNode, PlanView } from "./diagram-types.ts";

/** A node is in the plan when a resource of its type names it (as its name or among its inputs). */
export function markPlanned(nodes: DiagramNode[], plan: PlanView | undefined): void {
  if (!plan) return;
  const byType = new Map<string, string[]>();
  for (const r of plan.resources) {
    const list = byType.get(r.type) ?? [];
    list.push(`${r.name} ${JSON.stringify(r.inputs)}`);
    byType.set(r.type, list);
  }
  for (const n of nodes) {
    if (!n.planType) continue;
    const texts = byType.get(n.planType) ?? [];
    const name = n.aliases[0] ?? "";
    n.inPlan = texts.some((t) => t.includes(`"${name}"`) || t.startsWith(`${name} `));
  }
}
