/**
 * Istio, self-managed through Helm (docs/adr/0051): base (CRDs), istiod, and the ingress gateway behind an
 * internal Azure load balancer on the address and subnet the model reserves (model.clusters[].ingressIp in
 * the aksNodes subnet of the cluster's VNet). Mesh-wide STRICT mTLS, and the Gateway the services attach to,
 * serving HTTPS with a certificate cert-manager issues for the environment's public zones.
 *
 * Internal load balancer annotations: https://learn.microsoft.com/azure/aks/internal-lb
 * (azure-load-balancer-internal, azure-load-balancer-internal-subnet, azure-load-balancer-ipv4).
 */
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { Gateway } from "@kubernetes-models/istio/networking.istio.io/v1/Gateway";
import { PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication";
import type { AddonDefinition } from "../addon.ts";
import { CHARTS } from "../charts.ts";
import type { ClusterContext } from "../context.ts";
import { replicasPerZone, spreadConstraints } from "../topology.ts";
import { ACME_ISSUER, publicZones } from "./cert-manager.ts";

export const ISTIO_NAMESPACE = "istio-system";
export const INGRESS_NAMESPACE = "istio-ingress";
/** The ingress gateway's pods carry istio=ingress (the gateway chart's label for release istio-ingress). */
export const INGRESS_SELECTOR = { istio: "ingress" } as const;
/** The Gateway every service's VirtualService binds to: <namespace>/<name>. */
export const PLATFORM_GATEWAY = `${INGRESS_NAMESPACE}/platform`;
export const INGRESS_TLS_SECRET = "ingress-tls";

export const ILB_ANNOTATIONS = {
  internal: "service.beta.kubernetes.io/azure-load-balancer-internal",
  subnet: "service.beta.kubernetes.io/azure-load-balancer-internal-subnet",
  ipv4: "service.beta.kubernetes.io/azure-load-balancer-ipv4",
} as const;

// istiod sets failurePolicy on its validating webhooks at run time; Argo CD must not undo it.
const webhookFailurePolicy = [
  {
    group: "admissionregistration.k8s.io",
    kind: "ValidatingWebhookConfiguration",
    jqPathExpressions: [".webhooks[]?.failurePolicy"],
  },
];

export function ingressServiceAnnotations(ctx: ClusterContext): Record<string, string> {
  return {
    [ILB_ANNOTATIONS.internal]: "true",
    [ILB_ANNOTATIONS.subnet]: ctx.nodeSubnet.name,
    [ILB_ANNOTATIONS.ipv4]: ctx.cluster.ingressIp,
  };
}

export const istio: AddonDefinition = {
  name: "istio",
  releases: (ctx) => [
    {
      name: "istio-base",
      valuesKey: "istio-base",
      namespace: ISTIO_NAMESPACE,
      chart: CHARTS.istioBase,
      after: [],
      values: { defaultRevision: "default" },
      ignoreDifferences: webhookFailurePolicy,
      serverSideApply: true,
    },
    {
      name: "istiod",
      valuesKey: "istiod",
      namespace: ISTIO_NAMESPACE,
      chart: CHARTS.istiod,
      after: ["istio-base"],
      values: {
        autoscaleMin: replicasPerZone(ctx),
        pdb: { minAvailable: 1 },
        topologySpreadConstraints: spreadConstraints(ctx, { app: "istiod" }),
        meshConfig: { accessLogFile: "/dev/stdout", enablePrometheusMerge: true },
      },
      ignoreDifferences: webhookFailurePolicy,
    },
    {
      name: "istio-ingress",
      valuesKey: "istio-ingress",
      namespace: INGRESS_NAMESPACE,
      chart: CHARTS.istioGateway,
      after: ["istiod"],
      values: {
        service: {
          type: "LoadBalancer",
          annotations: ingressServiceAnnotations(ctx),
          // Azure Firewall forwards to the ILB; the client address is the firewall's (SNAT), so Local gains nothing.
          externalTrafficPolicy: "Cluster",
        },
        autoscaling: { enabled: true, minReplicas: replicasPerZone(ctx), maxReplicas: 10 },
        podDisruptionBudget: { minAvailable: 1 },
        topologySpreadConstraints: spreadConstraints(ctx, INGRESS_SELECTOR),
      },
    },
  ],
  manifests: (ctx) => [
    {
      name: "istio-mesh",
      after: ["istiod"],
      objects: [
        // In the root namespace, a PeerAuthentication without selector applies to the whole mesh.
        new PeerAuthentication({
          metadata: { name: "default", namespace: ISTIO_NAMESPACE },
          spec: { mtls: { mode: "STRICT" } },
        }),
      ],
    },
    {
      name: "istio-gateway",
      after: ["istio-ingress", "cert-manager-issuer"],
      objects: [
        // The names the Application Gateway sends as Host: every public zone and its subdomains.
        new Certificate({
          metadata: { name: INGRESS_TLS_SECRET, namespace: INGRESS_NAMESPACE },
          spec: {
            secretName: INGRESS_TLS_SECRET,
            issuerRef: { kind: "ClusterIssuer", name: ACME_ISSUER, group: "cert-manager.io" },
            dnsNames: publicZones(ctx).flatMap((z) => [z.name, `*.${z.name}`]),
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
          },
        }),
        new Gateway({
          metadata: { name: "platform", namespace: INGRESS_NAMESPACE },
          spec: {
            selector: { ...INGRESS_SELECTOR },
            servers: [
              {
                port: { number: 443, name: "https", protocol: "HTTPS" },
                hosts: ["*/*"],
                tls: { mode: "SIMPLE", credentialName: INGRESS_TLS_SECRET, minProtocolVersion: "TLSV1_2" },
              },
            ],
          },
        }),
      ],
    },
  ],
};
