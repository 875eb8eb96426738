/**
 * The environment's container registry: Premium (geo-replication, private endpoints, retention), homed in the
 * primary region and replicated to the secondary, so each cluster pulls from its own region and keeps pulling
 * when the other region fails. Admin user and anonymous pull off (identities only: pull for the kubelets,
 * repository-scoped push for each service's build runners in dev, registry-permissions-mode.ts), public
 * network access off, export off (no copying images out).
 * Zone redundancy only where the region has zones (germanynorth has none).
 * https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication
 * https://learn.microsoft.com/azure/container-registry/container-registry-private-link
 *
 * azure-native 3.28 sends registries with API 2023-01-01-preview; every property used here exists in it
 * (docs/adr/0009).
 */
import { sendToLogAnalytics } from "@plugilo/components";
import { type ContainerRegistryModel, REGIONS, type RegionName } from "@plugilo/model";
import { Registry, Replication } from "@pulumi/azure-native/containerregistry/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface GeoReplicatedRegistryArgs {
  readonly registry: Pick<ContainerRegistryModel, "name" | "region" | "replicaRegions" | "resourceGroup">;
  /** The Log Analytics workspace of the registry's home region. */
  readonly workspaceId: string;
  /** Protect the registry and its replications from deletion. @default false */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/** Untagged manifests are deleted after this many days (Premium retention policy). */
export const UNTAGGED_RETENTION_DAYS = 30;

const zoneRedundancy = (region: RegionName) => (REGIONS[region].availabilityZones.length > 0 ? "Enabled" : "Disabled");

export class GeoReplicatedRegistry extends pulumi.ComponentResource {
  readonly registry: Registry;
  readonly replications: Replication[];

  constructor(name: string, args: GeoReplicatedRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:shared:GeoReplicatedRegistry", name, {}, opts);
    const { registry: cr, tags } = args;
    const protect = args.protect ?? false;

    this.registry = new Registry(
      cr.name,
      {
        resourceGroupName: cr.resourceGroup,
        registryName: cr.name,
        location: cr.region,
        tags,
        sku: { name: "Premium" },
        adminUserEnabled: false,
        anonymousPullEnabled: false,
        publicNetworkAccess: "Disabled",
        networkRuleBypassOptions: "AzureServices",
        zoneRedundancy: zoneRedundancy(cr.region),
        // Regional data endpoints: each replica serves layers from <name>.<region>.data.azurecr.io.
        dataEndpointEnabled: true,
        policies: {
          retentionPolicy: { status: "enabled", days: UNTAGGED_RETENTION_DAYS },
          exportPolicy: { status: "disabled" },
        },
      },
      { parent: this, protect },
    );
    this.replications = cr.replicaRegions.map(
      (region) =>
        new Replication(
          `${cr.name}-${region}`,
          {
            resourceGroupName: cr.resourceGroup,
            registryName: this.registry.name,
            replicationName: region,
            location: region,
            zoneRedundancy: zoneRedundancy(region),
            regionEndpointEnabled: true,
            tags,
          },
          { parent: this, protect },
        ),
    );
    sendToLogAnalytics(
      cr.name,
      { resourceId: this.registry.id, workspaceId: args.workspaceId, logs: true, metrics: true, resourceSpecificTables: true },
      { parent: this },
    );
    this.registerOutputs({ registryId: this.registry.id });
  }
}
