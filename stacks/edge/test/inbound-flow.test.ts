/**
 * The design's inbound flow, checked on the inputs the prod plan sends to Azure (hub and edge stacks):
 *   Front Door --Private Link--> Application Gateway (each region) --UDR--> firewall --443--> Istio ILB
 *   Front Door /api/* --Private Link--> API Management (private endpoint only) --VNet integration--> firewall
 * Not "a resource exists": each hop is followed from one resource's inputs to the next one's.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  type ApplicationGatewayModel,
  containsAddress,
  type EnvironmentModel,
  type HubModel,
  loadModel,
  type VnetModel,
} from "@plugilo/model";
import { hasErrors, type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";
import { globalPolicyXml } from "../src/apim-policy.ts";

type Inputs = Record<string, unknown>;
interface Rule {
  name: string;
  ipProtocols?: string[];
  sourceAddresses: string[];
  destinationAddresses?: string[];
  destinationPorts?: string[];
}

let model: EnvironmentModel;
let plan: PlanResult;

before(async () => {
  model = loadModel("prod");
  plan = await planEnvironment(model, { only: ["hub", "edge"] });
});

const of = (type: string, stack = "edge") => plan.resources.filter((r) => r.type === `azure-native:${type}` && r.stack === stack);
function one(type: string, match: (r: PlannedResource) => boolean, stack = "edge"): PlannedResource {
  const found = of(type, stack).filter(match);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0] as PlannedResource;
}
const subscriptionOf = (r: PlannedResource) =>
  plan.resources.find((p) => p.urn === r.provider)?.inputs.subscriptionId as string | undefined;
/** The ARM ID Azure gives a resource, from what the plan sends (subscription of its provider, group, name). */
const armId = (r: PlannedResource, type: string, nameInput: string) =>
  `/subscriptions/${subscriptionOf(r)}/resourceGroups/${String(r.inputs.resourceGroupName)}/providers/${type}/${String(r.inputs[nameInput])}`;
const gatewayOf = (agw: ApplicationGatewayModel) =>
  one("network:ApplicationGateway", (r) => r.inputs.applicationGatewayName === agw.name);
const edgeVnet = (region: string) => model.vnets.find((v) => v.kind === "edge" && v.region === region) as VnetModel;
const hubIn = (region: string) => model.hubs.find((h) => h.region === region) as HubModel;

describe("inbound flow (prod)", () => {
  it("plans hub and edge with no error findings, every edge resource in the connectivity subscription but the DNS records", () => {
    assert.equal(hasErrors(plan), false, JSON.stringify(plan.findings.filter((f) => f.severity === "error")));
    for (const r of plan.resources.filter((x) => x.stack === "edge" && x.type.startsWith("azure-native:"))) {
      const expected = r.type === "azure-native:dns:RecordSet" ? model.subscriptions.hub : undefined;
      const sub = subscriptionOf(r);
      if (expected) assert.equal(sub, expected, r.name);
      // Spoke peerings' hub side is in the hub subscription; everything else is the connectivity one's.
      else if (r.type !== "azure-native:network:VirtualNetworkPeering")
        assert.equal(sub, model.subscriptions.connectivity, `${r.type} ${r.name}`);
    }
  });

  it("Front Door's web origins are the Application Gateways of both regions, over Private Link, both active", () => {
    const agws = model.edge.applicationGateways;
    assert.deepEqual(
      agws.map((a) => a.region),
      ["germanywestcentral", "germanynorth"],
    );
    const origins = of("cdn:AFDOrigin").filter((o) => o.inputs.originGroupName === "web");
    assert.equal(origins.length, agws.length);
    for (const agw of agws) {
      const gateway = gatewayOf(agw);
      const origin = origins.find(
        (o) => ((o.inputs.sharedPrivateLinkResource as Inputs).privateLink as { id?: string } | undefined)?.id === agw.id,
      );
      assert.ok(origin, `no web origin for ${agw.name}`);
      const link = origin.inputs.sharedPrivateLinkResource as {
        privateLink: { id: string };
        groupId: string;
        privateLinkLocation: string;
      };
      // The Private Link target is the gateway this plan creates, on its private frontend with the Private Link configuration.
      assert.equal(link.privateLink.id, armId(gateway, "Microsoft.Network/applicationGateways", "applicationGatewayName"));
      const frontends = gateway.inputs.frontendIPConfigurations as Inputs[];
      const frontend = frontends.find((f) => f.name === link.groupId) as Inputs;
      assert.ok(frontend, `${agw.name} has no frontend ${link.groupId}`);
      // Probes carry the origin host header with SNI: the listener's host, not the private IP
      // (learn.microsoft.com/azure/frontdoor/health-probes).
      assert.equal(frontend.privateIPAddress, agw.privateFrontendIp);
      assert.equal(origin.inputs.hostName, "www.plugilo.example");
      assert.equal(origin.inputs.originHostHeader, "www.plugilo.example");
      assert.equal(frontend.privateIPAllocationMethod, "Static");
      assert.equal((frontend.privateLinkConfiguration as { id: string }).id, agw.partIds.privateLink);
      assert.ok(containsAddress(agw.subnetCidr, String(frontend.privateIPAddress)));
      const pl = (
        gateway.inputs.privateLinkConfigurations as { name: string; ipConfigurations: { subnet: { id: string } }[] }[]
      )[0];
      assert.equal(pl?.name, agw.parts.privateLink);
      assert.equal(pl?.ipConfigurations[0]?.subnet.id, agw.privateLinkSubnetId);
      // Front Door Private Link is offered in germanywestcentral only: germanynorth's origin uses it (AZURE-FACTS).
      assert.equal(link.privateLinkLocation, "germanywestcentral");
      assert.equal(origin.inputs.enabledState, "Enabled");
      assert.equal(origin.inputs.priority, 1);
      assert.equal(origin.inputs.weight, 1000);
    }
    const web = one("cdn:AFDOriginGroup", (g) => g.inputs.originGroupName === "web");
    assert.deepEqual(web.inputs.loadBalancingSettings, {
      sampleSize: 4,
      successfulSamplesRequired: 3,
      additionalLatencyInMilliseconds: 50,
    });
    const probe = web.inputs.healthProbeSettings as Inputs;
    assert.equal(probe.probeProtocol, "Https");
    assert.equal(probe.probePath, model.config.edge.frontDoor.healthProbe.path);
  });

  it("never mixes public and private origins: every origin of every group is a Private Link origin", () => {
    const origins = of("cdn:AFDOrigin");
    assert.equal(origins.length, 3);
    for (const o of origins) {
      const link = o.inputs.sharedPrivateLinkResource as { privateLink?: { id?: string }; groupId?: string } | undefined;
      assert.ok(link?.privateLink?.id && link.groupId, `${o.name} is a public origin`);
    }
  });

  it("routes /api/* to API Management over Private Link and /* to the web tier", () => {
    const routes = of("cdn:Route");
    const route = (name: string) => routes.find((r) => r.inputs.routeName === name) as PlannedResource;
    const groupName = (r: PlannedResource) =>
      String((r.inputs.originGroup as { id: string }).id)
        .split("/")
        .pop();
    assert.deepEqual(route("api").inputs.patternsToMatch, ["/api/*"]);
    assert.equal(groupName(route("api")), "api");
    assert.deepEqual(route("web").inputs.patternsToMatch, ["/*"]);
    assert.equal(groupName(route("web")), "web");
    const apimOrigin = one("cdn:AFDOrigin", (o) => o.inputs.originGroupName === "api");
    const service = one("apimanagement:ApiManagementService", () => true);
    const link = apimOrigin.inputs.sharedPrivateLinkResource as { privateLink: { id: string }; groupId: string };
    assert.equal(link.privateLink.id, armId(service, "Microsoft.ApiManagement/service", "serviceName"));
    assert.equal(link.groupId, "Gateway");
    assert.equal(apimOrigin.inputs.originHostHeader, model.edge.apiManagement.gatewayHostName);
    for (const r of routes) {
      assert.equal(r.inputs.forwardingProtocol, "HttpsOnly");
      assert.equal(r.inputs.httpsRedirect, "Enabled");
    }
  });

  it("caches and compresses the web route (static assets by extension, a defined query-string behaviour), never the API", () => {
    const routes = of("cdn:Route");
    const api = routes.find((r) => r.inputs.routeName === "api") as PlannedResource;
    const web = routes.find((r) => r.inputs.routeName === "web") as PlannedResource;
    assert.equal(api.inputs.cacheConfiguration, undefined, "the API route must not cache");
    const cache = web.inputs.cacheConfiguration as {
      queryStringCachingBehavior: string;
      compressionSettings: { isCompressionEnabled: boolean; contentTypesToCompress: string[] };
    };
    assert.equal(cache.queryStringCachingBehavior, "UseQueryString");
    assert.equal(cache.compressionSettings.isCompressionEnabled, true);
    assert.ok(cache.compressionSettings.contentTypesToCompress.includes("application/javascript"));
    const rule = one("cdn:Rule", () => true);
    const condition = (rule.inputs.conditions as { name: string; parameters: { matchValues: string[] } }[])[0];
    assert.equal(condition?.name, "UrlFileExtension");
    for (const ext of ["css", "js", "png", "woff2"]) assert.ok(condition?.parameters.matchValues.includes(ext), ext);
    const action = (rule.inputs.actions as { parameters: { cacheConfiguration: Inputs } }[])[0];
    assert.deepEqual(action?.parameters.cacheConfiguration, {
      cacheBehavior: "OverrideIfOriginMissing",
      cacheDuration: "7.00:00:00",
      queryStringCachingBehavior: "UseQueryString",
      isCompressionEnabled: "Enabled",
    });
    assert.equal((web.inputs.ruleSets as unknown[]).length, 1);
  });

  it("guards every domain with a Premium WAF policy: default rule set, bot manager, rate limit, Prevention in prod", () => {
    const policy = one("frontdoor:Policy", () => true);
    assert.deepEqual(policy.inputs.sku, { name: "Premium_AzureFrontDoor" });
    assert.equal((policy.inputs.policySettings as Inputs).mode, "Prevention");
    const sets = (policy.inputs.managedRules as { managedRuleSets: { ruleSetType: string; ruleSetVersion: string }[] })
      .managedRuleSets;
    assert.deepEqual(
      sets.map((s) => `${s.ruleSetType}/${s.ruleSetVersion}`),
      ["Microsoft_DefaultRuleSet/2.1", "Microsoft_BotManagerRuleSet/1.1"],
    );
    const [rule] = (policy.inputs.customRules as { rules: Inputs[] }).rules;
    assert.equal(rule?.ruleType, "RateLimitRule");
    assert.equal(rule?.rateLimitThreshold, model.config.edge.frontDoor.rateLimit.requests);
    assert.equal(rule?.rateLimitDurationInMinutes, 1);
    assert.equal(rule?.action, "Block");
    const security = one("cdn:SecurityPolicy", () => true);
    const params = security.inputs.parameters as {
      wafPolicy: { id: string };
      associations: { domains: { id: string }[]; patternsToMatch: string[] }[];
    };
    assert.equal(params.wafPolicy.id, model.edge.frontDoor.waf.policyId);
    assert.equal(params.wafPolicy.id, armId(policy, "Microsoft.Network/frontDoorWebApplicationFirewallPolicies", "policyName"));
    const domains = params.associations.flatMap((a) => a.domains.map((d) => d.id));
    assert.deepEqual(domains, [model.edge.frontDoor.endpointId, ...model.edge.frontDoor.customDomains.map((d) => d.id)]);
    assert.deepEqual(params.associations[0]?.patternsToMatch, ["/*"]);
    assert.deepEqual(one("cdn:Profile", () => true).inputs.sku, { name: "Premium_AzureFrontDoor" });
  });

  it("validates each custom domain with a TXT record in the public zone and points it at the endpoint", () => {
    assert.deepEqual(
      model.edge.frontDoor.customDomains.map((d) => d.host),
      ["www.plugilo.example"],
    );
    const zones = of("dns:Zone", "hub").map((z) => z.inputs.zoneName);
    for (const domain of model.edge.frontDoor.customDomains) {
      assert.ok(zones.includes(domain.zoneName), `the hub does not create ${domain.zoneName}`);
      const afd = one("cdn:AFDCustomDomain", (d) => d.inputs.hostName === domain.host);
      assert.deepEqual(afd.inputs.tlsSettings, { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" });
      const txt = one("dns:RecordSet", (r) => r.inputs.recordType === "TXT" && r.inputs.zoneName === domain.zoneName);
      assert.equal(txt.inputs.relativeRecordSetName, "_dnsauth.www");
      assert.equal(txt.inputs.resourceGroupName, model.dns.resourceGroup);
      // The simulated Azure's token for this domain: the record carries what Front Door issued.
      const token = (txt.inputs.txtRecords as { value: string[] }[])[0]?.value[0];
      assert.match(String(token), /^[0-9a-f]{32}$/);
      const cname = one("dns:RecordSet", (r) => r.inputs.recordType === "CNAME" && r.inputs.zoneName === domain.zoneName);
      assert.equal(cname.inputs.relativeRecordSetName, "www");
      assert.match(
        String((cname.inputs.cnameRecord as { cname: string }).cname),
        /^fde-plugilo-edge-prod-[0-9a-f]+\.z01\.azurefd\.net$/,
      );
    }
  });

  it("the Application Gateway's backend is the Istio ingress ILB address the model reserves in the cluster's node subnet", () => {
    for (const agw of model.edge.applicationGateways) {
      const gateway = gatewayOf(agw);
      const clusters = model.clusters.filter((c) => c.region === agw.region);
      assert.ok(clusters.length > 0);
      const pools = gateway.inputs.backendAddressPools as { name: string; backendAddresses: { ipAddress: string }[] }[];
      assert.equal(pools.length, 1);
      assert.deepEqual(
        pools[0]?.backendAddresses.map((b) => b.ipAddress),
        clusters.map((c) => c.ingressIp),
      );
      for (const c of clusters) {
        const nodes = model.vnets.find((v) => v.key === c.vnetKey)?.subnets.find((s) => s.kind === "aksNodes");
        assert.ok(nodes && containsAddress(nodes.cidr, c.ingressIp), `${c.ingressIp} is not in ${c.name}'s node subnet`);
      }
      const [settings] = gateway.inputs.backendHttpSettingsCollection as Inputs[];
      assert.equal(settings?.port, 443);
      assert.equal(settings?.protocol, "Https");
      assert.equal(settings?.pickHostNameFromBackendAddress, false);
      const [probe] = gateway.inputs.probes as Inputs[];
      assert.equal(probe?.protocol, "Https");
      assert.equal(probe?.path, model.config.edge.applicationGateway.healthProbePath);
    }
  });

  it("the Application Gateway subnet routes each cluster prefix to its region's firewall and has no 0.0.0.0/0 route", () => {
    const clusterPrefixes = model.vnets.filter((v) => v.kind === "cluster").map((v) => v.cidr);
    for (const agw of model.edge.applicationGateways) {
      const vnet = one("network:VirtualNetwork", (v) => v.inputs.virtualNetworkName === edgeVnet(agw.region).name);
      const gatewaySubnetId = (gatewayOf(agw).inputs.gatewayIPConfigurations as { subnet: { id: string } }[])[0]?.subnet.id;
      assert.equal(gatewaySubnetId, agw.subnetId);
      const subnet = (vnet.inputs.subnets as { name: string; addressPrefix: string; routeTable: { id: string } }[]).find((s) =>
        agw.subnetId.endsWith(`/subnets/${s.name}`),
      );
      assert.ok(subnet, `no AppGW subnet in ${vnet.name}`);
      assert.equal(subnet.addressPrefix, agw.subnetCidr);
      const table = one("network:RouteTable", (t) => t.inputs.routeTableName === subnet.routeTable.id.split("/").pop());
      const routes = table.inputs.routes as { addressPrefix: string; nextHopType: string; nextHopIpAddress: string }[];
      assert.ok(
        routes.every((r) => r.addressPrefix !== "0.0.0.0/0"),
        "0.0.0.0/0 to the firewall is unsupported on the AppGW subnet",
      );
      assert.deepEqual(routes.map((r) => r.addressPrefix).sort(), [...clusterPrefixes].sort());
      for (const r of routes) {
        assert.equal(r.nextHopType, "VirtualAppliance");
        assert.equal(r.nextHopIpAddress, hubIn(agw.region).firewallPrivateIp);
      }
      // Every backend address lies in a routed prefix, so the firewall sees the traffic.
      for (const b of agw.backendAddresses) assert.ok(routes.some((r) => containsAddress(r.addressPrefix, b.ipAddress)));
    }
  });

  it("every regional firewall allows the Application Gateway and API Management subnets to the ILBs on TCP 443", () => {
    const agwSubnets = model.edge.applicationGateways.map((a) => a.subnetCidr).sort();
    const apimSubnet = edgeVnet(model.edge.apiManagement.region).subnets.find((s) => s.kind === "apim")?.cidr;
    const ilbs = model.clusters.map((c) => `${c.ingressIp}/32`).sort();
    const groups = of("network:FirewallPolicyRuleCollectionGroup", "hub").filter(
      (g) => g.inputs.ruleCollectionGroupName === "rcg-inbound",
    );
    assert.equal(groups.length, model.hubs.length);
    for (const group of groups) {
      const rules = (group.inputs.ruleCollections as { action: { type: string }; rules: Rule[] }[]).flatMap((c) => {
        assert.equal(c.action.type, "Allow");
        return c.rules;
      });
      const covers = (sources: string[]) =>
        rules.some(
          (r) =>
            sources.every((s) => r.sourceAddresses.includes(s)) &&
            ilbs.every((d) => r.destinationAddresses?.includes(d)) &&
            r.destinationPorts?.length === 1 &&
            r.destinationPorts[0] === "443" &&
            r.ipProtocols?.length === 1 &&
            r.ipProtocols[0] === "TCP",
        );
      assert.ok(covers(agwSubnets), `${group.name}: AppGW subnets -> ILBs:443 not allowed`);
      assert.ok(apimSubnet && covers([apimSubnet]), `${group.name}: API Management subnet -> ILBs:443 not allowed`);
    }
  });

  it("API Management: Standard v2, public access disabled, a private endpoint with its DNS zone group, outbound VNet integration", () => {
    const apim = model.edge.apiManagement;
    const service = one("apimanagement:ApiManagementService", () => true);
    assert.equal(service.inputs.publicNetworkAccess, "Disabled");
    assert.deepEqual(service.inputs.sku, { name: "StandardV2", capacity: 2 });
    assert.equal(service.inputs.location, "germanywestcentral");
    assert.equal(service.protect, true);
    assert.equal(service.inputs.virtualNetworkType, "External");
    assert.deepEqual(service.inputs.virtualNetworkConfiguration, { subnetResourceId: apim.outboundSubnetId });
    // The outbound subnet is delegated to Microsoft.Web/serverFarms and sends everything to the firewall.
    const vnet = one("network:VirtualNetwork", (v) => v.inputs.virtualNetworkName === edgeVnet(apim.region).name);
    const subnet = (
      vnet.inputs.subnets as { name: string; delegations?: { serviceName: string }[]; routeTable: { id: string } }[]
    ).find((s) => apim.outboundSubnetId.endsWith(`/subnets/${s.name}`));
    assert.deepEqual(
      subnet?.delegations?.map((d) => d.serviceName),
      ["Microsoft.Web/serverFarms"],
    );
    const table = one("network:RouteTable", (t) => t.inputs.routeTableName === subnet?.routeTable.id.split("/").pop());
    assert.deepEqual(
      (table.inputs.routes as { addressPrefix: string; nextHopIpAddress: string }[]).map((r) => [
        r.addressPrefix,
        r.nextHopIpAddress,
      ]),
      [["0.0.0.0/0", hubIn(apim.region).firewallPrivateIp]],
    );

    const endpoint = one("network:PrivateEndpoint", (p) => p.inputs.privateEndpointName === apim.privateEndpoint.name);
    const [connection] = endpoint.inputs.privateLinkServiceConnections as { privateLinkServiceId: string; groupIds: string[] }[];
    assert.equal(connection?.privateLinkServiceId, armId(service, "Microsoft.ApiManagement/service", "serviceName"));
    assert.deepEqual(connection?.groupIds, ["Gateway"]);
    const peSubnet = edgeVnet(apim.region).subnets.find((s) => s.kind === "edgePrivateEndpoints");
    assert.equal((endpoint.inputs.subnet as { id: string }).id, peSubnet?.id);

    const group = one("network:PrivateDnsZoneGroup", (g) => g.inputs.privateEndpointName === apim.privateEndpoint.name);
    const [config] = group.inputs.privateDnsZoneConfigs as { privateDnsZoneId: string }[];
    const zone = one("privatedns:PrivateZone", (z) => z.inputs.privateZoneName === "privatelink.azure-api.net", "hub");
    assert.equal(config?.privateDnsZoneId, armId(zone, "Microsoft.Network/privateDnsZones", "privateZoneName"));
  });

  it("API Management's global policy validates Entra ID tokens, limits each caller and allows CORS from the custom domains", () => {
    const apim = model.edge.apiManagement;
    const policy = one("apimanagement:Policy", () => true);
    assert.equal(policy.inputs.policyId, "policy");
    assert.equal(policy.inputs.value, globalPolicyXml(apim));
    const xml = String(policy.inputs.value);
    assert.match(xml, /<validate-azure-ad-token tenant-id="\{\{entra-tenant-id\}\}"/);
    assert.match(xml, /<audience>\{\{token-audience\}\}<\/audience>/);
    assert.match(xml, new RegExp(`<rate-limit-by-key calls="${apim.policy.rateLimitPerMinute}" renewal-period="60"`));
    assert.match(xml, /<origin>https:\/\/www\.plugilo\.example<\/origin>/);
    assert.ok(
      xml.indexOf("<cors") < xml.indexOf("<validate-azure-ad-token"),
      "CORS must answer preflights before token validation",
    );
    const named = of("apimanagement:NamedValue").map((n) => [n.inputs.namedValueId, n.inputs.value]);
    assert.deepEqual(named, [
      ["entra-tenant-id", model.tenantId],
      ["token-audience", "api://plugilo-prod"],
    ]);
    const set = one("apimanagement:ApiVersionSet", () => true);
    assert.equal(set.inputs.versioningScheme, "Segment");
    assert.equal(set.inputs.versionSetId, "core");
  });

  it("reads the TLS certificates from the environment's Key Vault through user-assigned identities with Key Vault Secrets User on those secrets only", () => {
    const vault = model.keyVault;
    const identities = of("managedidentity:UserAssignedIdentity").map((i) => i.inputs.resourceName);
    const roles = of("authorization:RoleAssignment");
    // Key Vault Secrets User: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
    const secretsUser = `/subscriptions/${vault.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`;
    for (const agw of model.edge.applicationGateways) {
      const gateway = gatewayOf(agw);
      assert.ok(identities.includes(agw.identityName));
      assert.equal((gateway.inputs.identity as { type: string }).type, "UserAssigned");
      const certificates = [
        ...(gateway.inputs.sslCertificates as { keyVaultSecretId: string }[]),
        ...(gateway.inputs.trustedRootCertificates as { keyVaultSecretId: string }[]),
      ];
      for (const c of certificates) assert.ok(c.keyVaultSecretId.startsWith(`${vault.uri}secrets/`), c.keyVaultSecretId);
      // Secret scope (https://learn.microsoft.com/azure/key-vault/general/rbac-guide): prod.yaml names edge-tls
      // and istio-ingress-ca; the gateway can read nothing else of the vault.
      const own = roles.filter((r) => r.name.startsWith(`${agw.identityName}-kv-`));
      assert.deepEqual(own.map((r) => r.inputs.scope).sort(), [
        `${vault.id}/secrets/edge-tls`,
        `${vault.id}/secrets/istio-ingress-ca`,
      ]);
    }
    // prod's API Management reads no Key Vault named value: its identity has no role at all.
    assert.equal(roles.filter((r) => r.name.startsWith(`${model.edge.apiManagement.identityName}-kv-`)).length, 0);
    assert.equal(roles.length, model.edge.applicationGateways.length * 2);
    for (const role of roles) {
      assert.notEqual(role.inputs.scope, vault.id, "no edge identity reads the whole vault");
      assert.equal(role.inputs.principalType, "ServicePrincipal");
      assert.equal(role.inputs.roleDefinitionId, secretsUser);
    }
  });

  it("Application Gateway WAF_v2: autoscale and WAF mode from configuration, zones where the region has them, a diagnostic setting", () => {
    const agwConfig = model.config.edge.applicationGateway;
    for (const agw of model.edge.applicationGateways) {
      const gateway = gatewayOf(agw);
      assert.deepEqual(gateway.inputs.sku, { name: "WAF_v2", tier: "WAF_v2" });
      assert.deepEqual(gateway.inputs.autoscaleConfiguration, {
        minCapacity: agwConfig.minCapacity,
        maxCapacity: agwConfig.maxCapacity,
      });
      const zones = agw.region === "germanywestcentral" ? ["1", "2", "3"] : undefined;
      assert.deepEqual(gateway.inputs.zones, zones);
      const ip = one("network:PublicIPAddress", (p) => p.inputs.publicIpAddressName === agw.publicIpName);
      assert.deepEqual(ip.inputs.zones, zones);
      const waf = one("network:WebApplicationFirewallPolicy", (p) => p.inputs.policyName === agw.wafPolicyName);
      assert.equal((waf.inputs.policySettings as Inputs).mode, "Prevention");
      assert.equal((gateway.inputs.firewallPolicy as { id: string }).id, agw.wafPolicyId);
      assert.equal(
        agw.wafPolicyId,
        armId(waf, "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", "policyName"),
      );
      // Listeners only on the private frontend: the public one exists because Azure requires it (ADR 0023).
      for (const listener of gateway.inputs.httpListeners as { frontendIPConfiguration: { id: string }; hostNames: string[] }[]) {
        assert.equal(listener.frontendIPConfiguration.id, agw.partIds.privateFrontend);
        assert.deepEqual(listener.hostNames, ["www.plugilo.example"]);
      }
      const rules = gateway.inputs.requestRoutingRules as { ruleType: string; urlPathMap: { id: string } }[];
      assert.ok(rules.every((r) => r.ruleType === "PathBasedRouting" && r.urlPathMap.id === agw.partIds.urlPathMap));
      const diagnostics = of("monitor:DiagnosticSetting").filter(
        (d) => d.inputs.resourceUri === armId(gateway, "Microsoft.Network/applicationGateways", "applicationGatewayName"),
      );
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]?.inputs.workspaceId, agw.logAnalyticsWorkspaceId);
    }
  });

  it("the Application Gateway subnet's NSG admits the platform ranges and Azure's infrastructure ports, nothing from the Internet", () => {
    for (const agw of model.edge.applicationGateways) {
      const subnet = edgeVnet(agw.region).subnets.find((s) => s.kind === "appgw");
      const nsg = one(
        "network:NetworkSecurityGroup",
        (n) => n.inputs.networkSecurityGroupName === subnet?.networkSecurityGroup?.name,
      );
      const rules = nsg.inputs.securityRules as { name: string; access: string; sourceAddressPrefix?: string }[];
      const allowed = rules.filter((r) => r.access === "Allow");
      assert.ok(allowed.every((r) => r.sourceAddressPrefix !== "Internet" && r.sourceAddressPrefix !== "*"));
      assert.ok(rules.some((r) => r.name === "AllowGatewayManagerInbound"));
      assert.ok(rules.some((r) => r.access === "Deny" && r.sourceAddressPrefix === "*"));
    }
  });
});
