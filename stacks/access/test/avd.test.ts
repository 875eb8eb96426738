/**
 * Azure Virtual Desktop as the offline plan records it for production (access.mode avd): the access and hub
 * stacks, planned once. Must show the design's flows, not just that resources exist: admins reach the desktop
 * only through Entra ID groups, session hosts have no public IP and leave through the firewall (0.0.0.0/0 and
 * the AVD rules of the AVD region's policy), the registration token is short-lived and secret, the hosts are
 * Trusted Launch, Entra ID joined and registered, and the control plane logs to the region's workspace.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type AvdModel, type EnvironmentModel, loadModel, retiredVmFamily, vmSizesIn } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

let model: EnvironmentModel;
let avd: AvdModel;
let plan: PlanResult;
let planned: number;
let plannedBy: number;

before(async () => {
  model = loadModel("prod");
  assert.ok(model.avd, "prod uses access.mode avd");
  avd = model.avd;
  planned = Date.now();
  plan = await planEnvironment(model, { only: ["hub", "access"] });
  plannedBy = Date.now();
});

const access = () => plan.resources.filter((r) => r.stack === "access");
const ofType = (type: string) => access().filter((r) => r.type === type);
function one(type: string, name?: string): PlannedResource {
  const found = ofType(type).filter((r) => name === undefined || r.name === name);
  assert.equal(found.length, 1, `expected one ${type} ${name ?? ""}, found ${found.length}`);
  return found[0] as PlannedResource;
}
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
const roleGuid = (r: PlannedResource) => String(r.inputs.roleDefinitionId).split("/").pop();

describe("Azure Virtual Desktop (prod)", () => {
  it("plans without error findings and without a failing stack", () => {
    assert.deepEqual(
      plan.findings.filter((f) => f.severity === "error"),
      [],
    );
    assert.ok(!plan.stacks.some((s) => s.name === "access" && s.resourceCount === 0));
  });

  it("keeps every AVD resource in the primary region and the access resource group of the management subscription", () => {
    const avdTypes = access().filter((r) => /desktopvirtualization|compute:|NetworkInterface/.test(r.type));
    assert.ok(avdTypes.length >= 4 + 4 * avd.sessionHosts.hosts.length);
    for (const r of avdTypes) {
      assert.equal(r.inputs.location, model.regions.primary.name, r.name);
      assert.equal(r.inputs.resourceGroupName, avd.resourceGroup, r.name);
      assert.match(String(r.provider), /azure-management$/, `${r.name} deploys into the management subscription`);
    }
  });

  it("creates a pooled production host pool with a short-lived registration token", () => {
    const hp = one("azure-native:desktopvirtualization:HostPool");
    assert.equal(hp.inputs.hostPoolName, avd.hostPool.name);
    assert.equal(hp.inputs.hostPoolType, "Pooled");
    assert.ok(["BreadthFirst", "DepthFirst"].includes(String(hp.inputs.loadBalancerType)));
    assert.equal(hp.inputs.validationEnvironment, false);
    assert.equal(hp.inputs.preferredAppGroupType, "Desktop");
    assert.equal(hp.inputs.maxSessionLimit, model.config.access.avd?.hostPool.maxSessionLimit);
    assert.match(String(hp.inputs.customRdpProperty), /enablerdsaadauth:i:1|targetisaadjoined:i:1/);
    assert.match(String(hp.inputs.customRdpProperty), /drivestoredirect:s:;/, "no drive redirection");
    const expiry = Date.parse(String(at(hp.inputs, "registrationInfo", "expirationTime")));
    const hours = avd.hostPool.registrationTokenHours;
    assert.ok(expiry > planned, "the token is valid when the hosts register");
    assert.ok(expiry <= plannedBy + hours * 3_600_000, `the token expires within ${hours} hours`);
    assert.equal(at(hp.inputs, "registrationInfo", "registrationTokenOperation"), "Update");
    assert.equal(at(hp.inputs, "registrationInfo", "token"), undefined, "the token is never an input");
  });

  it("publishes one desktop application group of the host pool in the workspace", () => {
    const hp = one("azure-native:desktopvirtualization:HostPool");
    const ag = one("azure-native:desktopvirtualization:ApplicationGroup");
    assert.equal(ag.inputs.applicationGroupType, "Desktop");
    assert.equal(ag.inputs.hostPoolArmPath, avd.hostPool.id);
    assert.ok(avd.hostPool.id.endsWith(`/hostPools/${String(hp.inputs.hostPoolName)}`));
    const ws = one("azure-native:desktopvirtualization:Workspace");
    assert.deepEqual(ws.inputs.applicationGroupReferences, [avd.applicationGroup.id]);
  });

  it("lets only the configured Entra ID groups open the desktop and sign in to the session hosts", () => {
    const roles = ofType("azure-native:authorization:RoleAssignment");
    const settings = model.config.access.avd;
    assert.ok(settings && settings.userGroupObjectIds.length > 0);
    const has = (role: string, principal: string, scope: string) =>
      roles.some((r) => roleGuid(r) === role && r.inputs.principalId === principal && r.inputs.scope === scope);
    for (const group of settings.userGroupObjectIds) {
      assert.ok(has("1d18fff3-a72a-46b5-b4a9-0b38a3cd7e63", group, avd.applicationGroup.id), "Desktop Virtualization User");
      assert.ok(has("fb879df8-f326-4884-b1cf-06f3ad86be52", group, avd.resourceGroupId), "Virtual Machine User Login");
    }
    for (const group of settings.adminGroupObjectIds) {
      assert.ok(has("1c0163c0-47e6-4577-8991-ea5c82e286e4", group, avd.resourceGroupId), "Virtual Machine Administrator Login");
    }
    const groups = new Set([...settings.userGroupObjectIds, ...settings.adminGroupObjectIds]);
    for (const r of roles.filter((x) => x.inputs.principalType === "Group")) {
      assert.ok(groups.has(String(r.inputs.principalId)), `${r.name} grants a group the configuration does not name`);
    }
    // Autoscale and Start VM on Connect: the AVD service principal, on the subscription (Microsoft requires it).
    const power = roles.filter((r) => roleGuid(r) === "40c5ff49-9181-41f8-ae61-143b0e78555e");
    assert.equal(power.length, 1);
    assert.equal(power[0]?.inputs.scope, `/subscriptions/${model.subscriptions.management}`);
    assert.equal(power[0]?.inputs.principalType, "ServicePrincipal");
    for (const r of roles)
      assert.match(String(r.inputs.roleAssignmentName), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("puts every session host NIC in the access spoke's avd subnet, with no public IP anywhere", () => {
    assert.equal(ofType("azure-native:network:PublicIPAddress").length, 0);
    assert.ok(!access().some((r) => r.inputs.resourceType === "publicIPAddresses"));
    const nics = ofType("azure-native:network:NetworkInterface");
    assert.equal(nics.length, avd.sessionHosts.hosts.length);
    const subnet = model.vnets.find((v) => v.layer === "access")?.subnets.find((s) => s.kind === "avd");
    assert.ok(subnet);
    for (const nic of nics) {
      const configs = nic.inputs.ipConfigurations as Record<string, unknown>[];
      assert.equal(configs.length, 1);
      assert.equal(at(configs[0], "subnet", "id"), subnet.id);
      assert.equal(configs[0]?.publicIPAddress, undefined);
    }
    // Azure hands out their addresses from that subnet (the stack outputs them).
    const hosts = plan.outputs.access?.sessionHosts as Record<string, string>;
    assert.equal(Object.keys(hosts).length, avd.sessionHosts.hosts.length);
    for (const ip of Object.values(hosts)) assert.ok(ip.startsWith(subnet.cidr.split(".").slice(0, 3).join(".")), ip);
  });

  it("leaves the avd subnet only through the primary region's firewall", () => {
    const hub = model.hubs.find((h) => h.region === avd.region);
    const subnet = model.vnets.find((v) => v.layer === "access")?.subnets.find((s) => s.kind === "avd");
    const routes = subnet?.routeTable?.routes ?? [];
    assert.ok(routes.some((r) => r.addressPrefix === "0.0.0.0/0" && r.nextHopIpAddress === hub?.firewallPrivateIp));
    assert.ok(!routes.some((r) => r.nextHopType === "Internet"), "no route bypasses the firewall");
  });

  it("builds Trusted Launch, Entra ID joined Windows 11 multi-session hosts of a current size, spread over zones", () => {
    const vms = ofType("azure-native:compute:VirtualMachine");
    assert.equal(vms.length, avd.sessionHosts.hosts.length);
    const zones = new Set<string>();
    for (const vm of vms) {
      assert.deepEqual(vm.inputs.securityProfile, {
        securityType: "TrustedLaunch",
        uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
      });
      assert.equal(at(vm.inputs, "identity", "type"), "SystemAssigned", "AADLoginForWindows needs it");
      assert.equal(vm.inputs.licenseType, "Windows_Client");
      const image = at(vm.inputs, "storageProfile", "imageReference") as Record<string, string>;
      assert.equal(image.publisher, "MicrosoftWindowsDesktop");
      assert.match(image.sku ?? "", /^win11-.*-avd-m365$/, "Windows 11 Enterprise multi-session with Microsoft 365 Apps");
      const size = String(at(vm.inputs, "hardwareProfile", "vmSize"));
      assert.equal(retiredVmFamily(size), undefined, `${size} is retired`);
      assert.equal(vm.inputs.osProfile, "[secret]", "the local admin password is never shown");
      for (const z of (vm.inputs.zones as string[] | undefined) ?? []) zones.add(z);
    }
    if (model.regions.primary.availabilityZones.length > 0 && vms.length > 1) assert.ok(zones.size > 1);
    for (const h of avd.sessionHosts.hosts) assert.ok(h.computerName.length <= 15, h.computerName);
  });

  it("registers every host with the host pool through the AVD agent (DSC) and joins it to Entra ID", () => {
    const extensions = ofType("azure-native:compute:VirtualMachineExtension");
    for (const host of avd.sessionHosts.hosts) {
      const mine = extensions.filter((e) => e.inputs.vmName === host.vmName);
      const dsc = mine.find((e) => e.inputs.type === "DSC");
      assert.ok(dsc, `${host.vmName} has no AVD agent`);
      assert.equal(at(dsc.inputs, "settings", "configurationFunction"), "Configuration.ps1\\AddSessionHost");
      assert.equal(at(dsc.inputs, "settings", "properties", "hostPoolName"), avd.hostPool.name);
      assert.equal(at(dsc.inputs, "settings", "properties", "aadJoin"), true);
      assert.equal(dsc.inputs.protectedSettings, "[secret]", "the registration token is a secret");
      assert.ok(!JSON.stringify(dsc.inputs.settings).includes("eyJ"), "no token in the public settings");
      const entra = mine.find((e) => e.inputs.type === "AADLoginForWindows");
      assert.equal(entra?.inputs.publisher, "Microsoft.Azure.ActiveDirectory");
    }
  });

  it("keeps the generated local admin password in the environment's Key Vault, protected", () => {
    const password = one("random:index/randomPassword:RandomPassword");
    const secret = one("azure-native:keyvault:Secret");
    assert.equal(password.protect, model.protectStateful);
    assert.equal(secret.protect, model.protectStateful);
    assert.equal(secret.inputs.vaultName, model.keyVault.name);
    assert.equal(secret.inputs.resourceGroupName, model.keyVault.resourceGroup);
    assert.match(String(secret.provider), /azure-data$/, "the vault is in the Data Platform subscription");
    assert.equal(secret.inputs.properties, "[secret]");
  });

  it("scales the pooled host pool on a schedule: working days, and nothing running on the others", () => {
    const sp = one("azure-native:desktopvirtualization:ScalingPlan");
    assert.equal(sp.inputs.hostPoolType, "Pooled");
    assert.deepEqual(sp.inputs.hostPoolReferences, [{ hostPoolArmPath: avd.hostPool.id, scalingPlanEnabled: true }]);
    const schedules = sp.inputs.schedules as Record<string, unknown>[];
    const days = schedules.flatMap((s) => s.daysOfWeek as string[]);
    assert.equal(new Set(days).size, days.length, "a day in two schedules");
    const settings = model.config.access.avd?.scalingPlan;
    assert.deepEqual(schedules[0]?.daysOfWeek, settings?.days);
    assert.equal(schedules[0]?.rampUpMinimumHostsPct, settings?.minimumHostsPct);
    for (const s of schedules.slice(1)) assert.equal(s.rampUpMinimumHostsPct, 0);
  });

  it("sends the logs of host pool, application group, workspace and scaling plan to the region's workspace", () => {
    const workspace = model.logAnalytics.find((l) => l.region === avd.region);
    const diagnostics = ofType("azure-native:monitor:DiagnosticSetting");
    for (const id of [avd.hostPool.id, avd.applicationGroup.id, avd.workspace.id, avd.scalingPlan?.id]) {
      const d = diagnostics.find((x) => x.inputs.resourceUri === id);
      assert.ok(d, `no diagnostic setting for ${id}`);
      assert.equal(d.inputs.workspaceId, workspace?.id);
      assert.deepEqual(d.inputs.logs, [{ categoryGroup: "allLogs", enabled: true }]);
    }
  });

  it("names no retired VM size anywhere in the access stack", () => {
    for (const r of access())
      for (const size of vmSizesIn(JSON.stringify(r.inputs))) assert.equal(retiredVmFamily(size), undefined);
  });
});

describe("the firewall rules AVD needs (prod hub policies)", () => {
  interface Rule {
    ruleType: string;
    name: string;
    sourceAddresses: string[];
    ipProtocols?: string[];
    destinationAddresses?: string[];
    destinationPorts?: string[];
    fqdnTags?: string[];
    terminateTLS?: boolean;
  }
  const groupsNamed = (name: string) =>
    plan.resources.filter((r) => r.stack === "hub" && r.inputs.ruleCollectionGroupName === name);
  const rulesOf = (r: PlannedResource) => (r.inputs.ruleCollections as { rules: Rule[] }[]).flatMap((c) => c.rules);

  it("opens the AVD service to the session hosts in the AVD region's policy only", () => {
    const egress = groupsNamed("rcg-avd-egress");
    assert.equal(egress.length, 1);
    const hub = model.hubs.find((h) => h.region === avd.region);
    assert.equal(egress[0]?.inputs.firewallPolicyName, hub?.firewallPolicyName);
    const rules = rulesOf(egress[0] as PlannedResource);
    for (const r of rules) assert.deepEqual(r.sourceAddresses, [avd.subnetCidr]);
    assert.ok(rules.some((r) => r.ruleType === "ApplicationRule" && r.fqdnTags?.includes("WindowsVirtualDesktop")));
    const service = rules.find(
      (r) =>
        r.ruleType === "NetworkRule" &&
        r.destinationAddresses?.includes("WindowsVirtualDesktop") &&
        r.ipProtocols?.includes("TCP"),
    );
    assert.deepEqual(service?.destinationPorts, ["443"]);
    // RDP Shortpath over the TURN relay (UDP 3478), which the WindowsVirtualDesktop service tag covers.
    assert.ok(rules.some((r) => r.ipProtocols?.includes("UDP") && r.destinationPorts?.includes("3478")));
    assert.ok(rules.some((r) => r.destinationAddresses?.includes("AzureMonitor")));
    assert.ok(!rules.some((r) => r.terminateTLS), "AVD traffic is never TLS-inspected");
  });

  it("lets the admins' desktops reach the internal systems through every regional firewall", () => {
    const admin = groupsNamed("rcg-avd-admin-access");
    assert.equal(admin.length, model.hubs.length);
    for (const g of admin) {
      const rules = rulesOf(g);
      for (const r of rules) assert.deepEqual(r.sourceAddresses, [avd.subnetCidr]);
      const destinations = rules.flatMap((r) => r.destinationAddresses ?? []);
      for (const c of model.clusters) assert.ok(destinations.includes(`${c.ingressIp}/32`), `${c.name} ingress`);
      for (const endpoint of model.vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "dataPrivateEndpoints"))) {
        assert.ok(destinations.includes(endpoint.cidr), endpoint.name);
      }
    }
  });
});
