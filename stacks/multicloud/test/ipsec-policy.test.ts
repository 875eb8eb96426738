/**
 * Every tunnel end carries an explicit IPsec/IKE policy, the same suite at all three (read from the plan):
 * IKEv2, AES-256 + SHA-256, DH group 20 (ECP384) for IKE and PFS. Values from the three clouds' pages
 * (packages/model/src/hub/ipsec-policy.ts), written out here.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";

let plan: PlanResult;
before(async () => {
  plan = await planEnvironment(loadModel("prod"), { only: ["hub", "multicloud"] });
});
const of = (type: string) => plan.resources.filter((r) => r.type === type);

describe("IPsec/IKE policy on every tunnel end", () => {
  it("Azure connections: a custom policy, never the default proposals", () => {
    const connections = of("azure-native:network:VirtualNetworkGatewayConnection");
    assert.ok(connections.length >= 6);
    for (const c of connections)
      assert.deepEqual(c.inputs.ipsecPolicies, [
        {
          ikeEncryption: "AES256",
          ikeIntegrity: "SHA256",
          dhGroup: "ECP384",
          ipsecEncryption: "AES256",
          ipsecIntegrity: "SHA256",
          pfsGroup: "ECP384",
          saLifeTimeSeconds: 3600,
          saDataSizeKilobytes: 102400000,
        },
      ]);
  });

  it("AWS VPN connections: both tunnels restricted to the same suite", () => {
    const connections = of("aws:ec2/vpnConnection:VpnConnection");
    assert.ok(connections.length >= 2);
    for (const c of connections)
      for (const n of [1, 2]) {
        assert.deepEqual(c.inputs[`tunnel${n}IkeVersions`], ["ikev2"]);
        assert.deepEqual(c.inputs[`tunnel${n}Phase1EncryptionAlgorithms`], ["AES256"]);
        assert.deepEqual(c.inputs[`tunnel${n}Phase1IntegrityAlgorithms`], ["SHA2-256"]);
        assert.deepEqual(c.inputs[`tunnel${n}Phase1DhGroupNumbers`], [20]);
        assert.deepEqual(c.inputs[`tunnel${n}Phase2EncryptionAlgorithms`], ["AES256"]);
        assert.deepEqual(c.inputs[`tunnel${n}Phase2IntegrityAlgorithms`], ["SHA2-256"]);
        assert.deepEqual(c.inputs[`tunnel${n}Phase2DhGroupNumbers`], [20]);
        assert.equal(c.inputs[`tunnel${n}Phase2LifetimeSeconds`], 3600);
      }
  });

  it("Google Cloud tunnels: the cipher suite, not the default list", () => {
    const tunnels = of("gcp:compute/vPNTunnel:VPNTunnel");
    assert.ok(tunnels.length >= 2);
    for (const t of tunnels)
      assert.deepEqual(t.inputs.cipherSuite, {
        phase1: {
          encryptions: ["AES-CBC-256"],
          integrities: ["HMAC-SHA2-256-128"],
          prves: ["PRF-HMAC-SHA2-256"],
          dhs: ["Group-20"],
        },
        phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-20"] },
      });
  });
});
