/**
 * Elastic Cloud Hosted in germanywestcentral, reachable only over Azure Private Link: a private endpoint in
 * the data spoke to Elastic's Private Link service of the region, the `*` record of Elastic's Private Link
 * zone (in the hub) pointing at it, a traffic filter that admits only that endpoint, and the deployment with
 * autoscaling hot and warm tiers. The index lifecycle policies are in the model (data.elastic.ilmPolicies);
 * the GitOps layer applies them from inside the network, the only place the deployment can be reached. For
 * that job the deployment's Private Link URL and the credentials Elastic generates go into the environment's
 * Key Vault as secrets: an ARM (control plane) write, which the vault's firewall and disabled public access
 * do not block. https://learn.microsoft.com/azure/key-vault/general/network-security
 * https://www.elastic.co/docs/deploy-manage/security/private-connectivity-azure
 * docs/adr/0043, 0061.
 */
import { type ElasticModel, elasticPrivateLinkUrl, type KeyVaultModel } from "@plugilo/model";
import { Secret } from "@pulumi/azure-native/keyvault/index.js";
import { getNetworkInterfaceOutput } from "@pulumi/azure-native/network/index.js";
import { PrivateRecordSet } from "@pulumi/azure-native/privatedns/index.js";
import type { Provider } from "@pulumi/azure-native/provider.js";
import { getResourceOutput } from "@pulumi/azure-native/resources/index.js";
import * as pulumi from "@pulumi/pulumi";
import { DataPrivateEndpoint } from "./data-private-endpoint.ts";
import {
  Deployment,
  DeploymentTrafficFilter,
  ElasticCloudProvider,
  getAzurePrivatelinkEndpointOutput,
} from "./elastic-cloud-provider.ts";

export interface ElasticCloudArgs {
  /** The environment's name (the traffic filter's description, the deployment's tags). */
  readonly environment: string;
  readonly elastic: ElasticModel;
  /** Tags of the Azure resources. */
  readonly tags: Record<string, string>;
  /** The environment's tags: the deployment carries its owner and cost center (Elastic Cloud tags). */
  readonly environmentTags: Record<string, string>;
  /** Protect the deployment from deletion. @default false */
  readonly protect?: boolean;
  /** The resource group of the private DNS zones (Hub subscription). */
  readonly dnsResourceGroup: string;
  /** The environment's Key Vault: the deployment's URL and credentials go there. */
  readonly keyVault: Pick<KeyVaultModel, "name" | "resourceGroup">;
  readonly spoke: pulumi.Resource;
  /** The Hub subscription: Elastic's Private Link zone lives with the other private DNS zones. */
  hubProvider: Provider;
  /** The subscription of the environment's Key Vault. */
  keyVaultProvider: Provider;
}

/** API version of the generic read of the private endpoint (its resourceGuid is not an SDK output). */
const PRIVATE_ENDPOINT_API_VERSION = "2024-05-01";

export class ElasticCloud extends pulumi.ComponentResource {
  readonly deployment: Deployment;
  /** https://<alias>.es.<Elastic's Private Link zone>: the deployment's address from inside the network. */
  readonly privateLinkUrl: pulumi.Output<string>;

  constructor(name: string, args: ElasticCloudArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:data:ElasticCloud", name, {}, opts);
    const { environment, elastic: e, tags } = args;
    const pe = e.privateEndpoint;
    // The API key: stack config ec:apikey (secret), else the plugin reads EC_API_KEY.
    const apikey = new pulumi.Config("ec").getSecret("apikey");
    const provider = new ElasticCloudProvider("elastic-cloud", apikey ? { apikey } : {}, { parent: this });
    const inEc = { parent: this, provider };

    const link = getAzurePrivatelinkEndpointOutput(e.azureRegion, inEc).apply((l) => {
      // The model names the zone the hub creates; Elastic's answer must agree.
      if (l.domainName !== e.privateLinkDomain) {
        throw new Error(
          `Elastic's Private Link zone for ${e.azureRegion} is ${l.domainName}, the model expects ${e.privateLinkDomain}`,
        );
      }
      return l;
    });
    const endpoint = new DataPrivateEndpoint(
      pe.name,
      { endpoint: pe, target: link.serviceAlias, tags, dependsOn: [args.spoke] },
      { parent: this },
    );
    const nic = getNetworkInterfaceOutput(
      { resourceGroupName: pe.resourceGroup, networkInterfaceName: pe.networkInterfaceName },
      { parent: this, dependsOn: [endpoint.endpoint] },
    );
    const address = nic.apply((n) => {
      const ip = n.ipConfigurations?.[0]?.privateIPAddress;
      if (!ip) throw new Error(`${pe.networkInterfaceName} has no private address`);
      return ip;
    });
    new PrivateRecordSet(
      `${e.privateLinkDomain}-wildcard`,
      {
        resourceGroupName: args.dnsResourceGroup,
        privateZoneName: e.privateLinkDomain,
        recordType: "A",
        relativeRecordSetName: "*",
        ttl: 300,
        aRecords: [{ ipv4Address: address }],
      },
      { parent: this, provider: args.hubProvider },
    );
    const endpointGuid = getResourceOutput(
      {
        resourceGroupName: pe.resourceGroup,
        resourceProviderNamespace: "Microsoft.Network",
        parentResourcePath: "",
        resourceType: "privateEndpoints",
        resourceName: pe.name,
        apiVersion: PRIVATE_ENDPOINT_API_VERSION,
      },
      { parent: this, dependsOn: [endpoint.endpoint] },
    ).apply((r) => String((r.properties as { resourceGuid?: string } | undefined)?.resourceGuid ?? ""));

    // Creating the filter approves the endpoint's connection; attached to the deployment, it admits nothing else.
    const filter = new DeploymentTrafficFilter(
      e.trafficFilterName,
      {
        name: e.trafficFilterName,
        region: e.region,
        type: "azure_private_endpoint",
        description: `Private endpoint ${pe.name} in the ${environment} data spoke`,
        rules: [{ azureEndpointName: pe.name, azureEndpointGuid: endpointGuid }],
      },
      inEc,
    );
    this.deployment = new Deployment(
      e.deploymentName,
      {
        name: e.deploymentName,
        region: e.region,
        version: e.version,
        deploymentTemplateId: e.deploymentTemplate,
        elasticsearch: {
          autoscale: e.autoscale,
          hot: { zoneCount: e.zoneCount, autoscaling: { maxSize: e.hotMaxSize, maxSizeResource: "memory" } },
          warm: { zoneCount: e.zoneCount, autoscaling: { maxSize: e.warmMaxSize, maxSizeResource: "memory" } },
        },
        kibana: { zoneCount: 1 },
        trafficFilters: [filter.id],
        tags: {
          environment,
          owner: args.environmentTags.owner ?? "",
          "cost-center": args.environmentTags["cost-center"] ?? "",
        },
      },
      { ...inEc, protect: args.protect ?? false },
    );

    // What the GitOps ILM job needs, as Key Vault secrets; values Elastic invents, marked secret in the state.
    this.privateLinkUrl = this.deployment.alias.apply((alias) => elasticPrivateLinkUrl(e, alias));
    const values: Record<keyof ElasticModel["keyVaultSecrets"], pulumi.Input<string>> = {
      url: this.privateLinkUrl,
      username: this.deployment.elasticsearchUsername,
      password: this.deployment.elasticsearchPassword,
    };
    const kv = args.keyVault;

    for (const [key, secretName] of Object.entries(e.keyVaultSecrets) as [keyof typeof values, string][]) {
      new Secret(
        `${kv.name}-${secretName}`,
        {
          resourceGroupName: kv.resourceGroup,
          vaultName: kv.name,
          secretName,
          properties: { value: pulumi.secret(values[key]), contentType: `Elastic Cloud ${e.deploymentName}: ${key}` },
          tags,
        },
        { parent: this, provider: args.keyVaultProvider },
      );
    }
    this.registerOutputs({
      elasticsearchEndpoint: this.deployment.elasticsearch.apply((es) => es?.httpsEndpoint),
      privateLinkUrl: this.privateLinkUrl,
    });
  }
}
