/**
 * Flows: who must reach what (required) and what must stay blocked (forbidden), derived from the model. The
 * evaluator in @plugilo/flows decides each one from the plan's resources, not from these intentions.
 */

export type FlowKind = "required" | "forbidden";
export type FlowProtocol = "TCP" | "UDP";

/** Inclusive port range; a single port has from === to. */
export interface PortRange {
  from: number;
  to: number;
}

/** Named endpoints outside the estate's VNets. */
export type ExternalNetwork = "Internet" | "aws" | "gcp" | "tailnet" | "other-environment";

/** Where a leg starts. */
export type FlowOrigin =
  /** A subnet of the plan, by VNet and subnet name. */
  | { subnet: { vnet: string; subnet: string } }
  /** A range outside the estate; it enters only where the plan connects it (VPN, peering, public frontend). */
  | { external: ExternalNetwork; cidr: string }
  /** Front Door's edge, connecting to one origin of an origin group. */
  | { frontDoor: { originGroup: string; origin: string } };

/** Where a leg goes. */
export type FlowTarget =
  /** An address (the Istio ILB, an Application Gateway frontend, a range of another cloud). */
  | { address: string }
  /**
   * A name the source resolves through its VNet's DNS. `private`: it must resolve to a private endpoint or a
   * private record; resolving to a public address is a failure. `public`: a public service, reached through
   * the firewall; `serviceTags` are the tags its public addresses belong to (service-tags.ts).
   */
  | { fqdn: string; resolves: "private" | "public"; serviceTags?: string[]; region?: string }
  /** A public Azure service known only by its service tag (a platform dependency). */
  | { serviceTag: string }
  /** A public IP address resource of the plan (its address is Azure's, so it is named, not numbered). */
  | { publicIp: string }
  /** A PaaS resource's public endpoint, by ARM type and name (publicNetworkAccess decides). */
  | { publicEndpoint: { type: string; name: string } };

export interface FlowLeg {
  from: FlowOrigin;
  to: FlowTarget;
}

export interface FlowSpec {
  id: string;
  kind: FlowKind;
  /** Readable source and destination (the JSON report's fields). */
  source: string;
  destination: string;
  protocol: FlowProtocol;
  ports: PortRange;
  /** Design section or Microsoft Learn page the flow comes from. */
  why: string;
  /** Hops of a chain evaluated one after another (Front Door -> gateway -> firewall -> ILB); one leg otherwise. */
  legs: FlowLeg[];
  /**
   * A forbidden flow that is about the path, not reachability: it is "allowed" (a violation) when the
   * destination is reached without crossing an Azure Firewall (spoke to spoke around the firewall).
   */
  bypass?: boolean;
}

/** Another environment's address space (non-prod to prod, a cluster to the other environment's data). */
export interface OtherEnvironment {
  name: string;
  vnets: { name: string; cidr: string; kind: string; dataPrivateEndpointsCidr?: string }[];
}
