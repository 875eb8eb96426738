/**
 * The global policy of API Management, as plain data turned into XML (a pure function, tested directly).
 * Every API inherits it (<base />):
 *   1. CORS first: a browser's preflight request carries no token; only the configured origins are allowed.
 *   2. Microsoft Entra ID token validation: the tenant and audience come from named values.
 *   3. A rate limit per caller: the token's object ID, so one noisy client cannot starve the others
 *      (Front Door's WAF limits per client address before that).
 * https://learn.microsoft.com/azure/api-management/cors-policy
 * https://learn.microsoft.com/azure/api-management/validate-azure-ad-token-policy
 * https://learn.microsoft.com/azure/api-management/rate-limit-by-key-policy
 */
import type { ApiManagementModel } from "@plugilo/model";

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export const CORS_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
export const CORS_HEADERS = ["Authorization", "Content-Type", "Accept", "Accept-Language", "X-Requested-With"];

/** The named value holding the tenant ID, and the one holding the token audience. */
export const TENANT_NAMED_VALUE = "entra-tenant-id";
export const AUDIENCE_NAMED_VALUE = "token-audience";

export function globalPolicyXml(apim: ApiManagementModel): string {
  const { policy } = apim;
  const cors =
    policy.corsAllowedOrigins.length === 0
      ? []
      : [
          '    <cors allow-credentials="true" terminate-unmatched-request="true">',
          "      <allowed-origins>",
          ...policy.corsAllowedOrigins.map((o) => `        <origin>${xmlEscape(o)}</origin>`),
          "      </allowed-origins>",
          '      <allowed-methods preflight-result-max-age="600">',
          ...CORS_METHODS.map((m) => `        <method>${m}</method>`),
          "      </allowed-methods>",
          "      <allowed-headers>",
          ...CORS_HEADERS.map((h) => `        <header>${h}</header>`),
          "      </allowed-headers>",
          "      <expose-headers>",
          "        <header>Retry-After</header>",
          "      </expose-headers>",
          "    </cors>",
        ];
  return [
    "<policies>",
    "  <inbound>",
    ...cors,
    `    <validate-azure-ad-token tenant-id="{{${TENANT_NAMED_VALUE}}}" header-name="Authorization" failed-validation-httpcode="401" failed-validation-error-message="A valid Microsoft Entra ID token is required." output-token-variable-name="jwt">`,
    "      <audiences>",
    `        <audience>{{${AUDIENCE_NAMED_VALUE}}}</audience>`,
    "      </audiences>",
    "    </validate-azure-ad-token>",
    // Single-quoted attribute: the expression's C# strings keep their double quotes.
    `    <rate-limit-by-key calls="${policy.rateLimitPerMinute}" renewal-period="60" counter-key='@(((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("oid", "anonymous"))' remaining-calls-header-name="X-RateLimit-Remaining" retry-after-header-name="Retry-After" />`,
    "  </inbound>",
    "  <backend>",
    "    <forward-request />",
    "  </backend>",
    "  <outbound />",
    "  <on-error />",
    "</policies>",
  ].join("\n");
}
