/**
 * Markdown for a run's summary page ($GITHUB_STEP_SUMMARY) from `plugilo plan <env> --json`: resources per
 * stack, and the findings. Usage: node packages/workflows/src/plan-summary.ts plan-prod.json
 */
import { readFileSync } from "node:fs";

interface PlanJson {
  environment: string;
  stacks: { name: string; resourceCount: number }[];
  resources: unknown[];
  findings: { rule: string; severity: "error" | "warning"; urn: string; message: string }[];
}

const MAX_FINDINGS = 50;

/** Table cells must not break the Markdown table. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

export function planSummary(plan: PlanJson): string {
  const errors = plan.findings.filter((f) => f.severity === "error");
  const warnings = plan.findings.filter((f) => f.severity === "warning");
  const lines = [
    `### Offline plan: ${plan.environment} ${errors.length ? "❌" : "✅"}`,
    "",
    `${plan.resources.length} resources in ${plan.stacks.length} stacks; ${errors.length} errors, ${warnings.length} warnings.`,
    "",
    "| stack | resources |",
    "|---|---:|",
    ...plan.stacks.map((s) => `| ${cell(s.name)} | ${s.resourceCount} |`),
  ];
  if (plan.findings.length) {
    lines.push("", "| severity | rule | message |", "|---|---|---|");
    for (const f of [...errors, ...warnings].slice(0, MAX_FINDINGS)) {
      lines.push(`| ${f.severity} | ${cell(f.rule)} | ${cell(f.message)} |`);
    }
    if (plan.findings.length > MAX_FINDINGS) lines.push("", `${plan.findings.length - MAX_FINDINGS} more in the plan artifact.`);
  }
  return `${lines.join("\n")}\n`;
}

/** The summary of a plan file; a file that holds no plan (invalid configuration: exit 2) says so. */
export function planFileSummary(path: string): string {
  let text = "";
  try {
    text = readFileSync(path, "utf8");
    return planSummary(JSON.parse(text) as PlanJson);
  } catch {
    return `### Offline plan: ${path}\n\nNo plan: the configuration is invalid or the plan failed (see the log).\n`;
  }
}

if (import.meta.main) {
  for (const path of process.argv.slice(2)) process.stdout.write(planFileSummary(path));
}
