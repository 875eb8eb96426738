/**
 * cert-manager: the ingress gateway's certificate from Let's Encrypt, proven by DNS-01 records in the
 * child zone `acme.<domain>` of each public Azure DNS zone (packages/model/src/core/acme-challenge-zone.ts: the
 * domain's `_acme-challenge` is a CNAME there, followed with `cnameStrategy: Follow`), through workload identity
 * "certmgr" (DNS Zone Contributor on the child zones only; ServiceAccount made by the cluster stack). Without a client ID in the issuer,
 * cert-manager uses the pod's workload identity (pkg/issuer/acme/dns/azuredns/azuredns.go, v1.21.1).
 * It also issues the OpenFeature operator's webhook certificate (that chart requires it).
 * https://cert-manager.io/docs/configuration/acme/dns01/azuredns/
 */
import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { acmeChallengeZoneOf } from "@plugilo/model";
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";
import type { ClusterContext } from "../context.ts";
import { mergeValues } from "../values.ts";
import { WORKLOAD_IDENTITY_USE } from "../workload-identity.ts";

export const CERT_MANAGER_IDENTITY = "certmgr";
export const ACME_ISSUER = "letsencrypt";
const LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

/** Subscription and resource group of a zone, read from its ARM ID (the model's, never typed). */
function zoneLocation(id: string): { subscriptionID: string; resourceGroupName: string } {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i.exec(id);
  if (!m) throw new Error(`not a resource ID: ${id}`);
  return { subscriptionID: m[1] as string, resourceGroupName: m[2] as string };
}

export function publicZones(ctx: ClusterContext): { name: string; id: string }[] {
  if (ctx.model.dns.publicZones.length === 0) {
    throw new Error(`environment ${ctx.model.name} has no public DNS zone (hub.publicDnsZones) for the ingress certificate`);
  }
  return ctx.model.dns.publicZones;
}

export const certManager: AddonDefinition = {
  name: "cert-manager",
  releases: (ctx) => [
    {
      name: "cert-manager",
      valuesKey: "cert-manager",
      namespace: ctx.identity(CERT_MANAGER_IDENTITY).namespace,
      chart: CHARTS.certManager,
      after: [],
      values: { crds: { enabled: true, keep: true }, replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
      workloadIdentity: {
        key: CERT_MANAGER_IDENTITY,
        apply: (v, sa) =>
          mergeValues(v, { serviceAccount: { create: false, name: sa }, podLabels: { [WORKLOAD_IDENTITY_USE]: "true" } }),
      },
      serverSideApply: true,
    },
  ],
  manifests: (ctx) => [
    {
      name: "cert-manager-issuer",
      after: ["cert-manager"],
      objects: [
        new ClusterIssuer({
          metadata: { name: ACME_ISSUER },
          spec: {
            acme: {
              server: LETS_ENCRYPT,
              email: ctx.model.tags.owner ?? "",
              privateKeySecretRef: { name: "letsencrypt-account" },
              solvers: publicZones(ctx).map((zone) => ({
                selector: { dnsZones: [zone.name] },
                // The challenge is a CNAME into the delegated child zone, the only zone the identity may write.
                dns01: {
                  cnameStrategy: "Follow",
                  azureDNS: {
                    ...zoneLocation(acmeChallengeZoneOf(zone).id),
                    hostedZoneName: acmeChallengeZoneOf(zone).name,
                    environment: "AzurePublicCloud",
                  },
                },
              })),
            },
          },
        }),
      ],
    },
  ],
};
