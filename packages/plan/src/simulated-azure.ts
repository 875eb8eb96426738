/**
 * A simulated Azure behind Pulumi's mock monitor: it answers every resource registration with the outputs
 * Azure would return (ARM IDs, names, private IPs taken from the right subnet, public IPs, hostnames), so
 * the programs' Output chains resolve to realistic values without credentials or network.
 */
import { createHash } from "node:crypto";
import type { EnvironmentModel, SubnetModel } from "@plugilo/model";
import { firstUsableAzureAddress, nthAddress } from "@plugilo/model";
import type * as pulumi from "@pulumi/pulumi";
import { armTypeName, armTypeOf } from "./arm-types.ts";
import { SimulatedClouds } from "./simulated-clouds.ts";
import { SimulatedState } from "./simulated-state.ts";

type Inputs = Record<string, unknown>;

/** A deterministic GUID from a seed, so repeated plans print the same values. */
export function simulatedGuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const PROVIDER_PREFIX = "pulumi:providers:";
const GENERIC_RESOURCE = "azure-native:resources:Resource";

/**
 * What the simulated Azure needs of an environment: its name (seeds), tenant, subscriptions (the default
 * provider deploys into management) and VNets (private IPs come from the subnet an IP configuration names).
 * A whole `EnvironmentModel` is one; a component test passes a few literal values.
 */
export type SimulatedEnvironment = Pick<EnvironmentModel, "name" | "tenantId" | "subscriptions"> & {
  vnets: readonly { subnets: readonly SubnetModel[] }[];
};

export class SimulatedAzure implements pulumi.runtime.Mocks {
  readonly model: SimulatedEnvironment;
  /**
   * What this Azure remembers across stacks (simulated-state.ts): `provider:<ID>` -> the subscription a
   * provider deploys into; counter `subnet:<ID>` -> the next free host offset (Azure hands out addresses from
   * the fifth one upwards); counter `publicIp` and `publicIp:<ARM ID, lowercase>` -> the address handed out,
   * so a later lookup reads the same one; `nic:<name>` -> the private address of the private endpoint that
   * owns the interface; `registrationExpiry:<host pool ARM ID, lowercase>` -> the expiry of its token.
   */
  readonly state: SimulatedState;
  private readonly subnets = new Map<string, SubnetModel>();
  /** Public IP addresses being allocated, by state key. */
  private readonly publicIps = new Map<string, Promise<string>>();
  /** AWS, Google Cloud and random resources (the VPN's other ends). */
  private readonly clouds: SimulatedClouds;

  /** `state`: where the stacks planned before this one left it (a fresh state for the first stack). */
  constructor(model: SimulatedEnvironment, state = new SimulatedState()) {
    this.model = model;
    this.state = state;
    this.clouds = new SimulatedClouds(model.name, state);
    for (const vnet of model.vnets) for (const s of vnet.subnets) this.subnets.set(s.id.toLowerCase(), s);
  }

  async call(args: pulumi.runtime.MockCallArgs): Promise<Record<string, unknown>> {
    if (args.token === "azure-native:authorization:getClientConfig") {
      return {
        clientId: simulatedGuid("client"),
        objectId: simulatedGuid("deployer"),
        subscriptionId: this.model.subscriptions.management,
        tenantId: this.model.tenantId,
      };
    }
    if (args.token === "azure-native:apimanagement:getApiManagementService") {
      // The edge reads API Management before it sets public access (stacks/edge/src/apim-public-access.ts).
      // The plan shows the steady state: the instance exists with its approved private endpoint connection.
      const inputs = args.inputs as Inputs;
      return {
        name: inputs.serviceName,
        publicNetworkAccess: "Disabled",
        privateEndpointConnections: [{ privateLinkServiceConnectionState: { status: "Approved" } }],
      };
    }
    if (args.token === "azure-native:network:getPublicIPAddress") {
      // Reads what an earlier stack of this plan created (the hub's gateway IPs), as Azure would.
      const inputs = args.inputs as Inputs;
      const id = this.armId("azure-native:network:PublicIPAddress", "", inputs, this.subscriptionOf(args.provider));
      return { id, name: inputs.publicIpAddressName, ipAddress: await this.publicIpAddress(id) };
    }
    if (args.token === "azure-native:network:getNetworkInterface") {
      // A private endpoint's interface (the data layer reads the address it got).
      const inputs = args.inputs as Inputs;
      const name = String(inputs.networkInterfaceName);
      const address = this.state.get<string>(`nic:${name}`);
      return { name, ipConfigurations: address ? [{ name: "ipconfig1", privateIPAddress: address }] : [] };
    }
    if (args.token === "azure-native:resources:getResource") {
      // The generic read: a private endpoint's resourceGuid (not an output of the typed resource).
      const inputs = args.inputs as Inputs;
      const id = this.armId(GENERIC_RESOURCE, "", inputs, this.subscriptionOf(args.provider));
      return { id, name: inputs.resourceName, properties: { resourceGuid: simulatedGuid(`${id}/resourceGuid`) } };
    }
    if (args.token === "azure-native:desktopvirtualization:getHostPoolRegistrationToken") {
      // retrieveRegistrationToken: the token the host pool's last update issued (a JWT in Azure).
      const inputs = args.inputs as Inputs;
      const id = this.armId("azure-native:desktopvirtualization:HostPool", "", inputs, this.subscriptionOf(args.provider));
      const claims = Buffer.from(JSON.stringify({ RegistrationId: simulatedGuid(`${id}/token`) })).toString("base64url");
      return {
        token: `eyJhbGciOiJSUzI1NiJ9.${claims}.simulated`,
        expirationTime: this.state.get<string>(`registrationExpiry:${id.toLowerCase()}`),
      };
    }
    if (args.token.startsWith("ec:") || args.token.startsWith("github:"))
      return this.clouds.call(args.token, args.inputs as Inputs);
    if (args.token === "azure-native:containerservice:listManagedClusterUserCredentials") {
      return { kubeconfigs: [{ name: "clusterUser", value: this.kubeconfig(args.inputs as Inputs) }] };
    }
    return {};
  }

  /**
   * The user kubeconfig AKS returns for an Entra ID cluster (base64): the private API server and a kubelogin
   * exec entry. The CA is a placeholder: nothing connects in the offline plan.
   */
  private kubeconfig(inputs: Inputs): string {
    const name = String(inputs.resourceName);
    const server = `https://${name}.${simulatedGuid(name).slice(0, 8)}.privatelink.simulated.azmk8s.io:443`;
    const yaml = [
      "apiVersion: v1",
      "kind: Config",
      `clusters:\n- name: ${name}\n  cluster:\n    certificate-authority-data: U0lNVUxBVEVE\n    server: ${server}`,
      `contexts:\n- name: ${name}\n  context:\n    cluster: ${name}\n    user: clusterUser_${name}`,
      `current-context: ${name}`,
      `users:\n- name: clusterUser_${name}\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n      args: [get-token, --login, devicecode, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]`,
    ].join("\n");
    return Buffer.from(`${yaml}\n`).toString("base64");
  }

  /**
   * The address of a public IP: the one handed out before, or the next one (TEST-NET-3, RFC 5737) in the
   * order of the ARM IDs asking at once (SimulatedState.allocate).
   */
  private publicIpAddress(id: string): Promise<string> {
    const key = `publicIp:${id.toLowerCase()}`;
    const known = this.state.get<string>(key);
    if (known) return Promise.resolve(known);
    // The resource and a lookup of it in the same batch get the same address.
    let address = this.publicIps.get(key);
    if (!address) {
      address = this.state.allocate("publicIp", 1, key).then((n) => {
        const value = `203.0.113.${n}`;
        this.state.set(key, value);
        return value;
      });
      this.publicIps.set(key, address);
    }
    return address;
  }

  async newResource(args: pulumi.runtime.MockResourceArgs): Promise<{ id: string; state: Inputs }> {
    const inputs = (args.inputs ?? {}) as Inputs;
    if (args.type.startsWith(PROVIDER_PREFIX)) {
      const id = `${args.name}-${simulatedGuid(args.name).slice(0, 8)}`;
      if (typeof inputs.subscriptionId === "string" && inputs.subscriptionId !== "") {
        this.state.set(`provider:${id}`, inputs.subscriptionId);
      }
      return { id, state: inputs };
    }
    if (!args.type.startsWith("azure-native:")) {
      return (
        (await this.clouds.newResource(args.type, args.name, inputs)) ?? {
          id: args.custom ? `${args.name}-id` : "",
          state: inputs,
        }
      );
    }
    const subscriptionId = this.subscriptionOf(args.provider);
    const id = this.armId(args.type, args.name, inputs, subscriptionId);
    const name = id.split("/").pop() as string;
    const state: Inputs = {
      ...inputs,
      id,
      name,
      type:
        args.type === GENERIC_RESOURCE
          ? `${String(inputs.resourceProviderNamespace)}/${String(inputs.resourceType)}`
          : armTypeName(args.type),
      provisioningState: "Succeeded",
      azureApiVersion: "simulated",
    };
    await this.addTypeOutputs(args.type, state, inputs);
    return { id, state };
  }

  private subscriptionOf(provider: string | undefined): string {
    // A provider reference is "<urn>::<id>"; resources without an explicit provider use the default one.
    const id = provider?.split("::").pop();
    return (id ? this.state.get<string>(`provider:${id}`) : undefined) ?? this.model.subscriptions.management;
  }

  private armId(type: string, resourceName: string, inputs: Inputs, subscriptionId: string): string {
    if (type === GENERIC_RESOURCE) {
      // The generic ARM resource names its own namespace, type and API version (used where the SDK lags).
      const parent = inputs.parentResourcePath ? `/${String(inputs.parentResourcePath)}` : "";
      const name = String(inputs.resourceName ?? resourceName);
      return `/subscriptions/${subscriptionId}/resourceGroups/${String(inputs.resourceGroupName)}/providers/${String(inputs.resourceProviderNamespace)}${parent}/${String(inputs.resourceType)}/${name}`;
    }
    const arm = armTypeOf(type);
    const nameOf = (prop: string, last: boolean) => {
      const v = inputs[prop];
      if (typeof v === "string" && v !== "") return v;
      if (prop === "subscriptionId") return subscriptionId;
      // Azure-native auto-names a resource from its Pulumi name when the name input is absent.
      return last ? resourceName : `unknown-${prop}`;
    };
    const segments = arm.path.map(([seg, prop], i) => `${seg}/${nameOf(prop, i === arm.path.length - 1)}`).join("/");
    switch (arm.scope) {
      case "tenant":
        return `/providers/${arm.namespace}/${segments}`;
      case "sub":
        return `/subscriptions/${subscriptionId}/${segments}`;
      case "scope":
        return `${String(inputs[arm.scopeInput ?? "scope"] ?? `/subscriptions/${subscriptionId}`)}/providers/${arm.namespace}/${segments}`;
      default:
        return `/subscriptions/${subscriptionId}/resourceGroups/${String(inputs.resourceGroupName ?? "unknown-rg")}/providers/${arm.namespace}/${segments}`;
    }
  }

  /**
   * The next private address of a subnet, as Azure's dynamic allocation would give it, for `key` (what takes
   * it: an ARM ID and IP configuration), in the order of the keys asking at once (SimulatedState.allocate).
   */
  async allocatePrivateIp(subnetId: string, key: string): Promise<string | undefined> {
    const subnet = this.subnets.get(subnetId.toLowerCase());
    if (!subnet) return undefined;
    const offset = await this.state.allocate(`subnet:${subnet.id}`, 4, key.toLowerCase());
    return offset === 4 ? firstUsableAzureAddress(subnet.cidr) : nthAddress(subnet.cidr, offset);
  }

  private async addTypeOutputs(type: string, state: Inputs, inputs: Inputs): Promise<void> {
    // Any resource with IP configurations in a subnet gets private addresses from that subnet.
    const ipConfigs = inputs.ipConfigurations;
    if (Array.isArray(ipConfigs)) {
      state.ipConfigurations = await Promise.all(
        ipConfigs.map(async (c: Inputs, i) => {
          const subnetId = (c.subnet as Inputs | undefined)?.id;
          const privateIPAddress =
            c.privateIPAddress ??
            (typeof subnetId === "string" ? await this.allocatePrivateIp(subnetId, `${String(state.id)}#${i}`) : undefined);
          return { ...c, ...(privateIPAddress ? { privateIPAddress } : {}) };
        }),
      );
    }
    if (type === GENERIC_RESOURCE && inputs.resourceType === "publicIPAddresses") {
      const ipAddress = await this.publicIpAddress(String(state.id));
      state.properties = { ...(inputs.properties as Inputs | undefined), ipAddress };
    }
    switch (type) {
      case "azure-native:network:PublicIPAddress":
        // TEST-NET-3 (RFC 5737): obviously simulated, never routable.
        state.ipAddress = await this.publicIpAddress(String(state.id));
        break;
      case "azure-native:dns:Zone":
        // Azure assigns four name servers of its azure-dns families to each zone.
        state.nameServers = ["com", "net", "org", "info"].map((tld, i) => `ns${i + 1}-0${(i % 9) + 1}.azure-dns.${tld}.`);
        break;
      case "azure-native:managedidentity:UserAssignedIdentity":
        state.principalId = simulatedGuid(`${String(state.id)}/principal`);
        state.clientId = simulatedGuid(`${String(state.id)}/client`);
        state.tenantId = this.model.tenantId;
        break;
      case "azure-native:operationalinsights:Workspace":
        state.customerId = simulatedGuid(String(state.id));
        break;
      case "azure-native:management:ManagementGroup":
        state.tenantId = this.model.tenantId;
        break;
      case "azure-native:cdn:AFDEndpoint":
        // <endpoint>-<hash>.z01.azurefd.net, the hash from the tenant-reuse scope.
        state.hostName = `${String(inputs.endpointName)}-${simulatedGuid(String(state.id)).replace(/-/g, "").slice(0, 14)}.z01.azurefd.net`;
        break;
      case "azure-native:cdn:AFDCustomDomain":
        state.validationProperties = {
          validationToken: simulatedGuid(`${String(state.id)}/token`).replace(/-/g, ""),
          expirationDate: "2099-01-01T00:00:00Z",
        };
        state.domainValidationState = "Pending";
        break;
      case "azure-native:apimanagement:ApiManagementService":
        state.gatewayUrl = `https://${String(inputs.serviceName)}.azure-api.net`;
        state.developerPortalUrl = `https://${String(inputs.serviceName)}.developer.azure-api.net`;
        break;
      case "azure-native:network:PrivateEndpoint": {
        // The endpoint's address comes from its subnet, as Azure's dynamic allocation gives it.
        const subnetId = (inputs.subnet as Inputs | undefined)?.id;
        const ip = typeof subnetId === "string" ? await this.allocatePrivateIp(subnetId, String(state.id)) : undefined;
        if (ip) state.customDnsConfigs = [{ ipAddresses: [ip] }];
        if (ip && typeof inputs.customNetworkInterfaceName === "string")
          this.state.set(`nic:${inputs.customNetworkInterfaceName}`, ip);
        break;
      }
      case "azure-native:containerservice:ManagedCluster": {
        // The OIDC issuer URL and the private FQDN are values Azure invents (a GUID per cluster).
        const guid = simulatedGuid(String(state.id));
        const location = String(inputs.location);
        state.oidcIssuerProfile = {
          ...(inputs.oidcIssuerProfile as Inputs | undefined),
          issuerURL: `https://${location}.oic.prod-aks.azure.com/${this.model.tenantId}/${guid}/`,
        };
        state.privateFQDN = `${String(inputs.dnsPrefix)}-${guid.slice(0, 8)}.${guid}.privatelink.${location}.azmk8s.io`;
        state.currentKubernetesVersion = inputs.kubernetesVersion ?? "1.33.2";
        break;
      }
      case "azure-native:keyvault:Key": {
        const uri = `https://${String(inputs.vaultName)}.vault.azure.net/keys/${String(inputs.keyName)}`;
        state.keyUri = uri;
        state.keyUriWithVersion = `${uri}/${simulatedGuid(String(state.id)).replace(/-/g, "")}`;
        break;
      }
      case "azure-native:keyvault:Vault":
        state.properties = { ...(inputs.properties as Inputs), vaultUri: `https://${String(inputs.vaultName)}.vault.azure.net/` };
        break;
      case "azure-native:containerregistry:Registry":
        state.loginServer = `${String(inputs.registryName)}.azurecr.io`;
        break;
      case "azure-native:monitor:AzureMonitorWorkspace":
        state.accountId = simulatedGuid(String(state.id));
        break;
      // Azure Virtual Desktop (issue: access layer): object IDs, the token's expiry (never the token: since API
      // 2023-09-05 a GET does not return it), the application group's workspace, a VM's IDs and identity.
      case "azure-native:desktopvirtualization:HostPool": {
        const info = inputs.registrationInfo as Inputs | undefined;
        if (typeof info?.expirationTime === "string")
          this.state.set(`registrationExpiry:${String(state.id).toLowerCase()}`, info.expirationTime);
        state.objectId = simulatedGuid(String(state.id));
        state.registrationInfo = { ...info, token: undefined };
        break;
      }
      case "azure-native:desktopvirtualization:ApplicationGroup":
      case "azure-native:desktopvirtualization:Workspace":
      case "azure-native:desktopvirtualization:ScalingPlan":
        state.objectId = simulatedGuid(String(state.id));
        break;
      case "azure-native:compute:VirtualMachine":
        state.vmId = simulatedGuid(String(state.id));
        state.identity = {
          ...(inputs.identity as Inputs | undefined),
          principalId: simulatedGuid(`${String(state.id)}/principal`),
          tenantId: this.model.tenantId,
        };
        break;
      case "azure-native:network:NetworkInterface":
        state.macAddress = simulatedGuid(String(state.id))
          .replace(/-/g, "")
          .slice(0, 12)
          .toUpperCase()
          .replace(/(..)(?!$)/g, "$1-");
        break;
    }
  }
}
