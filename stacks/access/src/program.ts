/**
 * Layer access (management subscription, docs/adr/0006): admin access to internal systems.
 * - access.mode avd (prod): the access spoke, and Azure Virtual Desktop on it: a pooled host pool with its
 *   registration token, the desktop application group and workspace, the scaling plan, the Entra ID joined
 *   session hosts (no public IP, Trusted Launch), their local administrator password in the environment's Key
 *   Vault, and the role assignments of the configured groups. Everything from the model
 *   (packages/model/src/access/access.ts); docs/adr/0070-0074.
 * - access.mode tailscale (dev, staging): nothing in Azure. Tailscale runs in the clusters (GitOps); this
 *   layer applies the tailnet's policy file (tailnet-acl.ts, from the model's tailnetPolicy).
 */
import { layerSpoke, subscriptionProviders } from "@plugilo/components";
import { type EnvironmentModel, tailnetPolicy } from "@plugilo/model";
import { AccessRoles } from "./access-roles.ts";
import { DesktopWorkspace } from "./desktop-workspace.ts";
import { AvdHostPool } from "./host-pool.ts";
import { LocalAdminPassword } from "./local-admin-password.ts";
import { AutoscalePlan } from "./scaling-plan.ts";
import { SessionHost } from "./session-host.ts";
import { TailnetAcl } from "./tailnet-acl.ts";

export interface AccessOptions {
  /** The deployment's clock (the registration token's expiry counts from it). Default: now. */
  now?: Date;
  /** Members of the tailnet groups (access.mode tailscale), by group. Default: none. */
  tailnetMembers?: Record<string, string[]>;
}

export function access(model: EnvironmentModel, options: AccessOptions = {}) {
  const providerFor = subscriptionProviders(model);
  const vnets = model.vnets.filter((v) => v.layer === "access");
  const spokes = vnets.map((vnet) => layerSpoke(vnet, model, providerFor));
  const base = { mode: model.config.access.mode, accessVnets: vnets.map((v) => v.name) };
  const avd = model.avd;
  if (model.config.access.mode === "tailscale") {
    const policy = tailnetPolicy(model, options.tailnetMembers);
    new TailnetAcl("tailnet", { policy });
    return { ...base, tailnetGroups: Object.keys(policy.groups) };
  }
  if (!avd) return base;

  const own = { providers: [providerFor(avd.subscription)] };
  const tags = { ...model.tags, layer: "access" };
  const pool = new AvdHostPool("host-pool", { avd, tags, now: options.now ?? new Date() }, own);
  const desktop = new DesktopWorkspace("desktop", { avd, hostPoolId: pool.hostPool.id, tags }, own);
  if (avd.scalingPlan) {
    new AutoscalePlan("autoscale", { avd, plan: avd.scalingPlan, hostPoolId: pool.hostPool.id, tags }, own);
  }
  new AccessRoles("roles", { avd, applicationGroup: desktop.applicationGroup }, own);
  const admin = new LocalAdminPassword("local-admin", {
    avd,
    vaultProvider: providerFor("data"),
    protect: model.protectStateful,
    tags,
  });
  const hosts = avd.sessionHosts.hosts.map(
    (host) =>
      new SessionHost(
        `session-host-${host.index}`,
        {
          avd,
          host,
          hostPoolName: pool.hostPool.name,
          registrationToken: pool.registrationToken,
          adminPassword: admin.password,
          tags,
          network: spokes,
        },
        own,
      ),
  );

  return {
    ...base,
    hostPool: pool.hostPool.name,
    registrationTokenExpiry: pool.registrationTokenExpiry,
    workspace: desktop.workspace.name,
    applicationGroup: desktop.applicationGroup.name,
    scalingPlan: avd.scalingPlan?.name ?? null,
    sessionHosts: Object.fromEntries(
      hosts.map((h, i) => [
        avd.sessionHosts.hosts[i]?.computerName ?? h.vm.name,
        h.nic.ipConfigurations.apply((c) => c?.[0]?.privateIPAddress ?? null),
      ]),
    ),
    localAdminSecret: `${avd.localAdminSecret.vaultName}/${avd.localAdminSecret.secretName}`,
  };
}
