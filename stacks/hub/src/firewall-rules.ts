/**
 * The rule collection groups of a regional firewall policy, as plain data built from the model. Azure
 * Firewall denies whatever no rule allows, so these lists are the whole of what may pass:
 *   inbound       Application Gateway (and API Management) subnets -> the clusters' ingress ILB, 443
 *   aks-egress    the network rules and the AzureKubernetesService FQDN tag AKS needs
 *   gitops-sources the clusters' nodes -> the chart repositories and image registries of the enabled add-ons,
 *                 Argo CD's images and this repository (from the model: gitops-sources.ts, docs/adr/0090)
 *   platform      Entra ID, Azure Monitor, the package sources of the configuration
 *   multicloud    the AWS and GCP flows of the model, each to named destinations and ports (multicloud-rules.ts)
 *   allow-list    the outbound host names of the configuration
 *   data-access   the clusters -> the data private endpoints (PostgreSQL, Cosmos DB, Redis, Elastic, blob)
 *   avd           with access.mode avd: the session hosts -> the AVD service, activation, updates (the AVD
 *                 region's firewall), and the admins' desktops -> the internal systems (every firewall)
 */
import type { AvdFirewallModel, EastWestRuleModel, EnvironmentModel, HubModel, SubnetKind } from "@plugilo/model";
import { multicloudRules } from "./multicloud-rules.ts";

interface NetworkRule {
  ruleType: "NetworkRule";
  name: string;
  ipProtocols: ("TCP" | "UDP" | "ICMP" | "Any")[];
  sourceAddresses: string[];
  destinationAddresses?: string[];
  destinationFqdns?: string[];
  destinationPorts: string[];
}

interface ApplicationRule {
  ruleType: "ApplicationRule";
  name: string;
  protocols: { protocolType: "Http" | "Https"; port: number }[];
  sourceAddresses: string[];
  targetFqdns?: string[];
  fqdnTags?: string[];
  /** TLS inspection (Premium): only on rules for third-party hosts, when the option is on. */
  terminateTLS?: boolean;
}

export interface RuleCollection {
  ruleCollectionType: "FirewallPolicyFilterRuleCollection";
  name: string;
  priority: number;
  action: { type: "Allow" };
  rules: (NetworkRule | ApplicationRule)[];
}

export interface RuleCollectionGroup {
  name: string;
  priority: number;
  ruleCollections: RuleCollection[];
}

/** Microsoft Entra ID and Azure Resource Manager: sign-in and the Azure API. */
export const ENTRA_ID_FQDNS = ["login.microsoftonline.com", "login.microsoft.com", "graph.microsoft.com", "management.azure.com"];

/** Azure Monitor agents and Application Insights. https://learn.microsoft.com/azure/azure-monitor/fundamentals/azure-monitor-network-access */
export const AZURE_MONITOR_FQDNS = [
  "global.handler.control.monitor.azure.com",
  "*.handler.control.monitor.azure.com",
  "*.ingest.monitor.azure.com",
  "*.ods.opinsights.azure.com",
  "*.oms.opinsights.azure.com",
  "*.monitoring.azure.com",
  "dc.services.visualstudio.com",
];

const HTTPS = [{ protocolType: "Https" as const, port: 443 }];
const HTTP_AND_HTTPS = [{ protocolType: "Http" as const, port: 80 }, ...HTTPS];

const collection = (name: string, priority: number, rules: RuleCollection["rules"]): RuleCollection => ({
  ruleCollectionType: "FirewallPolicyFilterRuleCollection",
  name,
  priority,
  action: { type: "Allow" },
  rules,
});

function subnetsOf(model: Pick<EnvironmentModel, "vnets">, kind: SubnetKind, region?: string): string[] {
  return model.vnets
    .filter((v) => region === undefined || v.region === region)
    .flatMap((v) => v.subnets.filter((s) => s.kind === kind).map((s) => s.cidr));
}

/**
 * Azure Virtual Desktop session hosts -> the AVD service (FQDN tag and service tags), Windows activation and
 * updates, Entra ID join (packages/model/src/access/access.ts, docs/adr/0073). Never TLS-inspected: Microsoft does
 * not support TLS termination of AVD traffic.
 */
function avdEgress(avd: AvdFirewallModel): RuleCollectionGroup {
  return {
    name: "rcg-avd-egress",
    priority: 280,
    ruleCollections: [
      collection(
        "avd-network",
        280,
        avd.networkRules.map((r) => ({
          ruleType: "NetworkRule",
          name: r.name,
          ipProtocols: r.protocols,
          sourceAddresses: avd.sourceAddresses,
          ...(r.destinationAddresses ? { destinationAddresses: r.destinationAddresses } : {}),
          ...(r.destinationFqdns ? { destinationFqdns: r.destinationFqdns } : {}),
          destinationPorts: r.destinationPorts,
        })),
      ),
      collection(
        "avd-application",
        285,
        avd.applicationRules.map((r) => ({
          ruleType: "ApplicationRule",
          name: r.name,
          protocols: r.protocols,
          sourceAddresses: avd.sourceAddresses,
          ...(r.fqdnTags ? { fqdnTags: r.fqdnTags } : {}),
          ...(r.targetFqdns ? { targetFqdns: r.targetFqdns } : {}),
        })),
      ),
    ],
  };
}

/** What the rules are built from: the address space, the firewall settings, the clusters and the VNets. */
export type FirewallRulesInput = Pick<EnvironmentModel, "config" | "firewallPolicy" | "clusters" | "vnets">;

export function ruleCollectionGroups(model: FirewallRulesInput, hub: HubModel): RuleCollectionGroup[] {
  const environment = [model.config.addressSpace];
  const policy = model.firewallPolicy;
  const inspect = policy.tlsInspection.enabled ? { terminateTLS: true } : {};
  const groups: RuleCollectionGroup[] = [];

  // Inbound: Front Door -> Application Gateway -> this firewall -> the cluster's Istio ILB. A cluster in the
  // other region is reached through both firewalls, so every policy carries every pair.
  const ingress = model.clusters.map((c) => `${c.ingressIp}/32`);
  const inbound: NetworkRule[] = [
    {
      ruleType: "NetworkRule",
      name: "appgw-to-cluster-ingress",
      ipProtocols: ["TCP"],
      sourceAddresses: subnetsOf(model, "appgw"),
      destinationAddresses: ingress,
      destinationPorts: ["443"],
    },
  ];
  const apim = subnetsOf(model, "apim");
  if (apim.length > 0) {
    inbound.push({
      ruleType: "NetworkRule",
      name: "apim-to-cluster-ingress",
      ipProtocols: ["TCP"],
      sourceAddresses: apim,
      destinationAddresses: ingress,
      destinationPorts: ["443"],
    });
  }
  groups.push({ name: "rcg-inbound", priority: 100, ruleCollections: [collection("inbound-to-ingress", 100, inbound)] });

  // AKS egress. https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
  const aksNodes = subnetsOf(model, "aksNodes", hub.region);
  if (aksNodes.length > 0) {
    const azureCloud = `AzureCloud.${hub.region}`;
    groups.push({
      name: "rcg-aks-egress",
      priority: 200,
      ruleCollections: [
        collection("aks-network", 200, [
          // Tunnel between nodes and control plane (kept for clusters without konnectivity or a private API).
          {
            ruleType: "NetworkRule",
            name: "apiserver-udp-1194",
            ipProtocols: ["UDP"],
            sourceAddresses: aksNodes,
            destinationAddresses: [azureCloud],
            destinationPorts: ["1194"],
          },
          {
            ruleType: "NetworkRule",
            name: "apiserver-tcp-9000",
            ipProtocols: ["TCP"],
            sourceAddresses: aksNodes,
            destinationAddresses: [azureCloud],
            destinationPorts: ["9000"],
          },
          // An FQDN in a network rule needs the DNS proxy, which is on.
          {
            ruleType: "NetworkRule",
            name: "ntp",
            ipProtocols: ["UDP"],
            sourceAddresses: aksNodes,
            destinationFqdns: ["ntp.ubuntu.com"],
            destinationPorts: ["123"],
          },
        ]),
        collection("aks-fqdn-tag", 210, [
          {
            ruleType: "ApplicationRule",
            name: "azure-kubernetes-service",
            protocols: HTTP_AND_HTTPS,
            sourceAddresses: aksNodes,
            fqdnTags: ["AzureKubernetesService"],
          },
        ]),
      ],
    });
  }

  // GitOps: Argo CD's repository server fetches the charts and this repository, the nodes pull the images.
  // One rule per add-on, so the firewall log names who needs a host. Only this region's clusters leave through
  // this firewall. Never TLS-inspected: nodes and Argo CD do not trust the firewall's CA. docs/adr/0090.
  const gitops = policy.gitopsSources;
  const gitopsNodes = gitops.sourceSubnets.filter((s) => s.region === hub.region).map((s) => s.cidr);
  if (gitopsNodes.length > 0) {
    groups.push({
      name: "rcg-gitops-sources",
      priority: 220,
      ruleCollections: [
        collection(
          "gitops-sources",
          220,
          gitops.groups.map((g) => ({
            ruleType: "ApplicationRule",
            name: g.name,
            protocols: HTTPS,
            sourceAddresses: gitopsNodes,
            targetFqdns: g.fqdns,
          })),
        ),
      ],
    });
  }

  groups.push({
    name: "rcg-platform-egress",
    priority: 300,
    ruleCollections: [
      collection("platform-services", 300, [
        {
          ruleType: "ApplicationRule",
          name: "entra-id",
          protocols: HTTPS,
          sourceAddresses: environment,
          targetFqdns: ENTRA_ID_FQDNS,
        },
        {
          ruleType: "ApplicationRule",
          name: "azure-monitor",
          protocols: HTTPS,
          sourceAddresses: environment,
          targetFqdns: AZURE_MONITOR_FQDNS,
        },
      ]),
      collection("package-sources", 310, [
        {
          ruleType: "ApplicationRule",
          name: "package-registries",
          protocols: HTTPS,
          sourceAddresses: environment,
          targetFqdns: policy.packageSources,
          ...inspect,
        },
      ]),
    ],
  });

  groups.push({
    name: "rcg-multicloud",
    priority: 400,
    ruleCollections: [collection("azure-aws-gcp", 400, multicloudRules(model))],
  });

  // East-west through the firewalls (every pair of regions), SNATed as private endpoints require
  // (hub.ts snatPrivateRanges): the clusters to the data private endpoints, and the clusters and the edge to
  // the Key Vault and registry private endpoints.
  const eastWest = (group: string, priority: number, collectionName: string, rules: readonly EastWestRuleModel[]) => {
    if (rules.length === 0) return;
    groups.push({
      name: group,
      priority,
      ruleCollections: [
        collection(
          collectionName,
          priority,
          rules.map((r) => ({
            ruleType: "NetworkRule",
            name: r.name,
            ipProtocols: [r.protocol],
            sourceAddresses: r.sourceAddresses,
            destinationAddresses: r.destinationAddresses,
            destinationPorts: r.destinationPorts,
          })),
        ),
      ],
    });
  };
  eastWest("rcg-data-access", 250, "clusters-to-data", policy.dataAccess);
  eastWest("rcg-shared-services", 260, "to-key-vault-and-registry", policy.sharedServicesAccess);
  eastWest("rcg-apim-dependencies", 240, "apim-outbound-dependencies", policy.apimDependencies ?? []);
  eastWest("rcg-avd-admin-access", 270, "avd-to-internal-systems", policy.avd?.adminAccess ?? []);
  if (policy.avd && policy.avd.region === hub.region) groups.push(avdEgress(policy.avd));

  if (policy.outboundFqdns.length > 0) {
    groups.push({
      name: "rcg-outbound-allow-list",
      priority: 500,
      ruleCollections: [
        collection("allowed-fqdns", 500, [
          {
            ruleType: "ApplicationRule",
            name: "allowed-fqdns",
            protocols: HTTPS,
            sourceAddresses: environment,
            targetFqdns: policy.outboundFqdns,
            ...inspect,
          },
        ]),
      ],
    });
  }
  return groups;
}
