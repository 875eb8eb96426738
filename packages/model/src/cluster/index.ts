/** The cluster part of the model (subpath `@plugilo/model/cluster`). */
export * from "./argocd-bootstrap.ts";
export * from "./cluster-findings.ts";
export * from "./cluster-identities.ts";
export * from "./cluster-settings.ts";
export * from "./cluster-workload-classes.ts";
export * from "./kms-vault.ts";
export * from "./registry-permissions.ts";
export * from "./schema.ts";
export * from "./types.ts";
