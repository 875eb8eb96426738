/** Text and JSON output of `plugilo flows`. */
import { type FlowResult, violates } from "./evaluate.ts";

export function flowsToJson(environment: string, results: readonly FlowResult[]): string {
  return JSON.stringify(
    {
      environment,
      flows: results.map(({ id, kind, source, destination, protocol, port, verdict, hops, reason }) => ({
        id,
        kind,
        source,
        destination,
        protocol,
        port,
        verdict,
        hops: hops.map(({ at, decision }) => ({ at, decision })),
        reason,
      })),
    },
    null,
    2,
  );
}

export function renderFlowTable(environment: string, results: readonly FlowResult[]): string {
  const rows = results.map((r) => [
    violates(r) ? "FAIL" : "ok",
    r.kind,
    r.verdict,
    r.id,
    `${r.protocol}/${r.port}`,
    violates(r) ? r.reason : "",
  ]);
  const head = ["", "kind", "verdict", "flow", "port", "why it fails"];
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((row) => String(row[i]).length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const bad = results.filter(violates).length;
  return [
    `flows of ${environment}: ${results.length} flows, ${results.length - bad} as required, ${bad} violated`,
    line(head),
    ...rows.map(line),
  ].join("\n");
}

export function renderFlowHops(r: FlowResult): string {
  return [
    `${r.id} (${r.kind}): ${r.source} -> ${r.destination} ${r.protocol}/${r.port}`,
    ...r.hops.map((h, i) => `  ${String(i + 1).padStart(2)}. ${h.at}: ${h.decision}`),
    `verdict: ${r.verdict}${violates(r) ? " (violation)" : ""}: ${r.reason}`,
  ].join("\n");
}
