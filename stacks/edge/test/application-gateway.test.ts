/**
 * RegionalApplicationGateway planned alone with a gateway built by hand:
 * - WAF_v2 with autoscale bounds and zones 1-3, a WAF policy in Prevention with Default Rule Set 2.1:
 *   https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules
 * - a Standard static public IP (v2 requires a public frontend; no listener uses it):
 *   https://learn.microsoft.com/azure/application-gateway/application-gateway-private-deployment
 * - a static private frontend with a Private Link configuration in its own subnet, for Front Door:
 *   https://learn.microsoft.com/azure/application-gateway/private-link-configure
 * - HTTPS 443 listeners with SNI per host, Key Vault certificates read by a user-assigned identity that holds
 *   Key Vault Secrets User (4633458b-17de-408a-b874-0445c86b69e6) on each secret, TLS policy
 *   AppGwSslPolicy20220101S: https://learn.microsoft.com/azure/application-gateway/key-vault-certs,
 *   https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview
 * - the backend: the Istio ingress ILB on 443 over HTTPS with the backend CA as trusted root.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { ApplicationGatewayModel, ApplicationGatewayPartsModel } from "@plugilo/model";
import { type ComponentPlan, planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { RegionalApplicationGateway } from "../src/application-gateway.ts";

const CONN = TEST_SUBSCRIPTIONS.connectivity;
const RG = `/subscriptions/${CONN}/resourceGroups/rg-edge-gwc`;
const AGW = `${RG}/providers/Microsoft.Network/applicationGateways/agw-acme-test-gwc`;
const SUBNET = (name: string) => `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-edge-gwc/subnets/${name}`;
const VAULT = `/subscriptions/${TEST_SUBSCRIPTIONS.data}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-acme-test`;
const secret = (name: string) => `https://kv-acme-test.vault.azure.net/secrets/${name}`;
const WORKSPACE = "/subscriptions/m/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-gwc";
const parts: ApplicationGatewayPartsModel = {
  gatewayIpConfiguration: "gateway-ip",
  publicFrontend: "public",
  privateFrontend: "private",
  privateLink: "frontdoor",
  httpsPort: "https",
  sslCertificate: "edge-tls",
  trustedRootCertificate: "backend-ca",
  backendPool: "istio-ingress",
  backendSettings: "istio-ingress-https",
  probe: "istio-ingress",
  urlPathMap: "paths",
};
const gateway: ApplicationGatewayModel = {
  region: "germanywestcentral",
  name: "agw-acme-test-gwc",
  id: AGW,
  resourceGroup: "rg-edge-gwc",
  subscriptionId: CONN,
  zones: ["1", "2", "3"],
  minCapacity: 1,
  maxCapacity: 4,
  subnetId: SUBNET("snet-agw"),
  subnetCidr: "10.10.0.0/24",
  privateLinkSubnetId: SUBNET("snet-agw-pl"),
  privateFrontendIp: "10.10.0.10",
  publicIpName: "pip-agw-acme-test-gwc",
  wafPolicyName: "waf-acme-test-gwc",
  wafPolicyId: "waf",
  wafMode: "Prevention",
  identityName: "id-agw-acme-test-gwc",
  identityId: "id",
  listeners: [
    {
      name: "https-app",
      id: `${AGW}/httpListeners/https-app`,
      hostName: "app.example.org",
      routingRuleName: "rule-app",
      priority: 100,
    },
  ],
  backendAddresses: [{ cluster: "app1", ipAddress: "10.20.0.250" }],
  tlsCertificateSecretId: secret("edge-tls"),
  backendCaSecretId: secret("backend-ca"),
  probe: { host: "app.example.org", path: "/healthz/ready" },
  parts,
  partIds: {
    gatewayIpConfiguration: `${AGW}/gatewayIPConfigurations/gateway-ip`,
    publicFrontend: `${AGW}/frontendIPConfigurations/public`,
    privateFrontend: `${AGW}/frontendIPConfigurations/private`,
    privateLink: `${AGW}/privateLinkConfigurations/frontdoor`,
    httpsPort: `${AGW}/frontendPorts/https`,
    sslCertificate: `${AGW}/sslCertificates/edge-tls`,
    trustedRootCertificate: `${AGW}/trustedRootCertificates/backend-ca`,
    backendPool: `${AGW}/backendAddressPools/istio-ingress`,
    backendSettings: `${AGW}/backendHttpSettingsCollection/istio-ingress-https`,
    probe: `${AGW}/probes/istio-ingress`,
    urlPathMap: `${AGW}/urlPathMaps/paths`,
  },
  logAnalyticsWorkspaceId: WORKSPACE,
};

describe("RegionalApplicationGateway", () => {
  let plan: ComponentPlan;
  let g: Record<string, unknown>;
  before(async () => {
    plan = await planComponent(({ providerFor }) => {
      const provider = providerFor("connectivity");
      const spokeVnet = new VirtualNetwork("vnet-edge-gwc", { resourceGroupName: "rg-edge-gwc" }, { provider });
      new RegionalApplicationGateway(
        "agw",
        {
          gateway,
          keyVault: { id: VAULT, uri: "https://kv-acme-test.vault.azure.net/", subscriptionId: TEST_SUBSCRIPTIONS.data },
          tags: { layer: "edge" },
          spokeVnet,
        },
        { providers: [provider] },
      );
    });
    g = plan.named("azure-native:network:ApplicationGateway", "agw-acme-test-gwc").inputs;
  });

  it("is a zonal, autoscaling WAF_v2 gateway with a Prevention-mode DRS 2.1 policy", () => {
    const agw = plan.named("azure-native:network:ApplicationGateway", "agw-acme-test-gwc");
    assert.equal(plan.subscriptionOf(agw), CONN);
    assert.deepEqual(
      [g.sku, g.autoscaleConfiguration, g.zones, g.sslPolicy],
      [
        { name: "WAF_v2", tier: "WAF_v2" },
        { minCapacity: 1, maxCapacity: 4 },
        ["1", "2", "3"],
        { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" },
      ],
    );
    const waf = plan.named("azure-native:network:WebApplicationFirewallPolicy", "waf-acme-test-gwc");
    assert.deepEqual((waf.inputs.managedRules as { managedRuleSets: unknown }).managedRuleSets, [
      { ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" },
    ]);
    assert.deepEqual(
      [(waf.inputs.policySettings as { state: string }).state, (waf.inputs.policySettings as { mode: string }).mode],
      ["Enabled", "Prevention"],
    );
    const ip = plan.named("azure-native:network:PublicIPAddress", "pip-agw-acme-test-gwc");
    assert.deepEqual(
      [ip.inputs.sku, ip.inputs.publicIPAllocationMethod, ip.inputs.zones],
      [{ name: "Standard", tier: "Regional" }, "Static", ["1", "2", "3"]],
    );
  });

  it("offers Front Door a Private Link on the static private frontend, and listens there on 443 with SNI", () => {
    const frontends = g.frontendIPConfigurations as Record<string, unknown>[];
    assert.deepEqual(frontends[1], {
      name: "private",
      privateIPAllocationMethod: "Static",
      privateIPAddress: "10.10.0.10",
      subnet: { id: SUBNET("snet-agw") },
      privateLinkConfiguration: { id: `${AGW}/privateLinkConfigurations/frontdoor` },
    });
    const [link] = g.privateLinkConfigurations as { name: string; ipConfigurations: { subnet: { id: string } }[] }[];
    assert.deepEqual([link?.name, link?.ipConfigurations[0]?.subnet.id], ["frontdoor", SUBNET("snet-agw-pl")]);
    assert.deepEqual(g.frontendPorts, [{ name: "https", port: 443 }]);
    assert.deepEqual(g.httpListeners, [
      {
        name: "https-app",
        frontendIPConfiguration: { id: `${AGW}/frontendIPConfigurations/private` },
        frontendPort: { id: `${AGW}/frontendPorts/https` },
        protocol: "Https",
        sslCertificate: { id: `${AGW}/sslCertificates/edge-tls` },
        hostNames: ["app.example.org"],
        requireServerNameIndication: true,
      },
    ]);
  });

  it("sends HTTPS on 443 to the Istio ingress ILB, trusting the backend CA from Key Vault", () => {
    assert.deepEqual(g.backendAddressPools, [{ name: "istio-ingress", backendAddresses: [{ ipAddress: "10.20.0.250" }] }]);
    const [settings] = g.backendHttpSettingsCollection as Record<string, unknown>[];
    assert.deepEqual(
      [settings?.port, settings?.protocol, settings?.pickHostNameFromBackendAddress, settings?.trustedRootCertificates],
      [443, "Https", false, [{ id: `${AGW}/trustedRootCertificates/backend-ca` }]],
    );
    assert.deepEqual(g.sslCertificates, [{ name: "edge-tls", keyVaultSecretId: secret("edge-tls") }]);
    assert.deepEqual(g.trustedRootCertificates, [{ name: "backend-ca", keyVaultSecretId: secret("backend-ca") }]);
    assert.deepEqual(
      plan
        .ofType("azure-native:authorization:RoleAssignment")
        .map((r) => [r.inputs.scope, String(r.inputs.roleDefinitionId).split("/").pop()])
        .sort(),
      [
        [`${VAULT}/secrets/backend-ca`, "4633458b-17de-408a-b874-0445c86b69e6"],
        [`${VAULT}/secrets/edge-tls`, "4633458b-17de-408a-b874-0445c86b69e6"],
      ],
    );
    const [rule] = g.requestRoutingRules as Record<string, unknown>[];
    assert.deepEqual([rule?.ruleType, rule?.priority], ["PathBasedRouting", 100]);
  });
});
