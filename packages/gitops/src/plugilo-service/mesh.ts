/**
 * The service in the mesh: its Service (and the blue-green preview), the Istio DestinationRule (subsets
 * stable/canary for a canary), the VirtualService on the mesh and, with public hosts, the platform Gateway,
 * and the AuthorizationPolicy: the ingress gateway (when public), named callers and its own namespace only.
 */
import { DestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1/DestinationRule";
import { VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1/VirtualService";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import { Service } from "kubernetes-models/v1/Service";
import { INGRESS_NAMESPACE, PLATFORM_GATEWAY } from "../addons/istio.ts";
import type { KubeObject } from "../kube-object.ts";
import type { ServiceFrame } from "./frame.ts";

export function serviceMesh(f: ServiceFrame): KubeObject[] {
  const { spec, name, namespace, host, selector, meta, strategy } = f;
  const objects: KubeObject[] = [];
  const service = (serviceName: string) =>
    new Service({
      metadata: meta(serviceName),
      spec: { selector, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP", appProtocol: "http" }] },
    });
  objects.push(service(name));
  if (strategy === "blue-green") objects.push(service(`${name}-preview`));

  objects.push(
    new DestinationRule({
      metadata: meta(name),
      spec: {
        host,
        trafficPolicy: {
          connectionPool: { http: { http2MaxRequests: 1000, maxRequestsPerConnection: 100 } },
          outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
        },
        // Argo Rollouts sets the pod-template-hash label of each subset during a canary.
        ...(strategy === "canary"
          ? {
              subsets: [
                { name: "stable", labels: selector },
                { name: "canary", labels: selector },
              ],
            }
          : {}),
      },
    }),
  );

  const destination = (subset?: string) => ({ host, port: { number: 80 }, ...(subset ? { subset } : {}) });
  objects.push(
    new VirtualService({
      metadata: meta(name),
      spec: {
        hosts: [host, ...(spec.hosts ?? [])],
        gateways: ["mesh", ...(spec.hosts?.length ? [PLATFORM_GATEWAY] : [])],
        http: [
          {
            name: "primary",
            route:
              strategy === "canary"
                ? [
                    { destination: destination("stable"), weight: 100 },
                    { destination: destination("canary"), weight: 0 },
                  ]
                : [{ destination: destination() }],
            retries: { attempts: 2, perTryTimeout: "5s", retryOn: "gateway-error,connect-failure,refused-stream" },
            timeout: "15s",
          },
        ],
      },
    }),
  );

  // Who may call: the ingress gateway (when public), named callers, and the service's own namespace.
  const principals = [
    ...(spec.hosts?.length ? [`cluster.local/ns/${INGRESS_NAMESPACE}/sa/istio-ingress`] : []),
    ...(spec.callers ?? []).map((c) => `cluster.local/ns/${c.namespace}/sa/${c.serviceAccount}`),
  ];
  objects.push(
    new AuthorizationPolicy({
      metadata: meta(name),
      spec: {
        selector: { matchLabels: selector },
        action: "ALLOW",
        rules: [
          ...(principals.length ? [{ from: [{ source: { principals } }] }] : []),
          { from: [{ source: { namespaces: [namespace] } }] },
        ],
      },
    }),
  );
  return objects;
}
