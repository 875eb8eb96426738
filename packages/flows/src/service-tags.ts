/**
 * The service tags and firewall FQDN tags the plan's rules use, as a dated catalogue. Service tags are sets
 * of Microsoft's public prefixes; offline we cannot hold the prefixes, so a destination carries the tags its
 * addresses belong to and a rule matches when its tag covers one of them.
 * Source: https://learn.microsoft.com/azure/virtual-network/service-tags-overview (the table of available
 * tags; "AzureCloud" contains every Azure datacenter public prefix, regional tags are `<tag>.<region>`),
 * checked 2026-12-01. FQDN tags: https://learn.microsoft.com/azure/firewall/fqdn-tags and AKS's required
 * FQDNs https://learn.microsoft.com/azure/aks/outbound-rules-control-egress, checked 2026-12-01.
 */

export const SERVICE_TAG_CATALOGUE_DATE = "2026-12-01";

export interface ServiceTagEntry {
  name: string;
  /** Regional scope supported (`<tag>.<region>`). */
  regional: boolean;
  /** Part of AzureCloud (Azure datacenter public prefixes). */
  azureCloud: boolean;
  meaning: string;
}

export const SERVICE_TAGS: readonly ServiceTagEntry[] = [
  { name: "AzureCloud", regional: true, azureCloud: true, meaning: "every Azure datacenter public prefix" },
  { name: "AzureKeyVault", regional: true, azureCloud: true, meaning: "Azure Key Vault" },
  { name: "Storage", regional: true, azureCloud: true, meaning: "Azure Storage" },
  { name: "AzureMonitor", regional: true, azureCloud: true, meaning: "Log Analytics, Application Insights, metrics" },
  { name: "AzureActiveDirectory", regional: false, azureCloud: true, meaning: "Microsoft Entra ID" },
  { name: "AzureResourceManager", regional: false, azureCloud: true, meaning: "Azure Resource Manager" },
  { name: "MicrosoftContainerRegistry", regional: true, azureCloud: true, meaning: "Microsoft Container Registry" },
  { name: "WindowsVirtualDesktop", regional: false, azureCloud: true, meaning: "Azure Virtual Desktop" },
  { name: "AzureFrontDoor.Frontend", regional: false, azureCloud: true, meaning: "Front Door's client-facing edge" },
  { name: "AzureFrontDoor.Backend", regional: false, azureCloud: true, meaning: "Front Door's connections to origins" },
  { name: "GatewayManager", regional: false, azureCloud: true, meaning: "Application Gateway and VPN gateway management" },
  { name: "AzureLoadBalancer", regional: false, azureCloud: false, meaning: "the host's health probes (168.63.129.16)" },
  { name: "Internet", regional: false, azureCloud: false, meaning: "every public address, Azure's included" },
  {
    name: "VirtualNetwork",
    regional: false,
    azureCloud: false,
    meaning: "the VNet, peered VNets, gateway-learned prefixes, UDR prefixes",
  },
];

const byName = new Map(SERVICE_TAGS.map((t) => [t.name.toLowerCase(), t]));

export function isServiceTag(value: string): boolean {
  const [base] = splitTag(value);
  return byName.has(base.toLowerCase()) || byName.has(value.toLowerCase());
}

function splitTag(tag: string): [string, string | undefined] {
  if (byName.has(tag.toLowerCase())) return [tag, undefined];
  const dot = tag.lastIndexOf(".");
  return dot < 0 ? [tag, undefined] : [tag.slice(0, dot), tag.slice(dot + 1)];
}

/** Every tag a public destination of the given tags also belongs to (regional -> global, AzureCloud, Internet). */
export function expandTags(tags: readonly string[]): Set<string> {
  const out = new Set<string>(["internet"]);
  for (const tag of tags) {
    const [base, region] = splitTag(tag);
    const entry = byName.get(base.toLowerCase());
    out.add(tag.toLowerCase());
    out.add(base.toLowerCase());
    if (entry?.azureCloud) {
      out.add("azurecloud");
      if (region) out.add(`azurecloud.${region.toLowerCase()}`);
    }
  }
  return out;
}

/** Azure Firewall FQDN tags used by the policy: the FQDNs each one allows (subset relevant to the flows). */
export const FQDN_TAGS: Readonly<Record<string, readonly string[]>> = {
  azurekubernetesservice: [
    "mcr.microsoft.com",
    "*.data.mcr.microsoft.com",
    "mcr-0001.mcr-msedge.net",
    "management.azure.com",
    "login.microsoftonline.com",
    "packages.microsoft.com",
    "acs-mirror.azureedge.net",
    "packages.aks.azure.com",
    "*.hcp.*.azmk8s.io",
  ],
  windowsvirtualdesktop: [
    "*.wvd.microsoft.com",
    "gcs.prod.monitoring.core.windows.net",
    "*.prod.warm.ingest.monitor.core.windows.net",
  ],
  windowsupdate: ["*.update.microsoft.com", "*.windowsupdate.com", "download.windowsupdate.com"],
  windowsdiagnostics: ["*.events.data.microsoft.com"],
  microsoftactiveprotectionservice: ["*.wdcp.microsoft.com", "*.wd.microsoft.com"],
};

/** Tags of well-known public names (what their addresses belong to). */
export const PUBLIC_NAME_TAGS: Readonly<Record<string, readonly string[]>> = {
  "login.microsoftonline.com": ["AzureActiveDirectory"],
  "management.azure.com": ["AzureResourceManager"],
  "mcr.microsoft.com": ["MicrosoftContainerRegistry"],
};

/** `*.example.com` matches one or more leading labels; `*` alone matches everything; other `*` match one label. */
export function fqdnMatches(pattern: string, fqdn: string): boolean {
  const p = pattern.toLowerCase();
  const f = fqdn.toLowerCase();
  if (p === "*" || p === f) return true;
  if (!p.includes("*")) return false;
  if (p.startsWith("*.") && !p.slice(2).includes("*")) return f.endsWith(p.slice(1));
  const re = new RegExp(
    `^${p
      .split(".")
      .map((l) => (l === "*" ? "[^.]+(\\.[^.]+)*" : l.replace(/[-]/g, "\\-")))
      .join("\\.")}$`,
  );
  return re.test(f);
}
