/**
 * One self-contained HTML page per environment: plan summary per stack, findings, flows, the cost estimate
 * and its choices, and the diagram as inline SVG. No script, no external stylesheet, font or image: it opens
 * from a file, a CI artifact or an e-mail attachment alike.
 */
import type { EnvironmentModel } from "@plugilo/model";
import type { PlanJson } from "../command-io.ts";
import type { CostResult } from "../cost/estimate.ts";
import type { FlowsResult } from "../diagram/flows-result.ts";

export interface ReportInput {
  model: EnvironmentModel;
  plan: PlanJson;
  cost: CostResult;
  costAssumptions: string[];
  /** The `plugilo flows` result, or the design's paths when it is absent. */
  flows: FlowsResult;
  flowsSource: "flows" | "design";
  diagramSvg: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const money = (n: number, currency: string) =>
  `${currency} ${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function table(header: string[], rows: string[][], numeric: number[] = []): string {
  const th = header.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ""}>${escapeHtml(h)}</th>`).join("");
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

/** The diagram without its XML prolog, so it can sit inside the page. */
function inlineSvg(svg: string): string {
  const start = svg.indexOf("<svg");
  return start >= 0 ? svg.slice(start) : svg;
}

const STYLE = `
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1d2733; background: #f4f6f9; }
header { background: #2f5597; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; opacity: .9; }
nav { padding: 8px 32px; background: #e4eaf3; font-size: 14px; }
nav a { margin-right: 16px; color: #2f5597; }
main { padding: 8px 32px 32px; }
section { background: #fff; border: 1px solid #d6dde8; border-radius: 6px; padding: 8px 20px 16px; margin: 16px 0; }
h2 { font-size: 18px; border-bottom: 1px solid #e4eaf3; padding-bottom: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e8ecf2; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f3f8; }
td.num, th.num { text-align: right; white-space: nowrap; }
.summary { display: flex; gap: 16px; flex-wrap: wrap; }
.tile { background: #f0f3f8; border-radius: 6px; padding: 10px 16px; min-width: 150px; }
.tile b { display: block; font-size: 22px; }
.error { color: #c62828; } .warning { color: #9a6b00; } .ok { color: #1f8a3b; }
.diagram { overflow: auto; border: 1px solid #e4eaf3; }
.diagram svg { max-width: 100%; height: auto; }
.note { font-size: 12px; color: #5a6878; }
`;

export function renderReport(r: ReportInput): string {
  const { model, plan, cost } = r;
  const errors = plan.findings.filter((f) => f.severity === "error");
  const warnings = plan.findings.filter((f) => f.severity === "warning");
  const byStack = plan.stacks.map((s) => {
    const urns = new Set(plan.resources.filter((x) => x.stack === s.name).map((x) => x.urn));
    const f = plan.findings.filter((x) => urns.has(x.urn));
    return [
      s.name,
      String(s.resourceCount),
      String(f.filter((x) => x.severity === "error").length),
      String(f.filter((x) => x.severity === "warning").length),
    ];
  });
  const verdict = errors.length
    ? `<span class="error">${errors.length} error finding(s)</span>`
    : '<span class="ok">no error findings</span>';
  const flowsNote =
    r.flowsSource === "flows"
      ? "From <code>plugilo flows</code>: each flow's verdict and the hops it passes."
      : "No <code>plugilo flows</code> result was given: these are the design's inbound and egress paths, walked through the model's route tables (whether the firewall allows them is what <code>plugilo flows</code> decides).";
  const sections = [
    `<section id="plan"><h2>Plan summary per stack</h2>
<div class="summary"><div class="tile"><b>${plan.stacks.length}</b>stacks</div><div class="tile"><b>${plan.resources.length}</b>resources</div><div class="tile"><b>${errors.length}</b>errors</div><div class="tile"><b>${warnings.length}</b>warnings</div><div class="tile"><b>${escapeHtml(money(cost.total.monthly, cost.currency))}</b>a month (estimate)</div></div>
<p>Offline plan of <code>${escapeHtml(model.file)}</code> against a simulated Azure: ${verdict}. Stacks in deployment order.</p>
${table(["stack", "resources", "errors", "warnings"], byStack, [1, 2, 3])}</section>`,
    `<section id="findings"><h2>Findings</h2>
${
  plan.findings.length
    ? table(
        ["severity", "rule", "message"],
        plan.findings.map((f) => [f.severity, f.rule, f.message]),
      )
    : "<p>No findings.</p>"
}</section>`,
    `<section id="flows"><h2>Flows</h2><p class="note">${flowsNote}</p>
${table(
  ["flow", "kind", "from", "to", "port", "verdict", "hops"],
  r.flows.flows.map((f) => [
    f.id,
    f.kind,
    f.source,
    f.destination,
    `${f.protocol}/${f.port}`,
    f.verdict,
    f.hops.map((h) => h.at).join(" → "),
  ]),
)}</section>`,
    `<section id="cost"><h2>Cost: ${escapeHtml(money(cost.total.monthly, cost.currency))} a month</h2>
<p class="note">Prices of ${escapeHtml(cost.priceSnapshot.date)} (${escapeHtml(cost.priceSnapshot.source)}); lines marked [unverified price] use list prices not re-read for the snapshot. Assumptions: ${escapeHtml(r.costAssumptions.join("; "))}.</p>
${table(
  ["stack", "resource", "meter", "quantity", "unit price", "monthly"],
  cost.lines.map((l) => [l.stack, l.resource, l.meter, String(l.quantity), String(l.unitPrice), money(l.monthly, cost.currency)]),
  [3, 4, 5],
)}
<h3>Unpriced (not counted, not zero)</h3>
${table(
  ["stack", "resource", "reason"],
  cost.unpriced.map((u) => [u.stack, u.resource, u.reason]),
)}</section>`,
    `<section id="choices"><h2>Cost choices</h2>
${table(
  ["choice", "chosen", "alternative", "chosen / month", "alternative / month", "saving"],
  cost.choices.map((c) => [
    c.choice,
    c.chosen,
    c.alternative,
    money(c.monthlyChosen, cost.currency),
    money(c.monthlyAlternative, cost.currency),
    money(c.saving, cost.currency),
  ]),
  [3, 4, 5],
)}</section>`,
    `<section id="diagram"><h2>Diagram</h2><p class="note">Laid out by Graphviz; dashed red: in the model but not in the plan.</p><div class="diagram">${inlineSvg(r.diagramSvg)}</div></section>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plugilo ${escapeHtml(model.name)}: plan, findings, flows, cost</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Plugilo ${escapeHtml(model.name)}</h1><p>${escapeHtml(model.file)} · regions ${escapeHtml(model.regions.all.join(", "))} · ${model.clusters.length} clusters · offline plan, nothing deployed</p></header>
<nav><a href="#plan">Plan</a><a href="#findings">Findings</a><a href="#flows">Flows</a><a href="#cost">Cost</a><a href="#choices">Choices</a><a href="#diagram">Diagram</a></nav>
<main>
${sections.join("\n")}
</main>
</body>
</html>
`;
}
