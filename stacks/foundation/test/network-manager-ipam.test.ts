/**
 * NetworkManagerIpam, planned alone from a small address plan built by hand: one pool per region block with
 * the block's range, a static CIDR per VNet in its region's pool, and one pool reserving the AWS, GCP and
 * Tailscale ranges (other reservations stay out). The network manager governs the management group it is
 * given and needs no connectivity or security admin configuration.
 * https://learn.microsoft.com/azure/virtual-network-manager/concept-ip-address-management
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type ComponentPlan, planComponent } from "@plugilo/testing";
import { NetworkManagerIpam } from "../src/network-manager-ipam.ts";

const MG = "/providers/Microsoft.Management/managementGroups/mg-acme-test";
let plan: ComponentPlan;
before(async () => {
  plan = await planComponent(({ providerFor }) => {
    new NetworkManagerIpam("ipam", {
      environment: "test",
      organization: "acme",
      networkManager: {
        name: "vnm-acme-test",
        id: "nm",
        resourceGroup: "rg-foundation",
        subscriptionId: "s",
        location: "germanywestcentral",
      },
      addressPlan: {
        space: "10.0.0.0/12",
        regionBlocks: [
          { region: "germanywestcentral", cidr: "10.0.0.0/13", platformBlock: "10.0.0.0/16" },
          { region: "germanynorth", cidr: "10.8.0.0/13", platformBlock: "10.8.0.0/16" },
        ],
      },
      vnets: [
        { key: "hub-gwc", name: "vnet-hub-gwc", kind: "hub", region: "germanywestcentral", cidr: "10.0.0.0/22" },
        { key: "data-gn", name: "vnet-data-gn", kind: "data", region: "germanynorth", cidr: "10.8.4.0/22" },
      ],
      reservations: [
        { name: "AWS VPC", kind: "aws", cidr: "10.100.0.0/16", routable: true, path: "multicloud.aws.ranges" },
        { name: "Tailnet", kind: "tailscale", cidr: "100.64.0.0/10", routable: true, path: "access.tailscale" },
        { name: "pods", kind: "pods", cidr: "10.244.0.0/16", routable: false, path: "clusters.app1.podCidr" },
      ],

      tags: { layer: "foundation" },
      providerFor,
      scopeManagementGroupId: MG,
      dependsOn: [],
    });
  });
});
const prefixes = (r: { inputs: Record<string, unknown> }) =>
  (r.inputs.properties as { addressPrefixes: string[] }).addressPrefixes;

describe("NetworkManagerIpam", () => {
  it("scopes the network manager to the management group, without admin configurations", () => {
    const nm = plan.named("azure-native:network:NetworkManager", "vnm-acme-test");
    assert.deepEqual(nm.inputs.networkManagerScopes, { managementGroups: [MG] });
    assert.deepEqual(nm.inputs.networkManagerScopeAccesses, []);
    assert.equal(nm.inputs.description, "IP address management of test, fed by the address plan in environments/test.yaml");
  });

  it("keeps a pool per region block and a static CIDR per VNet in its region's pool", () => {
    const pools = plan.ofType("azure-native:network:IpamPool");
    assert.deepEqual(
      pools.map((p) => [p.inputs.poolName, p.inputs.location, prefixes(p)]),
      [
        ["ipam-acme-test-gwc", "germanywestcentral", ["10.0.0.0/13"]],
        ["ipam-acme-test-gn", "germanynorth", ["10.8.0.0/13"]],
        ["ipam-acme-test-external", "germanywestcentral", ["10.100.0.0/16", "100.64.0.0/10"]],
      ],
    );
    const cidrs = plan.ofType("azure-native:network:StaticCidr");
    assert.deepEqual(
      cidrs.map((c) => [c.name, c.inputs.staticCidrName, prefixes(c)]),
      [
        ["ipam-acme-test-gwc-hub-gwc", "vnet-hub-gwc", ["10.0.0.0/22"]],
        ["ipam-acme-test-gn-data-gn", "vnet-data-gn", ["10.8.4.0/22"]],
        ["ipam-acme-test-external-aws-10.100.0.0/16", "aws-10-100-0-0-16", ["10.100.0.0/16"]],
        ["ipam-acme-test-external-tailscale-100.64.0.0/10", "tailscale-100-64-0-0-10", ["100.64.0.0/10"]],
      ],
    );
  });
});
