/**
 * A service's schema migration as an Argo CD PreSync hook: a Job from the service's own image and pod
 * template (same ServiceAccount and workload identity, security context, node class, configuration), running
 * the image's `migrate` command before Argo CD syncs the new version. A failed migration fails the sync, so
 * the old version keeps serving. BeforeHookCreation replaces the previous run's Job on the next sync.
 * Hooks: https://argo-cd.readthedocs.io/en/stable/user-guide/resource_hooks/
 */
import { Job } from "kubernetes-models/batch/v1/Job";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";

export const ARGOCD_HOOK = "argocd.argoproj.io/hook";
export const ARGOCD_HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";

export interface MigrationJobArgs {
  service: string;
  namespace: string;
  labels: Record<string, string>;
  /** The service's pod template: the Job's pod is the same pod with another command. */
  podTemplate: IPodTemplateSpec;
  /** The image's migrate command (arguments to its entry point). */
  args: string[];
  /** The service's configuration: inlined, because a PreSync hook runs before the sync creates the ConfigMap. */
  config: Record<string, string>;
  /** Environment overrides for the migration (e.g. the server's direct port instead of the pooler's). */
  env?: Record<string, string>;
}

export function migrationJob(args: MigrationJobArgs): Job {
  const template = structuredClone(args.podTemplate);
  const spec = template.spec;
  if (!spec) throw new Error(`service ${args.service}: pod template without a spec`);
  const container = spec.containers[0];
  if (!container) throw new Error(`service ${args.service}: pod template without a container`);
  const values = Object.entries({ ...args.config, ...args.env }).map(([name, value]) => ({ name, value }));
  spec.containers = [
    {
      ...container,
      name: "migrate",
      args: args.args,
      ports: undefined,
      readinessProbe: undefined,
      livenessProbe: undefined,
      startupProbe: undefined,
      envFrom: undefined,
      env: [...values, ...(container.env ?? []).filter((e) => !(e.name in args.config) && !(args.env && e.name in args.env))],
    },
  ];
  spec.restartPolicy = "Never";
  // No spread across zones for a single pod.
  delete spec.topologySpreadConstraints;
  // Sidecars (Istio's, flagd's) would keep a finished Job's pod running: the migration needs neither.
  const {
    "openfeature.dev/enabled": _flags,
    "openfeature.dev/featureflagsource": _source,
    ...annotations
  } = template.metadata?.annotations ?? {};
  template.metadata = { ...template.metadata, annotations: { ...annotations, "sidecar.istio.io/inject": "false" } };
  return new Job({
    metadata: {
      name: `${args.service}-migrate`,
      namespace: args.namespace,
      labels: { ...args.labels, "app.kubernetes.io/component": "migration" },
      annotations: { [ARGOCD_HOOK]: "PreSync", [ARGOCD_HOOK_DELETE_POLICY]: "BeforeHookCreation" },
    },
    spec: { backoffLimit: 2, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86_400, template },
  });
}
