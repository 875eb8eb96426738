/** The estate diagram as a Mermaid flowchart: subgraphs for groups; Mermaid lays it out where it is shown. */
import type { DiagramGroup, EdgeKind, EstateDiagram } from "./estate-graph.ts";

const ARROW: Record<EdgeKind, string> = {
  peering: "-.-",
  privatelink: "-.->",
  vpn: "==>",
  link: "-->",
  "flow-allow": "-->",
  "flow-deny": "--x",
  "flow-design": "-->",
};

/** Mermaid identifiers: letters, digits, underscores. */
function mid(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, "_");
}

function text(label: string): string {
  return label.replace(/"/g, "#quot;");
}

export function toMermaid(d: EstateDiagram): string {
  const lines = ["flowchart LR", `  %% ${d.title}; flows: ${d.flowsSource}`];
  const children = (parent: string | undefined) => d.groups.filter((g) => g.parent === parent);
  const emit = (g: DiagramGroup, depth: number) => {
    const pad = "  ".repeat(depth);
    const members = d.nodes.filter((n) => n.group === g.id);
    if (members.length === 0 && children(g.id).every((s) => d.nodes.every((n) => n.group !== s.id))) return;
    lines.push(`${pad}subgraph ${mid(`g_${g.id}`)}["${text(g.label)}"]`);
    for (const n of members) lines.push(`${pad}  ${mid(n.id)}["${n.label.map(text).join("<br/>")}"]`);
    for (const s of children(g.id)) emit(s, depth + 1);
    lines.push(`${pad}end`);
  };
  for (const n of d.nodes.filter((n) => !n.group)) lines.push(`  ${mid(n.id)}["${n.label.map(text).join("<br/>")}"]`);
  for (const g of children(undefined)) emit(g, 1);
  d.edges.forEach((e) => {
    const label = e.label ? `|"${text(e.label)}"|` : "";
    lines.push(`  ${mid(e.from)} ${ARROW[e.kind]}${label} ${mid(e.to)}`);
  });
  const flowIndexes = d.edges.flatMap((e, i) => (e.kind.startsWith("flow") ? [i] : []));
  if (flowIndexes.length) lines.push(`  linkStyle ${flowIndexes.join(",")} stroke:#1f8a3b,stroke-width:2px`);
  const missing = d.nodes.filter((n) => n.inPlan === false).map((n) => mid(n.id));
  if (missing.length) {
    lines.push("  classDef notInPlan stroke:#c62828,stroke-dasharray:4 3");
    lines.push(`  class ${missing.join(",")} notInPlan`);
  }
  return `${lines.join("\n")}\n`;
}
