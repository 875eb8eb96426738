/** The cost estimate as text tables (the CLI) and as Markdown (docs/cost.md). */
import type { CostResult } from "./estimate.ts";

const money = (n: number, currency: string) =>
  `${currency} ${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function renderCostText(c: CostResult, assumptions: string[]): string {
  const out: string[] = [];
  out.push(
    `Monthly estimate of ${c.environment}: ${money(c.total.monthly, c.currency)} (prices of ${c.priceSnapshot.date}, ${c.priceSnapshot.source})`,
  );
  out.push("");
  const rows = c.lines.map((l) => [
    l.stack,
    l.resource,
    l.meter,
    String(l.quantity),
    String(l.unitPrice),
    money(l.monthly, c.currency),
  ]);
  out.push(...table(["stack", "resource", "meter", "quantity", "unit price", "monthly"], rows));
  out.push("", `Unpriced (not counted, not zero): ${c.unpriced.length}`);
  for (const u of c.unpriced) out.push(`  ${u.stack}  ${u.resource}: ${u.reason}`);
  out.push("", "Choices (monthly, this environment's sizes):");
  out.push(
    ...table(
      ["choice", "chosen", "alternative", "chosen/month", "alternative/month", "saving"],
      c.choices.map((x) => [
        x.choice,
        x.chosen,
        x.alternative,
        money(x.monthlyChosen, c.currency),
        money(x.monthlyAlternative, c.currency),
        money(x.saving, c.currency),
      ]),
    ),
  );
  out.push("", "Assumptions:", ...assumptions.map((a) => `  - ${a}`));
  return `${out.join("\n")}\n`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

export function renderCostMarkdown(c: CostResult, assumptions: string[]): string {
  const out: string[] = [];
  out.push(`### ${c.environment}: ${money(c.total.monthly, c.currency)} a month`, "");
  out.push("| stack | resource | meter | quantity | unit price | monthly |", "|---|---|---|---:|---:|---:|");
  for (const l of c.lines)
    out.push(
      `| ${l.stack} | ${cell(l.resource)} | ${cell(l.meter)} | ${l.quantity} | ${l.unitPrice} | ${money(l.monthly, c.currency)} |`,
    );
  out.push(
    "",
    `Unpriced (${c.unpriced.length}, not counted): ${c.unpriced.map((u) => `${cell(u.resource)} (${cell(u.reason)})`).join("; ")}.`,
    "",
  );
  out.push("| choice | chosen | alternative | chosen/month | alternative/month | saving |", "|---|---|---|---:|---:|---:|");
  for (const x of c.choices)
    out.push(
      `| ${cell(x.choice)} | ${cell(x.chosen)} | ${cell(x.alternative)} | ${money(x.monthlyChosen, c.currency)} | ${money(x.monthlyAlternative, c.currency)} | ${money(x.saving, c.currency)} |`,
    );
  out.push("", `Assumptions: ${assumptions.join("; ")}.`, "");
  return out.join("\n");
}
