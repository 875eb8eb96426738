/**
 * The other clouds of the offline plan: AWS and Google Cloud answer a registration with the IDs and outputs
 * their APIs return (transit gateway and VPN IDs, tunnel outside addresses, the BGP inside addresses of a
 * tunnel, HA VPN interface addresses, self links), and random passwords come out deterministic. Outside
 * addresses come from the RFC 5737 documentation ranges, so a simulated address can never be mistaken for a
 * real one: 198.51.100.0/24 for AWS, 192.0.2.0/24 for Google Cloud (Azure uses 203.0.113.0/24).
 */
import { createHash } from "node:crypto";
import { nthAddress } from "@plugilo/model";
import { SimulatedState } from "./simulated-state.ts";

type Inputs = Record<string, unknown>;

const hex = (seed: string, length: number) => createHash("sha256").update(seed).digest("hex").slice(0, length);

export class SimulatedClouds {
  private readonly seed: string;
  /**
   * Shared with the simulated Azure: counters `awsAddress` and `gcpAddress` (the outside addresses handed
   * out), `transitGatewayAsn:<ID>` -> a transit gateway's Amazon-side ASN, for the BGP ASN a VPN connection
   * reports.
   */
  private readonly state: SimulatedState;

  constructor(seed: string, state = new SimulatedState()) {
    this.seed = seed;
    this.state = state;
  }

  /** The simulated answer for an AWS, Google Cloud or random resource; undefined for types it does not know. */
  async newResource(type: string, name: string, inputs: Inputs): Promise<{ id: string; state: Inputs } | undefined> {
    if (type.startsWith("aws:")) return this.aws(type, name, inputs);
    if (type.startsWith("gcp:")) return this.gcp(type, name, inputs);
    if (type.startsWith("ec:")) return this.elasticCloud(type, name, inputs);
    if (type === "pulumi:pulumi:StackReference") return this.stackReference(name);
    if (type === "random:index/randomPassword:RandomPassword") {
      const length = typeof inputs.length === "number" ? inputs.length : 16;
      // Letters only, derived from the name: stable across plans, obviously not a real key.
      const result = [...createHash("sha512").update(`${this.seed}/${name}`).digest()]
        .map((b) => String.fromCharCode((b % 26) + (b & 1 ? 65 : 97)))
        .join("")
        .slice(0, length);
      return { id: "none", state: { ...inputs, result, bcryptHash: `$2a$10$${hex(result, 53)}` } };
    }
    return undefined;
  }

  /**
   * Another stack's outputs as that stack's simulated run would export them: a cluster stack's OIDC issuer
   * URL has the shape AKS reports (https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/), with a
   * simulated tenant and GUID.
   */
  private stackReference(name: string): { id: string; state: Inputs } {
    const guid = (seed: string) => {
      const h = hex(`${this.seed}/${seed}`, 32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    };
    const outputs: Inputs = {};
    if (name.includes("/plugilo-cluster/"))
      outputs.oidcIssuerUrl = `https://simulated.oic.prod-aks.azure.com/${guid("tenant")}/${guid(name)}/`;
    return { id: name, state: { name, outputs, secretOutputNames: [] } };
  }

  /** Elastic Cloud's answers to a function call (the Private Link service of a region). */
  call(token: string, inputs: Inputs): Record<string, unknown> {
    if (token === "github:index/getTeam:getTeam") {
      // GitHub's team IDs are integers: a stable one from the slug (the bootstrap's prod reviewers).
      const slug = String(inputs.slug);
      return { id: String(Number.parseInt(hex(`${this.seed}/team/${slug}`, 7), 16)), slug, name: slug };
    }
    if (token === "ec:index/getAzurePrivatelinkEndpoint:getAzurePrivatelinkEndpoint") {
      const region = String(inputs.region);
      return {
        region,
        serviceAlias: `${region}-prod-simulated-privatelink-service.${hex(`${this.seed}/${region}`, 8)}.${region}.azure.privatelinkservice`,
        domainName: `privatelink.${region}.azure.elastic-cloud.com`,
      };
    }
    return {};
  }

  /** Elastic Cloud deployments and traffic filters: IDs as hex strings, endpoints under the Private Link zone. */
  private elasticCloud(type: string, name: string, inputs: Inputs): { id: string; state: Inputs } {
    const id = hex(`${this.seed}/${type}/${name}`, 32);
    if (type === "ec:index/deployment:Deployment") {
      const region = String(inputs.region ?? "").replace(/^azure-/, "");
      const alias = `${String(inputs.name ?? name)}-${id.slice(0, 6)}`;
      const es = (inputs.elasticsearch ?? {}) as Inputs;
      return {
        id,
        state: {
          ...inputs,
          alias,
          elasticsearch: { ...es, httpsEndpoint: `https://${alias}.es.privatelink.${region}.azure.elastic-cloud.com:9243` },
          elasticsearchUsername: "elastic",
          elasticsearchPassword: hex(`${id}/password`, 24),
        },
      };
    }
    return { id, state: { ...inputs } };
  }

  private awsAccount(): string {
    return String(Number.parseInt(hex(`${this.seed}/aws-account`, 10), 16))
      .padStart(12, "0")
      .slice(0, 12);
  }

  private async aws(type: string, name: string, inputs: Inputs): Promise<{ id: string; state: Inputs } | undefined> {
    const region = typeof inputs.region === "string" ? inputs.region : "eu-central-1";
    const arn = (resource: string) => `arn:aws:ec2:${region}:${this.awsAccount()}:${resource}`;
    const idOf = (prefix: string) => `${prefix}-${hex(`${this.seed}/${type}/${name}`, 17)}`;
    switch (type) {
      case "aws:ec2transitgateway/transitGateway:TransitGateway": {
        const id = idOf("tgw");
        const asn = typeof inputs.amazonSideAsn === "number" ? inputs.amazonSideAsn : 64512;
        this.state.set(`transitGatewayAsn:${id}`, asn);
        return {
          id,
          state: {
            ...inputs,
            amazonSideAsn: asn,
            arn: arn(`transit-gateway/${id}`),
            ownerId: this.awsAccount(),
            associationDefaultRouteTableId: idOf("tgw-rtb"),
            propagationDefaultRouteTableId: idOf("tgw-rtb"),
          },
        };
      }
      case "aws:ec2/customerGateway:CustomerGateway": {
        const id = idOf("cgw");
        return { id, state: { ...inputs, arn: arn(`customer-gateway/${id}`) } };
      }
      case "aws:ec2/vpnConnection:VpnConnection": {
        const id = idOf("vpn");
        const asn = this.state.get<number>(`transitGatewayAsn:${String(inputs.transitGatewayId)}`) ?? 64512;
        const state: Inputs = {
          ...inputs,
          arn: arn(`vpn-connection/${id}`),
          transitGatewayAttachmentId: idOf("tgw-attach"),
          customerGatewayConfiguration: "<vpn_connection>simulated</vpn_connection>",
        };
        // Outside addresses in the order of the connections' names (SimulatedState.allocate).
        const allocated = await Promise.all([1, 2].map((n) => this.state.allocate("awsAddress", 1, `${name}#${n}`)));
        for (const [i, n] of [1, 2].entries()) {
          // AWS picks a /30 when none is given; it takes the first address, the customer gateway the second.
          const taken = (allocated[i] as number) - 1;
          const cidr = String(inputs[`tunnel${n}InsideCidr`] ?? `169.254.${100 + taken}.${n * 4}/30`);
          state[`tunnel${n}InsideCidr`] = cidr;
          state[`tunnel${n}Address`] = `198.51.100.${taken + 1}`;
          state[`tunnel${n}VgwInsideAddress`] = nthAddress(cidr, 1);
          state[`tunnel${n}CgwInsideAddress`] = nthAddress(cidr, 2);
          state[`tunnel${n}BgpAsn`] = String(asn);
          state[`tunnel${n}BgpHoldtime`] = 30;
        }
        return { id, state };
      }
      default:
        return { id: idOf("aws"), state: { ...inputs } };
    }
  }

  private async gcp(type: string, name: string, inputs: Inputs): Promise<{ id: string; state: Inputs } | undefined> {
    const project = String(inputs.project ?? "simulated-project");
    const region = String(inputs.region ?? "europe-west3");
    const resourceName = String(inputs.name ?? name);
    const regional = (collection: string) => `projects/${project}/regions/${region}/${collection}/${resourceName}`;
    const answer = (id: string, extra: Inputs = {}) => ({
      id,
      state: { ...inputs, name: resourceName, selfLink: `https://www.googleapis.com/compute/v1/${id}`, ...extra },
    });
    switch (type) {
      case "gcp:compute/haVpnGateway:HaVpnGateway": {
        const id = regional("vpnGateways");
        // Interface addresses in the order of the gateways' IDs (SimulatedState.allocate).
        const addresses = await Promise.all([0, 1].map((i) => this.state.allocate("gcpAddress", 1, `${id}#${i}`)));
        return answer(id, { vpnInterfaces: addresses.map((n, i) => ({ id: i, ipAddress: `192.0.2.${n}` })) });
      }
      case "gcp:compute/externalVpnGateway:ExternalVpnGateway":
        return answer(`projects/${project}/global/externalVpnGateways/${resourceName}`);
      case "gcp:compute/router:Router":
        return answer(regional("routers"));
      case "gcp:compute/vPNTunnel:VPNTunnel":
        return answer(regional("vpnTunnels"), {
          tunnelId: String(Number.parseInt(hex(`${this.seed}/${resourceName}`, 12), 16)),
          detailedStatus: "Simulated: no tunnel exists",
          sharedSecretHash: hex(`${this.seed}/${resourceName}/secret`, 32),
        });
      case "gcp:compute/routerInterface:RouterInterface":
      case "gcp:compute/routerPeer:RouterPeer":
        // The provider's ID format: {project}/{region}/{router}/{name}.
        return { id: `${project}/${region}/${String(inputs.router)}/${resourceName}`, state: { ...inputs, name: resourceName } };
      default:
        return answer(regional(type.split(":").pop()?.toLowerCase() ?? "resources"));
    }
  }
}
