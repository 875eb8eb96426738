/** The estate diagram as Graphviz DOT: groups become nested clusters, Graphviz's dot engine lays it out. */
import type { DiagramEdge, DiagramGroup, DiagramNode, EdgeKind, EstateDiagram, NodeKind } from "./estate-graph.ts";

const NODE_STYLE: Record<NodeKind, string> = {
  internet: 'shape=ellipse, style=filled, fillcolor="#f2f2f2"',
  frontdoor: 'shape=box, style="rounded,filled", fillcolor="#dbe9ff"',
  appgw: 'shape=box, style="rounded,filled", fillcolor="#dbe9ff"',
  apim: 'shape=box, style="rounded,filled", fillcolor="#e6dcff"',
  firewall: 'shape=box, style="rounded,filled", fillcolor="#ffd9d4"',
  nat: 'shape=box, style="rounded,filled", fillcolor="#ffe9c7"',
  vpngw: 'shape=box, style="rounded,filled", fillcolor="#ffe9c7"',
  subnets: 'shape=note, style=filled, fillcolor="#ffffff", fontsize=9',
  aks: 'shape=box3d, style=filled, fillcolor="#d6f5e0"',
  ilb: 'shape=box, style="rounded,filled", fillcolor="#eaf7ee"',
  pe: 'shape=box, style="rounded,filled", fillcolor="#fff7d1", fontsize=9',
  data: 'shape=cylinder, style=filled, fillcolor="#fff0b3"',
  shared: 'shape=cylinder, style=filled, fillcolor="#e8e8ff"',
  avd: 'shape=box, style="rounded,filled", fillcolor="#e0f0ff"',
  remote: 'shape=box, style="rounded,filled", fillcolor="#f0e6d8"',
  external: 'shape=ellipse, style=filled, fillcolor="#f2f2f2"',
};

const EDGE_STYLE: Record<EdgeKind, string> = {
  peering: 'dir=none, style=dashed, color="#8a8a8a", fontcolor="#8a8a8a", fontsize=8',
  privatelink: 'style=dotted, color="#3b6fb6", fontcolor="#3b6fb6", fontsize=8',
  vpn: 'style=bold, color="#9a6b2f", fontcolor="#9a6b2f", fontsize=8',
  link: 'color="#555555", fontcolor="#555555", fontsize=8',
  "flow-allow": 'color="#1f8a3b", fontcolor="#1f8a3b", penwidth=2, fontsize=8',
  "flow-deny": 'color="#c62828", fontcolor="#c62828", penwidth=2, style=dashed, fontsize=8',
  "flow-design": 'color="#1f8a3b", fontcolor="#1f8a3b", penwidth=1.6, fontsize=8',
};

const GROUP_STYLE: Record<DiagramGroup["kind"], string> = {
  region: 'style="rounded", color="#2f5597", penwidth=2, fontsize=14',
  vnet: 'style="rounded,filled", fillcolor="#f7f9fc", color="#7f9cc7", fontsize=10',
  paas: 'style="rounded,dashed", color="#b0a060", fontsize=10',
  cloud: 'style="rounded,filled", fillcolor="#fbf6ef", color="#9a6b2f", fontsize=12',
  global: 'style="rounded", color="#999999", fontsize=12',
};

/** A DOT string literal. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function nodeLine(n: DiagramNode): string {
  // \l left-justifies each line: subnet tables read as lists.
  const sep = n.kind === "subnets" ? "\\l" : "\\n";
  const label = n.label.map((l) => l.replace(/\\/g, "\\\\").replace(/"/g, '\\"')).join(sep) + (n.kind === "subnets" ? "\\l" : "");
  const missing = n.inPlan === false ? ', style="dashed", color="#c62828", tooltip="not in the plan"' : "";
  return `${id(n.id)} [label="${label}", ${NODE_STYLE[n.kind]}${missing}];`;
}

function id(text: string): string {
  return quote(text);
}

function edgeLine(e: DiagramEdge): string {
  const label = e.label ? `, label=${quote(e.label)}` : "";
  const flow = e.flow ? `, tooltip=${quote(e.flow)}` : "";
  // Peerings and Private Link lines do not rank their ends: flows set the left-to-right order.
  const constraint = e.kind === "peering" ? ", constraint=false" : "";
  return `${id(e.from)} -> ${id(e.to)} [${EDGE_STYLE[e.kind]}${label}${flow}${constraint}];`;
}

export function toDot(d: EstateDiagram): string {
  const lines: string[] = [];
  const children = (parent: string | undefined) => d.groups.filter((g) => g.parent === parent);
  const emit = (g: DiagramGroup, depth: number) => {
    const pad = "  ".repeat(depth);
    const members = d.nodes.filter((n) => n.group === g.id);
    const sub = children(g.id);
    if (members.length === 0 && sub.every((s) => d.nodes.every((n) => n.group !== s.id))) return;
    lines.push(`${pad}subgraph ${quote(`cluster_${g.id}`)} {`);
    lines.push(`${pad}  label=${quote(g.label)}; ${GROUP_STYLE[g.kind].replaceAll(", ", "; ")};`);
    for (const n of members) lines.push(`${pad}  ${nodeLine(n)}`);
    for (const s of sub) emit(s, depth + 1);
    lines.push(`${pad}}`);
  };
  lines.push(`digraph ${quote(d.environment)} {`);
  const legend = `flows: ${d.flowsSource === "flows" ? "plugilo flows (green allowed, red denied)" : "the design's paths through the route tables (green)"}`;
  const plan = d.planSummary
    ? `; plan: ${d.planSummary.resources} resources in ${d.planSummary.stacks} stacks (dashed red: not in the plan)`
    : "";
  lines.push(`  label=${quote(`${d.title}\n${legend}${plan}`)}; labelloc=t; fontsize=16; fontname="Helvetica";`);
  lines.push("  rankdir=LR; compound=true; newrank=true; nodesep=0.25; ranksep=0.6; splines=true;");
  lines.push('  node [fontname="Helvetica", fontsize=10, margin="0.12,0.06"]; edge [fontname="Helvetica", arrowsize=0.7];');
  for (const n of d.nodes.filter((n) => !n.group)) lines.push(`  ${nodeLine(n)}`);
  for (const g of children(undefined)) emit(g, 1);
  for (const e of d.edges) lines.push(`  ${edgeLine(e)}`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
