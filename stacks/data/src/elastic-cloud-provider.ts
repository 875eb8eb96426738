/**
 * Typed bindings to the Elastic Cloud provider (github.com/pulumi/pulumi-ec, Terraform provider elastic/ec),
 * pinned to one release. Its npm SDK, @pulumi/ec, is not available from the package registry this project
 * installs from (npm answers 404, checked 2026-11): these classes register the same resource tokens, with
 * the same input names and the same plugin version, as the generated SDK of that release. The engine loads
 * the same `ec` plugin, and replacing this file by `@pulumi/ec` later changes nothing in a stack's state.
 * Only what the data layer uses is bound. docs/adr/0043.
 */
import * as pulumi from "@pulumi/pulumi";

/** The pulumi-ec release whose plugin the engine installs (tag v0.12.2, 2026-07-01). */
export const EC_PROVIDER_VERSION = "0.12.2";

const versioned = <T extends pulumi.ResourceOptions>(opts: T | undefined): T => ({
  ...(opts ?? ({} as T)),
  version: EC_PROVIDER_VERSION,
});

export interface ElasticCloudProviderArgs {
  /** Elastic Cloud API key; without it the plugin reads EC_API_KEY from the environment. */
  apikey?: pulumi.Input<string>;
}

export class ElasticCloudProvider extends pulumi.ProviderResource {
  constructor(name: string, args: ElasticCloudProviderArgs, opts?: pulumi.ResourceOptions) {
    super("ec", name, { apikey: args.apikey ? pulumi.secret(args.apikey) : undefined }, versioned(opts));
  }
}

export interface TrafficFilterRuleArgs {
  azureEndpointName?: pulumi.Input<string>;
  azureEndpointGuid?: pulumi.Input<string>;
  source?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
}

export interface DeploymentTrafficFilterArgs {
  name: pulumi.Input<string>;
  region: pulumi.Input<string>;
  /** ip, vpce, azure_private_endpoint, gcp_private_service_connect_endpoint, remote_cluster. */
  type: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  includeByDefault?: pulumi.Input<boolean>;
  rules: pulumi.Input<pulumi.Input<TrafficFilterRuleArgs>[]>;
}

/** ec.DeploymentTrafficFilter: a network security policy of Elastic Cloud (here: Azure Private Link). */
export class DeploymentTrafficFilter extends pulumi.CustomResource {
  constructor(name: string, args: DeploymentTrafficFilterArgs, opts?: pulumi.CustomResourceOptions) {
    super("ec:index/deploymentTrafficFilter:DeploymentTrafficFilter", name, { ...args }, versioned(opts));
  }
}

export interface TopologyArgs {
  zoneCount?: pulumi.Input<number>;
  size?: pulumi.Input<string>;
  sizeResource?: pulumi.Input<string>;
  autoscaling: pulumi.Input<{
    maxSize?: pulumi.Input<string>;
    maxSizeResource?: pulumi.Input<string>;
    minSize?: pulumi.Input<string>;
    minSizeResource?: pulumi.Input<string>;
  }>;
}

export interface DeploymentArgs {
  name: pulumi.Input<string>;
  region: pulumi.Input<string>;
  version: pulumi.Input<string>;
  deploymentTemplateId: pulumi.Input<string>;
  elasticsearch: pulumi.Input<{
    autoscale?: pulumi.Input<boolean>;
    hot: pulumi.Input<TopologyArgs>;
    warm?: pulumi.Input<TopologyArgs>;
  }>;
  kibana?: pulumi.Input<{ zoneCount?: pulumi.Input<number>; size?: pulumi.Input<string> }>;
  trafficFilters?: pulumi.Input<pulumi.Input<string>[]>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** ec.Deployment: an Elastic Cloud Hosted deployment. */
export class Deployment extends pulumi.CustomResource {
  /** The deployment's alias, the first label of its endpoints (public and Private Link). */
  declare readonly alias: pulumi.Output<string>;
  declare readonly elasticsearch: pulumi.Output<{ httpsEndpoint?: string; cloudId?: string }>;
  declare readonly elasticsearchUsername: pulumi.Output<string>;
  declare readonly elasticsearchPassword: pulumi.Output<string>;

  constructor(name: string, args: DeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "ec:index/deployment:Deployment",
      name,
      {
        ...args,
        alias: undefined,
        elasticsearchUsername: undefined,
        elasticsearchPassword: undefined,
        apmSecretToken: undefined,
      },
      { ...versioned(opts), additionalSecretOutputs: ["apmSecretToken", "elasticsearchPassword"] },
    );
  }
}

export interface AzurePrivatelinkEndpoint {
  region: string;
  serviceAlias: string;
  domainName: string;
}

/** ec.getAzurePrivatelinkEndpoint: Elastic's Private Link service alias and zone for an Azure region. */
export function getAzurePrivatelinkEndpointOutput(
  region: string,
  opts: pulumi.InvokeOutputOptions,
): pulumi.Output<AzurePrivatelinkEndpoint> {
  return pulumi.runtime.invokeOutput(
    "ec:index/getAzurePrivatelinkEndpoint:getAzurePrivatelinkEndpoint",
    { region },
    { ...opts, version: EC_PROVIDER_VERSION },
  ) as pulumi.Output<AzurePrivatelinkEndpoint>;
}
