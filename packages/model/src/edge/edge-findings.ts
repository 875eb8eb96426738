/** Cross-field rules of the edge settings. Every finding names the file and the field path. */
import type { ConfigFinding } from "../core/findings.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { APIM_TIER_SUPPORT } from "./api-management.ts";

const APIM_SOURCE = "https://learn.microsoft.com/azure/api-management/virtual-network-concepts";

const AFD_DOMAIN_SOURCE = "https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-add-custom-domain";

/** The zone of hub.publicDnsZones a host lies in (the longest match), or undefined. */
export function zoneOf(host: string, zones: readonly string[]): string | undefined {
  return [...zones].sort((a, b) => b.length - a.length).find((zone) => host.endsWith(`.${zone}`));
}

/** Cross-field rules of the edge settings. Every finding names the file and the field path. */
export function edgeFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string, source?: string) =>
    findings.push({ severity: "error", file, path, message, ...(source ? { source } : {}) });

  const reason = APIM_TIER_SUPPORT[config.apiManagement.tier];
  if (reason)
    error("apiManagement.tier", `API Management ${config.apiManagement.tier} cannot serve the edge: ${reason}`, APIM_SOURCE);

  const zones = config.hub.publicDnsZones;
  const seen = new Map<string, number>();
  config.edge.frontDoor.customDomains.forEach((host, i) => {
    const path = `edge.frontDoor.customDomains[${i}]`;
    const first = seen.get(host);
    if (first !== undefined) {
      error(path, `duplicate host ${host} (also edge.frontDoor.customDomains[${first}])`);
      return;
    }
    seen.set(host, i);
    if (zones.includes(host)) {
      error(
        path,
        `${host} is the apex of its zone: a CNAME cannot live there; use a host below it such as www.${host}`,
        AFD_DOMAIN_SOURCE,
      );
    } else if (!zoneOf(host, zones)) {
      error(
        path,
        `${host} is not in a public DNS zone of hub.publicDnsZones (${zones.length ? zones.join(", ") : "none"}): Front Door validates it through a TXT record in that zone`,
        AFD_DOMAIN_SOURCE,
      );
    }
  });

  const caching = config.edge.frontDoor.caching;
  if (caching.queryStringBehavior.endsWith("SpecifiedQueryStrings") && caching.queryParameters.length === 0) {
    error("edge.frontDoor.caching.queryParameters", `is required when queryStringBehavior is ${caching.queryStringBehavior}`);
  }
  return findings;
}
