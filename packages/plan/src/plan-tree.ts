/** The readable form of a plan: one tree per stack (type, name, flags), then totals and findings. */
import type { PlannedResource } from "@plugilo/policy";
import type { PlanResult } from "./plan.ts";

function stackTree(resources: readonly PlannedResource[]): string[] {
  const children = new Map<string | null, PlannedResource[]>();
  const urns = new Set(resources.map((r) => r.urn));
  for (const r of resources) {
    const parent = r.parent && urns.has(r.parent) ? r.parent : null;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  const lines: string[] = [];
  const walk = (parent: string | null, prefix: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      const flags = r.protect ? "  [protected]" : "";
      const location = typeof r.inputs.location === "string" ? `  (${r.inputs.location})` : "";
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${r.type}  ${r.name}${location}${flags}`);
      walk(r.urn, `${prefix}${last ? "   " : "│  "}`);
    });
  };
  walk(null, "  ");
  return lines;
}

/** Stack outputs, one line each, long values shortened: what `pulumi stack output` would show. */
function outputLines(outputs: Record<string, unknown> | undefined): string[] {
  const entries = Object.entries(outputs ?? {});
  if (entries.length === 0) return [];
  const shorten = (text: string) => (text.length > 150 ? `${text.slice(0, 147)}...` : text);
  return ["  outputs:", ...entries.map(([key, value]) => `    ${key}: ${shorten(JSON.stringify(value) ?? "undefined")}`)];
}

/** "germanywestcentral 129,024 (2 IPs), germanynorth 64,512 (1 IP)": the hub's outbound SNAT capacity. */
function snatSummary(plan: PlanResult): string | undefined {
  const capacity = plan.outputs?.hub?.snatPortCapacity as Record<string, number> | undefined;
  if (!capacity || Object.keys(capacity).length === 0) return undefined;
  const perIp = 64_512;
  const regions = Object.entries(capacity).map(([region, ports]) => {
    const ips = Math.round(ports / perIp);
    return `${region} ${ports.toLocaleString("en-US")} (${ips} NAT IP${ips === 1 ? "" : "s"})`;
  });
  return `SNAT port capacity (64,512 per NAT IP): ${regions.join(", ")}`;
}

export function renderPlanTree(plan: PlanResult, file?: string): string {
  const out: string[] = [`Offline plan of ${plan.environment}${file ? ` (${file})` : ""}: simulated Azure, nothing deployed`, ""];
  for (const stack of plan.stacks) {
    out.push(`${stack.name}: ${stack.resourceCount} resources`);
    out.push(...stackTree(plan.resources.filter((r) => r.stack === stack.name)));
    out.push(...outputLines(plan.outputs?.[stack.name]));
    out.push("");
  }
  const azure = plan.resources.filter((r) => r.type.startsWith("azure-native:"));
  const byType = new Map<string, number>();
  for (const r of azure) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  const errors = plan.findings.filter((f) => f.severity === "error");
  const warnings = plan.findings.filter((f) => f.severity === "warning");
  out.push(
    `Totals: ${plan.stacks.length} stacks, ${plan.resources.length} resources (${azure.length} Azure resources), ` +
      `${errors.length} errors, ${warnings.length} warnings`,
  );
  const snat = snatSummary(plan);
  if (snat) out.push(snat);
  for (const [type, count] of [...byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    out.push(`  ${String(count).padStart(4)}  ${type}`);
  }
  if (plan.findings.length) {
    out.push("", "Findings:");
    for (const f of plan.findings) out.push(`  ${f.severity} [${f.rule}] ${f.message}`);
  }
  return out.join("\n");
}
