/**
 * The rendered ClusterIssuer answers DNS-01 in the delegated child zone acme.<domain> (cnameStrategy Follow), the
 * only zone cert-manager's identity may write (stacks/hub/test/acme-challenge-zone.test.ts plans the zone).
 * https://cert-manager.io/docs/configuration/acme/dns01/#delegated-domains-for-dns01
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";

describe("cert-manager ClusterIssuer (prod)", () => {
  it("the rendered ClusterIssuer follows the CNAME and writes into the child zone only", () => {
    for (const cluster of ["app1", "app2"]) {
      const issuer = parse(
        readFileSync(
          new URL(`../../../../deploy/prod/${cluster}/addons/cert-manager/clusterissuer-letsencrypt.yaml`, import.meta.url),
          "utf8",
        ),
      );
      assert.deepEqual(issuer.spec.acme.solvers, [
        {
          selector: { dnsZones: ["plugilo.example"] },
          dns01: {
            cnameStrategy: "Follow",
            azureDNS: {
              subscriptionID: "00000000-0000-0000-0003-000000000002",
              resourceGroupName: "rg-plugilo-hub-prod-gwc",
              hostedZoneName: "acme.plugilo.example",
              environment: "AzurePublicCloud",
            },
          },
        },
      ]);
    }
  });
});
