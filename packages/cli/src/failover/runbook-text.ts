/** The readable forms of a failover: the dry run (what would happen) and the report after --execute. */
import type { ExecutionResult } from "./execute.ts";
import type { FailoverService, ServiceRunbook } from "./runbook.ts";

const PHASES = [
  ["precondition", "Preconditions"],
  ["action", "Steps"],
  ["post-check", "Post-checks"],
] as const;

export function renderRunbook(environment: string, runbook: ServiceRunbook): string {
  const lines = [
    `${runbook.service}: ${environment}, ${runbook.from} -> ${runbook.to}${runbook.forced ? " (forced: the source region is down)" : " (planned)"}`,
  ];
  let n = 0;
  for (const [phase, heading] of PHASES) {
    const steps = runbook.steps.filter((s) => s.phase === phase);
    if (!steps.length) continue;
    lines.push(`  ${heading}:`);
    for (const s of steps) {
      n += 1;
      lines.push(`    ${n}. ${s.title}`, `       ${s.resource}`);
      if (s.az) lines.push(`       az: ${s.az}`);
    }
  }
  lines.push(`  Expected RTO: ${runbook.rto}`, `  Expected RPO: ${runbook.rpo}`);
  for (const note of runbook.notes) lines.push(`  Note: ${note}`);
  return lines.join("\n");
}

export function renderDryRun(
  environment: string,
  runbooks: readonly ServiceRunbook[],
  skipped: readonly { service: FailoverService; reason: string }[] = [],
): string {
  const parts = runbooks.map((r) => renderRunbook(environment, r));
  for (const s of skipped) parts.push(`${s.service}: skipped: ${s.reason}`);
  parts.push(
    "Dry run: nothing was changed. Run again with --execute to perform these steps (Azure credentials: DefaultAzureCredential).",
  );
  return parts.join("\n\n");
}

export function renderReport(result: ExecutionResult): string {
  const lines: string[] = [];
  lines.push(`done (${result.completed.length}):`);
  for (const c of result.completed) lines.push(`  ${c.service}: ${c.step.title}: ${c.result}`);
  if (result.failed) {
    const f = result.failed;
    lines.push(`FAILED (${f.reason}): ${f.service}: ${f.step.title}`, `  ${f.step.resource}`, `  ${f.message}`);
    if (f.step.az) lines.push(`  by hand: ${f.step.az}`);
    lines.push(`not run (${result.notRun.length}):`);
    for (const s of result.notRun) lines.push(`  ${s.service}: ${s.step.title}`);
  }
  return lines.join("\n");
}
