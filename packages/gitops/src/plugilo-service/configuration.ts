/**
 * What the service's pods read besides the image: the ConfigMap, Key Vault secrets through an ExternalSecret
 * (both matched by Reloader), operators' Secrets mirrored from other namespaces, and OpenFeature flags.
 */
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { keyVaultSecret, SERVICES_KEY_VAULT_STORE } from "../external-secret.ts";
import { CustomResource, type KubeObject } from "../kube-object.ts";
import { mirroredSecret } from "../mirrored-secret.ts";
import { RELOADER_MATCH, type ServiceFrame } from "./frame.ts";

export interface ServiceConfiguration {
  objects: KubeObject[];
  /** The ConfigMap's name (exists when spec.config does). */
  configName: string;
  /** The ExternalSecret's target Secret (exists when spec.secrets does). */
  secretName: string;
  /** Environment variable -> operator Secret key, in the spec's order. */
  operatorSecrets: [string, { namespace: string; secret: string; key: string }][];
  /** The FeatureFlagSource's name (exists when spec.featureFlags does). */
  flagSource: string;
}

export function serviceConfiguration(f: ServiceFrame): ServiceConfiguration {
  const { spec, name, namespace, labels, meta, beforeMigration } = f;
  const objects: KubeObject[] = [];
  const configName = `${name}-config`;
  if (spec.config) {
    objects.push(
      new ConfigMap({ metadata: { ...meta(configName), annotations: { [RELOADER_MATCH]: "true" } }, data: { ...spec.config } }),
    );
  }
  const secretName = `${name}-secrets`;
  if (spec.secrets) {
    const es = keyVaultSecret({
      name: secretName,
      namespace,
      labels,
      store: SERVICES_KEY_VAULT_STORE,
      data: spec.secrets,
      // The Secret ESO writes carries the annotation Reloader matches on.
      template: { type: "Opaque", data: Object.fromEntries(Object.keys(spec.secrets).map((k) => [k, `{{ .${k} }}`])) },
    });
    objects.push(es);
    // ESO copies template metadata onto the Secret: set it on the template.
    const raw = es as unknown as {
      metadata: { annotations?: Record<string, string> };
      spec: { target: { template: { metadata?: unknown } } };
    };
    raw.spec.target.template.metadata = { annotations: { [RELOADER_MATCH]: "true" } };
    // Argo CD's ExternalSecret health check waits for the Secret to be synced before the next wave
    // (https://github.com/argoproj/argo-cd/blob/master/resource_customizations/external-secrets.io/ExternalSecret/health.lua).
    if (spec.migrations) raw.metadata.annotations = { ...raw.metadata.annotations, ...beforeMigration };
  }

  const operatorSecrets = Object.entries(spec.operatorSecrets ?? {});
  if (operatorSecrets.length) f.needs("reflector", "secrets from another namespace");
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
              Object.entries(spec.featureFlags).map(([flag, flagSpec]) => [
                flag,
                {
                  state: flagSpec.enabled === false ? "DISABLED" : "ENABLED",
                  variants: flagSpec.variants,
                  defaultVariant: flagSpec.defaultVariant,
                },
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
  return { objects, configName, secretName, operatorSecrets, flagSource };
}
