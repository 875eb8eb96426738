/** Rules between the access fields: AVD settings only with access.mode avd, VM sizes, schedules. */
import { retiredVmFamily, retiredVmSizeMessage } from "../core/cluster-vm-sizes.ts";
import type { ConfigFinding } from "../core/findings.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { avdSettings } from "./access.ts";

export function accessFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const avd = config.access.avd;
  if (config.access.mode !== "avd") {
    if (avd) {
      findings.push({
        severity: "error",
        file,
        path: "access.avd",
        message: 'applies only with access.mode avd: with "tailscale" no Azure Virtual Desktop is deployed (remove the section)',
        source: "docs/adr/0006-access-in-management-subscription-tailscale-in-cluster.md",
      });
    }
    return findings;
  }
  const settings = avdSettings(config);
  const family = retiredVmFamily(settings.sessionHosts.vmSize);
  if (family) {
    findings.push({
      severity: "error",
      file,
      path: "access.avd.sessionHosts.vmSize",
      message: retiredVmSizeMessage(settings.sessionHosts.vmSize, family),
      source: family.source,
    });
  }
  if (settings.userGroupObjectIds.length === 0) {
    findings.push({
      severity: "warning",
      file,
      path: "access.avd.userGroupObjectIds",
      message: "names no Entra ID group: the desktop is published to nobody until one is added",
      source: "https://learn.microsoft.com/azure/virtual-desktop/add-session-hosts-host-pool",
    });
  }
  if (!settings.servicePrincipalObjectId && (settings.scalingPlan.enabled || settings.hostPool.startVmOnConnect)) {
    findings.push({
      severity: "warning",
      file,
      path: "access.avd.servicePrincipalObjectId",
      message:
        'is not set: autoscale and Start VM on Connect need the "Desktop Virtualization Power On Off Contributor" role for the tenant\'s Azure Virtual Desktop service principal on the subscription; assign it by hand or set its object ID here',
      source: "https://learn.microsoft.com/azure/virtual-desktop/autoscale-create-assign-scaling-plan",
    });
  }
  return findings;
}
