/**
 * The clusters as the offline plan records them: the production and the development cluster stacks (prod: two
 * clusters in two regions, no error findings), checked on the inputs sent to
 * Azure and Kubernetes: NAP and no autoscaler, UDR egress through the region's firewall, Overlay + Cilium,
 * private API server, Entra ID and Azure RBAC, OIDC and workload identity, AcrPull, KMS, monitoring,
 * upgrades, and the Argo CD bootstrap with its root Application per cluster.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  BUILTIN_ROLES,
  type ClusterModel,
  type EnvironmentModel,
  loadModel,
  retiredVmFamily,
  vmSizesIn,
  WORKLOAD_IDENTITY_AUDIENCE,
} from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

interface Planned {
  model: EnvironmentModel;
  plan: PlanResult;
}
const envs: Record<string, Planned> = {};

before(async () => {
  const prod = loadModel("prod");
  envs.prod = { model: prod, plan: await planEnvironment(prod, { only: prod.clusters.map((c) => c.name) }) };
  const dev = loadModel("dev");
  envs.dev = { model: dev, plan: await planEnvironment(dev, { only: dev.clusters.map((c) => c.name) }) };
});

const get = (env: string) => envs[env] as Planned;
const ofType = (p: PlanResult, type: string, stack?: string) =>
  p.resources.filter((r) => r.type === type && (stack === undefined || r.stack === stack));
function one(p: PlanResult, type: string, stack: string, name?: string): PlannedResource {
  const found = ofType(p, type, stack).filter((r) => name === undefined || r.name === name);
  assert.equal(found.length, 1, `expected one ${type} ${name ?? ""} in ${stack}, found ${found.length}`);
  return found[0] as PlannedResource;
}
const managedCluster = (p: PlanResult, stack: string) => one(p, "azure-native:containerservice:ManagedCluster", stack);
type Inputs = Record<string, unknown> & { [key: string]: never | unknown };
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
const roleGuid = (r: PlannedResource) => String(r.inputs.roleDefinitionId).split("/").pop();

for (const env of ["prod", "dev"]) {
  describe(`clusters (${env})`, () => {
    const clusters = () => get(env).model.clusters;
    const plan = () => get(env).plan;

    it("plans every cluster stack with no error findings", () => {
      const errors = plan().findings.filter((f) => f.severity === "error");
      assert.deepEqual(errors, []);
      for (const c of clusters())
        assert.ok(
          plan().stacks.some((s) => s.name === c.name && s.resourceCount > 40),
          c.name,
        );
    });

    it("turns Node Auto Provisioning on and the cluster autoscaler off everywhere", () => {
      for (const c of clusters()) {
        const mc = managedCluster(plan(), c.name);
        assert.deepEqual(mc.inputs.nodeProvisioningProfile, { mode: "Auto", defaultNodePools: "Auto" });
        assert.equal(mc.inputs.autoScalerProfile, undefined);
        const pools = mc.inputs.agentPoolProfiles as Inputs[];
        assert.ok(pools.length >= 1);
        for (const pool of pools) {
          assert.equal(pool.enableAutoScaling, false, `${c.name} pool ${String(pool.name)}`);
          assert.equal(pool.minCount, undefined);
          assert.equal(pool.maxCount, undefined);
        }
        // No separately managed agent pool could bring the autoscaler back.
        assert.deepEqual(ofType(plan(), "azure-native:containerservice:AgentPool", c.name), []);
      }
    });

    it("sends egress through the spoke's route table to its own region's firewall (userDefinedRouting)", () => {
      const { model } = get(env);
      for (const c of clusters()) {
        const mc = managedCluster(plan(), c.name);
        assert.equal(at(mc.inputs, "networkProfile", "outboundType"), "userDefinedRouting");
        const nodeSubnetId = (mc.inputs.agentPoolProfiles as Inputs[])[0]?.vnetSubnetID as string;
        const subnetName = nodeSubnetId.split("/").pop();
        const vnet = one(plan(), "azure-native:network:VirtualNetwork", c.name);
        const subnet = (vnet.inputs.subnets as Inputs[]).find((s) => s.name === subnetName);
        assert.ok(subnet, `the node subnet ${subnetName} is in the spoke`);
        const tableName = String(at(subnet, "routeTable", "id"))
          .split("/")
          .pop();
        const table = one(plan(), "azure-native:network:RouteTable", c.name, tableName);
        const hub = model.hubs.find((h) => h.region === c.region);
        assert.deepEqual(table.inputs.routes, [
          {
            name: "default-via-firewall",
            addressPrefix: "0.0.0.0/0",
            nextHopType: "VirtualAppliance",
            nextHopIpAddress: hub?.firewallPrivateIp,
          },
        ]);
      }
    });

    it("runs Azure CNI Overlay with the Cilium dataplane and network policy", () => {
      for (const c of clusters()) {
        const net = managedCluster(plan(), c.name).inputs.networkProfile as Inputs;
        assert.equal(net.networkPlugin, "azure");
        assert.equal(net.networkPluginMode, "overlay");
        assert.equal(net.networkDataplane, "cilium");
        assert.equal(net.networkPolicy, "cilium");
        assert.equal(net.podCidr, c.podCidr);
        assert.equal(net.serviceCidr, c.serviceCidr);
        assert.equal(net.dnsServiceIP, c.dnsServiceIp);
      }
    });

    it("keeps the API server private: VNet integration in the delegated subnet, record in the hub's zone", () => {
      const { model } = get(env);
      for (const c of clusters()) {
        const api = managedCluster(plan(), c.name).inputs.apiServerAccessProfile as Inputs;
        assert.equal(api.enablePrivateCluster, true);
        assert.equal(api.enableVnetIntegration, true);
        assert.equal(api.enablePrivateClusterPublicFQDN, false);
        const subnet = model.vnets.flatMap((v) => v.subnets).find((s) => s.id === api.subnetId);
        assert.equal(subnet?.kind, "aksApiServer");
        assert.equal(subnet?.delegation, "Microsoft.ContainerService/managedClusters");
        assert.equal(api.privateDNSZone, model.dns.privateZones.find((z) => z.name === `private.${c.region}.azmk8s.io`)?.id);
      }
    });

    it("uses Entra ID with Azure RBAC and the admin groups, and no local accounts", () => {
      const { model } = get(env);
      for (const c of clusters()) {
        const mc = managedCluster(plan(), c.name).inputs;
        assert.equal(mc.disableLocalAccounts, true);
        assert.equal(mc.enableRBAC, true);
        assert.deepEqual(mc.aadProfile, {
          managed: true,
          enableAzureRBAC: true,
          tenantID: model.tenantId,
          adminGroupObjectIDs: model.config.clusters.find((x) => x.name === c.name)?.adminGroupObjectIds,
        });
        assert.ok(c.aks.adminGroupObjectIds.length > 0);
      }
    });

    it("enables the OIDC issuer and workload identity, and federates each workload identity with that issuer", () => {
      for (const c of clusters()) {
        const mc = managedCluster(plan(), c.name).inputs;
        assert.equal(at(mc, "oidcIssuerProfile", "enabled"), true);
        assert.equal(at(mc, "securityProfile", "workloadIdentity", "enabled"), true);
        const issuer = plan().outputs[c.name]?.oidcIssuerUrl;
        assert.match(String(issuer), /^https:\/\/.+\.oic\.prod-aks\.azure\.com\//);
        const credentials = ofType(plan(), "azure-native:managedidentity:FederatedIdentityCredential", c.name);
        assert.equal(credentials.length, c.identities.workloads.length);
        for (const w of c.identities.workloads) {
          const fic = credentials.find((f) => f.inputs.subject === w.subject);
          assert.ok(fic, `${c.name}: no federated credential for ${w.subject}`);
          assert.equal(fic.inputs.issuer, issuer);
          assert.deepEqual(fic.inputs.audiences, [WORKLOAD_IDENTITY_AUDIENCE]);
          assert.equal(fic.inputs.resourceName, w.identityName);
        }
        const eso = c.identities.workloads.find((w) => w.key === "eso");
        assert.equal(eso?.subject, "system:serviceaccount:external-secrets:external-secrets");
      }
    });

    it("gives each kubelet identity pull on the environment registry (Repository Reader where it is ABAC)", () => {
      const { model } = get(env);
      for (const c of clusters()) {
        const kubeletObjectId = at(managedCluster(plan(), c.name).inputs, "identityProfile", "kubeletidentity", "objectId");
        assert.ok(kubeletObjectId);
        const pulls = ofType(plan(), "azure-native:authorization:RoleAssignment", c.name).filter(
          (r) => r.inputs.principalId === kubeletObjectId,
        );
        assert.equal(pulls.length, 1, `${c.name}: the kubelet identity has exactly one role`);
        const [pull] = pulls as [PlannedResource];
        assert.equal(pull.inputs.scope, model.containerRegistry.id);
        // AcrPull (7f951dda-...) is not honoured by an ABAC registry (dev's, docs/adr/0135): Container Registry
        // Repository Reader (b93aa761-...) there.
        assert.equal(
          roleGuid(pull),
          env === "dev" ? "b93aa761-3e63-49ed-ac28-beffa264f7ac" : "7f951dda-4ed3-4680-a7ca-43fe172d538d",
        );
        assert.equal(pull.inputs.principalType, "ServicePrincipal");
        // Assigned with the Data Platform subscription's provider, where the registry lives.
        const provider = plan().resources.find((r) => r.urn === pull.provider);
        assert.equal(provider?.inputs.subscriptionId, model.subscriptions.data);
      }
    });

    it("grants the control plane what a custom VNet, UDR and the hub's DNS zone need, before the cluster", () => {
      for (const c of clusters()) {
        const cp = at(managedCluster(plan(), c.name).inputs, "identity") as Inputs;
        assert.equal(cp.type, "UserAssigned");
        const grants = ofType(plan(), "azure-native:authorization:RoleAssignment", c.name).filter((r) =>
          r.name.startsWith(`${c.name}-aks-`),
        );
        const byScope = Object.fromEntries(grants.map((g) => [String(g.inputs.scope), roleGuid(g)]));
        assert.equal(byScope[c.aks.vnetId], BUILTIN_ROLES["Network Contributor"]);
        assert.equal(byScope[c.aks.nodeRouteTableId], BUILTIN_ROLES["Network Contributor"]);
        assert.equal(byScope[c.aks.privateDnsZoneId], BUILTIN_ROLES["Private DNS Zone Contributor"]);
        assert.equal(byScope[c.identities.kubelet.id], BUILTIN_ROLES["Managed Identity Operator"]);
      }
    });

    it("runs a fixed system pool for critical add-ons only, on a current VM size, in zones only where the region has them", () => {
      for (const c of clusters()) {
        const [system] = managedCluster(plan(), c.name).inputs.agentPoolProfiles as Inputs[];
        assert.equal(system?.mode, "System");
        assert.deepEqual(system?.nodeTaints, ["CriticalAddonsOnly=true:NoSchedule"]);
        assert.equal(retiredVmFamily(String(system?.vmSize)), undefined);
        if (c.region === "germanywestcentral") assert.deepEqual(system?.availabilityZones, ["1", "2", "3"]);
        else assert.equal(system?.availabilityZones, undefined, "germanynorth has no zones");
      }
    });

    it("upgrades automatically, each cluster in its own weekly window", () => {
      const days = new Set<string>();
      for (const c of clusters()) {
        const mc = managedCluster(plan(), c.name).inputs;
        assert.deepEqual(mc.autoUpgradeProfile, { upgradeChannel: "stable", nodeOSUpgradeChannel: "NodeImage" });
        const windows = ofType(plan(), "azure-native:containerservice:MaintenanceConfiguration", c.name);
        assert.deepEqual(windows.map((w) => w.inputs.configName).sort(), [
          "aksManagedAutoUpgradeSchedule",
          "aksManagedNodeOSUpgradeSchedule",
        ]);
        const day = String(at(windows[0]?.inputs, "maintenanceWindow", "schedule", "weekly", "dayOfWeek"));
        assert.ok(!days.has(day), `${c.name} shares its maintenance day ${day}`);
        days.add(day);
        assert.ok(Number(at(windows[0]?.inputs, "maintenanceWindow", "durationHours")) >= 4);
      }
    });

    it("turns on Image Cleaner and the Azure Policy add-on, and sends logs and metrics to the region's workspaces", () => {
      const { model } = get(env);
      for (const c of clusters()) {
        const mc = managedCluster(plan(), c.name).inputs;
        const workspace = model.logAnalytics.find((l) => l.region === c.region)?.id;
        assert.equal(at(mc, "securityProfile", "imageCleaner", "enabled"), true);
        assert.equal(at(mc, "addonProfiles", "azurepolicy", "enabled"), true);
        assert.equal(at(mc, "addonProfiles", "omsagent", "config", "logAnalyticsWorkspaceResourceID"), workspace);
        assert.equal(at(mc, "azureMonitorProfile", "metrics", "enabled"), true);
        const amw = one(plan(), "azure-native:monitor:AzureMonitorWorkspace", c.name);
        assert.equal(amw.inputs.location, c.region);
        const rules = ofType(plan(), "azure-native:monitor:DataCollectionRule", c.name);
        assert.ok(rules.some((r) => at(r.inputs, "destinations", "logAnalytics", 0, "workspaceResourceId") === workspace));
        assert.ok(rules.some((r) => at(r.inputs, "destinations", "monitoringAccounts", 0, "accountResourceId") !== undefined));
        const clusterId = plan().outputs[c.name]?.clusterId;
        const associations = ofType(plan(), "azure-native:monitor:DataCollectionRuleAssociation", c.name);
        assert.equal(associations.length, 3);
        for (const a of associations) assert.equal(a.inputs.resourceUri, clusterId);
        const diagnostics = ofType(plan(), "azure-native:monitor:DiagnosticSetting", c.name).find(
          (d) => d.inputs.resourceUri === clusterId,
        );
        assert.equal(diagnostics?.inputs.workspaceId, workspace);
      }
    });

    it("has Standard tier, Defender and KMS encryption of secrets in prod only", () => {
      const { model } = get(env);
      for (const c of clusters()) {
        const mc = managedCluster(plan(), c.name).inputs;
        const defender = at(mc, "securityProfile", "defender");
        const kms = at(mc, "securityProfile", "azureKeyVaultKms") as Inputs | undefined;
        if (env === "prod") {
          assert.equal(at(mc, "sku", "tier"), "Standard");
          assert.deepEqual(defender, {
            logAnalyticsWorkspaceResourceId: c.aks.logAnalyticsWorkspaceId,
            securityMonitoring: { enabled: true },
          });
          const key = one(plan(), "azure-native:keyvault:Key", c.name);
          // The cluster's own KMS vault (stacks/cluster/test/secret-access.test.ts), not the environment vault.
          assert.equal(key.inputs.vaultName, c.aks.kms?.vault.name);
          assert.equal(key.protect, true);
          assert.equal(at(key.inputs, "properties", "kty"), "RSA-HSM");
          assert.match(String(kms?.keyId), new RegExp(`^${c.aks.kms?.vault.uri}keys/aks-kms-${c.name}/[0-9a-f]{32}$`));
          assert.equal(kms?.keyVaultNetworkAccess, "Private");
          assert.equal(kms?.keyVaultResourceId, c.aks.kms?.vault.id);
          assert.notEqual(c.aks.kms?.vault.id, model.keyVault.id);
        } else {
          assert.equal(at(mc, "sku", "tier"), "Free");
          assert.equal(defender, undefined);
          assert.equal(kms, undefined);
          assert.deepEqual(ofType(plan(), "azure-native:keyvault:Key", c.name), []);
        }
      }
    });

    it("creates the Key Vault and registry private endpoints in the first cluster spoke of each region, with DNS in that region's zones", () => {
      const { model } = get(env);
      // The KMS vaults' own endpoints (prod) are checked in secret-access.test.ts.
      const endpoints = ofType(plan(), "azure-native:network:PrivateEndpoint").filter(
        (r) => model.clusters.some((c) => c.name === r.stack) && !String(r.inputs.privateEndpointName).endsWith("-kms"),
      );
      // app1 (germanywestcentral) and app2 (germanynorth) each hold their region's pair.
      assert.deepEqual(endpoints.map((e) => e.stack).sort(), ["app1", "app1", "app2", "app2"]);
      for (const owner of ["app1", "app2"]) {
        const c = model.clusters.find((x) => x.name === owner) as ClusterModel;
        const hub = model.hubs.find((h) => h.region === c.region);
        for (const [groupId, target, zone] of [
          ["vault", model.keyVault.id, "privatelink.vaultcore.azure.net"],
          ["registry", model.containerRegistry.id, "privatelink.azurecr.io"],
        ] as const) {
          const pe = endpoints.find(
            (e) => e.stack === owner && at(e.inputs, "privateLinkServiceConnections", 0, "groupIds", 0) === groupId,
          );
          assert.equal(at(pe?.inputs, "privateLinkServiceConnections", 0, "privateLinkServiceId"), target);
          assert.equal(at(pe?.inputs, "subnet", "id"), c.aks.sharedServiceEndpoints?.subnetId);
          assert.equal(pe?.inputs.location, c.region);
          const group = ofType(plan(), "azure-native:network:PrivateDnsZoneGroup", owner).find(
            (g) => g.inputs.privateEndpointName === pe?.inputs.privateEndpointName,
          );
          // The zone of the endpoint's own region, in that region's hub resource group.
          assert.equal(
            at(group?.inputs, "privateDnsZoneConfigs", 0, "privateDnsZoneId"),
            `/subscriptions/${hub?.subscriptionId}/resourceGroups/${hub?.resourceGroup}/providers/Microsoft.Network/privateDnsZones/${zone}`,
          );
        }
      }
    });

    it("installs Argo CD (pinned chart) and one root Application per cluster pointing at deploy/<env>/<cluster>", () => {
      const { model } = get(env);
      for (const c of clusters()) {
        const release = one(plan(), "kubernetes:helm.sh/v3:Release", c.name);
        assert.equal(release.inputs.chart, "argo-cd");
        assert.match(String(release.inputs.version), /^\d+\.\d+\.\d+$/);
        assert.equal(at(release.inputs, "repositoryOpts", "repo"), "https://argoproj.github.io/argo-helm");
        assert.equal(at(release.inputs, "values", "redis-ha", "enabled"), env === "prod" ? true : undefined);
        const apps = ofType(plan(), "kubernetes:argoproj.io/v1alpha1:Application", c.name);
        assert.equal(apps.length, 1);
        const app = apps[0] as PlannedResource;
        assert.equal(at(app.inputs, "spec", "source", "path"), `deploy/${env}/${c.name}`);
        assert.equal(at(app.inputs, "spec", "source", "path"), c.gitopsPath);
        assert.equal(at(app.inputs, "spec", "source", "repoURL"), model.config.argocd.repoUrl);
        assert.equal(at(app.inputs, "spec", "destination", "server"), "https://kubernetes.default.svc");
        assert.deepEqual(at(app.inputs, "spec", "syncPolicy", "automated"), { prune: true, selfHeal: true });
        assert.equal(at(app.inputs, "metadata", "finalizers"), undefined, "deleting the root must not cascade");
        // Every Kubernetes object goes to this cluster, through the provider built from its credentials.
        const provider = plan().resources.find((r) => r.urn === app.provider);
        assert.equal(provider?.type, "pulumi:providers:kubernetes");
        assert.equal(provider?.inputs.kubeconfig, "[secret]");
        for (const r of plan().resources.filter((x) => x.stack === c.name && x.type.startsWith("kubernetes:"))) {
          assert.equal(r.provider, app.provider, r.name);
        }
      }
    });

    it("annotates each workload ServiceAccount with its identity's client ID", () => {
      for (const c of clusters()) {
        const clientIds = plan().outputs[c.name]?.workloadIdentityClientIds as Record<string, string>;
        for (const w of c.identities.workloads) {
          const sa = ofType(plan(), "kubernetes:core/v1:ServiceAccount", c.name).find(
            (s) => at(s.inputs, "metadata", "name") === w.serviceAccount && at(s.inputs, "metadata", "namespace") === w.namespace,
          );
          assert.ok(sa, `${c.name}: no ServiceAccount ${w.namespace}/${w.serviceAccount}`);
          assert.equal(at(sa.inputs, "metadata", "annotations", "azure.workload.identity/client-id"), clientIds[w.key]);
        }
      }
    });

    it("names no retired VM size anywhere in the plan", () => {
      const offending = plan()
        .resources.flatMap((r) => vmSizesIn(JSON.stringify(r.inputs)).map((size) => ({ r: r.name, size })))
        .filter(({ size }) => retiredVmFamily(size));
      assert.deepEqual(offending, []);
      assert.deepEqual(
        plan().findings.filter((f) => f.rule === "no-retired-vm-sizes"),
        [],
      );
    });
  });
}

describe("production: two clusters in two regions", () => {
  it("places app1 in germanywestcentral and app2 in germanynorth, each in its own subscription", () => {
    const { model, plan } = get("prod");
    const placed = model.clusters.map((c) => {
      const mc = managedCluster(plan, c.name);
      const provider = plan.resources.find((r) => r.urn === mc.provider);
      return [c.name, mc.inputs.location, provider?.inputs.subscriptionId];
    });
    assert.deepEqual(placed, [
      ["app1", "germanywestcentral", model.subscriptions.app1],
      ["app2", "germanynorth", model.subscriptions.app2],
    ]);
  });
});
