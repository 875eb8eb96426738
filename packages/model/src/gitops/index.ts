/** The gitops part of the model (subpath `@plugilo/model/gitops`). */
export * from "./addon-catalogue.ts";
export * from "./gitops.ts";
export * from "./gitops-sources.ts";
export * from "./registries.ts";
export * from "./runner-scale-sets.ts";
export * from "./schema.ts";
