/**
 * A service's schema migration as an Argo CD Sync hook in wave -1: a Job from the service's own image and pod
 * template (same ServiceAccount and workload identity, security context, node class, configuration), running
 * the image's `migrate` command before Argo CD applies the new version (wave 0). A failed migration fails the
 * sync, so the old version keeps serving. BeforeHookCreation replaces the previous run's Job on the next sync.
 *
 * Why not PreSync: Argo CD runs every PreSync hook before it applies any manifest of the Sync phase, whatever
 * their waves, so on a brand-new service's first sync a PreSync Job would wait for a ServiceAccount (and the
 * secrets it reads) that only the Sync phase creates. Within one phase, hooks and resources are ordered by
 * wave (default 0, lower first), and Argo CD moves to the next wave only when the current one is synced and
 * healthy (a hook Job: completed). So: the ServiceAccount and the Job's secrets in wave -2 (SYNC_WAVE_BEFORE_
 * MIGRATION), the migration in wave -1, everything else in wave 0, on the first sync and on every later one.
 * https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/ (phases, "Hooks and resources are assigned
 * to wave zero by default", the order: phase, wave, kind, name),
 * https://argo-cd.readthedocs.io/en/stable/user-guide/resource_hooks/ (hook types, hook-delete-policy).
 */
import { Job } from "kubernetes-models/batch/v1/Job";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";

export const ARGOCD_HOOK = "argocd.argoproj.io/hook";
export const ARGOCD_HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
export const ARGOCD_SYNC_WAVE = "argocd.argoproj.io/sync-wave";
/** The migration's wave: after what it needs, before the workload (wave 0). */
export const MIGRATION_SYNC_WAVE = "-1";
/** The wave of what the migration needs: the ServiceAccount and the Secrets its pod reads. */
export const SYNC_WAVE_BEFORE_MIGRATION = "-2";

export interface MigrationJobArgs {
  service: string;
  namespace: string;
  labels: Record<string, string>;
  /** The service's pod template: the Job's pod is the same pod with another command. */
  podTemplate: IPodTemplateSpec;
  /** The image's migrate command (arguments to its entry point). */
  args: string[];
  /** The service's configuration: inlined, so the Job does not depend on the ConfigMap's wave. */
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
      annotations: {
        [ARGOCD_HOOK]: "Sync",
        [ARGOCD_SYNC_WAVE]: MIGRATION_SYNC_WAVE,
        [ARGOCD_HOOK_DELETE_POLICY]: "BeforeHookCreation",
      },
    },
    spec: { backoffLimit: 2, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86_400, template },
  });
}
