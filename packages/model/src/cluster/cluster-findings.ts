/** Cross-field rules of the cluster entries, each finding naming the field. */
import { retiredVmFamily, retiredVmSizeMessage } from "../core/cluster-vm-sizes.ts";
import type { ConfigFinding } from "../core/findings.ts";
import type { EnvironmentConfig } from "../core/schema.ts";
import { effectiveClusterNetwork, maintenanceWindowOf } from "./cluster-settings.ts";

const VIRTUAL_NODES_SOURCE = "https://learn.microsoft.com/azure/aks/virtual-nodes-v2";

const NAP_NETWORKING_SOURCE = "https://learn.microsoft.com/azure/aks/node-auto-provisioning-networking";

const CILIUM_SOURCE = "https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium";

/** vCPUs of a VM size from its name (Standard_D4ds_v5 -> 4), or undefined when the name has no count. */
export function vcpusOf(vmSize: string): number | undefined {
  const m = /^Standard_[A-Za-z]+(\d+)/.exec(vmSize);
  return m ? Number(m[1]) : undefined;
}

/** Cross-field rules of the cluster entries, each finding naming the field. */
export function clusterFindings(config: EnvironmentConfig, file: string): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const error = (path: string, message: string, source?: string) =>
    findings.push({ severity: "error", file, path, message, ...(source ? { source } : {}) });

  config.clusters.forEach((c, i) => {
    const at = (field: string) => `clusters[${i}].${field}`;
    const net = effectiveClusterNetwork(c);
    // A field the file sets is named; a default that conflicts is reported on the field that forced it.
    const where = (field: "podNetwork" | "dataplane" | "policy") =>
      c.network[field] !== undefined ? at(`network.${field}`) : at("burst");

    if (c.burst === "virtual-nodes") {
      if (net.podNetwork === "overlay") {
        error(
          where("podNetwork"),
          "burst: virtual-nodes needs Azure CNI in node-subnet mode; virtual nodes v2 do not support Azure CNI Overlay. Use network.podNetwork: node-subnet, or burst: spot (spot nodes through Node Auto Provisioning, which keeps Overlay)",
          VIRTUAL_NODES_SOURCE,
        );
      }
      if (net.dataplane === "cilium") {
        error(
          where("dataplane"),
          "burst: virtual-nodes does not work with the Cilium dataplane (virtual nodes v2 do not support Cilium). Use network.dataplane: azure, or burst: spot",
          VIRTUAL_NODES_SOURCE,
        );
      }
      if (net.policy === "cilium") {
        error(
          where("policy"),
          "burst: virtual-nodes needs Calico or no network policy (virtual nodes v2 support neither Cilium nor NPM). Use network.policy: calico or none, or burst: spot",
          VIRTUAL_NODES_SOURCE,
        );
      }
      if (net.nodeProvisioning === "auto") {
        error(
          c.nodeProvisioning !== undefined ? at("nodeProvisioning") : at("burst"),
          "burst: virtual-nodes replaces Node Auto Provisioning as the burst mechanism: virtual nodes need node-subnet networking without Cilium, while NAP here runs on Overlay + Cilium, and two burst mechanisms would compete for the same pending pods. Use nodeProvisioning: manual, or burst: spot",
          VIRTUAL_NODES_SOURCE,
        );
      }
    } else if (net.nodeProvisioning === "manual") {
      error(
        at("nodeProvisioning"),
        "burst: spot adds spot nodes through Node Auto Provisioning: nodeProvisioning must be auto (or choose burst: virtual-nodes)",
      );
    }

    // With virtual-nodes, NAP itself is already rejected above.
    if (c.burst === "spot" && net.nodeProvisioning === "auto" && net.policy === "calico") {
      error(
        where("policy"),
        "Node Auto Provisioning does not support Calico network policy: use cilium or none",
        NAP_NETWORKING_SOURCE,
      );
    }
    if ((net.dataplane === "cilium") !== (net.policy === "cilium")) {
      error(
        net.dataplane === "cilium" ? where("policy") : where("dataplane"),
        "the Cilium dataplane enforces network policy itself: network.dataplane cilium goes with network.policy cilium, and only with it",
        CILIUM_SOURCE,
      );
    }

    if (net.nodeProvisioning === "auto" && c.userPool) {
      error(
        at("userPool"),
        "Node Auto Provisioning provisions the workload nodes: remove userPool, or set nodeProvisioning: manual",
      );
    }
    if (net.nodeProvisioning === "manual" && !c.userPool) {
      error(
        at("userPool"),
        "is required with nodeProvisioning: manual: without Node Auto Provisioning (and with no cluster autoscaler) only a fixed pool runs workloads",
      );
    }
    if (c.burst === "virtual-nodes" && c.userPool) {
      const vcpus = vcpusOf(c.userPool.vmSize);
      if (vcpus !== undefined && vcpus < 4) {
        error(
          at("userPool.vmSize"),
          `virtual nodes v2 reserve about 3 vCPUs and 12 GiB on a node: use a size with at least 4 vCPUs and 16 GiB (${c.userPool.vmSize} has ${vcpus})`,
          VIRTUAL_NODES_SOURCE,
        );
      }
    }

    for (const [field, size] of [
      ["systemPool.vmSize", c.systemPool.vmSize],
      ["userPool.vmSize", c.userPool?.vmSize],
    ] as const) {
      const family = size ? retiredVmFamily(size) : undefined;
      if (size && family) error(at(field), retiredVmSizeMessage(size, family), family.source);
    }

    if (c.burst === "virtual-nodes") {
      findings.push({
        severity: "warning",
        file,
        path: at("burst"),
        message:
          "virtual nodes v2 are in preview, and Microsoft lists bring-your-own VNet among their limitations while this cluster lives in its hub-and-spoke VNet: confirm support before relying on ACI burst (docs/adr/0035)",
        source: VIRTUAL_NODES_SOURCE,
      });
    }
    if (c.adminGroupObjectIds.length === 0) {
      findings.push({
        severity: "warning",
        file,
        path: at("adminGroupObjectIds"),
        message: "no admin group: with local accounts disabled, only Azure RBAC role assignments on the cluster grant access",
      });
    }
  });

  // Active-active: two clusters down for maintenance at the same time would leave no cluster serving.
  const windows = config.clusters.map((c, i) => ({ i, w: maintenanceWindowOf(c, i) }));
  for (const { i, w } of windows) {
    const clash = windows.find((o) => o.i < i && o.w.day === w.day);
    if (clash) {
      error(
        `clusters[${i}].maintenanceWindow`,
        `upgrades on ${w.day} like clusters[${clash.i}] (${config.clusters[clash.i]?.name}): active-active clusters take their maintenance on different days so one always serves`,
      );
    }
  }
  return findings;
}
