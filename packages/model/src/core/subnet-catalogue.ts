/**
 * What each subnet is for, its default size, the smallest size Azure accepts (or that the purpose needs),
 * and the VNets that hold it. Appending to a list never moves an existing subnet: allocation is first-fit in
 * list order (see address-plan.ts). Never reorder or remove entries; mark them instead.
 */
import type { SubnetKind } from "./schema-constants.ts";

export interface SubnetSpec {
  kind: SubnetKind;
  /** Azure's name for the subnet: fixed names where Azure requires them, else a CAF snet- purpose name. */
  purposeName: string;
  /** Some services require this exact subnet name. */
  fixedName?: string;
  defaultPrefix: number;
  /** The largest prefix length (smallest subnet) allowed. */
  maxPrefix: number;
  delegation?: string;
  /** Only in one region: the primary region, or the region API Management runs in. Default: every region. */
  onlyIn?: "primary" | "apimRegion";
  purpose: string;
  source: string;
}

export const SUBNETS: Readonly<Record<SubnetKind, SubnetSpec>> = {
  firewall: {
    kind: "firewall",
    purposeName: "firewall",
    fixedName: "AzureFirewallSubnet",
    defaultPrefix: 26,
    maxPrefix: 26,
    purpose: "Azure Firewall Premium (and the NAT Gateway attached to this subnet)",
    source: "https://learn.microsoft.com/azure/firewall/firewall-faq#why-does-azure-firewall-need-a--26-subnet-size",
  },
  gateway: {
    kind: "gateway",
    purposeName: "gateway",
    fixedName: "GatewaySubnet",
    defaultPrefix: 27,
    maxPrefix: 27,
    purpose: "VPN gateway to AWS and GCP",
    source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub",
  },
  appgw: {
    kind: "appgw",
    purposeName: "agw",
    defaultPrefix: 24,
    maxPrefix: 26,
    purpose: "Application Gateway WAF_v2 (autoscale up to 125 instances needs a /24)",
    source: "https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure#size-of-the-subnet",
  },
  appgwPrivateLink: {
    kind: "appgwPrivateLink",
    purposeName: "agw-pl",
    defaultPrefix: 28,
    maxPrefix: 29,
    purpose: "Application Gateway Private Link configuration (Front Door's private origin)",
    source: "https://learn.microsoft.com/azure/application-gateway/private-link-configure",
  },
  apim: {
    kind: "apim",
    purposeName: "apim",
    defaultPrefix: 27,
    maxPrefix: 27,
    delegation: "Microsoft.Web/serverFarms",
    onlyIn: "apimRegion",
    purpose: "API Management Standard v2 outbound VNet integration",
    source: "https://learn.microsoft.com/azure/api-management/integrate-vnet-outbound",
  },
  edgePrivateEndpoints: {
    kind: "edgePrivateEndpoints",
    purposeName: "pep",
    defaultPrefix: 27,
    maxPrefix: 28,
    onlyIn: "apimRegion",
    purpose: "Private endpoints of the edge (API Management inbound)",
    source: "https://learn.microsoft.com/azure/api-management/private-endpoint",
  },
  aksNodes: {
    kind: "aksNodes",
    purposeName: "aks-nodes",
    defaultPrefix: 22,
    maxPrefix: 24,
    purpose:
      "AKS nodes (Azure CNI Overlay: pods use the separate, non-routable pod CIDR); the Istio ingress ILB address is reserved here",
    source: "https://learn.microsoft.com/azure/aks/azure-cni-overlay",
  },
  aksApiServer: {
    kind: "aksApiServer",
    purposeName: "aks-apiserver",
    defaultPrefix: 28,
    maxPrefix: 28,
    delegation: "Microsoft.ContainerService/managedClusters",
    purpose: "AKS API server VNet integration (internal load balancer of the API server)",
    source: "https://learn.microsoft.com/azure/aks/api-server-vnet-integration",
  },
  clusterPrivateEndpoints: {
    kind: "clusterPrivateEndpoints",
    purposeName: "pep",
    defaultPrefix: 27,
    maxPrefix: 28,
    purpose: "Private endpoints in the cluster spoke (registry, Key Vault)",
    source: "https://learn.microsoft.com/azure/private-link/private-endpoint-overview",
  },
  dataPrivateEndpoints: {
    kind: "dataPrivateEndpoints",
    purposeName: "pep",
    defaultPrefix: 26,
    maxPrefix: 27,
    purpose: "Private endpoints of the data services (Cosmos DB, Redis, Elastic, storage, Key Vault)",
    source: "https://learn.microsoft.com/azure/private-link/private-endpoint-overview",
  },
  postgresql: {
    kind: "postgresql",
    purposeName: "psql",
    defaultPrefix: 27,
    maxPrefix: 28,
    delegation: "Microsoft.DBforPostgreSQL/flexibleServers",
    purpose: "PostgreSQL Flexible Server (delegated subnet, if VNet integration is chosen)",
    source: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private",
  },
  avd: {
    kind: "avd",
    purposeName: "avd",
    defaultPrefix: 24,
    maxPrefix: 26,
    onlyIn: "primary",
    purpose: "Azure Virtual Desktop session hosts (production admin access)",
    source: "https://learn.microsoft.com/azure/virtual-desktop/network-connectivity",
  },
};

export type VnetKind = "hub" | "edge" | "data" | "access" | "cluster";

export interface VnetSpec {
  kind: VnetKind;
  /** Workload segment of the VNet's name (the cluster name replaces it for cluster spokes). */
  workload: string;
  defaultPrefix: number;
  subnets: readonly SubnetKind[];
  purpose: string;
}

/** Platform VNets in their fixed allocation order inside a region's platform block. Append only. */
export const PLATFORM_VNETS: readonly VnetSpec[] = [
  {
    kind: "hub",
    workload: "hub",
    defaultPrefix: 23,
    subnets: ["firewall", "gateway"],
    purpose: "Regional hub: firewall, NAT, VPN",
  },
  {
    kind: "edge",
    workload: "edge",
    defaultPrefix: 23,
    subnets: ["appgw", "appgwPrivateLink", "apim", "edgePrivateEndpoints"],
    purpose: "Connectivity Production spoke: Application Gateway, API Management",
  },
  {
    kind: "data",
    workload: "data",
    defaultPrefix: 23,
    subnets: ["dataPrivateEndpoints", "postgresql"],
    purpose: "Data Platform spoke",
  },
  { kind: "access", workload: "access", defaultPrefix: 23, subnets: ["avd"], purpose: "Azure Virtual Desktop spoke" },
];

export const CLUSTER_VNET: VnetSpec = {
  kind: "cluster",
  workload: "cluster",
  defaultPrefix: 21,
  subnets: ["aksNodes", "aksApiServer", "clusterPrivateEndpoints"],
  purpose: "Cluster spoke (App1/App2)",
};
