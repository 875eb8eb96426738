/** The gitops part of the model (subpath `@plugilo/model/gitops`). */

export * from "./gitops.ts";
export * from "./gitops-sources.ts";
export * from "./runner-scale-sets.ts";
export * from "./schema.ts";
