/** The cluster part of the environment schema: one entry per AKS cluster. */
import { z } from "zod";
import { WEEKDAYS } from "../core/schema-constants.ts";
import { cidr, guid, region, slug, vmSize, zone } from "../core/schema-fields.ts";

export const UPGRADE_CHANNELS = ["patch", "stable", "rapid", "node-image", "none"] as const;

export const NODE_OS_UPGRADE_CHANNELS = ["NodeImage", "SecurityPatch", "Unmanaged", "None"] as const;

export const BURST_MODES = ["spot", "virtual-nodes"] as const;

/**
 * The AKS settings of a cluster. Defaults that depend on the burst mode or the environment are
 * resolved in cluster-settings.ts; incompatible combinations are rejected there, naming the field.
 */
const clusterAksFields = {
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d{2}(\.\d+)?$/, "must be a Kubernetes version such as 1.33 or 1.33.2")
    .optional()
    .meta({
      description:
        "Minor (`1.33`) or patch (`1.33.2`) version. Absent: AKS's default at creation; the upgrade channel moves it on.",
    }),
  adminGroupObjectIds: z.array(guid).default([]).meta({
    description:
      "Entra ID group object IDs whose members administer the cluster (Azure RBAC for Kubernetes; local accounts are off). The files hold placeholders (all zeros with a readable tail `...c1`, `...c2`): replace them with the real groups. Missing: a warning.",
  }),
  upgradeChannel: z.enum(UPGRADE_CHANNELS).default("stable").meta({ description: "Automatic Kubernetes upgrades." }),
  nodeOsUpgradeChannel: z
    .enum(NODE_OS_UPGRADE_CHANNELS)
    .default("NodeImage")
    .meta({ description: "Automatic node OS upgrades." }),
  maintenanceWindow: z
    .strictObject({
      day: z.enum(WEEKDAYS),
      start: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time such as 01:00")
        .meta({ description: "HH:MM" }),
      durationHours: z.int().min(4, "AKS maintenance windows last at least 4 hours").max(24).default(4),
      utcOffset: z
        .string()
        .regex(/^[+-]\d{2}:\d{2}$/, "must be an offset such as +00:00")
        .default("+00:00"),
    })
    .optional()
    .meta({
      description:
        "Weekly window for both upgrade schedules (Kubernetes and node image). Default: Tuesday, Thursday, Wednesday, Monday by cluster position, 01:00 UTC. Two clusters on the same day are an error (active-active).",
    }),
  burst: z.enum(BURST_MODES).default("spot").meta({
    description:
      "Extra capacity for spikes: `spot` (spot nodes through Node Auto Provisioning) or `virtual-nodes` (ACI through virtual nodes v2: node-subnet networking, Calico, no NAP, a `userPool`; preview, warned). ADR 0035",
  }),
  network: z
    .strictObject({
      podNetwork: z.enum(["overlay", "node-subnet"]).optional(),
      dataplane: z.enum(["cilium", "azure"]).optional(),
      policy: z.enum(["cilium", "calico", "none"]).optional(),
    })
    .default({})
    .meta({
      description:
        "Pod networking. Defaults follow `burst`: spot -> overlay + Cilium; virtual-nodes -> node subnet + Calico. Incompatible combinations are errors naming the field.",
    }),
  nodeProvisioning: z.enum(["auto", "manual"]).optional().meta({
    description:
      "Node Auto Provisioning (`auto`) or fixed pools (`manual`). Default follows `burst`. No cluster autoscaler either way.",
  }),
  userPool: z
    .strictObject({ vmSize, count: z.int().min(1).max(100) })
    .optional()
    .meta({ description: "A fixed workload pool: only, and then required, with `nodeProvisioning: manual`." }),
  maxProvisionedCpu: z
    .int()
    .min(8)
    .max(100000)
    .default(256)
    .meta({ description: "vCPUs Node Auto Provisioning may run at once, shared out as the workload classes' NodePool limits." }),
  defender: z
    .boolean()
    .optional()
    .meta({ description: "Microsoft Defender for Containers. Default: on in prod, off elsewhere." }),
  kmsEncryption: z
    .boolean()
    .optional()
    .meta({ description: "KMS encryption of Kubernetes secrets with a Key Vault key. Default: on in prod, off elsewhere." }),
};

/**
 * One cluster's schema. Its `addons` field takes the GitOps layer's add-on settings (gitops/schema.ts), which
 * the environment schema passes in, so this layer does not reach into the GitOps layer.
 */
export function clusterSchemaWith<Addons extends z.ZodType>(addonSettings: Addons) {
  return z.strictObject({
    name: slug(12).meta({
      description: "Cluster name, at most 12 characters, unique. Names the stack `<env>-<name>` and the cluster's resources.",
    }),
    subscription: z
      .enum(["app1", "app2"], { error: "a cluster runs in the app1 or app2 subscription" })
      .meta({ description: "The subscription the cluster runs in." }),
    region: region.meta({ description: "One of the two regions." }),
    tier: z.enum(["Free", "Standard", "Premium"]).default("Standard").meta({ description: "AKS pricing tier." }),
    systemPool: z
      .strictObject({
        vmSize,
        count: z.int().min(1).max(100),
        zones: z.array(zone).min(1).optional(),
      })
      .default({ vmSize: "Standard_D4ds_v5", count: 3 })
      .meta({
        description:
          '`vmSize` (an Azure size such as `Standard_D4ds_v5`), `count` (1-100), optional `zones` (`"1"`, `"2"`, `"3"`). Without `zones` a cluster uses every zone of its region, which is none in germanynorth; zones set there are an error.',
      }),
    podCidr: cidr.default("10.244.0.0/16").meta({
      description:
        "Overlay pod range, /12 to /24. It may repeat across clusters, but must not overlap the address space, the AWS, GCP or Tailscale ranges, or the service range.",
    }),
    serviceCidr: cidr.default("10.245.0.0/16").meta({ description: "Service range, /12 to /24; the same rules as `podCidr`." }),
    ...clusterAksFields,
    addons: addonSettings.optional().meta({
      description:
        "Per-cluster layer of the GitOps add-ons, over `gitops.addons`. `services` is not a valid cluster name (deploy/<env>/services holds the rendered services). docs/adr/0052",
    }),
  });
}
