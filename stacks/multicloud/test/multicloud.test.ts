/**
 * The VPN between Azure, AWS and Google Cloud as the plan records it: every tunnel's two ends name each
 * other's outside address, BGP address and ASN, the pre-shared keys are the same secrets on both ends, the
 * advertised ranges are the model's, and everything outside Azure stays in EU regions.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { containsAddress, type EnvironmentModel, loadModel, nthAddress, type VpnTunnelModel } from "@plugilo/model";
import { hasErrors, type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

interface Planned {
  model: EnvironmentModel;
  plan: PlanResult;
}
const envs: Record<string, Planned> = {};

before(async () => {
  for (const env of ["prod", "dev"]) {
    const model = loadModel(env);
    // The hub creates the gateway and its public IPs; multicloud reads them back from (simulated) Azure.
    envs[env] = { model, plan: await planEnvironment(model, { only: ["hub", "multicloud"] }) };
  }
});

const of = (p: PlanResult, type: string) => p.resources.filter((r) => r.type === type);
const one = (p: PlanResult, type: string, pred: (r: PlannedResource) => boolean = () => true) => {
  const found = of(p, type).filter(pred);
  assert.equal(found.length, 1, `${type}: ${found.length} matches`);
  return found[0] as PlannedResource;
};
const last = (id: string) => id.split("/").pop() as string;
/** Azure accepts custom APIPA BGP addresses only in 169.254.21.0 - 169.254.22.255. */
const inAzureApipa = (ip: string) => containsAddress("169.254.21.0/24", ip) || containsAddress("169.254.22.0/24", ip);

for (const env of ["prod", "dev"]) {
  describe(`VPN to AWS and GCP (${env})`, () => {
    const get = () => envs[env] as Planned;
    const lngOf = (p: PlanResult, t: VpnTunnelModel) =>
      one(p, "azure-native:network:LocalNetworkGateway", (r) => r.inputs.localNetworkGatewayName === t.localNetworkGatewayName);
    const connectionOf = (p: PlanResult, t: VpnTunnelModel) =>
      one(
        p,
        "azure-native:network:VirtualNetworkGatewayConnection",
        (r) => r.inputs.virtualNetworkGatewayConnectionName === t.connectionName,
      );

    it("plans the hub and multicloud stacks with no error findings", () => {
      const { plan } = get();
      assert.equal(hasErrors(plan), false, JSON.stringify(plan.findings.filter((f) => f.severity === "error")));
      assert.ok((plan.stacks.find((s) => s.name === "multicloud")?.resourceCount ?? 0) > 30);
    });

    it("agrees on the BGP ASNs: Azure gateway = AWS customer gateways = GCP router peers, and back", () => {
      const { model, plan } = get();
      const gateway = one(plan, "azure-native:network:VirtualNetworkGateway");
      const azureAsn = (gateway.inputs.bgpSettings as { asn: number }).asn;
      assert.equal(azureAsn, model.config.multicloud.azure.asn);
      for (const cgw of of(plan, "aws:ec2/customerGateway:CustomerGateway")) assert.equal(cgw.inputs.bgpAsn, String(azureAsn));
      for (const peer of of(plan, "gcp:compute/routerPeer:RouterPeer")) assert.equal(peer.inputs.peerAsn, azureAsn);

      const tgw = one(plan, "aws:ec2transitgateway/transitGateway:TransitGateway");
      const router = one(plan, "gcp:compute/router:Router");
      const awsAsn = tgw.inputs.amazonSideAsn;
      const gcpAsn = (router.inputs.bgp as { asn: number }).asn;
      assert.deepEqual([awsAsn, gcpAsn], [model.config.multicloud.aws.asn, model.config.multicloud.gcp.asn]);
      for (const t of model.vpn.tunnels) {
        assert.equal((lngOf(plan, t).inputs.bgpSettings as { asn: number }).asn, t.cloud === "aws" ? awsAsn : gcpAsn, t.key);
      }
      assert.equal(new Set([azureAsn, awsAsn, gcpAsn]).size, 3, "eBGP needs three different ASNs");
    });

    it("agrees on every AWS tunnel: inside /30, BGP addresses, outside addresses and the customer gateway", () => {
      const { model, plan } = get();
      const azureIps = plan.outputs.hub?.vpnGatewayPublicIps as string[];
      assert.equal(azureIps.length, 2);
      const tunnels = model.vpn.tunnels.filter((t) => t.cloud === "aws");
      assert.equal(tunnels.length, 4);
      for (const connection of of(plan, "aws:ec2/vpnConnection:VpnConnection")) {
        const c = model.vpn.aws.connections.find((x) => x.name === connection.name);
        assert.ok(c, connection.name);
        assert.equal(connection.inputs.staticRoutesOnly, false, "BGP, not static routes");
        assert.match(String(connection.inputs.transitGatewayId), /^tgw-/);
        // The customer gateway of this connection is the Azure instance its tunnels end on.
        const cgw = one(plan, "aws:ec2/customerGateway:CustomerGateway", (r) => r.name === c.customerGatewayName);
        assert.equal(cgw.inputs.ipAddress, azureIps[c.azureInstance]);
        for (const n of [1, 2]) {
          const t = tunnels.find((x) => x.remoteConnection === c.azureInstance && x.remoteTunnel === n) as VpnTunnelModel;
          const insideCidr = String(connection.inputs[`tunnel${n}InsideCidr`]);
          assert.equal(insideCidr, t.insideCidr);
          assert.equal(connection.inputs[`tunnel${n}PresharedKey`], "[secret]");
          // AWS takes the first address of the /30, Azure the second.
          const lng = lngOf(plan, t);
          assert.equal((lng.inputs.bgpSettings as { bgpPeeringAddress: string }).bgpPeeringAddress, nthAddress(insideCidr, 1));
          const custom = connectionOf(plan, t).inputs.gatewayCustomBgpIpAddresses as {
            customBgpIpAddress: string;
            ipConfigurationId: string;
          }[];
          const mine = custom.find((x) => last(x.ipConfigurationId) === `ipconfig${t.azureInstance + 1}`);
          assert.equal(mine?.customBgpIpAddress, nthAddress(insideCidr, 2));
          assert.ok(inAzureApipa(nthAddress(insideCidr, 2)), insideCidr);
          // Azure's local network gateway points at this tunnel's AWS outside address.
          const outside = (plan.outputs.multicloud?.tunnels as Record<string, { remoteOutsideIp: string }> | undefined)?.[t.key]
            ?.remoteOutsideIp;
          assert.match(String(outside), /^198\.51\.100\.\d+$/);
          assert.equal(lng.inputs.gatewayIpAddress, outside);
        }
      }
    });

    it("agrees on every GCP tunnel: HA VPN interface, external gateway, router interface and BGP peer", () => {
      const { model, plan } = get();
      const azureIps = plan.outputs.hub?.vpnGatewayPublicIps as string[];
      const external = one(plan, "gcp:compute/externalVpnGateway:ExternalVpnGateway");
      assert.equal(external.inputs.redundancyType, "TWO_IPS_REDUNDANCY");
      assert.deepEqual(
        external.inputs.interfaces,
        azureIps.map((ipAddress, id) => ({ id, ipAddress })),
      );
      const tunnels = model.vpn.tunnels.filter((t) => t.cloud === "gcp");
      assert.equal(tunnels.length, 2);
      for (const t of tunnels) {
        const names = t.gcp as NonNullable<VpnTunnelModel["gcp"]>;
        const tunnel = one(plan, "gcp:compute/vPNTunnel:VPNTunnel", (r) => r.inputs.name === names.tunnelName);
        assert.equal(tunnel.inputs.vpnGatewayInterface, t.remoteConnection);
        assert.equal(tunnel.inputs.peerExternalGatewayInterface, t.azureInstance);
        assert.equal(tunnel.inputs.sharedSecret, "[secret]");
        const iface = one(
          plan,
          "gcp:compute/routerInterface:RouterInterface",
          (r) => r.inputs.name === names.routerInterfaceName,
        );
        const peer = one(plan, "gcp:compute/routerPeer:RouterPeer", (r) => r.inputs.name === names.routerPeerName);
        assert.equal(iface.inputs.vpnTunnel, names.tunnelName);
        assert.equal(peer.inputs.interface, names.routerInterfaceName);
        const [gcpIp, prefix] = String(iface.inputs.ipRange).split("/");
        assert.equal(prefix, "30");
        assert.ok(containsAddress(t.insideCidr, gcpIp as string));
        // Azure's peer is GCP's interface address; GCP's peer is Azure's APIPA address, both in the /30.
        assert.equal((lngOf(plan, t).inputs.bgpSettings as { bgpPeeringAddress: string }).bgpPeeringAddress, gcpIp);
        const custom = connectionOf(plan, t).inputs.gatewayCustomBgpIpAddresses as {
          customBgpIpAddress: string;
          ipConfigurationId: string;
        }[];
        const mine = custom.find((x) => last(x.ipConfigurationId) === `ipconfig${t.azureInstance + 1}`);
        assert.equal(peer.inputs.peerIpAddress, mine?.customBgpIpAddress);
        assert.ok(containsAddress(t.insideCidr, String(peer.inputs.peerIpAddress)));
        assert.ok(inAzureApipa(String(peer.inputs.peerIpAddress)));
        assert.match(String(lngOf(plan, t).inputs.gatewayIpAddress), /^192\.0\.2\.\d+$/);
      }
    });

    it("configures on the Azure gateway every APIPA address a connection uses, each instance its own", () => {
      const { model, plan } = get();
      const gateway = one(plan, "azure-native:network:VirtualNetworkGateway");
      const peering = (
        gateway.inputs.bgpSettings as { bgpPeeringAddresses: { ipconfigurationId: string; customBgpIpAddresses: string[] }[] }
      ).bgpPeeringAddresses;
      for (const t of model.vpn.tunnels) {
        const instance = peering.find((p) => last(p.ipconfigurationId) === `ipconfig${t.azureInstance + 1}`);
        assert.ok(instance?.customBgpIpAddresses.includes(t.azureBgpIp), t.key);
        const custom = connectionOf(plan, t).inputs.gatewayCustomBgpIpAddresses as {
          customBgpIpAddress: string;
          ipConfigurationId: string;
        }[];
        for (const c of custom) {
          const configured = peering.find((p) => p.ipconfigurationId === c.ipConfigurationId);
          assert.ok(configured?.customBgpIpAddresses.includes(c.customBgpIpAddress), `${t.key}: ${c.customBgpIpAddress}`);
        }
      }
      const all = model.vpn.tunnels.map((t) => t.insideCidr);
      assert.equal(new Set(all).size, all.length, "two tunnels share a /30");
    });

    it("agrees on the address ranges: GCP advertises exactly the model's ranges; the firewall allows both clouds", () => {
      const { model, plan } = get();
      const router = one(plan, "gcp:compute/router:Router");
      const bgp = router.inputs.bgp as { advertiseMode: string; advertisedIpRanges: { range: string }[] };
      assert.equal(bgp.advertiseMode, "CUSTOM");
      assert.deepEqual(
        bgp.advertisedIpRanges.map((r) => r.range),
        model.config.multicloud.gcp.ranges,
      );
      const groups = of(plan, "azure-native:network:FirewallPolicyRuleCollectionGroup").filter(
        (g) => g.inputs.ruleCollectionGroupName === "rcg-multicloud",
      );
      assert.equal(groups.length, 2);
      for (const g of groups) {
        const rules = (
          g.inputs.ruleCollections as { rules: { name: string; destinationAddresses: string[]; sourceAddresses: string[] }[] }[]
        ).flatMap((c) => c.rules);
        for (const cloud of ["aws", "gcp"] as const) {
          const ranges = model.config.multicloud[cloud].ranges;
          // Named flows (stacks/hub/src/multicloud-rules.ts): the default outbound HTTPS flow and the inbound one.
          assert.deepEqual(rules.find((r) => r.name === `to-${cloud}-https`)?.destinationAddresses, ranges);
          assert.deepEqual(rules.find((r) => r.name === `${cloud}-to-ingress`)?.sourceAddresses, ranges);
        }
      }
    });

    it("generates one pre-shared key per tunnel and never prints it", () => {
      const { model, plan } = get();
      const keys = of(plan, "random:index/randomPassword:RandomPassword");
      assert.equal(keys.length, model.vpn.tunnels.length);
      for (const k of keys) assert.equal(k.inputs.length, 48);
      for (const c of of(plan, "azure-native:network:VirtualNetworkGatewayConnection")) {
        assert.equal(c.inputs.sharedKey, "[secret]");
        assert.equal(c.inputs.enableBgp, true);
      }
      assert.ok(!JSON.stringify(plan.resources).match(/"(sharedKey|sharedSecret|tunnel\dPresharedKey)":"(?!\[secret\])/));
    });

    it("keeps AWS and Google Cloud in EU regions, pinned on the providers too", () => {
      const { model, plan } = get();
      assert.equal(model.vpn.aws.region, "eu-central-1");
      assert.equal(model.vpn.gcp.region, "europe-west3");
      for (const r of plan.resources.filter((x) => x.type.startsWith("aws:")))
        assert.equal(r.inputs.region, "eu-central-1", r.name);
      for (const r of plan.resources.filter((x) => x.type.startsWith("gcp:") && x.inputs.region !== undefined)) {
        assert.equal(r.inputs.region, "europe-west3", r.name);
      }
      assert.equal(one(plan, "pulumi:providers:aws").inputs.region, "eu-central-1");
      assert.equal(one(plan, "pulumi:providers:gcp").inputs.region, "europe-west3");
      assert.ok(!plan.findings.some((f) => f.rule === "allowed-locations"));
    });

    it("puts the Azure side of the tunnels into the multicloud resource group of the Hub subscription", () => {
      const { model, plan } = get();
      for (const type of ["LocalNetworkGateway", "VirtualNetworkGatewayConnection"]) {
        for (const r of of(plan, `azure-native:network:${type}`)) {
          assert.equal(r.inputs.resourceGroupName, model.vpn.connectionsResourceGroup);
          assert.equal(r.inputs.location, model.regions.primary.name);
          const provider = plan.resources.find((x) => x.urn === r.provider);
          assert.equal(provider?.inputs.subscriptionId, model.subscriptions.hub);
        }
      }
    });
  });
}
