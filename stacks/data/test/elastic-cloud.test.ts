/**
 * ElasticCloud planned alone with a deployment built by hand, against the simulated Elastic Cloud API:
 * - a private endpoint in the data spoke to Elastic's Private Link service of the region, a manual
 *   connection (a third-party service approves it), the `*` A record of privatelink.<region>.azure.elastic-cloud.com
 *   in the hub's zone pointing at the endpoint's address, and a traffic filter of type azure_private_endpoint
 *   naming the endpoint and its resourceGuid:
 *   https://www.elastic.co/docs/deploy-manage/security/private-connectivity-azure,
 *   https://learn.microsoft.com/azure/private-link/private-endpoint-overview
 * - the deployment with autoscaling hot and warm tiers across the configured zones, the filter attached;
 * - its Private Link URL and credentials written as secrets of the environment's Key Vault (an ARM write,
 *   allowed with public access off: https://learn.microsoft.com/azure/key-vault/general/network-security).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProviderFor } from "@plugilo/components";
import type { ElasticModel } from "@plugilo/model";
import { planComponent, TEST_ENVIRONMENT, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { VirtualNetwork } from "@pulumi/azure-native/network/index.js";
import { ElasticCloud } from "../src/elastic-cloud.ts";

const DATA = TEST_SUBSCRIPTIONS.data;
const SUBNET = `/subscriptions/${DATA}/resourceGroups/rg-data-gwc/providers/Microsoft.Network/virtualNetworks/vnet-data-gwc/subnets/snet-data-pe`;
const DOMAIN = "privatelink.germanywestcentral.azure.elastic-cloud.com";
const elastic = (privateLinkDomain: string): ElasticModel => ({
  deploymentName: "es-acme-test",
  region: "azure-germanywestcentral",
  azureRegion: "germanywestcentral",
  version: "9.1.0",
  deploymentTemplate: "azure-general-purpose",
  zoneCount: 2,
  autoscale: true,
  hotMaxSize: "64g",
  warmMaxSize: "128g",
  trafficFilterName: "tf-acme-test",
  privateLinkDomain,
  privateEndpoint: {
    name: "pe-es-acme-test",
    id: "pe",
    region: "germanywestcentral",
    resourceGroup: "rg-data-gwc",
    subscriptionId: DATA,
    subnetId: SUBNET,
    subnetCidr: "10.1.0.0/26",
    networkInterfaceName: "pe-es-acme-test-nic",
    privateDnsZone: { name: privateLinkDomain, id: "z" },
    dnsRegistration: "wildcardRecord",
  },
  ilmPolicies: [],
  keyVaultSecrets: { url: "elastic-url", username: "elastic-username", password: "elastic-password" },
});
// The data spoke's endpoint subnet: the simulated Azure gives the endpoint its first free address, 10.1.0.4.
const environment = {
  ...TEST_ENVIRONMENT,
  vnets: [
    {
      subnets: [{ kind: "dataPrivateEndpoints" as const, name: "snet-data-pe", id: SUBNET, cidr: "10.1.0.0/26", purpose: "pe" }],
    },
  ],
};
const build =
  (domain: string) =>
  ({ providerFor }: { providerFor: ProviderFor }) => {
    const spoke = new VirtualNetwork("vnet-data-gwc", { resourceGroupName: "rg-data-gwc" }, { provider: providerFor("data") });
    new ElasticCloud(
      "elastic",
      {
        environment: "test",
        elastic: elastic(domain),
        tags: { layer: "data" },
        environmentTags: { owner: "platform", "cost-center": "cc-1" },
        protect: true,
        dnsResourceGroup: "rg-dns",
        keyVault: { name: "kv-acme-test", resourceGroup: "rg-shared" },
        spoke,
        hubProvider: providerFor("hub"),
        keyVaultProvider: providerFor("data"),
      },
      { providers: [providerFor("data")] },
    );
  };

describe("ElasticCloud", () => {
  it("is reached only through its private endpoint, and leaves its URL and credentials in Key Vault", async () => {
    const plan = await planComponent(build(DOMAIN), { environment });
    const pe = plan.named("azure-native:network:PrivateEndpoint", "pe-es-acme-test");
    assert.equal((pe.inputs.subnet as { id: string }).id, SUBNET);
    const [connection] = pe.inputs.manualPrivateLinkServiceConnections as { privateLinkServiceId: string; groupIds?: string[] }[];
    assert.match(String(connection?.privateLinkServiceId), /\.germanywestcentral\.azure\.privatelinkservice$/);
    assert.equal(connection?.groupIds, undefined);
    assert.deepEqual(plan.ofType("azure-native:network:PrivateDnsZoneGroup"), []);
    const record = plan.named("azure-native:privatedns:PrivateRecordSet", `${DOMAIN}-wildcard`);
    assert.deepEqual(
      [record.inputs.privateZoneName, record.inputs.relativeRecordSetName, record.inputs.recordType, record.inputs.aRecords],
      [DOMAIN, "*", "A", [{ ipv4Address: "10.1.0.4" }]],
    );
    assert.equal(plan.subscriptionOf(record), TEST_SUBSCRIPTIONS.hub);
    const filter = plan.named("ec:index/deploymentTrafficFilter:DeploymentTrafficFilter", "tf-acme-test");
    assert.equal(filter.inputs.type, "azure_private_endpoint");
    const [rule] = filter.inputs.rules as { azureEndpointName: string; azureEndpointGuid: string }[];
    assert.equal(rule?.azureEndpointName, "pe-es-acme-test");
    assert.match(String(rule?.azureEndpointGuid), /^[0-9a-f-]{36}$/);
    const deployment = plan.named("ec:index/deployment:Deployment", "es-acme-test");
    assert.equal(deployment.protect, true);
    const es = deployment.inputs.elasticsearch as Record<string, { zoneCount: number; autoscaling: unknown } | boolean>;
    assert.deepEqual(
      [es.autoscale, es.hot, es.warm],
      [
        true,
        { zoneCount: 2, autoscaling: { maxSize: "64g", maxSizeResource: "memory" } },
        { zoneCount: 2, autoscaling: { maxSize: "128g", maxSizeResource: "memory" } },
      ],
    );
    assert.equal((deployment.inputs.trafficFilters as unknown[]).length, 1);
    assert.deepEqual(deployment.inputs.tags, { environment: "test", owner: "platform", "cost-center": "cc-1" });
    const secrets = plan.ofType("azure-native:keyvault:Secret");
    assert.deepEqual(
      secrets.map((s) => [s.inputs.vaultName, s.inputs.secretName, plan.subscriptionOf(s)]).sort(),
      ["elastic-password", "elastic-url", "elastic-username"].map((n) => ["kv-acme-test", n, DATA]),
    );
  });
});
