// biome-ignore-all lint/suspicious/noExplicitAny: the assertions walk rendered JSON, whose shape the schemas already checked.
/** Shared helpers of the gitops tests (not a test file: the runner picks up *.test.ts only). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type EnvironmentConfig, type EnvironmentModel, loadModel, parseEnvironment, resolveConfig } from "@plugilo/model";
import type { KubeObject } from "../src/kube-object.ts";
import { type RenderedCluster, renderEnvironment } from "../src/render.ts";

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export const REPO = join(import.meta.dirname, "..", "..", "..");

export interface Rendered {
  model: EnvironmentModel;
  clusters: RenderedCluster[];
}

/** Every environment, rendered once per test file. */
export function renderAll(): Record<(typeof ENVIRONMENTS)[number], Rendered> {
  return Object.fromEntries(
    ENVIRONMENTS.map((env) => {
      const model = loadModel(env);
      return [env, { model, clusters: renderEnvironment(model) }];
    }),
  ) as Record<(typeof ENVIRONMENTS)[number], Rendered>;
}

/** A model from a real environment file, its parsed configuration changed by `change` (a value layer, a flag). */
export function modelWith(env: (typeof ENVIRONMENTS)[number], change: (config: EnvironmentConfig) => void): EnvironmentModel {
  const file = join(REPO, "environments", `${env}.yaml`);
  const config = parseEnvironment(readFileSync(file, "utf8"), file);
  change(config);
  return resolveConfig(config, file);
}

export function json<T = Record<string, unknown>>(object: KubeObject): T {
  return JSON.parse(JSON.stringify(object.toJSON())) as T;
}

export function objectsOf(cluster: RenderedCluster, kind: string): KubeObject[] {
  return cluster.files.filter((f) => f.object.kind === kind).map((f) => f.object);
}

export function find(cluster: RenderedCluster, kind: string, name: string): KubeObject {
  const found = cluster.files.find((f) => f.object.kind === kind && f.object.metadata?.name === name);
  if (!found) throw new Error(`${cluster.environment}/${cluster.cluster}: no ${kind} ${name}`);
  return found.object;
}

/** The Helm values an Application sends to its chart. */
export function valuesOf(cluster: RenderedCluster, application: string): Record<string, any> {
  const app = json<{ spec: { source: { helm: { valuesObject: Record<string, any> } } } }>(
    find(cluster, "Application", application),
  );
  return app.spec.source.helm.valuesObject;
}
