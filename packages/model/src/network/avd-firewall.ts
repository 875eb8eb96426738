/** Firewall rules the Azure Virtual Desktop session hosts need (hub policy, docs/adr/0073), and the internal systems the admins reach from them. */
import { avdSubnet } from "../access/access.ts";
import { ingressLoadBalancerIp } from "../core/address-plan.ts";
import type { RegionName } from "../core/regions.ts";
import type { EastWestRuleModel, VnetModel } from "../core/resources.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { dataAccessRules } from "../data/access-rules.ts";
import { sharedServiceAccessRules } from "../shared/shared-services.ts";

export interface FirewallNetworkRuleModel {
  name: string;
  protocols: ("TCP" | "UDP")[];
  /** Addresses or service tags. */
  destinationAddresses?: string[];
  /** FQDNs in a network rule: the firewall's DNS proxy resolves them (on). */
  destinationFqdns?: string[];
  destinationPorts: string[];
}

export interface FirewallApplicationRuleModel {
  name: string;
  protocols: { protocolType: "Http" | "Https"; port: number }[];
  fqdnTags?: string[];
  targetFqdns?: string[];
}

export interface AvdFirewallModel {
  /** The firewall the session hosts egress through: the AVD region's. */
  region: RegionName;
  sourceAddresses: string[];
  networkRules: FirewallNetworkRuleModel[];
  applicationRules: FirewallApplicationRuleModel[];
  /** East-west: the admins' desktops to the internal systems. Every regional firewall carries these. */
  adminAccess: EastWestRuleModel[];
}

const HTTPS = [{ protocolType: "Https" as const, port: 443 }];

const HTTP = [{ protocolType: "Http" as const, port: 80 }];

/**
 * What the session hosts must reach, after Microsoft's list of required endpoints
 * (https://learn.microsoft.com/azure/virtual-desktop/required-fqdn-endpoint) and its Azure Firewall policy
 * for AVD (https://github.com/Azure/RDS-Templates/tree/master/AzureFirewallPolicyForAVD). Entra ID
 * and Azure Monitor endpoints are already allowed to the whole environment (rcg-platform-egress). No rule
 * here inspects TLS: Microsoft does not support TLS termination of AVD traffic.
 */
export function avdFirewallRules(config: EnvironmentConfig, vnets: readonly VnetModel[]): AvdFirewallModel | undefined {
  if (config.access.mode !== "avd") return undefined;
  const found = avdSubnet(config, vnets);
  if (!found) return undefined;
  const tcp = (name: string, ports: string[], to: Partial<FirewallNetworkRuleModel>): FirewallNetworkRuleModel => ({
    name,
    protocols: ["TCP"],
    destinationPorts: ports,
    ...to,
  });
  const networkRules: FirewallNetworkRuleModel[] = [
    // Reverse connect to the AVD gateway and broker; the agent's service traffic (*.wvd.microsoft.com).
    tcp("avd-service", ["443"], { destinationAddresses: ["WindowsVirtualDesktop"] }),
    // RDP Shortpath for public networks, relayed (TURN, 51.5.0.0/16 is part of the service tag).
    {
      name: "avd-rdp-shortpath-turn",
      protocols: ["UDP"],
      destinationAddresses: ["WindowsVirtualDesktop"],
      destinationPorts: ["3478"],
    },
    tcp("avd-agent-monitoring", ["443"], { destinationAddresses: ["AzureMonitor"] }),
    tcp("avd-agent-gcs", ["443"], { destinationFqdns: ["gcs.prod.monitoring.core.windows.net"] }),
    // Marketplace artifacts (catalogartifact.azureedge.net).
    tcp("azure-marketplace", ["443"], { destinationAddresses: ["AzureFrontDoor.Frontend"] }),
    tcp("windows-activation", ["1688"], { destinationFqdns: ["azkms.core.windows.net", "kms.core.windows.net"] }),
    // Agent and side-by-side stack updates; the agent's DSC package (AVD_AGENT_CONFIGURATION_URL).
    tcp("avd-agent-updates", ["443"], {
      destinationFqdns: ["mrsglobalsteus2prod.blob.core.windows.net", "wvdportalstorageblob.blob.core.windows.net"],
    }),
    tcp("certificates", ["80"], { destinationFqdns: ["oneocsp.microsoft.com", "www.microsoft.com"] }),
    { name: "ntp", protocols: ["UDP"], destinationFqdns: ["time.windows.com"], destinationPorts: ["123"] },
  ];
  const applicationRules: FirewallApplicationRuleModel[] = [
    { name: "windows-virtual-desktop", protocols: HTTPS, fqdnTags: ["WindowsVirtualDesktop"] },
    { name: "windows-update", protocols: [...HTTP, ...HTTPS], fqdnTags: ["WindowsUpdate"] },
    { name: "windows-diagnostics", protocols: HTTPS, fqdnTags: ["WindowsDiagnostics"] },
    { name: "defender-antivirus", protocols: HTTPS, fqdnTags: ["MicrosoftActiveProtectionService"] },
    // Entra ID join and sign-in of the session hosts (AADLoginForWindows).
    // https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows
    {
      name: "entra-id-join",
      protocols: HTTPS,
      targetFqdns: [
        "enterpriseregistration.windows.net",
        "device.login.microsoftonline.com",
        "pas.windows.net",
        "login.windows.net",
      ],
    },
    // Optional endpoints of the same list: telemetry, OneDrive updates, Azure DNS, certificate revocation.
    {
      name: "avd-optional",
      protocols: HTTPS,
      targetFqdns: ["*.events.data.microsoft.com", "*.sfx.ms", "*.azure-dns.com", "*.azure-dns.net"],
    },
    { name: "revocation-and-connectivity-checks", protocols: HTTP, targetFqdns: ["*.digicert.com", "www.msftconnecttest.com"] },
  ];
  return {
    region: found.vnet.region,
    sourceAddresses: [found.subnet.cidr],
    networkRules,
    applicationRules,
    adminAccess: avdAdminAccess(config, vnets, found.subnet.cidr),
  };
}

/**
 * The internal systems an admin reaches from the desktop (design 3.3.3: databases, monitoring, logging):
 * what the clusters reach in the data tier and the shared services, each AKS API server (kubectl), and
 * each cluster's Istio ingress (internal web UIs such as Argo CD, Grafana, Kibana).
 */
function avdAdminAccess(config: EnvironmentConfig, vnets: readonly VnetModel[], source: string): EastWestRuleModel[] {
  const rules: EastWestRuleModel[] = [];
  const seen = new Set<string>();
  const add = (name: string, destinationAddresses: string[], destinationPorts: string[]) => {
    const key = `${destinationAddresses.join(",")}|${destinationPorts.join(",")}`;
    if (destinationAddresses.length === 0 || seen.has(key)) return;
    seen.add(key);
    rules.push({ name, protocol: "TCP", sourceAddresses: [source], destinationAddresses, destinationPorts });
  };
  for (const r of [...dataAccessRules(config, vnets), ...sharedServiceAccessRules(config, vnets)]) {
    add(`avd-to-${r.name.replace(/^[a-z]+-to-/, "")}`, r.destinationAddresses, r.destinationPorts);
  }
  const clusters = vnets.filter((v) => v.kind === "cluster");
  add(
    "avd-to-aks-api-servers",
    clusters.flatMap((v) => v.subnets.filter((s) => s.kind === "aksApiServer").map((s) => s.cidr)),
    ["443"],
  );
  add(
    "avd-to-cluster-ingress",
    // The address plan's own rule for the ingress address (a VnetModel carries every field it reads).
    clusters.map((v) => `${ingressLoadBalancerIp({ ...v, purpose: "cluster spoke" })}/32`),
    ["443"],
  );
  return rules;
}
