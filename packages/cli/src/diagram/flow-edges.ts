/** The traffic flows as paths on the diagram: each endpoint and hop resolved to a node, shared segments merged. */
import { containsAddress } from "@plugilo/model";
import { type DiagramEdge, type DiagramGroup, type DiagramNode, type EdgeKind, diagramId as id } from "./diagram-types.ts";
import type { FlowsResult } from "./flows-result.ts";

/** The node a flow endpoint or hop names: by name or address, or an address inside a node's ranges. */
function resolve(nodes: DiagramNode[], text: string): DiagramNode | undefined {
  const exact = nodes.find((n) => n.aliases.includes(text));
  if (exact) return exact;
  const address = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(text)?.[1];
  // A hop written as "name (address)" or "name: decision": the longest alias it contains.
  const contained = nodes
    .flatMap((n) => n.aliases.filter((a) => a.length > 3 && text.includes(a)).map((a) => ({ n, a })))
    .sort((x, y) => y.a.length - x.a.length)[0];
  if (contained) return contained.n;
  if (address) {
    const byAddress = nodes.find((n) => n.aliases.includes(address));
    if (byAddress) return byAddress;
    const inRange = nodes.filter((n) => n.kind !== "subnets" && n.ranges?.some((r) => containsAddress(r, address)))[0];
    if (inRange) return inRange;
    return nodes.find((n) => n.ranges?.some((r) => containsAddress(r, address)));
  }
  return undefined;
}

export function flowEdges(
  nodes: DiagramNode[],
  groups: DiagramGroup[],
  flows: FlowsResult,
  source: "flows" | "design",
): DiagramEdge[] {
  const out: DiagramEdge[] = [];
  const external = (text: string): DiagramNode => {
    const existing = nodes.find((n) => n.kind === "external" && n.aliases.includes(text));
    if (existing) return existing;
    if (!groups.some((g) => g.id === "external")) groups.push({ id: "external", label: "Outside the estate", kind: "global" });
    const n: DiagramNode = {
      id: id("ext", String(nodes.length)),
      kind: "external",
      label: [text],
      group: "external",
      aliases: [text],
    };
    nodes.push(n);
    return n;
  };
  for (const f of flows.flows) {
    const points = [f.source, ...f.hops.map((h) => h.at), f.destination].map((t) => resolve(nodes, t) ?? external(t));
    const kind: EdgeKind = source === "design" ? "flow-design" : f.verdict === "deny" ? "flow-deny" : "flow-allow";
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i] as DiagramNode, points[i + 1] as DiagramNode];
      if (a.id === b.id) continue;
      // Flows that share a segment share one line, labelled with every flow that starts on it.
      const label = i === 0 ? `${f.id} ${f.protocol}/${f.port}` : undefined;
      const same = out.find((e) => e.from === a.id && e.to === b.id && e.kind === kind);
      if (same) {
        same.flow = `${same.flow} ${f.id}`;
        if (label) same.label = same.label ? `${same.label}\n${label}` : label;
      } else out.push({ from: a.id, to: b.id, kind, flow: f.id, ...(label ? { label } : {}) });
    }
  }
  return out;
}
