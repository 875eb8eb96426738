/** The estate diagram's graph: groups, nodes and edges, with no coordinate (the layout engine places them). */
import type { VnetModel } from "@plugilo/model";

export type NodeKind =
  | "internet"
  | "frontdoor"
  | "appgw"
  | "apim"
  | "firewall"
  | "nat"
  | "vpngw"
  | "subnets"
  | "aks"
  | "ilb"
  | "pe"
  | "data"
  | "shared"
  | "avd"
  | "remote"
  | "external";

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  /** First line: the resource name; further lines: what it is, its addresses. */
  label: string[];
  group?: string;
  /** Names and addresses flows may use to refer to this node. */
  aliases: string[];
  /** Ranges that belong to this node (a VNet's subnets): a flow endpoint inside one resolves here. */
  ranges?: string[];
  /** The plan resource type that creates it, when the plan is consulted. */
  planType?: string;
  /** False when a plan was given and has no such resource. */
  inPlan?: boolean;
}

export interface DiagramGroup {
  id: string;
  label: string;
  kind: "region" | "vnet" | "cloud" | "global" | "paas";
  parent?: string;
}

export type EdgeKind = "peering" | "privatelink" | "vpn" | "link" | "flow-allow" | "flow-deny" | "flow-design";

export interface DiagramEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
  /** The flow a path edge belongs to. */
  flow?: string;
}

export interface EstateDiagram {
  environment: string;
  title: string;
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Where the flows came from: `plugilo flows`, or the design's paths walked through the route tables. */
  flowsSource: "flows" | "design";
  /** Resource counts per stack from the plan, when one was given. */
  planSummary?: { stacks: number; resources: number };
}

/** What the diagram reads from a plan: its resources (type and inputs). */
export interface PlanView {
  stacks: { name: string; resourceCount: number }[];
  resources: { type: string; name: string; inputs: Record<string, unknown> }[];
}

/** An identifier Graphviz and Mermaid accept, from the parts that make it unique. */
export function diagramId(...parts: string[]): string {
  return parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
}

/** What each part of the diagram adds to: the graph so far, and how a VNet's group is named. */
export interface DiagramBuilder {
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Adds a node and returns its ID. */
  node: (n: DiagramNode) => string;
  vnetGroup: (v: VnetModel) => string;
}
