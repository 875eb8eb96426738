/** The access part of the model (subpath `@plugilo/model/access`). */
export * from "./access.ts";
export * from "./schema.ts";
export * from "./tailnet-policy.ts";
