/**
 * The golden path: a service team fills in a small typed spec, and gets every object a service needs on the
 * platform, with the platform's defaults (docs/adr/0056). Each concern is its own module in plugilo-service/:
 *   - spec.ts: the spec and the rendered result;
 *   - identity.ts: a ServiceAccount, or the workload identity's ServiceAccount that the cluster stack creates
 *     with the client ID (docs/adr/0053);
 *   - configuration.ts: ExternalSecrets from Key Vault and a ConfigMap, both watched by Reloader; mirrored
 *     operator Secrets; feature flags (OpenFeature FeatureFlag + flagd sidecar) when the spec declares some;
 *   - pod-template.ts: probes, resource requests, the restricted security context, the node class (NAP
 *     workload class), topology spread over the region's zones (over nodes where the region has none);
 *   - workload.ts: a Deployment, or an Argo Rollout: canary 10% -> 50% -> 100% through Istio VirtualService
 *     weights, or blue-green for critical services (manual promotion); the migration Job beside it;
 *   - mesh.ts: the Service, an Istio DestinationRule (subsets stable/canary for the canary), a VirtualService
 *     on the platform Gateway and the mesh, and an AuthorizationPolicy (the ingress gateway and named callers);
 *   - scaling.ts: an HPA, or a KEDA ScaledObject when the spec scales on events; a PodDisruptionBudget.
 */
import type { ClusterContext } from "./context.ts";
import type { KubeObject } from "./kube-object.ts";
import { ARGOCD_SYNC_WAVE, migrationJob, SYNC_WAVE_BEFORE_MIGRATION } from "./migration-job.ts";
import { serviceConfiguration } from "./plugilo-service/configuration.ts";
import type { ServiceFrame } from "./plugilo-service/frame.ts";
import { serviceIdentity } from "./plugilo-service/identity.ts";
import { serviceMesh } from "./plugilo-service/mesh.ts";
import { servicePodTemplate } from "./plugilo-service/pod-template.ts";
import { serviceScaling } from "./plugilo-service/scaling.ts";
import { type PlugiloServiceSpec, type RenderedService, strategyOf } from "./plugilo-service/spec.ts";
import { serviceWorkload } from "./plugilo-service/workload.ts";
import { DIGEST } from "./services/image-pins.ts";

export * from "./plugilo-service/spec.ts";
export { CANARY_WEIGHTS, IMAGE_TAG_ANNOTATION } from "./plugilo-service/workload.ts";

export function renderPlugiloService(ctx: ClusterContext, spec: PlugiloServiceSpec): RenderedService {
  const name = spec.name;
  const namespace = spec.namespace ?? name;
  const strategy = strategyOf(spec);
  const selector = { "app.kubernetes.io/name": name };
  const labels = { ...selector, "app.kubernetes.io/part-of": spec.team, "plugilo.io/golden-path": "plugilo-service" };
  if (spec.replicas.min < 2)
    throw new Error(`service ${name}: at least 2 replicas (a PodDisruptionBudget and zone spread need them)`);
  if (spec.replicas.max < spec.replicas.min) throw new Error(`service ${name}: replicas.max is below replicas.min`);
  if (!DIGEST.test(spec.image.digest))
    throw new Error(`service ${name}: image.digest "${spec.image.digest}" is not sha256:<64 hex>`);
  const frame: ServiceFrame = {
    ctx,
    spec,
    name,
    namespace,
    strategy,
    host: `${name}.${namespace}.svc.cluster.local`,
    selector,
    labels,
    meta: (objectName, extra = {}) => ({ name: objectName, namespace, labels: { ...labels, ...extra } }),
    needs: (addon, what) => {
      if (!ctx.enabled(addon))
        throw new Error(`service ${name}: ${what} needs the ${addon} add-on, which is off in cluster ${ctx.cluster.name}`);
    },
    // What the migration Job's pod needs exists before it: its ServiceAccount and Secrets in the wave before it.
    beforeMigration: spec.migrations ? { [ARGOCD_SYNC_WAVE]: SYNC_WAVE_BEFORE_MIGRATION } : {},
  };
  const { needs } = frame;
  needs("istio", "the mesh");
  if (strategy !== "rolling") needs("argo-rollouts", `a ${strategy} rollout`);
  if (spec.secrets) needs("external-secrets", "secrets from Key Vault");
  // A service reads only its own secrets: Key Vault names prefixed with its name (docs/adr/0125).
  for (const [key, secret] of Object.entries(spec.secrets ?? {}))
    if (!secret.startsWith(`${name}-`))
      throw new Error(`service ${name}: secrets.${key} reads "${secret}"; a service's Key Vault secrets are named ${name}-<...>`);
  if (spec.featureFlags) needs("openfeature", "feature flags");
  if (spec.config || spec.secrets) needs("reloader", "reloading on configuration changes");

  const identity = serviceIdentity(frame);
  const configuration = serviceConfiguration(frame);
  const podTemplate = servicePodTemplate(frame, identity.serviceAccount, configuration);
  const objects: KubeObject[] = [...identity.objects, ...configuration.objects, serviceWorkload(frame, podTemplate)];
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
  objects.push(...serviceMesh(frame), ...serviceScaling(frame));
  return { name, namespace, namespaceLabels: { "istio-injection": "enabled" }, strategy, objects };
}
