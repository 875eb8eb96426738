/**
 * The golden path: a service team fills in a small typed spec, and gets every object a service needs on the
 * platform, with the platform's defaults (docs/adr/0056):
 *   - a Deployment, or an Argo Rollout: canary 10% -> 50% -> 100% through Istio VirtualService weights, or
 *     blue-green for critical services (manual promotion);
 *   - the Service, an Istio DestinationRule (subsets stable/canary for the canary), a VirtualService on the
 *     platform Gateway and the mesh, and an AuthorizationPolicy (the ingress gateway and named callers only);
 *   - an HPA, or a KEDA ScaledObject when the spec scales on events; a PodDisruptionBudget;
 *   - topology spread over the region's zones (over nodes where the region has none);
 *   - a ServiceAccount, or the workload identity's ServiceAccount that the cluster stack creates with the
 *     client ID (docs/adr/0053);
 *   - ExternalSecrets from Key Vault and a ConfigMap, both watched by Reloader;
 *   - probes, resource requests, the restricted security context, the node class (NAP workload class);
 *   - feature flags (OpenFeature FeatureFlag + flagd sidecar) when the spec declares some.
 */
import { Rollout } from "@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/Rollout";
import { DestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1/DestinationRule";
import { VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1/VirtualService";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { WORKLOAD_CLASS_LABEL } from "@plugilo/model";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { INGRESS_NAMESPACE, PLATFORM_GATEWAY } from "./addons/istio.ts";
import type { ClusterContext } from "./context.ts";
import { keyVaultSecret, SERVICES_KEY_VAULT_STORE } from "./external-secret.ts";
import { CustomResource, type KubeObject } from "./kube-object.ts";
import { ARGOCD_SYNC_WAVE, migrationJob, SYNC_WAVE_BEFORE_MIGRATION } from "./migration-job.ts";
import { mirroredSecret } from "./mirrored-secret.ts";
import { DIGEST } from "./services/image-pins.ts";
import { spreadConstraints } from "./topology.ts";
import { WORKLOAD_IDENTITY_CLIENT_ID, WORKLOAD_IDENTITY_USE } from "./workload-identity.ts";

export type RolloutStrategy = "rolling" | "canary" | "blue-green";

/** The canary's traffic steps (design: 10% -> 50% -> 100%), each held for `pause` before the next. */
/** The tag the pinned digest was built as (the image itself is referenced by digest). */
export const IMAGE_TAG_ANNOTATION = "plugilo.io/image-tag";
export const CANARY_WEIGHTS = [10, 50, 100] as const;

export interface KedaTrigger {
  type: string;
  metadata: Record<string, string>;
}

export type ScalingSpec = { kind: "hpa"; cpuUtilization: number } | { kind: "keda"; triggers: KedaTrigger[] };

export interface PlugiloServiceSpec {
  name: string;
  /** Default: the service's name. */
  namespace?: string;
  team: string;
  /** The GitHub repository (owner/name) whose service workflow may promote this service: nothing else may. */
  sourceRepository: string;
  /**
   * Repository in the environment's container registry (model.containerRegistry) and the image, by digest;
   * the tag is informational (services/image-pins.ts).
   */
  image: { repository: string; digest: string; tag: string };
  port: number;
  /** Critical services roll out blue-green with a manual promotion; others canary. */
  critical?: boolean;
  /** Overrides the strategy critical implies. */
  strategy?: RolloutStrategy;
  replicas: { min: number; max: number };
  scaling: ScalingSpec;
  resources: { cpu: string; memory: string; memoryLimit?: string };
  probes: { readinessPath: string; livenessPath: string };
  /** Non-secret configuration, as environment variables from a ConfigMap. */
  config?: Record<string, string>;
  /** Environment variable -> Key Vault secret name. */
  secrets?: Record<string, string>;
  /**
   * Environment variable -> key of a Secret in another namespace that an operator generates (dev's in-cluster
   * databases), mirrored into the service's namespace by Reflector (mirrored-secret.ts).
   */
  operatorSecrets?: Record<string, { namespace: string; secret: string; key: string }>;
  /** A workload class of the cluster (NAP); default general-purpose. */
  workloadClass?: string;
  /** Public host names routed to the service through the platform Gateway (Front Door -> AppGW -> firewall -> ILB). */
  hosts?: string[];
  /** Workloads inside the mesh allowed to call the service: namespace and ServiceAccount. */
  callers?: { namespace: string; serviceAccount: string }[];
  /** Key of a workload identity of the cluster (cluster-identities.ts), when the service calls Azure itself. */
  azureIdentity?: string;
  /** OpenFeature flags: name -> variants, default variant. */
  featureFlags?: Record<string, { variants: Record<string, unknown>; defaultVariant: string; enabled?: boolean }>;
  /** Pause between canary steps. */
  canaryPause?: string;
  /**
   * The service's own user-assigned identity (the data stack creates it from the service spec, federated
   * with every cluster's issuer): the ServiceAccount is rendered here with its client ID.
   */
  workloadIdentity?: { clientId: string };
  /**
   * Schema migrations: the image's migrate command as an Argo CD Sync hook Job in the wave before the workload
   * (migration-job.ts), with environment overrides.
   */
  migrations?: { args: string[]; env?: Record<string, string> };
}

export interface RenderedService {
  name: string;
  namespace: string;
  /** Labels of the service's namespace (rendered with the other namespaces). */
  namespaceLabels: Record<string, string>;
  strategy: RolloutStrategy;
  objects: KubeObject[];
}

const RELOADER_SEARCH = "reloader.stakater.com/search";
const RELOADER_MATCH = "reloader.stakater.com/match";

export function strategyOf(spec: PlugiloServiceSpec): RolloutStrategy {
  return spec.strategy ?? (spec.critical ? "blue-green" : "canary");
}

export function renderPlugiloService(ctx: ClusterContext, spec: PlugiloServiceSpec): RenderedService {
  const name = spec.name;
  const namespace = spec.namespace ?? name;
  const strategy = strategyOf(spec);
  const host = `${name}.${namespace}.svc.cluster.local`;
  const selector = { "app.kubernetes.io/name": name };
  const labels = { ...selector, "app.kubernetes.io/part-of": spec.team, "plugilo.io/golden-path": "plugilo-service" };
  const meta = (objectName: string, extra: Record<string, string> = {}) => ({
    name: objectName,
    namespace,
    labels: { ...labels, ...extra },
  });
  if (spec.replicas.min < 2)
    throw new Error(`service ${name}: at least 2 replicas (a PodDisruptionBudget and zone spread need them)`);
  if (spec.replicas.max < spec.replicas.min) throw new Error(`service ${name}: replicas.max is below replicas.min`);
  if (!DIGEST.test(spec.image.digest))
    throw new Error(`service ${name}: image.digest "${spec.image.digest}" is not sha256:<64 hex>`);
  const needs = (addon: Parameters<ClusterContext["enabled"]>[0], what: string) => {
    if (!ctx.enabled(addon))
      throw new Error(`service ${name}: ${what} needs the ${addon} add-on, which is off in cluster ${ctx.cluster.name}`);
  };
  needs("istio", "the mesh");
  if (strategy !== "rolling") needs("argo-rollouts", `a ${strategy} rollout`);
  if (spec.secrets) needs("external-secrets", "secrets from Key Vault");
  // A service reads only its own secrets: Key Vault names prefixed with its name (docs/adr/0125).
  for (const [key, secret] of Object.entries(spec.secrets ?? {}))
    if (!secret.startsWith(`${name}-`))
      throw new Error(`service ${name}: secrets.${key} reads "${secret}"; a service's Key Vault secrets are named ${name}-<...>`);
  if (spec.featureFlags) needs("openfeature", "feature flags");
  if (spec.config || spec.secrets) needs("reloader", "reloading on configuration changes");

  const objects: KubeObject[] = [];
  // What the migration Job's pod needs exists before it: its ServiceAccount and Secrets in the wave before it.
  const beforeMigration: Record<string, string> = spec.migrations ? { [ARGOCD_SYNC_WAVE]: SYNC_WAVE_BEFORE_MIGRATION } : {};

  // Identity: the cluster stack's ServiceAccount (with the client ID) or one of our own without Azure access.
  let serviceAccount = name;
  if (spec.workloadIdentity && spec.azureIdentity)
    throw new Error(`service ${name}: workloadIdentity and azureIdentity are exclusive (one ServiceAccount)`);
  if (spec.workloadIdentity) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(spec.workloadIdentity.clientId))
      throw new Error(`service ${name}: workloadIdentity.clientId "${spec.workloadIdentity.clientId}" is not a GUID`);
    objects.push(
      new ServiceAccount({
        metadata: {
          ...meta(name),
          annotations: { [WORKLOAD_IDENTITY_CLIENT_ID]: spec.workloadIdentity.clientId, ...beforeMigration },
        },
      }),
    );
  } else if (spec.azureIdentity) {
    const identity = ctx.identity(spec.azureIdentity);
    if (identity.namespace !== namespace) {
      throw new Error(
        `service ${name}: identity ${identity.key} is federated with ${identity.namespace}/${identity.serviceAccount}, not namespace ${namespace}`,
      );
    }
    serviceAccount = identity.serviceAccount;
  } else {
    objects.push(
      new ServiceAccount({
        metadata: { ...meta(name), ...(spec.migrations ? { annotations: beforeMigration } : {}) },
        automountServiceAccountToken: false,
      }),
    );
  }

  const configName = `${name}-config`;
  if (spec.config) {
    objects.push(
      new ConfigMap({ metadata: { ...meta(configName), annotations: { [RELOADER_MATCH]: "true" } }, data: { ...spec.config } }),
    );
  }
  const secretName = `${name}-secrets`;
  if (spec.secrets) {
    objects.push(
      keyVaultSecret({
        name: secretName,
        namespace,
        labels,
        store: SERVICES_KEY_VAULT_STORE,
        data: spec.secrets,
        // The Secret ESO writes carries the annotation Reloader matches on.
        template: { type: "Opaque", data: Object.fromEntries(Object.keys(spec.secrets).map((k) => [k, `{{ .${k} }}`])) },
      }),
    );
    // ESO copies template metadata onto the Secret: set it on the template.
    const es = objects[objects.length - 1] as unknown as {
      metadata: { annotations?: Record<string, string> };
      spec: { target: { template: { metadata?: unknown } } };
    };
    es.spec.target.template.metadata = { annotations: { [RELOADER_MATCH]: "true" } };
    // Argo CD's ExternalSecret health check waits for the Secret to be synced before the next wave
    // (https://github.com/argoproj/argo-cd/blob/master/resource_customizations/external-secrets.io/ExternalSecret/health.lua).
    if (spec.migrations) es.metadata.annotations = { ...es.metadata.annotations, ...beforeMigration };
  }

  const operatorSecrets = Object.entries(spec.operatorSecrets ?? {});
  if (operatorSecrets.length) needs("reflector", "secrets from another namespace");
  for (const source of new Map(operatorSecrets.map(([, r]) => [`${r.namespace}/${r.secret}`, r])).values()) {
    if (source.namespace === namespace)
      throw new Error(`service ${name}: operatorSecrets ${source.secret} is in the service's own namespace; no mirror needed`);
    objects.push(
      mirroredSecret({
        name: source.secret,
        namespace,
        labels,
        source: { namespace: source.namespace, name: source.secret },
        ...(spec.migrations ? { annotations: beforeMigration } : {}),
      }),
    );
  }

  const flagSource = `${name}-flags`;
  if (spec.featureFlags) {
    objects.push(
      new CustomResource({
        apiVersion: "core.openfeature.dev/v1beta1",
        kind: "FeatureFlag",
        metadata: meta(flagSource),
        spec: {
          flagSpec: {
            flags: Object.fromEntries(
              Object.entries(spec.featureFlags).map(([flag, f]) => [
                flag,
                { state: f.enabled === false ? "DISABLED" : "ENABLED", variants: f.variants, defaultVariant: f.defaultVariant },
              ]),
            ),
          },
        },
      }),
      new CustomResource({
        apiVersion: "core.openfeature.dev/v1beta1",
        kind: "FeatureFlagSource",
        metadata: meta(flagSource),
        spec: { sources: [{ source: `${namespace}/${flagSource}`, provider: "kubernetes" }], port: 8013 },
      }),
    );
  }

  // Node class: the NAP workload class's label and the tolerations of its taints.
  const className = spec.workloadClass ?? "general-purpose";
  const workloadClass = ctx.cluster.workloadClasses.find((c) => c.name === className);
  if (spec.workloadClass && !workloadClass)
    throw new Error(`service ${name}: cluster ${ctx.cluster.name} has no workload class ${className}`);

  const podTemplate: IPodTemplateSpec = {
    metadata: {
      labels: { ...labels, ...(spec.azureIdentity || spec.workloadIdentity ? { [WORKLOAD_IDENTITY_USE]: "true" } : {}) },
      annotations: spec.featureFlags
        ? { "openfeature.dev/enabled": "true", "openfeature.dev/featureflagsource": flagSource }
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
          ...(spec.config ? { envFrom: [{ configMapRef: { name: configName } }] } : {}),
          ...(spec.secrets || operatorSecrets.length
            ? {
                env: [
                  ...Object.keys(spec.secrets ?? {}).map((key) => ({
                    name: key,
                    valueFrom: { secretKeyRef: { name: secretName, key } },
                  })),
                  ...operatorSecrets.map(([variable, r]) => ({
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

  const workloadAnnotations = { [RELOADER_SEARCH]: "true", [IMAGE_TAG_ANNOTATION]: spec.image.tag };
  const workload = (() => {
    if (strategy === "rolling") {
      return new Deployment({
        metadata: { ...meta(name), annotations: workloadAnnotations },
        spec: {
          selector: { matchLabels: selector },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
          template: podTemplate,
        },
      });
    }
    const rolloutStrategy =
      strategy === "canary"
        ? {
            canary: {
              trafficRouting: {
                istio: {
                  virtualService: { name, routes: ["primary"] },
                  destinationRule: { name, canarySubsetName: "canary", stableSubsetName: "stable" },
                },
              },
              steps: CANARY_WEIGHTS.flatMap((weight) =>
                weight < 100
                  ? [{ setWeight: weight }, { pause: { duration: spec.canaryPause ?? "5m" } }]
                  : [{ setWeight: weight }],
              ),
            },
          }
        : {
            blueGreen: {
              activeService: name,
              previewService: `${name}-preview`,
              // Critical services: a person promotes after checking the preview.
              autoPromotionEnabled: false,
              scaleDownDelaySeconds: 60,
            },
          };
    return new Rollout({
      metadata: { ...meta(name), annotations: workloadAnnotations },
      spec: { selector: { matchLabels: selector }, template: podTemplate, strategy: rolloutStrategy, revisionHistoryLimit: 5 },
    });
  })();
  objects.push(workload);
  if (spec.migrations) {
    objects.push(
      migrationJob({
        service: name,
        namespace,
        labels,
        podTemplate,
        config: spec.config ?? {},
        args: spec.migrations.args,
        env: spec.migrations.env,
      }),
    );
  }

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

  const target = {
    apiVersion: strategy === "rolling" ? "apps/v1" : "argoproj.io/v1alpha1",
    kind: strategy === "rolling" ? "Deployment" : "Rollout",
    name,
  };
  if (spec.scaling.kind === "hpa") {
    objects.push(
      new HorizontalPodAutoscaler({
        metadata: meta(name),
        spec: {
          scaleTargetRef: target,
          minReplicas: spec.replicas.min,
          maxReplicas: spec.replicas.max,
          metrics: [
            {
              type: "Resource",
              resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.scaling.cpuUtilization } },
            },
          ],
        },
      }),
    );
  } else {
    needs("keda", "event scaling");
    objects.push(
      new ScaledObject({
        metadata: meta(name),
        spec: {
          scaleTargetRef: target,
          minReplicaCount: spec.replicas.min,
          maxReplicaCount: spec.replicas.max,
          triggers: spec.scaling.triggers.map((t) => ({ type: t.type, metadata: { ...t.metadata } })),
        },
      }),
    );
  }

  objects.push(
    new PodDisruptionBudget({ metadata: meta(name), spec: { selector: { matchLabels: selector }, maxUnavailable: 1 } }),
  );

  return { name, namespace, namespaceLabels: { "istio-injection": "enabled" }, strategy, objects };
}
