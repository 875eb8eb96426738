/**
 * The service's pod: the image by digest, probes, resources, the restricted security context, the NAP
 * workload class (node selector and tolerations), topology spread, configuration and secrets as environment.
 */
import { WORKLOAD_CLASS_LABEL } from "@plugilo/model";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import { spreadConstraints } from "../topology.ts";
import { WORKLOAD_IDENTITY_USE } from "../workload-identity.ts";
import type { ServiceConfiguration } from "./configuration.ts";
import type { ServiceFrame } from "./frame.ts";

export function servicePodTemplate(f: ServiceFrame, serviceAccount: string, c: ServiceConfiguration): IPodTemplateSpec {
  const { ctx, spec, name, labels, selector } = f;
  // Node class: the NAP workload class's label and the tolerations of its taints.
  const className = spec.workloadClass ?? "general-purpose";
  const workloadClass = ctx.cluster.workloadClasses.find((w) => w.name === className);
  if (spec.workloadClass && !workloadClass)
    throw new Error(`service ${name}: cluster ${ctx.cluster.name} has no workload class ${className}`);

  return {
    metadata: {
      labels: { ...labels, ...(spec.azureIdentity || spec.workloadIdentity ? { [WORKLOAD_IDENTITY_USE]: "true" } : {}) },
      annotations: spec.featureFlags
        ? { "openfeature.dev/enabled": "true", "openfeature.dev/featureflagsource": c.flagSource }
        : {},
    },
    spec: {
      serviceAccountName: serviceAccount,
      automountServiceAccountToken: Boolean(spec.azureIdentity || spec.workloadIdentity || spec.featureFlags),
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: "RuntimeDefault" },
      },
      ...(workloadClass
        ? {
            nodeSelector: { [WORKLOAD_CLASS_LABEL]: workloadClass.name },
            ...(workloadClass.taints.length
              ? {
                  tolerations: workloadClass.taints.map((t) => ({
                    key: t.key,
                    operator: "Equal",
                    value: t.value,
                    effect: t.effect,
                  })),
                }
              : {}),
          }
        : {}),
      topologySpreadConstraints: spreadConstraints(ctx, selector),
      containers: [
        {
          name,
          // By digest: what was scanned and reviewed is what runs; a tag could be moved to another image.
          image: `${ctx.model.containerRegistry.loginServer}/${spec.image.repository}@${spec.image.digest}`,
          ports: [{ name: "http", containerPort: spec.port, protocol: "TCP" }],
          ...(spec.config ? { envFrom: [{ configMapRef: { name: c.configName } }] } : {}),
          ...(spec.secrets || c.operatorSecrets.length
            ? {
                env: [
                  ...Object.keys(spec.secrets ?? {}).map((key) => ({
                    name: key,
                    valueFrom: { secretKeyRef: { name: c.secretName, key } },
                  })),
                  ...c.operatorSecrets.map(([variable, r]) => ({
                    name: variable,
                    valueFrom: { secretKeyRef: { name: r.secret, key: r.key } },
                  })),
                ],
              }
            : {}),
          resources: {
            requests: { cpu: spec.resources.cpu, memory: spec.resources.memory },
            limits: { memory: spec.resources.memoryLimit ?? spec.resources.memory },
          },
          readinessProbe: { httpGet: { path: spec.probes.readinessPath, port: "http" }, periodSeconds: 5, failureThreshold: 3 },
          livenessProbe: { httpGet: { path: spec.probes.livenessPath, port: "http" }, periodSeconds: 10, failureThreshold: 3 },
          startupProbe: { httpGet: { path: spec.probes.livenessPath, port: "http" }, periodSeconds: 5, failureThreshold: 30 },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
          },
          volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
        },
      ],
      volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
    },
  };
}
