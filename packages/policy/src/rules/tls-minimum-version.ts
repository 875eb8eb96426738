/**
 * Security: where a resource sets a minimum TLS version, it is TLS 1.2 or higher. Azure spells the setting per
 * service (storage `minimumTlsVersion` TLS1_2, Managed Redis `minimumTlsVersion` 1.2, Cosmos DB
 * `minimalTlsVersion` Tls12, Front Door custom domains `tlsSettings.minimumTlsVersion` TLS12, Application
 * Gateway `sslPolicy` (a predefined policy name or `minProtocolVersion` TLSv1_2), PostgreSQL's
 * `ssl_min_protocol_version` server parameter, API Management's `customProperties` protocol switches). An
 * absent setting is not a violation: the services' current defaults are TLS 1.2.
 * Application Gateway's predefined policies and their minimum versions:
 * https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview
 * API Management protocol settings: https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers
 */
import { isAzureResource, type PolicyRule } from "../types.ts";

/** Keys that hold a minimum TLS version, lower-cased. */
const VERSION_KEYS: ReadonlySet<string> = new Set([
  "minimumtlsversion",
  "minimaltlsversion",
  "mintlsversion",
  "minprotocolversion",
]);

/** Application Gateway's predefined TLS policies: the minimum version each allows (x10). */
export const APPGW_PREDEFINED_MINIMUM: Readonly<Record<string, number>> = {
  AppGwSslPolicy20150501: 10,
  AppGwSslPolicy20170401: 11,
  AppGwSslPolicy20170401S: 12,
  AppGwSslPolicy20220101: 12,
  AppGwSslPolicy20220101S: 12,
};

/**
 * A TLS version as ten times its number (1.2 -> 12), from any of Azure's spellings: "1.2", "TLS1_2", "TLS12",
 * "Tls12", "TLSv1_2", "TLSv1.2", and Cosmos DB's "Tls" for 1.0. Undefined when it is not one.
 */
export function tlsVersion(value: string): number | undefined {
  const match = /^(tls\s*v?)?\s*(\d)?[._]?(\d)?$/i.exec(value.trim());
  if (!match) return undefined;
  const [, prefix, major, minor] = match;
  if (!major) return prefix ? 10 : undefined;
  if (major !== "1" || minor === undefined) return undefined;
  return 10 + Number(minor);
}

const tooLow = (path: string, value: unknown) =>
  `${path} is ${JSON.stringify(value)}: the minimum TLS version must be 1.2 or higher`;

function* check(value: unknown, path: string): Generator<string> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* check(v, `${path}[${i}]`);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    const key = k.toLowerCase();
    if (VERSION_KEYS.has(key) && typeof v === "string") {
      const version = tlsVersion(v);
      if (version === undefined || version < 12) yield tooLow(p, v);
    } else if (key === "policyname" && typeof v === "string" && /sslpolicy$/i.test(path)) {
      const minimum = APPGW_PREDEFINED_MINIMUM[v];
      if (minimum !== undefined && minimum < 12) yield tooLow(p, v);
    } else if (key === "customproperties" && v !== null && typeof v === "object") {
      // API Management: Microsoft.WindowsAzure.ApiManagement.Gateway.Security[.Backend].Protocols.Tls10/Tls11/Ssl30.
      for (const [name, setting] of Object.entries(v)) {
        if (/\.protocols\.(tls10|tls11|ssl30)$/i.test(name) && String(setting).toLowerCase() === "true") {
          yield `${p}.${name} is ${JSON.stringify(setting)}: TLS 1.0, 1.1 and SSL 3.0 must stay off`;
        }
      }
    } else {
      yield* check(v, p);
    }
  }
}

export const tlsMinimumVersion: PolicyRule = {
  name: "tls-minimum-version",
  description: "Where an Azure resource sets a minimum TLS version (or a TLS policy), it is TLS 1.2 or higher.",
  severity: "error",
  check(resource) {
    if (!isAzureResource(resource)) return [];
    const messages = [...check(resource.inputs, "")];
    // PostgreSQL's server parameter: a configuration resource of its own.
    const { configurationName, value } = resource.inputs;
    if (
      resource.type === "azure-native:dbforpostgresql:Configuration" &&
      configurationName === "ssl_min_protocol_version" &&
      typeof value === "string"
    ) {
      const version = tlsVersion(value);
      if (version === undefined || version < 12) messages.push(tooLow("value (ssl_min_protocol_version)", value));
    }
    return messages;
  },
};
