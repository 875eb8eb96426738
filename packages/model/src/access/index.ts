/** The access part of the model (subpath `@plugilo/model/access`). */

export * from "./access.ts";
export * from "./access-findings.ts";
export * from "./avd-model.ts";
export * from "./schema.ts";
export * from "./tailnet-policy.ts";
