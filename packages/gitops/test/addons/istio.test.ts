/**
 * Must show: the ingress gateway behind an internal Azure load balancer on the address and subnet the model
 * reserves, and mesh-wide STRICT mTLS.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { containsAddress } from "@plugilo/model";
import { ILB_ANNOTATIONS } from "../../src/addons/istio.ts";
import { ENVIRONMENTS, find, json, objectsOf, type Rendered, renderAll, valuesOf } from "../helpers.ts";

let rendered: ReturnType<typeof renderAll>;
before(() => {
  rendered = renderAll();
});

describe("the ingress gateway's Service is an internal load balancer on the model's address", () => {
  for (const env of ENVIRONMENTS) {
    test(env, () => {
      const { model, clusters } = rendered[env] as Rendered;
      for (const c of clusters) {
        const cluster = model.clusters.find((x) => x.name === c.cluster);
        const vnet = model.vnets.find((v) => v.key === cluster?.vnetKey);
        const subnet = vnet?.subnets.find((s) => s.kind === "aksNodes");
        assert.ok(cluster && subnet, c.cluster);
        const service = valuesOf(c, "istio-ingress").service;
        assert.equal(service.type, "LoadBalancer");
        assert.equal(service.annotations[ILB_ANNOTATIONS.internal], "true");
        assert.equal(service.annotations[ILB_ANNOTATIONS.subnet], subnet.name, "the node subnet of this cluster's VNet");
        assert.equal(service.annotations[ILB_ANNOTATIONS.ipv4], cluster.ingressIp);
        // The address lies in that subnet (the firewall's DNAT and the AppGW backends point at it).
        assert.ok(containsAddress(subnet.cidr, cluster.ingressIp), `${cluster.ingressIp} in ${subnet.cidr}`);
      }
      const ips = clusters.map((c) => valuesOf(c, "istio-ingress").service.annotations[ILB_ANNOTATIONS.ipv4]);
      assert.equal(new Set(ips).size, ips.length, "each cluster has its own address");
    });
  }
});

describe("mesh-wide STRICT mTLS", () => {
  for (const env of ENVIRONMENTS) {
    test(env, () => {
      for (const c of (rendered[env] as Rendered).clusters) {
        const policies = objectsOf(c, "PeerAuthentication").map((p) =>
          json<{ metadata: { namespace: string }; spec: { selector?: unknown; mtls: { mode: string } } }>(p),
        );
        const meshWide = policies.filter((p) => p.metadata.namespace === "istio-system" && !p.spec.selector);
        assert.equal(meshWide.length, 1, "one PeerAuthentication in the root namespace, without selector");
        assert.equal(meshWide[0]?.spec.mtls.mode, "STRICT");
        // Nothing rendered weakens it, and services cannot render one (AppProject services forbids the kind).
        for (const p of policies) assert.equal(p.spec.mtls.mode, "STRICT");
        const project = json<{ spec: { namespaceResourceBlacklist: { group: string; kind: string }[] } }>(
          find(c, "AppProject", "services"),
        );
        assert.ok(project.spec.namespaceResourceBlacklist.some((k) => k.kind === "PeerAuthentication"));
      }
    });
  }
});

test("the Gateway serves HTTPS with the certificate cert-manager issues for the public zones", () => {
  for (const env of ENVIRONMENTS) {
    const { model, clusters } = rendered[env] as Rendered;
    for (const c of clusters) {
      const gw = json<{
        spec: { selector: Record<string, string>; servers: { port: { number: number }; tls: { credentialName: string } }[] };
      }>(find(c, "Gateway", "platform"));
      const cert = json<{ metadata: { namespace: string }; spec: { secretName: string; dnsNames: string[] } }>(
        find(c, "Certificate", "ingress-tls"),
      );
      assert.deepEqual(gw.spec.selector, { istio: "ingress" }, "the gateway chart's label for release istio-ingress");
      assert.equal(gw.spec.servers[0]?.port.number, 443, "the port the firewall allows from the AppGW and APIM subnets");
      assert.equal(gw.spec.servers[0]?.tls.credentialName, cert.spec.secretName);
      assert.equal(cert.metadata.namespace, "istio-ingress");
      for (const zone of model.dns.publicZones) assert.ok(cert.spec.dnsNames.includes(`*.${zone.name}`));
    }
  }
});
