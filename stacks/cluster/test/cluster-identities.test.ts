/**
 * ClusterIdentities planned alone with a cluster built by hand: the control-plane and kubelet identities, user
 * assigned so their roles exist before the cluster, and exactly these roles
 * (https://learn.microsoft.com/azure/aks/use-managed-identity, .../aks/private-clusters): Network Contributor
 * (4d97b98b-1d4f-4787-a291-c67834d212e7) on the VNet and the node route table, Private DNS Zone Contributor
 * (b12aa53e-6015-4669-85d0-8515ebb3ae7f) on the API server's zone in the Hub subscription, Managed Identity
 * Operator (f1a07417-d97a-45cb-824c-7a7467783830) on the kubelet identity, and AcrPull
 * (7f951dda-4ed3-4680-a7ca-43fe172d538d) on the registry in the Data Platform subscription; on an ABAC registry,
 * which ignores AcrPull, Container Registry Repository Reader (b93aa761-3e63-49ed-ac28-beffa264f7ac) instead
 * (https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent, TEST_SUBSCRIPTIONS } from "@plugilo/testing";
import { ClusterIdentities } from "../src/cluster-identities.ts";

const APP1 = TEST_SUBSCRIPTIONS.app1;
const RG = `/subscriptions/${APP1}/resourceGroups/rg-app1`;
const VNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-app1`;
const ROUTES = `${RG}/providers/Microsoft.Network/routeTables/rt-nodes`;
const ZONE = `/subscriptions/${TEST_SUBSCRIPTIONS.hub}/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.germanywestcentral.azmk8s.io`;
const KUBELET = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app1-kubelet`;
const REGISTRY = `/subscriptions/${TEST_SUBSCRIPTIONS.data}/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/cracmetest`;

describe("ClusterIdentities", () => {
  const planIdentities = (registryRole: "AcrPull" | "Container Registry Repository Reader") =>
    planComponent(({ providerFor }) => {
      new ClusterIdentities("identities", {
        cluster: {
          name: "app1",
          region: "germanywestcentral",
          subscription: "app1",
          resourceGroup: { name: "rg-app1", id: RG, location: "germanywestcentral", subscriptionId: APP1 },
          identities: {
            controlPlane: {
              name: "id-app1-control-plane",
              id: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app1-control-plane`,
            },
            kubelet: { name: "id-app1-kubelet", id: KUBELET, registryRole },
          },
          aks: { vnetId: VNET, nodeRouteTableId: ROUTES, privateDnsZoneId: ZONE },
        },
        containerRegistryId: REGISTRY,
        providerFor,
        tags: { layer: "app1" },
      });
    });

  it("creates both identities and grants exactly the cluster's roles, each with its scope's subscription", async () => {
    const plan = await planIdentities("AcrPull");
    assert.deepEqual(
      plan.ofType("azure-native:managedidentity:UserAssignedIdentity").map((i) => [i.inputs, plan.subscriptionOf(i)]),
      [
        [
          {
            resourceGroupName: "rg-app1",
            location: "germanywestcentral",
            resourceName: "id-app1-control-plane",
            tags: { layer: "app1" },
          },
          APP1,
        ],
        [
          {
            resourceGroupName: "rg-app1",
            location: "germanywestcentral",
            resourceName: "id-app1-kubelet",
            tags: { layer: "app1" },
          },
          APP1,
        ],
      ],
    );
    const grants = plan
      .ofType("azure-native:authorization:RoleAssignment")
      .map((g) => [g.inputs.scope, String(g.inputs.roleDefinitionId).split("/").pop(), plan.subscriptionOf(g)])
      .sort();
    assert.deepEqual(
      grants,
      [
        [VNET, "4d97b98b-1d4f-4787-a291-c67834d212e7", APP1],
        [ROUTES, "4d97b98b-1d4f-4787-a291-c67834d212e7", APP1],
        [ZONE, "b12aa53e-6015-4669-85d0-8515ebb3ae7f", TEST_SUBSCRIPTIONS.hub],
        [KUBELET, "f1a07417-d97a-45cb-824c-7a7467783830", APP1],
        [REGISTRY, "7f951dda-4ed3-4680-a7ca-43fe172d538d", TEST_SUBSCRIPTIONS.data],
      ].sort(),
    );
  });

  it("pulls with Container Registry Repository Reader where the registry is in ABAC mode", async () => {
    const plan = await planIdentities("Container Registry Repository Reader");
    const pull = plan
      .ofType("azure-native:authorization:RoleAssignment")
      .filter((g) => g.inputs.scope === REGISTRY)
      .map((g) => String(g.inputs.roleDefinitionId).split("/").pop());
    assert.deepEqual(pull, ["b93aa761-3e63-49ed-ac28-beffa264f7ac"]);
  });
});
