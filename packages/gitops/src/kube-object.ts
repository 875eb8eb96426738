/**
 * What the renderer writes: Kubernetes objects that can check themselves against their schema. The
 * kubernetes-models classes are such objects; `CustomResource` is one for the CRDs that no package covers,
 * checked against the upstream CRD's JSON schema (crd-schemas.ts).
 */
import { validateCustomResource } from "./crd-schemas.ts";

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A Kubernetes object as the renderer handles it: identity, a schema check, and its JSON form. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
  validate(): void;
  toJSON(): unknown;
}

/** A custom resource without a kubernetes-models class. `validate` uses the CRD's own schema. */
export class CustomResource<Spec = Record<string, unknown>> implements KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: Spec;

  constructor(data: { apiVersion: string; kind: string; metadata: ObjectMeta; spec: Spec }) {
    this.apiVersion = data.apiVersion;
    this.kind = data.kind;
    this.metadata = data.metadata;
    this.spec = data.spec;
  }

  validate(): void {
    validateCustomResource(this.toJSON());
  }

  toJSON(): { apiVersion: string; kind: string; metadata: ObjectMeta; spec: Spec } {
    return { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata, spec: this.spec };
  }
}

export function nameOf(object: KubeObject): string {
  const name = object.metadata?.name;
  if (!name) throw new Error(`a ${object.kind} without metadata.name`);
  return name;
}

/** "ClusterSecretStore key-vault" or "Deployment example/api": how errors and tests name an object. */
export function describeObject(object: KubeObject): string {
  const ns = object.metadata?.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ""}${object.metadata?.name ?? "(unnamed)"}`;
}
