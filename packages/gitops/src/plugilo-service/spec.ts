/** What a service team writes (the golden path's typed spec) and what the platform renders from it. */
import type { KubeObject } from "../kube-object.ts";

export type RolloutStrategy = "rolling" | "canary" | "blue-green";

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

export function strategyOf(spec: PlugiloServiceSpec): RolloutStrategy {
  return spec.strategy ?? (spec.critical ? "blue-green" : "canary");
}
